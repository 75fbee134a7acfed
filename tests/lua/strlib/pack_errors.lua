-- string.pack, string.unpack and string.packsize errors: sizes out of limits, invalid
-- options, overflow, alignment, short data, unfinished 'z', variable-length packsize and
-- argument errors.

local pack, unpack, packsize = string.pack, string.unpack, string.packsize
local function try(f, ...)
  print(pcall(f, ...))
end

-- sizes and options
try(pack, "i0", 1)
-- expect: false	integral size (0) out of limits [1,16]
try(pack, "i17", 1)
-- expect: false	integral size (17) out of limits [1,16]
try(pack, "I100", 1)
-- expect: false	integral size (100) out of limits [1,16]
try(packsize, "i99999999999")
-- expect: false	integral size (999999999) out of limits [1,16]
try(packsize, "!17")
-- expect: false	integral size (17) out of limits [1,16]
try(packsize, "!0")
-- expect: false	integral size (0) out of limits [1,16]
try(pack, "s0", "")
-- expect: false	integral size (0) out of limits [1,16]
try(pack, "s17", "")
-- expect: false	integral size (17) out of limits [1,16]
try(pack, "y", 1)
-- expect: false	invalid format option 'y'
try(unpack, "q", "")
-- expect: false	invalid format option 'q'
try(packsize, "i4 %")
-- expect: false	invalid format option '%'
try(packsize, "c")
-- expect: false	missing size for format option 'c'
try(pack, "c", "")
-- expect: false	missing size for format option 'c'
try(packsize, "\0")
-- expect: true	0
print(packsize("i4\0garbage"), packsize("c0"), packsize("c1000000000"))
-- expect: 4	0	1000000000
try(packsize, "c2147483647")
-- expect: false	invalid format option '7'
try(packsize, "c2000000000 c200000000")
-- expect: false	bad argument #1 to 'string.packsize' (format result too large)
try(packsize, "c1073741824 c1073741824 c1")
-- expect: false	bad argument #1 to 'string.packsize' (format result too large)
try(packsize, "c99999999999")
-- expect: false	invalid format option '9'

-- 'X' and alignment
try(packsize, "X")
-- expect: false	bad argument #1 to 'string.packsize' (invalid next option for option 'X')
try(packsize, "Xc1")
-- expect: false	bad argument #1 to 'string.packsize' (invalid next option for option 'X')
try(packsize, "X z")
-- expect: false	bad argument #1 to 'string.packsize' (invalid next option for option 'X')
try(packsize, "bX")
-- expect: false	bad argument #1 to 'string.packsize' (invalid next option for option 'X')
try(packsize, "!4 b X")
-- expect: false	bad argument #1 to 'string.packsize' (invalid next option for option 'X')
try(packsize, "!8 b i3")
-- expect: false	bad argument #1 to 'string.packsize' (format asks for alignment not power of 2)
try(packsize, "!8 b Xi3")
-- expect: false	bad argument #1 to 'string.packsize' (format asks for alignment not power of 2)
try(packsize, "!16 b i12")
-- expect: false	bad argument #1 to 'string.packsize' (format asks for alignment not power of 2)
print(packsize("!2 b i3"), packsize("! b Xi16"), packsize("!3 b"))
-- expect: 5	8	1

-- variable-length formats in packsize
try(packsize, "s")
-- expect: false	bad argument #1 to 'string.packsize' (variable-length format)
try(packsize, "z")
-- expect: false	bad argument #1 to 'string.packsize' (variable-length format)
try(packsize, "i4 s1")
-- expect: false	bad argument #1 to 'string.packsize' (variable-length format)

