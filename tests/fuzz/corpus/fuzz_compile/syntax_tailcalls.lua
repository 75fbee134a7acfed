-- Proper tail calls: unbounded depth in constant stack space.

local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + 1)
end
print("tail 1e6", loop(1000000, 0))
-- expect: tail 1e6	1000000

-- mutual tail recursion
local is_even, is_odd
function is_even(n) if n == 0 then return true end return is_odd(n - 1) end
function is_odd(n) if n == 0 then return false end return is_even(n - 1) end
print("even", is_even(1000001), is_odd(1000001))
-- expect: even	false	true

-- tail calls through varargs keep all results
local function pass(n, ...)
  if n == 0 then return ... end
  return pass(n - 1, ...)
end
print("varargs", pass(300000, "a", nil, "c"))
-- expect: varargs	a	nil	c

-- a tail call to a table with __call
local callable = setmetatable({}, { __call = function(self, n)
  if n == 0 then return "called" end
  return self(n - 1)
end })
local function via(n) return callable(n) end
print("__call", via(100000))
-- expect: __call	called

-- method tail calls
local obj = { n = 0 }
function obj:count(k) if k == 0 then return self.n end self.n = self.n + 1 return self:count(k - 1) end
print("method", obj:count(500000))
-- expect: method	500000

