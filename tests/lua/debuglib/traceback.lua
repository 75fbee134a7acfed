-- debug.traceback: messages, levels, threads, and the names it gives to functions.

print(debug.traceback())
-- expect: stack traceback:
-- expect: 	traceback.lua:3: in main chunk
-- expect: 	[C]: in ?
print(debug.traceback("msg"))
-- expect: msg
-- expect: stack traceback:
-- expect: 	traceback.lua:7: in main chunk
-- expect: 	[C]: in ?
print(debug.traceback("msg", 0))
-- expect: msg
-- expect: stack traceback:
-- expect: 	[C]: in function 'debug.traceback'
-- expect: 	traceback.lua:12: in main chunk
-- expect: 	[C]: in ?
print(debug.traceback("msg", 1))
-- expect: msg
-- expect: stack traceback:
-- expect: 	traceback.lua:18: in main chunk
-- expect: 	[C]: in ?
print(debug.traceback("msg", 50))
-- expect: msg
-- expect: stack traceback:
print(debug.traceback(nil, 1))
-- expect: stack traceback:
-- expect: 	traceback.lua:26: in main chunk
-- expect: 	[C]: in ?
print(debug.traceback(12))          -- a number is a string: converted
-- expect: 12
-- expect: stack traceback:
-- expect: 	traceback.lua:30: in main chunk
-- expect: 	[C]: in ?
print(debug.traceback(12.5, 0))
-- expect: 12.5
-- expect: stack traceback:
-- expect: 	[C]: in function 'debug.traceback'
-- expect: 	traceback.lua:35: in main chunk
-- expect: 	[C]: in ?
-- a non-string message is returned as is
local t = {}
print(debug.traceback(t) == t, debug.traceback(true), debug.traceback(false, 1))
-- expect: true	true	false
print(select('#', debug.traceback()), type(debug.traceback(print)))
-- expect: 1	function
print(pcall(debug.traceback, "x", "y"))
-- expect: false	bad argument #2 to 'debug.traceback' (number expected, got string)

-- names from the calling code
local function loc() return debug.traceback("local") end
print(loc())
-- expect: local
-- expect: stack traceback:
-- expect: 	traceback.lua:51: in local 'loc'
-- expect: 	traceback.lua:52: in main chunk
-- expect: 	[C]: in ?
glob = function() return debug.traceback("global") end
print(glob())
-- expect: global
-- expect: stack traceback:
-- expect: 	traceback.lua:58: in function 'glob'
-- expect: 	traceback.lua:59: in main chunk
-- expect: 	[C]: in ?
local obj = {}
function obj:meth() return debug.traceback("method") end
print(obj:meth())
-- expect: method
-- expect: stack traceback:
-- expect: 	traceback.lua:66: in method 'meth'
-- expect: 	traceback.lua:67: in main chunk
-- expect: 	[C]: in ?
function obj.fld() return debug.traceback("field") end
print(obj.fld())
-- expect: field
-- expect: stack traceback:
-- expect: 	traceback.lua:73: in field 'fld'
-- expect: 	traceback.lua:74: in main chunk
-- expect: 	[C]: in ?
local function up() return debug.traceback("upvalue") end
local function caller() local r = up() return r end
print(caller())
-- expect: upvalue
-- expect: stack traceback:
-- expect: 	traceback.lua:80: in upvalue 'up'
-- expect: 	traceback.lua:81: in local 'caller'
-- expect: 	traceback.lua:82: in main chunk
-- expect: 	[C]: in ?
print((function() return debug.traceback("anon") end)())
-- expect: anon
-- expect: stack traceback:
-- expect: 	traceback.lua:89: in function <traceback.lua:89>
-- expect: 	traceback.lua:89: in main chunk
-- expect: 	[C]: in ?

-- tail calls
local function tail2() return debug.traceback("tail") end
local function tail1() return tail2() end
print(tail1())
-- expect: tail
-- expect: stack traceback:
-- expect: 	traceback.lua:97: in function <traceback.lua:97>
-- expect: 	(...tail calls...)
-- expect: 	traceback.lua:99: in main chunk
-- expect: 	[C]: in ?

