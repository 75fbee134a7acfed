-- debug.getupvalue / setupvalue / upvalueid / upvaluejoin.

local a, b = 1, "two"
local function f() return a, b end
print(debug.getupvalue(f, 1))
-- expect: a	1
print(debug.getupvalue(f, 2))
-- expect: b	two
print(debug.getupvalue(f, 3), debug.getupvalue(f, 0), debug.getupvalue(f, -1))
-- expect: nil	nil
print(select('#', debug.getupvalue(f, 3)))
-- expect: 0
print(debug.setupvalue(f, 1, 10), a, f())
-- expect: a	10	10	two
print(debug.setupvalue(f, 3, 10))
-- expect:
print(select('#', debug.setupvalue(f, 3, 10)))
-- expect: 0

-- _ENV is an upvalue of the main chunk and of functions that use globals
local function usesglobal() return print end
local name, env = debug.getupvalue(usesglobal, 1)
print(name, env == _ENV)
-- expect: _ENV	true

-- native closures: names are empty strings; light functions have none
local gm = coroutine.wrap(function() end)
print(debug.getupvalue(print, 1))
-- expect:
local un, uv = debug.getupvalue(gm, 1)
print(un == "", type(uv), debug.getupvalue(gm, 2))
-- expect: true	thread
print(debug.setupvalue(gm, 2, 1) == nil, debug.upvalueid(gm, 1) ~= nil, debug.upvalueid(gm, 2))
-- expect: true	true	nil

-- upvalueid: shared upvalues share the id
local function g() return a end
local function h() a = a + 1 end
print(debug.upvalueid(f, 1) == debug.upvalueid(g, 1), debug.upvalueid(f, 1) == debug.upvalueid(h, 1))
-- expect: true	true
print(debug.upvalueid(f, 1) == debug.upvalueid(f, 2))
-- expect: false
print(type(debug.upvalueid(f, 1)))
-- expect: userdata
print(debug.upvalueid(f, 3), debug.upvalueid(print, 1))
-- expect: nil	nil
print(pcall(debug.upvalueid, f))
-- expect: false	bad argument #2 to 'debug.upvalueid' (number expected, got no value)
print(pcall(debug.upvalueid, 1, 1))
-- expect: false	bad argument #1 to 'debug.upvalueid' (function expected, got number)
print(pcall(debug.upvalueid, {}, 1))
-- expect: false	bad argument #1 to 'debug.upvalueid' (function expected, got table)

-- upvaluejoin: f's first upvalue becomes k's
local function counter()
  local n = 0
  return function() n = n + 1 return n end
end
local c1, c2 = counter(), counter()
c1() c1()
print(c1(), c2())
-- expect: 3	1
debug.upvaluejoin(c2, 1, c1, 1)
print(c2(), c1(), debug.upvalueid(c1, 1) == debug.upvalueid(c2, 1))
-- expect: 4	5	true
print(pcall(debug.upvaluejoin, c1, 2, c2, 1))
-- expect: false	bad argument #2 to 'debug.upvaluejoin' (invalid upvalue index)
print(pcall(debug.upvaluejoin, c1, 1, c2, 0))
-- expect: false	bad argument #4 to 'debug.upvaluejoin' (invalid upvalue index)
print(pcall(debug.upvaluejoin, print, 1, c2, 1))
-- expect: false	bad argument #2 to 'debug.upvaluejoin' (invalid upvalue index)
print(pcall(debug.upvaluejoin, gm, 1, c2, 1))
-- expect: false	bad argument #1 to 'debug.upvaluejoin' (Lua function expected)
print(pcall(debug.upvaluejoin, c1, 1, gm, 1))
-- expect: false	bad argument #3 to 'debug.upvaluejoin' (Lua function expected)
print(pcall(debug.upvaluejoin, c1, 1, "x", 1))
-- expect: false	bad argument #3 to 'debug.upvaluejoin' (function expected, got string)
print(pcall(debug.upvaluejoin, c1))
-- expect: false	bad argument #2 to 'debug.upvaluejoin' (number expected, got no value)

-- errors
print(pcall(debug.getupvalue, 1, 1))
-- expect: false	bad argument #1 to 'debug.getupvalue' (function expected, got number)
print(pcall(debug.getupvalue, f))
-- expect: false	bad argument #2 to 'debug.getupvalue' (number expected, got no value)
print(pcall(debug.setupvalue, f, 1))
-- expect: false	bad argument #3 to 'debug.setupvalue' (value expected)
print(pcall(debug.setupvalue, nil, 1, 2))
-- expect: false	bad argument #1 to 'debug.setupvalue' (function expected, got nil)

-- closed and open upvalues
local function mk()
  local x = "open"
  local function get() return x end
  print(debug.setupvalue(get, 1, "set while open"), x)
  return get
end
local got = mk()
-- expect: x	set while open
print(got(), debug.setupvalue(got, 1, "closed"), got())
-- expect: set while open	x	closed
