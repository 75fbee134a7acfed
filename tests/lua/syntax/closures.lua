-- Closures and upvalues: sharing, fresh locals per iteration, nesting depth.

local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
inc(); inc(); inc()
print("shared", get())
-- expect: shared	3
local inc2, get2 = counter()
inc2()
print("independent", get(), get2())
-- expect: independent	3	1

-- each iteration of a numeric for has a fresh local
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print("for", fs[1](), fs[2](), fs[3]())
-- expect: for	1	2	3

-- generic for too
local gs = {}
for k, v in ipairs({ "a", "b", "c" }) do gs[k] = function() return k .. v end end
print("ipairs", gs[1](), gs[2](), gs[3]())
-- expect: ipairs	1a	2b	3c

-- while loop with a local declared inside
local ws = {}
local j = 0
while j < 3 do
  j = j + 1
  local captured = j * 10
  ws[j] = function() captured = captured + 1; return captured end
end
print("while", ws[1](), ws[1](), ws[2](), ws[3]())
-- expect: while	11	12	21	31

-- a variable declared outside the loop is shared by all closures
local shared = {}
local s = 0
for i = 1, 3 do
  s = i
  shared[i] = function() return s end
end
print("outside", shared[1](), shared[2](), shared[3]())
-- expect: outside	3	3	3

-- upvalues of upvalues (three levels)
local function outer()
  local x = 1
  return function()
    local y = 10
    return function()
      x = x + 1
      y = y + 1
      return x + y
    end
  end
end
local mid = outer()
local in1, in2 = mid(), mid()
print("levels", in1(), in1(), in2(), in1())
-- expect: levels	13	15	15	18

-- closures capturing parameters and loop control vars after the loop ends
local function make(a)
  return function(b) return a + b end
end
print("param", make(1)(2), make(10)(20))
-- expect: param	3	30

-- a closure modifying a local that the enclosing function still uses
local function modify()
  local v = 1
  local function set(n) v = n end
  set(5)
  local r1 = v
  set(7)
  return r1, v
end
print("modify", modify())
-- expect: modify	5	7

-- recursive local function sees itself; local f = function does not
local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
print("fact", fact(10))
-- expect: fact	3628800
local g = function(n) return n end
local g = function(n) if n == 0 then return "base" end return g(n - 1) end
print("old g", g(3))
-- expect: old g	2

-- closures created in a loop and called after the block exits, with a <close> var
local list = {}
do
  for i = 1, 3 do
    local sq = i * i
    list[#list + 1] = function() return sq end
  end
end
print("later", list[1](), list[2](), list[3]())
-- expect: later	1	4	9

-- many upvalues
local u1, u2, u3, u4, u5, u6, u7, u8 = 1, 2, 3, 4, 5, 6, 7, 8
local function sum() return u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 end
u8 = 80
print("many", sum())
-- expect: many	108

-- equality of closures: distinct closures are distinct values
local function mk() return function() end end
print("distinct", mk() == mk(), inc == inc)
-- expect: distinct	false	true
