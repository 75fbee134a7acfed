-- string.dump(f, true) drops debug information: source, lines, local and upvalue names.

local function index_it(x) local y = x.field return y end
local function add_one(a) return a + 1 end
local function raise() error("boom") end
local function raise_table() error({code = 1}) end

local full = load(string.dump(index_it))
local stripped = load(string.dump(index_it, true))
print(pcall(full, nil))
-- expect: false	strip.lua:3: attempt to index a nil value (local 'x')
print(pcall(stripped, nil))
-- expect: false	?:-1: attempt to index a nil value
print(pcall(load(string.dump(add_one)), {}))
-- expect: false	strip.lua:4: attempt to perform arithmetic on a table value (local 'a')
print(pcall(load(string.dump(add_one, true)), {}))
-- expect: false	?:-1: attempt to perform arithmetic on a table value
print(pcall(load(string.dump(raise))))
-- expect: false	strip.lua:5: boom
print(pcall(load(string.dump(raise, true))))
-- expect: false	boom
print(select(2, pcall(load(string.dump(raise_table, true)))).code)
-- expect: 1

-- Stripped chunks are smaller, and stripping twice changes nothing.
local d, s = string.dump(index_it), string.dump(index_it, true)
print(#s < #d, string.dump(load(s), true) == s, string.dump(load(d), true) == s)
-- expect: true	true	true
-- A stripped function dumped without strip has no debug information to add.
print(string.dump(load(s)) == s)
-- expect: true

-- Any true value strips; nil and false do not.
print(string.dump(add_one, 1) == string.dump(add_one, true))
-- expect: true
print(string.dump(add_one, false) == string.dump(add_one))
-- expect: true
print(string.dump(add_one, nil) == string.dump(add_one))
-- expect: true

-- Errors inside nested stripped functions.
local function outer()
  local function inner(t) return t.x.y end
  return inner({})
end
print(pcall(load(string.dump(outer))))
-- expect: false	strip.lua:43: attempt to index a nil value (field 'x')
print(pcall(load(string.dump(outer, true))))
-- expect: false	?:-1: attempt to index a nil value (field 'x')

-- Runtime errors of the main chunk of a stripped text chunk.
local chunk = load("local a = nil\nreturn a.b", "=mychunk")
print(pcall(chunk))
-- expect: false	mychunk:2: attempt to index a nil value (local 'a')
print(pcall(load(string.dump(chunk, true))))
-- expect: false	?:-1: attempt to index a nil value
print(pcall(load(string.dump(chunk, true), "=othername")))
-- expect: false	?:-1: attempt to index a nil value

-- Only Lua functions can be dumped.
print(pcall(string.dump, print))
-- expect: false	unable to dump given function
print(pcall(string.dump, string.dump))
-- expect: false	unable to dump given function
print(pcall(string.dump))
-- expect: false	bad argument #1 to 'string.dump' (function expected, got no value)
print(pcall(string.dump, {}))
-- expect: false	bad argument #1 to 'string.dump' (function expected, got table)
print(pcall(string.dump, "return 1"))
-- expect: false	bad argument #1 to 'string.dump' (function expected, got string)
