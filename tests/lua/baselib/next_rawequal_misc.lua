-- Assorted base-library behaviour: type checks, next on fresh tables, rawequal.

-- next on tables with array and hash parts visits every key exactly once
local t = { 10, 20, 30, a = 1, b = 2 }
local seen, n = {}, 0
local k, v = next(t)
while k ~= nil do
  if seen[k] then print("twice", k) end
  seen[k] = true
  n = n + 1
  k, v = next(t, k)
end
print("visited", n)
-- expect: visited	5

-- rawequal between types
print(rawequal(1, "1"), rawequal({}, {}), rawequal(t, t), rawequal(nil, false))
-- expect: false	false	true	false
print(rawequal(1, 1), rawequal(2^53, 9007199254740992), rawequal("abc", "ab" .. "c"))
-- expect: true	true	true

-- rawlen on strings and tables
print(rawlen(""), rawlen("abc"), rawlen({ 1, 2, 3 }), rawlen({ n = 1 }))
-- expect: 0	3	3	0

-- getmetatable / setmetatable return values
local mt = { __index = { greeting = "hi" } }
local obj = setmetatable({}, mt)
print(obj.greeting, getmetatable(obj) == mt)
-- expect: hi	true

-- type of every value kind
local co = coroutine.create(function() end)
print(type(co), type(nil), type(2^70), type(-0))
-- expect: thread	nil	number	number

-- ipairs/pairs/next are the same function objects each time
print(ipairs({}) == ipairs({}), pairs({}) == next)
-- expect: true	true
