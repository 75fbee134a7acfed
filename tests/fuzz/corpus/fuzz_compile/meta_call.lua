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

