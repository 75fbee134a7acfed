-- == on tables (inline when they are the same table or neither metatable has __eq): __eq
-- called only between different tables, added to a metatable later, raising an error.
local a, b = {}, {}
print(a == a, a == b, a ~= b)
-- expect: true	false	true
local log = {}
local mt = {__eq = function(x, y) log[#log + 1] = "eq"; return true end}
local c, d = setmetatable({}, mt), setmetatable({}, mt)
print(c == d, c == c, c ~= d, #log)
-- expect: true	true	false	2
local e = setmetatable({}, {})
print(e == a, a == e, e == c, c == e, #log)
-- expect: false	false	true	true	4
getmetatable(e).__eq = function() return "yes" end
print(e == a, a == e, #log)
-- expect: true	true	4
local u = setmetatable({}, {__eq = function() error("boom") end})
print(pcall(function() return u == {} end))
-- expect: false	eq_tables.lua:17: boom
print(a == 1, a == "x", a == nil)
-- expect: false	false	false

