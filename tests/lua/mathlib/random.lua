-- math.random and math.randomseed: xoshiro256** as lmathlib, so fixed seeds give lua5.4's
-- exact sequences (floats, integers, intervals, random(0)).

local function seq(n, ...)
  local parts = {}
  for i = 1, n do parts[i] = tostring(math.random(...)) end
  return table.concat(parts, " ")
end

-- randomseed returns the two seed components
print(math.randomseed(42))
-- expect: 42	0
print(math.randomseed(42, 7))
-- expect: 42	7
print(math.randomseed(-1, math.mininteger))
-- expect: -1	-9223372036854775808
print(math.randomseed(3.0, "5"))
-- expect: 3	5

math.randomseed(42)
print(seq(5))
-- expect: 0.93081217803957 0.45178389935924 0.54688311243421 0.79358935263827 0.61731763595847
print(seq(10, 6))
-- expect: 2 1 3 1 1 6 1 6 2 1
print(seq(10, -3, 3))
-- expect: 1 2 -3 0 -1 2 1 -3 -3 1
print(seq(4, 0))
-- expect: -8578693252800005000 -3918313459779243120 -3162614848339830327 -6408504988383324572
print(seq(6, 1000000))
-- expect: 431854 631254 854784 946664 901289 587839

math.randomseed(0)
print(seq(3))
-- expect: 0.24691184196099 0.23482927841848 0.069275939529085
print(seq(3, 0))
-- expect: -7628392839634014443 8746992150480317615 4894756490409203948
math.randomseed(0, 0)
print(seq(3, 0))
-- expect: 4554719557422691265 4331835599999590920 1277915526958806955
math.randomseed(1, 2)
print(seq(3, 0))
-- expect: 8291693048688576641 4164699302279098248 -4804042004314649444
math.randomseed(math.maxinteger, math.mininteger)
print(seq(3, 0))
-- expect: -2791550165717155446 5817696329707338889 5233550574294566965

-- intervals of every shape: power-of-two sizes (masking), others (rejection), the full range
math.randomseed(2024)
print(seq(8, 1, 8))
-- expect: 2 6 4 8 1 3 7 5
print(seq(8, 1, 7))
-- expect: 1 3 6 3 5 7 4 1
print(seq(8, 0, 1))
-- expect: 1 1 0 0 1 0 0 0
print(seq(6, 5, 5))
-- expect: 5 5 5 5 5 5
print(seq(4, math.mininteger, math.maxinteger))
-- expect: 7990635100659464135 -3174958949767842513 6757003645458912664 -957084292781421762
print(seq(4, math.mininteger, -1))
-- expect: -5565089084003603609 -8441926917792706449 -7122550285488802827 -382551099476421805
print(seq(4, 0, math.maxinteger))
-- expect: 4622227830531804965 8704508645430489854 543485043340071355 3774107981371120254
print(seq(4, math.maxinteger - 2, math.maxinteger))
-- expect: 9223372036854775806 9223372036854775806 9223372036854775805 9223372036854775806
print(seq(4, math.mininteger, math.mininteger + 2))
-- expect: -9223372036854775807 -9223372036854775806 -9223372036854775806 -9223372036854775808
print(seq(4, -10, 10))
-- expect: 7 -1 -1 -10
print(seq(4, 1, 3 * 2^40 + 1))
-- expect: 1065337146486 1902636958633 2274934711827 2619653889713

-- floats are in [0, 1) with 53 random bits
math.randomseed(123456789)
local min, max, allint = 1, 0, true
for i = 1, 2000 do
  local x = math.random()
  if x < min then min = x end
  if x > max then max = x end
  if x * 2^53 ~= math.floor(x * 2^53) then allint = false end
end
print(min >= 0, max < 1, allint, math.type(math.random()))
-- expect: true	true	true	float
print(seq(3))
-- expect: 0.068401395906765 0.32688289047076 0.61084085405362

-- all 53 bits, exactly
math.randomseed(31337, 1)
print(math.tointeger(math.random() * 2^53), math.tointeger(math.random() * 2^53))
-- expect: 7714462747497384	5403958807494347

-- the same seed gives the same sequence again
math.randomseed(99)
local a = seq(10, 100)
math.randomseed(99)
print(a == seq(10, 100), a)
-- expect: true	85 78 68 26 36 38 52 32 100 33

-- integer results are integers, also for float arguments with integral values
math.randomseed(5)
print(math.type(math.random(10)), math.type(math.random(1.0, 10.0)), math.random(3.0))
-- expect: integer	integer	2

-- distribution sanity: every value of a small range appears
math.randomseed(77)
local seen = {}
for i = 1, 200 do seen[math.random(5)] = true end
print(seen[1], seen[2], seen[3], seen[4], seen[5], seen[0], seen[6])
-- expect: true	true	true	true	true	nil	nil

-- without arguments, randomseed reseeds "randomly" and returns two integers
local s1, s2 = math.randomseed()
print(math.type(s1), math.type(s2))
-- expect: integer	integer
