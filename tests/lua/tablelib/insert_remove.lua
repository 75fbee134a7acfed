-- table.insert and table.remove: positions, bounds (5.4 rules), argument counts.

local function show(t, n)
  local parts = {}
  for i = 1, n or #t do parts[#parts + 1] = tostring(t[i]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

local t = {}
table.insert(t, "a")
table.insert(t, "b")
table.insert(t, 1, "c")
table.insert(t, 2, "d")
table.insert(t, #t + 1, "e")
print(show(t), #t)
-- expect: {c,d,a,b,e}	5

-- insert: position must be in [1, #t + 1]
print(pcall(table.insert, t, 0, "x"))
-- expect: false	bad argument #2 to 'table.insert' (position out of bounds)
print(pcall(table.insert, t, #t + 2, "x"))
-- expect: false	bad argument #2 to 'table.insert' (position out of bounds)
print(pcall(table.insert, t, -1, "x"))
-- expect: false	bad argument #2 to 'table.insert' (position out of bounds)
print(pcall(table.insert, t, math.mininteger, "x"))
-- expect: false	bad argument #2 to 'table.insert' (position out of bounds)
print(pcall(table.insert, t, math.maxinteger, "x"))
-- expect: false	bad argument #2 to 'table.insert' (position out of bounds)
print(pcall(table.insert, {}, 1.5, "x"))
-- expect: false	bad argument #2 to 'table.insert' (number has no integer representation)
print(pcall(table.insert, {}, "2", "x"))
-- expect: false	bad argument #2 to 'table.insert' (position out of bounds)
print(pcall(table.insert, {}, "z", "x"))
-- expect: false	bad argument #2 to 'table.insert' (number expected, got string)
print(show(t), #t)
-- expect: {c,d,a,b,e}	5

-- wrong number of arguments
print(pcall(table.insert, t))
-- expect: false	wrong number of arguments to 'insert'
print(pcall(table.insert, t, 1, 2, 3))
-- expect: false	wrong number of arguments to 'insert'
print(pcall(table.insert))
-- expect: false	bad argument #1 to 'table.insert' (table expected, got no value)
print(pcall(table.insert, nil, 1))
-- expect: false	bad argument #1 to 'table.insert' (table expected, got nil)
print(pcall(table.insert, "abc", 1))
-- expect: false	bad argument #1 to 'table.insert' (table expected, got string)
print(pcall(table.insert, 5, 1, 2))
-- expect: false	bad argument #1 to 'table.insert' (table expected, got number)

-- insert of nil values
local u = {1, 2, 3}
table.insert(u, 2, nil)
print(show(u, 4))
-- expect: {1,nil,2,3}
table.insert(u, nil)
print(show(u, 5))
-- expect: {1,nil,2,3,nil}

-- remove: default position is #t
t = {10, 20, 30, 40}
print(table.remove(t), show(t))
-- expect: 40	{10,20,30}
print(table.remove(t, 1), show(t))
-- expect: 10	{20,30}
print(table.remove(t, 2), show(t))
-- expect: 30	{20}
print(table.remove(t, #t + 1), show(t))
-- expect: nil	{20}
print(table.remove(t), show(t))
-- expect: 20	{}
print(table.remove(t), show(t))
-- expect: nil	{}
print(#t)
-- expect: 0

-- remove on an empty table: positions 0 and #t (+1) are allowed
t = {}
print(table.remove(t))
-- expect: nil
print(table.remove(t, 0))
-- expect: nil
print(table.remove(t, 1))
-- expect: nil
print(pcall(table.remove, t, 2))
-- expect: false	bad argument #1 to 'table.remove' (position out of bounds)
print(pcall(table.remove, t, -1))
-- expect: false	bad argument #1 to 'table.remove' (position out of bounds)

-- #t == 0 but t[0] exists: remove(t, 0) returns it and clears it
t = {[0] = "zero"}
print(table.remove(t, 0), t[0])
-- expect: zero	nil
t = {[0] = "zero"}
print(table.remove(t), t[0])
-- expect: zero	nil

-- out of bounds
t = {1, 2, 3}
print(pcall(table.remove, t, 5))
-- expect: false	bad argument #1 to 'table.remove' (position out of bounds)
print(pcall(table.remove, t, -1))
-- expect: false	bad argument #1 to 'table.remove' (position out of bounds)
print(pcall(table.remove, t, math.mininteger))
-- expect: false	bad argument #1 to 'table.remove' (position out of bounds)
print(pcall(table.remove, t, math.maxinteger))
-- expect: false	bad argument #1 to 'table.remove' (position out of bounds)
print(table.remove(t, 4), show(t))
-- expect: nil	{1,2,3}
print(pcall(table.remove, nil))
-- expect: false	bad argument #1 to 'table.remove' (table expected, got nil)
print(pcall(table.remove, t, "x"))
-- expect: false	bad argument #2 to 'table.remove' (number expected, got string)
print(pcall(table.remove, t, 2.5))
-- expect: false	bad argument #2 to 'table.remove' (number has no integer representation)
print(table.remove(t, 2.0), show(t))
-- expect: 2	{1,3}
print(table.remove(t, "1"), show(t))
-- expect: 1	{3}

-- holes: remove moves elements down, up to #t
t = {1, 2, 3, nil, 5}
local n = #t
print(n == 5 or n == 3)
-- expect: true

-- a big table
t = {}
for i = 1, 1000 do table.insert(t, 1, i) end
print(#t, t[1], t[1000])
-- expect: 1000	1000	1
local sum = 0
while #t > 0 do sum = sum + table.remove(t, 1) end
print(sum, #t)
-- expect: 500500	0
