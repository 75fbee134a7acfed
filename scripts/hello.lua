-- A small tour: closures, metatables, coroutines and integer/float arithmetic.
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point.__add(a, b) return Point.new(a.x + b.x, a.y + b.y) end
function Point:__tostring() return "(" .. self.x .. ", " .. self.y .. ")" end

print("hello from " .. _VERSION .. " on tycho")
print(Point.new(1, 2) + Point.new(3, 4.5))

local gen = coroutine.wrap(function()
  local a, b = 0, 1
  while true do coroutine.yield(a); a, b = b, a + b end
end)
local fibs = {}
for i = 1, 10 do fibs[#fibs + 1] = gen() end
print("fib:", table and table.concat and table.concat(fibs, " ") or (fibs[1] .. " .. " .. fibs[10]))
print(7 // 2, 7 / 2, 2^53, math and math.maxinteger or 9223372036854775807)
