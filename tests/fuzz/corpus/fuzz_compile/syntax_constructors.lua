-- Table constructors and function definitions/returns.

local t = { 1, 2, 3; 4, [10] = "ten", x = "ex", ["y z"] = "yz", }
print(#t, t[10], t.x, t["y z"])
-- expect: 4	ten	ex	yz

-- positional items after named ones keep counting from 1
local u = { a = 1, "first", b = 2, "second" }
print(u[1], u[2], u.a, u.b)
-- expect: first	second	1	2

-- explicit index collides with a positional one: the positional wins (assigned later)
local c = { [1] = "explicit", "positional" }
print(c[1])
-- expect: positional

-- the last call/vararg expands, others are truncated
local function three() return 1, 2, 3 end
print(#{ three() }, #{ three(), three() }, #{ (three()) }, #{ three(), nil })
-- expect: 3	4	1	1

-- nested constructors and trailing separators
local n = { { 1, { 2, { 3 } } }, { x = { y = { z = "deep" } } }; }
print(n[1][2][2][1], n[2].x.y.z)
-- expect: 3	deep
print(#{}, #{ nil }, #{ 1, 2, nil })
-- expect: 0	0	2

