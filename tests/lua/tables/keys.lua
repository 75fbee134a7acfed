-- Table keys: normalization of floats, invalid keys, and key identity.

local t = {}
t[1] = "int one"
print(t[1.0], t[1])
-- expect: int one	int one
t[1.0] = "float one"
print(t[1])
-- expect: float one
t[2^53] = "big"
print(t[9007199254740992], t[2^53])
-- expect: big	big
t[-0.0] = "zero"
print(t[0], t[-0.0], t[0.0])
-- expect: zero	zero	zero
t[1.5] = "one and a half"
print(t[1.5], t[3 / 2])
-- expect: one and a half	one and a half

-- strings are never converted to numbers for keys
t["1"] = "string one"
print(t[1], t["1"])
-- expect: float one	string one
t["10"] = "s10"
print(t[10], t["10"])
-- expect: nil	s10

-- booleans, tables and functions as keys
local k1, k2 = {}, {}
local fn = function() end
t[true] = "T"; t[false] = "F"; t[k1] = "k1"; t[k2] = "k2"; t[fn] = "fn"
print(t[true], t[false], t[k1], t[k2], t[fn], t[{}])
-- expect: T	F	k1	k2	fn	nil

-- nil and NaN keys: reading gives nil, writing is an error
print(t[nil], t[0 / 0])
-- expect: nil	nil
print(pcall(function() t[nil] = 1 end))
-- expect: false	keys.lua:38: table index is nil
print(pcall(function() t[0 / 0] = 1 end))
-- expect: false	keys.lua:40: table index is NaN
print(pcall(rawset, t, nil, 1))
-- expect: false	table index is nil
print(pcall(rawset, t, 0 / 0, 1))
-- expect: false	table index is NaN
print(pcall(function() return { [nil] = 1 } end))
-- expect: false	keys.lua:46: table index is nil
print(pcall(function() local k = 0 / 0; return { [k] = 1 } end))
-- expect: false	keys.lua:48: table index is NaN

-- assigning nil removes the key
t.x = 1
t.x = nil
print(t.x, rawget(t, "x"))
-- expect: nil	nil

-- long and short strings are equal by content
local long1 = "a long string key that is longer than forty characters in total ok"
local long2 = "a long string key that is longer than forty characters" .. " in total ok"
t[long1] = "long"
print(t[long2], long1 == long2)
-- expect: long	true

-- integer keys near the limits
local max = 9223372036854775807
t[max] = "max"
t[-max - 1] = "min"
print(t[max], t[-max - 1], t[max + 0.0], t[2 ^ 63])
-- expect: max	min	nil	nil

-- many keys of mixed types
local m = {}
for i = 1, 1000 do
  m[i] = i
  m["k" .. i] = i
  m[i + 0.5] = i
end
local sum, count = 0, 0
for k, v in pairs(m) do sum = sum + v; count = count + 1 end
print(count, sum)
-- expect: 3000	1501500
