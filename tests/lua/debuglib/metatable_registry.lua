-- debug.getmetatable / setmetatable (any type, no __metatable protection) and getregistry.

local t = {}
local mt = {__metatable = "protected"}
setmetatable(t, mt)
print(getmetatable(t), debug.getmetatable(t) == mt)
print(pcall(setmetatable, t, {}))
print(debug.setmetatable(t, nil) == t, getmetatable(t))
print(debug.setmetatable(t, mt) == t, debug.getmetatable(t) == mt)

-- strings share one metatable
print(debug.getmetatable("x") == getmetatable(""), debug.getmetatable("x").__index == string)

-- other types: numbers, booleans, nil, functions, threads
print(debug.getmetatable(1), debug.getmetatable(true), debug.getmetatable(nil))
local nmt = {__index = function(n, k) return k .. tostring(n) end,
             __call = function(n, x) return n + x end}
print(debug.setmetatable(10, nmt))
print((5).abc, (2.5).x, (7)(1))
print(debug.getmetatable(3) == nmt, getmetatable(1.5) == nmt)
print(debug.setmetatable(0, nil), debug.getmetatable(1))
print(pcall(function() return (5).abc end))

local bmt = {__len = function(b) return b and 1 or 0 end}
debug.setmetatable(true, bmt)
print(#true, #false, getmetatable(false) == bmt)
debug.setmetatable(false, nil)
print(debug.getmetatable(true))

debug.setmetatable(nil, {__index = function(_, k) return "nil." .. k end})
local nothing
print(nothing.field)
debug.setmetatable(nil, nil)
print(pcall(function() return nothing.field end))

local fmt = {__index = {name = "a function"}, __concat = function(a, b) return "f..f" end}
debug.setmetatable(print, fmt)
print(print.name, print .. print, (function() end).name)
debug.setmetatable(print, nil)
print(debug.getmetatable(print))

local co = coroutine.create(function() end)
debug.setmetatable(co, {__tostring = function() return "a thread" end})
print(tostring(co), tostring(coroutine.running()))
debug.setmetatable(co, nil)

-- errors
print(pcall(debug.getmetatable))
print(pcall(debug.setmetatable, {}, 1))
print(pcall(debug.setmetatable, {}))
print(pcall(debug.setmetatable))
print(select('#', debug.setmetatable({}, nil)))
print(select('#', debug.getmetatable({})))

-- the registry
local reg = debug.getregistry()
print(type(reg), reg == debug.getregistry())
print(reg._LOADED == package.loaded, reg[2] == _G, type(reg[1]))
print(reg[1] == coroutine.running())
print(type(reg._LOADED.string), reg._LOADED._G == _G)
