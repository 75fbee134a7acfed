-- Big tables (parts of 1024 entries or more carry cards, which the backward barrier marks
-- and the collector re-scans) changed while the collector runs, in both modes: random
-- overwrites of the array part and of a hash part, tables that grow while marked, entries
-- moved by table.insert/remove and by collisions in the hash part, a weak table. Every value
-- is a fresh table that only the big table holds; checksums prove none was freed early.
local function lcg(s) return (s * 1103515245 + 12345) % 2147483648 end

local function run(mode)
  collectgarbage(mode)
  local out = {}
  -- array part: random overwrites, steps in between
  local a = {}
  for i = 1, 3000 do a[i] = {i} end
  collectgarbage()
  local seed = 7
  for i = 1, 20000 do
    seed = lcg(seed)
    local j = seed % 3000 + 1
    a[j] = {j, i}
    if i % 500 == 0 then collectgarbage("step", 1) end
  end
  local sum = 0
  for i = 1, 3000 do assert(a[i][1] == i); sum = sum + a[i][1] end
  out[#out + 1] = sum

  -- hash part with string keys: overwrite, delete, reinsert
  local h = {}
  for i = 1, 2500 do h["k" .. i] = {i} end
  collectgarbage()
  for i = 1, 20000 do
    seed = lcg(seed)
    local j = seed % 2500 + 1
    if i % 3 == 0 then h["k" .. j] = nil else h["k" .. j] = {j, "v" .. i} end
    if i % 700 == 0 then collectgarbage("step", 1) end
  end
  sum = 0
  for k, v in pairs(h) do assert(k == "k" .. v[1]); sum = sum + v[1] end
  out[#out + 1] = sum

  -- a table that grows (resizes) while it is marked: every value fresh
  local g = {}
  collectgarbage()
  for i = 1, 5000 do
    g[i] = {i}
    g["s" .. i] = {i}
    if i % 300 == 0 then collectgarbage("step", 1) end
  end
  sum = 0
  for i = 1, 5000 do sum = sum + g[i][1] + g["s" .. i][1] end
  out[#out + 1] = sum

  -- table.insert at the front and table.remove move every entry of the array
  local q = {}
  for i = 1, 1500 do q[i] = {i} end
  collectgarbage()
  for i = 1, 300 do
    table.insert(q, 1, {-i})
    if i % 2 == 0 then table.remove(q, 700) end
    if i % 50 == 0 then collectgarbage("step", 1) end
  end
  sum = 0
  for i = 1, #q do sum = sum + q[i][1] end
  out[#out + 1] = #q .. ":" .. sum

  -- table keys colliding in the hash part: entries move to free nodes as keys are inserted
  local keys, c = {}, {}
  for i = 1, 1200 do keys[i] = {} ; c[keys[i]] = {i} end
  collectgarbage()
  for i = 1, 1200 do
    c[keys[i]] = nil
    local k = {}
    keys[i] = k
    c[k] = {i * 2}
    if i % 100 == 0 then collectgarbage("step", 1) end
  end
  sum = 0
  for i = 1, 1200 do sum = sum + c[keys[i]][1] end
  out[#out + 1] = sum

  -- a big weak-valued table: fresh values go, values held elsewhere stay
  local w = setmetatable({}, {__mode = "v"})
  local held = {}
  for i = 1, 2000 do held[i] = {i}; w[i] = held[i] end
  collectgarbage()
  for i = 1, 2000, 2 do w[i] = {0} end
  collectgarbage()
  collectgarbage()
  local alive = 0
  for i = 1, 2000 do if w[i] then alive = alive + 1; assert(w[i] == held[i]) end end
  out[#out + 1] = alive
  print(mode, table.concat(out, " "))
end

run("incremental")
run("generational")
-- expect: incremental	4501500 2067647 25005000 1650:998250 1441200 1000
-- expect: generational	4501500 2067647 25005000 1650:998250 1441200 1000
