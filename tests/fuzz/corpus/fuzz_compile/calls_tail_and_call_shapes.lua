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

