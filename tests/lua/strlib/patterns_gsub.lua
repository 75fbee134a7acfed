-- string.gsub: string, table and function replacements, %0-%9 and %%, the max count,
-- anchored patterns, empty matches, and what counts as a change.

print(string.gsub("hello world", "o", "0"))
-- expect: hell0 w0rld	2
print(string.gsub("hello world", "(o)", "[%1]"))
-- expect: hell[o] w[o]rld	2
print(string.gsub("hello world", "%w+", "<%0>"))
-- expect: <hello> <world>	2
print(string.gsub("hello", "", "-"))
-- expect: -h-e-l-l-o-	6
print(string.gsub("", "", "x"))
-- expect: x	1
print(string.gsub("", "a", "x"))
-- expect: 	0
print(string.gsub("abc", "%w", "%%"))
-- expect: %%%	3
print(string.gsub("abc", "%w", "%0%0"))
-- expect: aabbcc	3
print(string.gsub("abc", "(%w)", "%1%1", 2))
-- expect: aabbc	2
print(string.gsub("abc", "%w", "x", 0))
-- expect: abc	0
print(string.gsub("abc", "%w", "x", -1))
-- expect: abc	0
print(string.gsub("abc", "%w", "x", 100))
-- expect: xxx	3
print(string.gsub("abc", "%w", "x", 2.0))
-- expect: xxc	2
print(string.gsub("hello world", "(%w+) (%w+)", "%2 %1"))
-- expect: world hello	1
print(string.gsub("abc", "()", "%1"))
-- expect: 1a2b3c4	4
print(string.gsub("abc", "b()", "%1"))
-- expect: a3c	1
print(string.gsub("a,b,,c", ",", ";"))
-- expect: a;b;;c	3
print(string.gsub("a b c", " ", "", 1))
-- expect: ab c	1
print(string.gsub("x = 1", "%s", "%%s"))
-- expect: x%s=%s1	2
print(string.gsub("abc", "b", 12))
-- expect: a12c	1
print(string.gsub("abc", "b", 1.5))
-- expect: a1.5c	1
print(string.gsub(123, 2, 9))
-- expect: 193	1
local z, nz = string.gsub("a\0b\0c", "\0", "\0\0")
print(z == "a\0\0b\0\0c", nz)
-- expect: true	2
print(string.gsub("a.b.c", "%.", "/"))
-- expect: a/b/c	2
print(string.gsub("a.b.c", ".", "/"))
-- expect: /////	5

-- anchors
print(string.gsub("aaa", "^a", "b"))
-- expect: baa	1
print(string.gsub("aaa", "^a*", "b"))
-- expect: b	1
print(string.gsub("hello", "^", ">"))
-- expect: >hello	1
print(string.gsub("hello", "$", "<"))
-- expect: hello<	1
print(string.gsub("hello", "^$", "!"))
-- expect: hello	0
print(string.gsub("", "^$", "!"))
-- expect: !	1
print(string.gsub("a$b", "$b", "B"))
-- expect: aB	1

-- empty matches and the last-match rule
print(string.gsub("abc", "%w*", "-"))
-- expect: -	1
print(string.gsub("abc d", "%w*", "-"))
-- expect: - -	2
print(string.gsub("hello world", "o*", "X"))
-- expect: XhXeXlXlX XwXrXlXdX	10
print(string.gsub("abc", ".-", "-"))
-- expect: -a-b-c-	4
print(string.gsub("  a  b  ", "%s*", "_"))
-- expect: _a_b_	3

-- table replacements
local t = {hello = "HI", world = false, n = 42, x = 1.5}
print(string.gsub("hello world n x y", "%w+", t))
-- expect: HI world 42 1.5 y	5
print(string.gsub("$name is $age", "%$(%w+)", {name = "bob", age = 30}))
-- expect: bob is 30	2
print(string.gsub("abc", "(a)(b)", {a = "1", ab = "2"}))
-- expect: 1c	1
print(string.gsub("abc", "()", {[1] = "one", [3] = "three"}))
-- expect: oneabthreec	4
local mt = setmetatable({}, {__index = function(_, k) return k:upper() end})
print(string.gsub("abc def", "%w+", mt))
-- expect: ABC DEF	2

