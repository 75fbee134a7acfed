-- Integers and floats are distinct subtypes of number (tostring shows which).

local function kind(x) return tostring(x) end
print(1 + 1, 1 + 1.0, 1.0 + 1, 2 * 3, 2 * 3.0, 5 - 2, 5 - 2.0)
-- expect: 2	2.0	2.0	6	6.0	3	3.0
print(3 / 2, 4 / 2, 1 / 3, 2 ^ 2, 2 ^ 0.5, 10 ^ -1)
-- expect: 1.5	2.0	0.33333333333333	4.0	1.4142135623731	0.1
print(7 // 2, 7.0 // 2, 7 // 2.0, -7 // 2, 7 % 3, 7.0 % 3, 7 % 3.0)
-- expect: 3	3.0	3.0	-4	1	1.0	1.0
print(-(2), -(2.0), -(-0.0))
-- expect: -2	-2.0	0.0
print(1 == 1.0, 1.5 == 3 / 2, 0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75)
-- expect: true	true	false	true
-- integer-valued floats print with ".0"
print(2^53, 2^53 + 1, 1e15, 1e100, 123.0, -5.0)
-- expect: 9.007199254741e+15	9.007199254741e+15	1e+15	1e+100	123.0	-5.0
-- integer arithmetic is exact across the whole range
print(9007199254740993 + 0, 9007199254740993 + 0.0)
-- expect: 9007199254740993	9.007199254741e+15
print(4611686018427387904 * 2, 3037000499 * 3037000499)
-- expect: -9223372036854775808	9223372030926249001
-- integer / integer is a float, // keeps integers
print(6 / 3, 6 // 3, 7 // -3, -7 // -3)
-- expect: 2.0	2	-3	2
-- mixed comparison keeps exactness
print(9007199254740993 == 9007199254740992.0, 9007199254740992 == 9007199254740992.0)
-- expect: false	true
-- conversions through tostring/tonumber
print(tonumber("10"), tonumber("10.0"), tonumber("1e1"), tonumber("0x10"), tonumber("0x1p4"))
-- expect: 10	10.0	10.0	16	16.0
print(tonumber(" 10 "), tonumber("10 1"), tonumber(""), tonumber("-0x10"), tonumber("- 1"))
-- expect: 10	nil	nil	-16	nil
-- integer keys and float keys with the same value are the same key
local t = {}
t[3] = "int"
t[3.0] = "float"
print(t[3], #t == 0 or t[#t] ~= nil)
-- expect: float	true
-- float operations that produce integral values stay floats
print(0.5 * 4, 3.0 - 1, 2.5 + 2.5, 10 // 2.5)
-- expect: 2.0	2.0	5.0	4.0
-- precision of float printing (%.14g)
print(1 / 3, 2 / 3, 100 / 3, 1e15 / 3, 0.1, 1 - 0.9)
-- expect: 0.33333333333333	0.66666666666667	33.333333333333	3.3333333333333e+14	0.1	0.1
print(3.14159265358979, 2.718281828459045, 1e-5, 1.5e-10, 123456.789)
-- expect: 3.1415926535898	2.718281828459	1e-05	1.5e-10	123456.789
