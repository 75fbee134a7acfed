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

