-- Error messages of the io library, as raised from method calls and plain calls.

local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("data\n")
f:close()

local function try(fn, ...)
  print(pcall(fn, ...))
end

f = assert(io.open(name))
-- Bad formats name the argument as the caller sees it (self is not counted).
try(function() return f:read("x") end)
-- expect: false	errors.lua:14: bad argument #1 to 'read' (invalid format)
try(function() return f:read("l", "*x") end)
-- expect: false	errors.lua:16: bad argument #2 to 'read' (invalid format)
try(function() return f:read("") end)
-- expect: false	errors.lua:18: bad argument #1 to 'read' (invalid format)
try(function() return f:read({}) end)
-- expect: false	errors.lua:20: bad argument #1 to 'read' (string expected, got table)
try(function() return f:read(nil) end)
-- expect: false	errors.lua:22: bad argument #1 to 'read' (string expected, got nil)
try(function() return f:read(1.5) end)
-- expect: false	errors.lua:24: bad argument #1 to 'read' (number has no integer representation)
try(function() return io.read("z") end)
-- expect: false	errors.lua:26: bad argument #1 to 'read' (invalid format)
try(function() return io.read("l", true) end)
-- expect: true	nil
-- Bad self
local fake = {read = f.read, write = f.write, close = f.close, lines = f.lines}
try(function() return fake:read() end)
-- expect: false	errors.lua:32: calling 'read' on bad self (FILE* expected, got table)
try(function() return fake:write("x") end)
-- expect: false	errors.lua:34: calling 'write' on bad self (FILE* expected, got table)
try(function() return fake:close() end)
-- expect: false	errors.lua:36: calling 'close' on bad self (FILE* expected, got table)
try(function() return fake:lines() end)
-- expect: false	errors.lua:38: calling 'lines' on bad self (FILE* expected, got table)
try(function() return f.read() end)
-- expect: false	errors.lua:40: bad argument #1 to 'read' (FILE* expected, got no value)
try(function() return f.seek(io) end)
-- expect: false	errors.lua:42: bad argument #1 to 'seek' (FILE* expected, got table)
try(function() return io.stdout.write("no self") end)
-- expect: false	errors.lua:44: bad argument #1 to 'write' (FILE* expected, got string)
-- Bad options
try(function() return f:seek("start") end)
-- expect: false	errors.lua:47: bad argument #1 to 'seek' (invalid option 'start')
try(function() return f:seek("set", 2^63) end)
-- expect: false	errors.lua:49: bad argument #2 to 'seek' (number has no integer representation)
try(function() return f:setvbuf("big") end)
-- expect: false	errors.lua:51: bad argument #1 to 'setvbuf' (invalid option 'big')
try(function() return f:setvbuf() end)
-- expect: false	errors.lua:53: bad argument #1 to 'setvbuf' (string expected, got no value)
f:close()

-- A closed file
try(function() return f:read() end)
-- expect: false	errors.lua:58: attempt to use a closed file
try(function() return f:write("x") end)
-- expect: false	errors.lua:60: attempt to use a closed file
try(function() return f:lines() end)
-- expect: false	errors.lua:62: attempt to use a closed file
try(function() return f:close() end)
-- expect: false	errors.lua:64: attempt to use a closed file
try(function() return io.close(f) end)
-- expect: false	errors.lua:66: attempt to use a closed file
try(function() return io.input(f) end)
-- expect: false	errors.lua:68: attempt to use a closed file
try(function() return io.output(f) end)
-- expect: false	errors.lua:70: attempt to use a closed file
print(io.type(f), tostring(f))
-- expect: closed file	file (closed)

-- The iterator of a file closed meanwhile
f = assert(io.open(name))
local it = f:lines()
print(it())
-- expect: data
f:close()
try(it)
-- expect: false	file is already closed
-- An iterator whose read fails raises the message (a directory cannot be read).
try(function() for l in io.lines(".") do print(l) end end)
-- expect: false	errors.lua:84: Is a directory
local d = io.open(".")
try(function() for l in d:lines("a") do print(#l) end end)
-- expect: false	errors.lua:87: Is a directory
d:close()
-- An invalid format is found only when the iterator runs.
local bad = io.lines(name, "?")
try(bad)
-- expect: false	bad argument #2 to '?' (invalid format)
try(function() for l in io.lines(name, "l", "x") do print(l) end end)
-- expect: false	errors.lua:94: bad argument #3 to 'for iterator' (invalid format)

-- Missing files: io.open returns the message, io.lines/io.input/io.output raise it.
print(io.open("no_such_dir/x.txt"))
-- expect: nil	no_such_dir/x.txt: No such file or directory	2
try(io.lines, "no_such_dir/x.txt")
-- expect: false	cannot open file 'no_such_dir/x.txt' (No such file or directory)
try(io.input, "no_such_dir/x.txt")
-- expect: false	cannot open file 'no_such_dir/x.txt' (No such file or directory)
try(function() return io.lines("no_such_dir/x.txt") end)
-- expect: false	errors.lua:104: cannot open file 'no_such_dir/x.txt' (No such file or directory)
-- A file name that is not a string
try(io.open, nil)
-- expect: false	bad argument #1 to 'io.open' (string expected, got nil)
try(io.open, 12, {})
-- expect: false	bad argument #2 to 'io.open' (string expected, got table)
try(io.lines, false)
-- expect: false	bad argument #1 to 'io.lines' (string expected, got boolean)
try(io.input, false)
-- expect: false	bad argument #1 to 'io.input' (FILE* expected, got boolean)

-- Method names on handles and metamethods
local mt = getmetatable(io.stdout)
try(mt.__tostring, 1)
-- expect: false	bad argument #1 to '?' (FILE* expected, got number)
try(mt.__tostring)
-- expect: false	bad argument #1 to '?' (FILE* expected, got no value)
print(mt.__tostring(io.stdout) ~= mt.__tostring(io.stderr))
-- expect: true
try(mt.__index.read, "not a file")
-- expect: false	bad argument #1 to '?' (FILE* expected, got string)
-- io.type never raises for a value
print(io.type(setmetatable({}, mt)), io.type(io.stdout))
-- expect: nil	file
-- A table with the FILE* metatable is not a file.
try(function() return f.read(setmetatable({}, mt)) end)
-- expect: false	errors.lua:130: bad argument #1 to 'read' (FILE* expected, got FILE*)

os.remove(name)
