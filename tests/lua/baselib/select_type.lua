-- select, type, rawequal, rawlen, rawget, rawset and their errors.

print(select("#"), select("#", nil, nil), select(2, "a", "b", "c"))
-- expect: 0	2	b	c
print(select(-1, "a", "b", "c"), select(-3, "a", "b", "c"))
-- expect: c	a	b	c
print(select(5, "a", "b"))
-- expect:
print(pcall(select, 0, "a"))
-- expect: false	bad argument #1 to 'select' (index out of range)
print(pcall(select, -3, "a"))
-- expect: false	bad argument #1 to 'select' (index out of range)
print(pcall(select, "x"))
-- expect: false	bad argument #1 to 'select' (number expected, got string)
print(pcall(select))
-- expect: false	bad argument #1 to 'select' (number expected, got no value)
print(type(nil), type(1), type("s"), type({}), type(print), type(true), type(coroutine.create(print)))
-- expect: nil	number	string	table	function	boolean	thread
print(pcall(type))
-- expect: false	bad argument #1 to 'type' (value expected)
print(rawequal(1, 1.0), rawequal("a", "a"), rawequal({}, {}), pcall(rawequal, 1))
-- expect: true	true	false	false	bad argument #2 to 'rawequal' (value expected)
local t = setmetatable({}, {__index = function() return "mm" end, __newindex = function() error("no") end,
  __len = function() return 99 end, __eq = function() return true end})
print(t.x, rawget(t, "x"), #t, rawlen(t), rawlen("abc"), rawequal(t, setmetatable({}, getmetatable(t))))
-- expect: mm	nil	99	0	3	false
rawset(t, "x", 1)
print(t.x, rawget(t, "x"), rawset(t, "y", 2) == t)
-- expect: 1	1	true
print(pcall(rawlen, 5))
-- expect: false	bad argument #1 to 'rawlen' (table or string expected, got number)
print(pcall(rawget, 5))
-- expect: false	bad argument #1 to 'rawget' (table expected, got number)
print(pcall(rawget, {}))
-- expect: false	bad argument #2 to 'rawget' (value expected)
print(pcall(rawset, {}, nil, 1))
-- expect: false	table index is nil
print(pcall(rawset, {}, 0/0, 1))
-- expect: false	table index is NaN
print(pcall(rawset, {}, 1))
-- expect: false	bad argument #3 to 'rawset' (value expected)
