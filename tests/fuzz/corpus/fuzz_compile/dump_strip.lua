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

