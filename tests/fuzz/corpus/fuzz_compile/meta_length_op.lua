-- The length operator (inline for tables without __len and for strings): a metatable that
-- gains and loses __len, errors on other types.
local t = {1, 2, 3}
local mt = {}
setmetatable(t, mt)
print(#t, #"abc", #"", #{n = 1}, #{nil, nil, 3})
-- expect: 3	3	0	0	3
mt.__len = function() return 42 end
print(#t)
-- expect: 42
mt.__len = nil
print(#t)
-- expect: 3
mt.__len = function(x) return "len" end
print(#t)
-- expect: len
print(pcall(function() return #5 end))
-- expect: false	length_op.lua:17: attempt to get length of a number value
print(pcall(function() local x = nil; return #x end))
-- expect: false	length_op.lua:19: attempt to get length of a nil value (local 'x')
local s = setmetatable({}, {__index = function() return 1 end})
print(#s)
-- expect: 0
local long = string.rep("x", 100)
print(#long, #(long .. long))
-- expect: 100	200

