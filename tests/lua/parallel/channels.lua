-- Channels: order, capacity, timeouts, close, select, and what a message can carry.
-- no-diff: the parallel library is tycho's own
local parallel = require "parallel"

local ch = parallel.channel()
print(type(ch), tostring(ch):match("^parallel.channel: ") ~= nil)
ch:send(1, "two", nil, {3}, true)
local a, b, c, d, e = ch:receive()
print(a, b, c, d[1], e)
ch:send()
print(select("#", ch:receive()))
print(ch:receive(0))
print(ch:receive(0.01))
print(pcall(parallel.channel, -1))

-- FIFO between two threads
local producer = parallel.spawn(function(ch)
  for i = 1, 1000 do ch:send(i) end
  ch:close()
end, ch)
local sum, last, inorder = 0, 0, true
while true do
  local v, why = ch:receive()
  if v == nil then print("end:", why) break end
  if v ~= last + 1 then inorder = false end
  last, sum = v, sum + v
end
print(sum, inorder, producer:join())
print(pcall(ch.send, ch, 1))
print(ch:receive())

-- a bounded channel blocks its sender until there is room
local bounded = parallel.channel(2)
local sender = parallel.spawn(function(ch)
  for i = 1, 5 do ch:send(i) end
  return "sent"
end, bounded)
print(sender:wait(0.05))
local got = {}
for i = 1, 5 do got[#got + 1] = bounded:receive() end
print(table.concat(got, ","), sender:join())

-- close wakes a receiver that waits
local idle = parallel.channel()
local waiter = parallel.spawn(function(ch) return ch:receive() end, idle)
print(waiter:wait(0.02))
idle:close()
print(waiter:join())

-- messages: deep copies (cycles too), shared objects by reference, channels through channels
local msg = {list = {1, 2}, sub = parallel.table{v = 1}}
msg.self = msg
local reply = parallel.channel()
local fresh = parallel.channel()
ch = parallel.channel()
local echo = parallel.spawn(function(ch, reply)
  local m = ch:receive()
  m.sub.v = 2
  reply:send(m.self == m, #m.list, m.sub.v)
  local back = ch:receive()
  back:send("via a sent channel")
end, ch, reply)
ch:send(msg)
print(reply:receive())
print(msg.sub.v)
ch:send(fresh)
print(fresh:receive())
echo:join()
print(pcall(ch.send, ch, io.stdout))
print(pcall(ch.send, ch, 1, coroutine.create(print)))

-- select
local c1, c2 = parallel.channel(), parallel.channel()
print(parallel.select({c1, c2}, 0.01))
c2:send("second")
local which, v = parallel.select({c1, c2})
print(which == c2, v)
local late = parallel.spawn(function(c1) c1:send("later") end, c1)
which, v = parallel.select({c1, c2}, 5)
print(which == c1, v)
late:join()
c1:close()
print(select(2, parallel.select({c1, c2})))
print(pcall(parallel.select, {1}))
-- many producers and consumers on a small bounded channel: every message arrives once
local jobs, results = parallel.channel(8), parallel.channel()
local producers, consumers = {}, {}
for p = 1, 4 do
  producers[p] = parallel.spawn(function(jobs, p)
    for i = 1, 5000 do jobs:send(p * 100000 + i, "payload") end
  end, jobs, p)
end
for k = 1, 2 do
  consumers[k] = parallel.spawn(function(jobs, results)
    local n, sum = 0, 0
    while true do
      local v, tag = jobs:receive()
      if v == nil then break end
      assert(tag == "payload")
      n, sum = n + 1, sum + v
    end
    results:send(n, sum)
  end, jobs, results)
end
for p = 1, 4 do assert(producers[p]:join()) end
jobs:close()
local n, sum = 0, 0
for k = 1, 2 do
  local cn, cs = results:receive()
  n, sum = n + cn, sum + cs
  assert(consumers[k]:join())
end
local expect = 0
for p = 1, 4 do for i = 1, 5000 do expect = expect + p * 100000 + i end end
print(n, sum == expect)
-- expect: userdata	true
-- expect: 1	two	nil	3	true
-- expect: 0
-- expect: nil	timeout
-- expect: nil	timeout
-- expect: false	bad argument #1 to 'parallel.channel' (capacity must not be negative)
-- expect: end:	closed
-- expect: 500500	true	true
-- expect: false	channel is closed
-- expect: nil	closed
-- expect: running
-- expect: 1,2,3,4,5	true	sent
-- expect: running
-- expect: true	nil	closed
-- expect: true	2	2
-- expect: 2
-- expect: via a sent channel
-- expect: false	cannot send value #1 (a userdata)
-- expect: false	cannot send value #2 (a thread)
-- expect: nil	timeout
-- expect: true	second
-- expect: true	later
-- expect: nil	closed
-- expect: false	bad argument #1 to 'select' (channel expected at index 1)
-- expect: 20000	true
