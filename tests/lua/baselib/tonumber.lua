-- tonumber: numerals, whitespace, bases 2..36, and its argument errors.

print(tonumber("10"), tonumber("  0x10  "), tonumber("1e2"), tonumber(" 3.5 "))
-- expect: 10	16	100.0	3.5
print(tonumber("10", 2), tonumber("ff", 16), tonumber("FF", 16), tonumber("zz", 36))
-- expect: 2	255	255	1295
print(tonumber("  -101  ", 2), tonumber("+7", 8), tonumber("8", 8), tonumber("", 10))
-- expect: -5	7	nil	nil
print(tonumber("1 0"), tonumber("0x"), tonumber("abc"), tonumber("inf"), tonumber("nan"))
-- expect: nil	nil	nil	nil	nil
print(tonumber(12), tonumber(1.5), tonumber({}), tonumber(nil), tonumber(true))
-- expect: 12	1.5	nil	nil	nil
print(tonumber("7fffffffffffffff", 16), tonumber("ffffffffffffffff", 16))
-- expect: 9223372036854775807	-1
print(tonumber("1000000000000000000000000000000"))
-- expect: 1e+30
print(pcall(tonumber))
-- expect: false	bad argument #1 to 'tonumber' (value expected)
print(pcall(tonumber, "10", 1))
-- expect: false	bad argument #2 to 'tonumber' (base out of range)
print(pcall(tonumber, "10", 37))
-- expect: false	bad argument #2 to 'tonumber' (base out of range)
print(pcall(tonumber, 10, 16))
-- expect: false	bad argument #1 to 'tonumber' (string expected, got number)
print(pcall(tonumber, "10", "x"))
-- expect: false	bad argument #2 to 'tonumber' (number expected, got string)
print(pcall(tonumber, "10", 2.5))
-- expect: false	bad argument #2 to 'tonumber' (number has no integer representation)
print(tonumber("10") | 0, tonumber("10.0"), tonumber("1", 10) // 1)
-- expect: 10	10.0	1
