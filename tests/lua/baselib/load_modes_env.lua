-- load with strings and reader functions, chunk names, modes and environments.

print(load("return 1 + 1")())
-- expect: 2
print(load("return ...", "varargs")(1, 2, 3))
-- expect: 1	2	3
local f, err = load("syntax error here")
print(f, err)
-- expect: nil	[string "syntax error here"]:1: syntax error near 'error'

-- reader functions: pieces are concatenated until nil or ""
local parts = { "return ", "'from ", "reader'" }
local i = 0
print(load(function() i = i + 1; return parts[i] end)())
-- expect: from reader
local j = 0
print(load(function() j = j + 1; if j == 1 then return "return 42" end return "" end)())
-- expect: 42
-- a reader returning a non-string, or raising an error, makes load fail (the message
-- wording is not compared)
local r1, m1 = load(function() return {} end)
local r2, m2 = load(function() return true end)
local r3, m3 = load(function() error("reader failed") end)
print(r1, type(m1), r2, type(m2), r3, type(m3))
-- expect: nil	string	nil	string	nil	string
-- an empty chunk
print(load("")(), load(function() return nil end)())
-- expect: nil

-- chunk names
print(type(load("error('x')", "=name")))
-- expect: function
print(pcall(load("error('x')", "=name")))
-- expect: false	name:1: x
print(pcall(load("error('x')", "@file.lua")))
-- expect: false	file.lua:1: x
print(pcall(load("error('x')", "plain")))
-- expect: false	[string "plain"]:1: x
print(pcall(load("x(", "=name")))
-- expect: false	attempt to call a nil value
print(load("x(", "=name"))
-- expect: nil	name:1: unexpected symbol near <eof>

-- modes: "t", "b", "bt"
print(load("return 1", "m", "t")())
-- expect: 1
print(load("return 1", "m", "b"))
-- expect: nil	attempt to load a text chunk (mode is 'b')
print(load("return 1", "m", "bt")())
-- expect: 1
print(pcall(load, "return 1", "m", "x"))
-- expect: true	nil	attempt to load a text chunk (mode is 'x')

-- environments
local env = { y = 5 }
local g = load("x = 10; return y", "env", "t", env)
print(g(), env.x, x)
-- expect: 5	10	nil
print(load("return print", "e", "t", {})())
-- expect: nil
-- the env is the first upvalue (_ENV), shared by all functions of the chunk
local h = load("return function() return v end", "e2", "t", { v = "env v" })
print(h()())
-- expect: env v
-- env = nil gives a nil _ENV
print(pcall(load("return x", "nilenv", "t", nil)))
-- expect: false	[string "nilenv"]:1: attempt to index a nil value (upvalue '_ENV')

-- load returns a new function each time
print(load("return 1") ~= load("return 1"))
-- expect: true

-- argument errors
print(pcall(load))
-- expect: false	bad argument #1 to 'load' (function expected, got no value)
print(pcall(load, 42))
-- expect: true	nil	[string "42"]:1: unexpected symbol near '42'
local ok, fn = pcall(load, "return 1", 42)   -- a number chunk name is converted
print(ok, type(fn))
-- expect: true	function

-- loaded functions see varargs and can be called many times
local add = load("local a, b = ...; return a + b")
print(add(1, 2), add(10, 20))
-- expect: 3	30

-- deeply nested functions in a loaded chunk
print(load("return (function() return (function() return (function() return 'nested' end)() end)() end)()")())
-- expect: nested
