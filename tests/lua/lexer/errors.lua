-- Lexical errors, reported by load as (nil, message).

local function check(src)
  local f, msg = load(src)
  print(f, msg)
end

check('x = "abc')
-- expect: nil	[string "x = "abc"]:1: unfinished string near <eof>
check('x = "abc\ndef"')
-- expect: nil	[string "x = "abc..."]:1: unfinished string near '"abc'
check("x = 'abc")
-- expect: nil	[string "x = 'abc"]:1: unfinished string near <eof>
check('x = "abc\\')
-- expect: nil	[string "x = "abc\"]:1: unfinished string near <eof>
check("x = [[abc")
-- expect: nil	[string "x = [[abc"]:1: unfinished long string (starting at line 1) near <eof>
check("x = [==[abc]]")
-- expect: nil	[string "x = [==[abc]]"]:1: unfinished long string (starting at line 1) near <eof>
check("x = [==[abc\n\n")
-- expect: nil	[string "x = [==[abc..."]:3: unfinished long string (starting at line 1) near <eof>
check("--[[ never closed")
-- expect: nil	[string "--[[ never closed"]:1: unfinished long comment (starting at line 1) near <eof>
check("--[==[ never closed ]]")
-- expect: nil	[string "--[==[ never closed ]]"]:1: unfinished long comment (starting at line 1) near <eof>
check("x = [=abc")
-- expect: nil	[string "x = [=abc"]:1: invalid long string delimiter near '[='
check("x = [==")
-- expect: nil	[string "x = [=="]:1: invalid long string delimiter near '[=='
check('x = "\\q"')
-- expect: nil	[string "x = "\q""]:1: invalid escape sequence near '"\q'
check('x = "\\x4"')
-- expect: nil	[string "x = "\x4""]:1: hexadecimal digit expected near '"\x4"'
check('x = "\\xg0"')
-- expect: nil	[string "x = "\xg0""]:1: hexadecimal digit expected near '"\xg'
check('x = "\\256"')
-- expect: nil	[string "x = "\256""]:1: decimal escape too large near '"\256"'
check('x = "\\999"')
-- expect: nil	[string "x = "\999""]:1: decimal escape too large near '"\999"'
check('x = "\\u{80000000}"')
-- expect: nil	[string "x = "\u{80000000}""]:1: UTF-8 value too large near '"\u{80000000'
check('x = "\\u{}"')
-- expect: nil	[string "x = "\u{}""]:1: hexadecimal digit expected near '"\u{}'
check('x = "\\u41"')
-- expect: nil	[string "x = "\u41""]:1: missing '{' near '"\u4'
check('x = "\\u{41"')
-- expect: nil	[string "x = "\u{41""]:1: missing '}' near '"\u{41"'
check('x = "\\u{zz}"')
-- expect: nil	[string "x = "\u{zz}""]:1: hexadecimal digit expected near '"\u{z'
check("x = 3x")
-- expect: nil	[string "x = 3x"]:1: malformed number near '3x'
check("x = 0x")
-- expect: nil	[string "x = 0x"]:1: malformed number near '0x'
check("x = 1e")
-- expect: nil	[string "x = 1e"]:1: malformed number near '1e'
check("x = 1e+")
-- expect: nil	[string "x = 1e+"]:1: malformed number near '1e+'
check("x = 1..2")
-- expect: nil	[string "x = 1..2"]:1: malformed number near '1..2'
check("x = 3.4.5")
-- expect: nil	[string "x = 3.4.5"]:1: malformed number near '3.4.5'
check("x = 0xg")
-- expect: nil	[string "x = 0xg"]:1: malformed number near '0xg'
check("x = 0x1p")
-- expect: nil	[string "x = 0x1p"]:1: malformed number near '0x1p'
check("x = 08z")
-- expect: nil	[string "x = 08z"]:1: malformed number near '08z'
check("x = @")
-- expect: nil	[string "x = @"]:1: unexpected symbol near '@'
check("x = $")
-- expect: nil	[string "x = $"]:1: unexpected symbol near '$'
check("x = `")
-- expect: nil	[string "x = `"]:1: unexpected symbol near '`'
check("x = 1 !")
-- expect: nil	[string "x = 1 !"]:1: unexpected symbol near '!'
check("x = ~")
-- expect: nil	[string "x = ~"]:1: unexpected symbol near <eof>
check("x = 'a\nb'")
-- expect: nil	[string "x = 'a..."]:1: unfinished string near ''a'
-- Positions count lines, and long strings/comments can span lines before an error.
check("x = 1\n\n\ny = 'oops")
-- expect: nil	[string "x = 1..."]:4: unfinished string near <eof>
check("x = [[\n\n]] y = 3x")
-- expect: nil	[string "x = [[..."]:3: malformed number near '3x'
check("--[[\n\n\n]] z = \"\\q\"")
-- expect: nil	[string "--[[..."]:4: invalid escape sequence near '"\q'
-- Chunk names appear in the messages.
print(load("x = 3x", "=mychunk"))
-- expect: nil	mychunk:1: malformed number near '3x'
print(load("x = 3x", "@file.lua"))
-- expect: nil	file.lua:1: malformed number near '3x'
print(load("x = 3x", "a chunk name"))
-- expect: nil	[string "a chunk name"]:1: malformed number near '3x'
