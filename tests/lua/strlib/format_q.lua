-- string.format("%q"): literals for strings (control characters, zeros, quotes, newlines,
-- every byte), integers (mininteger in hex), floats (hex, inf, -inf, nan), booleans and
-- nil, and round trips through load.

local f = string.format

print(f("%q", "hello"), f("%q", ""), f("%q", 'a"b'), f("%q", "a\\b"), f("%q", "it's"))
-- expect: "hello"	""	"a\"b"	"a\\b"	"it's"
print(f("%q", "line1\nline2"))
-- expect: "line1\
-- expect: line2"
print(f("%q", "a\0b"), f("%q", "a\0001"), f("%q", "\0"), f("%q", "\r\n"), f("%q", "\t9"))
-- expect: "a\0b"	"a\0001"	"\0"	"\13\
-- expect: "	"\0099"
print(f("%q", "\1\2\0031\127x\1279"), f("%q", "\200\255") == '"\200\255"', f("%q", "\27[0m"))
-- expect: "\1\2\0031\127x\1279"	true	"\27[0m"
print(f("%q %q %q", 1, -1, 0), f("%q", 9223372036854775807), f("%q", -9223372036854775807 - 1))
-- expect: 1 -1 0	9223372036854775807	0x8000000000000000
print(f("%q %q %q %q", 1.0, -2.5, 0.1, 1/3), f("%q", 2^53), f("%q", 2^63), f("%q", 1e-300))
-- expect: 0x1p+0 -0x1.4p+1 0x1.999999999999ap-4 0x1.5555555555555p-2	0x1p+53	0x1p+63	0x1.56e1fc2f8f359p-997
print(f("%q %q %q", 1/0, -1/0, 0/0), f("%q", -0.0), f("%q", 5e-324))
-- expect: 1e9999 -1e9999 (0/0)	-0x0p+0	0x0.0000000000001p-1022
print(f("%q %q %q", true, false, nil))
-- expect: true false nil
print(f("[%q]", "x") .. f("%q", 10) .. f("%s%q", "a", "b"))
-- expect: ["x"]10a"b"

-- no literal form
print(pcall(f, "%q", {}))
-- expect: false	bad argument #2 to 'string.format' (value has no literal form)
print(pcall(f, "%q", print))
-- expect: false	bad argument #2 to 'string.format' (value has no literal form)
print(pcall(f, "%q", coroutine.create(print)))
-- expect: false	bad argument #2 to 'string.format' (value has no literal form)
print(pcall(f, "%q"))
-- expect: false	bad argument #2 to 'string.format' (no value)
print(pcall(f, "%d %q", 1, {}))
-- expect: false	bad argument #3 to 'string.format' (value has no literal form)
print(pcall(f, "%q", setmetatable({}, {__tostring = function() return "x" end})))
-- expect: false	bad argument #2 to 'string.format' (value has no literal form)

-- round trips (a float's tostring always has a '.', an exponent, "inf" or "nan")
local function kind(x)
  if type(x) ~= "number" then return type(x) end
  return tostring(x):find("[%.eni]") and "float" or "integer"
end
local function rt(v)
  local src = "return " .. f("%q", v)
  local back = load(src)()
  return back == v or (v ~= v and back ~= back), kind(back) == kind(v)
end
local values = {
  0, 1, -1, 255, 9223372036854775807, -9223372036854775807 - 1, -9223372036854775807,
  0.5, -0.5, 1/3, -1/3, 2^53, 2^53 + 1, 2^63, -2^63, 1e308, 1.7976931348623157e308,
  2.2250738585072014e-308, 5e-324, 1e100, 3.14159265358979, 1/0, -1/0, 0/0, 100.0, -7.0,
  "", "abc", "\0", "\0\0\0", "a\nb", "\r", "\r\n", "\\", "\"", "'", "\n\n", "1\0002",
  true, false,
}
local ok = 0
for i = 1, #values do
  local same, sametype = rt(values[i])
  if same and sametype then ok = ok + 1 else print("round trip failed", i, f("%q", values[i])) end
end
print(ok, #values)
-- expect: 40	40

-- every byte, alone, and followed by a digit, and all of them in one string
local all = ""
for b = 0, 255 do
  local c = string.char(b)
  all = all .. c
  local s1, s2 = c, c .. "7"
  assert(load("return " .. f("%q", s1))() == s1, b)
  assert(load("return " .. f("%q", s2))() == s2, b)
end
print(#all, load("return " .. f("%q", all))() == all)
-- expect: 256	true
print(#f("%q", all))
-- expect: 316
print((f("%q", string.sub(all, 1, 40))))
-- expect: "\0\1\2\3\4\5\6\7\8\9\
-- expect: \11\12\13\14\15\16\17\18\19\20\21\22\23\24\25\26\27\28\29\30\31 !\"#$%&'"
local rev = all:reverse() .. "0" .. all
print(load("return " .. f("%q", rev))() == rev)
-- expect: true

-- %q of long strings and the count of escapes
local big = string.rep("a\n\0", 1000)
local q = f("%q", big)
print(#q, load("return " .. q)() == big)
-- expect: 5002	true
