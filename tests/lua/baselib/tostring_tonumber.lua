-- tostring and tonumber, with and without a base.

print(tostring(nil), tostring(true), tostring(0), tostring(-1.5), tostring("x"))
-- expect: nil	true	0	-1.5	x
print(pcall(tostring))
-- expect: false	bad argument #1 to 'tostring' (value expected)
print(tonumber(10), tonumber(1.5), tonumber("10"), tonumber("  10  "), tonumber("0x10"))
-- expect: 10	1.5	10	10	16
print(tonumber("  0x10  "), tonumber("1e2"), tonumber("1e"), tonumber(".5"), tonumber("5."))
-- expect: 16	100.0	nil	0.5	5.0
print(tonumber("0x1p4"), tonumber("0x.8"), tonumber("inf"), tonumber("nan"), tonumber("1 2"))
-- expect: 16.0	0.5	nil	nil	nil
print(tonumber(""), tonumber(" "), tonumber("-"), tonumber("+5"), tonumber("- 5"), tonumber("--5"))
-- expect: nil	nil	nil	5	nil	nil
print(tonumber("9223372036854775807"), tonumber("9223372036854775808"), tonumber("-9223372036854775808"))
-- expect: 9223372036854775807	9.2233720368548e+18	-9223372036854775808
print(tonumber("0xffffffffffffffff"), tonumber("1" .. "0"), tonumber("\t\n12\r\v\f"))
-- expect: -1	10	12
print(tonumber(nil))
-- expect: nil
print(tonumber({}), tonumber(true), tonumber(print))
-- expect: nil	nil	nil
print(pcall(tonumber))
-- expect: false	bad argument #1 to 'tonumber' (value expected)

-- with a base: only integers in that base, letters are digits
print(tonumber("z", 36), tonumber("Z", 36), tonumber("10", 2), tonumber("777", 8))
-- expect: 35	35	2	511
print(tonumber("8", 8), tonumber("ff", 16), tonumber("FF", 16), tonumber("0xff", 16))
-- expect: nil	255	255	nil
print(tonumber("  11  ", 2), tonumber("-11", 2), tonumber("1.0", 10), tonumber("", 10))
-- expect: 3	-3	nil	nil
print(tonumber("zz", 36), tonumber("10", 36), tonumber("7fffffffffffffff", 16))
-- expect: 1295	36	9223372036854775807
print(tonumber("ffffffffffffffff", 16), tonumber("10000000000000000", 16))
-- expect: -1	0
print(pcall(tonumber, "10", 1))
-- expect: false	bad argument #2 to 'tonumber' (base out of range)
print(pcall(tonumber, "10", 37))
-- expect: false	bad argument #2 to 'tonumber' (base out of range)
print(pcall(tonumber, 10, 16))
-- expect: false	bad argument #1 to 'tonumber' (string expected, got number)
print(pcall(tonumber, "10", 10.5))
-- expect: false	bad argument #2 to 'tonumber' (number has no integer representation)
print(pcall(tonumber, nil, 10))
-- expect: false	bad argument #1 to 'tonumber' (string expected, got nil)
print(tonumber("1e1", 10), tonumber("+ 1", 10), tonumber("+1", 10))
-- expect: nil	nil	1

-- round trips
for _, v in ipairs({ 0, 1, -1, 1.5, 1e100, -0.0, 2^53, 9223372036854775807 }) do
  print(v, tonumber(tostring(v)) == v)
end
-- expect: 0	true
-- expect: 1	true
-- expect: -1	true
-- expect: 1.5	true
-- expect: 1e+100	true
-- expect: -0.0	true
-- expect: 9.007199254741e+15	false
-- expect: 9223372036854775807	true
