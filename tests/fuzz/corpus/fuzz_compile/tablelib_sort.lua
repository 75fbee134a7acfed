-- table.sort: ltablib's quicksort, comparators, errors, __lt, and inconsistent orders.

local function show(t, n)
  local parts = {}
  for i = 1, n or #t do parts[#parts + 1] = tostring(t[i]) end
  return table.concat(parts, " ")
end

-- A deterministic pseudo-random sequence (an LCG), independent of math.random.
local seed = 12345
local function rnd(m)
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % m
end

local function is_sorted(t, lt)
  lt = lt or function(a, b) return a < b end
  for i = 2, #t do
    if lt(t[i], t[i - 1]) then return false end
  end
  return true
end

local t = {5, 3, 8, 1, 9, 2, 7}
table.sort(t)
print(show(t))
-- expect: 1 2 3 5 7 8 9
table.sort(t, function(a, b) return a > b end)
print(show(t))
-- expect: 9 8 7 5 3 2 1

-- trivial sizes
t = {}
table.sort(t)
print(#t)
-- expect: 0
t = {1}
table.sort(t)
print(show(t))
-- expect: 1
t = {2, 1}
table.sort(t)
print(show(t))
-- expect: 1 2
t = {3, 1, 2}
table.sort(t)
print(show(t))
-- expect: 1 2 3

