-- Ephemeron semantics of weak-keyed tables, and weak tables of every mode.

local function count(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  return n
end

-- a value that refers to its own key does not keep the entry alive
local e = setmetatable({}, {__mode = "k"})
do
  local k = {}
  e[k] = {ref = k}
end
collectgarbage()
print("self-referent entry:", count(e))
-- expect: self-referent entry:	0

-- chains: k1 -> v1 holds k2 -> v2 holds k3 ...; alive only while k1 is
local chain = setmetatable({}, {__mode = "k"})
local head = {}
do
  local k = head
  for i = 1, 10 do
    local nextk = {}
    chain[k] = {next = nextk, i = i}
    k = nextk
  end
end
collectgarbage()
print("chain with live head:", count(chain))
-- expect: chain with live head:	10
head = nil
collectgarbage()
print("chain after head dies:", count(chain))
-- expect: chain after head dies:	0

-- a chain built in reverse order of traversal still converges
local rev = setmetatable({}, {__mode = "k"})
local keys = {}
for i = 1, 20 do keys[i] = {} end
for i = 20, 2, -1 do rev[keys[i]] = keys[i - 1] end
local first = keys[20]
keys = nil
collectgarbage()
print("reverse chain:", count(rev))
-- expect: reverse chain:	19
first = nil
collectgarbage()
print("reverse chain freed:", count(rev))
-- expect: reverse chain freed:	0

-- ephemeron values reachable through another ephemeron table
local e1 = setmetatable({}, {__mode = "k"})
local e2 = setmetatable({}, {__mode = "k"})
local root = {}
do
  local mid = {}
  e1[root] = mid
  e2[mid] = {"payload"}
end
collectgarbage()
print("two tables:", count(e1), count(e2))
-- expect: two tables:	1	1
root = nil
collectgarbage()
print("two tables freed:", count(e1), count(e2))
-- expect: two tables freed:	0	0

-- strings, numbers and booleans are never removed
local w = setmetatable({}, {__mode = "kv"})
w.str = "a string value"
w[1] = 10
w[true] = false
w[("x"):rep(50)] = ("y"):rep(50)
w[{}] = 1
w[2] = {}
collectgarbage()
print("kv with values:", count(w), w.str, w[1], w[true])
-- expect: kv with values:	4	a string value	10	false

-- weak values in the array part
local arr = setmetatable({}, {__mode = "v"})
local strong = {}
for i = 1, 10 do strong[i] = {} end
for i = 1, 10 do arr[i] = strong[i] end
local keep = strong[5]
strong = nil
collectgarbage()
local alive = 0
for i = 1, 10 do if arr[i] then alive = alive + 1 end end
print("array weak values alive:", alive, arr[5] == keep)
-- expect: array weak values alive:	1	true

-- functions and coroutines are collectable too
local wf = setmetatable({}, {__mode = "v"})
wf[1] = function() end
wf[2] = coroutine.create(function() end)
wf[3] = print
collectgarbage()
print("functions:", wf[1], wf[2], wf[3] == print)
-- expect: functions:	nil	nil	true

-- a mode changed after setmetatable takes effect at the next cycle
local mt = {}
local late = setmetatable({}, mt)
late[1] = {}
collectgarbage()
print("strong:", late[1] ~= nil)
-- expect: strong:	true
mt.__mode = "v"
collectgarbage()
print("weak now:", late[1])
-- expect: weak now:	nil

-- next() keeps working over a weak table while entries are cleared between steps
local wt = setmetatable({}, {__mode = "k"})
local hold = {}
for i = 1, 50 do
  local k = {}
  wt[k] = i
  if i % 2 == 0 then hold[#hold + 1] = k end
end
local function traverse()
  local seen = 0
  for k, v in pairs(wt) do
    seen = seen + 1
    if seen == 5 then collectgarbage() end
  end
  return seen
end
print("traversal ok:", traverse() >= 25)
-- expect: traversal ok:	true
collectgarbage()
print("held keys:", count(wt))
-- expect: held keys:	25
