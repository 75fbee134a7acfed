-- Bitwise operators: operands are converted to integers; floats need an exact value.

print(5 & 3, 5 | 3, 5 ~ 3, ~5, ~0, ~-1)
-- expect: 1	7	6	-6	-1	0
print(0xF0 & 0x3C, 0xF0 | 0x0F, 0xFF ~ 0x0F)
-- expect: 48	255	240
print(-1 & 0xFF, -1 | 0, -1 ~ -1)
-- expect: 255	-1	0

-- shifts are logical; counts >= 64 give 0; negative counts shift the other way
print(1 << 0, 1 << 1, 1 << 62, 1 << 63, 1 << 64, 1 << 65, 1 << 1000)
-- expect: 1	2	4611686018427387904	-9223372036854775808	0	0	0
print(-1 >> 1, -1 >> 63, -1 >> 64, 0x8000000000000000 >> 63)
-- expect: 9223372036854775807	1	0	1
print(1 << -1, 2 >> -1, 8 >> -2, 1 >> -63, 1 >> -64, -1 << -1)
-- expect: 0	4	32	-9223372036854775808	0	9223372036854775807
print(3 << 62, 0xFF << 56, 0xFF << 57)
-- expect: -4611686018427387904	-72057594037927936	-144115188075855872
local min = 1 << 63
print(min >> 1, min >> 62, min << 1, min ~ -1)
-- expect: 4611686018427387904	2	0	9223372036854775807

-- floats with integral values are converted
print(3.0 | 0, 2.0 ^ 53 | 0, -0.0 | 0, 1e18 | 0, 2 ^ 62 | 0)
-- expect: 3	9007199254740992	0	1000000000000000000	4611686018427387904
print(0.0 & 1, 255.0 & 15, 1.0 << 4, 16.0 >> 2.0)
-- expect: 0	15	16	4

-- floats without an exact integer representation are errors
print(pcall(function() return 1.5 | 0 end))
-- expect: false	bitwise.lua:30: number has no integer representation
print(pcall(function() return 2 ^ 63 | 0 end))
-- expect: false	bitwise.lua:32: number has no integer representation
print(pcall(function() return 1e100 & 1 end))
-- expect: false	bitwise.lua:34: number has no integer representation
print(pcall(function() local nan = 0 / 0; return nan | 0 end))
-- expect: false	bitwise.lua:36: number (local 'nan') has no integer representation
print(pcall(function() local inf = 1 / 0; return 1 << inf end))
-- expect: false	bitwise.lua:38: number (local 'inf') has no integer representation
print(pcall(function() local f = 0.5; return ~f end))
-- expect: false	bitwise.lua:40: number (local 'f') has no integer representation

-- strings are not converted for bitwise operators (the string library's metamethods
-- cover arithmetic only)
print(pcall(function() return "3" | 0 end))
-- expect: false	bitwise.lua:45: attempt to perform bitwise operation on a string value (constant '3')
print(pcall(function() local s = "0x10"; return s & 0xFF end))
-- expect: false	bitwise.lua:47: attempt to perform bitwise operation on a string value (local 's')
print(pcall(function() return ~"0" end))
-- expect: false	bitwise.lua:49: attempt to perform bitwise operation on a string value (constant '0')
print(pcall(function() return 1 << "1.5" end))
-- expect: false	bitwise.lua:51: attempt to perform bitwise operation on a string value (constant '1.5')

-- other types are errors naming the culprit
print(pcall(function() local t = {}; return t & 1 end))
-- expect: false	bitwise.lua:55: attempt to perform bitwise operation on a table value (local 't')
print(pcall(function() return nil | 1 end))
-- expect: false	bitwise.lua:57: attempt to perform bitwise operation on a nil value
print(pcall(function() local b = true; return ~b end))
-- expect: false	bitwise.lua:59: attempt to perform bitwise operation on a boolean value (local 'b')
print(pcall(function() local t = {}; return 1 << t.x end))
-- expect: false	bitwise.lua:61: attempt to perform bitwise operation on a nil value (field 'x')

-- identities
local x = 0x123456789ABCDEF
print(x ~ x, x & ~x, x | ~x, (x << 8) >> 8 == x & 0x00FFFFFFFFFFFFFF, ~~x == x)
-- expect: 0	0	-1	true	true
