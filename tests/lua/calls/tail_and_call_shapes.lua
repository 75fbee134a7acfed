-- Calls and tail calls of every shape: missing and extra arguments, vararg callers and
-- callees (the tail call moves the frame down over the varargs), multiple results, deep tail
-- recursion that must not grow the stack, and calls whose frame needs the stack to grow.

local function three(a, b, c) return a, b, c end
print(three())
-- expect: nil	nil	nil
print(three(1))
-- expect: 1	nil	nil
print(three(1, 2, 3, 4))
-- expect: 1	2	3

local function tail_three(...) return three(...) end
print(tail_three())
-- expect: nil	nil	nil
print(tail_three(1, 2))
-- expect: 1	2	nil
print(tail_three(1, 2, 3, 4, 5))
-- expect: 1	2	3

local function va(...) return select("#", ...), ... end
local function tail_va(a, ...) return va(a, ...) end
print(tail_va())
-- expect: 1	nil
print(tail_va(nil, nil))
-- expect: 2	nil	nil
print(tail_va(1, 2, 3))
-- expect: 3	1	2	3

-- a vararg function tail-calling a fixed one with more parameters than it passes
local function many(a, b, c, d, e, f, g, h) return h, g, f, e, d, c, b, a end
local function vtail(...) return many(...) end
print(vtail(1, 2, 3))
-- expect: nil	nil	nil	nil	nil	3	2	1
print(vtail(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
-- expect: 8	7	6	5	4	3	2	1

-- tail recursion a million deep, with and without varargs
local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end
print(count(1000000, 0))
-- expect: 1000000
local function vcount(n, ...) if n == 0 then return select("#", ...) end return vcount(n - 1, ...) end
print(vcount(100000, 1, 2, 3))
-- expect: 3

-- mutual tail recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print(is_even(100001), is_odd(100001))
-- expect: false	true

-- non-tail recursion deep enough to grow the stack many times, with big frames
local function big(n)
  local a, b, c, d, e, f, g, h, i, j = n, n, n, n, n, n, n, n, n, n
  if n == 0 then return 0 end
  return big(n - 1) + a + b + c + d + e + f + g + h + i + j - 10 * n + 1
end
print(big(10000))
-- expect: 10000

-- a tail call to a callable table and to a native function
local callable = setmetatable({}, { __call = function(self, x, y) return "called", x, y end })
local function tail_callable(x) return callable(x, 2) end
print(tail_callable(1))
-- expect: called	1	2
local function tail_native(s) return string.upper(s) end
print(tail_native("abc"))
-- expect: ABC

-- stack overflow still reported as an error
local function inf(n) return 1 + inf(n + 1) end
local ok, msg = pcall(inf, 1)
print(ok, (string.gsub(msg, "^.-:%d+: ", "")))
-- expect: false	stack overflow

-- tail calls of native functions from vararg functions (the frame moves over the varargs),
-- with many results, none, and errors
local function vsel(...) return select("#", ...) end
print(vsel(1, nil, 3), vsel())
-- expect: 3	0
local function vunpack(...) return table.unpack({ ... }, 1, select("#", ...) + 2) end
print(vunpack(1, 2, 3))
-- expect: 1	2	3	nil	nil
local function vnone(...) return print() end
print(select("#", vnone(1, 2)))
-- expect:
-- expect: 0
local function verr(...) return error(select(2, ...)) end
print(pcall(verr, 1, "boom", 3))
-- expect: false	tail_and_call_shapes.lua:90: boom
local mt = {}
local function vset(...) return setmetatable({ ... }, mt) end
print(getmetatable(vset(1, 2)) == mt, #vset(1, 2, 3))
-- expect: true	3
