-- debug.traceback: messages, levels, threads, and the names it gives to functions.

print(debug.traceback())
print(debug.traceback("msg"))
print(debug.traceback("msg", 0))
print(debug.traceback("msg", 1))
print(debug.traceback("msg", 50))
print(debug.traceback(nil, 1))
print(debug.traceback(12))          -- a number is a string: converted
print(debug.traceback(12.5, 0))
-- a non-string message is returned as is
local t = {}
print(debug.traceback(t) == t, debug.traceback(true), debug.traceback(false, 1))
print(select('#', debug.traceback()), type(debug.traceback(print)))
print(pcall(debug.traceback, "x", "y"))

-- names from the calling code
local function loc() return debug.traceback("local") end
print(loc())
glob = function() return debug.traceback("global") end
print(glob())
local obj = {}
function obj:meth() return debug.traceback("method") end
print(obj:meth())
function obj.fld() return debug.traceback("field") end
print(obj.fld())
local function up() return debug.traceback("upvalue") end
local function caller() local r = up() return r end
print(caller())
print((function() return debug.traceback("anon") end)())

-- tail calls
local function tail2() return debug.traceback("tail") end
local function tail1() return tail2() end
print(tail1())

-- through native functions
print(pcall(function() error(debug.traceback("in pcall"), 0) end))
local ok, msg = xpcall(function() local x = nil; return x.y end, debug.traceback)
print(ok, msg)
local function lvl(n) return n == 0 and debug.traceback("deep", 1) or lvl(n - 1) end
print(lvl(3))

-- long tracebacks skip the middle
local function rec(n) if n == 0 then return debug.traceback("rec") end local r = rec(n - 1) return r end
print(rec(30))
print(rec(19))
print(rec(20))

-- a metamethod
local mt = setmetatable({}, {__index = function(t, k) return debug.traceback("index " .. k) end})
print(mt.key)
local add = setmetatable({}, {__add = function() return debug.traceback("add") end})
print(add + 1)

-- other threads
local co = coroutine.create(function(a)
  local function inner() coroutine.yield(debug.traceback("inside")) end
  inner()
  coroutine.yield()
end)
print(coroutine.resume(co, 1))
print(debug.traceback(co))
print(debug.traceback(co, "co msg"))
print(debug.traceback(co, "co msg", 1))
print(debug.traceback(co, nil, 2))
print(debug.traceback(co, {}) ~= nil)
coroutine.resume(co)
coroutine.resume(co)
print(coroutine.status(co), debug.traceback(co))
local fresh = coroutine.create(print)
print(debug.traceback(fresh, "fresh"))
local dead = coroutine.create(function() error("oops") end)
print(coroutine.resume(dead))
print(debug.traceback(dead, "dead"))
print(debug.traceback(coroutine.running(), "main", 0))
