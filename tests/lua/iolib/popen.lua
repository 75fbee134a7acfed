-- io.popen: reading from and writing to a command, and the status that close returns.

local name = os.tmpname()

-- "r" (the default): read the command's output.
local p = io.popen("echo hello; echo world")
print(io.type(p), tostring(p) ~= "file (closed)")
-- expect: file	true
print(p:read("l"), p:read("L"))
-- expect: hello	world
-- expect:
print(p:read("l"), p:read("a") == "", p:read(0))
-- expect: nil	true	nil
-- close returns the status triple, as os.execute does.
print(p:close())
-- expect: true	exit	0
print(io.type(p), tostring(p))
-- expect: closed file	file (closed)
print(pcall(p.read, p))
-- expect: false	attempt to use a closed file
print(pcall(p.close, p))
-- expect: false	attempt to use a closed file

p = io.popen("printf '1 2.5 0x10'", "r")
print(p:read("n", "n", "n", "n"))
-- expect: 1	2.5	16	nil
print(p:close())
-- expect: true	exit	0

-- lines over a pipe
p = io.popen("printf 'a\\nb\\nc'")
local acc = ""
for l in p:lines() do acc = acc .. l .. ";" end
print(acc)
-- expect: a;b;c;
print(p:close())
-- expect: true	exit	0

-- Exit codes and signals.
print(io.popen("exit 0"):close())
-- expect: true	exit	0
print(io.popen("exit 1"):close())
-- expect: nil	exit	1
print(io.popen("exit 3"):close())
-- expect: nil	exit	3
print(io.popen("exit 255"):close())
-- expect: nil	exit	255
print(io.popen("kill -9 $$"):close())
-- expect: nil	signal	9
print(io.popen("kill -15 $$"):close())
-- expect: nil	signal	15
print(io.popen("no_such_command_for_tycho_tests 2>/dev/null"):close())
-- expect: nil	exit	127
-- The output is still readable when the command fails.
p = io.popen("echo partial; exit 5")
print(p:read("a"))
-- expect: partial
-- expect:
print(p:close())
-- expect: nil	exit	5

-- "w": write to the command's input.
p = io.popen("cat > " .. name, "w")
print(io.type(p))
-- expect: file
print(p:write("to ", "the ", 42, " command\n") == p)
-- expect: true
print(p:read("a"))
-- expect: nil	Bad file descriptor	9
print(p:close())
-- expect: true	exit	0
local f = assert(io.open(name))
print(f:read("a"))
-- expect: to the 42 command
-- expect:
f:close()
p = io.popen("cat > /dev/null; exit 7", "w")
p:write("ignored")
print(p:close())
-- expect: nil	exit	7

-- A pipe cannot seek.
p = io.popen("echo x")
print(p:seek("set", 1))
-- expect: nil	Illegal seek	29
print(p:read("a"))
-- expect: x
-- expect:
print(p:close())
-- expect: true	exit	0

-- Modes: only "r" and "w".
print(pcall(io.popen, "true", "rw"))
-- expect: false	bad argument #2 to 'io.popen' (invalid mode)
print(pcall(io.popen, "true", "r+"))
-- expect: false	bad argument #2 to 'io.popen' (invalid mode)
print(pcall(io.popen, "true", "rb"))
-- expect: false	bad argument #2 to 'io.popen' (invalid mode)
print(pcall(io.popen, "true", ""))
-- expect: false	bad argument #2 to 'io.popen' (invalid mode)
print(pcall(io.popen, "true", "a"))
-- expect: false	bad argument #2 to 'io.popen' (invalid mode)
print(pcall(io.popen))
-- expect: false	bad argument #1 to 'io.popen' (string expected, got no value)
print(pcall(io.popen, {}))
-- expect: false	bad argument #1 to 'io.popen' (string expected, got table)

-- A to-be-closed pipe is closed at the end of its block.
local keep
do
  local q <close> = io.popen("echo tbc")
  keep = q
  print(q:read("l"))
end
-- expect: tbc
print(io.type(keep))
-- expect: closed file

-- io.lines and io.input accept a pipe handle too.
p = io.popen("printf 'x\\ny'")
io.input(p)
print(io.read(), io.read())
-- expect: x	y
io.input(io.stdin)
print(p:close())
-- expect: true	exit	0

os.remove(name)
