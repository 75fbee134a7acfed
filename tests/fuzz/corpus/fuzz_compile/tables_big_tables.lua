-- Large tables: array growth, hash growth, deletion and reinsertion, mixed parts.
-- heavy: 200k-entry tables; too slow when every allocation runs a full collection

local N = 200000
local a = {}
for i = 1, N do a[i] = i end
local sum = 0
for i = 1, N do sum = sum + a[i] end
print("array", #a, sum)
-- expect: array	200000	20000100000

local h = {}
for i = 1, N do h["key" .. i] = i end
sum = 0
for i = 1, N, 7 do sum = sum + h["key" .. i] end
print("hash", sum)
-- expect: hash	2857185714

-- delete every other key, then reinsert
for i = 1, N, 2 do h["key" .. i] = nil end
local count = 0
for _ in pairs(h) do count = count + 1 end
print("after delete", count)
-- expect: after delete	100000
for i = 1, N, 2 do h["key" .. i] = -i end
count, sum = 0, 0
for _, v in pairs(h) do count = count + 1; sum = sum + v end
print("after reinsert", count, sum)
-- expect: after reinsert	200000	100000

-- integer keys in reverse order and with gaps
local r = {}
for i = N, 1, -1 do r[i] = i end
print("reverse", #r, r[1], r[N])
-- expect: reverse	200000	1	200000
local g = {}
for i = 1, N, 3 do g[i] = true end
count = 0
for _ in pairs(g) do count = count + 1 end
print("gaps", count)
-- expect: gaps	66667

