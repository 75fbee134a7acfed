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

