-- Coroutines: generator pipelines built from coroutine.wrap (source -> filter -> map
-- -> consumer), a producer/consumer pair passing values both ways through
-- coroutine.resume/yield, a recursive permutation generator, and the concurrent prime
-- sieve (a chain of filter coroutines, one per prime). Coroutine creation, switches,
-- yields across nested Lua calls, and varargs through resume/yield.
local yield, wrap, create, resume, status =
  coroutine.yield, coroutine.wrap, coroutine.create, coroutine.resume, coroutine.status

local checksum = 0
local function add(n) checksum = (checksum + n) % 1000000007 end

-- 1. generator pipelines
local function range(n)
  return wrap(function() for i = 1, n do yield(i) end end)
end
local function filter(pred, gen)
  return wrap(function()
    for x in gen do
      if pred(x) then yield(x) end
    end
  end)
end
local function map(f, gen)
  return wrap(function()
    for x in gen do yield(f(x)) end
  end)
end

for round = 1, 30 do
  local pipeline = map(function(x) return x * 3 + round end,
    filter(function(x) return x % 3 ~= 0 end,
      map(function(x) return x + 1 end, range(30000))))
  local sum = 0
  for x in pipeline do sum = sum + x end
  add(sum)
end

-- 2. producer/consumer: the consumer resumes the producer, which yields items and
-- receives acknowledgements back
local function producer(n)
  return create(function(ack)
    local acked = 0
    for i = 1, n do
      local a, b = yield(i, i * 2)
      acked = acked + a + b + (ack or 0)
    end
    return "done", acked
  end)
end

for round = 1, 60 do
  local p = producer(10000)
  local total = 0
  local ok, x, y = resume(p, round)
  while status(p) ~= "dead" do
    total = total + x + y
    ok, x, y = resume(p, x % 7, 1)
  end
  if not ok or x ~= "done" then error("producer failed") end
  add(total + y)
end

-- 3. permutations by a recursive generator (yields from deep inside the recursion)
local function permgen(a, n)
  if n <= 1 then
    yield(a)
  else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local function permutations(a)
  return wrap(function() permgen(a, #a) end)
end

for round = 1, 8 do
  local count, h = 0, 0
  for p in permutations({ 1, 2, 3, 4, 5, 6, 7, 8 }) do
    count = count + 1
    h = (h * 3 + p[1] * 8 + p[8] + round) % 1000000007
  end
  add(count + h)
end

-- 4. the concurrent prime sieve: each prime found adds a filter coroutine to the chain
local function numbers_from(n)
  return wrap(function()
    while true do
      yield(n)
      n = n + 1
    end
  end)
end
local function sieve_filter(p, gen)
  return wrap(function()
    while true do
      local x = gen()
      if x % p ~= 0 then yield(x) end
    end
  end)
end

-- (Lua 5.4 limits nested resumes to about 200, so the chain stays at 150 filters)
local primes, psum = 0, 0
for _ = 1, 20 do
  local gen = numbers_from(2)
  for _ = 1, 150 do
    local p = gen()
    primes = primes + 1
    psum = psum + p
    gen = sieve_filter(p, gen)
  end
end
add(psum)
print(primes, psum, checksum)
