-- Recursive Fibonacci: Lua-to-Lua calls, integer arithmetic, comparisons.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
local sum = 0
for n = 30, 32 do sum = sum + fib(n) end
print(fib(32), sum)
