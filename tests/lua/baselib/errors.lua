-- error levels and values, assert, pcall/xpcall and their results.

print(pcall(error, "msg"))
-- expect: false	msg
print(pcall(error, "msg", 0))
-- expect: false	msg
local function lvl1() error("at 1", 1) end
local function lvl2() error("at 2", 2) end
print(pcall(lvl1))
-- expect: false	errors.lua:7: at 1
print(pcall(lvl2))
-- expect: false	at 2
print(pcall(error))
-- expect: false	nil
print(pcall(error, nil))
-- expect: false	nil
print(select(2, pcall(error, {code = 1})).code)
-- expect: 1
print(select("#", pcall(error)))
-- expect: 2
local ok, e = pcall(error, setmetatable({}, {__tostring = function() return "obj" end}))
print(ok, tostring(e))
-- expect: false	obj
print(pcall(assert, true, "x", 3))
-- expect: true	true	x	3
print(pcall(assert, false))
-- expect: false	assertion failed!
print(pcall(assert, nil, "custom"))
-- expect: false	custom
print(select(2, pcall(assert, false, {1}))[1])
-- expect: 1
print(pcall(assert))
-- expect: false	bad argument #1 to 'assert' (value expected)
print(xpcall(function() error("E") end, function(m) return "handled: " .. m end))
-- expect: false	handled: errors.lua:34: E
print(xpcall(function(a, b) return a + b end, print, 3, 4))
-- expect: true	7
print(pcall(xpcall))
-- expect: false	bad argument #2 to 'xpcall' (function expected, got no value)
print(pcall(xpcall, print))
-- expect: false	bad argument #2 to 'xpcall' (function expected, got no value)
print(xpcall(error, function(m) return m end, "direct"))
-- expect: false	direct
-- errors inside the message handler
print(xpcall(function() error("E") end, function(m) error("again") end))
-- expect: false	error in error handling
print(pcall(pcall))
-- expect: false	bad argument #1 to 'pcall' (value expected)
print(pcall(function() local x = nil; return x.y end))
-- expect: false	errors.lua:49: attempt to index a nil value (local 'x')
-- nested pcall keeps results
print(pcall(pcall, error, "inner"))
-- expect: true	false	inner
print(pcall(function(...) return select("#", ...), ... end, 1, nil, 3))
-- expect: true	3	1	nil	3