-- function replacements
print(string.gsub("hello world", "%w+", function(w) return w:upper() end))
-- expect: HELLO WORLD	2
print(string.gsub("hello world", "%w+", function(w) if w == "world" then return nil end return "X" end))
-- expect: X world	2
print(string.gsub("hello world", "%w+", function() return false end))
-- expect: hello world	2
print(string.gsub("a=1, b=2", "(%w+)=(%w+)", function(k, v) return v .. "=" .. k end))
-- expect: 1=a, 2=b	2
print(string.gsub("abc", "", function() return "-" end))
-- expect: -a-b-c-	4
print(string.gsub("abc", "()(.)", function(p, c) return c .. p end))
-- expect: a1b2c3	3
print(string.gsub("1 2 3", "%d", function(d) return d * 2 end))
-- expect: 2 4 6	3
print(string.gsub("1 2 3", "%d", function(d) return d / 2 end))
-- expect: 0.5 1.0 1.5	3
local calls = 0
print(string.gsub("aaaa", "a", function() calls = calls + 1 end, 2), calls)
-- expect: aaaa	2
print(pcall(string.gsub, "abc", "b", function() return {} end))
-- expect: false	invalid replacement value (a table)
print(pcall(string.gsub, "abc", "b", function() return true end))
-- expect: false	invalid replacement value (a boolean)
print(pcall(string.gsub, "abc", "b", {b = {}}))
-- expect: false	invalid replacement value (a table)
print(pcall(string.gsub, "abc", "b", {b = print}))
-- expect: false	invalid replacement value (a function)
print(string.gsub("abc", "b", function() return "%1" end))
-- expect: a%1c	1

-- the unchanged subject is returned as is, with the count
print(string.gsub("xyz", "a", "b"))
-- expect: xyz	0
print(string.gsub("xyz", "y", {}))
-- expect: xyz	1
print(string.gsub("xyz", "y", function() end))
-- expect: xyz	1

-- replacement strings errors
print(pcall(string.gsub, "abc", "b", "%2"))
-- expect: false	invalid capture index %2
print(pcall(string.gsub, "abc", "(b)", "%2"))
-- expect: false	invalid capture index %2
print(pcall(string.gsub, "abc", "b", "%x"))
-- expect: false	invalid use of '%' in replacement string
print(pcall(string.gsub, "abc", "b", "%"))
-- expect: false	invalid use of '%' in replacement string
print(pcall(string.gsub, "abc", "(b", "x"))
-- expect: true	axc	1
print(pcall(string.gsub, "abc", "b", true))
-- expect: false	bad argument #3 to 'string.gsub' (string/function/table expected, got boolean)
print(pcall(string.gsub, "abc", "b"))
-- expect: false	bad argument #3 to 'string.gsub' (string/function/table expected, got no value)
print(pcall(string.gsub, "abc", "b", "x", "y"))
-- expect: false	bad argument #4 to 'string.gsub' (number expected, got string)
print(pcall(string.gsub, "abc", "b", "x", 1.5))
-- expect: false	bad argument #4 to 'string.gsub' (number has no integer representation)
print(pcall(string.gsub, nil, "b", "x"))
-- expect: false	bad argument #1 to 'string.gsub' (string expected, got nil)
print(pcall(string.gsub, "abc", {}, "x"))
-- expect: false	bad argument #2 to 'string.gsub' (string expected, got table)

-- long subjects
local s = string.rep("ab", 50000)
local r, n = string.gsub(s, "a", "xy")
print(#r, n, r:sub(1, 10))
-- expect: 150000	50000	xybxybxybx
r, n = string.gsub(s, "b", "")
print(#r, n)
-- expect: 50000	50000
r, n = string.gsub(s, "(a)(b)", "%2%1", 3)
print(r:sub(1, 10), n)
-- expect: bababaabab	3
r, n = string.gsub(string.rep("x", 1000), "x", {x = "yy"})
print(#r, n)
-- expect: 2000	1000
