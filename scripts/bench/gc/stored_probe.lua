-- Stored-garbage probes: short-lived objects stored into long-lived tables that overwrite
-- them soon after, the common shape of a game or server loop. A collector whose barrier marks
-- every stored object keeps all of them alive for a cycle (and, in generational mode, makes
-- them old); one that re-scans the changed tables lets them die young.
--
--   <lua> stored_probe.lua SHAPE [SCALE]
--
-- SHAPE (SCALE multiplies the sizes, default 1):
--   ring       1M live tables, then 3M stores of fresh tables into a 1000-slot ring buffer
--   entities   200K entities whose two component tables are replaced every frame (15 frames)
--   lru        an LRU cache of 20K strings in a hash part (string keys and values), 2M lookups
--              that miss and evict the oldest entry
--   bigtable   one table of 1M entries whose slots are overwritten at random, 3M times
--
-- Output: "max_pause_ms=... p99_ms=... total_s=... peak_kb=... checksum=...": the longest
-- and 99th-percentile gap between iterations of the store loop (to within one iteration's
-- work, the collector's pauses), its time, the peak of collectgarbage("count") sampled every
-- 256 iterations, and a checksum that proves the live data intact. (No full collection at
-- the end: tycho --gc-stats would count it among the pauses.)
local shape = arg and arg[1] or "ring"
local scale = tonumber(arg and arg[2]) or 1
local clock = os.clock
local floor = math.floor

-- Gaps in a log-scale histogram (2 % buckets), so that measuring allocates nothing.
local buckets = {}
for i = 0, 1000 do buckets[i] = 0 end
local log_ratio = math.log(1.02)
local max_gap, prev, peak, iterations = 0, 0, 0, 0

local function tick(i)
  local now = clock()
  local gap = now - prev
  prev = now
  if gap > max_gap then max_gap = gap end
  local us = gap * 1e6
  local b = 0
  if us > 1 then b = floor(math.log(us) / log_ratio) end
  if b > 1000 then b = 1000 end
  buckets[b] = buckets[b] + 1
  iterations = iterations + 1
  if i % 256 == 0 then
    local kb = collectgarbage("count")
    if kb > peak then peak = kb end
  end
end

local checksum = 0
local start
local shapes = {}

function shapes.ring()
  local live = {}
  for i = 1, floor(1000000 * scale) do live[i] = {i, tostring(i)} end
  local ring = {}
  start = clock(); prev = start
  for i = 1, floor(3000000 * scale) do
    ring[i % 1000 + 1] = {i, i + 1, {}}
    tick(i)
  end
  for i = 1, #live, 997 do checksum = checksum + live[i][1] end
  for i = 1, 1000 do checksum = checksum + ring[i][1] end
end

function shapes.entities()
  local n = floor(200000 * scale)
  local entities = {}
  for i = 1, n do
    entities[i] = {id = i, pos = {x = i, y = 0}, vel = {x = 1, y = 1}}
  end
  start = clock(); prev = start
  local k = 0
  for frame = 1, 15 do
    for i = 1, n do
      local e = entities[i]
      local p, v = e.pos, e.vel
      e.pos = {x = p.x + v.x, y = p.y + v.y}   -- the old component dies
      e.vel = {x = v.x, y = v.y + frame % 2}
      k = k + 1
      tick(k)
    end
  end
  for i = 1, n, 101 do checksum = checksum + entities[i].pos.x + entities[i].pos.y end
end

function shapes.lru()
  local capacity = floor(20000 * scale)
  local cache, queue = {}, {}
  local head, tail = 1, 0
  start = clock(); prev = start
  for i = 1, floor(2000000 * scale) do
    local key = "key" .. i
    local v = cache[key]
    if v == nil then
      v = string.rep("v", 16) .. i
      cache[key] = v
      tail = tail + 1
      queue[tail] = key
      if tail - head + 1 > capacity then
        cache[queue[head]] = nil           -- evict the oldest
        queue[head] = nil
        head = head + 1
      end
    end
    checksum = (checksum + #v) % 1000000007
    tick(i)
  end
end

function shapes.bigtable()
  local n = floor(1000000 * scale)
  local big = {}
  for i = 1, n do big[i] = {i} end
  local seed = 12345
  start = clock(); prev = start
  for i = 1, floor(3000000 * scale) do
    seed = (seed * 1103515245 + 12345) % 2147483648
    local j = seed % n + 1
    big[j] = {j, i}
    tick(i)
  end
  for i = 1, n, 997 do checksum = checksum + big[i][1] end
end

local run = shapes[shape]
if not run then error("unknown shape '" .. tostring(shape) .. "'") end
run()
local total = clock() - start
local target = iterations * 0.99
local acc, p99 = 0, 0
for b = 0, 1000 do
  acc = acc + buckets[b]
  if acc >= target then p99 = 1.02 ^ (b + 1) / 1000; break end
end
print(string.format("max_pause_ms=%.3f p99_ms=%.4f total_s=%.2f peak_kb=%.0f checksum=%d",
                    max_gap * 1000, p99, total, peak, checksum))
