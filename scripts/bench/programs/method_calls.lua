-- Object-oriented code: metatables with __index, method calls, inheritance.
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({ x = x, y = y }, Point) end
function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
function Point:dot(o) return self.x * o.x + self.y * o.y end
function Point:scale(k) self.x = self.x * k; self.y = self.y * k; return self end

local Point3 = setmetatable({}, { __index = Point })
Point3.__index = Point3
function Point3.new(x, y, z)
  local p = Point.new(x, y)
  p.z = z
  return setmetatable(p, Point3)
end
function Point3:dot(o) return Point.dot(self, o) + self.z * o.z end

local acc = 0
local p = Point.new(1, 2)
local q = Point.new(3, 4)
for i = 1, 2000000 do
  acc = acc + p:dot(q)
  p:scale(1)
  if i % 3 == 0 then q = q:add(p):scale(0) ; q.x, q.y = 3, 4 end
end
local r = Point3.new(1, 2, 3)
local s = Point3.new(4, 5, 6)
for _ = 1, 1500000 do acc = acc + r:dot(s) end
print(acc)
