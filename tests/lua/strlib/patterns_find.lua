-- string.find and string.match: plain search, init positions, anchors, classes, sets,
-- repetitions, captures and position captures, %b, %f and back-references.

-- plain and special-free patterns
print(string.find("hello world", "o w"), string.find("hello", "l"), string.find("hello", "xyz"))
-- expect: 5	3	nil
print(string.find("", ""), string.find("abc", ""), string.find("abc", "", 4), string.find("abc", "", 5))
-- expect: 1	1	4	nil
print(string.find("a.b", ".", 1, true), string.find("a.b", "."), string.find("a+b", "+", 1, true))
-- expect: 2	1	2	2
print(string.find("a\0b\0c", "\0c"), string.find("a\0b", "b\0"), string.find("x\0y", "\0", 1, true))
-- expect: 4	nil	2	2
print(string.find("abcabc", "abc", 2), string.find("abcabc", "abc", -3), string.find("abcabc", "abc", -100))
-- expect: 4	4	1	3
print(string.find("abc", "c", 0), string.find("abc", "a", 10), string.find("aaab", "aab"))
-- expect: 3	nil	2	4
print(string.find("abc", "[a", 1, true), string.find("a(b", "(", 1, 1), string.find("x%y", "%", 1, "yes"))
-- expect: nil	2	2	2
print(string.find("abc", "b", nil, nil), string.find("abc", "b", 9223372036854775807))
-- expect: 2	nil
print(string.find("abc", "b", -9223372036854775807 - 1))
-- expect: 2	2
print(string.find(12345, 34), string.find("1.5", 1.5, 1, true), ("xyz"):find("y"))
-- expect: 3	1	2	2

-- match with init and anchors
print(string.match("hello", "h(.)l"), string.match("hello", "^e"), string.match("hello", "^h"))
-- expect: e	nil	h
print(string.match("hello", "o$"), string.match("hello", "l$"), string.match("a$b", "a$b"))
-- expect: o	nil	a$b
print(string.match("hello", "l", -2), string.match("hello", "^l", 3), string.match("hello", "^l", 5))
-- expect: l	l	nil
print(string.match("", "^$"), string.match("x", "^$"), string.match("abc", "()", 4), string.match("abc", "()", 5))
-- expect: 	nil	4	nil
print(string.find("^a", "^^a"), string.find("a^", "a^"), string.match("ab", "^(a)(b)$"))
-- expect: 1	1	a	b

-- classes and their complements
local all = ""
for i = 0, 255 do all = all .. string.char(i) end
for _, c in ipairs({"a", "c", "d", "g", "l", "p", "s", "u", "w", "x"}) do
  local lo = select(2, string.gsub(all, "%" .. c, ""))
  local up = select(2, string.gsub(all, "%" .. c:upper(), ""))
  local sum, setsum = 0, 0
  for b in string.gmatch(all, "()%" .. c) do sum = sum + (b - 1) * (b - 1) end
  for b in string.gmatch(all, "()[%" .. c .. "]") do setsum = setsum + (b - 1) * (b - 1) end
  print(c, lo, up, lo + up, sum, setsum)
end
-- expect: a	52	204	256	470834	470834
-- expect: c	33	223	256	26545	26545
-- expect: d	10	246	256	27645	27645
-- expect: g	94	162	256	663311	663311
-- expect: l	26	230	256	313209	313209
-- expect: p	32	224	256	164832	164832
-- expect: s	6	250	256	1639	1639
-- expect: u	26	230	256	157625	157625
-- expect: w	62	194	256	498479	498479
-- expect: x	22	234	256	114419	114419
print(string.match("  \t\n x", "%s*()"), string.match("abc123", "%a+"), string.match("abc123", "%d+"))
-- expect: 6	abc	123
print(string.match("ABCdef", "%u+"), string.match("ABCdef", "%l+"), string.match("0x1F!", "%x+", 3))
-- expect: ABC	def	1F
print(string.match("a.b", "%."), string.match("a%b", "%%"), string.match("a]b", "%]"), string.match("\0", "%z") == "\0")
-- expect: .	%	]	true
print(string.match("hello, world!", "%p"), string.match("tab\there", "%c"), string.match("a b", "%S+$"))
-- expect: ,			b

