-- <const> and <close> local attributes.

local k <const> = 10
local s <const> = "str"
print(k + 1, s)
-- expect: 11	str

local function try(src)
  local f, msg = load(src)
  print(msg)
end
try("local x <const> = 1; x = 2")
-- expect: [string "local x <const> = 1; x = 2"]:1: attempt to assign to const variable 'x'
try("local x <const> = 1; local function f() x = 2 end")
-- expect: [string "local x <const> = 1; local function f() x = 2..."]:1: attempt to assign to const variable 'x'
try("local a, b <const> = 1, 2; b = 3")
-- expect: [string "local a, b <const> = 1, 2; b = 3"]:1: attempt to assign to const variable 'b'
try("local x <foo> = 1")
-- expect: [string "local x <foo> = 1"]:1: unknown attribute 'foo'
try("local a <close>, b <close> = nil, nil")
-- expect: [string "local a <close>, b <close> = nil, nil"]:1: multiple to-be-closed variables in local list
try("local x <const> = 1; local function g() return function() x = 1 end end")
-- expect: [string "local x <const> = 1; local function g() retur..."]:1: attempt to assign to const variable 'x'
-- the same name in a nested scope is a new variable and can be assigned
print(load("local x <const> = 1; do local x = 2; x = 3 end; return x")())
-- expect: 1

-- <close> calls __close in reverse order when the block ends
local function closable(name)
  return setmetatable({}, { __close = function(o, err) print("close", name, err) end })
end
do
  local a <close> = closable("a")
  local b <close> = closable("b")
  local c <close> = nil     -- nil and false are allowed and ignored
  local d <close> = false
  print("in block")
end
-- expect: in block
-- expect: close	b	nil
-- expect: close	a	nil
print("after block")
-- expect: after block

-- closed on break, return and goto out of the block
for i = 1, 3 do
  local x <close> = closable("loop" .. i)
  if i == 2 then break end
end
-- expect: close	loop1	nil
-- expect: close	loop2	nil

local function ret()
  local x <close> = closable("ret")
  return "returned"
end
print(ret())
-- expect: close	ret	nil
-- expect: returned

do
  local x <close> = closable("goto")
  goto out
end
::out::
-- expect: close	goto	nil

-- closed on error, receiving the error object
print(pcall(function()
  local x <close> = closable("err")
  error("boom", 0)
end))
-- expect: close	err	boom
-- expect: false	boom

-- values returned are computed before closing
local function order()
  local log = {}
  do
    local x <close> = setmetatable({}, { __close = function() log[#log + 1] = "closed" end })
    log[#log + 1] = "body"
  end
  return log[1] .. "," .. log[2]
end
print(order())
-- expect: body,closed

-- a non-closable value is an error at the declaration
print(pcall(function() local x <close> = {} end))
-- expect: false	const_close.lua:89: variable 'x' got a non-closable value
print(pcall(function() local x <close> = 42 end))
-- expect: false	const_close.lua:91: variable 'x' got a non-closable value

-- a <close> variable is also constant
try("local x <close> = nil; x = 1")
-- expect: [string "local x <close> = nil; x = 1"]:1: attempt to assign to const variable 'x'

-- generic for: the fourth value is closed when the loop ends (normally or by break)
local function iter(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end, nil, nil, closable("for")
end
for i in iter(2) do print("iter", i) end
-- expect: iter	1
-- expect: iter	2
-- expect: close	for	nil
for i in iter(5) do if i == 3 then break end end
-- expect: close	for	nil
print("done")
-- expect: done
