-- Pattern errors: malformed patterns, bad captures and back-references, the recursion
-- limit ("pattern too complex"), the capture limit, and argument errors of find/match.

local function try(f, ...)
  print(pcall(f, ...))
end

-- malformed patterns
try(string.find, "abc", "%")
-- expect: false	malformed pattern (ends with '%')
try(string.find, "abc", "a%")
-- expect: false	malformed pattern (ends with '%')
try(string.match, "abc", "[a")
-- expect: false	malformed pattern (missing ']')
try(string.match, "abc", "[")
-- expect: false	malformed pattern (missing ']')
try(string.match, "abc", "[^")
-- expect: false	malformed pattern (missing ']')
try(string.match, "abc", "[a%")
-- expect: false	malformed pattern (missing ']')
try(string.match, "abc", "[%a")
-- expect: false	malformed pattern (missing ']')
try(string.match, "abc", "[]")
-- expect: false	malformed pattern (missing ']')
try(string.match, "abc", "[^]")
-- expect: false	malformed pattern (missing ']')
try(string.match, "abc", "%f")
-- expect: false	missing '[' after '%f' in pattern
try(string.match, "abc", "%fa")
-- expect: false	missing '[' after '%f' in pattern
try(string.match, "abc", "%f[a")
-- expect: false	malformed pattern (missing ']')
try(string.match, "abc", "%b")
-- expect: false	malformed pattern (missing arguments to '%b')
try(string.match, "abc", "%ba")
-- expect: false	malformed pattern (missing arguments to '%b')
try(string.match, "abc", "a%b")
-- expect: false	malformed pattern (missing arguments to '%b')
try(string.gsub, "abc", "[", "")
-- expect: false	malformed pattern (missing ']')
try(string.gmatch("abc", "%f"))
-- expect: false	missing '[' after '%f' in pattern

-- captures
try(string.match, "abc", "(a")
-- expect: false	unfinished capture
try(string.match, "abc", "a)")
-- expect: false	invalid pattern capture
try(string.match, "abc", "(()")
-- expect: false	unfinished capture
try(string.find, "abc", "(a")
-- expect: false	unfinished capture
try(string.find, "abc", "((a)")
-- expect: false	unfinished capture
try(string.match, "abc", "%1")
-- expect: false	invalid capture index %1
try(string.match, "abc", "(a)%2")
-- expect: false	invalid capture index %2
try(string.match, "abc", "(a%1)")
-- expect: false	invalid capture index %1
try(string.match, "abc", "%0")
-- expect: false	invalid capture index %0
try(string.match, "aa", "()%1")
-- expect: true	nil
try(string.match, "abc", "(a)%9")
-- expect: false	invalid capture index %9
try(string.gsub, "abc", "(a", "%1")
-- expect: false	unfinished capture
try(string.gsub, "abc", "(a", "%0")
-- expect: true	abc	1
try(string.gsub, "abc", "(a)", "%9")
-- expect: false	invalid capture index %9

-- a pattern with 32 captures is fine; 33 is too many
local p32 = string.rep("(.)", 32)
local s = string.rep("x", 40)
print(select("#", string.match(s, p32)))
-- expect: 32
try(string.match, s, string.rep("(.)", 33))
-- expect: false	too many captures
try(string.match, s, string.rep("()", 33))
-- expect: false	too many captures
print(select("#", string.find(s, string.rep("()", 32))))
-- expect: 34

-- the matcher's recursion limit
print(string.match(string.rep("a", 150), string.rep("a?", 150) .. "$") ~= nil)
-- expect: true
try(string.match, string.rep("a", 300), string.rep("a?", 300) .. "b")
-- expect: false	pattern too complex
try(string.find, string.rep("a", 300), string.rep("(a)", 1) .. string.rep("a?", 250) .. "b")
-- expect: false	pattern too complex
try(string.gsub, string.rep("a", 300), string.rep(".?", 300), "")
-- expect: false	pattern too complex
print(#string.match(string.rep("a", 100000), ".*"), #string.match(string.rep("a", 100000), ".-$"))
-- expect: 100000	100000
print(string.find(string.rep("a", 5000), string.rep("a", 5000)))
-- expect: 1	5000

-- argument errors
try(string.find)
-- expect: false	bad argument #1 to 'string.find' (string expected, got no value)
try(string.find, "abc")
-- expect: false	bad argument #2 to 'string.find' (string expected, got no value)
try(string.find, {}, "a")
-- expect: false	bad argument #1 to 'string.find' (string expected, got table)
try(string.find, "abc", "a", "x")
-- expect: false	bad argument #3 to 'string.find' (number expected, got string)
try(string.find, "abc", "a", 1.5)
-- expect: false	bad argument #3 to 'string.find' (number has no integer representation)
try(string.match, "abc", nil)
-- expect: false	bad argument #2 to 'string.match' (string expected, got nil)
try(string.match, "abc", "a", {})
-- expect: false	bad argument #3 to 'string.match' (number expected, got table)
try(("x").find)
-- expect: false	bad argument #1 to 'string.find' (string expected, got no value)
print(pcall(function() return ("abc"):find({}) end))
-- expect: false	patterns_errors.lua:117: bad argument #1 to 'find' (string expected, got table)
print(pcall(function() local s = "abc"; return s:match("(") end))
-- expect: false	patterns_errors.lua:119: unfinished capture
