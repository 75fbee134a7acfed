-- String building with .. and tostring, string keys, interning.
local total = 0
for round = 1, 40 do
  local parts = ""
  for i = 1, 2000 do
    parts = parts .. tostring(i) .. ","
  end
  total = total + #parts
end
local count = 0
for i = 1, 600000 do
  local s = "item" .. i .. ":" .. (i * 2)
  count = count + #s
end
local buf = {}
for i = 1, 300000 do buf[i] = tostring(i + 0.25) end
local lens = 0
for i = 1, #buf do lens = lens + #buf[i] end
print(total, count, lens)
