-- utf8.len and utf8.codepoint: ranges, negative positions, strict and lax decoding.

print(utf8.len(""), utf8.len("abc"), utf8.len("h\u{E9}llo"), utf8.len("\u{4E2D}\u{6587}"))
-- expect: 0	3	5	2
print(utf8.len("\0\0"), utf8.len("a\0b"))
-- expect: 2	3

-- i and j select the characters that start in [i, j]
local s = "a\u{E9}\u{4E2D}\u{1F600}z"  -- bytes: 1, 2-3, 4-6, 7-10, 11
print(#s, utf8.len(s))
-- expect: 11	5
print(utf8.len(s, 2), utf8.len(s, 4), utf8.len(s, 11), utf8.len(s, 12))
-- expect: 4	3	1	0
print(utf8.len(s, 1, 1), utf8.len(s, 1, 2), utf8.len(s, 1, 3), utf8.len(s, 1, 0))
-- expect: 1	2	2	0
print(utf8.len(s, -1), utf8.len(s, -5), utf8.len(s, 1, -2), utf8.len(s, -11, -1))
-- expect: 1	2	4	5
print(utf8.len(s, 3))   -- a continuation byte: invalid
-- expect: nil	3
print(utf8.len(s, 5, 6))
-- expect: nil	5
print(utf8.len(s, 7, 7), utf8.len(s, 8, 11))
-- expect: 1	nil	8
print(pcall(utf8.len, s, 13))
-- expect: false	bad argument #2 to 'utf8.len' (initial position out of bounds)
print(pcall(utf8.len, s, 0))
-- expect: false	bad argument #2 to 'utf8.len' (initial position out of bounds)
print(pcall(utf8.len, s, -12))
-- expect: false	bad argument #2 to 'utf8.len' (initial position out of bounds)
print(pcall(utf8.len, s, 1, 12))
-- expect: false	bad argument #3 to 'utf8.len' (final position out of bounds)
print(utf8.len(s, 1, -12), utf8.len(s, 12, 11))
-- expect: 0	0
print(pcall(utf8.len, s, 1.5))
-- expect: false	bad argument #2 to 'utf8.len' (number has no integer representation)
print(pcall(utf8.len))
-- expect: false	bad argument #1 to 'utf8.len' (string expected, got no value)
print(pcall(utf8.len, {}))
-- expect: false	bad argument #1 to 'utf8.len' (string expected, got table)
print(utf8.len(12345))
-- expect: 5

-- invalid sequences: fail and the position of the first invalid byte
print(utf8.len("abc\xFFdef"))
-- expect: nil	4
print(utf8.len("\x80"))
-- expect: nil	1
print(utf8.len("ab\xC3"))
-- expect: nil	3
print(utf8.len("ab\xC3x"))
-- expect: nil	3
print(utf8.len("\xC0\x80"))          -- overlong NUL
-- expect: nil	1
print(utf8.len("\xE0\x80\x80"))      -- overlong
-- expect: nil	1
print(utf8.len("\xF0\x80\x80\x80"))  -- overlong
-- expect: nil	1
print(utf8.len("\xC1\xBF"))          -- overlong
-- expect: nil	1
print(utf8.len("\xED\xA0\x80"))      -- surrogate D800
-- expect: nil	1
print(utf8.len("\xED\xBF\xBF"))      -- surrogate DFFF
-- expect: nil	1
print(utf8.len("\xED\x9F\xBF"))      -- D7FF is fine
-- expect: 1
print(utf8.len("\xF4\x8F\xBF\xBF"))  -- 10FFFF
-- expect: 1
print(utf8.len("\xF4\x90\x80\x80"))  -- 110000
-- expect: nil	1
print(utf8.len("\xF8\x88\x80\x80\x80"))
-- expect: nil	1
print(utf8.len("\xFD\xBF\xBF\xBF\xBF\xBF"))  -- 7FFFFFFF
-- expect: nil	1
print(utf8.len("\xFE\xBF\xBF\xBF\xBF\xBF\xBF"))
-- expect: nil	1
print(utf8.len("\xFF"))
-- expect: nil	1
-- lax accepts surrogates and values up to 7FFFFFFF, still not overlong forms
print(utf8.len("\xED\xA0\x80", 1, -1, true))
-- expect: 1
print(utf8.len("\xF4\x90\x80\x80", 1, -1, true))
-- expect: 1
print(utf8.len("\xF8\x88\x80\x80\x80", 1, -1, true))
-- expect: 1
print(utf8.len("\xFD\xBF\xBF\xBF\xBF\xBF", 1, -1, true))
-- expect: 1
print(utf8.len("\xC0\x80", 1, -1, true))
-- expect: nil	1
print(utf8.len("\xFE\xBF\xBF\xBF\xBF\xBF\xBF", 1, -1, true))
-- expect: nil	1
print(utf8.len("ok\x80", 1, -1, 1))
-- expect: nil	3

-- codepoint
print(utf8.codepoint("abc"))
-- expect: 97
print(utf8.codepoint("abc", 2), utf8.codepoint("abc", -1))
-- expect: 98	99
print(utf8.codepoint("abc", 1, -1))
-- expect: 97	98	99
print(utf8.codepoint(s, 1, -1))
-- expect: 97	233	20013	128512	122
print(utf8.codepoint(s, 4), utf8.codepoint(s, 7))
-- expect: 20013	128512
print(utf8.codepoint(s, 2, 4))
-- expect: 233	20013
print(select("#", utf8.codepoint("abc", 3, 2)), select("#", utf8.codepoint("", 1, 0)))
-- expect: 0	0
print(utf8.codepoint("\u{7FFFFFFF}", 1, 1, true), utf8.codepoint("\u{D800}", 1, 1, true))
-- expect: 2147483647	55296
print(utf8.codepoint("\0"))
-- expect: 0
print(pcall(utf8.codepoint, s, 3))
-- expect: false	invalid UTF-8 code
print(pcall(utf8.codepoint, s, 1, 3))
-- expect: true	97	233
print(pcall(utf8.codepoint, "\u{D800}"))
-- expect: false	invalid UTF-8 code
print(pcall(utf8.codepoint, "\u{110000}"))
-- expect: false	invalid UTF-8 code
print(pcall(utf8.codepoint, "\u{7FFFFFFF}"))
-- expect: false	invalid UTF-8 code
print(pcall(utf8.codepoint, "\xC0\x80", 1, 1, true))
-- expect: false	invalid UTF-8 code
print(pcall(utf8.codepoint, "abc", 0))
-- expect: false	bad argument #2 to 'utf8.codepoint' (out of bounds)
print(pcall(utf8.codepoint, "abc", 1, 4))
-- expect: false	bad argument #3 to 'utf8.codepoint' (out of bounds)
print(pcall(utf8.codepoint, "abc", 4))
-- expect: false	bad argument #3 to 'utf8.codepoint' (out of bounds)
print(pcall(utf8.codepoint, "abc", -4))
-- expect: false	bad argument #2 to 'utf8.codepoint' (out of bounds)
print(pcall(utf8.codepoint, "", 1))
-- expect: false	bad argument #3 to 'utf8.codepoint' (out of bounds)
print(pcall(utf8.codepoint, "abc", "x"))
-- expect: false	bad argument #2 to 'utf8.codepoint' (number expected, got string)
print(pcall(utf8.codepoint))
-- expect: false	bad argument #1 to 'utf8.codepoint' (string expected, got no value)
print(pcall(utf8.codepoint, "abc", math.mininteger, math.maxinteger))
-- expect: false	bad argument #2 to 'utf8.codepoint' (out of bounds)
print(select("#", utf8.codepoint(string.rep("a", 500), 1, -1)))
-- expect: 500
