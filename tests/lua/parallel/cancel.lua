-- h:cancel(): a thread stops at its next instruction or while it blocks; pcall cannot catch it.
-- no-diff: the parallel library is tycho's own
local parallel = require "parallel"

local started = parallel.channel()
local spin = parallel.spawn(function(started)
  started:send(true)
  local x = 0
  while true do x = x + 1 end
end, started)
started:receive()
local t0 = os.clock()
spin:cancel()
print(spin:join())
print(spin:status())

-- pcall, xpcall and coroutines inside the thread do not stop it
local caught = parallel.table{n = 0}
local stubborn = parallel.spawn(function(started, caught)
  local parallel = require "parallel"
  started:send(true)
  while true do
    pcall(function() while true do end end)
    xpcall(function() while true do end end, function(m) return m end)
    coroutine.wrap(function() while true do end end)()
    parallel.increment(caught, "n")
  end
end, started, caught)
started:receive()
stubborn:cancel()
print(stubborn:join())
print(caught.n)

-- blocked on a channel, on select, on a join
local never = parallel.channel()
local blocked = parallel.spawn(function(started, never)
  started:send(true)
  return pcall(never.receive, never)
end, started, never)
started:receive()
blocked:cancel()
print(blocked:join())
local selecting = parallel.spawn(function(started, never)
  started:send(true)
  return require("parallel").select({never})
end, started, never)
started:receive()
selecting:cancel()
print(selecting:join())
local inner = parallel.spawn(function(never) return never:receive() end, never)
local joining = parallel.spawn(function(started, inner)
  started:send(true)
  return inner:join()
end, started, inner)
started:receive()
joining:cancel()
print(joining:join())
print(inner:status())
inner:cancel()
print(inner:join())

-- cancelling a finished thread changes nothing
local done = parallel.spawn(function() return 1 end)
print(done:join())
done:cancel()
print(done:join(), done:status())
-- the pool goes on: new threads run after cancellations
print(parallel.spawn(function() return "alive" end):join())
-- expect: false	cancelled
-- expect: cancelled
-- expect: false	cancelled
-- expect: 0
-- expect: false	cancelled
-- expect: false	cancelled
-- expect: false	cancelled
-- expect: running
-- expect: false	cancelled
-- expect: true	1
-- expect: true	done
-- expect: true	alive
