-- string.byte with one position (its fast path) and with ranges, at the edges of the string.
local s = "abc"
local function show(...) return select("#", ...) .. ":" .. table.concat({...}, ",") end
local out = {}
for _, i in ipairs({-5, -4, -3, -1, 0, 1, 3, 4, 100, math.mininteger, math.maxinteger}) do
  out[#out + 1] = i .. "=" .. show(s:byte(i))
end
print(table.concat(out, " "))
-- expect: -5=0: -4=0: -3=1:97 -1=1:99 0=0: 1=1:97 3=1:99 4=0: 100=0: -9223372036854775808=0: 9223372036854775807=0:
print(show(s:byte()), show(s:byte(1, -1)), show(s:byte(2, 10)), show(s:byte(-2, -1)))
-- expect: 1:97	3:97,98,99	2:98,99	2:98,99
print(show(("\255\0"):byte(1)), show(("\255\0"):byte(2)), show((""):byte(1)))
-- expect: 1:255	1:0	0:
-- a float position with an integer value, a numeric string, a number as the string
print(show(s:byte(2.0)), show(s:byte("2")), show(string.byte(123, 2)))
-- expect: 1:98	1:98	1:50
print(pcall(string.byte, s, 1.5))
-- expect: false	bad argument #2 to 'string.byte' (number has no integer representation)
print(pcall(string.byte, {}, 1))
-- expect: false	bad argument #1 to 'string.byte' (string expected, got table)

