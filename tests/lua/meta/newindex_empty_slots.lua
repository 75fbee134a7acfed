-- Stores into integer keys whose slot exists but holds nil (array slots not filled yet,
-- holes, removed keys): a plain table stores directly, a table with __newindex calls it
-- for each such key, whether the metatable came before or after the slots.

local log = {}
local mt = { __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v); rawset(t, k, v) end }

-- array part sized by a constructor, then emptied: every store is a new key
local t = { 1, 2, 3, 4, 5, 6, 7, 8 }
for i = 1, 8 do t[i] = nil end
setmetatable(t, mt)
t[3] = "c"      -- SETI
local k = 5
t[k] = "e"      -- SETTABLE, integer key
t[3] = "C"      -- present now: no __newindex
print(table.concat(log, " "), t[3], t[5])
-- expect: 3=c 5=e	C	e

-- the same table without the metatable takes the stores directly
setmetatable(t, nil)
t[1], t[2] = "a", "b"
t[4] = false
print(t[1], t[2], t[4], #log)
-- expect: a	b	false	2

-- holes inside a grown array, then __newindex that refuses
local r = {}
for i = 1, 100 do r[i] = i end
for i = 10, 90, 10 do r[i] = nil end
setmetatable(r, { __newindex = function(_, key) error("no store at " .. key) end })
print(pcall(function() r[50] = 1 end))
-- expect: false	newindex_empty_slots.lua:30: no store at 50
r[51] = "kept"  -- present: stored without __newindex
print(r[50], r[51])
-- expect: nil	kept

-- __newindex as a table: the store goes there
local sink = {}
local s = setmetatable({ nil, nil, nil, 4 }, { __newindex = sink })
s[2] = "two"
print(rawget(s, 2), sink[2])
-- expect: nil	two

-- a removed key in the hash part (a float-normalized integer key)
local h = { [1000] = 1 }
h[1000] = nil
setmetatable(h, mt)
log = {}
h[1000.0] = "x"
print(log[1], rawget(h, 1000))
-- expect: 1000.0=x	x

-- storing nil into an empty slot stays nil, and # still finds a border
local a = {}
for i = 1, 16 do a[i] = i end
a[16] = nil
a[16] = nil
a[8] = nil
print(a[16], a[8], #a == 7 or #a == 15)
-- expect: nil	nil	true

-- values stored into empty slots survive collections (the barrier on the store)
local big = {}
for i = 1, 64 do big[i] = nil end
for round = 1, 3 do
  collectgarbage()
  for i = 1, 64 do big[i] = { round, i } end
  for i = 1, 64, 2 do big[i] = nil end
end
collectgarbage()
local sum = 0
for i = 2, 64, 2 do sum = sum + big[i][1] + big[i][2] end
print(sum)
-- expect: 1152
