-- Generational mode: collectgarbage("step") is a whole minor collection (as lua5.4's), and a
-- young value stored into an old weak table is not kept alive by the store: the table is
-- re-scanned, not the value marked. (Issue 23's script, then the other weak modes.)
collectgarbage("generational")
local t = setmetatable({}, {__mode = "kv"})
collectgarbage()
t[1] = {10}
collectgarbage("step", 0)
collectgarbage("step", 0)
t[1] = {10}
collectgarbage("step", 0)
print(t[1] == nil)
-- expect: true

-- weak values: gone after one minor collection; a value also held strongly stays
local wv = setmetatable({}, {__mode = "v"})
local keep = {}
collectgarbage()
wv.a = {1}
wv.b = keep
print(collectgarbage("step", 0), wv.a == nil, wv.b == keep)
-- expect: false	true	true

-- weak keys (an ephemeron): an entry whose key is young and dropped goes
local wk = setmetatable({}, {__mode = "k"})
collectgarbage()
wk[{}] = "x"
wk[keep] = "y"
collectgarbage("step", 0)
local n = 0
for k, v in pairs(wk) do n = n + 1; assert(k == keep and v == "y") end
print("ephemeron", n)
-- expect: ephemeron	1

