-- math functions that keep integers integral: abs, floor, ceil, fmod, modf, max, min,
-- tointeger, type, ult; and the constants.

local function show(...)
  local parts = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    parts[i] = tostring(v) .. ":" .. tostring(math.type(v) or type(v))
  end
  return table.concat(parts, " ")
end

print(show(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger))
-- expect: 3.1415926535898:float inf:float -inf:float 9223372036854775807:integer -9223372036854775808:integer
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
-- expect: true	true

-- abs
print(show(math.abs(-5), math.abs(5), math.abs(0), math.abs(-0.0), math.abs(-2.5)))
-- expect: 5:integer 5:integer 0:integer 0.0:float 2.5:float
print(show(math.abs(math.mininteger), math.abs(math.maxinteger), math.abs(-math.huge)))
-- expect: -9223372036854775808:integer 9223372036854775807:integer inf:float
print(show(math.abs("-3"), math.abs("4.5"), math.abs(" 0x10 ")))
-- expect: 3.0:float 4.5:float 16.0:float

-- floor and ceil: integers stay, floats that fit become integers
print(show(math.floor(3), math.floor(-3), math.floor(3.7), math.floor(-3.7), math.floor(-0.0)))
-- expect: 3:integer -3:integer 3:integer -4:integer 0:integer
print(show(math.ceil(3), math.ceil(3.2), math.ceil(-3.2), math.ceil(-0.5), math.ceil(0.5)))
-- expect: 3:integer 4:integer -3:integer 0:integer 1:integer
print(show(math.floor(2^62), math.floor(2^63), math.floor(-2^63), math.ceil(-2^63)))
-- expect: 4611686018427387904:integer 9.2233720368548e+18:float -9223372036854775808:integer -9223372036854775808:integer
print(show(math.floor(1e100), math.ceil(-1e100), math.floor(math.huge), math.ceil(-math.huge)))
-- expect: 1e+100:float -1e+100:float inf:float -inf:float
print(show(math.floor("3.5"), math.ceil("3.5"), math.floor("10")))
-- expect: 3:integer 4:integer 10:integer
local nan = 0 / 0
print(math.floor(nan) ~= math.floor(nan), math.ceil(nan) ~= math.ceil(nan))
-- expect: true	true
print(show(math.floor(math.maxinteger + 0.0), math.floor(math.mininteger + 0.0)))
-- expect: 9.2233720368548e+18:float -9223372036854775808:integer

-- fmod: integer version truncates toward zero, like C
print(show(math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.fmod(-7, -3)))
-- expect: 1:integer -1:integer 1:integer -1:integer
print(show(math.fmod(math.mininteger, -1), math.fmod(math.maxinteger, -1), math.fmod(5, 1)))
-- expect: 0:integer 0:integer 0:integer
print(show(math.fmod(math.mininteger, math.maxinteger), math.fmod(math.maxinteger, math.mininteger)))
-- expect: -1:integer 9223372036854775807:integer
print(show(math.fmod(7.5, 2), math.fmod(-7.5, 2), math.fmod(7, 2.0)))
-- expect: 1.5:float -1.5:float 1.0:float
print(math.fmod(1, 0.0) ~= math.fmod(1, 0.0), math.fmod(1.0, 0) ~= math.fmod(1.0, 0))
-- expect: true	true
print(show(math.fmod(5.0, math.huge), math.fmod(-5, math.huge), math.fmod(3, "2")))
-- expect: 5.0:float -5.0:float 1.0:float
print(math.fmod(math.huge, 1) ~= math.fmod(math.huge, 1))
-- expect: true
print(pcall(math.fmod, 1, 0))
-- expect: false	bad argument #2 to 'math.fmod' (zero)
print(pcall(math.fmod, math.mininteger, 0))
-- expect: false	bad argument #2 to 'math.fmod' (zero)
print(pcall(math.fmod, 1))
-- expect: false	bad argument #2 to 'math.fmod' (number expected, got no value)
print(pcall(math.fmod, "a", 1))
-- expect: false	bad argument #1 to 'math.fmod' (number expected, got string)

