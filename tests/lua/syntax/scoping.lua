-- Local scopes, shadowing, globals and _ENV.

local x = 1
do
  local x = x + 1
  print("inner", x)
  do
    local x = x * 10
    print("innermost", x)
  end
  print("inner again", x)
end
-- expect: inner	2
-- expect: innermost	20
-- expect: inner again	2
print("outer", x)
-- expect: outer	1

-- local x = x refers to the outer x on the right
local y = "outer y"
do local y = y .. "!" print(y) end
-- expect: outer y!

-- shadowing in the same scope creates a new variable
local z = 1
local f1 = function() return z end
local z = 2
print("shadow", z, f1())
-- expect: shadow	2	1

-- globals live in _ENV
gx = 10
print(_ENV.gx, _G.gx, _ENV == _G)
-- expect: 10	10	true
_ENV.gy = 20
print(gy)
-- expect: 20

-- a local _ENV changes what free names mean
do
  local _ENV = { print = print, tostring = tostring }
  newvar = 5
  print("env", newvar, tostring(gx))
end
-- expect: env	5	nil
print("outside", newvar)
-- expect: outside	nil

-- functions capture the _ENV in scope where they are defined
local function with_env(env)
  local _ENV = env
  return function() return value end
end
local get = with_env({ value = "captured" })
print(get())
-- expect: captured

-- load with an env table
local chunk = load("v = 1; return v + (w or 0)", "chunk", "t", { w = 41 })
print(chunk())
-- expect: 42

-- parameters shadow upvalues
local p = "upvalue"
local function shadowp(p) return p end
print(shadowp("param"), p)
-- expect: param	upvalue

-- multiple locals with the same name in one statement: the last one wins
local d, d = 1, 2
print("dup", d)
-- expect: dup	2

-- nested functions see updated locals
local counter = 0
local function bump() counter = counter + 1 end
bump(); bump()
print("counter", counter)
-- expect: counter	2

-- a block's locals are gone after the block
do local hidden = 1 end
print("hidden", hidden)
-- expect: hidden	nil
