-- The benchmarks-game fasta: emit DNA sequences, one by repeating a fixed string and two
-- by a linear congruential generator and cumulative probability tables. Instead of
-- printing the 60-column lines, each line is folded into a hash byte by byte. Exercises
-- float compares in a small search loop, table.concat of characters, string.sub and
-- string.byte.
local byte, sub, concat = string.byte, string.sub, table.concat

local N = 500000

local ALU =
  "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG" ..
  "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA" ..
  "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT" ..
  "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA" ..
  "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCGTGAACCCGGG" ..
  "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC" ..
  "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA"

local IUB = {
  { "a", 0.27 }, { "c", 0.12 }, { "g", 0.12 }, { "t", 0.27 },
  { "B", 0.02 }, { "D", 0.02 }, { "H", 0.02 }, { "K", 0.02 },
  { "M", 0.02 }, { "N", 0.02 }, { "R", 0.02 }, { "S", 0.02 },
  { "V", 0.02 }, { "W", 0.02 }, { "Y", 0.02 },
}

local HOMOSAPIENS = {
  { "a", 0.3029549426680 }, { "c", 0.1979883004921 },
  { "g", 0.1975473066391 }, { "t", 0.3015094502008 },
}

-- the benchmark's LCG; all values stay small integers
local IM, IA, IC = 139968, 3877, 29573
local last = 42
local function random(max)
  last = (last * IA + IC) % IM
  return max * last / IM
end

local hash, lines = 0, 0
local function emit(line)
  local h = hash
  for i = 1, #line do h = (h * 31 + byte(line, i)) % 1000000007 end
  hash = h
  lines = lines + 1
end

local function repeat_fasta(s, n)
  local len = #s
  local s2 = s .. s
  local p = 1
  for start = 1, n, 60 do
    local l = n - start + 1
    if l > 60 then l = 60 end
    emit(sub(s2, p, p + l - 1))
    p = p + l
    if p > len then p = p - len end
  end
end

local function random_fasta(freqs, n)
  local chars, cumul = {}, {}
  local acc = 0.0
  for i = 1, #freqs do
    chars[i] = freqs[i][1]
    acc = acc + freqs[i][2]
    cumul[i] = acc
  end
  cumul[#freqs] = 1.0 -- guard against rounding in the sum
  local buf = {}
  for start = 1, n, 60 do
    local l = n - start + 1
    if l > 60 then l = 60 end
    for i = 1, l do
      local r = random(1.0)
      local k = 1
      while r >= cumul[k] do k = k + 1 end
      buf[i] = chars[k]
    end
    emit(concat(buf, "", 1, l))
  end
end

repeat_fasta(ALU, 2 * N)
local h1 = hash
random_fasta(IUB, 3 * N)
local h2 = hash
random_fasta(HOMOSAPIENS, 5 * N)
print(#ALU, lines, h1, h2, hash)