-- sets
print(string.match("abc-def", "[a-c]+"), string.match("abc-def", "[%-]"), string.match("x-y", "[x-]+"))
-- expect: abc	-	x-
print(string.match("hello123", "[^%a]+"), string.match("]]]x", "[]]+"), string.match("^^a", "[%^]+"))
-- expect: 123	]]]	^^
print(string.match("a-z", "[a%-z]+"), string.match("abc]", "[^]]+"), string.match("09af", "[%dA-Fa-f]+"))
-- expect: a-z	abc	09af
print(string.match("\200\201\202", "[\200-\201]+") == "\200\201", string.match("a\0b", "[%z]") == "\0", string.match("-", "[a-]"))
-- expect: true	true	-
print(string.match("z", "[a-]"), string.match("]", "[]a]"), string.match("b", "[^]a]"), string.match("^", "[^^]"))
-- expect: nil	]	b	nil

-- repetitions
print(string.match("aaa", "a*"), string.match("aaa", "a-"), string.match("aaab", "a-b"), string.match("b", "a+"))
-- expect: aaa		aaab	nil
print(string.match("aaab", "a+"), string.match("ab", "a?b"), string.match("b", "a?b"), string.match("aab", "a?b"))
-- expect: aaa	ab	b	ab
print(string.match("<<a>>", "<(.-)>"), string.match("<<a>>", "<(.*)>"), string.match("x = 10", "(%w+)%s*=%s*(%w+)"))
-- expect: <a	<a>	x	10
print(string.find("aaa", "a-", 2), string.find("abc", ".-$"), string.match("  trim  ", "^%s*(.-)%s*$") .. "|")
-- expect: 2	1	trim|
print(string.match("abc", "a*?"), string.match("a?", "a?%?"), string.match("*+", "%*%+"), string.match("x", ".?.?x"))
-- expect: nil	a?	*+	x

-- captures
print(string.match("key = value", "(%w+) = (%w+)"), string.match("abc", "((a)(b)(c))"))
-- expect: key	abc	a	b	c
print(string.find("hello", "(l)(l)"), string.find("hello", "()ll()"))
-- expect: 3	3	4	3	5
print(string.match("abc", "()a()b()c()"), string.match("", "()"), string.match("aXb", "a(.)()b"))
-- expect: 1	1	X	3
print(string.match("date: 2024-01-15", "(%d+)-(%d+)-(%d+)"))
-- expect: 2024	01	15
print(string.match("abcabc", "(abc)%1"), string.match("abab", "(a)(b)%1%2"), string.match("xyyx", "(.)(.)%2%1"))
-- expect: abc	a	x	y
print(string.match("'quoted' \"dq\"", "([\"'])(.-)%1"), string.match("abcd", "(a(b)c)%2?"))
-- expect: '	nil

-- %b and %f
print(string.match("f(a(b)c)d", "%b()"), string.match("((x)", "%b()"), string.match("[[]]", "%b[]"))
-- expect: (a(b)c)	(x)	[[]]
print(string.find("x{a{b}}y", "%b{}"), string.match("aa", "%baa"), string.match("abba", "%bab"))
-- expect: 2	aa	ab
print(string.gsub("THE (quick) fox", "%f[%a]%a+", "W"), string.find("hello world", "%f[%w]%w+", 2))
-- expect: W (W) W	7	11
print(string.match("hello", "%f[%l]"), string.find("hello", "%f[%z]"), string.find("a\0b", "%f[%z]"))
-- expect: 	6	2	1
print(string.gsub("the theme then", "%f[%w]the%f[%W]", "X"), string.find("x", "%f[^x]"))
-- expect: X theme then	2	1

-- matches at the end of the subject and long subjects
local long = string.rep("a", 100000) .. "b"
print(string.find(long, "b"), string.find(long, "a*b"), #string.match(long, "a+"), string.find(long, "ab", 1, true))
-- expect: 100001	1	100000	100000	100001
print(string.find(long, ".-b"), string.match(long, "(a*)(b)$") == string.rep("a", 100000))
-- expect: 1	true
