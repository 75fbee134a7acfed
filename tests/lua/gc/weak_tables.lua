-- Weak tables: __mode "k", "v", "kv", and ephemerons.

local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end

local wv = setmetatable({}, { __mode = "v" })
local strong = {}
for i = 1, 10 do
  local o = { i }
  wv[i] = o
  if i % 2 == 0 then strong[#strong + 1] = o end
end
collectgarbage()
print("weak values", count(wv))
-- expect: weak values	5

local wk = setmetatable({}, { __mode = "k" })
local keys = {}
for i = 1, 10 do
  local k = {}
  wk[k] = i
  if i <= 3 then keys[i] = k end
end
collectgarbage()
print("weak keys", count(wk))
-- expect: weak keys	3

local wkv = setmetatable({}, { __mode = "kv" })
wkv[{}] = 1
wkv[1] = {}
wkv[keys[1]] = "kept key, string value"
wkv["s"] = strong[1]
collectgarbage()
print("weak kv", count(wkv))
-- expect: weak kv	2

-- strings and numbers are values, not objects: never removed from weak tables
local ws = setmetatable({}, { __mode = "kv" })
ws["str" .. 1] = "value" .. 1
ws[1] = 2
ws[true] = false
collectgarbage()
print("non-collectable", count(ws))
-- expect: non-collectable	3

-- ephemerons: a value that refers back to its key does not keep the key alive
local eph = setmetatable({}, { __mode = "k" })
do
  local k = {}
  eph[k] = { ref = k }
end
local k2 = {}
eph[k2] = { ref = k2 }
collectgarbage()
print("ephemeron", count(eph), eph[k2].ref == k2)
-- expect: ephemeron	1	true

-- a chain of ephemerons reachable only from a live key
local chain = setmetatable({}, { __mode = "k" })
local root = {}
local a, b, c = {}, {}, {}
chain[root] = a
chain[a] = b
chain[b] = c
a, b, c = nil, nil, nil
collectgarbage()
print("chain", count(chain))
-- expect: chain	3
root = nil
collectgarbage()
print("chain dropped", count(chain))
-- expect: chain dropped	0

-- weak values referenced by finalized objects
local cache = setmetatable({}, { __mode = "v" })
for i = 1, 100 do cache[i] = { i } end
collectgarbage()
print("cache", count(cache))
-- expect: cache	0
