-- N-queens by backtracking: count all placements of N queens on an N x N board for
-- N = 4..12, using boolean arrays for the occupied columns and diagonals. Recursive
-- calls, a loop over columns with table reads/writes of booleans, integer arithmetic.
local function queens(n)
  local cols, diag1, diag2, pos = {}, {}, {}, {}
  for i = 1, 2 * n do cols[i], diag1[i], diag2[i] = false, false, false end
  local count, hash = 0, 0
  local function place(row)
    if row > n then
      count = count + 1
      local h = 0
      for r = 1, n do h = h * n + pos[r] - 1 end
      hash = (hash + h) % 1000000007
      return
    end
    for c = 1, n do
      local d1, d2 = row + c, row - c + n
      if not cols[c] and not diag1[d1] and not diag2[d2] then
        cols[c], diag1[d1], diag2[d2] = true, true, true
        pos[row] = c
        place(row + 1)
        cols[c], diag1[d1], diag2[d2] = false, false, false
      end
    end
  end
  place(1)
  return count, hash
end

local out = {}
local checksum = 0
for n = 4, 12 do
  local count, hash = queens(n)
  out[#out + 1] = n .. ":" .. count
  checksum = (checksum * 31 + count + hash) % 1000000007
end
print(table.concat(out, " "))
print(checksum)
