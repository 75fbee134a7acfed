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

