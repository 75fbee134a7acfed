-- Functions cross between VMs by their prototype, shared immutably: the receiver runs the
-- sender's instructions with its own constants and names, keeps the source and line
-- information, and the shared prototype is freed when its last holder goes.
-- no-diff: the parallel library is tycho's own
local parallel = require "parallel"

local function run(f, ...)
  local r = table.pack(parallel.spawn(f, ...):join())
  assert(r[1], r[2])
  return table.unpack(r, 2, r.n)
end

-- constants of every kind, nested functions with constants of their own
local long = string.rep("long constant ", 4)
local function consts()
  local t = {name = "x", [1.5] = "f", [-0.0] = "z", [math.maxinteger] = "max"}
  local inner = function(s) return s .. "|" .. long .. "|" .. 2^53 .. "|" .. 1e308 * 10 end
  return t.name, t[1.5], t[0], t[math.maxinteger], inner("in"), math.mininteger, 0x7fffffff,
    true, false
end
print(consts())
print(run(function() return select("#", consts()), consts() end))
print(run(function() return consts() end) == "x")

-- the receiver's strings are its own: keys made by the function meet keys made here
print(run(function()
  local t = {}
  t[string.lower("KEY")] = 1
  local k = "key"
  return t[k], t.key, rawequal(next(t), k)
end))

-- source, lines and names are the sender's
local function where()
  local info = debug.getinfo(1, "Sl")
  return info.short_src, info.linedefined, info.currentline, info.what
end
local src, def, cur = where()
print(src, def, cur)
print(run(function() return where() end))
local ok, err = parallel.spawn(function() local x = nil; return x.field end):join()
print(ok, err)
print(run(function(...)
  local a, b = 1, 2
  local n1 = debug.getlocal(1, 1)
  local n2 = debug.getlocal(1, 2)
  return n1, n2, debug.getupvalue(where, 1), a + b
end))

-- line hooks see the sender's lines
print(run(function()
  local lines = {}
  local function body()
    local a = 1
    local b = 2
    return a + b
  end
  debug.sethook(function(_, line) lines[#lines + 1] = line end, "l")
  body()
  debug.sethook()
  return table.concat(lines, " ", 1, 3)
end))

-- a received function can be dumped and loaded again there, and sent on
print(run(function()
  local g = load(string.dump(function(a) return a * 2, "dumped" end))
  local h = parallel.spawn(function(f) return f(21) end, g)
  return g(4), select(2, h:join())
end))

-- closures and recursion
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print(run(function() return fib(20) end))
local function make(n) return function() n = n + 1; return n end end
print(run(function(c) c(); return c() end, make(10)))

-- one shared prototype per function, whatever the number of sends
collectgarbage()
local before = parallel.stats().prototypes
local ch = parallel.channel()
local function work(x) return x + 1 end
for i = 1, 50 do ch:send(work, i) end
print(parallel.stats().prototypes - before)
local sum = 0
for _ = 1, 50 do
  local f, i = ch:receive()
  sum = sum + f(i)
end
print(sum)

-- a function received again while an earlier copy lives reuses that copy's prototype: each
-- new copy costs a closure's memory, not the prototype's (40 constants: over 900 bytes)
local function wordy(i)
  local t = {"w01", "w02", "w03", "w04", "w05", "w06", "w07", "w08", "w09", "w10",
             "w11", "w12", "w13", "w14", "w15", "w16", "w17", "w18", "w19", "w20",
             "w21", "w22", "w23", "w24", "w25", "w26", "w27", "w28", "w29", "w30",
             "w31", "w32", "w33", "w34", "w35", "w36", "w37", "w38", "w39", "w40"}
  return t[i]
end
local copies = {}
ch:send(wordy)
copies[1] = ch:receive()
collectgarbage()
collectgarbage("stop")
local kb = collectgarbage("count")
for i = 2, 201 do
  ch:send(wordy)
  copies[i] = ch:receive()
end
local per_copy = (collectgarbage("count") - kb) * 1024 / 200
collectgarbage("restart")
print(per_copy < 400, copies[200](40), rawequal(copies[1], copies[2]))
copies = nil

-- freed with the last holder: the sender's Protos (which cache their shared form), the
-- packets (retired through the epochs, so freed once enough other packets have passed) and
-- the receivers' Protos
collectgarbage()
local base, base_bytes = parallel.stats().prototypes, parallel.stats().bytes
local f, worker = load([[
  return function(a) local function g() return a end return g() * 2 end,
         function(f, n) local s = 0 for i = 1, n do s = s + f(i) end return s end]])()
print(parallel.spawn(worker, f, 100):join())
ch:send(f)
-- their memory counts in stats().bytes (outside every VM heap) while they live
local grown = parallel.stats().bytes - base_bytes
print(parallel.stats().prototypes - base, grown > 3 * 100)
f, worker = nil, nil
print(ch:receive()(4))
collectgarbage()
for i = 1, 2000 do ch:send({i}); ch:receive() end
collectgarbage()
print(parallel.stats().prototypes - base, parallel.stats().bytes - base_bytes < grown)

-- expect: x	f	z	max	in|long constant long constant long constant long constant |9.007199254741e+15|inf	-9223372036854775808	2147483647	true	false
-- expect: 9	x	f	z	max	in|long constant long constant long constant long constant |9.007199254741e+15|inf	-9223372036854775808	2147483647	true	false
-- expect: true
-- expect: 1	1	true
-- expect: shared_protos.lua	34	35
-- expect: shared_protos.lua	34	35	Lua
-- expect: false	shared_protos.lua:41: attempt to index a nil value (local 'x')
-- expect: a	b	_ENV	3
-- expect: 59 54 55
-- expect: 8	42	dumped
-- expect: 6765
-- expect: 12
-- expect: 1
-- expect: 1325
-- expect: true	w40	false
-- expect: true	10100
-- expect: 3	true
-- expect: 8
-- expect: 0	true
