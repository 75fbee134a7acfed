-- Escape sequences in short strings. string.byte is not used: bytes are compared with
-- other spellings of the same byte and lengths are printed.

print(#"\a\b\f\n\r\t\v\\\"\'", "\a\b\f\n\r\t\v\\\"\'" == "\7\8\12\10\13\9\11\92\34\39")
-- expect: 10	true
print("tab[\t]", 'quote["]', "apos[']", 'apos2[\']')
-- expect: tab[	]	quote["]	apos[']	apos2[']
print("line1\nline2")
-- expect: line1
-- expect: line2
print("back\\slash")
-- expect: back\slash

-- A backslash followed by a real newline is a newline.
local s = "a\
b"
print(s, #s, s == "a\nb")
-- expect: a
-- expect: b	3	true

-- \z skips the following whitespace, including newlines.
local z = "abc\z
           def\z     ghi"
print(z, #z)
-- expect: abcdefghi	9
print(#"\z", #"x\z   ", #"\z  y")
-- expect: 0	1	1

-- \xXX: exactly two hex digits, either case.
print("\x41\x42\x43", "\x61" == "a", "\xfF" == "\255", #"\x00\x01")
-- expect: ABC	true	true	2

-- \ddd: up to three decimal digits.
print("\65\066\0671", "\0" == "\x00", #"\0\00\000", "\1234" == "{4")
-- expect: ABC1	true	3	true
print("\9" == "\t", "\10" == "\n", "\255" == "\xff")
-- expect: true	true	true

-- \u{XXX}: UTF-8 encoding of code points up to 2^31 - 1.
print("\u{41}\u{0042}\u{000000043}")
-- expect: ABC
print(#"\u{7F}", #"\u{80}", #"\u{7FF}", #"\u{800}", #"\u{FFFF}", #"\u{10000}")
-- expect: 1	2	2	3	3	4
print(#"\u{10FFFF}", #"\u{1FFFFF}", #"\u{200000}", #"\u{3FFFFFF}", #"\u{4000000}",
      #"\u{7FFFFFFF}")
-- expect: 4	4	5	5	6	6
print("\u{E9}" == "\xC3\xA9", "\u{20AC}" == "\xE2\x82\xAC", "\u{1F600}" == "\xF0\x9F\x98\x80")
-- expect: true	true	true
print("\u{10FFFF}" == "\xF4\x8F\xBF\xBF", "\u{D800}" == "\xED\xA0\x80")
-- expect: true	true
print("\u{7FFFFFFF}" == "\xFD\xBF\xBF\xBF\xBF\xBF", "\u{200000}" == "\xF8\x88\x80\x80\x80")
-- expect: true	true
print("\u{0}" == "\0", "\u{00000000000041}" == "A")
-- expect: true	true

-- Escapes mixed in one literal, and in single quotes.
print('\x48\101\u{6C}l\z
       o')
-- expect: Hello
print(#'\'', #"\"", #'"', #"'")
-- expect: 1	1	1	1
