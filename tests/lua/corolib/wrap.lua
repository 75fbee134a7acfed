-- coroutine.wrap: generators, error propagation with positions, dead wrappers.

local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local s = ""
for i in range(5) do s = s .. i .. " " end
print(s)
-- expect: 1 2 3 4 5 

-- a wrapped function passes arguments and results like resume, without the status
local echo = coroutine.wrap(function(...)
  local args = { ... }
  while true do
    args = { coroutine.yield(#args, args[1]) }
  end
end)
print(echo("a", "b"))
-- expect: 2	a
print(echo())
-- expect: 0	nil
print(echo(nil, nil, nil))
-- expect: 0	nil

-- errors propagate through the wrapper, with the coroutine's position
local bad = coroutine.wrap(function()
  coroutine.yield(1)
  error("wrapped boom")
end)
print(bad())
-- expect: 1
print(pcall(bad))
-- expect: false	wrap.lua:30: wrapped boom
-- after an error the coroutine is dead
print(pcall(bad))
-- expect: false	cannot resume dead coroutine

-- non-string errors pass through unchanged
local tbl = {}
local badt = coroutine.wrap(function() error(tbl) end)
local ok, e = pcall(badt)
print(ok, e == tbl)
-- expect: false	true

-- a finished wrapper cannot be called again
local once = coroutine.wrap(function() return "only once" end)
print(once())
-- expect: only once
print(pcall(once))
-- expect: false	cannot resume dead coroutine

-- runtime errors inside wrap
local rt = coroutine.wrap(function() local x; return x.y end)
print(pcall(rt))
-- expect: false	wrap.lua:55: attempt to index a nil value (local 'x')

-- nested generators
local function pairs_gen(n)
  return coroutine.wrap(function()
    for a in range(n) do
      for b in range(a) do coroutine.yield(a, b) end
    end
  end)
end
local out = ""
for a, b in pairs_gen(3) do out = out .. a .. b .. " " end
print(out)
-- expect: 11 21 22 31 32 33 

-- permutations (the classic generator)
local function permgen(a, n)
  n = n or #a
  if n <= 1 then coroutine.yield(a) else
    for i = 1, n do
      a[n], a[i] = a[i], a[n]
      permgen(a, n - 1)
      a[n], a[i] = a[i], a[n]
    end
  end
end
local function permutations(a)
  return coroutine.wrap(function() permgen(a) end)
end
local count, list = 0, ""
for p in permutations({ "a", "b", "c" }) do
  count = count + 1
  list = list .. p[1] .. p[2] .. p[3] .. " "
end
print(count, list)
-- expect: 6	bca cba cab acb bac abc 