-- through native functions
print(pcall(function() error(debug.traceback("in pcall"), 0) end))
-- expect: false	in pcall
-- expect: stack traceback:
-- expect: 	traceback.lua:108: in function <traceback.lua:108>
-- expect: 	[C]: in function 'pcall'
-- expect: 	traceback.lua:108: in main chunk
-- expect: 	[C]: in ?
local ok, msg = xpcall(function() local x = nil; return x.y end, debug.traceback)
print(ok, msg)
-- expect: false	traceback.lua:115: attempt to index a nil value (local 'x')
-- expect: stack traceback:
-- expect: 	traceback.lua:115: in function <traceback.lua:115>
-- expect: 	[C]: in function 'xpcall'
-- expect: 	traceback.lua:115: in main chunk
-- expect: 	[C]: in ?
local function lvl(n) return n == 0 and debug.traceback("deep", 1) or lvl(n - 1) end
print(lvl(3))
-- expect: deep
-- expect: stack traceback:
-- expect: 	traceback.lua:123: in upvalue 'lvl'
-- expect: 	traceback.lua:123: in upvalue 'lvl'
-- expect: 	traceback.lua:123: in upvalue 'lvl'
-- expect: 	traceback.lua:123: in local 'lvl'
-- expect: 	traceback.lua:124: in main chunk
-- expect: 	[C]: in ?

-- long tracebacks skip the middle
local function rec(n) if n == 0 then return debug.traceback("rec") end local r = rec(n - 1) return r end
print(rec(30))
-- expect: rec
-- expect: stack traceback:
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	...	(skipping 11 levels)
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in local 'rec'
-- expect: 	traceback.lua:136: in main chunk
-- expect: 	[C]: in ?
print(rec(19))
-- expect: rec
-- expect: stack traceback:
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in local 'rec'
-- expect: 	traceback.lua:161: in main chunk
-- expect: 	[C]: in ?
print(rec(20))
-- expect: rec
-- expect: stack traceback:
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	...	(skipping 1 levels)
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in upvalue 'rec'
-- expect: 	traceback.lua:135: in local 'rec'
-- expect: 	traceback.lua:186: in main chunk
-- expect: 	[C]: in ?

-- a metamethod
local mt = setmetatable({}, {__index = function(t, k) return debug.traceback("index " .. k) end})
print(mt.key)
-- expect: index key
-- expect: stack traceback:
-- expect: 	traceback.lua:213: in metamethod 'index'
-- expect: 	traceback.lua:214: in main chunk
-- expect: 	[C]: in ?
local add = setmetatable({}, {__add = function() return debug.traceback("add") end})
print(add + 1)
-- expect: add
-- expect: stack traceback:
-- expect: 	traceback.lua:220: in metamethod 'add'
-- expect: 	traceback.lua:221: in main chunk
-- expect: 	[C]: in ?

-- other threads
local co = coroutine.create(function(a)
  local function inner() coroutine.yield(debug.traceback("inside")) end
  inner()
  coroutine.yield()
end)
print(coroutine.resume(co, 1))
-- expect: true	inside
-- expect: stack traceback:
-- expect: 	traceback.lua:230: in local 'inner'
-- expect: 	traceback.lua:231: in function <traceback.lua:229>
print(debug.traceback(co))
-- expect: stack traceback:
-- expect: 	[C]: in function 'coroutine.yield'
-- expect: 	traceback.lua:230: in local 'inner'
-- expect: 	traceback.lua:231: in function <traceback.lua:229>
print(debug.traceback(co, "co msg"))
-- expect: co msg
-- expect: stack traceback:
-- expect: 	[C]: in function 'coroutine.yield'
-- expect: 	traceback.lua:230: in local 'inner'
-- expect: 	traceback.lua:231: in function <traceback.lua:229>
print(debug.traceback(co, "co msg", 1))
-- expect: co msg
-- expect: stack traceback:
-- expect: 	traceback.lua:230: in local 'inner'
-- expect: 	traceback.lua:231: in function <traceback.lua:229>
print(debug.traceback(co, nil, 2))
-- expect: stack traceback:
-- expect: 	traceback.lua:231: in function <traceback.lua:229>
print(debug.traceback(co, {}) ~= nil)
-- expect: true
coroutine.resume(co)
coroutine.resume(co)
print(coroutine.status(co), debug.traceback(co))
-- expect: dead	stack traceback:
local fresh = coroutine.create(print)
print(debug.traceback(fresh, "fresh"))
-- expect: fresh
-- expect: stack traceback:
local dead = coroutine.create(function() error("oops") end)
print(coroutine.resume(dead))
-- expect: false	traceback.lua:268: oops
print(debug.traceback(dead, "dead"))
-- expect: dead
-- expect: stack traceback:
-- expect: 	[C]: in function 'error'
-- expect: 	traceback.lua:268: in function <traceback.lua:268>
print(debug.traceback(coroutine.running(), "main", 0))
-- expect: main
-- expect: stack traceback:
-- expect: 	[C]: in function 'debug.traceback'
-- expect: 	traceback.lua:276: in main chunk
-- expect: 	[C]: in ?
