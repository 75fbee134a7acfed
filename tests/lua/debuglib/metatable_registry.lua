-- debug.getmetatable / setmetatable (any type, no __metatable protection) and getregistry.

local t = {}
local mt = {__metatable = "protected"}
setmetatable(t, mt)
print(getmetatable(t), debug.getmetatable(t) == mt)
-- expect: protected	true
print(pcall(setmetatable, t, {}))
-- expect: false	cannot change a protected metatable
print(debug.setmetatable(t, nil) == t, getmetatable(t))
-- expect: true	nil
print(debug.setmetatable(t, mt) == t, debug.getmetatable(t) == mt)
-- expect: true	true

-- strings share one metatable
print(debug.getmetatable("x") == getmetatable(""), debug.getmetatable("x").__index == string)
-- expect: true	true

-- other types: numbers, booleans, nil, functions, threads
print(debug.getmetatable(1), debug.getmetatable(true), debug.getmetatable(nil))
-- expect: nil	nil	nil
local nmt = {__index = function(n, k) return k .. tostring(n) end,
             __call = function(n, x) return n + x end}
print(debug.setmetatable(10, nmt))
-- expect: 10
print((5).abc, (2.5).x, (7)(1))
-- expect: abc5	x2.5	8
print(debug.getmetatable(3) == nmt, getmetatable(1.5) == nmt)
-- expect: true	true
print(debug.setmetatable(0, nil), debug.getmetatable(1))
-- expect: 0	nil
print(pcall(function() return (5).abc end))
-- expect: false	metatable_registry.lua:32: attempt to index a number value

local bmt = {__len = function(b) return b and 1 or 0 end}
debug.setmetatable(true, bmt)
print(#true, #false, getmetatable(false) == bmt)
-- expect: 1	0	true
debug.setmetatable(false, nil)
print(debug.getmetatable(true))
-- expect: nil

debug.setmetatable(nil, {__index = function(_, k) return "nil." .. k end})
local nothing
print(nothing.field)
-- expect: nil.field
debug.setmetatable(nil, nil)
print(pcall(function() return nothing.field end))
-- expect: false	metatable_registry.lua:48: attempt to index a nil value (upvalue 'nothing')

local fmt = {__index = {name = "a function"}, __concat = function(a, b) return "f..f" end}
debug.setmetatable(print, fmt)
print(print.name, print .. print, (function() end).name)
-- expect: a function	f..f	a function
debug.setmetatable(print, nil)
print(debug.getmetatable(print))
-- expect: nil

local co = coroutine.create(function() end)
debug.setmetatable(co, {__tostring = function() return "a thread" end})
print(tostring(co), tostring(coroutine.running()))
-- expect: a thread	a thread
debug.setmetatable(co, nil)

-- errors
print(pcall(debug.getmetatable))
-- expect: false	bad argument #1 to 'debug.getmetatable' (value expected)
print(pcall(debug.setmetatable, {}, 1))
-- expect: false	bad argument #2 to 'debug.setmetatable' (nil or table expected, got number)
print(pcall(debug.setmetatable, {}))
-- expect: false	bad argument #2 to 'debug.setmetatable' (nil or table expected, got no value)
print(pcall(debug.setmetatable))
-- expect: false	bad argument #2 to 'debug.setmetatable' (nil or table expected, got no value)
print(select('#', debug.setmetatable({}, nil)))
-- expect: 1
print(select('#', debug.getmetatable({})))
-- expect: 1

-- the registry
local reg = debug.getregistry()
print(type(reg), reg == debug.getregistry())
-- expect: table	true
print(reg._LOADED == package.loaded, reg[2] == _G, type(reg[1]))
-- expect: true	true	thread
print(reg[1] == coroutine.running())
-- expect: true
print(type(reg._LOADED.string), reg._LOADED._G == _G)
-- expect: table	true
