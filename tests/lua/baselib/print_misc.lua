-- print, _G, _VERSION, warn (off by default: nothing on stdout).

print()
-- expect:
print(nil, false, 1, 2.0, "s")
-- expect: nil	false	1	2.0	s
print(_VERSION, _G._G == _G, _G.print == print)
-- expect: Lua 5.4	true	true
local t = setmetatable({}, {__tostring = function() return "via __tostring" end})
print(t, 1)
-- expect: via __tostring	1
print(pcall(print, setmetatable({}, {__tostring = function() return 1 end})))
-- expect: 1
-- expect: true
print(pcall(print, setmetatable({}, {__tostring = function() return true end})))
-- expect: false	'__tostring' must return a string
warn("not shown")
print(pcall(warn))
-- expect: false	bad argument #1 to 'warn' (string expected, got no value)
print(pcall(warn, "a", 1))
-- expect: true
print(pcall(warn, "a", {}))
-- expect: false	bad argument #2 to 'warn' (string expected, got table)
