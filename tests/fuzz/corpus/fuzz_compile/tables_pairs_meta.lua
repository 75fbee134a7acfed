-- pairs with the __pairs metamethod, and pairs argument checking.

local log = {}
local t = setmetatable({}, {
  __pairs = function(self)
    local i = 0
    return function(_, k)
      i = i + 1
      if i <= 3 then return i, i * i end
    end, self, nil
  end,
})
for k, v in pairs(t) do print("pairs", k, v) end
-- expect: pairs	1	1
-- expect: pairs	2	4
-- expect: pairs	3	9

-- __pairs can return extra values; only three are used
local t2 = setmetatable({}, { __pairs = function() return next, { a = 1 }, nil, "extra" end })
for k, v in pairs(t2) do print("t2", k, v) end
-- expect: t2	a	1

-- __pairs receives the table
local got
local t3 = setmetatable({ z = 26 }, { __pairs = function(self) got = self; return next, self, nil end })
for k, v in pairs(t3) do print("t3", k, v) end
-- expect: t3	z	26
print(got == t3)
-- expect: true

-- __pairs on a protected metatable still works
local t4 = setmetatable({}, { __metatable = "locked", __pairs = function() return function() end end })
local n = 0
for _ in pairs(t4) do n = n + 1 end
print("t4", n)
-- expect: t4	0

