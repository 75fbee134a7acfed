-- GC with a large live heap: build a 4-ary tree of ~350k tables (~35 MB), then many
-- times prune a random subtree and regrow it. Most of the heap stays live across
-- collections while garbage is produced at a steady rate, so the collector's cost per
-- cycle is dominated by tracing (or not re-tracing) the big live part.
local seed = 4242
local function rand(n) -- Park-Miller PRNG; returns 1..n
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local FANOUT = 4
local DEPTH = 9

-- A node is {value, child1, ..., child4}; leaves are {value}.
local function grow(depth)
  local node = { rand(1000) }
  if depth > 0 then
    for i = 2, FANOUT + 1 do node[i] = grow(depth - 1) end
  end
  return node
end

local function walk(node)
  local count, sum = 1, node[1]
  for i = 2, #node do
    local c, s = walk(node[i])
    count = count + c
    sum = sum + s
  end
  return count, sum
end

local root = grow(DEPTH)
local count0, sum0 = walk(root)

local regrown, rsum = 0, 0
for round = 1, 600 do
  -- walk down a random path and replace the subtree there by a fresh one
  local level = 3 + round % 4            -- cut at depth 3..6: subtrees of 85..5461 nodes
  local parent = root
  for _ = 1, level - 1 do parent = parent[rand(FANOUT) + 1] end
  local slot = rand(FANOUT) + 1
  parent[slot] = grow(DEPTH - level)
  local c, s = walk(parent[slot])
  regrown = regrown + c
  rsum = rsum + s
  -- now and then mutate values along another path (writes into old nodes)
  if round % 10 == 0 then
    local node = root
    while #node > 1 do
      node[1] = (node[1] + round) % 1000
      node = node[rand(FANOUT) + 1]
    end
  end
end

local count1, sum1 = walk(root)
print(count0, sum0, regrown, rsum)
print(count1, sum1, (sum0 + rsum + sum1) % 1000000007)
