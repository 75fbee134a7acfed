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

