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

