-- pcall and xpcall: results, handlers, nesting.

print(pcall(function(...) return ... end, 1, nil, 3))
-- expect: true	1	nil	3
print(select("#", pcall(function() end)))
-- expect: 1
print(pcall(print == print and function() return true end))
-- expect: true	true
print(pcall(nil))
-- expect: false	attempt to call a nil value
print(pcall(42))
-- expect: false	attempt to call a number value
print(pcall({}))
-- expect: false	attempt to call a table value
print(pcall(pcall))
-- expect: false	bad argument #1 to 'pcall' (value expected)
print(pcall(pcall, error, "nested"))
-- expect: true	false	nested
print(pcall(pcall, pcall, error, "deep"))
-- expect: true	true	false	deep

-- xpcall passes extra arguments and calls the handler with the original error object
print(xpcall(function(a, b) return a + b end, print, 3, 4))
-- expect: true	7
local obj = { msg = "object" }
print(xpcall(function() error(obj) end, function(e) return e == obj, e.msg end))
-- expect: false	true
print(xpcall(function() error("str") end, function(e) return "handled(" .. e .. ")" end))
-- expect: false	handled(pcall_xpcall.lua:28: str)
print(xpcall(function() error() end, function(e) return "got " .. tostring(e) end))
-- expect: false	got nil
-- the handler runs before the stack unwinds: it can see locals through upvalues
local depth = 0
local function recurse(n) depth = n; if n == 0 then error("bottom") end return recurse(n - 1) + 0 end
print(xpcall(recurse, function(e) return e .. " at depth " .. depth end, 5))
-- expect: false	pcall_xpcall.lua:34: bottom at depth 0

-- the handler's single return value replaces the error
print(xpcall(error, function() return 1, 2, 3 end, "x"))
-- expect: false	1
print(xpcall(error, function() end, "x"))
-- expect: false	nil

-- errors inside the handler
print(xpcall(error, function(e) error("handler failed") end, "orig"))
-- expect: false	error in error handling

-- the handler is required
print(pcall(xpcall, function() end))
-- expect: false	bad argument #2 to 'xpcall' (function expected, got no value)
print(pcall(xpcall, function() return "no error" end, nil))
-- expect: false	bad argument #2 to 'xpcall' (function expected, got nil)

-- pcall inside a handler
print(xpcall(function() error("outer") end, function(e)
  local ok, inner = pcall(error, "inner", 0)
  return e .. " / " .. inner
end))
-- expect: false	pcall_xpcall.lua:55: outer / inner

-- status is false for runtime errors too
local ok, e = pcall(function() return nil .. "x" end)
print(ok, e)
-- expect: false	pcall_xpcall.lua:62: attempt to concatenate a nil value

-- pcall returns all results of the function
local function many() return 1, 2, 3, 4, 5 end
print(pcall(many))
-- expect: true	1	2	3	4	5
print(select("#", pcall(many)))
-- expect: 6

-- errors with levels through pcall boundaries
print(pcall(function() local ok, e = pcall(error, "lvl", 2); error(e, 0) end))
-- expect: false	pcall_xpcall.lua:74: lvl

-- many nested pcalls
local function nest(n) if n == 0 then error("deepest", 0) end return pcall(nest, n - 1) end
print(nest(20))
-- expect: true	true	true	true	true	true	true	true	true	true	true	true	true	true	true	true	true	true	true	false	deepest
