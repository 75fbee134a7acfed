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

-- computed keys of any type
local fkey = function() end
local k = { [true] = "t", [1.5] = "f", [fkey] = "fn", [-1] = "neg", [0] = "zero" }
print(k[true], k[1.5], k[fkey], k[-1], k[0])
-- expect: t	f	fn	neg	zero
-- float keys with integer values are normalized
local fk = { [1.0] = "one", [2^53] = "big" }
print(fk[1], fk[9007199254740992])
-- expect: one	big

-- functions: multiple returns, no return, return with parentheses
local function none() end
local function nothing() return end
print(none(), nothing(), select("#", none()), select("#", nothing()))
-- expect: nil	nil	0	0
local function ret(...) return ... end
print(select("#", ret(nil, nil, nil)))
-- expect: 3

-- a big constructor
local big = {}
local src = "return {"
for i = 1, 600 do src = src .. i .. "," end
src = src .. "}"
big = load(src)()
print(#big, big[1], big[300], big[600])
-- expect: 600	1	300	600

-- constructors with more than 50 items and a trailing vararg call
local function many(...) return { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, ... } end
local m = many("a", "b", "c")
print(#m, m[56], m[58])
-- expect: 58	a	c

-- string keys that look like numbers stay strings
local s = { ["1"] = "str", [1] = "int" }
print(s["1"], s[1])
-- expect: str	int
