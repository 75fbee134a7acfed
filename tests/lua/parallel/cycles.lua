-- Cycles of shared tables and channels are freed (parallel.collect, and by themselves as the
-- store grows); what is still reachable is never touched, also while threads write.
-- no-diff: the parallel library is tycho's own
-- gc-timing: counts objects that the collector frees
local parallel = require "parallel"
collectgarbage()
parallel.collect()
local base = parallel.stats().objects

do
  local a = parallel.table{name = "a"}
  local b = parallel.table{name = "b"}
  a.other, b.other = b, a                      -- two tables that hold each other
  local s = parallel.table()
  s.self = s                                   -- a table that holds itself
  local ch = parallel.channel()
  local t = parallel.table{ch = ch}
  ch:send(t)                                   -- through a channel's queue
  local f = parallel.freeze({x = 1})           -- no cycle: counting frees it
  local deep = parallel.table{}
  deep.list = {1, 2, deep}                     -- through a copied plain table (a packet)
  local fz = {}
  fz.self = fz
  local frozen_cycle = parallel.freeze(fz)     -- a frozen table that holds itself
end
local kept = parallel.table{name = "kept"}
kept.self = kept
kept.friend = parallel.table{back = kept}
collectgarbage()
collectgarbage()
print(parallel.stats().objects - base)
print(parallel.collect())
print(parallel.stats().objects - base, kept.self == kept, kept.friend.back.name)
print(parallel.collect())

-- cycles made by threads are collected by themselves as the store grows
local h = parallel.spawn(function()
  local p = require "parallel"
  for i = 1, 5000 do
    local x = p.table()
    x.me = x
  end
end)
assert(h:join())
collectgarbage()
print(parallel.stats().objects - base < 2100)

-- while a thread rewires live tables and makes garbage cycles, collections free only garbage
local live = parallel.table{n = 0}
live.ring = parallel.table{}
live.ring.next = live
local writer = parallel.spawn(function(live)
  local p = require "parallel"
  for i = 1, 3000 do
    local node = p.table{i = i}
    node.back = live
    live.ring.next = node                      -- the old node becomes a garbage cycle
    node.next = live
    p.increment(live, "n")
  end
  return live.ring.next.i
end, live)
local runs = 0
while writer:status() == "running" do
  parallel.collect()
  runs = runs + 1
  local next = live.ring.next  -- read once: the writer changes it
  assert(next == live or next.back == live)
end
print(writer:join())
print(live.n, live.ring.next.i, live.ring.next.back == live, runs > 0)
-- with every handle gone (the threads' handles hold their results), nothing is left
live, kept, writer, h = nil, nil, nil, nil
collectgarbage()
collectgarbage()
parallel.collect()
print(parallel.stats().objects - base)
-- expect: 11
-- expect: 7
-- expect: 2	true	kept
-- expect: 0
-- expect: true
-- expect: true	3000
-- expect: 3000	3000	true	true
-- expect: 0
