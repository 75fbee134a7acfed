-- Bitwise metamethods and when they are tried.

local B = {}
local function b(x) return setmetatable({ x = x }, B) end
local function val(o) if type(o) == "table" then return o.x end return o end
B.__band = function(a, c) return "band " .. val(a) .. " " .. val(c) end
B.__bor = function(a, c) return "bor " .. val(a) .. " " .. val(c) end
B.__bxor = function(a, c) return "bxor " .. val(a) .. " " .. val(c) end
B.__shl = function(a, c) return "shl " .. val(a) .. " " .. val(c) end
B.__shr = function(a, c) return "shr " .. val(a) .. " " .. val(c) end
B.__bnot = function(a, c) return "bnot " .. val(a) .. " " .. tostring(a == c) end

print(b(1) & 2, 3 | b(4), b(5) ~ b(6), b(7) << 1, 8 >> b(2), ~b(9))
-- expect: band 1 2	bor 3 4	bxor 5 6	shl 7 1	shr 8 2	bnot 9 true

-- the metamethod is tried when an operand is a float without integer value ...
local F = setmetatable({}, { __bor = function(a, c) return "F bor" end })
print(1.5 | F, F | 1.5)
-- expect: F bor	F bor
-- ... but two plain numbers never consult metamethods
print(pcall(function() return 1.5 | 1 end))
-- expect: false	bitwise_mm.lua:21: number has no integer representation

-- strings: a metamethod on the other operand is used
print("x" & b(1))
-- expect: band x 1

-- missing metamethods name the operand
print(pcall(function() local t = {}; return t & 1 end))
-- expect: false	bitwise_mm.lua:29: attempt to perform bitwise operation on a table value (local 't')
print(pcall(function() local t = {}; return ~t end))
-- expect: false	bitwise_mm.lua:31: attempt to perform bitwise operation on a table value (local 't')
print(pcall(function() local t = setmetatable({}, { __band = B.__band }); return t | 1 end))
-- expect: false	bitwise_mm.lua:33: attempt to perform bitwise operation on a table value (local 't')
