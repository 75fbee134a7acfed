-- os.tmpname, os.remove and os.rename.

-- Results with the temporary name replaced by NAME (the names differ from run to run).
local function show(name, ok, msg, en)
  if type(msg) == "string" and msg:sub(1, #name) == name then
    msg = "NAME" .. msg:sub(#name + 1)
  end
  print(ok, msg, en)
end

-- tmpname creates an empty file with a fresh name.
local a, b = os.tmpname(), os.tmpname()
print(type(a), a ~= b, #a > 0)
-- expect: string	true	true
local f = io.open(a)
print(io.type(f), f:read("a") == "")
-- expect: file	true
f:close()

-- remove: true, or fail with "name: message" and errno.
show(a, os.remove(a))
-- expect: true	nil	nil
show(a, os.remove(a))
-- expect: nil	NAME: No such file or directory	2
show(a, io.open(a))
-- expect: nil	NAME: No such file or directory	2
print(os.remove("no_such_dir/x"))
-- expect: nil	no_such_dir/x: No such file or directory	2
print(os.remove(""))
-- expect: nil	: No such file or directory	2
print(pcall(os.remove))
-- expect: false	bad argument #1 to 'os.remove' (string expected, got no value)
print(pcall(os.remove, {}))
-- expect: false	bad argument #1 to 'os.remove' (string expected, got table)

-- rename moves the file; failures carry no file name in the message.
f = io.open(b, "w")
f:write("moved")
f:close()
local c = b .. ".renamed"
print(os.rename(b, c))
-- expect: true
show(b, io.open(b))
-- expect: nil	NAME: No such file or directory	2
f = io.open(c)
print(f:read("a"))
-- expect: moved
f:close()
print(os.rename(b, c))
-- expect: nil	No such file or directory	2
print(os.rename(c, "no_such_dir/y"))
-- expect: nil	No such file or directory	2
print(pcall(os.rename, c))
-- expect: false	bad argument #2 to 'os.rename' (string expected, got no value)
print(pcall(os.rename, nil, c))
-- expect: false	bad argument #1 to 'os.rename' (string expected, got nil)
-- Renaming over an existing file replaces it.
local d = os.tmpname()
print(os.rename(c, d))
-- expect: true
f = io.open(d)
print(f:read("a"))
-- expect: moved
f:close()
show(c, os.remove(c))
-- expect: nil	NAME: No such file or directory	2

-- A directory: remove and rename act on it too.
local dir = os.tmpname()
os.remove(dir)
print(os.execute("mkdir " .. dir))
-- expect: true	exit	0
local inner = io.open(dir .. "/inner", "w")
inner:write("x")
inner:close()
local r1, r2, r3 = os.remove(dir)
print(r1, r2 == dir .. ": Directory not empty", r3)
-- expect: nil	true	39
print(os.remove(dir .. "/inner"))
-- expect: true
print(os.rename(dir, dir .. "2"))
-- expect: true
print(os.remove(dir .. "2"))
-- expect: true
show(dir, io.open(dir .. "2"))
-- expect: nil	NAME2: No such file or directory	2

-- Numbers are accepted as names (converted to strings).
print(os.remove(12345678))
-- expect: nil	12345678: No such file or directory	2
print(os.remove(d))
-- expect: true
