-- String <-> number coercions in arithmetic and concatenation.

print("10" + 1, "0x10" + 0, "1e1" * 1, " 5 " + 0, "10" + "1", "3.0" + 1)
-- expect: 11	16	10.0	5	11	4.0
print("-2" * "3", -"2", -"2.0", - "0x10", "2" ^ "3", "7" / "2")
-- expect: -6	-2	-2.0	-16	8.0	3.5
print("10" - 1, "0x7fffffffffffffff" + 0, "9223372036854775808" + 0)
-- expect: 9	9223372036854775807	9.2233720368548e+18
print("1" + 0 == 1, "1.0" + 0 == 1)
-- expect: true	true
print(pcall(function() return "abc" + 1 end))
-- expect: false	coercion.lua:11: attempt to add a 'string' with a 'number'
print(pcall(function() return "1x" + 1 end))
-- expect: false	coercion.lua:13: attempt to add a 'string' with a 'number'
print(pcall(function() return "" + 1 end))
-- expect: false	coercion.lua:15: attempt to add a 'string' with a 'number'
print(pcall(function() return {} + 1 end))
-- expect: false	coercion.lua:17: attempt to perform arithmetic on a table value
print(pcall(function() return 1 + nil end))
-- expect: false	coercion.lua:19: attempt to perform arithmetic on a nil value
print(pcall(function() local s = "x"; return -s end))
-- expect: false	coercion.lua:21: attempt to unm a 'string' with a 'string'

-- concatenation converts numbers to strings
print(1 .. "", 1.0 .. "", -0.0 .. "", 10 .. 20, 1.5 .. "|" .. -2)
-- expect: 1	1.0	-0.0	1020	1.5|-2
print(2^63 .. "", 1e100 .. "", 1/0 .. "", -1/0 .. "", 2^53 .. "")
-- expect: 9.2233720368548e+18	1e+100	inf	-inf	9.007199254741e+15
print(0x10 .. "", 1e15 .. "", 1e14 .. "", 0.1 .. "")
-- expect: 16	1e+15	1e+14	0.1
print(pcall(function() return "a" .. nil end))
-- expect: false	coercion.lua:31: attempt to concatenate a nil value
print(pcall(function() return "a" .. {} end))
-- expect: false	coercion.lua:33: attempt to concatenate a table value
print(pcall(function() return true .. "" end))
-- expect: false	coercion.lua:35: attempt to concatenate a boolean value

-- strings are never equal to numbers, and comparing them is an error
print("10" == 10, "1" ~= 1, 10 == "10")
-- expect: false	true	false
print(pcall(function() return "10" < 11 end))
-- expect: false	coercion.lua:41: attempt to compare string with number
print(pcall(function() return 1 <= "2" end))
-- expect: false	coercion.lua:43: attempt to compare number with string
-- string comparison is by bytes, not numeric
print("10" < "9", "a" < "b", "abc" < "abd", "" < "a", "Z" < "a", "a" < "aa")
-- expect: true	true	true	true	true	true
print("a\0b" < "a\0c", "a\0" > "a")
-- expect: true	true

-- numbers used as table keys are not strings
local t = { [1] = "num", ["1"] = "str" }
print(t[1], t["1"], t[tonumber("1")], t[tostring(1)])
-- expect: num	str	num	str
