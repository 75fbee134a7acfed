-- io.open modes, io.type, tostring, closing files and the FILE* metatable.

local name = os.tmpname()

-- Valid modes match "[rwa]%+?b*"; anything else is refused before fopen.
for _, mode in ipairs({"r", "w", "a", "r+", "w+", "a+", "rb", "wb", "r+b", "a+bb"}) do
  local f, msg = io.open(name, mode)
  print(mode, io.type(f), msg)
  f:close()
end
-- expect: r	file	nil
-- expect: w	file	nil
-- expect: a	file	nil
-- expect: r+	file	nil
-- expect: w+	file	nil
-- expect: a+	file	nil
-- expect: rb	file	nil
-- expect: wb	file	nil
-- expect: r+b	file	nil
-- expect: a+bb	file	nil
for _, mode in ipairs({"", "x", "rw", "+r", "rb+", "r++", "wt", "r ", "R"}) do
  print("'" .. mode .. "'", pcall(io.open, name, mode))
end
-- expect: ''	false	bad argument #2 to 'io.open' (invalid mode)
-- expect: 'x'	false	bad argument #2 to 'io.open' (invalid mode)
-- expect: 'rw'	false	bad argument #2 to 'io.open' (invalid mode)
-- expect: '+r'	false	bad argument #2 to 'io.open' (invalid mode)
-- expect: 'rb+'	false	bad argument #2 to 'io.open' (invalid mode)
-- expect: 'r++'	false	bad argument #2 to 'io.open' (invalid mode)
-- expect: 'wt'	false	bad argument #2 to 'io.open' (invalid mode)
-- expect: 'r '	false	bad argument #2 to 'io.open' (invalid mode)
-- expect: 'R'	false	bad argument #2 to 'io.open' (invalid mode)
print(pcall(io.open))
-- expect: false	bad argument #1 to 'io.open' (string expected, got no value)
print(pcall(io.open, {}))
-- expect: false	bad argument #1 to 'io.open' (string expected, got table)
print(pcall(io.open, name, {}))
-- expect: false	bad argument #2 to 'io.open' (string expected, got table)

-- A missing file: fail, "name: strerror", errno.
print(io.open("no_such_dir/no_such_file"))
-- expect: nil	no_such_dir/no_such_file: No such file or directory	2
print(io.open("no_such_dir/no_such_file", "w"))
-- expect: nil	no_such_dir/no_such_file: No such file or directory	2
print(io.open("", "r"))
-- expect: nil	: No such file or directory	2

-- io.type and tostring
local f = assert(io.open(name, "w"))
print(io.type(f), io.type(io.stdin), io.type(io.stdout), io.type(io.stderr))
-- expect: file	file	file	file
print(io.type(nil), io.type(42), io.type("file"), io.type({}), io.type(print))
-- expect: nil	nil	nil	nil	nil
print(pcall(io.type))
-- expect: false	bad argument #1 to 'io.type' (value expected)
local s = tostring(f)
print(s:sub(1, 6), s:sub(-1))
-- expect: file (	)
print(tostring(f) == tostring(f))
-- expect: true

-- The metatable is registered as "FILE*".
local mt = getmetatable(f)
print(mt.__name, mt == getmetatable(io.stdout), type(mt.__index), type(mt.__gc))
-- expect: FILE*	true	table	function
print(type(mt.__close), type(mt.__tostring))
-- expect: function	function
print(type(f.read), type(f.write), type(f.lines), type(f.flush), type(f.seek), type(f.close))
-- expect: function	function	function	function	function	function
print(type(f.setvbuf), f.nothing)
-- expect: function	nil

-- close returns true once; a closed handle refuses every method.
print(f:close())
-- expect: true
print(io.type(f), tostring(f))
-- expect: closed file	file (closed)
print(pcall(f.close, f))
-- expect: false	attempt to use a closed file
print(pcall(f.read, f))
-- expect: false	attempt to use a closed file
print(pcall(f.write, f, "x"))
-- expect: false	attempt to use a closed file
print(pcall(f.lines, f))
-- expect: false	attempt to use a closed file
print(pcall(f.seek, f))
-- expect: false	attempt to use a closed file
print(pcall(f.flush, f))
-- expect: false	attempt to use a closed file
print(pcall(f.setvbuf, f, "no"))
-- expect: false	attempt to use a closed file
print(pcall(io.close, f))
-- expect: false	attempt to use a closed file
print(pcall(f.close, 42))
-- expect: false	bad argument #1 to '?' (FILE* expected, got number)
print(pcall(f.close))
-- expect: false	bad argument #1 to '?' (FILE* expected, got no value)
print(pcall(io.close, {}))
-- expect: false	bad argument #1 to 'io.close' (FILE* expected, got table)

-- Standard files cannot be closed, and stay open.
print(io.stdout:close())
-- expect: nil	cannot close standard file
print(io.stderr:close())
-- expect: nil	cannot close standard file
print(io.stdin:close())
-- expect: nil	cannot close standard file
print(io.close(io.stdout))
-- expect: nil	cannot close standard file
print(io.type(io.stdout), io.type(io.stdin))
-- expect: file	file
-- io.close() closes the default output, here stdout.
print(io.close())
-- expect: nil	cannot close standard file
print(io.type(io.output()))
-- expect: file

-- __close and __gc close a file that is still open, and ignore a closed one.
local g
do
  local h <close> = assert(io.open(name, "w"))
  g = h
  print(io.type(h))
end
-- expect: file
print(io.type(g))
-- expect: closed file
g = assert(io.open(name))
print(mt.__gc(g), io.type(g))
-- expect: nil	closed file
print(mt.__gc(g), io.type(g))
-- expect: nil	closed file
print(mt.__close(g, nil), io.type(g))
-- expect: nil	closed file
print(pcall(mt.__gc, 1))
-- expect: false	bad argument #1 to '?' (FILE* expected, got number)

-- tmpfile: an anonymous file for reading and writing.
local t = io.tmpfile()
print(io.type(t), t:write("abc") == t, t:seek("set"), t:read("a"))
-- expect: file	true	0	abc
print(t:close(), io.type(t))
-- expect: true	closed file

-- A directory opens for reading, but reading it fails.
local d = io.open(".")
print(io.type(d))
-- expect: file
print(d:read("a"))
-- expect: nil	Is a directory	21
print(d:read("l"))
-- expect: nil	Is a directory	21
d:close()

print(os.remove(name))
-- expect: true
