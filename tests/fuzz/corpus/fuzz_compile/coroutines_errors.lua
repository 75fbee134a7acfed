-- Errors inside coroutines and misuse of the coroutine API.

local co = coroutine.create(function() error("inside") end)
print(coroutine.resume(co))
-- expect: false	errors.lua:3: inside
print(coroutine.status(co))
-- expect: dead
print(coroutine.resume(co))
-- expect: false	cannot resume dead coroutine

local co2 = coroutine.create(function() local t = nil; return t.x end)
print(coroutine.resume(co2))
-- expect: false	errors.lua:11: attempt to index a nil value (local 't')

-- error objects pass through resume
local obj = {}
local co3 = coroutine.create(function() error(obj) end)
local ok, e = coroutine.resume(co3)
print(ok, e == obj)
-- expect: false	true

-- an error after a yield
local co4 = coroutine.create(function(x)
  local y = coroutine.yield(x)
  error("got " .. tostring(y), 2)
end)
print(coroutine.resume(co4, 1))
-- expect: true	1
print(coroutine.resume(co4, 2))
-- expect: false	got 2

