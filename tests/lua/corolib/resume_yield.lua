-- create, resume, yield, status: values flow both ways.

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "done", d + e
end)
print(type(co), coroutine.status(co))
-- expect: thread	suspended
print(coroutine.resume(co, 1, 2))
-- expect: start	1	2
-- expect: true	3
print(coroutine.status(co))
-- expect: suspended
print(coroutine.resume(co, 10))
-- expect: got	10
-- expect: true	20
print(coroutine.resume(co, 3, 4))
-- expect: got	3	4
-- expect: true	done	7
print(coroutine.status(co))
-- expect: dead
print(coroutine.resume(co))
-- expect: false	cannot resume dead coroutine
print(coroutine.resume(co))
-- expect: false	cannot resume dead coroutine

-- yield with no values and with many values
local co2 = coroutine.create(function(...)
  print("args", select("#", ...))
  print("resume values", select("#", coroutine.yield()))
  print("resume values", select("#", coroutine.yield(1, nil, 3, nil)))
end)
print(coroutine.resume(co2, nil, nil))
-- expect: args	2
-- expect: true
print(coroutine.resume(co2))
-- expect: resume values	0
-- expect: true	1	nil	3	nil
print(coroutine.resume(co2, nil, nil, nil))
-- expect: resume values	3
-- expect: true

-- status from inside: running, and normal for the resumer
local outer
outer = coroutine.create(function()
  local inner = coroutine.create(function()
    print("inner sees outer", coroutine.status(outer))
    print("inner sees itself", coroutine.status(coroutine.running()))
  end)
  coroutine.resume(inner)
  print("inner after", coroutine.status(inner))
  print("outer sees itself", coroutine.status(outer))
end)
coroutine.resume(outer)
-- expect: inner sees outer	normal
-- expect: inner sees itself	running
-- expect: inner after	dead
-- expect: outer sees itself	running
print("outer after", coroutine.status(outer))
-- expect: outer after	dead

-- running and isyieldable
local main, ismain = coroutine.running()
print(type(main), ismain, coroutine.isyieldable(), coroutine.status(main))
-- expect: thread	true	false	running
coroutine.wrap(function()
  local me, im = coroutine.running()
  print(type(me), im, coroutine.isyieldable(), me == main)
  print(coroutine.isyieldable(main), coroutine.isyieldable(me))
end)()
-- expect: thread	false	true	false
-- expect: false	true

-- resuming the main thread or a running coroutine
print(coroutine.resume(main))
-- expect: false	cannot resume non-suspended coroutine
local selfres
selfres = coroutine.create(function() return coroutine.resume(selfres) end)
print(coroutine.resume(selfres))
-- expect: true	false	cannot resume non-suspended coroutine

-- a coroutine that returns immediately
print(coroutine.resume(coroutine.create(function() return 1, 2, 3 end)))
-- expect: true	1	2	3
print(coroutine.resume(coroutine.create(function() end)))
-- expect: true

-- yield outside a coroutine
print(pcall(coroutine.yield, 1))
-- expect: false	attempt to yield from outside a coroutine

-- argument errors
print(pcall(coroutine.create, 1))
-- expect: false	bad argument #1 to 'coroutine.create' (function expected, got number)
print(pcall(coroutine.resume, 1))
-- expect: false	bad argument #1 to 'coroutine.resume' (thread expected, got number)
print(pcall(coroutine.status, nil))
-- expect: false	bad argument #1 to 'coroutine.status' (thread expected, got nil)
print(pcall(coroutine.resume))
-- expect: false	bad argument #1 to 'coroutine.resume' (thread expected, got no value)
