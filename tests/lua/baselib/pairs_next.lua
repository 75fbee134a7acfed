-- pairs (with __pairs), ipairs (with __index), next.

local t = {10, 20, 30}
local s = ""
for i, v in ipairs(t) do s = s .. i .. "=" .. v .. " " end
print(s)
-- expect: 1=10 2=20 3=30 
local p = setmetatable({}, {__index = function(_, i) if i <= 4 then return i * 2 end end})
s = ""
for i, v in ipairs(p) do s = s .. i .. "=" .. v .. " " end
print(s)
-- expect: 1=2 2=4 3=6 4=8 
local q = setmetatable({}, {__pairs = function(self) return function(_, k) if not k then return 1, "one" end end, self, nil end})
for k, v in pairs(q) do print(k, v) end
-- expect: 1	one
print(next({}), next({5}), next({5}, 1))
-- expect: nil	1	nil
print(pcall(next, {}, "nokey"))
-- expect: false	invalid key to 'next'
print(pcall(next, 1))
-- expect: false	bad argument #1 to 'next' (table expected, got number)
print(pcall(pairs))
-- expect: false	bad argument #1 to 'pairs' (value expected)
print(pcall(ipairs))
-- expect: false	bad argument #1 to 'ipairs' (value expected)
local n = 0
for k, v in pairs({a = 1, b = 2, c = 3, 1, 2}) do n = n + 1 end
print(n)
-- expect: 5
local f, s, c = pairs({})
print(f == next, type(s), c)
-- expect: true	table	nil
local i1, s1, c1 = ipairs({})
print(type(i1), type(s1), c1)
-- expect: function	table	0
