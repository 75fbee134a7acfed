-- Integer overflow wraps around (two's complement, modulo 2^64).

local max = 9223372036854775807
local min = -max - 1  -- the literal -9223372036854775808 would be a float
print(max, min, min == -max - 1)
-- expect: 9223372036854775807	-9223372036854775808	true
print(max + 1 == min, min - 1 == max, max + max, min + min)
-- expect: true	true	-2	0
print(max * 2, max * max, min * -1, min * min, -min)
-- expect: -2	1	-9223372036854775808	0	-9223372036854775808
print(min // -1, min % -1, max // -1, max % -1)
-- expect: -9223372036854775808	0	-9223372036854775807	0
print(min // 1, min % 2, min // 2)
-- expect: -9223372036854775808	0	-4611686018427387904
print(-(max), -(-max), max - -1)
-- expect: -9223372036854775807	9223372036854775807	-9223372036854775808
-- wraparound in loops of additions
local x = max - 3
for _ = 1, 6 do x = x + 1 end
print(x)
-- expect: -9223372036854775806
-- multiplication overflow patterns
print(0x100000000 * 0x100000000, 0x100000000 * 0x80000000, 0x10000 * 0x10000 * 0x10000 * 0x10000)
-- expect: 0	-9223372036854775808	0
print(1 << 63, (1 << 63) - 1, (1 << 64) == 0)
-- expect: -9223372036854775808	9223372036854775807	true
-- floats do not wrap
print(max + 1.0, min - 1.0, max * 2.0)
-- expect: 9.2233720368548e+18	-9.2233720368548e+18	1.844674407371e+19
-- converting a large float back to integer fails
print(pcall(function() return (max + 1.0) | 0 end))
-- expect: false	wraparound.lua:31: number has no integer representation
print(pcall(function() return (min + 0.0) | 0 end))
-- expect: true	-9223372036854775808
-- unary minus of the most negative integer is itself
print(-min == min, -(min) // 1)
-- expect: true	-9223372036854775808
-- comparisons at the limits
print(max > min, min < 0, max + 1 < 0, max < max + 1.0, min == min + 0.0)
-- expect: true	true	true	true	true
