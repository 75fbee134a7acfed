-- Multiple assignment: all expressions are evaluated before any assignment.

local a, b = 1, 2
a, b = b, a
print(a, b)
-- expect: 2	1

local x, y, z = 1, 2, 3
x, y, z = z, x, y
print(x, y, z)
-- expect: 3	1	2

-- the manual's example: i in a[i] is evaluated before i is assigned
local i = 3
local arr = {}
i, arr[i] = i + 1, 20
print(i, arr[3], arr[4])
-- expect: 4	20	nil

-- extra values are dropped, missing ones become nil
local p, q, r = 1
print(p, q, r)
-- expect: 1	nil	nil
p, q = 10, 20, 30
print(p, q)
-- expect: 10	20

-- function calls expand only in the last position
local function two() return "a", "b" end
local u, v, w = two()
print(u, v, w)
-- expect: a	b	nil
u, v, w = two(), "c"
print(u, v, w)
-- expect: a	c	nil
u, v, w = (two())
print(u, v, w)
-- expect: a	nil	nil

-- assignment to table fields and globals in one statement
local t = {}
t.x, t.y, g1 = 1, 2, 3
print(t.x, t.y, g1)
-- expect: 1	2	3

-- swapping table fields
t.x, t.y = t.y, t.x
print(t.x, t.y)
-- expect: 2	1

