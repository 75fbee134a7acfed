-- string.pack, string.unpack and string.packsize: every option, endianness, sizes 1..16,
-- alignment with '!' and 'X', strings (s[n], z, c[n]) and unpack's init and next position.

local pack, unpack, packsize = string.pack, string.unpack, string.packsize

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

-- integer options and their sizes
print(packsize("b"), packsize("B"), packsize("h"), packsize("H"), packsize("l"), packsize("L"))
-- expect: 1	1	2	2	8	8
print(packsize("j"), packsize("J"), packsize("T"), packsize("i"), packsize("I"), packsize("f"))
-- expect: 8	8	8	4	4	4
print(packsize("d"), packsize("n"), packsize("i1"), packsize("i16"), packsize("I7"), packsize(""))
-- expect: 8	8	1	16	7	0
print(hex(pack("<i4", 1)), hex(pack(">i4", 1)), hex(pack("<i2", -2)), hex(pack(">I3", 0x010203)))
-- expect: 01000000	00000001	feff	010203
print(hex(pack("<b", -128)), hex(pack("<B", 255)), hex(pack("<h", -1)), hex(pack(">H", 65535)))
-- expect: 80	ff	ffff	ffff
print(hex(pack("<j", -9223372036854775807 - 1)), hex(pack(">J", 1)), hex(pack("<T", 258)))
-- expect: 0000000000000080	0000000000000001	0201000000000000
print(hex(pack("<i16", -2)), hex(pack(">i16", -2)), hex(pack("<I16", 3)))
-- expect: feffffffffffffffffffffffffffffff	fffffffffffffffffffffffffffffffe	03000000000000000000000000000000
print(hex(pack("<i9", 9223372036854775807)), hex(pack("<i9", -9223372036854775807 - 1)))
-- expect: ffffffffffffff7f00	0000000000000080ff
print(unpack("<i4", pack("<i4", -123456)), unpack(">I2", "\1\2"), unpack("<I2", "\1\2"))
-- expect: -123456	258	513	3
print(unpack("<b", "\255"), unpack("<B", "\255"), unpack("<h", "\255\127"), unpack("<i3", "\255\255\255"))
-- expect: -1	255	32767	-1	4
print(unpack("<i16", pack("<i16", -5)), unpack(">I16", pack(">I16", 77)), unpack("<j", pack("<j", -9223372036854775807 - 1)))
-- expect: -5	77	-9223372036854775808	9
print(unpack("<i12", pack("<i12", 9223372036854775807)), unpack("<I9", "\255\255\255\255\255\255\255\255\0"))
-- expect: 9223372036854775807	-1	10
print(unpack("<J", "\255\255\255\255\255\255\255\255"), unpack("<I8", "\0\0\0\0\0\0\0\128"))
-- expect: -1	-9223372036854775808	9
for size = 1, 16 do
  local lim = size >= 8 and 9223372036854775807 or (1 << (size * 8 - 1)) - 1
  local lo = size >= 8 and -9223372036854775807 - 1 or -(1 << (size * 8 - 1))
  local a = unpack("<i" .. size, pack("<i" .. size, lim))
  local b = unpack(">i" .. size, pack(">i" .. size, lo))
  local c = unpack("=I" .. size, pack("=I" .. size, size))
  print(size, packsize("i" .. size), a == lim, b == lo, c == size)
end
-- expect: 1	1	true	true	true
-- expect: 2	2	true	true	true
-- expect: 3	3	true	true	true
-- expect: 4	4	true	true	true
-- expect: 5	5	true	true	true
-- expect: 6	6	true	true	true
-- expect: 7	7	true	true	true
-- expect: 8	8	true	true	true
-- expect: 9	9	true	true	true
-- expect: 10	10	true	true	true
-- expect: 11	11	true	true	true
-- expect: 12	12	true	true	true
-- expect: 13	13	true	true	true
-- expect: 14	14	true	true	true
-- expect: 15	15	true	true	true
-- expect: 16	16	true	true	true

