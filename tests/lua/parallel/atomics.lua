-- parallel.increment, cas, swap and update: atomic, also from many threads at once.
-- no-diff: the parallel library is tycho's own
local parallel = require "parallel"

local c = parallel.table()
print(parallel.increment(c, "n"), parallel.increment(c, "n", 5), parallel.increment(c, "n", -2))
print(parallel.increment(c, "f", 0.5), parallel.increment(c, "f", 1), math.type(c.f))
print(parallel.increment(c, "i", 2.0), math.type(c.i))
c.max = math.maxinteger
print(parallel.increment(c, "max") == math.mininteger)  -- integers wrap, as in Lua
c.s = "text"
print(pcall(parallel.increment, c, "s"))
print(pcall(parallel.increment, c, "n", "1"))

-- cas: compares as == does (1 == 1.0), strings by contents, handles by identity
c.k = 1
print(parallel.cas(c, "k", 1.0, "one"))
print(parallel.cas(c, "k", 1, "two"))
print(parallel.cas(c, "k", "one", 2))
print(parallel.cas(c, "missing", nil, "set"), c.missing)
local sub = parallel.table()
c.sub = sub
print(parallel.cas(c, "sub", sub, false), c.sub)
c.plain = {1}
print(parallel.cas(c, "plain", c.plain, 0), type(c.plain))  -- a copy never equals

-- swap returns the old value
print(parallel.swap(c, "w", 1), parallel.swap(c, "w", "x"), parallel.swap(c, "w", nil), c.w)

-- update stores fn(old)
print(parallel.update(c, "u", function(old) return (old or 0) + 10 end), c.u)
print(pcall(parallel.update, c, "u", function() error("in fn") end), c.u)

-- from several threads: nothing is lost
local n, per = 4, 20000
local counts = parallel.table{a = 0}
local hs = {}
for i = 1, n do
  hs[i] = parallel.spawn(function(counts, per)
    local parallel = require "parallel"
    for j = 1, per do
      parallel.increment(counts, "a")
      parallel.update(counts, "b", function(old) return (old or 0) + 1 end)
      local ok
      repeat
        local old = counts.c or 0
        ok = parallel.cas(counts, "c", old ~= 0 and old or nil, old + 1)
      until ok
    end
    return true
  end, counts, per)
end
for i = 1, n do assert(hs[i]:join()) end
print(counts.a, counts.b, counts.c, counts.a == n * per)
-- plain read-modify-write races (loses updates, as in any language) but never breaks the table
local race = parallel.table{n = 0}
for i = 1, 2 do
  hs[i] = parallel.spawn(function(r) for j = 1, 20000 do r.n = r.n + 1 end end, race)
end
hs[1]:join(); hs[2]:join()
print(race.n <= 40000, race.n >= 20000, math.type(race.n))
-- expect: 1	6	4
-- expect: 0.5	1.5	float
-- expect: 2.0	float
-- expect: true
-- expect: false	attempt to perform arithmetic on a string value (shared table field)
-- expect: false	bad argument #3 to 'parallel.increment' (number expected, got string)
-- expect: true	1
-- expect: false	one
-- expect: true	one
-- expect: true	set
-- expect: true	false
-- expect: false	table
-- expect: nil	1	x	nil
-- expect: 10	10
-- expect: false	10
-- expect: 80000	80000	80000	true
-- expect: true	true	integer
