-- Tables created and dropped in loops, linked structures, cycles.

-- a linked list rebuilt many times
local function build(n)
  local head
  for i = 1, n do head = { value = i, next = head } end
  return head
end
local total = 0
for round = 1, 20 do
  local list = build(1000)
  local s = 0
  while list do s = s + list.value; list = list.next end
  total = total + s
  if round % 5 == 0 then collectgarbage() end
end
print("list total", total)
-- expect: list total	10010000

-- cycles are collected and do not disturb live data
local live = { name = "live" }
for i = 1, 2000 do
  local a, b = {}, {}
  a.other, b.other = b, a
  a.live = live
end
collectgarbage()
print(live.name)
-- expect: live

-- a binary tree (the binary-trees benchmark in small)
local function make(d)
  if d == 0 then return {} end
  return { make(d - 1), make(d - 1) }
end
local function check(t)
  if not t[1] then return 1 end
  return 1 + check(t[1]) + check(t[2])
end
local long_lived = make(8)
local sum = 0
for d = 2, 8, 2 do
  local iters = 1 << (8 - d + 2)
  local c = 0
  for _ = 1, iters do c = c + check(make(d)) end
  sum = sum + c
end
print("trees", sum, check(long_lived))
-- expect: trees	7852	511

