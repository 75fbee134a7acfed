-- The generic for over pairs/next and ipairs (run inline by the interpreter on tables), with
-- the cases that must take the general call: __index, __pairs, bad keys, non-tables, hooks.
local function keys(t)
  local r = {}
  for k in pairs(t) do r[#r + 1] = tostring(k) end
  table.sort(r)
  return table.concat(r, " ")
end
print(keys({10, 20, 30, x = 1, y = 2, [2.5] = 3, [true] = 4}))
-- expect: 1 2 2.5 3 true x y

local sum, n = 0, 0
for i, v in ipairs({5, 6, 7, nil, 9}) do sum = sum + i * v; n = n + 1 end
print(sum, n)
-- expect: 38	3

-- three loop variables: the third is nil
for k, v, extra in pairs({a = 1}) do print(k, v, extra) end
-- expect: a	1	nil
for i, v, extra in ipairs({"z"}) do print(i, v, extra) end
-- expect: 1	z	nil

-- next used directly, and assigning existing fields (even to nil) while traversing
local t = {}
for i = 1, 100 do t["k" .. i] = i end
local total = 0
for k, v in next, t do total = total + v; t[k] = nil end
print(total, next(t))
-- expect: 5050	nil

