-- debug.getlocal / debug.setlocal: named locals, temporaries, varargs, parameter names.

-- values that print without an address
local function str(v)
  local t = type(v)
  if t == "function" or t == "table" or t == "thread" or t == "userdata" then return t end
  return tostring(v)
end

local function locals(level)
  local s = ""
  local i = 1
  while true do
    local name, value = debug.getlocal(level + 1, i)
    if not name then break end
    s = s .. name .. "=" .. str(value) .. " "
    i = i + 1
  end
  return s
end

local function f(a, b)
  local c = a + b
  do
    local d = c * 2
    print(locals(1))
  end
  print(locals(1))
  local e <const> = "e"
  local g = e .. "g"
  print(locals(1))
  return c
end
f(1, 2)
-- expect: a=1 b=2 c=3 d=6 (temporary)=function 
-- expect: a=1 b=2 c=3 (temporary)=function 
-- expect: a=1 b=2 c=3 g=eg (temporary)=function 

-- parameter names of a function value (no values)
print(debug.getlocal(f, 1), debug.getlocal(f, 2), debug.getlocal(f, 3))
-- expect: a	b	nil
print(debug.getlocal(function(x, y, ...) end, 2), debug.getlocal(function(...) end, 1))
-- expect: y	nil
print(debug.getlocal(print, 1), debug.getlocal(f, 0), debug.getlocal(f, -1))
-- expect: nil	nil	nil
print(select('#', debug.getlocal(f, 1)))
-- expect: 1

-- varargs: negative indices
local function v(a, ...)
  print(debug.getlocal(1, -1))
  print(debug.getlocal(1, -2))
  print(debug.getlocal(1, -3))
  print(debug.getlocal(1, -4))
  print(debug.setlocal(1, -2, "changed"))
  print(...)
  print(debug.setlocal(1, -5, "nope"))
  print(debug.getlocal(1, 1), debug.getlocal(1, 0))
end
v(0, "x", "y", nil)
-- expect: (vararg)	x
-- expect: (vararg)	y
-- expect: (vararg)	nil
-- expect: nil
-- expect: (vararg)
-- expect: x	changed	nil
-- expect: nil
-- expect: a	nil
local function nov(a) print(debug.getlocal(1, -1)) end
nov(1)
-- expect: nil

-- temporaries of a native function: pcall's arguments seen from the callee
local function temps()
  local info = debug.getinfo(2, "S")
  print(info.what, debug.getlocal(2, 1), debug.getlocal(2, 2), debug.getlocal(2, 3))
  print(debug.getlocal(2, 4))
end
pcall(temps, "arg")
-- expect: C	(C temporary)	nil	nil
-- expect: nil

-- setlocal
local function s()
  local x = 1
  local y = 2
  print(debug.setlocal(1, 1, 10), debug.setlocal(1, 2, 20), debug.setlocal(1, 20, 30))
  print(x, y)
  local function inner() print(debug.setlocal(2, 1, 100)) end
  inner()
  print(x)
end
s()
-- expect: x	y	nil
-- expect: 10	20
-- expect: x
-- expect: 100

-- temporaries in a Lua frame (values of an expression in progress)
local function peek()
  local n, val = debug.getlocal(2, 3)
  return n .. ":" .. str(val)
end
local function tmp()
  local a = 1
  local b = "q"
  return peek()
end
print(tmp())
-- expect: f:function

-- main chunk locals
local mainlocal = "main"
local n1, v1 = debug.getlocal(1, 1)
print(n1, str(v1))
-- expect: str	function

-- errors
print(pcall(debug.getlocal, 100, 1))
-- expect: false	bad argument #1 to 'debug.getlocal' (level out of range)
print(pcall(debug.setlocal, 100, 1, 2))
-- expect: false	bad argument #1 to 'debug.setlocal' (level out of range)
print(pcall(debug.getlocal, 1))
-- expect: false	bad argument #2 to 'debug.getlocal' (number expected, got no value)
print(pcall(debug.getlocal, "a", 1))
-- expect: false	bad argument #1 to 'debug.getlocal' (number expected, got string)
print(pcall(debug.setlocal, 1, 1))
-- expect: false	bad argument #3 to 'debug.setlocal' (value expected)
print(pcall(debug.getlocal, 1, {}))
-- expect: false	bad argument #2 to 'debug.getlocal' (number expected, got table)

-- other threads
local co = coroutine.create(function(p)
  local q = p * 2
  coroutine.yield()
  print("after", q)
end)
coroutine.resume(co, 21)
print(debug.getlocal(co, 1, 1))
-- expect: p	21
print(debug.getlocal(co, 1, 2))
-- expect: q	42
print(debug.getlocal(co, 1, 3))
-- expect: nil
print(debug.setlocal(co, 1, 2, "set"))
-- expect: q
print(pcall(debug.getlocal, co, 5, 1))
-- expect: false	bad argument #2 to 'debug.getlocal' (level out of range)
print(debug.getlocal(co, 0, 1))
-- expect: nil
coroutine.resume(co)
-- expect: after	set
print(debug.getlocal(co, f, 1))
-- expect: a

-- for loop control variables are named as in lua5.4
for i = 1, 1 do print(locals(1)) end
-- expect: str=function locals=function f=function v=function nov=function temps=function s=function peek=function tmp=function mainlocal=main n1=str v1=function co=thread (for state)=1 (for state)=0 (for state)=1 i=1 (temporary)=function 
for k, val in pairs({a = 1}) do print(locals(1)) end
-- expect: str=function locals=function f=function v=function nov=function temps=function s=function peek=function tmp=function mainlocal=main n1=str v1=function co=thread (for state)=function (for state)=table (for state)=a (for state)=nil k=a val=1 (temporary)=function 
