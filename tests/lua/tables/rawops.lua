-- rawget, rawset, rawequal, rawlen bypass metamethods.

local mt = {
  __index = function() return "from __index" end,
  __newindex = function() error("__newindex called") end,
  __len = function() return 99 end,
  __eq = function() return true end,
}
local t = setmetatable({ present = "here" }, mt)
print(t.missing, rawget(t, "missing"), rawget(t, "present"))
-- expect: from __index	nil	here
print(pcall(function() t.new = 1 end))
-- expect: false	rawops.lua:5: __newindex called
print(rawset(t, "new", 1) == t, rawget(t, "new"), t.new)
-- expect: true	1	1
print(#t, rawlen(t), rawlen({ 1, 2 }), rawlen("abcd"))
-- expect: 99	0	2	4
local u = setmetatable({}, mt)
print(t == u, rawequal(t, u), rawequal(t, t))
-- expect: true	false	true
print(rawequal(1, 1.0), rawequal("a", "a"), rawequal(nil, nil), rawequal(0 / 0, 0 / 0))
-- expect: true	true	true	false

-- argument errors
print(pcall(rawget, 1, 1))
-- expect: false	bad argument #1 to 'rawget' (table expected, got number)
print(pcall(rawset, "s", 1, 1))
-- expect: false	bad argument #1 to 'rawset' (table expected, got string)
print(pcall(rawlen, 5))
-- expect: false	bad argument #1 to 'rawlen' (table or string expected, got number)
print(pcall(rawequal, 1))
-- expect: false	bad argument #2 to 'rawequal' (value expected)
print(pcall(rawget, {}))
-- expect: false	bad argument #2 to 'rawget' (value expected)
print(pcall(rawset, {}, 1))
-- expect: false	bad argument #3 to 'rawset' (value expected)

-- rawset with float keys normalizes them
local r = {}
rawset(r, 2.0, "two")
print(r[2], rawget(r, 2), rawget(r, 2.0))
-- expect: two	two	two

-- rawget/rawset on the array part
local a = {}
for i = 1, 10 do rawset(a, i, i * i) end
print(#a, rawget(a, 10), rawlen(a))
-- expect: 10	100	10
