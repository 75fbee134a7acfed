-- Stack overflow is a catchable error; the interpreter stays usable afterwards.
-- The message text differs between implementations, so only its shape is printed.
-- heavy: recursion to the 1M-slot stack limit; with a full collection at every call that is quadratic

local function inf(n) return 1 + inf(n + 1) end
local ok, e = pcall(inf, 1)
print(ok, type(e))
-- expect: false	string

-- overflow in a method and in a vararg function
local obj = {}
function obj:m(...) return 1 + self:m(...) end
ok, e = pcall(obj.m, obj, 1, 2, 3)
print(ok, type(e))
-- expect: false	string

-- overflow through __index functions
local t = setmetatable({}, {})
getmetatable(t).__index = function(self, k) return self[k .. "x"] end
ok, e = pcall(function() return t.a end)
print(ok, type(e))
-- expect: false	string

-- overflow through __call
local c = setmetatable({}, {})
getmetatable(c).__call = function(self) return 1 + self() end
ok, e = pcall(c)
print(ok, type(e))
-- expect: false	string

-- overflow building a deep structure recursively with a handler
ok, e = xpcall(inf, function(m) return "handled" end, 1)
print(ok, e)
-- expect: false	handled

