-- Reading the standard input (data/stdin.txt) through io.read, io.lines and io.stdin.
-- stdin: data/stdin.txt

print(io.type(io.stdin), io.input() == io.stdin)
-- expect: file	true
print(io.read())
-- expect: first line
print(io.read("n", "n", "n"))
-- expect: 42	16	-15.0
print(io.read("L") == "\n", io.stdin:read("l"))
-- expect: true	third
local acc = ""
for l in io.lines() do
  acc = acc .. "[" .. l .. "]"
  if l == "fourth" then break end
end
print(acc)
-- expect: [fourth]
-- Breaking out of io.lines() does not close the default input.
print(io.type(io.stdin))
-- expect: file
print(io.stdin:read("a"))
-- expect: fifth
-- expect:
print(io.read("a") == "", io.read(), io.read(0))
-- expect: true	nil	nil
print(io.stdin:seek("set", 0) ~= nil, io.read())
-- expect: true	first line

