-- Closures and upvalues created in loops, with collections in between.

local fns = {}
for i = 1, 5000 do
  local captured = { i }
  fns[i % 100 + 1] = function() return captured[1] end
end
collectgarbage()
local s = 0
for i = 1, 100 do s = s + fns[i]() end
print("closures", s)
-- expect: closures	495050

-- closed upvalues shared between closures survive collection
local function pair()
  local v = 0
  return function() v = v + 1; return v end, function() return v end
end
local incs, gets = {}, {}
for i = 1, 500 do incs[i], gets[i] = pair() end
for i = 1, 500 do for _ = 1, i % 7 do incs[i]() end end
collectgarbage()
local total = 0
for i = 1, 500 do total = total + gets[i]() end
print("shared upvalues", total)
-- expect: shared upvalues	1497

-- open upvalues of a running function while collecting
local function counter_loop(n)
  local acc = 0
  local add = function(x) acc = acc + x end
  for i = 1, n do
    add(i)
    if i % 1000 == 0 then collectgarbage() end
  end
  return acc
end
print("open upvalues", counter_loop(5000))
-- expect: open upvalues	12502500

-- functions loaded from strings
local sum = 0
for i = 1, 300 do
  local f = load("return " .. i .. " * 2")
  sum = sum + f()
  if i % 100 == 0 then collectgarbage() end
end
print("loaded", sum)
-- expect: loaded	90300

-- deep closure chains
local function chain(n)
  local f = function() return 0 end
  for i = 1, n do
    local prev = f
    f = function() return prev() + 1 end
  end
  return f
end
local c = chain(150)
collectgarbage()
print("chain", c())
-- expect: chain	150
