-- How numbers become strings: integers in decimal, floats with "%.14g" (plus ".0" when
-- the result looks like an integer).

print(0, -0, 1, -1, 123456789, 9223372036854775807, -9223372036854775807 - 1)
-- expect: 0	0	1	-1	123456789	9223372036854775807	-9223372036854775808
print(0.0, -0.0, 1.0, -1.0, 0.5, 100.0, 1e14, 1e15, 1e16, 123456789012345.0)
-- expect: 0.0	-0.0	1.0	-1.0	0.5	100.0	1e+14	1e+15	1e+16	1.2345678901234e+14
print(0.1, 0.2 + 0.1, 1 / 3, -2 / 3, 3.14159265358979, 2.5e-7, 1e-300, 5e-324)
-- expect: 0.1	0.3	0.33333333333333	-0.66666666666667	3.1415926535898	2.5e-07	1e-300	4.9406564584125e-324
print(1e100, -1e100, 2^63, -2^63, 2^64, 1.7976931348623157e308, 2^1023 * 2)
-- expect: 1e+100	-1e+100	9.2233720368548e+18	-9.2233720368548e+18	1.844674407371e+19	1.7976931348623e+308	inf
print(1 / 0, -1 / 0, 1e308 * 10)
-- expect: inf	-inf	inf
-- the sign of a NaN depends on how it is produced; check lua5.4's output shape only
local nan = 0 / 0
print(tostring(nan) == tostring(nan), nan ~= nan)
-- expect: true	true
print(tostring(-(0/0)), tostring(0/0))
-- expect: nan	-nan
print(12345678901234.0, 1234567890123.5, 99999999999999.9, 0.000001, 0.0000001)
-- expect: 12345678901234.0	1234567890123.5	1e+14	1e-06	1e-07
print(2^24, 2^31, 2^32, 2^52, 2^53)
-- expect: 16777216.0	2147483648.0	4294967296.0	4.5035996273705e+15	9.007199254741e+15
print(255 // 1.0, 1e2, 1E-2, 0x.1, 0xA.8p0)
-- expect: 255.0	100.0	0.01	0.0625	10.5
print(tostring(3) == "3", tostring(3.0) == "3.0", tostring(-0.0) == "-0.0")
-- expect: true	true	true
print(#tostring(12345), #tostring(1.5), #tostring(1e100))
-- expect: 5	3	6
