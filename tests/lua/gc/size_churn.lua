-- Objects of one size dropped at random, a few surviving, then objects of other sizes made in
-- their place (tycho lends a sparse slab page of one size class to another: its survivors stay
-- where they are and the new cells fit around them). Every survivor and every new object must
-- keep its contents, through collections in both modes.
local function lcg(s) return (s * 1103515245 + 12345) % 2147483648 end

local makers = {
  small_table = function(i) return {i} end,
  pair_table = function(i) return {i, -i} end,
  wide_table = function(i) return {i, i + 1, i + 2, i + 3, i + 4, i + 5} end,
  record = function(i) return {id = i, name = "n" .. i} end,
  closure = function(i) local a, b = i, -i; return function() return a, b end end,
  string = function(i) return string.format("%08d:%s", i, string.rep("x", i % 40)) end,
}
local function check(kind, v, i)
  if kind == "small_table" then return v[1] == i and #v == 1
  elseif kind == "pair_table" then return v[1] == i and v[2] == -i
  elseif kind == "wide_table" then return v[1] == i and v[6] == i + 5
  elseif kind == "record" then return v.id == i and v.name == "n" .. i
  elseif kind == "closure" then local a, b = v(); return a == i and b == -i
  else return v == string.format("%08d:%s", i, string.rep("x", i % 40)) end
end

local order = {"small_table", "pair_table", "string", "wide_table", "closure", "record",
               "small_table", "string", "record", "pair_table", "closure", "wide_table"}
local n = 20000
for _, mode in ipairs({"generational", "incremental"}) do
  collectgarbage(mode)
  local slots, kinds, ids = {}, {}, {}
  local seed = 7
  local kind = order[1]
  for i = 1, n do slots[i], kinds[i], ids[i] = makers[kind](i), kind, i end
  local bad = 0
  for round = 2, #order do
    kind = order[round]
    -- Nine in ten slots get an object of the next kind, at random (some twice).
    for k = 1, n * 9 // 10 do
      seed = lcg(seed)
      local j = seed % n + 1
      local id = round * n + k
      slots[j], kinds[j], ids[j] = makers[kind](id), kind, id
    end
    collectgarbage("step", 0)
    for j = 1, n do
      if not check(kinds[j], slots[j], ids[j]) then bad = bad + 1 end
    end
  end
  collectgarbage()
  for j = 1, n do
    if not check(kinds[j], slots[j], ids[j]) then bad = bad + 1 end
  end
  print(mode, bad)
end
-- expect: generational	0
-- expect: incremental	0
