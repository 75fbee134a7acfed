-- print: separators, conversions, __tostring and __name.

print()
-- expect:
print(nil)
-- expect: nil
print(1, 2, 3)
-- expect: 1	2	3
print("a", nil, "c")
-- expect: a	nil	c
print(nil, nil)
-- expect: nil	nil
print(1.0, -0.0, 1e100, 2^63, 12)
-- expect: 1.0	-0.0	1e+100	9.2233720368548e+18	12
print(true, false)
-- expect: true	false
print("")
-- expect:
print("", "")
-- expect: 	
print("embedded\ttab", "new\nline")
-- expect: embedded	tab	new
-- expect: line
print(setmetatable({}, { __tostring = function() return "I am T" end }))
-- expect: I am T
print(setmetatable({}, { __tostring = function(t) return "x" end }), "after")
-- expect: x	after
print(pcall(print, setmetatable({}, { __tostring = function() return {} end })))
-- expect: false	'__tostring' must return a string
-- __name gives "NAME: address"; only check that the output starts with the name
local named = setmetatable({}, { __name = "Point" })
local s = tostring(named)
print(s ~= nil, #s > #"Point: ", s < "Point;", s > "Point:")
-- expect: true	true	true	true
-- print returns nothing
print(select("#", print()))
-- expect:
-- expect: 0
-- print with many arguments
print(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20)
-- expect: 1	2	3	4	5	6	7	8	9	10	11	12	13	14	15	16	17	18	19	20
