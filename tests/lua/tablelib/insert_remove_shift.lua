-- table.insert and table.remove moving elements (directly in the array part of a table without a
-- metatable): holes, hash-part tails, metamethods, and moves while the collector runs.
local function show(t, n) local r = {} for i = 1, n do r[i] = tostring(t[i]) end return table.concat(r, ",") end
local t = {1, 2, 3, 4, 5}
table.insert(t, 1, "a"); table.insert(t, 3, "b"); table.insert(t, #t + 1, "z"); table.insert(t, #t, "y")
print(show(t, #t), #t)
-- expect: a,1,b,2,3,4,5,y,z	9
print(table.remove(t, 1), table.remove(t, 3), table.remove(t), table.remove(t, #t), show(t, #t), #t)
-- expect: a	2	z	y	1,b,3,4,5	5
local h = {}
for i = 1, 10 do h[i] = i end
h[20] = "far"
table.insert(h, 2, "two")
print(show(h, 12), #h, h[20])
-- expect: 1,two,2,3,4,5,6,7,8,9,10,nil	11	far
print(table.remove(h, 1), show(h, 11))
-- expect: 1	two,2,3,4,5,6,7,8,9,10,nil
local logged = {}
local mt = setmetatable({1, 2, 3}, {__newindex = function(t, k, v) logged[#logged + 1] = k; rawset(t, k, v) end})
table.insert(mt, 1, 0)
print(show(mt, 4), table.concat(logged, ","))
-- expect: 0,1,2,3	4
local proxy_store = {10, 20, 30}
local proxy = setmetatable({}, {__index = proxy_store, __newindex = proxy_store, __len = function() return #proxy_store end})
table.insert(proxy, 2, 15)
print(show(proxy_store, 4), table.remove(proxy, 1), show(proxy_store, 3))
-- expect: 10,15,20,30	10	15,20,30
-- objects moved while the collector runs incrementally
collectgarbage("incremental")
local big = {}
for i = 1, 5000 do big[i] = {i} end
for r = 1, 3000 do
  table.insert(big, 1, {-r})
  local x = table.remove(big, 2500)
  local junk = {} for j = 1, 20 do junk[j] = {j} end
end
local sum = 0
for i = 1, #big do sum = sum + big[i][1] end
print(#big, sum)
-- expect: 5000	5003001
collectgarbage("generational")
for r = 1, 3000 do
  table.insert(big, 100, {r})
  table.remove(big, 1)
  local junk = {} for j = 1, 20 do junk[j] = {j} end
end
sum = 0
for i = 1, #big do sum = sum + big[i][1] end
print(#big, sum)
-- expect: 5000	5587299
print(pcall(table.insert, {1, 2}, 5, "x"), pcall(table.remove, {1, 2}, 7))
-- expect: false	false	bad argument #1 to 'table.remove' (position out of bounds)
