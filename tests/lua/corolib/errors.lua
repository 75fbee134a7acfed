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

-- errors in nested coroutines stay in the inner one
local outer = coroutine.create(function()
  local inner = coroutine.create(function() error("inner failure", 0) end)
  local ok2, e2 = coroutine.resume(inner)
  coroutine.yield(ok2, e2)
  return "outer fine"
end)
print(coroutine.resume(outer))
-- expect: true	false	inner failure
print(coroutine.resume(outer))
-- expect: true	outer fine

-- resuming a dead coroutine and the main thread
print(coroutine.resume(co))
-- expect: false	cannot resume dead coroutine
print(coroutine.resume(coroutine.running()))
-- expect: false	cannot resume non-suspended coroutine

-- a coroutine resuming the coroutine that resumed it (status normal)
local a, b
a = coroutine.create(function() return coroutine.resume(b) end)
b = coroutine.create(function() return coroutine.resume(a) end)
print(coroutine.resume(a))
-- expect: true	true	false	cannot resume non-suspended coroutine

-- wrap errors carry the error position of the coroutine
local w = coroutine.wrap(function() error("wrap err") end)
print(pcall(w))
-- expect: false	errors.lua:58: wrap err
local w2 = coroutine.wrap(function() error("wrap err lvl0", 0) end)
print(pcall(w2))
-- expect: false	wrap err lvl0

-- yield from the main chunk
print(pcall(coroutine.yield))
-- expect: false	attempt to yield from outside a coroutine

-- pcall inside the coroutine catches the error; the coroutine continues
local co5 = coroutine.create(function()
  local ok3, e3 = pcall(error, "caught", 0)
  coroutine.yield(ok3, e3)
  return "still alive"
end)
print(coroutine.resume(co5))
-- expect: true	false	caught
print(coroutine.resume(co5))
-- expect: true	still alive

-- many coroutines erroring
local n = 0
for i = 1, 1000 do
  local c = coroutine.create(function(k) if k % 2 == 0 then error("even") end return k end)
  if not coroutine.resume(c, i) then n = n + 1 end
end
print("errors", n)
-- expect: errors	500
