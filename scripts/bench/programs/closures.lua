-- Closure creation, upvalue access and higher-order functions.
local function make_counter()
  local n = 0
  return function(k) n = n + k; return n end
end
local function compose(f, g) return function(x) return f(g(x)) end end
local function map(t, f)
  local r = {}
  for i = 1, #t do r[i] = f(t[i]) end
  return r
end

local sum = 0
for i = 1, 300000 do
  local c = make_counter()
  c(i); c(1)
  sum = sum + c(0)
end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
local f = compose(inc, dbl)
for i = 1, 4000000 do sum = sum + f(i) end
local data = {}
for i = 1, 1000 do data[i] = i end
for _ = 1, 300 do
  local m = map(data, function(x) return x + sum % 7 end)
  sum = sum + m[#m]
end
print(sum)
