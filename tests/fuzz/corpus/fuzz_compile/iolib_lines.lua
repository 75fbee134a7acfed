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

