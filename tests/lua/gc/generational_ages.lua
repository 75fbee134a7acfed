-- Generational mode: objects that survive one minor collection are young again until the next
-- one; objects made old point to such survivors, and survivors get young children without a
-- barrier. Structures built, kept, changed and dropped across many collections must stay
-- intact (a survivor freed while reachable shows up as a wrong sum or a crash).
collectgarbage("generational")

local keep = {}
local function make(round, i)
  return { name = "n" .. i .. "_" .. round, list = { i, i + 1 }, f = function() return round + i end }
end

for round = 1, 300 do
  local t = {}
  for i = 1, 40 do t[i] = make(round, i) end
  keep[#keep + 1] = t
  -- change an older structure: young objects into old or surviving ones
  local old = keep[(round * 7) % #keep + 1]
  old[1].extra = { round, tostring(round) }
  if old[2] then old[2].list[3] = { round } end
  if round % 4 == 0 then collectgarbage("step") end
  if round % 25 == 0 then
    for j = 1, #keep, 3 do keep[j] = { make(round, j) } end  -- drop some, replace
  end
end
collectgarbage("step")

local sum, names, calls = 0, 0, 0
for _, t in ipairs(keep) do
  for _, o in ipairs(t) do
    sum = sum + o.list[1] + o.list[2]
    if o.list[3] then sum = sum + o.list[3][1] end
    if o.extra then sum = sum + o.extra[1] + #o.extra[2] end
    names = names + #o.name
    calls = calls + o.f()
  end
end
print(#keep, sum, names, calls)
-- expect: 300	366000	52084	1416950

-- a chain whose links are made old at different times, then grown from the old end
local chain = { v = 0 }
local tail = chain
for i = 1, 2000 do
  tail.next = { v = i }
  tail = tail.next
  if i % 50 == 0 then collectgarbage("step") end
end
local n, total = 0, 0
local node = chain
while node do n = n + 1; total = total + node.v; node = node.next end
print(n, total)
-- expect: 2001	2001000

-- more survivors of one minor cycle than are aged at once: the aging is spread over the
-- sweep's steps while the program allocates and stores young objects into the survivors
local big = {}
for i = 1, 200000 do big[i] = { i } end
for r = 1, 6 do
  for i = 1, #big, 7 do big[i][2] = { r, tostring(i) } end
  local junk = {}
  for j = 1, 60000 do junk[j] = { j } end
end
local s = 0
for i = 1, #big do
  local o = big[i]
  s = s + o[1]
  if o[2] then s = s + o[2][1] + #o[2][2] end
end
print(s)
-- expect: 20000426989
