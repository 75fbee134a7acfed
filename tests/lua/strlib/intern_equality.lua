-- Interned strings: strings made at run time that differ in one byte, at any position, for
-- every length up to 40, are distinct keys and unequal; the same bytes made twice are equal
-- (and the same table key). Covers the short-string compare's word-sized paths.
local distinct, same, bad = 0, 0, 0
for len = 0, 40 do
  local base = string.rep("a", len)
  local seen = {}
  seen[base] = true
  for pos = 1, len do
    local s = base:sub(1, pos - 1) .. "b" .. base:sub(pos + 1)
    if s == base or seen[s] then bad = bad + 1 end
    seen[s] = true
    distinct = distinct + 1
    local again = table.concat({base:sub(1, pos - 1), "b", base:sub(pos + 1)})
    if again ~= s or not seen[again] then bad = bad + 1 end
    same = same + 1
  end
  -- the same length with a high byte (sign of char) and a zero byte
  if len > 0 then
    local hi = base:sub(1, len - 1) .. "\255"
    local zero = base:sub(1, len - 1) .. "\0"
    if hi == zero or hi == base or zero == base then bad = bad + 1 end
    if hi ~= string.rep("a", len - 1) .. string.char(255) then bad = bad + 1 end
  end
end
print(distinct, same, bad)
-- expect: 820	820	0
