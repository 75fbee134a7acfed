-- The length operator on sequences, and the border property on tables with holes.
-- For a table with holes any border is valid, so only the property is checked there.

local function is_border(t)
  local n = #t
  return (n == 0 or t[n] ~= nil) and t[n + 1] == nil
end

print(#{}, #{ 1 }, #{ 1, 2, 3 }, #{ n = 1 }, #{ 1, 2, x = 3 })
-- expect: 0	1	3	0	2

-- growing a sequence with t[#t + 1]
local t = {}
for i = 1, 100 do t[#t + 1] = i end
print(#t, t[1], t[100])
-- expect: 100	1	100

-- shrinking from the end
for i = 100, 51, -1 do t[i] = nil end
print(#t)
-- expect: 50

-- filling backwards (keys go to the hash part first)
local b = {}
for i = 20, 1, -1 do b[i] = i end
print(#b)
-- expect: 20

-- sparse then filled in
local s = {}
s[1] = 1; s[2] = 2; s[4] = 4
print(is_border(s))
-- expect: true
s[3] = 3
print(#s)
-- expect: 4

-- holes: only the border property holds
local h = { 1, 2, nil, 4 }
print(is_border(h))
-- expect: true
local h2 = {}
for i = 1, 10 do h2[i] = i end
h2[5] = nil
print(is_border(h2))
-- expect: true
h2[10] = nil
print(is_border(h2))
-- expect: true
local h3 = { nil, nil, 3 }
print(is_border(h3))
-- expect: true

