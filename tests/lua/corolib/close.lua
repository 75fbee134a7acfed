-- coroutine.close: closing suspended and dead coroutines, pending to-be-closed variables.

local function res(name, fail)
  return setmetatable({}, { __close = function(_, err)
    print("close", name, err)
    if fail then error(name .. " failed", 0) end
  end })
end

-- closing a suspended coroutine runs its pending __close handlers
local co = coroutine.create(function()
  local a <close> = res("a")
  local b <close> = res("b")
  coroutine.yield("suspended")
  print("never reached")
end)
print(coroutine.resume(co))
-- expect: true	suspended
print(coroutine.close(co), coroutine.status(co))
-- expect: close	b	nil
-- expect: close	a	nil
-- expect: true	dead
print(coroutine.resume(co))
-- expect: false	cannot resume dead coroutine

-- closing a coroutine that was never started, or is dead
print(coroutine.close(coroutine.create(print)))
-- expect: true
local finished = coroutine.create(function() return 1 end)
coroutine.resume(finished)
print(coroutine.close(finished))
-- expect: true

-- a coroutine that died with an error: close returns false and the error
local failed = coroutine.create(function() error("died", 0) end)
print(coroutine.resume(failed))
-- expect: false	died
print(coroutine.close(failed))
-- expect: false	died
print(coroutine.close(failed))
-- expect: true

-- an error in a __close handler while closing
local co2 = coroutine.create(function()
  local x <close> = res("x", true)
  local y <close> = res("y")
  coroutine.yield()
end)
coroutine.resume(co2)
print(coroutine.close(co2))
-- expect: close	y	nil
-- expect: close	x	nil
-- expect: false	x failed
print(coroutine.status(co2))
-- expect: dead

-- closing a running or normal coroutine is an error
local co3
co3 = coroutine.create(function()
  print(pcall(coroutine.close, co3))
  local inner = coroutine.create(function()
    print(pcall(coroutine.close, co3))
  end)
  coroutine.resume(inner)
end)
coroutine.resume(co3)
-- expect: false	cannot close a running coroutine
-- expect: false	cannot close a normal coroutine
print(pcall(coroutine.close, (coroutine.running())))
-- expect: false	cannot close a running coroutine

-- to-be-closed variables are closed when a coroutine body ends by error
local co4 = coroutine.create(function()
  local z <close> = res("z")
  coroutine.yield()
  error("after resume", 0)
end)
coroutine.resume(co4)
print(coroutine.resume(co4))
-- expect: false	after resume

-- wrap: closing via the coroutine object is not possible, but tbc vars close at the end
local gen = coroutine.wrap(function()
  local w <close> = res("w")
  coroutine.yield(1)
  return 2
end)
print(gen(), gen())
-- expect: close	w	nil
-- expect: 1	2
