-- string.format: every conversion with flags, width and precision, %s with __tostring and
-- __name, %c with zero, and the validation of conversion specifications.

local f = string.format

-- integers
print(f("%d %i %u", 42, -42, 42), f("%d", 3.0), f("%d", "10"), f("%d", " 0x10 "))
-- expect: 42 -42 42	3	10	16
print(f("%d|%5d|%-5d|%05d|%+d|% d|%+05d", 7, 7, 7, 7, 7, 7, -7))
-- expect: 7|    7|7    |00007|+7| 7|-0007
print(f("%.3d|%8.3d|%-8.3d|%.0d|%.0d|", 5, 5, 5, 0, 1))
-- expect: 005|     005|005     ||1|
print(f("%d %d", 9223372036854775807, -9223372036854775807 - 1))
-- expect: 9223372036854775807 -9223372036854775808
print(f("%x %X %o", 255, 255, 8), f("%#x %#X %#o", 255, 255, 8), f("%08x|%-8X|", 48879, 48879))
-- expect: ff FF 10	0xff 0XFF 010	0000beef|BEEF    |
print(f("%x", -1), f("%X", -9223372036854775807 - 1), f("%o", -1), f("%u", -1))
-- expect: ffffffffffffffff	8000000000000000	1777777777777777777777	18446744073709551615
print(f("%5.3x|%#.0o|%-#10x|", 10, 0, 3054))
-- expect:   00a|0|0xbee     |
print(f("%99d", 1):len(), f("%.99d", 1):len(), f("%-99d|", -1):len())
-- expect: 99	99	100

