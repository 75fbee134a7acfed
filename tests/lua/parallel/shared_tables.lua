-- Shared tables and frozen tables, used from one VM and from spawned ones.
-- no-diff: the parallel library is tycho's own
local parallel = require "parallel"

local st = parallel.table()
print(type(st), tostring(st):match("^parallel.table: ") ~= nil, #st, st.x, st[1])
st.x, st[1], st[2], st[3.0] = "ex", 10, 20, 30
st[2.5], st[true], st[-0.0] = "float", "bool", "zero"
print(st.x, st[1], st[2], st[3], #st, st[2.5], st[true], st[0])
st[2] = nil
print(st[2], #st == 1 or #st == 3)
st[2] = 22
print(#st)
-- keys that cannot be
print(pcall(function() st[nil] = 1 end))
print(pcall(function() st[0 / 0] = 1 end))
print(pcall(function() st[{}] = 1 end))
print(st[nil], st[0 / 0], st[{}], st[print])
st[print] = "native function key"
print(st[print])

-- plain tables are stored by copy; nested shared tables by reference
local plain = {1, 2, {3}}
st.plain = plain
plain[1] = 100
local copy = st.plain
print(copy[1], copy[3][1], copy ~= plain, st.plain ~= copy)
local sub = parallel.table{a = 1}
st.sub = sub
print(st.sub == sub, st.sub.a)
st.sub.a = 2
print(sub.a)

-- parallel.table(t): nested plain tables become shared tables, cycles kept
local src = {name = "root", child = {name = "child"}, list = {1, 2, 3}}
src.child.parent = src
local t = parallel.table(src)
print(t.name, t.child.name, t.child.parent == t, #t.list, tostring(t.child):match("^parallel.table") ~= nil)

-- pairs, ipairs, next
local keys = {}
for k, v in pairs(parallel.table{a = 1, b = 2, c = 3, 4, 5}) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(table.concat(keys, " "))
local arr = parallel.table{"a", "b", "c"}
for i, v in ipairs(arr) do io.write(i, v, " ") end
print()
print(parallel.next(parallel.table()), select("#", parallel.next(arr)))
print(pcall(parallel.next, arr, "nope"))
print(next(parallel.table()), next(parallel.table{7}))  -- base next works too
print(pcall(next, io.stdout))

-- the same table from several threads
local shared = parallel.table{hits = 0}
local hs = {}
for i = 1, 4 do
  hs[i] = parallel.spawn(function(s, i)
    s["from" .. i] = i * 10
    return s.hits
  end, shared, i)
end
for i = 1, 4 do hs[i]:join() end
print(shared.from1, shared.from2, shared.from3, shared.from4)
-- a big table grows while another thread reads it
local big = parallel.table()
local reader = parallel.spawn(function(big)
  local seen = 0
  for round = 1, 200 do
    for i = 1, 50 do
      local v = big[i]
      if v ~= nil then
        assert(v == i * 2, "torn or wrong value")
        seen = seen + 1
      end
    end
  end
  return seen > 0 or true
end, big)
for i = 1, 5000 do big[i] = i * 2 end
print(reader:join())
print(#big, big[5000])
for i = 1, 5000 do big[i] = nil end
print(#big, parallel.next(big))

-- frozen tables
local f = parallel.freeze{1, 2, 3, name = "f", nested = {x = 1}}
print(#f, f.name, f.nested.x, tostring(f):match("^parallel.frozen") ~= nil)
print(pcall(function() f.name = "g" end))
print(pcall(function() f.nested.x = 2 end))
print(pcall(parallel.increment, f, 1))
print(parallel.freeze(f) == f)
print(parallel.spawn(function(f) return f.name, f[3], f.nested.x end, f):join())
print(pcall(parallel.freeze, 1))
print(pcall(parallel.table, "x"))

-- what a shared table cannot hold
print(pcall(function() st.co = coroutine.create(print) end))
print(pcall(function() st.file = io.stdout end))
-- expect: userdata	true	0	nil	nil
-- expect: ex	10	20	30	3	float	bool	zero
-- expect: nil	true
-- expect: 3
-- expect: false	shared_tables.lua:15: table index is nil
-- expect: false	shared_tables.lua:16: table index is NaN
-- expect: false	shared_tables.lua:17: cannot use a table as a shared table key
-- expect: nil	nil	nil	nil
-- expect: native function key
-- expect: 1	3	true	true
-- expect: true	1
-- expect: 2
-- expect: root	child	true	3	true
-- expect: 1=4 2=5 a=1 b=2 c=3
-- expect: 1a 2b 3c 
-- expect: nil	2
-- expect: false	invalid key to 'next'
-- expect: nil	1	7
-- expect: false	bad argument #1 to 'next' (table expected, got FILE*)
-- expect: 10	20	30	40
-- expect: true	true
-- expect: 5000	10000
-- expect: 0	nil
-- expect: 3	f	1	true
-- expect: false	shared_tables.lua:88: attempt to modify a frozen table
-- expect: false	shared_tables.lua:89: attempt to modify a frozen table
-- expect: false	attempt to modify a frozen table
-- expect: true
-- expect: true	f	3	1
-- expect: false	bad argument #1 to 'parallel.freeze' (table expected, got number)
-- expect: false	bad argument #1 to 'parallel.table' (table expected, got string)
-- expect: false	shared_tables.lua:97: cannot send a thread
-- expect: false	shared_tables.lua:98: cannot send a userdata
