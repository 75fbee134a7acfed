-- Lots of short-lived strings; results must stay correct across collections.

local keep = {}
local total = 0
for i = 1, 20000 do
  local s = "str" .. i .. "-" .. (i * 3)
  if i % 1000 == 0 then keep[#keep + 1] = s end
  total = total + #s
  if i % 5000 == 0 then collectgarbage() end
end
print("total length", total)
-- expect: total length	265192
print(#keep, keep[1], keep[20])
-- expect: 20	str1000-3000	str20000-60000

-- long strings built by repeated concatenation
local long = ""
for i = 1, 2000 do long = long .. "x" end
collectgarbage()
print(#long, long == long .. "", #(long .. long))
-- expect: 2000	true	4000

-- interned strings are equal after collections
local a = "key" .. 42
collectgarbage()
local b = "key" .. "42"
print(a == b, rawequal(a, b))
-- expect: true	true

-- strings as table keys survive collections
local t = {}
for i = 1, 5000 do t["k" .. i] = i end
collectgarbage()
local sum = 0
for i = 1, 5000 do sum = sum + t["k" .. i] end
print("sum", sum)
-- expect: sum	12502500

-- tostring of numbers in a loop
local acc = 0
for i = 1, 20000 do acc = acc + #tostring(i + 0.5) end
print("tostring total", acc)
-- expect: tostring total	128894
