-- Big array parts that grow (reallocated in place or moved by the system), shrink, move to
-- the hash part and back; values kept across every step, with collections between.
local t = {}
for i = 1, 300000 do t[i] = i * 3 end
collectgarbage()
local ok = true
for i = 1, 300000 do if t[i] ~= i * 3 then ok = false end end
print(#t, ok)
-- expect: 300000	true

-- grow while a collection runs in steps (the table is traced in pieces)
collectgarbage("incremental")
local u = {}
for i = 1, 200000 do
  u[i] = {i}
  if i % 5000 == 0 then collectgarbage("step", 1) end
end
local sum = 0
for i = 1, 200000 do sum = sum + u[i][1] end
print(#u, sum)
-- expect: 200000	20000100000
collectgarbage("generational")

-- shrink by rehash: most of the array emptied, then new hash keys force a resize
for i = 1000, 300000 do t[i] = nil end
for i = 1, 20000 do t["k" .. i] = i end
print(#t, t[999], t[1000], t.k20000)
-- expect: 999	2997	nil	20000

-- strings in a growing array survive minor collections
local s = {}
for i = 1, 100000 do s[i] = "s" .. i end
collectgarbage("step")
local n = 0
for i = 1, 100000 do if s[i] == "s" .. i then n = n + 1 end end
print(n)
-- expect: 100000

-- table.move into a big array and back
local m = table.move(t, 1, 999, 400001, {})
print(#m, m[400001], m[400999])
-- expect: 0	3	2997
