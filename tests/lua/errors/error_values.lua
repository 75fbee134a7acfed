-- error() with values of every type, and levels.

print(pcall(error))
-- expect: false	nil
print(pcall(error, nil))
-- expect: false	nil
print(pcall(error, 42))
-- expect: false	42
print(pcall(error, 4.5))
-- expect: false	4.5
print(pcall(error, true))
-- expect: false	true
local t = { code = 7 }
local ok, e = pcall(error, t)
print(ok, e == t, e.code)
-- expect: false	true	7
print(select("#", pcall(error, nil)))
-- expect: 2

-- position information is added to string messages only
local function lvl1() error("level 1") end
local function lvl2() error("level 2", 2) end
local function lvl0() error("level 0", 0) end
local function num() error(42, 1) end
print(pcall(lvl1))
-- expect: false	error_values.lua:21: level 1
print(pcall(function() lvl2() end))
-- expect: false	error_values.lua:27: level 2
print(pcall(lvl0))
-- expect: false	level 0
print(pcall(num))
-- expect: false	42

-- level 2 points at the caller of the function that called error
local function check(x) if type(x) ~= "number" then error("expected number", 2) end return x end
local function user() local v = check("str"); return v end
print(pcall(user))
-- expect: false	error_values.lua:36: expected number
-- after a tail call the caller's frame is gone: level 2 is then pcall, with no position
local function tail_user() return check("str") end
print(pcall(tail_user))
-- expect: false	expected number

-- level 3 and levels beyond the stack
local function a() error("from a", 3) end
local function b() a() end
local function c() b() end
print(pcall(c))
-- expect: false	error_values.lua:47: from a
print(pcall(function() error("far away", 50) end))
-- expect: false	far away

-- error called from a chunk with a custom name
print(pcall(load("error('in chunk')", "=custom")))
-- expect: false	custom:1: in chunk
print(pcall(load("\n\nerror('line 3')", "@virtual.lua")))
-- expect: false	virtual.lua:3: line 3
print(pcall(load("error('default name')")))
-- expect: false	[string "error('default name')"]:1: default name
print(pcall(load("local x = 1\nerror('two lines')")))
-- expect: false	[string "local x = 1..."]:2: two lines

-- a string number message still gets position
print(pcall(error, "42"))
-- expect: false	42
print(pcall(function() error("42") end))
-- expect: false	error_values.lua:66: 42

-- rethrowing keeps the message unchanged
local ok2, e2 = pcall(function()
  local ok3, e3 = pcall(error, "inner")
  error(e3, 0)
end)
print(ok2, e2)
-- expect: false	inner
local ok4, e4 = pcall(function()
  local _, e5 = pcall(function() error("with pos") end)
  error(e5)   -- level 1 adds another position prefix
end)
print(ok4, e4)
-- expect: false	error_values.lua:78: error_values.lua:77: with pos
