-- next and pairs: complete traversal, assignment to existing fields during traversal,
-- clearing fields during traversal. Results are order independent (sums and counts).

local t = {}
for i = 1, 50 do t[i] = i end
for i = 1, 50 do t["s" .. i] = i end
t[1.5] = 100; t[true] = 200

local count, sum = 0, 0
for k, v in pairs(t) do count = count + 1; sum = sum + v end
print("count", count, "sum", sum)
-- expect: count	102	sum	2850

-- next directly
local n, k = 0, nil
repeat
  k = next(t, k)
  if k ~= nil then n = n + 1 end
until k == nil
print("next count", n)
-- expect: next count	102
print(next({}), next({}, nil))
-- expect: nil	nil
print(next({ 10 }))
-- expect: 1	10
print(next({ 10 }, 1))
-- expect: nil

-- assigning to existing fields during traversal is allowed
for k, v in pairs(t) do t[k] = v * 2 end
sum = 0
for _, v in pairs(t) do sum = sum + v end
print("doubled", sum)
-- expect: doubled	5700

-- clearing fields during traversal is allowed
for k in pairs(t) do
  if type(k) == "string" then t[k] = nil end
end
count = 0
for _ in pairs(t) do count = count + 1 end
print("after clear", count)
-- expect: after clear	52

-- clearing everything
for k in pairs(t) do t[k] = nil end
print("empty", next(t))
-- expect: empty	nil

-- invalid key for next
print(pcall(next, {}, "nokey"))
-- expect: false	invalid key to 'next'
print(pcall(next, { a = 1 }, 12))
-- expect: false	invalid key to 'next'
print(pcall(next))
-- expect: false	bad argument #1 to 'next' (table expected, got no value)
print(pcall(next, nil))
-- expect: false	bad argument #1 to 'next' (table expected, got nil)

-- pairs returns next, the table, nil
local f, s, c = pairs({})
print(f == next, type(s), c)
-- expect: true	table	nil

-- traversal of a table with array and hash parts, values of each type
local mixed = { 1, 2, 3, x = "a", y = "b", [10] = 10 }
local ints, strs = 0, 0
for k in pairs(mixed) do
  if type(k) == "number" then ints = ints + 1 else strs = strs + 1 end
end
print("ints", ints, "strs", strs)
-- expect: ints	4	strs	2

-- the traversal after a rehash during the loop (assigning existing keys only)
local big = {}
for i = 1, 1000 do big[i] = i end
for i = 1, 1000 do big["k" .. i] = i end
local total = 0
for k, v in pairs(big) do total = total + v; big[k] = 0 end
print("big", total)
-- expect: big	1001000
