-- The sieve of Eratosthenes, repeated: mark the composites below N in an array of
-- booleans, then count and sum the primes. Numeric for loops with a step, array-part
-- reads and writes of booleans, a fresh large table per round (so also allocation).
local function sieve(n)
  local composite = {}
  for i = 1, n do composite[i] = false end
  for i = 2, n do
    if not composite[i] then
      local sq = i * i
      if sq > n then break end
      for j = sq, n, i do composite[j] = true end
    end
  end
  local count, sum = 0, 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      sum = sum + i
    end
  end
  return count, sum
end

local checksum = 0
local count, sum
for round = 1, 13 do
  count, sum = sieve(1000000 - round * 1000)
  checksum = (checksum + count * round + sum) % 1000000007
end
count, sum = sieve(1000000)
print(count, sum, checksum)
