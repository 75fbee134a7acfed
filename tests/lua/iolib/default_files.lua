-- The default input and output files: io.input, io.output, io.read, io.write, io.close,
-- io.flush and the standard handles.
--
-- Hand-maintained: tests/lua/bless.lua writes its markers through io.write, which this
-- script redirects, so the expectations are the block at the end (lua5.4's output).

local name = os.tmpname()

local function contents()
  local f = assert(io.open(name, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- The standard handles, and the defaults at start.
print(io.type(io.stdin), io.type(io.stdout), io.type(io.stderr))
print(io.input() == io.stdin, io.output() == io.stdout)
print(io.stdin ~= io.stdout, io.stdout ~= io.stderr)

-- io.write goes to the default output and returns it; numbers as lua5.4 writes them.
print(io.write("written ", 1, " ", 2.0, " ", -0.5, "\n") == io.stdout)
print(io.write() == io.stdout)

-- io.output switches it by name (opened "w") or by handle; it returns the current one.
local out = io.output()
print(io.output(name) ~= out, io.type(io.output()))
print(io.write("via ", "io.write ", 42) == io.output())
print(io.output(nil) == io.output())
io.output():close()
print(io.type(io.output()))
print(pcall(io.write, "x"))
print(pcall(io.flush))
print(pcall(io.close))
print(pcall(io.output, io.output()))
io.output(out)
print(contents())
local f = assert(io.open(name, "a"))
print(io.output(f) == f)
io.write("|appended")
io.output(io.stdout)
print(io.type(f))
f:close()
print(contents())
-- io.close() closes the default output (a regular file here).
io.output(name)
io.write("replaced")
print(io.close())
print(io.type(io.output()))
io.output(io.stdout)
print(contents())
-- Errors
print(pcall(io.output, "no_such_dir/out.txt"))
print(pcall(io.output, {}))
print(pcall(io.output, true))
print(pcall(io.output, f))
print(io.output() == io.stdout)
-- A number is taken as a file name (as lua_tostring converts it).
print(pcall(io.input, 12345))

-- io.input: by name (opened "r") or handle; io.read reads from it.
f = assert(io.open(name, "w"))
f:write("line one\n2 3\nrest")
f:close()
print(io.type(io.input(name)), io.input() ~= io.stdin)
print(io.read())
print(io.read("n", "n"))
print(io.read("a"))
print(io.read("l"), io.read(0))
io.input():close()
print(pcall(io.read))
print(pcall(io.lines))
print(pcall(io.input, "no_such_dir/in.txt"))
io.input(io.stdin)
print(io.input() == io.stdin)
-- stdin is empty in the tests.
print(io.read(), io.read("a") == "", io.read(1), io.read(0))
print(pcall(io.read, "x"))
print(pcall(io.read, {}))

-- io.flush on the default output; io.stdout methods.
print(io.flush())
print(io.stdout:write("direct\n") == io.stdout)
print(io.stderr:write("") == io.stderr)
print(io.stdin:read("a") == "")

os.remove(name)

-- Expected output (lua5.4):
-- expect: file	file	file
-- expect: true	true
-- expect: true	true
-- expect: written 1 2 -0.5
-- expect: true
-- expect: true
-- expect: true	file
-- expect: true
-- expect: true
-- expect: closed file
-- expect: false	default output file is closed
-- expect: false	default output file is closed
-- expect: false	attempt to use a closed file
-- expect: false	attempt to use a closed file
-- expect: via io.write 42
-- expect: true
-- expect: file
-- expect: via io.write 42|appended
-- expect: true
-- expect: closed file
-- expect: replaced
-- expect: false	cannot open file 'no_such_dir/out.txt' (No such file or directory)
-- expect: false	bad argument #1 to 'io.output' (FILE* expected, got table)
-- expect: false	bad argument #1 to 'io.output' (FILE* expected, got boolean)
-- expect: false	attempt to use a closed file
-- expect: true
-- expect: false	cannot open file '12345' (No such file or directory)
-- expect: file	true
-- expect: line one
-- expect: 2	3
-- expect:
-- expect: rest
-- expect: nil	nil
-- expect: false	default input file is closed
-- expect: false	attempt to use a closed file
-- expect: false	cannot open file 'no_such_dir/in.txt' (No such file or directory)
-- expect: true
-- expect: nil	true	nil	nil
-- expect: false	bad argument #1 to 'io.read' (invalid format)
-- expect: false	bad argument #1 to 'io.read' (string expected, got table)
-- expect: true
-- expect: direct
-- expect: true
-- expect: true
-- expect: true
