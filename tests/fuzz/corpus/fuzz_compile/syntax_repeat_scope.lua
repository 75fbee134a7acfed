-- repeat-until: the condition sees locals of the body.

local i = 0
repeat
  local j = i * 2
  i = i + 1
until j >= 6
print("i", i)
-- expect: i	4

-- the body's local shadows an outer one in the condition
local x = 100
local n = 0
repeat
  local x = n
  n = n + 1
until x == 3
print("n", n, "x", x)
-- expect: n	4	x	100

-- closures in the body capture a fresh local each iteration, usable in the condition
local fs = {}
local k = 0
repeat
  local v = k
  fs[#fs + 1] = function() return v end
  k = k + 1
until fs[#fs]() == 2
print(#fs, fs[1](), fs[2](), fs[3]())
-- expect: 3	0	1	2

-- break inside repeat
local c = 0
repeat
  c = c + 1
  if c == 4 then break end
until false
print("c", c)
-- expect: c	4

-- nested repeat with upvalues in the condition
local out = 0
repeat
  local a = out
  repeat
    local b = a
    a = a + 1
  until (function() return b >= out + 2 end)()
  out = out + 1
until out == 3
print("out", out)
-- expect: out	3

-- while and numeric for scoping
local w = 0
while w < 3 do local w2 = w; w = w2 + 1 end
print("w", w)
-- expect: w	3
for q = 1, 2 do local q = q * 10; print("q", q) end
-- expect: q	10
-- expect: q	20

