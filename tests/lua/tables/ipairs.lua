-- ipairs: iterates 1..n until the first nil, respecting __index.

local function show(t)
  local out = ""
  for i, v in ipairs(t) do out = out .. i .. "=" .. tostring(v) .. " " end
  return out
end
print(show({ "a", "b", "c" }))
-- expect: 1=a 2=b 3=c 
print(show({ "a", nil, "c" }))
-- expect: 1=a 
print(show({}))
-- expect:
print(show({ nil, "b" }))
-- expect:
print(show({ [1] = "x", [2] = "y", [4] = "z" }))
-- expect: 1=x 2=y 
print(show({ 1, 2, 3, n = 3 }))
-- expect: 1=1 2=2 3=3 
print(show({ false, false }))
-- expect: 1=false 2=false 

-- ipairs follows __index (Lua 5.4)
local proxy = setmetatable({}, { __index = function(t, i) if i <= 3 then return i * 10 end end })
print(show(proxy))
-- expect: 1=10 2=20 3=30 
local base = { "b1", "b2" }
local derived = setmetatable({ "d1" }, { __index = base })
print(show(derived))
-- expect: 1=d1 2=b2 

-- ipairs returns an iterator, the table and 0
local f, s, c = ipairs({})
print(type(f), type(s), c)
-- expect: function	table	0
print(f({ "x" }, 0))
-- expect: 1	x
print(f({ "x" }, 1))
-- expect: nil

-- modifying during ipairs
local t = { 1, 2, 3 }
local seen = 0
for i, v in ipairs(t) do
  seen = seen + 1
  if i == 2 then t[4] = 4 end
end
print("seen", seen)
-- expect: seen	4
t = { 1, 2, 3, 4 }
seen = 0
for i in ipairs(t) do
  seen = seen + 1
  if i == 2 then t[3] = nil end
end
print("seen", seen)
-- expect: seen	2

-- ipairs requires an argument; a non-table fails when indexed
print(pcall(ipairs))
-- expect: false	bad argument #1 to 'ipairs' (value expected)
print(pcall(function() for _ in ipairs(nil) do end end))
-- expect: false	attempt to index a nil value
print(pcall(function() for _ in ipairs(5) do end end))
-- expect: false	attempt to index a number value