-- modf: float results for the fractional part, integers when the integral part fits
print(show(math.modf(3.7)))
-- expect: 3:integer 0.7:float
print(show(math.modf(-3.7)))
-- expect: -3:integer -0.7:float
print(show(math.modf(5)))
-- expect: 5:integer 0.0:float
print(show(math.modf(-0.0)))
-- expect: 0:integer 0.0:float
print(show(math.modf(math.huge)))
-- expect: inf:float 0.0:float
print(show(math.modf(-math.huge)))
-- expect: -inf:float 0.0:float
print(show(math.modf(2^63)))
-- expect: 9.2233720368548e+18:float 0.0:float
print(show(math.modf(1e300)))
-- expect: 1e+300:float 0.0:float
print(show(math.modf("2.25")))
-- expect: 2:integer 0.25:float
local ip, fp = math.modf(nan)
print(ip ~= ip, fp ~= fp)
-- expect: true	true

-- max and min keep the chosen argument itself
print(show(math.max(1, 2, 3), math.max(3, 2, 1), math.max(1, 2.5), math.max(2.0, 2)))
-- expect: 3:integer 3:integer 2.5:float 2.0:float
print(show(math.min(1, 2, 3), math.min(3, 2, 1), math.min(1, -2.5), math.min(2, 2.0)))
-- expect: 1:integer 1:integer -2.5:float 2:integer
print(show(math.max(math.mininteger, -math.huge), math.min(math.maxinteger, math.huge)))
-- expect: -9223372036854775808:integer 9223372036854775807:integer
print(show(math.max(5), math.min(-5.5)))
-- expect: 5:integer -5.5:float
print(show(math.max(1, nan), math.min(1, nan)))
-- expect: 1:integer 1:integer
print(math.max(nan, 1) ~= math.max(nan, 1))
-- expect: true
print(show(math.max(2^53, 2^53 + 1), math.min(2^53 + 1, 2^53)))
-- expect: 9.007199254741e+15:float 9.007199254741e+15:float
print(show(math.max("10", "9"), math.min("10", "9")))
-- expect: 9:string 10:string
print(pcall(math.max))
-- expect: false	bad argument #1 to 'math.max' (value expected)
print(pcall(math.min))
-- expect: false	bad argument #1 to 'math.min' (value expected)
print(pcall(math.max, 1, "x"))
-- expect: false	attempt to compare number with string
print(pcall(math.min, {}, 1))
-- expect: false	attempt to compare number with table

-- tointeger (lua5.4.4 converts strings too)
print(show(math.tointeger(3), math.tointeger(3.0), math.tointeger(-0.0), math.tointeger(2^53)))
-- expect: 3:integer 3:integer 0:integer 9007199254740992:integer
print(math.tointeger(3.5), math.tointeger(2^63), math.tointeger(nan), math.tointeger(math.huge))
-- expect: nil	nil	nil	nil
print(math.tointeger("8"), math.tointeger("8.0"), math.tointeger("0x10"), math.tointeger("8.5"))
-- expect: 8	8	16	nil
print(math.tointeger("x"), math.tointeger({}), math.tointeger(nil), math.tointeger(true))
-- expect: nil	nil	nil	nil
print(pcall(math.tointeger))
-- expect: false	bad argument #1 to 'math.tointeger' (value expected)

-- type
print(math.type(1), math.type(1.0), math.type(2^63), math.type("1"), math.type(nil))
-- expect: integer	float	float	nil	nil
print(pcall(math.type))
-- expect: false	bad argument #1 to 'math.type' (value expected)

-- ult
print(math.ult(1, 2), math.ult(2, 1), math.ult(-1, 1), math.ult(1, -1), math.ult(0, 0))
-- expect: true	false	false	true	false
print(math.ult(math.maxinteger, math.mininteger), math.ult(math.mininteger, math.maxinteger))
-- expect: true	false
print(pcall(math.ult, 1.5, 2))
-- expect: false	bad argument #1 to 'math.ult' (number has no integer representation)
print(pcall(math.ult, 1))
-- expect: false	bad argument #2 to 'math.ult' (number expected, got no value)
print(math.ult(2.0, "3"))
-- expect: true
