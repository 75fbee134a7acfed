-- Numeric and generic for: integer/float loops, overflow safety, step rules.

local function collect(a, b, c)
  local out = ""
  if c then
    for i = a, b, c do out = out .. tostring(i) .. " " end
  else
    for i = a, b do out = out .. tostring(i) .. " " end
  end
  return out
end
print(collect(1, 5))
-- expect: 1 2 3 4 5 
print(collect(5, 1, -2))
-- expect: 5 3 1 
print(collect(1, 0))
-- expect:
print(collect(1, 2, 0.5))
-- expect: 1.0 1.5 2.0 
print(collect(1.0, 3))
-- expect: 1.0 2.0 3.0 
print(collect(1, 3.5))
-- expect: 1 2 3 
print(collect(0.1, 0.35, 0.1))
-- expect: 0.1 0.2 0.3 
print(collect(3, 1))
-- expect:
print(collect(1, 1))
-- expect: 1 

-- loops near the integer limits terminate without overflowing
local max = 9223372036854775807
local min = -max - 1
local n = 0
for i = max - 2, max do n = n + 1 end
print("near max", n)
-- expect: near max	3
n = 0
for i = min + 2, min, -1 do n = n + 1 end
print("near min", n)
-- expect: near min	3
n = 0
for i = min, min + 2 do n = n + 1 end
print("from min", n)
-- expect: from min	3
n = 0
for i = 1, max, max // 2 do n = n + 1 end
print("big step", n)
-- expect: big step	3
-- float limit with an integer loop: clipped
n = 0
for i = max - 1, 1e100 do n = n + 1 end
print("float limit", n)
-- expect: float limit	2
n = 0
for i = 1, -1e100 do n = n + 1 end
print("neg float limit", n)
-- expect: neg float limit	0
n = 0
for i = 3, 2.5 do n = n + 1 end
print("limit floor", n)
-- expect: limit floor	0
n = 0
for i = -3, -3.5, -1 do n = n + 1 end
print("limit ceil", n)
-- expect: limit ceil	1

-- modifying the control variable does not change the iteration count
n = 0
for i = 1, 3 do
  local j = i
  i = i * 10
  n = n + 1
end
print("modified", n)
-- expect: modified	3

-- step zero and non-numeric values are errors
print(pcall(function() for i = 1, 10, 0 do end end))
-- expect: false	forloop.lua:79: 'for' step is zero
print(pcall(function() for i = 1.0, 10, 0.0 do end end))
-- expect: false	forloop.lua:81: 'for' step is zero
print(pcall(function() for i = "a", 10 do end end))
-- expect: false	forloop.lua:83: bad 'for' initial value (number expected, got string)
print(pcall(function() for i = 1, {} do end end))
-- expect: false	forloop.lua:85: bad 'for' limit (number expected, got table)
print(pcall(function() for i = 1, 2, nil do end end))
-- expect: false	forloop.lua:87: bad 'for' step (number expected, got nil)
-- numeric strings are converted (to floats)
print(pcall(collect, "1", 2))
-- expect: true	1.0 2.0 
print(pcall(collect, 1, "0x3"))
-- expect: true	1 2 3 

-- float accumulation
local sum = 0
for x = 0, 1, 0.125 do sum = sum + x end
print("float sum", sum)
-- expect: float sum	4.5

-- generic for with explicit state and control values
local function iter(state, ctl)
  if ctl < state then return ctl + 1, ctl * ctl end
end
for i, sq in iter, 4, 0 do print(i, sq) end
-- expect: 1	0
-- expect: 2	1
-- expect: 3	4
-- expect: 4	9

-- break and nested loops
local count = 0
for i = 1, 10 do
  for j = 1, 10 do
    if j > i then break end
    count = count + 1
  end
end
print("triangle", count)
-- expect: triangle	55

-- while with complex conditions
local a, b = 0, 10
while a < b and b > 5 do a = a + 1; b = b - 1 end
print("while", a, b)
-- expect: while	5	5

-- integer loops at the edges of the integer range: no overflow, exact iteration counts
local function count(a, b, c)
  local n, last = 0, nil
  for i = a, b, c do
    n = n + 1
    last = i
    if n > 10 then break end
  end
  return n, last
end
print(count(math.maxinteger - 2, math.maxinteger, 1))
-- expect: 3	9223372036854775807
print(count(math.mininteger, math.mininteger + 2, 1))
-- expect: 3	-9223372036854775806
print(count(math.mininteger + 2, math.mininteger, -1))
-- expect: 3	-9223372036854775808
print(count(math.maxinteger, math.mininteger, math.mininteger))
-- expect: 2	-1
print(count(math.mininteger, math.maxinteger, math.maxinteger))
-- expect: 3	9223372036854775806
print(count(0, math.maxinteger, math.maxinteger // 3))
-- expect: 4	9223372036854775806
print(count(1, 0, 1), count(0, 1, -1), count(5, 5, 7), count(5, 5, -7))
-- expect: 0	0	1	1	5
print(count(1, 10, 4), count(10, 1, -4), count(-3, 3, 2), count(3, -3, -2))
-- expect: 3	3	4	4	-3
print(count(1, 3.5, 1), count(1, -1e300, -1), count(math.maxinteger - 1, 1e300, 1))
-- expect: 3	11	2	9223372036854775807
print(count(1.0, 3, 1), count(1, 3, 1.0))
-- expect: 3	3	3.0
