-- Errors raised inside metamethods propagate with their own position.

local t = setmetatable({}, {
  __index = function(_, k) error("no field " .. k) end,
  __newindex = function(_, k) error("cannot set " .. k, 2) end,
  __add = function() error({ kind = "add" }) end,
  __call = function() local x = nil; return x.y end,
  __eq = function() error("eq error", 0) end,
  __lt = function() error("lt error") end,
  __concat = function() error() end,
  __len = function() return nil + 1 end,
  __unm = function(a) return -a end,
})

print(pcall(function() return t.missing end))
-- expect: false	errors_in_mm.lua:4: no field missing
print(pcall(function() t.k = 1 end))
-- expect: false	errors_in_mm.lua:17: cannot set k
local ok, e = pcall(function() return t + 1 end)
print(ok, type(e), e.kind)
-- expect: false	table	add
print(pcall(t))
-- expect: false	errors_in_mm.lua:7: attempt to index a nil value (local 'x')
print(pcall(function() return t == setmetatable({}, getmetatable(t)) end))
-- expect: false	eq error
print(pcall(function() return t < t end))
-- expect: false	errors_in_mm.lua:9: lt error
print(pcall(function() return t .. "x" end))
-- expect: false	nil
print(pcall(function() return #t end))
-- expect: false	errors_in_mm.lua:11: attempt to perform arithmetic on a nil value
-- infinite recursion through a metamethod ends in a stack overflow error
local ok2, e2 = pcall(function() return -t end)
print(ok2, type(e2))
-- expect: false	string

-- errors in __index functions reached through a chain
local base = setmetatable({}, { __index = function(_, k) error("deep " .. k, 2) end })
local derived = setmetatable({}, { __index = base })
print(pcall(function() return derived.z end))
-- expect: false	errors_in_mm.lua:40: deep z

-- error in __tostring called by print
local p = setmetatable({}, { __tostring = function() error("tostring boom") end })
print(pcall(print, p))
-- expect: false	errors_in_mm.lua:44: tostring boom

-- xpcall handler sees errors from metamethods
print(xpcall(function() return t.q end, function(m) return "handled: " .. m end))
-- expect: false	handled: errors_in_mm.lua:4: no field q
