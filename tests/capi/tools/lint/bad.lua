local x = 1
local function f(a) return b end
print(undefined_global)
