-- assert: returns all arguments on success, raises the message (any value) on failure.

print(assert(1, 2, 3))
-- expect: 1	2	3
print(assert(true, "unused"))
-- expect: true	unused
print(select("#", assert(0)))
-- expect: 1
print(pcall(assert, false))
-- expect: false	assertion failed!
print(pcall(assert, nil))
-- expect: false	assertion failed!
print(pcall(assert, false, "custom message"))
-- expect: false	custom message
print(pcall(assert, nil, 42))
-- expect: false	42
local obj = {}
local ok, e = pcall(assert, false, obj)
print(ok, e == obj)
-- expect: false	true
print(pcall(assert))
-- expect: false	bad argument #1 to 'assert' (value expected)
print(pcall(assert, false, nil))
-- expect: false	nil
-- called from Lua code, assert (like error) prefixes string messages with the caller's
-- position; called directly by pcall it has no Lua caller, so no position
print(pcall(function() assert(false, "no position") end))
-- expect: false	assert.lua:27: no position
print(pcall(function() assert(1 == 2) end))
-- expect: false	assert.lua:29: assertion failed!
-- assert in expressions
local v = assert(tonumber("12"), "not a number")
print(v + 1)
-- expect: 13
print(pcall(function() return assert(tonumber("x"), "not a number") end))
-- expect: false	assert.lua:35: not a number
