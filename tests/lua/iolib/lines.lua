-- file:lines and io.lines: formats, closing, errors.

local name = os.tmpname()
local f = assert(io.open(name, "w"))
f:write("alpha\nbeta\n\ngamma 12 3.5\nlast")
f:close()

-- io.lines(name) reads lines and closes the file at the end of the loop.
for l in io.lines(name) do print("[" .. l .. "]") end
-- expect: [alpha]
-- expect: [beta]
-- expect: []
-- expect: [gamma 12 3.5]
-- expect: [last]
-- It returns four values: the iterator, two nils and the file (the to-be-closed value).
local it, s, c, file = io.lines(name)
print(type(it), s, c, io.type(file))
-- expect: function	nil	nil	file
print(it(), it(), it(), it(), it())
-- expect: alpha	beta		gamma 12 3.5	last
print(it(), io.type(file))
-- expect: nil	closed file
print(pcall(it))
-- expect: false	file is already closed
-- Breaking out of the loop closes the file as well (through __close).
local keep
for l in (function()
  local i, a, b, fh = io.lines(name)
  keep = fh
  return i, a, b, fh
end)() do
  print(l, io.type(keep))
  break
end
-- expect: alpha	file
print(io.type(keep))
-- expect: closed file

-- Formats are passed to read on every call.
for a, b in io.lines(name, 1, "l") do print(a, b) end
-- expect: a	lpha
-- expect: b	eta
-- expect:
-- expect: 	gamma 12 3.5
-- expect: l	ast
local acc = ""
for l in io.lines(name, "L") do acc = acc .. l end
print(acc)
-- expect: alpha
-- expect: beta
-- expect:
-- expect: gamma 12 3.5
-- expect: last
acc = ""
for n in io.lines(name, 3) do acc = acc .. n .. "|" end
print(acc)
-- expect: alp|ha
-- expect: |bet|a
-- expect:
-- expect: |gam|ma |12 |3.5|
-- expect: la|st|
for a in io.lines(name, "a") do print(#a) break end
-- expect: 29
-- A format that fails ends the loop: "n" on "alpha".
for n in io.lines(name, "n") do print(n) end
print("after n")
-- expect: after n
-- Several formats: the loop ends when the first result is fail.
for a, b, c2 in io.lines(name, "l", "n", "l") do print(a, b, c2) end
-- expect: alpha	nil	nil
-- expect: beta	nil	nil
-- expect: gamma 12 3.5	nil	nil
-- expect: last	nil	nil

-- file:lines does not close the file.
f = assert(io.open(name))
acc = ""
for l in f:lines() do acc = acc .. l .. ";" end
print(acc)
-- expect: alpha;beta;;gamma 12 3.5;last;
print(io.type(f), f:read("a"), f:seek("set"))
-- expect: file		0
acc = ""
for w in f:lines(6) do acc = acc .. w .. "/" end
print(acc)
-- expect: alpha
-- expect: /beta
-- expect:
-- expect: /gamma /12 3.5/
-- expect: last/
print(io.type(f))
-- expect: file
-- It reads from where the file is and shares its position.
f:seek("set")
local nl = f:lines("l")
print(nl(), f:read("l"), nl())
-- expect: alpha	beta	
-- Lines of a file closed meanwhile: an error.
f:close()
print(pcall(nl))
-- expect: false	file is already closed
print(pcall(f.lines, f))
-- expect: false	attempt to use a closed file

-- io.lines() with no file name reads the default input (empty stdin here) and keeps it open.
for l in io.lines() do print("stdin", l) end
print(io.type(io.stdin))
-- expect: file
print(select("#", io.lines()))
-- expect: 1
print(select("#", io.lines(nil)))
-- expect: 1
f = assert(io.open(name))
io.input(f)
acc = ""
for l in io.lines(nil, "L") do acc = acc .. l end
print(acc)
-- expect: alpha
-- expect: beta
-- expect:
-- expect: gamma 12 3.5
-- expect: last
print(io.type(f))
-- expect: file
io.input(io.stdin)
f:close()

-- Errors: a missing file raises for io.lines (io.open returns the message instead).
print(pcall(io.lines, "no_such_dir/file.txt"))
-- expect: false	cannot open file 'no_such_dir/file.txt' (No such file or directory)
print(pcall(io.lines, "no_such_dir/file.txt", "l"))
-- expect: false	cannot open file 'no_such_dir/file.txt' (No such file or directory)
print(pcall(io.lines, {}))
-- expect: false	bad argument #1 to 'io.lines' (string expected, got table)
print(select("#", io.lines(name, "x")))
-- expect: 4
local bad = io.lines(name, "x")
print(pcall(bad))
-- expect: false	bad argument #2 to '?' (invalid format)
print(type(io.lines(name, {})))
-- expect: function
bad = io.lines(name, {})
print(pcall(bad))
-- expect: false	bad argument #2 to '?' (string expected, got table)
-- Closed default input.
f = assert(io.open(name))
io.input(f)
f:close()
print(pcall(io.lines))
-- expect: false	attempt to use a closed file
print(pcall(io.read))
-- expect: false	default input file is closed
io.input(io.stdin)

-- At most 250 formats.
local formats = ""
for _ = 1, 250 do formats = formats .. ", 'l'" end
local iter = load("return io.lines(..." .. formats .. ")")(name)
print(type(iter), iter())
-- expect: function	alpha	beta		gamma 12 3.5	last	nil
print(pcall(load("return io.lines(..." .. formats .. ", 'l')"), name))
-- expect: false	[string "return io.lines(..., 'l', 'l', 'l', 'l', 'l',..."]:1: bad argument #252 to 'lines' (too many arguments)
f = assert(io.open(name))
print(pcall(load("local f = ... return f:lines(1" .. formats .. ")"), f))
-- expect: false	[string "local f = ... return f:lines(1, 'l', 'l', 'l'..."]:1: bad argument #251 to 'lines' (too many arguments)
print(type(load("local f = ... return f:lines(" .. formats:sub(3) .. ")")(f)))
-- expect: function
f:close()

os.remove(name)
