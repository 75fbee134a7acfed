-- file:write, io.write, seek, setvbuf and flush.

local name = os.tmpname()

local function contents()
  local f = assert(io.open(name, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- write returns the file, so calls chain; numbers use lua5.4's formats ("%d", "%.14g").
local f = assert(io.open(name, "w"))
print(f:write("a", "b") == f)
-- expect: true
print(f:write() == f)
-- expect: true
f:write(1, " ", -0, " ", 1.0, " ", -0.0, " ", 0.1, " ", 1/3, " ", 1e15, " ", 1e100, "\n")
f:write(0x7fffffffffffffff, " ", 0x8000000000000000, " ", 2^53, " ", 2^63, " ", 1/0, " ", -1/0, "\n")
f:write(0x7fffffff, " ", 123456789012345678, " ", 3.14159265358979, " ", 100 / 2, "\n")
f:close()
print(contents())
-- expect: ab1 0 1 -0 0.1 0.33333333333333 1e+15 1e+100
-- expect: 9223372036854775807 -9223372036854775808 9.007199254741e+15 9.2233720368548e+18 inf -inf
-- expect: 2147483647 123456789012345678 3.1415926535898 50
-- expect:
f = assert(io.open(name, "w"))
f:write("", "embedded\0zero", "")
f:close()
print(#contents(), contents() == "embedded\0zero")
-- expect: 13	true
-- Strings that look like numbers are written as they are.
f = assert(io.open(name, "w"))
f:write("1.0", " ", "0x10", " ", 10 // 3, " ", 10 / 4, " ", 7 % 2.0)
f:close()
print(contents())
-- expect: 1.0 0x10 3 2.5 1
-- Arguments must be strings or numbers.
f = assert(io.open(name, "w"))
print(pcall(f.write, f, "ok", {}))
-- expect: false	bad argument #3 to '?' (string expected, got table)
print(pcall(f.write, f, nil))
-- expect: false	bad argument #2 to '?' (string expected, got nil)
print(pcall(f.write, f, true))
-- expect: false	bad argument #2 to '?' (string expected, got boolean)
print(pcall(io.write, print))
-- expect: false	bad argument #1 to 'io.write' (string expected, got function)
f:close()
print(contents())
-- expect: ok

-- Writing to a file opened for reading fails with the system's message.
f = assert(io.open(name, "r"))
print(f:write("x"))
-- expect: nil	Bad file descriptor	9
print(f:write(12))
-- expect: nil	Bad file descriptor	9
f:close()

-- Append mode writes at the end; "w" truncates.
f = assert(io.open(name, "w")) f:write("one") f:close()
f = assert(io.open(name, "a")) f:write("two") f:close()
print(contents())
-- expect: onetwo
f = assert(io.open(name, "w")) f:close()
print(contents() == "")
-- expect: true

-- seek: whence "set", "cur" (default) or "end", an offset; returns the new position.
f = assert(io.open(name, "w+"))
f:write("0123456789")
print(f:seek(), f:seek("cur"), f:seek("set"), f:seek("end"))
-- expect: 10	10	0	10
print(f:seek("set", 3), f:read(2), f:seek("cur"), f:seek("cur", -4), f:read(1))
-- expect: 3	34	5	1	1
print(f:seek("end", -2), f:read("a"), f:seek("cur", 0))
-- expect: 8	89	10
print(f:seek("set", 20), f:read(1), f:seek("end"))
-- expect: 20	nil	10
print(f:seek("set", -1))
-- expect: nil	Invalid argument	22
print(f:seek("cur", -100))
-- expect: nil	Invalid argument	22
print(pcall(f.seek, f, "begin"))
-- expect: false	bad argument #2 to '?' (invalid option 'begin')
print(pcall(f.seek, f, "set", 1.5))
-- expect: false	bad argument #3 to '?' (number has no integer representation)
print(pcall(f.seek, f, "set", "x"))
-- expect: false	bad argument #3 to '?' (number expected, got string)
print(pcall(f.seek, f, 1))
-- expect: false	bad argument #2 to '?' (invalid option '1')
-- Writing past the end leaves a hole of zeros.
f:seek("set", 12)
f:write("Z")
f:seek("set", 9)
local tail = f:read("a")
print(#tail, tail == "9\0\0Z")
-- expect: 4	true
-- Reading after writing needs a seek in between (as in C); here the position is shared.
f:seek("set", 0)
f:write("ab")
print(f:seek(), f:read(2))
-- expect: 2	23
f:close()

-- setvbuf: "no", "full", "line", with an optional size.
f = assert(io.open(name, "w"))
print(f:setvbuf("no"))
-- expect: true
print(f:setvbuf("full", 4096))
-- expect: true
print(f:setvbuf("line"))
-- expect: true
print(pcall(f.setvbuf, f))
-- expect: false	bad argument #2 to '?' (string expected, got no value)
print(pcall(f.setvbuf, f, "none"))
-- expect: false	bad argument #2 to '?' (invalid option 'none')
print(pcall(f.setvbuf, f, "full", "big"))
-- expect: false	bad argument #3 to '?' (number expected, got string)
f:close()
-- With buffering off, every write reaches the file at once.
f = assert(io.open(name, "w"))
f:setvbuf("no")
f:write("unbuffered")
print(contents())
-- expect: unbuffered
f:setvbuf("full", 1024)
f:write(" buffered")
print(contents())
-- expect: unbuffered buffered
print(f:flush() == true, contents())
-- expect: true	unbuffered buffered
f:close()

-- flush returns true; io.flush flushes the default output.
print(io.flush())
-- expect: true
print(io.stdout:flush(), io.stderr:flush())
-- expect: true	true
print(io.stdout:setvbuf("line"))
-- expect: true

os.remove(name)
