-- wrap (errors get the caller's position), close, errors inside coroutines.

local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
print(gen(), gen(), gen(), gen())
-- expect: 1	2	3
print(pcall(gen))
-- expect: false	cannot resume dead coroutine
local bad = coroutine.wrap(function() error("boom") end)
print(pcall(bad))
-- expect: false	wrap_close.lua:8: boom
local bad2 = coroutine.wrap(function() error({}) end)
print(type(select(2, pcall(bad2))))
-- expect: table
local bad3 = coroutine.wrap(function() error("nolevel", 0) end)
print(pcall(bad3))
-- expect: false	nolevel
print(pcall(coroutine.wrap, 1))
-- expect: false	bad argument #1 to 'coroutine.wrap' (function expected, got number)
local co = coroutine.create(function() error("inside") end)
print(coroutine.resume(co))
-- expect: false	wrap_close.lua:19: inside
print(coroutine.status(co))
-- expect: dead
print(coroutine.resume(co))
-- expect: false	cannot resume dead coroutine
print(coroutine.close(co))
-- expect: false	wrap_close.lua:19: inside
local co2 = coroutine.create(function() coroutine.yield() end)
coroutine.resume(co2)
print(coroutine.status(co2), coroutine.close(co2), coroutine.status(co2))
-- expect: suspended	true	dead
print(coroutine.close(coroutine.create(print)))
-- expect: true
print(pcall(coroutine.close, coroutine.running()))
-- expect: false	cannot close a running coroutine
-- close runs pending to-be-closed variables
local co3 = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function(_, e) print("closing", e) end})
  coroutine.yield("y")
end)
print(coroutine.resume(co3))
-- expect: true	y
print(coroutine.close(co3))
-- expect: closing	nil
-- expect: true
local co4 = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function(_, e) error("close err") end})
  coroutine.yield("y")
end)
coroutine.resume(co4)
print(coroutine.close(co4))
-- expect: false	wrap_close.lua:47: close err
-- generators
local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
local s = 0
for i in range(10) do s = s + i end
print(s)
-- expect: 55
-- yield across metamethods and iterators
local co5 = coroutine.wrap(function()
  local t = setmetatable({}, {__index = function(_, k) return coroutine.yield(k) end})
  return t.foo
end)
print(co5())
-- expect: foo
print(co5("bar"))
-- expect: bar
-- yield through nested Lua calls
local function deep(n) if n == 0 then return coroutine.yield("deep") end return deep(n - 1) end
local co6 = coroutine.wrap(function() return deep(50) end)
print(co6(), co6("back"))
-- expect: deep	back
