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

