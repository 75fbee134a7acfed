-- The benchmarks-game binary-trees: allocate and walk many short-lived complete binary
-- trees of tables (depth 4..16) while one long-lived tree stays reachable. GC-heavy:
-- nearly all the time goes to allocating small tables and collecting them.
local function bottom_up_tree(depth)
  if depth > 0 then
    depth = depth - 1
    local left, right = bottom_up_tree(depth), bottom_up_tree(depth)
    return { left, right }
  else
    return {}
  end
end

local function item_check(tree)
  if tree[1] then
    return 1 + item_check(tree[1]) + item_check(tree[2])
  else
    return 1
  end
end

local N = 15
local mindepth = 4
local maxdepth = mindepth + 2
if maxdepth < N then maxdepth = N end

local checksum = 0
do
  local stretchdepth = maxdepth + 1
  local check = item_check(bottom_up_tree(stretchdepth))
  checksum = checksum + check
  print(string.format("stretch tree of depth %d\t check: %d", stretchdepth, check))
end

local longlived = bottom_up_tree(maxdepth)

for depth = mindepth, maxdepth, 2 do
  local iterations = 1
  for _ = 1, maxdepth - depth + mindepth do iterations = iterations * 2 end
  local check = 0
  for _ = 1, iterations do
    check = check + item_check(bottom_up_tree(depth))
  end
  checksum = checksum + check
  print(string.format("%d\t trees of depth %d\t check: %d", iterations, depth, check))
end

local check = item_check(longlived)
checksum = checksum + check
print(string.format("long lived tree of depth %d\t check: %d", maxdepth, check))
print(string.format("checksum %d", checksum))
