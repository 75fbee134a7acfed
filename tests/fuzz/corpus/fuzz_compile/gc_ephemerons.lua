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

