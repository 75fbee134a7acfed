-- file:read and io.read formats: "n", "l", "L", "a", counts, several formats at once.

local name = os.tmpname()

local function with(content)
  local f = assert(io.open(name, "wb"))
  f:write(content)
  f:close()
  return assert(io.open(name, "rb"))
end

-- Lines: "l" drops the newline, "L" keeps it; the last line may lack one.
local f = with("one\ntwo\n\nlast")
print(f:read("l"))
-- expect: one
print(f:read("L"))
-- expect: two
-- expect:
print(f:read("l") == "", f:read("L"))
-- expect: true	last
print(f:read("l"), f:read("L"), f:read("l"))
-- expect: nil	nil	nil
f:close()
-- No format reads a line; "*" prefixes are accepted for compatibility.
f = with("a\nb\nc\nd\n")
print(f:read())
-- expect: a
print(f:read("*l"), f:read("*L"))
-- expect: b	c
-- expect:
print(f:read("*a"))
-- expect: d
-- expect:
print(f:read("*a") == "", f:read("*l"), f:read())
-- expect: true	nil	nil
f:close()
-- A line with embedded zeros and one longer than the read buffer.
local long = "x"
for _ = 1, 12 do long = long .. long end
f = with("a\0b\n" .. long .. "\n" .. long)
local l = f:read("l")
print(#l, l == "a\0b")
-- expect: 3	true
print(#f:read("L"), #f:read("l"), f:read("l"))
-- expect: 4097	4096	nil
f:close()

-- "a" reads the rest ("" at the end, never fail).
f = with("abc\ndef")
print(f:read(1), f:read("a"))
-- expect: a	bc
-- expect: def
print(f:read("a") == "", f:read("a") == "")
-- expect: true	true
f:close()
f = with("")
print(f:read("a") == "", f:read("l"), f:read(0), f:read(1))
-- expect: true	nil	nil	nil
f:close()

-- Counts: at most n bytes; 0 tests for the end of the file.
f = with("0123456789")
print(f:read(0), f:read(3), f:read(0) == "", f:read(4), f:read(100))
-- expect: 	012	true	3456	789
print(f:read(0), f:read(1), f:read(0))
-- expect: nil	nil	nil
f:close()
f = with(long)
print(#f:read(4000), #f:read(5000), f:read(5000))
-- expect: 4000	96	nil
f:close()
f = with("12345")
print(f:read(2.0), pcall(f.read, f, 2.5))
-- expect: 12	false	bad argument #2 to '?' (number has no integer representation)
f:close()

-- Several formats: results in order; the first failure ends the list with fail.
f = with("10 20\nrest\nmore")
print(f:read("n", "n", "l", "l", "l"))
-- expect: 10	20		rest	more
f:close()
f = with("line\n")
print(f:read("l", "l", "l", "l"))
-- expect: line	nil
f:close()
f = with("abc")
print(f:read(1, 0, 1, "a", "a", 0))
-- expect: a		b	c		nil
f:close()

-- Numbers: the longest numeral prefix, then a conversion as tonumber does.
f = with(" 42 -7 +3 3.25 -.5 1e3 2E-2 0x1F -0XaB 0x1p4 0x.8 .5e1 007 1.")
local acc = ""
for _ = 1, 14 do acc = acc .. tostring(f:read("n")) .. " " end
print(acc)
-- expect: 42 -7 3 3.25 -0.5 1000.0 0.02 31 -171 16.0 0.5 5.0 7 1.0 
print(f:read("n"), f:read("a"))
-- expect: nil	
f:close()
-- Integers stay integers (an integer // 0 raises an error, a float's is inf).
local function is_int(v) return not pcall(function() return v // 0 end) end
f = with("12 12.0 0x10 1e2 9223372036854775807 9223372036854775808 0xffffffffffffffff")
acc = ""
for _ = 1, 7 do
  local v = f:read("n")
  acc = acc .. tostring(v) .. ":" .. (is_int(v) and "i" or "f") .. " "
end
print(acc)
-- expect: 12:i 12.0:f 16:i 100.0:f 9223372036854775807:i 9.2233720368548e+18:f -1:i 
f:close()
-- Not numerals: fail, and the characters read so far are consumed.
local cases = {"abc", "-", "+x", ".", "0x", "1e", "1e+", "--1", "0xg", "nan", "inf", "", "   "}
for _, c in ipairs(cases) do
  f = with(c)
  local v = f:read("n")
  print("'" .. c .. "'", v, f:read("a"))
  f:close()
end
-- expect: 'abc'	nil	abc
-- expect: '-'	nil	
-- expect: '+x'	nil	x
-- expect: '.'	nil	
-- expect: '0x'	nil	
-- expect: '1e'	nil	
-- expect: '1e+'	nil	
-- expect: '--1'	nil	-1
-- expect: '0xg'	nil	g
-- expect: 'nan'	nil	nan
-- expect: 'inf'	nil	inf
-- expect: ''	nil	
-- expect: '   '	nil	
-- After a failed "n" the following formats are not read.
f = with("x 1")
print(f:read("n", "l"))
-- expect: nil
f:close()
-- Whitespace (including newlines) before the number is skipped; what follows stays.
f = with("\n\t 15\nnext")
print(f:read("n"), f:read("L"), f:read("l"))
-- expect: 15	
-- expect: 	next
f:close()
-- At most 200 characters: a longer numeral fails.
local digits = "1"
for _ = 1, 199 do digits = digits .. "0" end
f = with(digits .. " " .. digits .. "0")
print(f:read("n") == 1e199, f:read("n"))
-- expect: true	nil
f:close()
local zeros = "0."
for _ = 1, 197 do zeros = zeros .. "0" end
f = with(zeros .. "5")
print(f:read("n"))
-- expect: 5e-198
f:close()

-- io.read reads the default input (stdin is empty here).
print(io.read())
-- expect: nil
print(io.read("a") == "", io.read("n"), io.read(0), io.read(5))
-- expect: true	nil	nil	nil
-- Switch the default input to the file.
f = with("first\nsecond\n3 4")
local old = io.input()
io.input(f)
print(io.input() == f, io.read(), io.read("L"), io.read("n", "n"))
-- expect: true	first	second
-- expect: 	3	4
io.input(old)
f:close()
print(io.input() == io.stdin)
-- expect: true

os.remove(name)
