-- select: counting, positive and negative indices, errors.

print(select("#"), select("#", nil), select("#", nil, nil, nil), select("#", 1, 2))
-- expect: 0	1	3	2
print(select(1, "a", "b", "c"))
-- expect: a	b	c
print(select(3, "a", "b", "c"))
-- expect: c
print(select(4, "a", "b", "c"))
-- expect:
print(select(-1, "a", "b", "c"))
-- expect: c
print(select(-3, "a", "b", "c"))
-- expect: a	b	c
print(select(2.0, "a", "b"))
-- expect: b
print(select("2", "a", "b"))
-- expect: b
print(pcall(select, -4, "a", "b", "c"))
-- expect: false	bad argument #1 to 'select' (index out of range)
print(pcall(select, 0))
-- expect: false	bad argument #1 to 'select' (index out of range)
print(pcall(select, 1.5, "a"))
-- expect: false	bad argument #1 to 'select' (number has no integer representation)
print(pcall(select, "x"))
-- expect: false	bad argument #1 to 'select' (number expected, got string)
print(pcall(select))
-- expect: false	bad argument #1 to 'select' (number expected, got no value)
print(pcall(select, {}))
-- expect: false	bad argument #1 to 'select' (number expected, got table)
-- select with large counts
local function many(n) if n == 0 then return end return n, many(n - 1) end
print(select("#", many(250)), select(250, many(250)), select(-250, many(250)) == 250)
-- expect: 250	1	true
-- "#" must be exactly that string
print(pcall(select, "#x", 1))
-- expect: true	1
