-- The table library through __index, __newindex and __len, on tables and on other values
-- (userdata-like proxies: here, tables are wrapped as the library's checktab allows).

local log = {}
local function logger(store)
  return setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "r" .. k; return store[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "w" .. k; store[k] = v end,
    __len = function() log[#log + 1] = "#"; return #store end,
  })
end
local function flush()
  local s = table.concat(log, " ")
  log = {}
  return s
end

local store = {"a", "b", "c"}
local p = logger(store)
table.insert(p, "d")
print(flush(), table.concat(store, ","))
-- expect: # w4	a,b,c,d
table.insert(p, 2, "x")
print(flush(), table.concat(store, ","))
-- expect: # r4 w5 r3 w4 r2 w3 w2	a,x,b,c,d
print(table.remove(p, 1), flush(), table.concat(store, ","))
-- expect: a	# r1 r2 w1 r3 w2 r4 w3 r5 w4 w5	x,b,c,d
print(table.remove(p), flush(), table.concat(store, ","))
-- expect: d	# r4 w4	x,b,c
print(table.concat(p, "+"), flush())
-- expect: x+b+c	# r1 r2 r3
print(table.unpack(p))
-- expect: x	b	c
print(flush())
-- expect: # r1 r2 r3
print(table.unpack(p, 2, 3))
-- expect: b	c
print(flush())
-- expect: r2 r3
table.sort(p)
print(table.concat(store, ","))
-- expect: b,c,x
flush()

-- move through metamethods, into another proxy
local src = logger({1, 2, 3})
local dstore = {}
local dst = logger(dstore)
print(table.move(src, 1, 3, 2, dst) == dst, flush())
-- expect: true	r1 w2 r2 w3 r3 w4
print(dstore[1], dstore[2], dstore[3], dstore[4])
-- expect: nil	1	2	3
-- overlapping move within one proxy copies downwards
local ostore = {1, 2, 3, 4}
local o = logger(ostore)
table.move(o, 1, 3, 2)
print(flush(), table.concat(ostore, ","))
-- expect: r3 w4 r2 w3 r1 w2	1,1,2,3
table.move(o, 2, 4, 1)
print(flush(), table.concat(ostore, ","))
-- expect: r2 w1 r3 w2 r4 w3	1,2,3,3
-- two different proxies that compare equal via __eq? (__eq is only for tables/userdata
-- of the same type; these are different tables)
local eqmt = {__eq = function() return true end, __index = ostore, __newindex = ostore}
local e1, e2 = setmetatable({}, eqmt), setmetatable({}, eqmt)
print(e1 == e2)
-- expect: true
ostore[1], ostore[2], ostore[3], ostore[4] = 1, 2, 3, 4
table.move(e1, 1, 3, 2, e2)  -- equal tables: copied downwards, as within one table
print(table.concat(ostore, ","))
-- expect: 1,1,2,3

-- __len drives #t
local fake = setmetatable({}, {__len = function() return 3 end, __index = function(_, k) return k * 10 end})
print(table.concat(fake, ","), table.unpack(fake))
-- expect: 10,20,30	10	20	30
print(pcall(table.insert, setmetatable({}, {__len = function() return "x" end}), 1))
-- expect: false	object length is not an integer
print(pcall(table.insert, setmetatable({}, {__len = function() return 1.5 end}), 1))
-- expect: false	object length is not an integer
print(pcall(table.concat, setmetatable({}, {__len = function() error("len!") end})))
-- expect: false	metamethods.lua:81: len!
local t2 = setmetatable({}, {__len = function() return 2.0 end})
table.insert(t2, "v")
print(rawget(t2, 3))
-- expect: v

-- __index errors propagate
local bad = setmetatable({}, {__len = function() return 2 end, __index = function() error("idx!") end})
print(pcall(table.concat, bad))
-- expect: false	metamethods.lua:89: idx!
print(pcall(table.unpack, bad))
-- expect: false	metamethods.lua:89: idx!
print(pcall(table.sort, bad))
-- expect: false	metamethods.lua:89: idx!

-- strings have __index but no __len or __newindex: only table.move's source may be one
print(pcall(table.concat, "abc"))
-- expect: false	bad argument #1 to 'table.concat' (table expected, got string)
print(pcall(table.insert, "abc", "d"))
-- expect: false	bad argument #1 to 'table.insert' (table expected, got string)
print(table.move("abc", 1, 1, 1, {})[1])  -- strings can be read: their __index
-- expect: nil
local r = table.move({"s"}, 1, 1, 1, {})
print(r[1])
-- expect: s

-- A non-table value whose metatable has the fields checktab asks for: strings, once their
-- shared metatable gets __len and __newindex. (#s stays the string's length: the length
-- operator ignores __len for strings, but checktab only checks that the field exists.)
local fstore = {}
local function reset(...)
  for i = 1, 6 do fstore[i] = nil end
  for i = 1, select("#", ...) do fstore[i] = select(i, ...) end
end
local function dump()
  local parts = {}
  for i = 1, 5 do parts[i] = tostring(fstore[i]) end
  return table.concat(parts, ".")
end
reset("p", "q", "r")
local smt = getmetatable("")
local old_index = smt.__index
smt.__index = fstore
smt.__newindex = fstore
smt.__len = function() return 99 end
local S = "xyz"
print(table.concat(S, "."))
-- expect: p.q.r
table.insert(S, "s")
print(dump())
-- expect: p.q.r.s.nil
print(table.remove(S, 1), dump())
-- expect: p	q.r.nil.s.nil
reset("p", "q", "r")
table.sort(S, function(a, b) return a > b end)
print(dump())
-- expect: r.q.p.nil.nil
print(table.unpack(S))
-- expect: r	q	p
print(table.move(S, 1, 2, 1, {})[2])
-- expect: q
print(table.move({"m", "n"}, 1, 2, 2, S) == S, dump())
-- expect: true	r.m.n.nil.nil
smt.__newindex = nil
print(table.concat(S, "."))
-- expect: r.m.n
print(pcall(table.insert, S, "z"))
-- expect: false	bad argument #1 to 'table.insert' (table expected, got string)
print(pcall(table.remove, S))
-- expect: false	bad argument #1 to 'table.remove' (table expected, got string)
print(pcall(table.sort, S))
-- expect: false	bad argument #1 to 'table.sort' (table expected, got string)
print(pcall(table.move, {}, 1, 1, 1, S))
-- expect: false	bad argument #5 to 'table.move' (table expected, got string)
print(table.move(S, 1, 1, 1, {})[1])
-- expect: r
smt.__newindex = fstore
smt.__index = nil
print(pcall(table.concat, S))
-- expect: false	bad argument #1 to 'table.concat' (table expected, got string)
print(pcall(table.unpack, S))
-- expect: false	attempt to index a string value
print(pcall(table.move, S, 1, 1, 1, {}))
-- expect: false	bad argument #1 to 'table.move' (table expected, got string)
print(pcall(table.move, {"w"}, 1, 1, 1, S), fstore[1])
-- expect: true	w
smt.__newindex, smt.__len, smt.__index = nil, nil, old_index
print(pcall(table.concat, S))
-- expect: false	bad argument #1 to 'table.concat' (table expected, got string)
print(("abc"):upper())
-- expect: ABC
