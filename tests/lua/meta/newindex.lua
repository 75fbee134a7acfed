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

-- __newindex and __index together (a counted proxy)
local reads, writes = 0, 0
local backing = {}
local counted = setmetatable({}, {
  __index = function(_, k) reads = reads + 1; return backing[k] end,
  __newindex = function(_, k, v) writes = writes + 1; backing[k] = v end,
})
for i = 1, 10 do counted[i] = i end
local s = 0
for i = 1, 10 do s = s + counted[i] end
print(reads, writes, s)
-- expect: 10	10	55

-- assignment through __newindex with nil and NaN keys
print(pcall(function() proxy[nil] = 1 end))
-- expect: false	newindex.lua:52: table index is nil
local fnproxy = setmetatable({}, { __newindex = function(_, k, v) print("newindex got", k, v) end })
fnproxy[0 / 0 ~= 0 / 0] = "nan check"
-- expect: newindex got	true	nan check

-- loops in __newindex chains are detected
local l1, l2 = {}, {}
setmetatable(l1, { __newindex = l2 })
setmetatable(l2, { __newindex = l1 })
print(pcall(function() l1.x = 1 end))
-- expect: false	newindex.lua:62: '__newindex' chain too long; possible loop

-- assigning to a field of a non-table
print(pcall(function() local s = "str"; s.x = 1 end))
-- expect: false	newindex.lua:66: attempt to index a string value (local 's')
print(pcall(function() local n; n.x = 1 end))
-- expect: false	newindex.lua:68: attempt to index a nil value (local 'n')

-- a class that gains and loses __newindex after its objects cached its absence (SETFIELD's
-- fast path for new fields)
do
local C = {}
C.__index = C
local o = setmetatable({}, C)
o.a = 1          -- no __newindex: stored
print(rawget(o, "a"))
-- expect: 1
local log = {}
C.__newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v * 10) end
o.b = 2          -- __newindex now
o.a = 5          -- existing field: raw
print(rawget(o, "b"), rawget(o, "a"), table.concat(log, ","))
-- expect: 20	5	b
C.__newindex = nil
o.c = 3
print(rawget(o, "c"), #log)
-- expect: 3	1
local mt = {}
local p = setmetatable({}, mt)
p.x = 1
mt.__newindex = {}
p.y = 2
print(rawget(p, "y"), mt.__newindex.y)
-- expect: nil	2
end
