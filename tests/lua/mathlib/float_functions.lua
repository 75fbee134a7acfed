-- The float functions: sqrt, exp, log (with bases), trigonometry, deg/rad.
-- Results are printed with tostring (%.14g), which hides last-bit differences between libms.

print(math.sqrt(4), math.sqrt(2), math.sqrt(0), math.sqrt(-0.0), math.sqrt(math.huge))
-- expect: 2.0	1.4142135623731	0.0	-0.0	inf
print(math.sqrt(-1) ~= math.sqrt(-1), math.type(math.sqrt(16)))
-- expect: true	float
print(math.exp(0), math.exp(1), math.exp(-math.huge), math.exp(math.huge), math.exp(710))
-- expect: 1.0	2.718281828459	0.0	inf	inf

-- log: natural, base 2 and 10 (exact for powers), any other base
print(math.log(1), math.log(math.exp(2)), math.log(0), math.log(math.huge))
-- expect: 0.0	2.0	-inf	inf
print(math.log(8, 2), math.log(1024, 2), math.log(2^-1074, 2), math.log(3, 2))
-- expect: 3.0	10.0	-1074.0	1.5849625007212
print(math.log(1000, 10), math.log(1e-300, 10), math.log(0.001, 10))
-- expect: 3.0	-300.0	-3.0
print(math.log(27, 3), math.log(100, 100), math.log(2, 4), math.log(1, 1) ~= math.log(1, 1))
-- expect: 3.0	1.0	0.5	true
print(math.log(8, 2.0), math.log(100, 10.0), math.log(0, 2), math.log(0, 10))
-- expect: 3.0	2.0	-inf	-inf
print(math.log(-1) ~= math.log(-1), math.log(8, nil), math.type(math.log(1)))
-- expect: true	2.0794415416798	float
print(math.log(2, 0), math.log(2, 1), math.log(2, math.huge))
-- expect: -0.0	inf	0.0
print(math.log("8", "2"), math.log(100, "10"))
-- expect: 3.0	2.0

-- trigonometry
print(math.sin(0), math.sin(math.pi / 2), math.sin(-math.pi / 6))
-- expect: 0.0	1.0	-0.5
print(math.cos(0), math.cos(math.pi), math.cos(math.pi / 3))
-- expect: 1.0	-1.0	0.5
print(math.tan(0), math.tan(math.pi / 4), math.tan(-math.pi / 4))
-- expect: 0.0	1.0	-1.0
print(math.asin(1), math.asin(0), math.asin(-1), math.asin(2) ~= math.asin(2))
-- expect: 1.5707963267949	0.0	-1.5707963267949	true
print(math.acos(1), math.acos(0), math.acos(-1), math.acos(-2) ~= math.acos(-2))
-- expect: 0.0	1.5707963267949	3.1415926535898	true
print(math.atan(1), math.atan(0), math.atan(math.huge), math.atan(-math.huge))
-- expect: 0.78539816339745	0.0	1.5707963267949	-1.5707963267949
print(math.atan(1, 1), math.atan(1, -1), math.atan(-1, -1), math.atan(0, -1), math.atan(-0.0, -1))
-- expect: 0.78539816339745	2.3561944901923	-2.3561944901923	3.1415926535898	-3.1415926535898
print(math.atan(1, 0), math.atan(0, 0), math.atan(-0.0, 0), math.atan(3, nil))
-- expect: 1.5707963267949	0.0	-0.0	1.2490457723983
print(math.sin(math.huge) ~= math.sin(math.huge), math.type(math.sin(0)))
-- expect: true	float

-- deg and rad
print(math.deg(math.pi), math.deg(1), math.deg(0), math.rad(180), math.rad(90), math.rad(-45))
-- expect: 180.0	57.295779513082	0.0	3.1415926535898	1.5707963267949	-0.78539816339745
print(math.type(math.deg(0)), math.type(math.rad(0)))
-- expect: float	float

-- integer arguments become floats
print(math.sqrt(9), math.exp(0), math.sin(0), math.cos(0), math.log(1, 2))
-- expect: 3.0	1.0	0.0	1.0	0.0

-- errors
print(pcall(math.sqrt))
-- expect: false	bad argument #1 to 'math.sqrt' (number expected, got no value)
print(pcall(math.sqrt, "x"))
-- expect: false	bad argument #1 to 'math.sqrt' (number expected, got string)
print(pcall(math.exp, {}))
-- expect: false	bad argument #1 to 'math.exp' (number expected, got table)
print(pcall(math.log))
-- expect: false	bad argument #1 to 'math.log' (number expected, got no value)
print(pcall(math.log, 1, "b"))
-- expect: false	bad argument #2 to 'math.log' (number expected, got string)
print(pcall(math.sin, nil))
-- expect: false	bad argument #1 to 'math.sin' (number expected, got nil)
-- (math.atan2 is the same function, so pcall(math.atan) could be named either way: call it
-- through a local, not in a tail call, so that the message uses the local's name)
print(pcall(function() local atan = math.atan; local r = atan(1, "x"); return r end))
-- expect: false	float_functions.lua:74: bad argument #2 to 'atan' (number expected, got string)
print(pcall(function() local atan = math.atan; local r = atan(); return r end))
-- expect: false	float_functions.lua:76: bad argument #1 to 'atan' (number expected, got no value)
print(pcall(math.deg, true))
-- expect: false	bad argument #1 to 'math.deg' (number expected, got boolean)
print(pcall(math.rad))
-- expect: false	bad argument #1 to 'math.rad' (number expected, got no value)
