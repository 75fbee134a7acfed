-- __index: tables, functions, chains, and raw access.

local base = { a = "base a", b = "base b" }
local mid = setmetatable({ b = "mid b" }, { __index = base })
local top = setmetatable({ c = "top c" }, { __index = mid })
print(top.a, top.b, top.c, top.d)
-- expect: base a	mid b	top c	nil
print(rawget(top, "a"), rawget(mid, "b"))
-- expect: nil	mid b

-- __index function receives the table and the key
local seen
local f = setmetatable({}, { __index = function(t, k) seen = t; return "key:" .. tostring(k) end })
print(f.x, f[1], f[true], seen == f)
-- expect: key:x	key:1	key:true	true
-- not called for present keys
f.present = "yes"
print(f.present)
-- expect: yes

-- a function in the middle of a chain
local chain = setmetatable({}, { __index = setmetatable({}, { __index = function(_, k) return k .. "!" end }) })
print(chain.hello)
-- expect: hello!

-- __index returning nil and false
local nf = setmetatable({}, { __index = function(_, k) if k == "f" then return false end end })
print(nf.f, nf.other)
-- expect: false	nil

-- only the first result of the __index function is used
local multi = setmetatable({}, { __index = function() return 1, 2, 3 end })
print(multi.x)
-- expect: 1

-- __index on the metatable is looked up raw: a metatable's own metatable is not used
local mt = setmetatable({}, { __index = function() return function() return "nope" end end })
local obj = setmetatable({}, mt)
print(obj.x)
-- expect: nil

-- changing __index after setmetatable takes effect
local mt2 = {}
local o2 = setmetatable({}, mt2)
print(o2.k)
-- expect: nil
mt2.__index = { k = "late" }
print(o2.k)
-- expect: late

-- integer keys and the array part with __index
local arr = setmetatable({ 1, 2 }, { __index = function(_, i) return i * 100 end })
print(arr[1], arr[2], arr[3], arr[0], arr[-1], arr[2.0], arr[2.5])
-- expect: 1	2	300	0	-100	2	250.0

-- __index loops are detected
local loop = {}
setmetatable(loop, { __index = loop })
print(pcall(function() return loop.x end))
-- expect: false	index.lua:59: '__index' chain too long; possible loop
local l1, l2 = {}, {}
setmetatable(l1, { __index = l2 })
setmetatable(l2, { __index = l1 })
print(pcall(function() return l1.x end))
-- expect: false	index.lua:64: '__index' chain too long; possible loop

-- indexing a non-table with __index set through a table value
print(pcall(function() local n = 5; return n.x end))
-- expect: false	index.lua:68: attempt to index a number value (local 'n')

-- long __index chains within the limit
local deep = { v = "bottom" }
for _ = 1, 90 do deep = setmetatable({}, { __index = deep }) end
print(deep.v)
-- expect: bottom
