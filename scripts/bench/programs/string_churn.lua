-- Many short-lived strings: concatenation, string.format, sub, rep, upper and byte,
-- most of them garbage right away, while a table keeps a changing subset alive (a slot
-- is overwritten every few strings), so the collector sees a churning young population
-- on top of a steady set of retained strings.
local format, sub, rep, upper, byte = string.format, string.sub, string.rep, string.upper, string.byte

local seed = 777
local function rand(n) -- Park-Miller PRNG; returns 1..n
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local words = { "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
  "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa" }
local nwords = #words

local KEEP = 20000
local keep = {}
local checksum = 0
local N = 400000
for i = 1, N do
  local w = words[rand(nwords)]
  local s = w .. "-" .. i .. "-" .. words[i % nwords + 1]
  local f = format("%s:%06d:%.3f:%x", w, i % 1000000, (i % 1000) / 8, i)
  local r = rep(sub(w, 1, 2), 1 + i % 6, ".")
  local t = s .. "|" .. sub(f, 3, 14) .. "|" .. r
  if i % 3 == 0 then t = upper(t) end
  checksum = (checksum * 7 + #t + byte(t, #t) + byte(f, 1)) % 1000000007
  if i % 4 == 0 then keep[rand(KEEP)] = t end
end

local kept, klen = 0, 0
for i = 1, KEEP do
  local t = keep[i]
  if t then
    kept = kept + 1
    klen = (klen * 31 + #t + byte(t, 1)) % 1000000007
  end
end
print(kept, klen, checksum)
