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

-- table.concat of strings and numbers stored in the table, and of values found by __index
print(table.concat({1, 2.5, "x", -0.0, 2^63, math.mininteger, 1e100, 3.0}, " "))
-- expect: 1 2.5 x -0.0 9.2233720368548e+18 -9223372036854775808 1e+100 3.0
local proxy = setmetatable({"a"}, {__index = function(_, k) return "<" .. k .. ">" end})
print(table.concat(proxy, ",", 1, 3))
-- expect: a,<2>,<3>
local holes = {"a", nil, "c"}
print(pcall(table.concat, holes))
-- expect: false	invalid value (nil) at index 2 in table for 'concat'
print(pcall(table.concat, {"a", {}, "c"}))
-- expect: false	invalid value (table) at index 2 in table for 'concat'
local big = {}
for i = 1, 1000 do big[i] = i % 3 == 0 and i or tostring(i) end
local joined = table.concat(big, "")
print(#joined, joined:sub(1, 12), joined:sub(-8))
-- expect: 2893	123456789101	89991000
