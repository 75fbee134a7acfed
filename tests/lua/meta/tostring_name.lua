-- __tostring and __name in tostring, print and error messages.

local T = setmetatable({}, { __tostring = function(self) return "custom T" end })
print(T, tostring(T))
-- expect: custom T	custom T

-- __tostring must return a string
local bad = setmetatable({}, { __tostring = function() return 42 end })
print(pcall(tostring, bad))
-- expect: true	42
print(pcall(print, bad))
-- expect: 42
-- expect: true
local bad2 = setmetatable({}, { __tostring = function() return nil end })
print(pcall(tostring, bad2))
-- expect: false	'__tostring' must return a string

-- __tostring errors propagate
local err = setmetatable({}, { __tostring = function() error("tostring failed") end })
print(pcall(tostring, err))
-- expect: false	tostring_name.lua:19: tostring failed

-- __name is used in error messages for the value's type
local named = setmetatable({}, { __name = "MyType" })
print(pcall(function() return named + 1 end))
-- expect: false	tostring_name.lua:25: attempt to perform arithmetic on a MyType value (upvalue 'named')
print(pcall(function() local x = named; return x.field.sub end))
-- expect: false	tostring_name.lua:27: attempt to index a nil value (field 'field')
print(pcall(function() local x = named; return x < 1 end))
-- expect: false	tostring_name.lua:29: attempt to compare MyType with number
print(pcall(function() return named < named end))
-- expect: false	tostring_name.lua:31: attempt to compare two MyType values
print(pcall(function() local x = named; x() end))
-- expect: false	tostring_name.lua:33: attempt to call a MyType value (local 'x')
print(pcall(setmetatable, named))
-- expect: false	bad argument #2 to 'setmetatable' (nil or table expected, got no value)
-- __name must be a string to be used
local notname = setmetatable({}, { __name = 42 })
print(pcall(function() return notname + 1 end))
-- expect: false	tostring_name.lua:39: attempt to perform arithmetic on a table value (upvalue 'notname')

-- __tostring takes precedence over __name
local both = setmetatable({}, { __name = "Named", __tostring = function() return "tostring wins" end })
print(both)
-- expect: tostring wins

-- tostring of other types
print(tostring(nil), tostring(true), tostring(false), tostring(12), tostring("s"))
-- expect: nil	true	false	12	s
print(type(tostring(print)), type(tostring({})), tostring(print) ~= tostring(tostring))
-- expect: string	string	true

-- concatenation does not use __tostring
print(pcall(function() return "x" .. T end))
-- expect: false	tostring_name.lua:54: attempt to concatenate a table value (upvalue 'T')
