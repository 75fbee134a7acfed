-- Generational mode: objects that survived a collection are old and minor collections do not
-- trace them again, so every store of a young object into an old one must be seen by the
-- barriers. Old tables, closures, upvalues, coroutines, metatables and weak tables get young
-- values between collections; checksums prove that nothing reachable was freed.
print(collectgarbage("incremental"))
print(collectgarbage("generational", 5, 50))  -- frequent minor collections
print(collectgarbage("generational"))
-- expect: generational
-- expect: incremental
-- expect: generational

local function churn(n)  -- young garbage, so that minor collections keep coming
  local t
  for i = 1, n do t = {i, tostring(i)} end
  return t
end

-- an old table filled with young tables, some replaced later
local old = {}
for i = 1, 3000 do old[i] = {i} end
collectgarbage()  -- everything above is old now
for round = 1, 20 do
  for i = round, 3000, 20 do old[i] = {i * 2, tostring(i)} end
  churn(2000)
end
local sum = 0
for i = 1, 3000 do sum = sum + old[i][1] end
print("old table", sum)
-- expect: old table	9003000

-- old closures' upvalues get young values
local setters, getters = {}, {}
for i = 1, 100 do
  local v
  setters[i] = function(x) v = x end
  getters[i] = function() return v end
end
collectgarbage()
for i = 1, 100 do
  setters[i]({n = i})
  churn(300)
end
sum = 0
for i = 1, 100 do sum = sum + getters[i]().n end
print("upvalues", sum)
-- expect: upvalues	5050

-- an old coroutine keeps young values on its stack across minor collections
local co = coroutine.wrap(function()
  local acc = {}
  for i = 1, 50 do
    acc[#acc + 1] = {i}
    coroutine.yield()
  end
  local s = 0
  for _, t in ipairs(acc) do s = s + t[1] end
  return s
end)
co()
collectgarbage()
local result
for _ = 1, 50 do result = co(); churn(500) end
print("coroutine", result)
-- expect: coroutine	1275

-- metatables set on old objects, with young __index tables
local objs = {}
for i = 1, 200 do objs[i] = {} end
collectgarbage()
for i = 1, 200 do
  setmetatable(objs[i], {__index = {value = i}})
  churn(100)
end
sum = 0
for i = 1, 200 do sum = sum + objs[i].value end
print("metatables", sum)
-- expect: metatables	20100

-- an old weak-valued cache: young values only it holds go; strongly held ones stay
local cache = setmetatable({}, {__mode = "v"})
local keep = {}
collectgarbage()
for i = 1, 100 do
  local v = {i}
  cache[i] = v
  if i % 2 == 0 then keep[#keep + 1] = v end
end
collectgarbage()
local n, s = 0, 0
for _, v in pairs(cache) do n = n + 1; s = s + v[1] end
print("weak cache", n, s)
-- expect: weak cache	50	2550

-- ephemerons: values reachable only through their dead keys go with them
local eph = setmetatable({}, {__mode = "k"})
local live_keys = {}
for i = 1, 20 do
  local k = {}
  eph[k] = {k}  -- the value refers to its key
  if i <= 5 then live_keys[i] = k end
end
collectgarbage()
n = 0
for _ in pairs(eph) do n = n + 1 end
print("ephemerons", n)
-- expect: ephemerons	5

-- finalizers of young objects run, once, newest first (among those collected in the same
-- cycle: the collector is stopped while they are made, so that they all die in one)
local order = {}
collectgarbage("stop")
for i = 1, 3 do setmetatable({}, {__gc = function() order[#order + 1] = i end}) end
collectgarbage("restart")
collectgarbage()
print("finalized", table.concat(order, " "))
-- expect: finalized	3 2 1

-- switching modes in the middle of work keeps everything reachable
local list = {}
for i = 1, 2000 do
  list[i] = {i}
  if i % 500 == 0 then
    collectgarbage(i % 1000 == 0 and "generational" or "incremental")
  end
  if i % 100 == 0 then collectgarbage("step", 10) end
end
sum = 0
for i = 1, 2000 do sum = sum + list[i][1] end
print("switching", sum, collectgarbage("incremental"))
-- expect: switching	2001000	generational

-- memory is given back: a big young structure dropped before a collection
collectgarbage("generational")
collectgarbage()
local before = collectgarbage("count")
do
  local big = {}
  for i = 1, 100000 do big[i] = {i} end
end
collectgarbage()
print("reclaimed", collectgarbage("count") < before + 100)
-- expect: reclaimed	true
