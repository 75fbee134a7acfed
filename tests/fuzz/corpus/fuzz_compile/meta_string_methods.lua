-- s:method(...) through the strings' metatable: the string library's table as __index (the
-- interpreter's fast path), a missing method, and __index replaced by a function or a table.
local s = "hello world"
local n = 0
for i = 1, 3000 do n = n + s:byte(1 + i % 11) + #s:sub(2, 4) end
print(n)
-- expect: 313356
print(pcall(function() return s:nosuch() end))
-- expect: false	string_methods.lua:8: attempt to call a nil value (method 'nosuch')
local mt = getmetatable("")
local lib = mt.__index
mt.__index = function(str, k) return function() return "dyn " .. k .. " " .. #str end end
print(s:upper(), s:anything())
-- expect: dyn upper 11	dyn anything 11
mt.__index = setmetatable({}, {__index = lib})
print(s:upper())
-- expect: HELLO WORLD
mt.__index = {len = function() return "own len" end}
print(s:len(), pcall(function() return s:upper() end))
-- expect: own len	false	string_methods.lua:19: attempt to call a nil value (method 'upper')
mt.__index = lib
string.twice = function(str) return str .. str end
print(("ab"):twice(), ("x"):rep(3, ","))
-- expect: abab	x,x,x