-- floats
print(hex(pack("<f", 1.5)), hex(pack(">d", 1.5)), hex(pack("<n", -2.0)), hex(pack(">f", 1/0)))
-- expect: 0000c03f	3ff8000000000000	00000000000000c0	7f800000
print(unpack("<f", pack("<f", 0.1)) == 0.1, unpack("<f", pack("<f", 0.5)), unpack(">d", pack(">d", 0.1)))
-- expect: false	0.5	0.1	9
print(unpack("<n", pack("<n", 1/0)), unpack("<d", pack("<d", -1/0)), unpack("<f", pack("<f", 3)))
-- expect: inf	-inf	3.0	5
local nan = unpack("<d", pack("<d", 0/0))
print(nan ~= nan, unpack("<f", pack("<f", 1e300)), unpack("<d", pack("<d", -0.0)), unpack("<f", pack("<f", "2")))
-- expect: true	inf	-0.0	2.0	5

-- strings
print(hex(pack("<s1", "abc")), hex(pack(">s2", "hi")), hex(pack("<s", "x")), hex(pack("z", "ab")))
-- expect: 03616263	00026869	010000000000000078	616200
print(hex(pack("c5", "abc")), hex(pack("c3", "abc")), hex(pack("c0", "")), hex(pack("s1", "")))
-- expect: 6162630000	616263		00
print(unpack("<s1", "\3abcd"), unpack("z", "hello\0world\0"), unpack("c3", "abcdef"))
-- expect: abc	hello	abc	4
print(unpack("zz", "a\0\0"), unpack("c0", ""), unpack("s4", pack("s4", string.rep("x", 300))):len())
-- expect: a		300
local a, b, nxt = unpack("<s1 s1", pack("<s1 s1", "a\0b", ""))
print(a == "a\0b", b, nxt, #pack("s16", "q"))
-- expect: true		6	17
print(pack("z", "") == "\0", #pack("z", ""), unpack("c2 c1", "xyz"))
-- expect: true	1	xy	z	4

-- endianness switches and spaces
print(hex(pack("<i2 >i2 =i2", 1, 1, 1)), hex(pack(" < i2  > i2 ", 2, 2)), hex(pack("<I2>I2", 258, 258)))
-- expect: 010000010100	02000002	02010102
print(unpack("<i2 >i2", "\1\0\0\1"))
-- expect: 1	1	5

-- alignment
print(hex(pack("!4 b i4", 1, 2)), hex(pack("!<b i4", 1, 2)), hex(pack("!2 b i4", 1, 2)), hex(pack("b i4", 1, 2)))
-- expect: 0100000002000000	0100000002000000	010002000000	0102000000
print(packsize("!8 b d"), packsize("!8 b i8"), packsize("!16 b i16"), packsize("!b i16"))
-- expect: 16	16	32	24
print(packsize("!4 b Xi4"), packsize("!4 bb Xh"), packsize("!8 b Xd b"), packsize("b Xi4"), packsize("!4 Xi4"))
-- expect: 4	2	9	1	0
print(hex(pack("!4 b Xi4 b", 1, 2)), hex(pack("<!8 b x h", 1, 2)), hex(pack("xxbx", 7)))
-- expect: 0100000002	01000200	00000700
print(packsize("!8 c3 d"), packsize("!2 c3 h"), packsize("!8 b !2 i8"), packsize("x"), packsize("xXb"))
-- expect: 16	6	10	1	1
print(unpack("!4 b i4", pack("!4 b i4", 5, -6)))
-- expect: 5	-6	9
print(unpack("!4 b Xi4 b", pack("!4 b Xi4 b", 9, 10)))
-- expect: 9	10	6
print(unpack("!4 z i4", pack("!4 z i4", "ab", 3)))
-- expect: ab	3	9
print(unpack("!8 s1 d", pack("!8 s1 d", "abc", 2.5)))
-- expect: abc	2.5	17

-- unpack's init and the next position
local data = pack("<i2 i2 i2", 10, 20, 30)
print(unpack("<i2", data), unpack("<i2", data, 3), unpack("<i2", data, -2), unpack("<i2", data, 5))
-- expect: 10	20	30	30	7
print(unpack("<i2", data, 0), unpack("<i2", data, -100), unpack("", data, 7), unpack("", data), unpack("", ""))
-- expect: 10	10	7	1	1
print(unpack("<i2 i2 i2", data))
-- expect: 10	20	30	7
print(select("#", unpack("bbbb", "\1\2\3\4")), unpack("!4 b Xi4", "\1\0\0\0"))
-- expect: 5	1	5

-- many values
local fmt = string.rep("b", 100)
local s = pack(fmt, select(1, (string.rep("1,", 99) .. "1"):byte(1, -1)))
print(#s, select("#", unpack(fmt, s)), select(100, unpack(fmt, s)))
-- expect: 100	101	44	101
