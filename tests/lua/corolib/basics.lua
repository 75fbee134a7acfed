-- create/resume/yield/status/running/isyieldable, values both ways.

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "done", 99
end)
print(coroutine.status(co))
-- expect: suspended
print(coroutine.resume(co, 1, 2))
-- expect: start	1	2
-- expect: true	3
print(coroutine.status(co))
-- expect: suspended
print(coroutine.resume(co, 10))
-- expect: got	10
-- expect: true	20
print(coroutine.resume(co, "x", "y"))
-- expect: got	x	y
-- expect: true	done	99
print(coroutine.status(co))
-- expect: dead
print(coroutine.resume(co))
-- expect: false	cannot resume dead coroutine
local main, ismain = coroutine.running()
print(type(main), ismain, coroutine.isyieldable())
-- expect: thread	true	false
coroutine.wrap(function()
  local c, m = coroutine.running()
  print(type(c), m, coroutine.isyieldable(), coroutine.status(c), coroutine.status(main))
end)()
-- expect: thread	false	true	running	normal
print(pcall(coroutine.create, 1))
-- expect: false	bad argument #1 to 'coroutine.create' (function expected, got number)
print(pcall(coroutine.resume, 1))
-- expect: false	bad argument #1 to 'coroutine.resume' (thread expected, got number)
print(pcall(coroutine.status, nil))
-- expect: false	bad argument #1 to 'coroutine.status' (thread expected, got nil)
print(pcall(coroutine.yield, 1))
-- expect: false	attempt to yield from outside a coroutine
print(coroutine.isyieldable(coroutine.create(print)))
-- expect: true
-- resume a running coroutine
local co2
co2 = coroutine.create(function() return coroutine.resume(co2) end)
print(coroutine.resume(co2))
-- expect: true	false	cannot resume non-suspended coroutine
-- yields across pcall
local co3 = coroutine.create(function()
  local ok, v = pcall(function() local x = coroutine.yield(1); error("after " .. x) end)
  print("pcall result", ok, v)
  local ok2, v2 = pcall(coroutine.yield, 2)
  return ok2, v2
end)
print(coroutine.resume(co3))
-- expect: true	1
print(coroutine.resume(co3, "resume"))
-- expect: pcall result	false	basics.lua:53: after resume
-- expect: true	2
print(coroutine.resume(co3, "last"))
-- expect: true	true	last
print(coroutine.status(co3))
-- expect: dead
