-- utf8.offset and utf8.codes.

local s = "a\u{E9}\u{4E2D}\u{1F600}z"  -- bytes: 1, 2-3, 4-6, 7-10, 11

-- offset(s, n): the n-th character from the start (n > 0) or the end (n < 0)
print(utf8.offset(s, 1), utf8.offset(s, 2), utf8.offset(s, 3), utf8.offset(s, 4))
-- expect: 1	2	4	7
print(utf8.offset(s, 5), utf8.offset(s, 6), utf8.offset(s, 7))
-- expect: 11	12	nil
print(utf8.offset(s, -1), utf8.offset(s, -2), utf8.offset(s, -5), utf8.offset(s, -6))
-- expect: 11	7	1	nil
-- n == 0: the start of the character containing byte i
print(utf8.offset(s, 0, 1), utf8.offset(s, 0, 3), utf8.offset(s, 0, 6), utf8.offset(s, 0, 9))
-- expect: 1	2	4	7
print(utf8.offset(s, 0, 12), utf8.offset(s, 0), utf8.offset(s, 0, -1), utf8.offset(s, 0, -2))
-- expect: 12	1	11	7
-- relative to i
print(utf8.offset(s, 1, 4), utf8.offset(s, 2, 4), utf8.offset(s, -1, 4), utf8.offset(s, -2, 4))
-- expect: 4	7	2	1
print(utf8.offset(s, 1, 12), utf8.offset(s, -1, 12), utf8.offset(s, 2, 11))
-- expect: 12	11	12
print(utf8.offset(s, 1, -1), utf8.offset(s, -1, -1), utf8.offset(s, 1, -11))
-- expect: 11	7	1
print(utf8.offset("", 1), utf8.offset("", -1), utf8.offset("", 0), utf8.offset("", 2))
-- expect: 1	nil	1	nil
print(utf8.offset("abc", 1, 4), utf8.offset("abc", 2, 4), utf8.offset("abc", -3), utf8.offset("abc", -4))
-- expect: 4	nil	1	nil
-- invalid UTF-8 is stepped over byte-wise
print(utf8.offset("\xFF\xFE", 2), utf8.offset("\x80\x80", 0, 2))
-- expect: 2	1
-- errors
print(pcall(utf8.offset, s, 1, 3))
-- expect: false	initial position is a continuation byte
print(pcall(utf8.offset, s, -1, 9))
-- expect: false	initial position is a continuation byte
print(pcall(utf8.offset, s, 1, 13))
-- expect: false	bad argument #3 to 'utf8.offset' (position out of bounds)
print(pcall(utf8.offset, s, 1, 0))
-- expect: false	bad argument #3 to 'utf8.offset' (position out of bounds)
print(pcall(utf8.offset, s, 1, -12))
-- expect: false	bad argument #3 to 'utf8.offset' (position out of bounds)
print(pcall(utf8.offset, s))
-- expect: false	bad argument #2 to 'utf8.offset' (number expected, got no value)
print(pcall(utf8.offset, s, 1.5))
-- expect: false	bad argument #2 to 'utf8.offset' (number has no integer representation)
print(pcall(utf8.offset, s, 1, "x"))
-- expect: false	bad argument #3 to 'utf8.offset' (number expected, got string)
print(pcall(utf8.offset, nil, 1))
-- expect: false	bad argument #1 to 'utf8.offset' (string expected, got nil)

-- codes
for p, c in utf8.codes(s) do print(p, c) end
-- expect: 1	97
-- expect: 2	233
-- expect: 4	20013
-- expect: 7	128512
-- expect: 11	122
for p, c in utf8.codes("") do print("never", p, c) end
local out = {}
for p, c in utf8.codes("a\0b") do out[#out + 1] = p .. ":" .. c end
print(#out, table.concat(out, " "))
-- expect: 3	1:97 2:0 3:98
-- errors at the position of the bad sequence, after the good ones
out = {}
print(pcall(function()
  for p, c in utf8.codes("ab\xFFcd") do out[#out + 1] = p .. "=" .. c end
end))
-- expect: false	offset_codes.lua:66: invalid UTF-8 code
print(table.concat(out, " "))
-- expect: 1=97 2=98
out = {}
print(pcall(function()
  for p, c in utf8.codes("x\u{D800}y") do out[#out + 1] = p .. "=" .. c end
end))
-- expect: false	offset_codes.lua:73: invalid UTF-8 code
print(table.concat(out, " "))
-- expect: 1=120
out = {}
for p, c in utf8.codes("x\u{D800}\u{7FFFFFFF}y", true) do out[#out + 1] = p .. "=" .. c end
print(table.concat(out, " "))
-- expect: 1=120 2=55296 5=2147483647 11=121
print(pcall(function()
  for p, c in utf8.codes("\xC0\x80", true) do end
end))
-- expect: false	offset_codes.lua:83: invalid UTF-8 code
-- a continuation byte at the start is skipped by the iterator
out = {}
for p, c in utf8.codes("\x80a") do out[#out + 1] = p .. "=" .. c end
print(table.concat(out, " "))
-- expect: 2=97
out = {}
print(pcall(function()
  for p, c in utf8.codes("a\xC3") do out[#out + 1] = p .. "=" .. c end
end))
-- expect: false	offset_codes.lua:93: invalid UTF-8 code
print(table.concat(out, " "))
-- expect: 1=97
-- the iterator function called directly
local f, str, ctl = utf8.codes("h\u{E9}")
print(type(f), str == "h\u{E9}", ctl)
-- expect: function	true	0
print(f(str, 0))
-- expect: 1	104
print(f(str, 1))
-- expect: 2	233
print(f(str, 2))
-- expect:
print(f(str, 3))
-- expect:
print(f(str, -1))
-- expect:
print(f(str, 100))
-- expect:
print(pcall(utf8.codes))
-- expect: false	bad argument #1 to 'utf8.codes' (string expected, got no value)
print(pcall(utf8.codes, {}))
-- expect: false	bad argument #1 to 'utf8.codes' (string expected, got table)
print(pcall(f, nil, 0))
-- expect: false	bad argument #1 to '?' (string expected, got nil)
