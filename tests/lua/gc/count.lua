-- collectgarbage("count") reflects dropped data. (Sizes are kept small enough for the
-- GC stress build, where every allocation runs a full collection.)

collectgarbage()
local before = collectgarbage("count")
local big = {}
for i = 1, 10000 do big[i] = { i } end
local during = collectgarbage("count")
print("grew", during > before + 200)
-- expect: grew	true
big = nil
collectgarbage()
collectgarbage()
local after = collectgarbage("count")
print("shrank", after < during - 200)
-- expect: shrank	true
print("near start", after < before + 100)
-- expect: near start	true

-- strings too
local s = {}
for i = 1, 5000 do s[i] = "string number " .. i end
local with = collectgarbage("count")
s = nil
collectgarbage()
print("strings freed", collectgarbage("count") < with)
-- expect: strings freed	true

-- count returns KiB as a float; the second result was removed in 5.4
print(select("#", collectgarbage("count")))
-- expect: 1
