-- Variadic functions and adjustment of multiple results.

local function count(...) return select("#", ...) end
local function pass(...) return ... end
local function three() return 1, 2, 3 end

print(count(), count(nil), count(nil, nil), count(1, nil, 3, nil))
-- expect: 0	1	2	4
print(pass(1, 2, 3))
-- expect: 1	2	3
print(pass())
-- expect:
print((pass(1, 2, 3)))
-- expect: 1
print(three(), three())      -- only the last call expands
-- expect: 1	1	2	3
print(three(), 10)
-- expect: 1	10
print(({three(), three()})[4], #{three(), three()})
-- expect: 3	4
print(count(three()), count(three(), nil), count((three())))
-- expect: 3	2	1

-- ... inside table constructors, keeping nils
local function pack(...) return { n = select("#", ...), ... } end
local t = pack(1, nil, 3, nil)
print(t.n, t[1], t[2], t[3], t[4])
-- expect: 4	1	nil	3	nil

-- fixed parameters plus varargs
local function fixed(a, b, ...)
  return a, b, select("#", ...), ...
end
print(fixed())
-- expect: nil	nil	0
print(fixed(1))
-- expect: 1	nil	0
print(fixed(1, 2, 3, 4))
-- expect: 1	2	2	3	4

-- extra arguments are dropped, missing ones are nil
local function two(a, b) return a, b end
print(two(1, 2, 3), two(4))
-- expect: 1	4	nil

-- local assignment adjusts
local a, b, c = three()
print(a, b, c)
-- expect: 1	2	3
local d, e, f, g = 0, three()
print(d, e, f, g)
-- expect: 0	1	2	3
local h, i = three(), 9
print(h, i)
-- expect: 1	9

-- varargs in the main chunk
print("main", select("#", ...))
-- expect: main	0

-- select with negative index and errors
print(select(-1, "a", "b", "c"))
-- expect: c
print(select(2, "a", "b", "c"))
-- expect: b	c
print(pcall(select, 0, "a"))
-- expect: false	bad argument #1 to 'select' (index out of range)

-- ... captured by value through a closure argument
local function later(...)
  local n = select("#", ...)
  local args = { ... }
  return function() return n, args[1], args[n] end
end
print(later("x", "y", "z")())
-- expect: 3	x	z

-- returning many values
local function many(n, ...)
  if n == 0 then return ... end
  return many(n - 1, n, ...)
end
print(count(many(200)))
-- expect: 200
print(many(5))
-- expect: 1	2	3	4	5

-- varargs as string method-free expression operands
print(#{...}, (...))
-- expect: 0	nil
