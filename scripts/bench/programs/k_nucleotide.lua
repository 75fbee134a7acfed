-- The benchmarks-game k-nucleotide on an input made in-process: generate a DNA sequence
-- with the fasta algorithm (LCG plus cumulative probabilities), then count all k-mers
-- for k = 1, 2 and a few longer ones in tables keyed by substrings. Exercises string.sub
-- of short strings (interning), hash-part string keys, table.sort with a comparator and
-- string.format.
local sub, concat, format = string.sub, table.concat, string.format

-- fasta's "homo sapiens" part, uppercased
local IM, IA, IC = 139968, 3877, 29573
local last = 42
local function random(max)
  last = (last * IA + IC) % IM
  return max * last / IM
end

local function make_sequence(n)
  local chars = { "A", "C", "G", "T" }
  local cumul = { 0.3029549426680, 0.3029549426680 + 0.1979883004921,
    0.3029549426680 + 0.1979883004921 + 0.1975473066391, 1.0 }
  local lines, buf = {}, {}
  for start = 1, n, 60 do
    local l = n - start + 1
    if l > 60 then l = 60 end
    for i = 1, l do
      local r = random(1.0)
      local k = 1
      while r >= cumul[k] do k = k + 1 end
      buf[i] = chars[k]
    end
    lines[#lines + 1] = concat(buf, "", 1, l)
  end
  return concat(lines)
end

local function count(seq, k)
  local counts = {}
  for i = 1, #seq - k + 1 do
    local frag = sub(seq, i, i + k - 1)
    counts[frag] = (counts[frag] or 0) + 1
  end
  return counts
end

local function frequencies(seq, k)
  local counts = count(seq, k)
  local list = {}
  for frag, c in pairs(counts) do list[#list + 1] = { frag, c } end
  table.sort(list, function(a, b)
    if a[2] ~= b[2] then return a[2] > b[2] end
    return a[1] < b[1]
  end)
  local total = #seq - k + 1
  local out = {}
  for i = 1, #list do
    out[i] = format("%s %.3f", list[i][1], 100 * list[i][2] / total)
  end
  return concat(out, " ")
end

local seq = make_sequence(400000)
print(frequencies(seq, 1))
print(frequencies(seq, 2))
local checksum = 0
local out = {}
for _, frag in ipairs({ "GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT" }) do
  local c = count(seq, #frag)[frag] or 0
  out[#out + 1] = format("%d\t%s", c, frag)
  checksum = checksum * 7 + c
end
print(concat(out, "  "))
print(format("checksum %d", checksum))
