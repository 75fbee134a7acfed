-- Comparisons between integers and floats are exact, not through conversion.

local max = 9223372036854775807
local min = -max - 1
local two53 = 2 ^ 53
print(1 == 1.0, 1 < 1.5, 2 > 1.5, -1 < -0.5, 0 == -0.0)
-- expect: true	true	true	true	true
print(9007199254740993 == two53 + 1, 9007199254740993 > two53, 9007199254740993 < two53 + 2)
-- expect: false	true	true
print(9007199254740992 == two53, 9007199254740992 <= two53, 9007199254740992 >= two53)
-- expect: true	true	true
print(max == 2 ^ 63, max < 2 ^ 63, max + 0.0 == 2 ^ 63, max <= 2 ^ 63)
-- expect: false	true	true	true
print(min == -2 ^ 63, min < -2 ^ 63, min <= -2 ^ 63, min > -2 ^ 63 - 1e5)
-- expect: true	false	true	true
print(max < 1 / 0, min > -1 / 0, max > 9.2233720368547748e18)
-- expect: true	true	true
print(max - 1 < 9.2233720368547758e18, 1 < 1.0000000000000002)
-- expect: true	true

-- NaN is unordered and unequal to everything, itself included
local nan = 0 / 0
print(nan == nan, nan ~= nan, nan < nan, nan <= nan, nan > 1, nan < 1, 1 <= nan)
-- expect: false	true	false	false	false	false	false
print(nan == 1, max < nan, min > nan)
-- expect: false	false	false
local t = { nan }
print(t[1] == t[1], rawequal(nan, nan))
-- expect: false	false

-- strings compare lexicographically by bytes
print("a" < "b", "b" < "a", "a" <= "a", "abc" < "abcd", "abd" > "abcd", "" <= "")
-- expect: true	false	true	true	true	true
print("A" < "a", "1" < "a", "10" < "2", " " < "!")
-- expect: true	true	true	true

-- errors comparing different types
print(pcall(function() return 1 < "2" end))
-- expect: false	compare.lua:38: attempt to compare number with string
print(pcall(function() return "2" > 1 end))
-- expect: false	compare.lua:40: attempt to compare number with string
print(pcall(function() return {} < {} end))
-- expect: false	compare.lua:42: attempt to compare two table values
print(pcall(function() return nil < 1 end))
-- expect: false	compare.lua:44: attempt to compare nil with number
print(pcall(function() return 1 <= nil end))
-- expect: false	compare.lua:46: attempt to compare number with nil
print(pcall(function() return true < false end))
-- expect: false	compare.lua:48: attempt to compare two boolean values
print(pcall(function() local f = function() end; return f >= 1 end))
-- expect: false	compare.lua:50: attempt to compare number with function

-- equality never errors and is false across types
print(1 == "1", nil == false, {} == {}, print == print, "a" == "a")
-- expect: false	false	false	true	true

-- ~= is not (==)
print(1 ~= 1.0, "x" ~= "y", nil ~= false)
-- expect: false	true	true
