-- Operators and punctuation, whitespace, and comments in odd places.

print(1 ~= 2, 1 == 1, 2 <= 2, 3 >= 4, 1 < 2, 2 > 1)
-- expect: true	true	true	false	true	true
print(7 // 2, 7 % 3, 2 ^ 3, 7 / 2, -3, ~5, 5 & 3, 5 | 3, 5 ~ 3, 1 << 4, 256 >> 4)
-- expect: 3	1	8.0	3.5	-3	-6	1	7	6	16	16
print("a" .. "b", #"abc", not nil)
-- expect: ab	3	true
local t = { x = 1 }; t.y = 2; print(t.x + t["y"])
-- expect: 3
do ::label:: end
print((function(...) return select("#", ...) end)(1, 2, 3))
-- expect: 3

-- Whitespace: tabs, form feeds, vertical tabs, carriage returns are all blanks.
local src = "return\t1\f+\v2\r\n+ 3"
print(load(src)())
-- expect: 6

-- Comments between tokens.
local v = 1 --[[ inline ]] + --[==[ another ]==] 2 -- trailing
print(v)
-- expect: 3
print(1 --[[ inside a call ]], 2)
-- expect: 1	2

-- Keywords are not valid names; names can contain digits and underscores.
local _x1, __, _ = 1, 2, 3
print(_x1, __, _)
-- expect: 1	2	3
print(load("local and = 1"))
-- expect: nil	[string "local and = 1"]:1: <name> expected near 'and'
print(load("local goto = 1"))
-- expect: nil	[string "local goto = 1"]:1: <name> expected near 'goto'
print(load("local end = 1"))
-- expect: nil	[string "local end = 1"]:1: <name> expected near 'end'
print(load("local function = 1"))
-- expect: nil	[string "local function = 1"]:1: <name> expected near '='

-- A name that starts with a keyword is a name.
local endx, iff, nill = 1, 2, 3
print(endx, iff, nill)
-- expect: 1	2	3

-- Shebang-like first lines are only skipped by the standalone interpreter, not load.
print(load("#!/bin/lua\nreturn 1"))
-- expect: nil	[string "#!/bin/lua..."]:1: unexpected symbol near '#'

-- Attributes are names in angle brackets.
local k <const> = 5
print(k)
-- expect: 5
print(load("local k < const > = 5; return k")())
-- expect: 5
print(load("local k <notanattr> = 5"))
-- expect: nil	[string "local k <notanattr> = 5"]:1: unknown attribute 'notanattr'
