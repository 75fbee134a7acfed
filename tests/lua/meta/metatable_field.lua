-- getmetatable/setmetatable and the __metatable field.

local mt = {}
local t = setmetatable({}, mt)
print(getmetatable(t) == mt, setmetatable(t, nil) == t, getmetatable(t))
-- expect: true	true	nil

-- __metatable protects the metatable
local protected = setmetatable({}, { __metatable = "locked" })
print(getmetatable(protected))
-- expect: locked
print(pcall(setmetatable, protected, {}))
-- expect: false	cannot change a protected metatable
print(pcall(setmetatable, protected, nil))
-- expect: false	cannot change a protected metatable
local prot2 = setmetatable({}, { __metatable = false })
print(getmetatable(prot2), pcall(setmetatable, prot2, {}))
-- expect: false	false	cannot change a protected metatable

-- argument errors
print(pcall(setmetatable, nil, {}))
-- expect: false	bad argument #1 to 'setmetatable' (table expected, got nil)
print(pcall(setmetatable, {}, 1))
-- expect: false	bad argument #2 to 'setmetatable' (nil or table expected, got number)
print(pcall(setmetatable, {}))
-- expect: false	bad argument #2 to 'setmetatable' (nil or table expected, got no value)
print(pcall(setmetatable, 1, {}))
-- expect: false	bad argument #1 to 'setmetatable' (table expected, got number)
print(pcall(getmetatable))
-- expect: false	bad argument #1 to 'getmetatable' (value expected)

-- getmetatable of values without metatables
print(getmetatable({}), getmetatable(1), getmetatable(nil), getmetatable(print))
-- expect: nil	nil	nil	nil

-- a metatable can be shared and modified later
local shared = {}
local a, b = setmetatable({}, shared), setmetatable({}, shared)
shared.__index = function() return "shared" end
print(a.x, b.y)
-- expect: shared	shared

-- a table can be its own metatable
local self = {}
self.__index = function(_, k) return "self " .. k end
setmetatable(self, self)
print(self.foo)
-- expect: self foo
