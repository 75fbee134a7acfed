-- The ways a yield leaves a coroutine: straight from the coroutine's own interpreter (the
-- fast path, which returns to resume), from a tail call, from a native body, from under a
-- pcall or a metamethod (which unwind and continue through continuations), and mixes of
-- them in one coroutine; errors and closes after each kind.

local yield, resume, wrap, create, status = coroutine.yield, coroutine.resume,
  coroutine.wrap, coroutine.create, coroutine.status

-- tail call of yield: the frame that called it is gone when the values come back
local function pass(x) return yield(x) end
local co = create(function(a)
  local b = pass(a + 1)
  local c, d = pass(b * 2)
  return c, d, "end"
end)
print(resume(co, 1))
-- expect: true	2
print(resume(co, 10))
-- expect: true	20
print(resume(co, "x", "y"))
-- expect: true	x	y	end
print(status(co), resume(co))
-- expect: dead	false	cannot resume dead coroutine

-- the body is the native yield itself
local g = wrap(yield)
print(g(1, 2, 3))
-- expect: 1	2	3
print(g("back"))
-- expect: back

-- a native body that is not yield
local s = wrap(select)
print(s("#", 1, 2, 3))
-- expect: 3

-- yield under pcall, an error after resuming, and yields again after the pcall
co = create(function()
  local ok, e = pcall(function()
    local v = yield("in pcall")
    error("boom " .. v, 0)
  end)
  local w = yield(ok, e)
  local ok2, r1, r2 = pcall(yield, "yield called by pcall", w)
  return ok2, r1, r2
end)
print(resume(co))
-- expect: true	in pcall
print(resume(co, "v1"))
-- expect: true	false	boom v1
print(resume(co, "w1"))
-- expect: true	yield called by pcall	w1
print(resume(co, "p1", "p2"))
-- expect: true	true	p1	p2
print(status(co))
-- expect: dead

-- pcall around code that yields by the fast path many times
co = wrap(function()
  local ok, sum = pcall(function()
    local t = 0
    for i = 1, 5 do t = t + yield(i) end
    return t
  end)
  return "sum", ok, sum
end)
local x = co()
while type(x) == "number" do x = co(x * 10) end
print(x)
-- expect: sum

-- yields inside metamethods (__index, __add, __lt, __concat, __eq) and an iterator
local mt = {
  __index = function(t, k) return yield("index " .. k) end,
  __add = function(a, b) return yield("add") end,
  __lt = function(a, b) return yield("lt") end,
  __concat = function(a, b) return yield("concat") end,
  __eq = function(a, b) return yield("eq") end,
}
co = wrap(function()
  local a, b = setmetatable({}, mt), setmetatable({}, mt)
  local r = {}
  r[#r + 1] = a.foo
  r[#r + 1] = a + 1
  r[#r + 1] = tostring(a < b)
  r[#r + 1] = a .. "s"
  r[#r + 1] = tostring(a == b)
  local n = 0
  for v in function() n = n + 1; if n <= 2 then return yield(n) end end do
    r[#r + 1] = v
  end
  return table.concat(r, ",")
end)
local v = co()
local answers = {["index foo"] = "F", add = 42, lt = true, concat = "C", eq = false}
while true do
  print("yielded", v)
  local a = answers[v]
  if a == nil then a = "it" .. tostring(v) end
  v = co(a)
  if type(v) == "string" and v:find(",") then break end
end
-- expect: yielded	index foo
-- expect: yielded	add
-- expect: yielded	lt
-- expect: yielded	concat
-- expect: yielded	eq
-- expect: yielded	1
-- expect: yielded	2
print(v)
-- expect: F,42,true,C,false,it1,it2

-- a yield across a native boundary that cannot continue is an error
co = create(function()
  table.sort({3, 2, 1}, function(a, b) yield() return a < b end)
end)
print(resume(co))
-- expect: false	attempt to yield across a C-call boundary
co = create(function()
  return string.gsub("abc", "%w", function(c) return yield(c) end)
end)
print(resume(co))
-- expect: false	attempt to yield across a C-call boundary
print(pcall(yield, 1))
-- expect: false	attempt to yield from outside a coroutine

-- errors after fast-path yields, and closing a suspended coroutine with a pending close
co = create(function()
  local t <close> = setmetatable({}, {__close = function(_, e) print("closed", e) end})
  yield(1)
  yield(2)
  error({code = 7})
end)
print(resume(co))
-- expect: true	1
print(resume(co))
-- expect: true	2
local ok, e = resume(co)
print(ok, type(e), e.code, status(co))
-- expect: false	table	7	dead

co = create(function()
  local t <close> = setmetatable({}, {__close = function(_, e) print("closed", e) end})
  yield("waiting")
end)
print(resume(co))
-- expect: true	waiting
print(coroutine.close(co), status(co))
-- expect: closed	nil
-- expect: true	dead

-- many values each way (the stack grows on both sides)
local many = {}
for i = 1, 300 do many[i] = i end
co = wrap(function(...)
  local n = select("#", ...)
  local back = table.pack(yield(table.unpack(many)))
  return n, back.n, back[1], back[back.n]
end)
local r = table.pack(co(table.unpack(many, 1, 250)))
print(r.n, r[1], r[300])
-- expect: 300	1	300
print(co(table.unpack(many, 1, 299)))
-- expect: 250	299	1	299

-- no values each way
co = wrap(function() print(select("#", yield())) return end)
print(select("#", co()))
-- expect: 0
print(select("#", co()))
-- expect: 0
-- expect: 0

-- nested coroutines: the inner one yields to the outer, which yields to the main thread
local outer = wrap(function()
  local inner = wrap(function()
    for i = 1, 3 do yield("inner " .. i) end
    return "inner done"
  end)
  for _ = 1, 4 do yield("outer got " .. inner()) end
  return "outer done"
end)
for _ = 1, 5 do print(outer()) end
-- expect: outer got inner 1
-- expect: outer got inner 2
-- expect: outer got inner 3
-- expect: outer got inner done
-- expect: outer done

-- a chain of generators, each resuming the next (the concurrent sieve)
local function gen(n)
  return wrap(function() for i = 2, n do yield(i) end end)
end
local function filter(p, src)
  return wrap(function()
    for x in src do if x % p ~= 0 then yield(x) end end
  end)
end
local src, primes = gen(300), {}
while true do
  local p = src()
  if p == nil then break end
  primes[#primes + 1] = p
  src = filter(p, src)
end
print(#primes, primes[#primes])
-- expect: 62	293

-- running and isyieldable from inside, and resuming a running or normal coroutine
co = create(function()
  local me, ismain = coroutine.running()
  print(type(me), ismain, coroutine.isyieldable(), status(me))
  local inner = create(function() return status(me), resume(me) end)
  print(resume(inner))
  yield()
end)
print(resume(co))
-- expect: thread	false	true	running
-- expect: true	normal	false	cannot resume non-suspended coroutine
-- expect: true
print(status(co), coroutine.isyieldable())
-- expect: suspended	false
