-- Numeric literals: integers, floats, hex, exponents, wraparound and overflow.

print(0, 00, 007, 10, 1234567890)
-- expect: 0	0	7	10	1234567890
print(3.0, 3., .5, 0.5e1, 1e2, 1E2, 1e+2, 1e-2, 5E-1)
-- expect: 3.0	3.0	0.5	5.0	100.0	100.0	100.0	0.01	0.5
print(0x10, 0XfF, 0xA, 0x0, 0x00000000000000001)
-- expect: 16	255	10	0	1
print(0x1p4, 0x.8, 0x8.p-3, 0xA.8p1, 0X1P-2, 0x.1p4, 0x1.8)
-- expect: 16.0	0.5	1.0	21.0	0.25	1.0	1.5
print(0x1e2)        -- a hex integer (0x1e2 == 482), not an exponent
-- expect: 482
print(0x7fffffffffffffff)
-- expect: 9223372036854775807
print(0xffffffffffffffff, 0xffffffffffffffff == -1)
-- expect: -1	true
print(0x8000000000000000)
-- expect: -9223372036854775808
-- Hex integers wrap around modulo 2^64.
print(0x10000000000000000, 0x1ffffffffffffffff)
-- expect: 0	-1
print(0x123456789abcdef0123)
-- expect: 5001117282205630755

-- Decimal integers that do not fit become floats.
print(9223372036854775807)
-- expect: 9223372036854775807
print(9223372036854775808)
-- expect: 9.2233720368548e+18
print(-9223372036854775808)
-- expect: -9.2233720368548e+18
print(-9223372036854775807 - 1)
-- expect: -9223372036854775808
print(18446744073709551616, 1e308, 1e309, -1e309)
-- expect: 1.844674407371e+19	1e+308	inf	-inf
print(123456789012345678901234567890)
-- expect: 1.2345678901235e+29

-- Floats with many digits and tiny exponents.
print(3.14159265358979, 0.1, 1e-310 > 0, 2.5e-324 == 0, 4.9406564584124654e-324 > 0)
-- expect: 3.1415926535898	0.1	true	false	true
print(1.0e0, 100.0, 1e15, 1e16, 123456789012.0)
-- expect: 1.0	100.0	1e+15	1e+16	123456789012.0

-- Integer and float literals are distinct but equal.
print(1 == 1.0, 0x10 == 16.0, 1e2 == 100)
-- expect: true	true	true
print(tostring(1), tostring(1.0), tostring(0x1p0), tostring(-0.0))
-- expect: 1	1.0	1.0	-0.0

-- Numerals followed by operators and concatenation need no spaces.
print(1+2, 3-1, 2*3, 0x10-1, 1e1+1)
-- expect: 3	2	6	15	11.0
print(1 .. 2, 1.5 .. "", 0x10 .. "")
-- expect: 12	1.5	16
local t = { 10, 20 }
print(t[1]+t[2], #t+1)
-- expect: 30	3
