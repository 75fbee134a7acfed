-- Arithmetic metamethods: which operand supplies the metamethod, arguments, results.

local V = {}
V.__index = V
local function v(x) return setmetatable({ x = x }, V) end
local function val(o) if type(o) == "table" then return o.x end return o end
local function show(o) if type(o) == "table" then return "v(" .. tostring(o.x) .. ")" end return tostring(o) end

V.__add = function(a, b) return v(val(a) + val(b)) end
V.__sub = function(a, b) return v(val(a) - val(b)) end
V.__mul = function(a, b) return v(val(a) * val(b)) end
V.__div = function(a, b) return v(val(a) / val(b)) end
V.__mod = function(a, b) return v(val(a) % val(b)) end
V.__pow = function(a, b) return v(val(a) ^ val(b)) end
V.__unm = function(a, b) return v(-val(a)), b end
V.__idiv = function(a, b) return v(val(a) // val(b)) end

print(show(v(1) + v(2)), show(v(1) + 10), show(10 + v(1)))
-- expect: v(3)	v(11)	v(11)
print(show(v(5) - 3), show(5 - v(3)), show(v(2) * 4), show(3 * v(3)))
-- expect: v(2)	v(2)	v(8)	v(9)
print(show(v(7) / 2), show(v(7) % 3), show(2 ^ v(3)), show(v(7) // 2), show(-v(4)))
-- expect: v(3.5)	v(1)	v(8.0)	v(3)	v(-4)
print(show(v(1) + v(2) * v(3) - v(4)))
-- expect: v(3)

-- __unm gets the operand twice (Lua passes a dummy second operand equal to the first)
local unm_args
local U = setmetatable({}, { __unm = function(a, b) unm_args = (a == b); return "negated" end })
print(-U, unm_args)
-- expect: negated	true

-- strings with __add on the table side
print(show("10" + v(1)))
-- expect: v(11)

-- the left operand is tried first, then the right one
local L = setmetatable({}, { __add = function() return "left" end })
local R = setmetatable({}, { __add = function() return "right" end })
print(L + R, R + L, 1 + R, L + 1)
-- expect: left	right	right	left

-- only the first result is used; the metamethod can return any type
local M = setmetatable({}, { __mul = function() return nil, "ignored" end })
print(M * 2)
-- expect: nil

-- numbers with numeric strings still use the string coercion
print("3" * 2)
-- expect: 6

-- missing metamethod on both sides: error naming the operand
print(pcall(function() local t = {}; return t + 1 end))
-- expect: false	arith_mm.lua:53: attempt to perform arithmetic on a table value (local 't')
print(pcall(function() local t = setmetatable({}, {}); return 1 - t end))
-- expect: false	arith_mm.lua:55: attempt to perform arithmetic on a table value (local 't')
print(pcall(function() return {} * {} end))
-- expect: false	arith_mm.lua:57: attempt to perform arithmetic on a table value
print(pcall(function() local a = {}; return -a end))
-- expect: false	arith_mm.lua:59: attempt to perform arithmetic on a table value (local 'a')

-- arithmetic on a metamethod that errors
local E = setmetatable({}, { __div = function() error("div failed") end })
print(pcall(function() return E / 1 end))
-- expect: false	arith_mm.lua:63: div failed

-- __add called with a float and an int keeps the values intact
local T = setmetatable({}, { __add = function(a, b)
  local function s(x) if type(x) == "table" then return "T" end return tostring(x) end
  return s(a) .. "+" .. s(b)
end })
print(1.5 + T, T + 2, T + T, "7" + T)
-- expect: 1.5+T	T+2	T+T	7+T