-- overflow when packing
try(pack, "i1", 128)
-- expect: false	bad argument #2 to 'string.pack' (integer overflow)
try(pack, "i1", -129)
-- expect: false	bad argument #2 to 'string.pack' (integer overflow)
print(#pack("i1", 127), #pack("i1", -128), #pack("I1", 255), #pack("i7", -(1 << 55)))
-- expect: 1	1	1	7
try(pack, "I1", 256)
-- expect: false	bad argument #2 to 'string.pack' (unsigned overflow)
try(pack, "I1", -1)
-- expect: false	bad argument #2 to 'string.pack' (unsigned overflow)
try(pack, "i2", 32768)
-- expect: false	bad argument #2 to 'string.pack' (integer overflow)
try(pack, "I2", 65536)
-- expect: false	bad argument #2 to 'string.pack' (unsigned overflow)
try(pack, "i7", 1 << 55)
-- expect: false	bad argument #2 to 'string.pack' (integer overflow)
try(pack, "I7", 1 << 56)
-- expect: false	bad argument #2 to 'string.pack' (unsigned overflow)
print(#pack("i8", -1), #pack("I8", -1), #pack("j", 9223372036854775807), #pack("J", -1))
-- expect: 8	8	8	8
try(pack, "i4", 1.5)
-- expect: false	bad argument #2 to 'string.pack' (number has no integer representation)
try(pack, "i4", "x")
-- expect: false	bad argument #2 to 'string.pack' (number expected, got string)
try(pack, "i4")
-- expect: false	bad argument #2 to 'string.pack' (number expected, got nil)
try(pack, "d", "x")
-- expect: false	bad argument #2 to 'string.pack' (number expected, got string)
try(pack, "f", {})
-- expect: false	bad argument #2 to 'string.pack' (number expected, got table)
try(pack, "b b", 1)
-- expect: false	bad argument #3 to 'string.pack' (number expected, got nil)
try(pack, "c2", "abc")
-- expect: false	bad argument #2 to 'string.pack' (string longer than given size)
try(pack, "z", "a\0b")
-- expect: false	bad argument #2 to 'string.pack' (string contains zeros)
try(pack, "s1", string.rep("x", 256))
-- expect: false	bad argument #2 to 'string.pack' (string length does not fit in given size)
print(#pack("s1", string.rep("x", 255)), #pack("s2", string.rep("x", 256)))
-- expect: 256	258
try(pack, "s", nil)
-- expect: false	bad argument #2 to 'string.pack' (string expected, got nil)
try(pack, nil)
-- expect: false	bad argument #1 to 'string.pack' (string expected, got nil)
try(pack, {})
-- expect: false	bad argument #1 to 'string.pack' (string expected, got table)

-- overflow when unpacking
try(unpack, "<i9", "\0\0\0\0\0\0\0\128\0")
-- expect: false	9-byte integer does not fit into Lua Integer
try(unpack, "<i9", "\255\255\255\255\255\255\255\127\255")
-- expect: false	9-byte integer does not fit into Lua Integer
try(unpack, "<I9", "\0\0\0\0\0\0\0\0\1")
-- expect: false	9-byte integer does not fit into Lua Integer
try(unpack, ">i16", string.rep("\0", 15) .. "\1" .. "")
-- expect: true	1	17
try(unpack, ">i16", "\1" .. string.rep("\0", 15))
-- expect: false	16-byte integer does not fit into Lua Integer
print(unpack("<i9", "\255\255\255\255\255\255\255\255\255"), unpack("<i16", string.rep("\255", 16)))
-- expect: -1	-1	17

-- short data and bad positions
try(unpack, "i4", "abc")
-- expect: false	bad argument #2 to 'string.unpack' (data string too short)
try(unpack, "i4", "abcd", 2)
-- expect: false	bad argument #2 to 'string.unpack' (data string too short)
try(unpack, "b", "")
-- expect: false	bad argument #2 to 'string.unpack' (data string too short)
try(unpack, "c4", "abc")
-- expect: false	bad argument #2 to 'string.unpack' (data string too short)
try(unpack, "s1", "\5abc")
-- expect: false	bad argument #2 to 'string.unpack' (data string too short)
try(unpack, "s1", "")
-- expect: false	bad argument #2 to 'string.unpack' (data string too short)
try(unpack, "z", "abc")
-- expect: false	bad argument #2 to 'string.unpack' (unfinished string for format 'z')
try(unpack, "z", "")
-- expect: false	bad argument #2 to 'string.unpack' (unfinished string for format 'z')
try(unpack, "z", "abc", 4)
-- expect: false	bad argument #2 to 'string.unpack' (unfinished string for format 'z')
try(unpack, "!4 b i4", "\1\0\0\0\1\0\0")
-- expect: false	bad argument #2 to 'string.unpack' (data string too short)
try(unpack, "i4", "abcd", 6)
-- expect: false	bad argument #3 to 'string.unpack' (initial position out of string)
try(unpack, "i4", "abcd", 9223372036854775807)
-- expect: false	bad argument #3 to 'string.unpack' (initial position out of string)
try(unpack, "b", "abc", 1.5)
-- expect: false	bad argument #3 to 'string.unpack' (number has no integer representation)
try(unpack, "b", "abc", "x")
-- expect: false	bad argument #3 to 'string.unpack' (number expected, got string)
try(unpack, "b")
-- expect: false	bad argument #2 to 'string.unpack' (string expected, got no value)
try(unpack, "b", {})
-- expect: false	bad argument #2 to 'string.unpack' (string expected, got table)
print(unpack("i4", "abcd", -100) == unpack("i4", "abcd"), unpack("z", "abc\0", 4), unpack("b", "abc", 5 - 2))
-- expect: true		99	4
try(unpack, "xx", "a")
-- expect: false	bad argument #2 to 'string.unpack' (data string too short)
print(unpack("x", "a"), unpack("Xi4", ""), unpack("  ", ""))
-- expect: 2	1	1
