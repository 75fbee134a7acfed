-- The float functions: sqrt, exp, log (with bases), trigonometry, deg/rad.
-- Results are printed with tostring (%.14g), which hides last-bit differences between libms.

print(math.sqrt(4), math.sqrt(2), math.sqrt(0), math.sqrt(-0.0), math.sqrt(math.huge))
-- expect: 2.0	1.4142135623731	0.0	-0.0	inf
print(math.sqrt(-1) ~= math.sqrt(-1), math.type(math.sqrt(16)))
-- expect: true	float
print(math.exp(0), math.exp(1), math.exp(-math.huge), math.exp(math.huge), math.exp(710))
-- expect: 1.0	2.718281828459	0.0	inf	inf

