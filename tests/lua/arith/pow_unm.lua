-- Exponentiation always uses floats; unary minus keeps the subtype.

print(2 ^ 10, 2 ^ 0, 0 ^ 0, 0 ^ 1, 1 ^ 1e100, (-2) ^ 3, (-2) ^ 2)
-- expect: 1024.0	1.0	1.0	0.0	1.0	-8.0	4.0
print(2 ^ -2, 4 ^ 0.5, 27 ^ (1 / 3), 10 ^ 15, 10 ^ 16)
-- expect: 0.25	2.0	3.0	1e+15	1e+16
print((-8) ^ (1 / 3) ~= (-8) ^ (1 / 3))     -- NaN
-- expect: true
print(0 ^ -1, (-0.0) ^ -1, 2 ^ 1024, 2 ^ -1075)
-- expect: inf	-inf	inf	0.0
print(-(3), -(3.0), -(-3), -(0), -(0.0), -(1 / 0))
-- expect: -3	-3.0	3	0	-0.0	-inf
local x = 5
print(-x, - -x, -(-x), -x ^ 2, (-x) ^ 2)
-- expect: -5	5	5	-25.0	25.0
print(pcall(function() return -{} end))
-- expect: false	pow_unm.lua:16: attempt to perform arithmetic on a table value
print(pcall(function() local s = "a"; return s ^ 2 end))
-- expect: false	pow_unm.lua:18: attempt to pow a 'string' with a 'number'
print("2" ^ 2, 2 ^ "2", -"3")
-- expect: 4.0	4.0	-3
