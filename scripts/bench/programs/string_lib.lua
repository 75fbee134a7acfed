-- String library workload: gsub (pattern, function and table replacements), find and match
-- with captures, gmatch word splitting, string.format of numbers and strings, table.concat
-- of many pieces, rep and sub. Prints a checksum of everything it built.
local words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
local parts = {}
for i = 1, 2000 do
  parts[#parts + 1] = words[i % #words + 1] .. " " .. i .. ", x=" .. (i * 3) .. ";"
end
local text = table.concat(parts, " ")

local checksum = 0
local function add(n) checksum = (checksum + n) % 1000000007 end

for round = 1, 80 do
  -- gsub with a pattern and a string replacement
  local s1, n1 = text:gsub("(%a+) (%d+)", "%2-%1")
  add(#s1 + n1)
  -- gsub with a function and with a table
  local s2 = text:gsub("%d+", function(d) return #d end)
  local s3 = text:gsub("%a+", {alpha = "A", beta = "B", gamma = "G"})
  add(#s2 + #s3)
  -- find/match with captures over the text
  local pos, count = 1, 0
  while true do
    local s, e, k, v = text:find("(%a)=(%d+)", pos)
    if not s then break end
    count = count + #v
    pos = e + 1
  end
  add(count)
  -- gmatch splitting
  local nwords = 0
  for w in text:gmatch("%a+") do nwords = nwords + #w end
  add(nwords)
  -- format and concat
  local out = {}
  for i = 1, 3000 do
    out[i] = string.format("%5d|%-8s|%.3f|%x", i, words[i % 8 + 1], i / 7, i * 31)
  end
  local joined = table.concat(out, "\n")
  add(#joined)
  -- plain find, sub and rep
  local hay = ("abc"):rep(5000) .. "needle" .. ("xyz"):rep(100)
  add(hay:find("needle", 1, true) + #hay:sub(100, 2000) + #(hay:upper()))
  -- match anchored numbers
  local total = 0
  for i = 1, 3000 do
    local a, b = ("key" .. i .. "=" .. (i * 2)):match("^key(%d+)=(%d+)$")
    total = total + a + b
  end
  add(total)
end
print(checksum)
