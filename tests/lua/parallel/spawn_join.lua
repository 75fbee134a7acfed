-- parallel.spawn and thread handles: results, errors, status, wait, what can be sent.
-- no-diff: the parallel library is tycho's own
local parallel = require "parallel"
print(type(parallel), parallel.id(), rawget(_G, "parallel"))

-- results of every kind that crosses by copy or reference
local h = parallel.spawn(function(a, b, c, d)
  return a + 1, b .. "!", c, d, nil, 2.5, math.maxinteger, parallel.id() > 0
end, 41, "hi", true, nil)
print(h:join())
print(h:status(), h:wait(), h:join())  -- a finished thread can be joined again

-- an error: false, the error object, the spawned VM's traceback
local e = parallel.spawn(function() local t = nil; return t.x end)
local ok, err, tb = e:join()
print(ok, err)
print(type(tb), tb:match("^stack traceback:") ~= nil)
print(e:status())
-- error objects that are tables are copied
ok, err = parallel.spawn(function() error({code = 7, msg = "bad"}) end):join()
print(ok, type(err), err.code, err.msg)
ok, err = parallel.spawn(function() error() end):join()
print(ok, err)

-- closures: nested upvalues are copied, shared upvalues stay shared, _ENV is the worker's
local cfg = {depth = {n = 3}, list = {10, 20, 30}}
local counter = 0
local function inc() counter = counter + 1; return counter end
local function get() return counter end
print(parallel.spawn(function()
  inc(); inc()
  return cfg.depth.n, #cfg.list, get(), counter, type(print), _G == _ENV
end):join())
print(counter)  -- the sender's own upvalue is untouched
local string, insert = string, table.insert  -- libraries and their functions by identity
print(parallel.spawn(function()
  local t = {}
  insert(t, string.upper("x"))
  return t[1], string == _G.string
end):join())
-- cycles and shared subtables in arguments
local a = {name = "a"}
a.self = a
local shared_sub = {1}
print(parallel.spawn(function(t, s1, s2)
  return t.self == t, t.self.self.name, s1 == s2
end, a, shared_sub, shared_sub):join())
-- metatables of plain tables are copied
local v = setmetatable({x = 1}, {__index = function(_, k) return k .. "?" end})
print(parallel.spawn(function(v) return v.x, v.y end, v):join())

-- what cannot be sent
print(pcall(parallel.spawn, function() return cfg end, io.stdout))
local co = coroutine.create(print)
print(pcall(parallel.spawn, function() return co end))
local holder = {inner = {file = io.stderr}}
print(pcall(parallel.spawn, function() return holder end))
print(pcall(parallel.spawn, print, string.gmatch("a", "a")))
-- a result that cannot be sent fails the thread
ok, err = parallel.spawn(function() return coroutine.create(print) end):join()
print(ok, err)
print(pcall(parallel.spawn, 42))

-- wait with a timeout, status while running
local ch = parallel.channel()
local slow = parallel.spawn(function(ch) return ch:receive() end, ch)
print(slow:wait(0.01), slow:status())
ch:send("go")
print(slow:wait(), slow:join())

-- the spawned VM has the standard libraries and require
print(parallel.spawn(function()
  local p = require "parallel"
  return type(string.format), type(io.write), type(p.spawn), package.loaded.parallel == p
end):join())

-- many threads at once, each with its own globals
local hs = {}
for i = 1, 20 do
  hs[i] = parallel.spawn(function(i) x = i; return x * x end, i)
end
local sum = 0
for i = 1, 20 do sum = sum + select(2, hs[i]:join()) end
print(sum, x)
-- expect: table	0	nil
-- expect: true	42	hi!	true	nil	nil	2.5	9223372036854775807	true
-- expect: done	done	true	42	hi!	true	nil	nil	2.5	9223372036854775807	true
-- expect: false	spawn_join.lua:14: attempt to index a nil value (local 't')
-- expect: string	true
-- expect: failed
-- expect: false	table	7	bad
-- expect: false	nil
-- expect: true	3	3	2	2	function	true
-- expect: 0
-- expect: true	X	true
-- expect: true	true	a	true
-- expect: true	1	y?
-- expect: false	cannot send argument #2 (a userdata)
-- expect: false	cannot send upvalue 'co' (a thread)
-- expect: false	cannot send upvalue 'holder' field 'inner' field 'file' (a userdata)
-- expect: false	cannot send argument #2 (a native function with upvalues)
-- expect: false	cannot send result #1 (a thread)
-- expect: false	bad argument #1 to 'parallel.spawn' (function expected, got number)
-- expect: running	running
-- expect: done	true	go
-- expect: true	function	function	function	true
-- expect: 2870	nil
