-- Numeric for loops and a while loop with integer and float arithmetic.
-- (Only operators that Lua 5.1/LuaJIT share, so luajit -joff runs it too.)
local isum = 0
for i = 1, 20000000 do
  isum = isum + (i % 7) * 3 - (i % 5)
end
local fsum = 0.0
for i = 1, 10000000 do
  fsum = fsum + i * 0.5 - i / 3
end
-- Park-Miller PRNG: products stay below 2^53, so doubles (LuaJIT) agree with integers
local x, hits, k = 42, 0, 0
while k < 5000000 do
  x = (x * 16807) % 2147483647
  if x % 2 == 0 then hits = hits + 1 end
  k = k + 1
end
print(isum, fsum, hits, x)
