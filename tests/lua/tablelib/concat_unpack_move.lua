-- table.concat, table.pack, table.unpack and table.move on plain tables.

-- concat
local t = {"a", "b", "c", "d"}
print(table.concat(t))
-- expect: abcd
print(table.concat(t, ", "))
-- expect: a, b, c, d
print(table.concat(t, "-", 2))
-- expect: b-c-d
print(table.concat(t, "-", 2, 3))
-- expect: b-c
print(table.concat(t, "-", 3, 3))
-- expect: c
print("[" .. table.concat(t, "-", 4, 3) .. "]")
-- expect: []
print("[" .. table.concat({}) .. "]")
-- expect: []
print("[" .. table.concat({}, "x") .. "]")
-- expect: []
print(table.concat({1, 2.5, -0.0, 2^63, math.mininteger, "s"}, " "))
-- expect: 1 2.5 -0.0 9.2233720368548e+18 -9223372036854775808 s
print(table.concat({1, 2, 3}, 0))
-- expect: 10203
print(table.concat({1, 2, 3}, 1.5))
-- expect: 11.521.53
print(#table.concat({"a\0b", "\0"}, "\0"))
-- expect: 5
print(table.concat({[-1] = "m", [0] = "z", "a"}, ",", -1, 1))
-- expect: m,z,a
print(pcall(table.concat, {1, {}, 3}))
-- expect: false	invalid value (table) at index 2 in table for 'concat'
print(pcall(table.concat, {1, 2, 3}, ",", 1, 5))
-- expect: false	invalid value (nil) at index 4 in table for 'concat'
print(pcall(table.concat, {1, nil, 3}, ",", 1, 3))
-- expect: false	invalid value (nil) at index 2 in table for 'concat'
print(pcall(table.concat, {true}))
-- expect: false	invalid value (boolean) at index 1 in table for 'concat'
print(pcall(table.concat, {}, {}))
-- expect: false	bad argument #2 to 'table.concat' (string expected, got table)
print(pcall(table.concat, {}, ",", "x"))
-- expect: false	bad argument #3 to 'table.concat' (number expected, got string)
print(pcall(table.concat, {}, ",", 1, 2.5))
-- expect: false	bad argument #4 to 'table.concat' (number has no integer representation)
print(pcall(table.concat, nil))
-- expect: false	bad argument #1 to 'table.concat' (table expected, got nil)
print(pcall(table.concat, {}, ",", math.maxinteger - 1, math.maxinteger))
-- expect: false	invalid value (nil) at index 9223372036854775806 in table for 'concat'
print(table.concat({}, ",", math.maxinteger, math.maxinteger - 1))
-- expect:
print(table.concat({}, ",", math.mininteger + 1, math.mininteger))
-- expect:
local mt = setmetatable({}, {__index = function(_, k) return "k" .. k end})
print(table.concat(mt, "", math.maxinteger - 2, math.maxinteger))
-- expect: k9223372036854775805k9223372036854775806k9223372036854775807
print(table.concat(mt, "", math.mininteger, math.mininteger + 1))
-- expect: k-9223372036854775808k-9223372036854775807
-- a long result
local big = {}
for i = 1, 10000 do big[i] = "x" .. i end
local s = table.concat(big, ",")
print(#s, s:sub(1, 20), s:sub(-12))
-- expect: 58893	x1,x2,x3,x4,x5,x6,x7	x9999,x10000

-- pack
local p = table.pack()
print(p.n, #p)
-- expect: 0	0
p = table.pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
-- expect: 4	1	nil	3	nil
p = table.pack(nil)
print(p.n, p[1])
-- expect: 1	nil
p = table.pack("a", "b")
print(p.n, p[1], p[2], p[3])
-- expect: 2	a	b	nil

-- unpack
print(table.unpack({1, 2, 3}))
-- expect: 1	2	3
print(table.unpack({1, 2, 3}, 2))
-- expect: 2	3
print(table.unpack({1, 2, 3}, 2, 3))
-- expect: 2	3
print(table.unpack({1, 2, 3}, -1, 1))
-- expect: nil	nil	1
print(table.unpack({1, 2, 3}, 3, 2))
-- expect:
print(select("#", table.unpack({}, 1, 0)))
-- expect: 0
print(select("#", table.unpack({}, 1, 3)))
-- expect: 3
print(table.unpack({1, 2, 3}, "2", 3.0))
-- expect: 2	3
print(table.unpack({n = 5, 1, 2}, 1, p.n))
-- expect: 1	2
print(table.unpack({[math.maxinteger] = "M"}, math.maxinteger))
-- expect:
print(table.unpack({[math.mininteger] = "m"}, math.mininteger, math.mininteger))
-- expect: m
print(table.unpack({}, math.maxinteger, math.mininteger))
-- expect:
print(pcall(table.unpack, {}, 1, 1e8))
-- expect: false	too many results to unpack
print(pcall(table.unpack, {}, math.mininteger, math.maxinteger))
-- expect: false	too many results to unpack
print(pcall(table.unpack, {}, 0, math.maxinteger))
-- expect: false	too many results to unpack
print(pcall(table.unpack, {}, 1, 2.5))
-- expect: false	bad argument #3 to 'table.unpack' (number has no integer representation)
print(pcall(table.unpack, {}, "x"))
-- expect: false	bad argument #2 to 'table.unpack' (number expected, got string)
print(pcall(table.unpack))
-- expect: false	attempt to get length of a nil value
print(pcall(table.unpack, nil, 1, 2))
-- expect: false	attempt to index a nil value
print(pcall(table.unpack, 5))
-- expect: false	attempt to get length of a number value
print(pcall(table.unpack, "abc"))
-- expect: true	nil	nil	nil
print(pcall(table.unpack, "abc", 1, 2))
-- expect: true	nil	nil
local n = select("#", table.unpack({}, 1, 10000))
print(n)
-- expect: 10000

-- move
local a = {1, 2, 3, 4, 5}
table.move(a, 1, 3, 3)
print(table.concat(a, ","))
-- expect: 1,2,1,2,3
a = {1, 2, 3, 4, 5}
table.move(a, 2, 5, 1)
print(table.concat(a, ","))
-- expect: 2,3,4,5,5
a = {1, 2, 3}
local b = table.move(a, 1, 3, 2, {})
print(b[1], b[2], b[3], b[4])
-- expect: nil	1	2	3
print(table.move(a, 1, 0, 1) == a, table.move(a, 1, 3, 1, b) == b)
-- expect: true	true
a = {1, 2, 3}
table.move(a, 1, 3, -1)
print(a[-1], a[0], a[1], a[2], a[3])
-- expect: 1	2	3	2	3
a = {"x", "y"}
print(table.move(a, 5, 4, 1) == a, a[1], a[2])
-- expect: true	x	y
b = table.move({1, 2}, 1, 2, math.maxinteger - 1, {})
print(b[math.maxinteger - 1], b[math.maxinteger])
-- expect: 1	2
b = table.move({[math.mininteger] = "lo"}, math.mininteger, math.mininteger, 1, {})
print(b[1])
-- expect: lo
print(pcall(table.move, {}, 1, math.maxinteger, 2))
-- expect: false	bad argument #4 to 'table.move' (destination wrap around)
print(pcall(table.move, {}, 0, math.maxinteger, 2))
-- expect: false	bad argument #3 to 'table.move' (too many elements to move)
print(pcall(table.move, {}, -1, math.maxinteger, 2))
-- expect: false	bad argument #3 to 'table.move' (too many elements to move)
print(pcall(table.move, {}, math.mininteger, -1, 1))
-- expect: false	bad argument #3 to 'table.move' (too many elements to move)
print(pcall(table.move, {}, 1, 10, math.maxinteger))
-- expect: false	bad argument #4 to 'table.move' (destination wrap around)
print((pcall(table.move, {}, 1, 10, math.maxinteger - 9)))
-- expect: true
print(pcall(table.move, {}, 1, 2))
-- expect: false	bad argument #4 to 'table.move' (number expected, got no value)
print(pcall(table.move, {}, 1, 2, 3, 4))
-- expect: false	bad argument #5 to 'table.move' (table expected, got number)
print(pcall(table.move, nil, 1, 2, 3))
-- expect: false	bad argument #1 to 'table.move' (table expected, got nil)
print(pcall(table.move, {}, "a", 2, 3))
-- expect: false	bad argument #2 to 'table.move' (number expected, got string)
print(pcall(table.move, {}, 1, 2.5, 3))
-- expect: false	bad argument #3 to 'table.move' (number has no integer representation)
print(pcall(table.move, {}, 1, 2, 3, "t"))
-- expect: false	bad argument #5 to 'table.move' (table expected, got string)
print(pcall(table.move, 1, 1, 2, 3, {}))
-- expect: false	bad argument #1 to 'table.move' (table expected, got number)
