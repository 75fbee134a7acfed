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

-- floats
print(f("%f %e %E %g %G", 3.14159, 3.14159, 3.14159, 3.14159, 0.00001234))
-- expect: 3.141590 3.141590e+00 3.141590E+00 3.14159 1.234E-05
print(f("%.2f|%10.3f|%-10.1f|%010.2f|%+.1f|% .1f", 1/3, 2/3, 1.25, -1.5, 2.5, 2.5))
-- expect: 0.33|     0.667|1.2       |-000001.50|+2.5| 2.5
print(f("%#.0f|%#g|%#x|%.0e|%#.0e", 3.0, 1.0, 0, 12345.678, 5.0))
-- expect: 3.|1.00000|0|1e+04|5.e+00
print(f("%g %g %g %g %g", 100000, 1000000, 1e-4, 1e-5, 0.1))
-- expect: 100000 1e+06 0.0001 1e-05 0.1
print(f("%.14g|%.17g|%.3g|%.0g", 0.1, 0.1, 1234567, 0.5))
-- expect: 0.1|0.10000000000000001|1.23e+06|0.5
print(f("%f %f %f", 1/0, -1/0, 0/0 ~= 0/0 and 1/0 or 0), f("%e %g", 1/0, -1/0), f("%5.1f|%-8g|", 1/0, -1/0))
-- expect: inf -inf inf	inf -inf	  inf|-inf    |
print(f("%f", 3), f("%.3f", "1.5"), f("%g", 2^63), f("%.0f", 2^63), f("%e", -0.0), f("%g", -0.0))
-- expect: 3.000000	1.500	9.22337e+18	9223372036854775808	-0.000000e+00	-0
print(f("%.99f", 1.0):len(), f("%99.99f", -1.5):len(), #f("%.99f", 1e308), #f("%f", -1.7976931348623157e308))
-- expect: 101	102	409	317
print(f("%a %A", 1.0, 255.5), f("%.3a|%20a|%-20a|%+a", 1/3, 2.0, 0.5, 1.0), f("%a %a", 1/0, -0.0))
-- expect: 0x1p+0 0X1.FFP+7	0x1.555p-2|              0x1p+1|0x1p-1              |+0x1p+0	inf -0x0p+0
print(f("%.1e|%#.3g|%010.3e|%-+12.4E|", 123456, 1.0, -1.5e10, 6.02e23))
-- expect: 1.2e+05|1.00|-1.500e+10|+6.0200E+23 |

-- characters
print(f("%c%c%c", 76, 117, 97), f("%5c|%-5c|", 65, 66), #f("%c", 0), f("%c", 0) == "\0")
-- expect: Lua	    A|B    |	1	true
print(f("a%cb", 0) == "a\0b", f("%c", 255) == "\255", f("%c", 256 + 65))
-- expect: true	true	A

-- strings
print(f("%s %s %s %s", "x", 1, 1.5, true), f("%s", nil), f("%s|%10s|%-10s|", "a", "b", "c"))
-- expect: x 1 1.5 true	nil	a|         b|c         |
print(f("%.3s|%.0s|%5.2s|%-5.1s|", "abcdef", "abc", "xyz", "xyz"))
-- expect: abc||   xy|x    |
print(f("%s", "a\0b") == "a\0b", f("[%s]", ""), f("%s", -0.0), f("%s", 2^63), f("%s", 10 // 1))
-- expect: true	[]	-0.0	9.2233720368548e+18	10
local long = string.rep("x", 200)
print(f("%s", long) == long, f("%-5s", long) == long, f("%.99s", long) == string.rep("x", 99))
-- expect: true	true	true
print(f("%5s", string.rep("y", 99)):len(), f("%.50s", long):len(), f("%s%s", long, long):len())
-- expect: 99	50	400
local obj = setmetatable({}, {__tostring = function() return "OBJ" end})
print(f("%s|%5s|%-5s|", obj, obj, obj))
-- expect: OBJ|  OBJ|OBJ  |
local named = setmetatable({}, {__name = "MyType"})
print((f("%s", named):gsub("0x%x+", "ADDR"):gsub(": [%x]+$", ": ADDR")))
-- expect: MyType: ADDR
print(pcall(f, "%s", setmetatable({}, {__tostring = function() return 1 end})))
-- expect: true	1
print(pcall(f, "%10s", "a\0b"))
-- expect: false	bad argument #2 to 'string.format' (string contains zeros)
print(f("%s", print) == tostring(print), f("%s %s", {} ~= nil, nil))
-- expect: true	true nil

-- %% and literal text
print(f("100%%"), f("%%d"), f("a%%b%%c"), f(""), f("no items"), pcall(f, "%5%", 1))
-- expect: 100%	%d	a%b%c		no items	false	invalid conversion '%5%' to 'format'
print(f("x\0y%d", 1) == "x\0y1", f("%d%%", 50), f("%%%s%%", "x"))
-- expect: true	50%	%x%

-- %p: only whether it is stable and null for non-objects
local t = {}
print(f("%p", t) == f("%p", t), f("%p", 1), f("%p", nil), f("%p", true), f("%10p|", 1))
-- expect: true	(null)	(null)	(null)	    (null)|
print(f("%p", t) ~= f("%p", {}), f("%p", print) == f("%p", print))
-- expect: true	true

-- argument errors
print(pcall(f))
-- expect: false	bad argument #1 to 'string.format' (string expected, got no value)
print(pcall(f, "%d"))
-- expect: false	bad argument #2 to 'string.format' (no value)
print(pcall(f, "%d %d", 1))
-- expect: false	bad argument #3 to 'string.format' (no value)
print(pcall(f, "%d", "x"))
-- expect: false	bad argument #2 to 'string.format' (number expected, got string)
print(pcall(f, "%d", 1.5))
-- expect: false	bad argument #2 to 'string.format' (number has no integer representation)
print(pcall(f, "%x", 2^63))
-- expect: false	bad argument #2 to 'string.format' (number has no integer representation)
print(pcall(f, "%f", "x"))
-- expect: false	bad argument #2 to 'string.format' (number expected, got string)
print(pcall(f, "%c", "x"))
-- expect: false	bad argument #2 to 'string.format' (number expected, got string)
print(pcall(f, "%c", 1.5))
-- expect: false	bad argument #2 to 'string.format' (number has no integer representation)
print(pcall(f, {}, 1))
-- expect: false	bad argument #1 to 'string.format' (string expected, got table)
print(pcall(f, "%s"))
-- expect: false	bad argument #2 to 'string.format' (no value)

-- invalid conversions and specifications
print(pcall(f, "%y", 1))
-- expect: false	invalid conversion '%y' to 'format'
print(pcall(f, "%F", 1))
-- expect: false	invalid conversion '%F' to 'format'
print(pcall(f, "%", 1))
-- expect: false	invalid conversion '%' to 'format'
print(pcall(f, "%10", 1))
-- expect: false	invalid conversion '%10' to 'format'
print(pcall(f, "%ld", 1))
-- expect: false	invalid conversion '%l' to 'format'
print(pcall(f, "%lld", 1))
-- expect: false	invalid conversion '%l' to 'format'
print(pcall(f, "%hd", 1))
-- expect: false	invalid conversion '%h' to 'format'
print(pcall(f, "%n", 1))
-- expect: false	invalid conversion '%n' to 'format'
print(pcall(f, "%10.123d", 1))
-- expect: false	invalid conversion specification: '%10.123d'
print(pcall(f, "%123d", 1))
-- expect: false	invalid conversion specification: '%123d'
print(pcall(f, "%.123f", 1))
-- expect: false	invalid conversion specification: '%.123f'
print(pcall(f, "%100.2f", 1))
-- expect: false	invalid conversion specification: '%100.2f'
print(pcall(f, "%-+ #0d", 1))
-- expect: false	invalid conversion specification: '%-+ #0d'
print(pcall(f, "%#d", 1))
-- expect: false	invalid conversion specification: '%#d'
print(pcall(f, "%+x", 1))
-- expect: false	invalid conversion specification: '%+x'
print(pcall(f, "% u", 1))
-- expect: false	invalid conversion specification: '% u'
print(pcall(f, "%+u", 1))
-- expect: false	invalid conversion specification: '%+u'
print(pcall(f, "%05s", "a"))
-- expect: false	invalid conversion specification: '%05s'
print(pcall(f, "%.3c", 65))
-- expect: false	invalid conversion specification: '%.3c'
print(pcall(f, "%#c", 65))
-- expect: false	invalid conversion specification: '%#c'
print(pcall(f, "%+s", "a"))
-- expect: false	invalid conversion specification: '%+s'
print(pcall(f, "%.1p", {}))
-- expect: false	invalid conversion specification: '%.1p'
print(pcall(f, "%0p", {}))
-- expect: false	invalid conversion specification: '%0p'
print(pcall(f, "%" .. string.rep("-", 21) .. "d", 1))
-- expect: false	invalid format (too long)
print(pcall(f, "%" .. string.rep("-", 20) .. "d", 1))
-- expect: true	1
print(pcall(f, "%" .. string.rep("-", 19) .. "5.2f", 1))
-- expect: false	invalid format (too long)
print(pcall(f, "%0-5d", 1))
-- expect: true	1    
print(pcall(f, "%0.1d", 1))
-- expect: true	1
print(pcall(f, "%5.d|", 1))
-- expect: true	    1|
print(pcall(f, "%.f|%.e|%.g", 1.5, 1.5, 1.5))
-- expect: true	2|2e+00|2
print(pcall(f, "%1.1.1f", 1))
-- expect: false	invalid conversion specification: '%1.1.1f'
print(pcall(f, "%5q", "x"))
-- expect: false	specifier '%q' cannot have modifiers
print(pcall(f, "%-q", "x"))
-- expect: false	specifier '%q' cannot have modifiers
