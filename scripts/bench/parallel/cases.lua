-- The parallel library's benchmark cases; run.sh runs each as its own process and times it.
--   tycho cases.lua <case> [threads] [scale]
-- Prints one line: the case's own figures (operations done, checks), never timings.
local parallel = require "parallel"
local case, threads, scale = arg[1], tonumber(arg[2] or 1), tonumber(arg[3] or 1)

local function keys(n)
  local t = {}
  for k = 1, n do t["k" .. k] = k end
  return t
end

-- s = s + t["k" .. k] over 1000 keys, `rounds` times: the effil anchor's loop.
local function read_loop(t, rounds)
  local s = 0
  for _ = 1, rounds do
    for k = 1, 1000 do s = s + t["k" .. k] end
  end
  return s
end

local rounds = math.floor(2000 * scale)

if case == "reads_plain" then
  print(read_loop(keys(1000), rounds), rounds * 1000)
elseif case == "reads_shared" then
  local st = parallel.table(keys(1000))
  if threads == 0 then  -- in the main VM, no spawn
    print(read_loop(st, rounds), rounds * 1000)
  else
    local hs = {}
    for i = 1, threads do hs[i] = parallel.spawn(read_loop, st, rounds) end
    local s = 0
    for i = 1, threads do
      local ok, v = hs[i]:join()
      assert(ok, v)
      s = s + v
    end
    print(s, threads * rounds * 1000)
  end
elseif case == "channel" then
  local n = math.floor(2000000 * scale)
  local ch = parallel.channel(1024)
  local producer = parallel.spawn(function(ch, n)
    for i = 1, n do ch:send(i) end
    ch:close()
  end, ch, n)
  local s, count = 0, 0
  while true do
    local v = ch:receive()
    if v == nil then break end
    s, count = s + v, count + 1
  end
  assert(producer:join())
  assert(count == n and s == n * (n + 1) // 2)
  print(count)
elseif case == "increment" then
  local n = math.floor(1000000 * scale)
  local c = parallel.table()
  local hs = {}
  for i = 1, threads do
    hs[i] = parallel.spawn(function(c, n)
      local inc = require("parallel").increment
      for _ = 1, n do inc(c, "n") end
    end, c, n)
  end
  for i = 1, threads do assert(hs[i]:join()) end
  print(c.n, threads * n, c.n == threads * n and "none lost" or "LOST")
elseif case == "spawn" then
  local n = math.floor(20000 * scale)
  local f = function() end
  for _ = 1, n do assert(parallel.spawn(f):join()) end
  print(n)
elseif case == "functions" then
  -- a function of some size (a nested function, 40 constants) sent through a channel and
  -- received in the same VM, then called: what a receiver pays to get a function
  local n = math.floor(20000 * scale)
  local ch = parallel.channel()
  local function f(x)
    local names = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
                   "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi"}
    local function weigh(s) return #s * 1.5 + x end
    local total = 0
    for i = 1, #names do total = total + weigh(names[i]) end
    if x > 100 then total = total + 1000.25 elseif x > 50 then total = total - 7 end
    return total, string.format("%s:%d:%s", "sum", x, names[x % #names + 1])
  end
  local sum = 0
  for i = 1, n do
    ch:send(f)
    sum = sum + ch:receive()(i % 64)
  end
  print(n, sum)
elseif case == "garbage" then
  -- two threads replace string values in one shared table; the most retired-but-unfreed
  -- memory seen (parallel.stats().retired) is the figure
  local n = math.floor(5000000 * scale)
  local st = parallel.table()
  local hs = {}
  for i = 1, threads do
    hs[i] = parallel.spawn(function(st, n, i)
      local p = require "parallel"
      local most = 0
      for j = 1, n do
        st[j % 64] = "value " .. j
        if j % 4096 == 0 then
          local r = p.stats().retired
          if r > most then most = r end
        end
      end
      return most
    end, st, n, i)
  end
  local most = 0
  for i = 1, threads do
    local ok, m = hs[i]:join()
    assert(ok, m)
    if m > most then most = m end
  end
  print(threads * n, most)
elseif case == "soak" then
  -- `scale` seconds of spawning, sending and sharing; RSS (from /proc) after the first second
  -- and at the end, in KiB: flat means nothing accumulates
  local function rss()
    local f = io.open("/proc/self/statm")
    if not f then return 0 end
    local pages = f:read("n") and f:read("n")
    f:close()
    return (pages or 0) * 4
  end
  local seconds = math.max(2, math.floor(scale))
  local start, first, rounds = os.time(), nil, 0
  local st = parallel.table()
  while os.time() - start < seconds do
    local ch = parallel.channel(16)
    local hs = {}
    for i = 1, 2 do
      hs[i] = parallel.spawn(function(st, ch, i)
        for j = 1, 2000 do
          st[j % 100] = {i, j, "text " .. j}
          st["t" .. (j % 10)] = parallel.table{j}
          ch:send(j, {j})
        end
      end, st, ch, i)
    end
    for _ = 1, 4000 do ch:receive() end
    for i = 1, 2 do assert(hs[i]:join()) end
    rounds = rounds + 1
    if not first and os.time() - start >= 1 then first = rss() end
  end
  collectgarbage()
  print(rounds, first or rss(), rss(), parallel.stats().objects, parallel.stats().retired)
else
  error("unknown case " .. tostring(case))
end
