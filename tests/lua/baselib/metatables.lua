-- getmetatable/setmetatable with __metatable protection, tostring with __tostring/__name.

local mt = {}
local t = setmetatable({}, mt)
print(getmetatable(t) == mt, getmetatable({}), getmetatable("x").__index == string)
-- expect: true	nil	true
mt.__metatable = "locked"
print(getmetatable(t))
-- expect: locked
print(pcall(setmetatable, t, {}))
-- expect: false	cannot change a protected metatable
print(pcall(setmetatable, t, nil))
-- expect: false	cannot change a protected metatable
print(pcall(setmetatable, 1, {}))
-- expect: false	bad argument #1 to 'setmetatable' (table expected, got number)
print(pcall(setmetatable, {}))
-- expect: false	bad argument #2 to 'setmetatable' (nil or table expected, got no value)
print(pcall(setmetatable, {}, 1))
-- expect: false	bad argument #2 to 'setmetatable' (nil or table expected, got number)
print(pcall(getmetatable))
-- expect: false	bad argument #1 to 'getmetatable' (value expected)
print(setmetatable({}, nil) ~= nil)
-- expect: true

local named = setmetatable({}, {__name = "My.Type"})
-- "My.Type: 0x...": compared by order to stay independent of the address
print(tostring(named) > "My.Type: 0", tostring(named) < "My.Type: 1")
-- expect: true	true
print(tostring(setmetatable({}, {__tostring = function() return "T!" end})))
-- expect: T!
print(pcall(tostring, setmetatable({}, {__tostring = function() return {} end})))
-- expect: false	'__tostring' must return a string
print(tostring(nil), tostring(true), tostring(12), tostring(1.5), tostring(-0.0), tostring(1e100))
-- expect: nil	true	12	1.5	-0.0	1e+100
print(tostring(2^63), tostring(-9223372036854775807 - 1), tostring(1/0), tostring(-1/0))
-- expect: 9.2233720368548e+18	-9223372036854775808	inf	-inf
print(pcall(tostring))
-- expect: false	bad argument #1 to 'tostring' (value expected)

-- setmetatable's fast path (an object without a metatable yet): extra arguments are ignored
-- and the object is the one result; __gc in the new metatable registers the finalizer; a
-- metatable set while a collection is under way stays reachable (the barrier).
local Class = {}
Class.__index = Class
function Class.get(self) return self.v end
local obj = {v = 7}
print(select("#", setmetatable(obj, Class, 1, 2)), setmetatable({}, Class, 1) ~= obj, obj:get())
-- expect: 1	true	7
print(setmetatable(obj, nil) == obj, getmetatable(obj))
-- expect: true	nil
print(getmetatable(setmetatable({}, nil)))
-- expect: nil
do
  local x = setmetatable({}, {__gc = function() print("finalized") end})
  x = nil
  collectgarbage()
end
-- expect: finalized
collectgarbage("incremental")
collectgarbage("step", 1)
local objs = {}
for i = 1, 2000 do objs[i] = setmetatable({v = i}, {__index = {twice = function(s) return 2 * s.v end}}) end
collectgarbage()
local total = 0
for i = 1, 2000 do total = total + objs[i]:twice() end
print(total)
-- expect: 4002000
collectgarbage("generational")
