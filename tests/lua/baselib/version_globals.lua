-- _VERSION, _G and the set of base functions.

print(_VERSION)
-- expect: Lua 5.4
print(_G._G == _G, _G == _ENV, type(_G))
-- expect: true	true	table
local names = { "assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs",
  "load", "loadfile", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawlen",
  "rawset", "select", "setmetatable", "tonumber", "tostring", "type", "xpcall" }
local missing = 0
for _, n in ipairs(names) do if type(_G[n]) ~= "function" then missing = missing + 1; print("missing", n) end end
print("base functions present", missing == 0)
-- expect: base functions present	true
print(type(coroutine), type(coroutine.create), type(coroutine.close))
-- expect: table	function	function
-- globals can be added and removed
newglobal = 1
print(_G.newglobal)
-- expect: 1
_G.newglobal = nil
print(newglobal)
-- expect: nil
-- type
print(type(nil), type(true), type(1), type(1.5), type("s"), type({}), type(print), type(type))
-- expect: nil	boolean	number	number	string	table	function	function
print(type(coroutine.create(print)), pcall(type))
-- expect: thread	false	bad argument #1 to 'type' (value expected)
print(type(type(nil)))
-- expect: string
