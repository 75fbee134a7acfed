-- Classic coroutine programs: producer/consumer, prime sieve, tree walk, round robin.

-- producer / filter / consumer
local function producer(n)
  return coroutine.create(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local function filter(src, pred)
  return coroutine.create(function()
    while true do
      local ok, v = coroutine.resume(src)
      if not v then return end
      if pred(v) then coroutine.yield(v) end
    end
  end)
end
local sum = 0
local f = filter(producer(100), function(x) return x % 3 == 0 end)
while true do
  local _, v = coroutine.resume(f)
  if not v then break end
  sum = sum + v
end
print("filtered sum", sum)
-- expect: filtered sum	1683

-- prime sieve with a chain of coroutines
local function gen(n)
  return coroutine.wrap(function() for i = 2, n do coroutine.yield(i) end end)
end
local function sieve_filter(p, g)
  return coroutine.wrap(function()
    for n in g do if n % p ~= 0 then coroutine.yield(n) end end
  end)
end
local primes = ""
local g = gen(60)
while true do
  local p = g()
  if p == nil then break end
  primes = primes .. p .. " "
  g = sieve_filter(p, g)
end
print(primes)
-- expect: 2 3 5 7 11 13 17 19 23 29 31 37 41 43 47 53 59 

-- in-order walk of a binary tree
local function insert(t, v)
  if not t then return { v = v } end
  if v < t.v then t.l = insert(t.l, v) else t.r = insert(t.r, v) end
  return t
end
local function walk(t)
  if t then walk(t.l); coroutine.yield(t.v); walk(t.r) end
end
local tree
for _, v in ipairs({ 50, 30, 70, 20, 40, 60, 80, 35, 65 }) do tree = insert(tree, v) end
local order = ""
for v in coroutine.wrap(function() walk(tree) end) do order = order .. v .. " " end
print(order)
-- expect: 20 30 35 40 50 60 65 70 80 

-- round-robin scheduler
local tasks, log = {}, ""
local function spawn(name, steps)
  tasks[#tasks + 1] = coroutine.create(function()
    for i = 1, steps do log = log .. name .. i .. " "; coroutine.yield() end
  end)
end
spawn("a", 3); spawn("b", 1); spawn("c", 2)
while #tasks > 0 do
  local i = 1
  while i <= #tasks do
    coroutine.resume(tasks[i])
    if coroutine.status(tasks[i]) == "dead" then
      for j = i, #tasks do tasks[j] = tasks[j + 1] end
    else
      i = i + 1
    end
  end
end
print(log)
-- expect: a1 b1 c1 a2 c2 a3 

-- many short-lived coroutines
local total = 0
for i = 1, 10000 do
  local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return a + b end)
  total = total + co(i) + co(1)
end
print("total", total)
-- expect: total	100030000

-- deep recursion inside a coroutine
local deep = coroutine.wrap(function()
  local function rec(n) if n == 0 then coroutine.yield("bottom") return 0 end return 1 + rec(n - 1) end
  return rec(5000)
end)
print(deep(), deep())
-- expect: bottom	5000
