-- utf8.char and utf8.charpattern. Strings are shown as byte lists (no control characters
-- in the expected output).

local function bytes(s)
  local parts = {}
  for i = 1, #s do parts[i] = tostring(s:byte(i)) end
  return "<" .. table.concat(parts, " ") .. ">"
end

print(utf8.char(72, 101, 108, 108, 111))
-- expect: Hello
print(utf8.char())
-- expect:
print(#utf8.char())
-- expect: 0
print(bytes(utf8.char(0)))
-- expect: <0>
print(bytes(utf8.char(0x7F)), bytes(utf8.char(0x80)), bytes(utf8.char(0x7FF)))
-- expect: <127>	<194 128>	<223 191>
print(bytes(utf8.char(0x800)), bytes(utf8.char(0xFFFF)), bytes(utf8.char(0x10000)))
-- expect: <224 160 128>	<239 191 191>	<240 144 128 128>
print(bytes(utf8.char(0x10FFFF)), bytes(utf8.char(0x110000)))
-- expect: <244 143 191 191>	<244 144 128 128>
print(bytes(utf8.char(0xD800)), bytes(utf8.char(0xDFFF)))
-- expect: <237 160 128>	<237 191 191>
print(bytes(utf8.char(0x1FFFFF)), bytes(utf8.char(0x200000)))
-- expect: <247 191 191 191>	<248 136 128 128 128>
print(bytes(utf8.char(0x3FFFFFF)), bytes(utf8.char(0x4000000)))
-- expect: <251 191 191 191 191>	<252 132 128 128 128 128>
print(bytes(utf8.char(0x7FFFFFFF)))
-- expect: <253 191 191 191 191 191>
print(utf8.char(0x48, 0xE9, 0x4E2D, 0x1F600))
-- expect: Hé中😀
print(utf8.char(65.0, "66", " 0x43 "))
-- expect: ABC

-- errors
print(pcall(utf8.char, 0x80000000))
-- expect: false	bad argument #1 to 'utf8.char' (value out of range)
print(pcall(utf8.char, -1))
-- expect: false	bad argument #1 to 'utf8.char' (value out of range)
print(pcall(utf8.char, math.mininteger))
-- expect: false	bad argument #1 to 'utf8.char' (value out of range)
print(pcall(utf8.char, math.maxinteger))
-- expect: false	bad argument #1 to 'utf8.char' (value out of range)
print(pcall(utf8.char, 65, 66, -1))
-- expect: false	bad argument #3 to 'utf8.char' (value out of range)
print(pcall(utf8.char, 65, 1.5))
-- expect: false	bad argument #2 to 'utf8.char' (number has no integer representation)
print(pcall(utf8.char, "x"))
-- expect: false	bad argument #1 to 'utf8.char' (number expected, got string)
print(pcall(utf8.char, nil))
-- expect: false	bad argument #1 to 'utf8.char' (number expected, got nil)
print(pcall(utf8.char, 65, {}))
-- expect: false	bad argument #2 to 'utf8.char' (number expected, got table)

-- charpattern
print(bytes(utf8.charpattern))
-- expect: <91 0 45 127 194 45 253 93 91 128 45 191 93 42>
print(#utf8.charpattern, type(utf8.charpattern))
-- expect: 14	string

-- a long result
local t = {}
for i = 1, 300 do t[i] = 0x4E00 + i end
local s = utf8.char(table.unpack(t))
print(#s, utf8.len(s), utf8.codepoint(s, -3))
-- expect: 900	300	20268
