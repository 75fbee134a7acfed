-- __eq, __lt, __le.

local calls = 0
local mt = {
  __eq = function(a, b) calls = calls + 1; return a.id == b.id end,
  __lt = function(a, b) return a.id < b.id end,
  __le = function(a, b) return a.id <= b.id end,
}
local function o(id) return setmetatable({ id = id }, mt) end
local a, b, c = o(1), o(1), o(2)
print(a == b, a ~= b, a == c, a ~= c, calls)
-- expect: true	false	false	true	4

-- __eq is not called for identical objects or different types
calls = 0
print(a == a, a == 1, a == "a", a == nil, calls)
-- expect: true	false	false	false	0

-- __eq from either operand
local plain = {}
local withEq = setmetatable({}, { __eq = function() return true end })
print(plain == withEq, withEq == plain)
-- expect: true	true

-- the result is converted to a boolean
local weird = setmetatable({}, { __eq = function() return "yes" end, __lt = function() return nil end,
  __le = function() return 0 end })
local weird2 = setmetatable({}, getmetatable(weird))
print(weird == weird2, weird < weird2, weird <= weird2)
-- expect: true	false	true

-- __lt and __le
print(a < c, c < a, a <= b, c <= a, a > c, c >= a)
-- expect: true	false	true	false	false	true

