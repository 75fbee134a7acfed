-- Debug information of stripped chunks (string.dump(f, true)): no lines, no local names. A
-- line hook still runs on a jump back and on entry, with no line (nil), as in lua5.4
-- (the official db.lua checks this).

local function f() local s = 0; for i = 1, 2 do s = s + i end; return s end
local g = load(string.dump(f, true))
local lines = {}
debug.sethook(function(e, l) lines[#lines + 1] = tostring(l) end, "l")
g()
debug.sethook()
print(#lines, table.concat(lines, " "))

-- a count hook with a line hook: the count events come with no line either
local events = {}
debug.sethook(function(e, l) events[#events + 1] = e .. ":" .. tostring(l) end, "l", 3)
g()
debug.sethook()
print(#events, events[1], events[#events])

local h = load(string.dump(function() return debug.getinfo(1, "l").currentline end, true))
print(h())

local prog = [[
local debug = require'debug'
local a = 12
local n, v = debug.getlocal(1, 1)
print(n, v == debug)
n, v = debug.getlocal(1, 2)
print(n, v)
local f = function () local x; return a end
n, v = debug.getupvalue(f, 1)
print(n, v)
print(debug.setupvalue(f, 1, 13), a)
local t = debug.getinfo(f)
print(t.name, t.linedefined > 0, t.lastlinedefined == t.linedefined, t.short_src)
print(debug.getinfo(1).currentline)
print(next(debug.getinfo(f, "L").activelines))
f = load(string.dump(f))
t = debug.getinfo(f)
print(t.short_src, t.linedefined > 0)
local ok, msg = pcall(error, "boom")
print(msg)
print(pcall(function() local x = nil; return x.y end))
return a
]]
print(assert(load(string.dump(load(prog), true)))())
-- expect: 4	9 nil nil 10
-- expect: 13	line:16	line:17
-- expect: -1
-- expect: (temporary)	true
-- expect: (temporary)	12
-- expect: (no name)	12
-- expect: (no name)	13
-- expect: nil	true	true	?
-- expect: -1
-- expect: nil
-- expect: ?	true
-- expect: boom
-- expect: false	?:-1: attempt to index a nil value
-- expect: 13
