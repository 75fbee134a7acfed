-- Array-part and hash-part table writes and reads.
local N = 1000000
local sum = 0
for round = 1, 5 do
  local a = {}
  for i = 1, N do a[i] = i * round end
  for i = 1, N do sum = sum + a[i] end
  local h = {}
  for i = 1, 250000 do h[i * 7919 % 1000003 + 0.5] = i end
  for _, v in pairs(h) do sum = sum + v end
end
local strs = {}
for i = 1, 1000 do strs[i] = "key" .. i end
local t = {}
for round = 1, 1000 do
  for i = 1, 1000 do
    local k = strs[i]
    t[k] = (t[k] or 0) + round
  end
end
for i = 1, 1000 do sum = sum + t[strs[i]] end
print(sum)
