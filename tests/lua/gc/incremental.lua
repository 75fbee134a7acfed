-- Incremental collection: the program changes the heap between collector steps. Objects that
-- move between tables, into upvalues, coroutines and closures while marking is under way
-- must all survive; checksums prove nothing was freed early.
collectgarbage("incremental")
collectgarbage("setpause", 100)
collectgarbage("setstepmul", 100)

local function step() collectgarbage("step", 1) end

-- a list rebuilt while the collector steps, moving nodes from an old table to a new one
local old = {}
for i = 1, 2000 do old[i] = {value = i, payload = {i, tostring(i)}} end
local new = {}
for i = 1, 2000 do
  new[i] = old[i]
  old[i] = nil
  if i % 50 == 0 then step() end
end
local sum = 0
for i = 1, 2000 do sum = sum + new[i].value + new[i].payload[1] + #new[i].payload[2] end
print("moved", sum)
-- expect: moved	4008893

-- values that live only in upvalues, set between steps
local getters = {}
for i = 1, 200 do
  local hidden
  getters[i] = function() return hidden end
  step()
  hidden = {n = i * 3}
  step()
end
sum = 0
for i = 1, 200 do sum = sum + getters[i]().n end
print("upvalues", sum)
-- expect: upvalues	60300

-- closed upvalues: the value leaves the stack when the function returns
local function make(i)
  local v = {i}
  step()
  return function() return v[1] end
end
local fs = {}
for i = 1, 300 do fs[i] = make(i) end
collectgarbage()
sum = 0
for i = 1, 300 do sum = sum + fs[i]() end
print("closed", sum)
-- expect: closed	45150

-- coroutines that hold objects on their stacks across steps
local cos = {}
for i = 1, 50 do
  cos[i] = coroutine.wrap(function()
    local t = {i}
    for k = 1, 5 do
      step()
      t = {t[1] + k, t}
      coroutine.yield(t[1])
    end
    return t[1]
  end)
end
sum = 0
for round = 1, 6 do
  for i = 1, 50 do sum = sum + cos[i]() end
end
print("coroutines", sum)
-- expect: coroutines	10150

-- a table that grows (reallocating its parts) while being marked
local grow = {}
for i = 1, 20000 do
  grow[i] = {i}
  grow["k" .. i] = tostring(i)
  if i % 100 == 0 then step() end
end
sum = 0
for i = 1, 20000 do sum = sum + grow[i][1] + #grow["k" .. i] end
print("grown", sum)
-- expect: grown	200098894

-- strings built during marking and kept only in a table
local words = {}
for i = 1, 5000 do
  words[i] = ("w" .. i):rep(2)
  if i % 100 == 0 then step() end
end
local len = 0
for i = 1, 5000 do len = len + #words[i] end
print("strings", len)
-- expect: strings	47786

-- functions compiled while the collector steps
local chunks = {}
for i = 1, 100 do
  chunks[i] = load("local x = {" .. i .. ", 'c" .. i .. "'} return function() return x[1], x[2] end")()
  step()
end
sum = 0
for i = 1, 100 do
  local a, b = chunks[i]()
  sum = sum + a + #b
end
print("compiled", sum)
-- expect: compiled	5342
collectgarbage("generational")
