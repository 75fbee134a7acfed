-- Floor division and modulo for integers and floats, with negative operands and zero.
-- a // b == floor(a / b) and a % b == a - (a // b) * b (the result has b's sign).

local function both(a, b)
  print(a .. " // " .. b .. " = " .. tostring(a // b), a .. " % " .. b .. " = " .. tostring(a % b))
end
both(7, 2)
-- expect: 7 // 2 = 3	7 % 2 = 1
both(-7, 2)
-- expect: -7 // 2 = -4	-7 % 2 = 1
both(7, -2)
-- expect: 7 // -2 = -4	7 % -2 = -1
both(-7, -2)
-- expect: -7 // -2 = 3	-7 % -2 = -1
both(6, 3)
-- expect: 6 // 3 = 2	6 % 3 = 0
both(-6, 3)
-- expect: -6 // 3 = -2	-6 % 3 = 0
both(0, 5)
-- expect: 0 // 5 = 0	0 % 5 = 0
both(0, -5)
-- expect: 0 // -5 = 0	0 % -5 = 0
both(1, 1)
-- expect: 1 // 1 = 1	1 % 1 = 0
both(-1, 1)
-- expect: -1 // 1 = -1	-1 % 1 = 0
both(5, 10)
-- expect: 5 // 10 = 0	5 % 10 = 5
both(-5, 10)
-- expect: -5 // 10 = -1	-5 % 10 = 5
both(7.0, 2)
-- expect: 7.0 // 2 = 3.0	7.0 % 2 = 1.0
both(-7.0, 2)
-- expect: -7.0 // 2 = -4.0	-7.0 % 2 = 1.0
both(7, -2.0)
-- expect: 7 // -2.0 = -4.0	7 % -2.0 = -1.0
both(-7.5, 2)
-- expect: -7.5 // 2 = -4.0	-7.5 % 2 = 0.5
both(7.5, -2)
-- expect: 7.5 // -2 = -4.0	7.5 % -2 = -0.5
both(5.3, 2)
-- expect: 5.3 // 2 = 2.0	5.3 % 2 = 1.3
both(-5.3, 2)
-- expect: -5.3 // 2 = -3.0	-5.3 % 2 = 0.7
both(5.25, -0.5)
-- expect: 5.25 // -0.5 = -11.0	5.25 % -0.5 = -0.25
both(3, 0.5)
-- expect: 3 // 0.5 = 6.0	3 % 0.5 = 0.0
both(0.0, 3)
-- expect: 0.0 // 3 = 0.0	0.0 % 3 = 0.0
both(-0.0, 3)
-- expect: -0.0 // 3 = -0.0	-0.0 % 3 = -0.0
both(1e308, 1e-308)
-- expect: 1e+308 // 1e-308 = inf	1e+308 % 1e-308 = 3.4984455462456e-309

-- by zero: integers raise errors, floats give inf/nan
print(pcall(function() return 1 // 0 end))
-- expect: false	idiv_mod.lua:57: attempt to divide by zero
print(pcall(function() return 1 % 0 end))
-- expect: false	idiv_mod.lua:59: attempt to perform 'n%0'
print(pcall(function() local z = 0; return -5 // z end))
-- expect: false	idiv_mod.lua:61: attempt to divide by zero
print(pcall(function() local z = 0; return 0 % z end))
-- expect: false	idiv_mod.lua:63: attempt to perform 'n%0'
print(1 // 0.0, -1 // 0.0, 1.0 // 0, 0.0 // 0.0 ~= 0.0 // 0.0)
-- expect: inf	-inf	inf	true
print(1 % 0.0 ~= 1 % 0.0, 1.0 % 0 ~= 1.0 % 0)
-- expect: true	true

-- infinities
local inf = 1 / 0
print(5 % inf, -5 % inf, 5 % -inf, -5 % -inf)
-- expect: 5.0	inf	-inf	-5.0
print(5 // inf, -5 // inf, inf // 2, inf % 2 ~= inf % 2)
-- expect: 0.0	-0.0	inf	true
print(0 % inf, inf // inf ~= inf // inf)
-- expect: 0.0	true

-- extremes
local min = -9223372036854775807 - 1
print(min // -1, min % -1, min // min, min % min, 5 // min, -5 // min, 5 % min, -5 % min)
-- expect: -9223372036854775808	0	1	0	-1	0	-9223372036854775803	-5

-- string operands are converted
print("7" // 2, "7" % "2", 7 // "2.0", "-7.5" % 2)
-- expect: 3	1	3.0	0.5
