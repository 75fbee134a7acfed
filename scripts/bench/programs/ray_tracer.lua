-- A small ray tracer: spheres on a large "floor" sphere, two point lights, diffuse and
-- specular shading, shadow rays and mirror reflections (3 bounces). Vectors are objects
-- with a metatable (__add, __sub, __mul and methods), so it exercises float math,
-- metamethod dispatch, method calls and many short-lived small tables. The image is
-- hashed, not written.
local sqrt, floor = math.sqrt, math.floor

local Vec = {}
Vec.__index = Vec

local function vec(x, y, z) return setmetatable({ x = x, y = y, z = z }, Vec) end

function Vec.__add(a, b) return vec(a.x + b.x, a.y + b.y, a.z + b.z) end
function Vec.__sub(a, b) return vec(a.x - b.x, a.y - b.y, a.z - b.z) end
function Vec.__mul(a, k) return vec(a.x * k, a.y * k, a.z * k) end -- vector * number
function Vec.__unm(a) return vec(-a.x, -a.y, -a.z) end
function Vec:dot(b) return self.x * b.x + self.y * b.y + self.z * b.z end
function Vec:length() return sqrt(self:dot(self)) end
function Vec:normalized() return self * (1 / self:length()) end
function Vec:times(b) return vec(self.x * b.x, self.y * b.y, self.z * b.z) end -- colors

local Sphere = {}
Sphere.__index = Sphere

function Sphere.new(center, radius, color, reflect)
  return setmetatable({ center = center, radius = radius, r2 = radius * radius,
    color = color, reflect = reflect }, Sphere)
end

-- distance along the ray to the nearest hit in front of the origin, or nil
function Sphere:intersect(origin, dir)
  local oc = origin - self.center
  local b = oc:dot(dir)
  local c = oc:dot(oc) - self.r2
  local disc = b * b - c
  if disc < 0 then return nil end
  local s = sqrt(disc)
  local t = -b - s
  if t > 1e-6 then return t end
  t = -b + s
  if t > 1e-6 then return t end
  return nil
end

function Sphere:normal_at(p) return (p - self.center):normalized() end

local scene = {
  Sphere.new(vec(0, -1000, 0), 999, vec(0.6, 0.6, 0.5), 0.2), -- floor
  Sphere.new(vec(0, 0.2, 5), 1.2, vec(0.9, 0.2, 0.2), 0.4),
  Sphere.new(vec(-2.2, -0.2, 6), 0.8, vec(0.2, 0.9, 0.3), 0.3),
  Sphere.new(vec(2.1, 0.0, 6.5), 1.0, vec(0.2, 0.3, 0.9), 0.5),
  Sphere.new(vec(0.6, -0.7, 3.4), 0.3, vec(0.9, 0.9, 0.2), 0.1),
  Sphere.new(vec(-0.9, 1.6, 7.5), 0.7, vec(0.8, 0.5, 0.9), 0.6),
}
local lights = {
  { pos = vec(-5, 6, -2), color = vec(0.8, 0.8, 0.8) },
  { pos = vec(4, 4, 1), color = vec(0.4, 0.4, 0.5) },
}
local AMBIENT = 0.1
local BACKGROUND = vec(0.1, 0.15, 0.3)
local MAX_DEPTH = 3

local function nearest(origin, dir)
  local best_t, best
  for i = 1, #scene do
    local t = scene[i]:intersect(origin, dir)
    if t and (best_t == nil or t < best_t) then best_t, best = t, scene[i] end
  end
  return best, best_t
end

local function in_shadow(p, to_light, dist)
  for i = 1, #scene do
    local t = scene[i]:intersect(p, to_light)
    if t and t < dist then return true end
  end
  return false
end

local function trace(origin, dir, depth)
  local obj, t = nearest(origin, dir)
  if not obj then return BACKGROUND end
  local p = origin + dir * t
  local n = obj:normal_at(p)
  local color = obj.color * AMBIENT
  for i = 1, #lights do
    local light = lights[i]
    local l = light.pos - p
    local dist = l:length()
    l = l * (1 / dist)
    local diffuse = n:dot(l)
    if diffuse > 0 and not in_shadow(p, l, dist) then
      color = color + obj.color:times(light.color) * diffuse
      -- specular: (reflected light . view)^16 by repeated squaring
      local r = l - n * (2 * diffuse)
      local spec = r:dot(dir)
      if spec > 0 then
        spec = spec * spec; spec = spec * spec; spec = spec * spec; spec = spec * spec
        color = color + light.color * (spec * 0.5)
      end
    end
  end
  if depth < MAX_DEPTH and obj.reflect > 0 then
    local rdir = dir - n * (2 * dir:dot(n))
    local reflected = trace(p, rdir, depth + 1)
    color = color * (1 - obj.reflect) + reflected * obj.reflect
  end
  return color
end

local function channel(v)
  if v > 1 then v = 1 end
  return floor(v * 255)
end

local W, H = 224, 168
local eye = vec(0, 0.3, -1)
local hash, bright = 0, 0
for y = 0, H - 1 do
  for x = 0, W - 1 do
    local dir = vec((x - W / 2) / H, (H / 2 - y) / H, 1):normalized()
    local c = trace(eye, dir, 0)
    local r, g, b = channel(c.x), channel(c.y), channel(c.z)
    bright = bright + r + g + b
    hash = (hash * 31 + r * 65536 + g * 256 + b) % 1000000007
  end
end
print(W, H, bright, hash)
