-- Field and method lookups through chains of __index tables (class hierarchies), with the
-- chain changed while in use, functions and non-tables at each depth, missing __index, and
-- chains longer than the interpreter's inline walk.

local Base = {}
Base.__index = Base
function Base.new(x) return setmetatable({ x = x }, Base) end
function Base:get() return self.x end
function Base:name() return "base" end

local Derived = setmetatable({}, Base)
Derived.__index = Derived
function Derived.new(x) return setmetatable({ x = x }, Derived) end
function Derived:name() return "derived" end

local b, d = Base.new(1), Derived.new(2)
print(b:get(), b:name(), d:get(), d:name(), d.missing, b.missing)
-- expect: 1	base	2	derived	nil	nil

-- a metatable without __index, then given one: the absence is not remembered wrongly
local mt = {}
local o = setmetatable({}, mt)
print(o.f, o.g)
-- expect: nil	nil
mt.__index = { f = "found" }
print(o.f, o.g)
-- expect: found	nil
mt.__index = nil
print(o.f)
-- expect: nil
mt.__index = function(t, k) return k .. "!" end
print(o.f, o.upper)
-- expect: f!	upper!
mt.__index = "not a table"
print(pcall(function() return o.len == string.len end))
-- expect: true	true
mt.__index = 42
print(pcall(function() return o.len end))
-- expect: false	index_chain.lua:38: attempt to index a number value

-- chains of every length, up to past the inline walk; the last level holds the field
for depth = 1, 9 do
  local top = { field = depth, method = function(self) return "m" .. depth end }
  local t = top
  for _ = 1, depth do t = setmetatable({}, { __index = t }) end
  print(depth, t.field, t:method(), t.none)
end
-- expect: 1	1	m1	nil
-- expect: 2	2	m2	nil
-- expect: 3	3	m3	nil
-- expect: 4	4	m4	nil
-- expect: 5	5	m5	nil
-- expect: 6	6	m6	nil
-- expect: 7	7	m7	nil
-- expect: 8	8	m8	nil
-- expect: 9	9	m9	nil

-- a function in the middle of a chain
local leaf = setmetatable({}, { __index = setmetatable({}, {
  __index = function(_, k) return "fn:" .. k end }) })
print(leaf.a, leaf.b)
-- expect: fn:a	fn:b

-- a loop of __index tables: the error after the chain limit, as lua5.4
local l1, l2 = {}, {}
setmetatable(l1, { __index = l2 })
setmetatable(l2, { __index = l1 })
print(pcall(function() return l1.x end))
-- expect: false	index_chain.lua:68: '__index' chain too long; possible loop

-- rawget is untouched; assignments go to the object, then shadow the class
print(rawget(d, "get"), rawget(d, "x"))
-- expect: nil	2
d.name = function() return "own" end
print(d:name(), Derived.new(3):name())
-- expect: own	derived
-- a field read in a loop while the class changes under it
local hits = {}
for i = 1, 6 do
  hits[#hits + 1] = tostring(d.extra)
  if i == 2 then Base.extra = "base" end
  if i == 4 then Derived.extra = "derived" end
end
print(table.concat(hits, " "))
-- expect: nil nil base base derived derived
-- a non-string key and a long-string key through the same chain
Base[1] = "one"
local long = string.rep("k", 50)
Base[long] = "long"
print(d[1], d[long], b[1], b[long])
-- expect: one	long	one	long
