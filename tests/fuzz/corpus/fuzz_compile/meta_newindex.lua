-- __newindex: functions, tables, chains, and existing keys.

local log = {}
local t = setmetatable({}, { __newindex = function(tbl, k, v)
  log[#log + 1] = tostring(k) .. "=" .. tostring(v)
  rawset(tbl, k, v)
end })
t.a = 1
t.a = 2         -- the key exists now: no metamethod
t.b = nil       -- absent key, still calls __newindex
t[1] = "x"
print(#log, log[1], log[2], log[3], t.a)
-- expect: 3	a=1	b=nil	1=x	2

-- __newindex table: the assignment goes to that table (and its metamethods)
local store = {}
local proxy = setmetatable({}, { __newindex = store })
proxy.x = 10
print(rawget(proxy, "x"), store.x)
-- expect: nil	10

-- chain of __newindex tables
local final = {}
local mid = setmetatable({}, { __newindex = final })
local front = setmetatable({}, { __newindex = mid })
front.k = "v"
print(rawget(front, "k"), rawget(mid, "k"), final.k)
-- expect: nil	nil	v

-- read-only tables
local ro = setmetatable({}, {
  __index = { fixed = 1 },
  __newindex = function(_, k) error("attempt to modify read-only field " .. tostring(k), 2) end,
})
print(ro.fixed, pcall(function() ro.fixed = 2 end))
-- expect: 1	false	newindex.lua:35: attempt to modify read-only field fixed

