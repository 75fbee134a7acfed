-- __call: callable tables, arguments, nesting, and method calls.

local callable = setmetatable({ name = "obj" }, {
  __call = function(self, a, b) return self.name, a, b end,
})
print(callable(1, 2))
-- expect: obj	1	2
print(callable())
-- expect: obj	nil	nil
print(pcall(callable, "p"))
-- expect: true	obj	p	nil

-- __call with varargs and multiple returns
local va = setmetatable({}, { __call = function(_, ...) return select("#", ...), ... end })
print(va(nil, nil, 3))
-- expect: 3	nil	nil	3

-- nested __call: the __call field is itself a callable table
-- (Lua 5.4 calls inner's __call with (inner, outer, "arg"))
local inner, outer
inner = setmetatable({}, { __call = function(self, x, y) return "inner", self == inner, x == outer, y end })
outer = setmetatable({}, { __call = inner })
print(pcall(outer, "arg"))
-- expect: true	inner	true	true	arg

-- __call in methods and as a field
local obj = { f = callable }
print(obj.f("x"))
-- expect: obj	x	nil
local name, arg1 = obj:f()
print(name, arg1 == obj)
-- expect: obj	true

-- __call used by for iterators
local counter = setmetatable({ n = 0 }, { __call = function(self)
  self.n = self.n + 1
  if self.n <= 3 then return self.n end
end })
for i in counter do print("iter", i) end
-- expect: iter	1
-- expect: iter	2
-- expect: iter	3

-- calling non-callables
print(pcall(function() local t = {}; t() end))
-- expect: false	call.lua:45: attempt to call a table value (local 't')
print(pcall(function() local t = setmetatable({}, { __call = 42 }); t() end))
-- expect: false	call.lua:47: attempt to call a number value (local 't')
print(pcall(function() local t = setmetatable({}, {}); t() end))
-- expect: false	call.lua:49: attempt to call a table value (local 't')

-- __call through pcall/xpcall and coroutine.wrap
print(xpcall(callable, function(m) return m end, "xp"))
-- expect: true	obj	xp	nil
print(pcall(coroutine.wrap, callable))
-- expect: false	bad argument #1 to 'coroutine.wrap' (function expected, got table)
local co = coroutine.wrap(function(...) return callable(...) end)
print(co("wrapped"))
-- expect: obj	wrapped	nil

-- tail call via __call
local function tc(x) return callable(x) end
print(tc("tail"))
-- expect: obj	tail	nil
