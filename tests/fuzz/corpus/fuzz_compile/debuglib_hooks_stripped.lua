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

