-- load with strings and reader functions, chunk names, modes and environments.

print(load("return 1 + 1")())
-- expect: 2
print(load("syntax error here"))
-- expect: nil	[string "syntax error here"]:1: syntax error near 'error'
print(load("return ...", "=mychunk")(1, 2, 3))
-- expect: 1	2	3
local f = load("x = 5; return x", "chunk", "t", {})
print(f(), x)
-- expect: 5	nil
local env = {y = 7}
print(load("return y", "c", "t", env)())
-- expect: 7
print(load("return 1", "c", "b"))
-- expect: nil	attempt to load a text chunk (mode is 'b')
print(load("\27Lua", "bin", "t"))
-- expect: nil	attempt to load a binary chunk (mode is 't')
local parts = {"return ", "'pie", "ces'"}
local i = 0
print(load(function() i = i + 1; return parts[i] end)())
-- expect: pieces
print(load(function() return {} end))
-- expect: nil	load.lua:23: reader function must return a string
-- expect: stack traceback:
-- expect: 	[C]: in function 'load'
-- expect: 	load.lua:23: in main chunk
-- expect: 	[C]: in ?
print(pcall(load, function() error("reader fails") end))
-- expect: true	nil	load.lua:29: reader fails
print(load(function() error("reader fails") end))
-- expect: nil	load.lua:31: reader fails
-- expect: stack traceback:
-- expect: 	[C]: in function 'error'
-- expect: 	load.lua:31: in function <load.lua:31>
-- expect: 	[C]: in function 'load'
-- expect: 	load.lua:31: in main chunk
-- expect: 	[C]: in ?
print(pcall(load))
-- expect: false	bad argument #1 to 'load' (function expected, got no value)
print(type(load("error('in chunk')", "=named")))
-- expect: function
print(pcall(load("error('in chunk')", "=named")))
-- expect: false	named:1: in chunk
print(pcall(load("error('in chunk')", "@file.lua")))
-- expect: false	file.lua:1: in chunk
print(pcall(load("error('in chunk')", "a long string chunk name that goes on and on and on and on")))
-- expect: false	[string "a long string chunk name that goes on and on ..."]:1: in chunk
print(pcall(load("\n\nerror('line 3')")))
-- expect: false	[string "..."]:3: line 3
-- the env argument even when nil
print(pcall(load("return print", "c", "t", nil)))
-- expect: false	[string "c"]:1: attempt to index a nil value (upvalue '_ENV')
print(load("return _ENV")() == _G)
-- expect: true
print(loadfile("/nonexistent/file.lua"))
-- expect: nil	cannot open /nonexistent/file.lua: No such file or directory
print(pcall(dofile, "/nonexistent/file.lua"))
-- expect: false	cannot open /nonexistent/file.lua: No such file or directory
