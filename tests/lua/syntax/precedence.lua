-- Operator precedence and associativity (manual 3.4.8).

print(2 ^ 3 ^ 2, (2 ^ 3) ^ 2)          -- ^ is right associative
-- expect: 512.0	64.0
print(-2 ^ 2, (-2) ^ 2)                -- unary minus binds looser than ^
-- expect: -4.0	4.0
print(2 ^ -1)
-- expect: 0.5
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3)
-- expect: 5.0	9
print(7 - 3 - 2, 64 / 4 / 2, 2 * 3 % 4)
-- expect: 2	8.0	2
print(7 // 2 * 2, 7 % 4 // 2)
-- expect: 6	1
print("a" .. "b" .. "c" == "abc", 1 .. 2 .. 3)
-- expect: true	123
print(1 + 1 .. "", 2 .. 3 + 1)         -- .. is looser than +
-- expect: 2	24
print(1 < 2 == true, not 1 == 2)      -- not binds tighter than ==
-- expect: true	false
print(not nil == true, not (nil == true))
-- expect: true	true
print(#"abc" + 1, -#"ab", - -3, not not nil)
-- expect: 4	-2	3	false
print(1 | 2 ~ 3 & 4 << 1)              -- shift > & > ~ > |
-- expect: 3
print(1 << 2 + 1, 256 >> 2 * 2)         -- arithmetic is tighter than shifts
-- expect: 8	16
print(5 & 3 == 1)                       -- comparison is looser than &
-- expect: true
print(1 .. 2 == "12", "x" .. 1 + 2)
-- expect: true	x3
print(3 | 4 < 8)
-- expect: true
print(~0, ~~5, - ~1, ~-1)
-- expect: -1	5	2	0
print(2 ^ - 2, -3 ^ 2)
-- expect: 0.25	-9.0

-- and/or: precedence, short circuit, values
print(1 and 2, nil and 1, false or "x", nil or false, false and nil)
-- expect: 2	nil	x	false	false
print(1 or error("not evaluated"), nil and error("not evaluated"))
-- expect: 1	nil
print(1 and nil or 3, nil or 1 and 2)
-- expect: 3	2
print(false or nil and 1, 1 < 2 and "yes" or "no")
-- expect: nil	yes
local t = nil
print(t and t.x or "default")
-- expect: default
print(1 == 1 and 2 == 2, 1 == 2 or 3 == 3)
-- expect: true	true

-- comparison chains are not allowed in Lua: (1 < 2) < 3 compares boolean and number
print(pcall(load("return 1 < 2 < 3")))
-- expect: false	[string "return 1 < 2 < 3"]:1: attempt to compare boolean with number

-- unary operators stack
print(not not true, - - - 1, #{ 1, 2, 3 } * 2)
-- expect: true	-1	6
