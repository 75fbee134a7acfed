-- string.dump and load of the result: the reloaded function behaves as the original
-- (constants of every type, nested functions, varargs), with fresh upvalues.

local function reload(f, strip)
  return load(string.dump(f, strip), "=reloaded", "b")
end

-- Constants of every kind survive the trip, bit for bit.
local function constants()
  return nil, true, false, 0, 1, -1, 9223372036854775807, -9223372036854775807 - 1,
    0.1, -0.5, 1e308 * 10, 2^53, 3.0, "", "a\0b\0", "short string",
    "a long string constant that is longer than forty bytes, so it is not interned"
end
local g = reload(constants)
local r1 = {g()}
for i = 1, 17 do if i ~= 15 then print(i, r1[i]) end end
-- expect: 1	nil
-- expect: 2	true
-- expect: 3	false
-- expect: 4	0
-- expect: 5	1
-- expect: 6	-1
-- expect: 7	9223372036854775807
-- expect: 8	-9223372036854775808
-- expect: 9	0.1
-- expect: 10	-0.5
-- expect: 11	inf
-- expect: 12	9.007199254741e+15
-- expect: 13	3.0
-- expect: 14	
-- expect: 16	short string
-- expect: 17	a long string constant that is longer than forty bytes, so it is not interned
print(g() == nil, select("#", g()))
-- expect: true	17
local a = {constants()}
local b = {g()}
for i = 1, 17 do
  if a[i] ~= b[i] then print("differs at", i) end
end
print(#b[15], b[15] == "a\0b\0", string.byte(b[15], 2))
-- expect: 4	true	0
print(1 / select(11, g()), select(12, g()) == 2^53)
-- expect: 0.0	true

-- -0.0 and integer/float distinctions.
local function zeros() local z = -0.0 return z, 1 / z, 0.0, 0, 3 // 2, 3 / 2 end
print(reload(zeros)())
-- expect: -0.0	-inf	0.0	0	1	1.5
print(reload(zeros, true)())
-- expect: -0.0	-inf	0.0	0	1	1.5

-- Varargs and parameters.
local function va(x, ...)
  local n = select("#", ...)
  return x, n, ...
end
print(reload(va)(1, 2, nil, 4))
-- expect: 1	3	2	nil	4
print(reload(va, true)())
-- expect: nil	0
print(reload(function(...) return select("#", ...) end)(nil, nil, nil))
-- expect: 3

-- Nested functions and closures built after loading.
local function counter_maker()
  local function make(start)
    local n = start
    return function(step) n = n + (step or 1) return n end
  end
  local c = make(10)
  c() c(5)
  return c(), make(0)()
end
print(reload(counter_maker)())
-- expect: 17	1
print(reload(counter_maker, true)())
-- expect: 17	1

-- Upvalues are fresh: nil, except the first, which load sets to the globals table.
local u1, u2 = "one", "two"
local function ups() return u1, u2 end
print(ups())
-- expect: one	two
local r = reload(ups)
print(r() == _G, select(2, r()))
-- expect: true	nil
local function only_second() return u2 end
print(reload(only_second)() == _G)
-- expect: true

-- A main chunk keeps using its _ENV.
local chunk = load("x_from_dump = (x_from_dump or 0) + 1 return x_from_dump")
local main = load(string.dump(chunk))
print(main(), main(), x_from_dump)
-- expect: 1	2	2

-- Tables, loops, methods, string operations and goto in the reloaded code.
local function busy(n)
  local t = {}
  for i = 1, n do t[#t + 1] = i * i end
  local s = ""
  for _, v in ipairs(t) do s = s .. v .. "," end
  local obj = {v = 7}
  function obj:get() return self.v end
  local k = 0
  ::again::
  k = k + 1
  if k < 3 then goto again end
  local w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
    23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44,
    45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, select(2, 0, 56, 57)}
  return s, obj:get(), k, #w, s:sub(1, 3):upper(), n > 2 and "big" or "small"
end
print(busy(5))
-- expect: 1,4,9,16,25,	7	3	57	1,4	big
print(reload(busy)(5))
-- expect: 1,4,9,16,25,	7	3	57	1,4	big
print(reload(busy, true)(2))
-- expect: 1,4,	7	3	57	1,4	small

-- Dumps of reloaded functions are the same bytes.
local d1 = string.dump(busy)
print(string.dump(load(d1)) == d1, #string.dump(busy, true) < #d1)
-- expect: true	true
local s1 = string.dump(busy, true)
print(string.dump(load(s1), true) == s1, string.dump(load(s1)) == s1)
-- expect: true	false

-- Deep nesting of functions.
local deep = load("return function() return function() return function() " ..
  "return function() return 'deep' end end end end")
print(reload(deep)()()()()())
-- expect: deep
