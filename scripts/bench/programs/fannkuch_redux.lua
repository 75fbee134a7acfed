-- The benchmarks-game fannkuch-redux for n = 9, run three times (n = 10 would take about
-- 3.5 s under lua5.4): go through all permutations in a fixed order and count the prefix
-- reversals ("pancake flips") until 1 comes first. Tight loops over small integer
-- arrays: indexing, swaps, comparisons.
local function fannkuch(n)
  local perm, count = {}, {}
  local perm1 = {}
  for i = 1, n do perm1[i] = i end
  local maxflips, checksum, sign = 0, 0, 1
  local r = n
  while true do
    -- count the flips of the current permutation
    local first = perm1[1]
    if first ~= 1 then
      for i = 1, n do perm[i] = perm1[i] end
      local flips = 0
      local k = first
      repeat
        -- reverse perm[1..k]
        local i, j = 1, k
        while i < j do
          perm[i], perm[j] = perm[j], perm[i]
          i = i + 1
          j = j - 1
        end
        flips = flips + 1
        k = perm[1]
      until k == 1
      if flips > maxflips then maxflips = flips end
      checksum = checksum + sign * flips
    end
    -- next permutation (the counting order of the original program)
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end
    while true do
      if r == n then return checksum, maxflips end
      local p0 = perm1[1]
      for i = 1, r do perm1[i] = perm1[i + 1] end
      perm1[r + 1] = p0
      local c = count[r + 1] - 1
      count[r + 1] = c
      if c > 0 then break end
      r = r + 1
    end
    sign = -sign
  end
end

local n = 9
local total = 0
local checksum, maxflips
for _ = 1, 3 do
  checksum, maxflips = fannkuch(n)
  total = total + checksum + maxflips
end
print(string.format("%d\nPfannkuchen(%d) = %d", checksum, n, maxflips))
print(string.format("checksum %d", total))
