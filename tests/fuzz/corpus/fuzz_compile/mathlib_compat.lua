-- The 5.3 compatibility functions that the reference lua5.4 is built with
-- (LUA_COMPAT_MATHLIB): atan2, cosh, sinh, tanh, pow, frexp, ldexp, log10.

print(math.atan2 == math.atan, math.atan2(1, 1), math.atan2(1, -1), math.atan2(1))
-- expect: true	0.78539816339745	2.3561944901923	0.78539816339745
print(math.cosh(0), math.cosh(1), math.sinh(0), math.sinh(-1), math.tanh(0), math.tanh(100))
-- expect: 1.0	1.5430806348152	0.0	-1.1752011936438	0.0	1.0
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(-8, 1 / 3) ~= math.pow(-8, 1 / 3), math.pow(0, 0))
-- expect: 1024.0	1.4142135623731	true	1.0
print(math.type(math.pow(2, 2)), math.pow("3", 2))
-- expect: float	9.0
print(math.frexp(8), math.frexp(0), math.frexp(-0.75), math.frexp(1e-310))
-- expect: 0.5	0.0	-0.75	0.57526180315594	-1029
print(math.frexp(math.huge), math.frexp(-math.huge))
-- expect: inf	-inf	0
print(math.ldexp(1, 10), math.ldexp(0.5, -1), math.ldexp(3, 0), math.ldexp(1, 1024), math.ldexp(1, -1075))
-- expect: 1024.0	0.25	3.0	inf	0.0
print(math.ldexp(1, 2^32 + 3))  -- the exponent is truncated to an int
-- expect: 8.0
print(math.log10(1000), math.log10(1), math.log10(0), math.log10(0.01))
-- expect: 3.0	0.0	-inf	-2.0

