-- Shared objects are freed when the last handle and the last reference go, within the epochs'
-- bound (gc/epoch.hpp: a thread collects what it retired every 64 KiB).
-- no-diff: the parallel library is tycho's own
-- gc-timing: counts objects that the collector frees
local parallel = require "parallel"
collectgarbage()
local base = parallel.stats()
print(type(base.objects), type(base.bytes), type(base.retired), type(base.epoch), type(base.workers))

-- 10,000 shared tables made and dropped by this VM
for i = 1, 10000 do
  local t = parallel.table{i, tostring(i)}
  t.x = {i}
end
collectgarbage()
collectgarbage()
local s = parallel.stats()
print(s.objects - base.objects < 1000, s.retired <= 256 * 1024)

-- values replaced in a table that lives on: the old ones go
local keep = parallel.table()
for i = 1, 20000 do keep[i % 10] = {i, "value " .. i} end
s = parallel.stats()
print(s.objects - base.objects < 1000, s.retired <= 256 * 1024)

-- threads and channels made and dropped
for i = 1, 200 do
  local ch = parallel.channel()
  local h = parallel.spawn(function(ch) ch:send({1, 2, 3}) end, ch)
  ch:receive()
  h:join()
end
collectgarbage()
collectgarbage()
s = parallel.stats()
print(s.objects - base.objects < 1000, s.epoch >= base.epoch)
-- expect: number	number	number	number	number
-- expect: true	true
-- expect: true	true
-- expect: true	true
