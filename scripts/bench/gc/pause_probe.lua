-- GC pause probe: a large live heap (LIVE small tables, default one million) and a steady
-- churn of short-lived ones. The longest gap between two consecutive iterations of the churn
-- loop is, to within one iteration's work, the longest pause the collector caused; the script
-- prints it with the 99th percentile of the gaps and the total time.
--
--   <lua> pause_probe.lua [LIVE] [ITERATIONS]
--
-- Output: "max_pause_ms=... p99_ms=... total_s=... checksum=..." (checksum for correctness).
local live_count = tonumber(arg and arg[1]) or 1000000
local iterations = tonumber(arg and arg[2]) or 3000000
local clock = os.clock

local live = {}
for i = 1, live_count do live[i] = {i, i * 2} end

-- Gaps are kept in a log-scale histogram (buckets of 2 %) so that the probe itself allocates
-- nothing while it measures.
local buckets = {}
for i = 0, 1000 do buckets[i] = 0 end
local base_us = 1.0
local log_ratio = math.log(1.02)

local checksum = 0
local max_gap = 0
local prev = clock()
local start = prev
for i = 1, iterations do
  local t = {i, i + 1, i + 2}            -- garbage
  local s = live[i % live_count + 1]
  checksum = (checksum + s[1] + t[3]) % 1000000007
  if i % 64 == 0 then
    live[(i * 7) % live_count + 1] = {i, t[2]}  -- old objects die, new ones get old
  end
  local now = clock()
  local gap = now - prev
  prev = now
  if gap > max_gap then max_gap = gap end
  local us = gap * 1e6
  local b = 0
  if us > base_us then b = math.floor(math.log(us / base_us) / log_ratio) end
  if b > 1000 then b = 1000 end
  buckets[b] = buckets[b] + 1
end
local total = clock() - start

local target = iterations * 0.99
local acc, p99 = 0, 0
for b = 0, 1000 do
  acc = acc + buckets[b]
  if acc >= target then p99 = base_us * 1.02 ^ (b + 1) / 1000; break end
end
print(string.format("max_pause_ms=%.3f p99_ms=%.4f total_s=%.2f checksum=%d",
                    max_gap * 1000, p99, total, checksum))
