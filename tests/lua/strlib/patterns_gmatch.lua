-- string.gmatch: captures, whole matches, empty matches (the last-match rule), the init
-- argument of Lua 5.4, and iterators that outlive their arguments.

local function all(s, p, init)
  local out = ""
  for a, b, c in string.gmatch(s, p, init) do
    out = out .. "[" .. tostring(a) .. (b and "," .. tostring(b) or "") .. (c and "," .. tostring(c) or "") .. "]"
  end
  return out
end

print(all("hello world from lua", "%a+"))
-- expect: [hello][world][from][lua]
print(all("a=1, b=2, c=3", "(%w+)=(%w+)"))
-- expect: [a,1][b,2][c,3]
print(all("abc", ""))
-- expect: [][][][]
print(all("abc", ".-"))
-- expect: [][][][]
print(all("abc", "%w*"))
-- expect: [abc]
print(all("ab  cd", "%w*"))
-- expect: [ab][][cd]
print(all("", ".*"))
-- expect: []
print(all("", "x*"))
-- expect: []
print(all("aaa", "a*"))
-- expect: [aaa]
print(all("abc", "()"))
-- expect: [1][2][3][4]
print(all("abc", "()(.)()"))
-- expect: [1,a,2][2,b,3][3,c,4]
print(all("one two", "^%a+"))
-- expect:
print(all("a,b,,c", "([^,]*)"))
-- expect: [a][b][][c]
print(all("key1 = v1\nkey2 = v2", "(%w+) = (%w+)"))
-- expect: [key1,v1][key2,v2]
print(all("f(a) g(b(c))", "%b()"))
-- expect: [(a)][(b(c))]
print(all("THE (quick) fox", "%f[%a]%a+"))
-- expect: [THE][quick][fox]
print(all("xyxxyx", "(x)(y?)%1"))
-- expect: [x,y][x,y]
print(all("a\0b\0c", "[^%z]"))
-- expect: [a][b][c]

-- init
print(all("hello world", "%a+", 3))
-- expect: [llo][world]
print(all("hello world", "%a+", -5))
-- expect: [world]
print(all("hello world", "%a+", 0))
-- expect: [hello][world]
print(all("hello world", "%a+", -100))
-- expect: [hello][world]
print(all("hello", "()", 5))
-- expect: [5][6]
print(all("hello", "()", 6))
-- expect: [6]
print(all("hello", "()", 7))
-- expect:
print(all("hello", ".", 9223372036854775807))
-- expect:
print(all("hello", ".", -9223372036854775807 - 1))
-- expect: [h][e][l][l][o]

-- manual iteration and exhaustion
local it = string.gmatch("a1b2", "%a(%d)")
print(it(), it(), it(), it())
-- expect: 1	2	nil
it = string.gmatch("xx", "x")
print(it(), it(), it())
-- expect: x	x

-- the subject and pattern stay alive with the iterator
local function make()
  local s = string.rep("ab", 3) .. "!"
  return string.gmatch(s, "(a)(b)")
end
local it2 = make()
collectgarbage()
print(it2())
-- expect: a	b
collectgarbage()
print(it2())
-- expect: a	b

-- interleaved iterators are independent
local i1, i2 = string.gmatch("123", "%d"), string.gmatch("abc", "%a")
print(i1(), i2(), i1(), i2(), i1(), i2(), i1(), i2())
-- expect: 1	a	2	b	3	c	nil

-- count of matches in a long subject
local n = 0
for w in string.gmatch(string.rep("word ", 20000), "%a+") do n = n + 1 end
print(n)
-- expect: 20000
n = 0
for _ in string.gmatch(string.rep("x", 1000), "") do n = n + 1 end
print(n)
-- expect: 1001

-- errors surface on the call that matches
print(pcall(string.gmatch, nil, "x"))
-- expect: false	bad argument #1 to 'string.gmatch' (string expected, got nil)
print(pcall(string.gmatch, "x"))
-- expect: false	bad argument #2 to 'string.gmatch' (string expected, got no value)
print(pcall(string.gmatch, "x", "x", "y"))
-- expect: false	bad argument #3 to 'string.gmatch' (number expected, got string)
local bad = string.gmatch("abc", "(%w")
print(pcall(bad))
-- expect: false	unfinished capture
bad = string.gmatch("abc", "%")
print(pcall(bad))
-- expect: false	malformed pattern (ends with '%')
bad = string.gmatch("abc", "[a")
print(pcall(bad))
-- expect: false	malformed pattern (missing ']')
print(select("#", string.gmatch("a", "a")))
-- expect: 1
