-- Conway's Game of Life on a 128 x 128 torus stored as a table of row tables, with
-- two grids swapped between generations. Nested numeric loops, two-level table
-- indexing, integer arithmetic and branches; the grid is seeded by an LCG.
local SIZE = 128
local GENERATIONS = 400

local seed = 31337
local function rand(n) -- Park-Miller PRNG; returns 1..n
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local function new_grid()
  local g = {}
  for y = 1, SIZE do
    local row = {}
    for x = 1, SIZE do row[x] = 0 end
    g[y] = row
  end
  return g
end

-- neighbour indices with wrap-around
local prev, nxt = {}, {}
for i = 1, SIZE do
  prev[i] = i == 1 and SIZE or i - 1
  nxt[i] = i == SIZE and 1 or i + 1
end

local function step(src, dst)
  local population = 0
  for y = 1, SIZE do
    local up, row, down = src[prev[y]], src[y], src[nxt[y]]
    local out = dst[y]
    for x = 1, SIZE do
      local l, r = prev[x], nxt[x]
      local n = up[l] + up[x] + up[r] + row[l] + row[r] + down[l] + down[x] + down[r]
      local alive = 0
      if n == 3 or (n == 2 and row[x] == 1) then alive = 1 end
      out[x] = alive
      population = population + alive
    end
  end
  return population
end

local a, b = new_grid(), new_grid()
for y = 1, SIZE do
  local row = a[y]
  for x = 1, SIZE do
    if rand(100) <= 30 then row[x] = 1 end
  end
end
local checksum = 0
local population = 0
for gen = 1, GENERATIONS do
  population = step(a, b)
  checksum = (checksum * 31 + population + gen) % 1000000007
  a, b = b, a
end

local hash = 0
for y = 1, SIZE do
  local row = a[y]
  for x = 1, SIZE do
    if row[x] == 1 then hash = (hash * 7 + y * SIZE + x) % 1000000007 end
  end
end
print(GENERATIONS, population, checksum, hash)
