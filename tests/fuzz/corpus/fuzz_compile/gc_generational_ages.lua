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

