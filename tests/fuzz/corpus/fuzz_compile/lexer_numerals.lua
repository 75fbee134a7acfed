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

