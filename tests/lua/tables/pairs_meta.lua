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

-- a table without __pairs uses next
local plain = setmetatable({ 1 }, {})
for k, v in pairs(plain) do print("plain", k, v) end
-- expect: plain	1	1

-- errors
print(pcall(pairs))
-- expect: false	bad argument #1 to 'pairs' (value expected)
-- pairs itself accepts any value; the iteration (next) rejects non-tables
print(select("#", pairs(nil)), select(2, pairs(42)))
-- expect: 3	42	nil
print(pcall(function() for _ in pairs(nil) do end end))
-- expect: false	pairs_meta.lua:49: bad argument #1 to 'for iterator' (table expected, got nil)
print(pcall(function() for _ in pairs(42) do end end))
-- expect: false	pairs_meta.lua:51: bad argument #1 to 'for iterator' (table expected, got number)
print(pcall(function() for _ in pairs("str") do end end))
-- expect: false	pairs_meta.lua:53: bad argument #1 to 'for iterator' (table expected, got string)
print(pcall(pairs, setmetatable({}, { __pairs = function() error("in __pairs") end })))
-- expect: false	pairs_meta.lua:55: in __pairs
