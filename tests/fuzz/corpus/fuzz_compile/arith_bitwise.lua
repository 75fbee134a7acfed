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

