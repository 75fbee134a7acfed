-- Coroutines created, suspended, finished and dropped, with collections.

local total = 0
for i = 1, 2000 do
  local co = coroutine.create(function(a)
    local t = { a }
    local b = coroutine.yield(t[1] + 1)
    return t[1] + b
  end)
  local _, x = coroutine.resume(co, i)
  local _, y = coroutine.resume(co, 1)
  total = total + x + y
  if i % 500 == 0 then collectgarbage() end
end
print("total", total)
-- expect: total	4006000

-- suspended coroutines that are never finished are collected
local kept
for i = 1, 1000 do
  local co = coroutine.wrap(function() local big = { i }; coroutine.yield(big); return big end)
  local v = co()
  if i == 1000 then kept = co end
end
collectgarbage()
print(kept()[1])
-- expect: 1000

-- a coroutine holding the only reference to data that outlives its caller
local gen = coroutine.wrap(function()
  local data = {}
  for i = 1, 100 do data[i] = "item" .. i end
  for i = 1, 100 do coroutine.yield(data[i]) end
end)
local got = 0
for i = 1, 100 do
  if gen() == "item" .. i then got = got + 1 end
  if i % 25 == 0 then collectgarbage() end
end
print("items", got)
-- expect: items	100

