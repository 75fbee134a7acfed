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

