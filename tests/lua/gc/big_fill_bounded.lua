-- Big tables filled by loops that create no other object (no safe point but the stores that
-- grow the table), each dropped for the next: the heap must not keep every round's table.
-- gc-timing: measures the heap between rounds, which the stress mode's cycles change
local ROUNDS, N = 8, 300000
local worst = 0
for round = 1, ROUNDS do
  local a = {}
  for i = 1, N do a[i] = i * round end
  local h = {}
  for i = 1, N // 4 do h[i * 7919 % 1000003 + 0.5] = i end
  worst = math.max(worst, collectgarbage("count"))
end
-- One round's tables take about 9 MB (a 4 MB array part, a 4.5 MB hash part when the growth
-- is done); keeping every round would need over 70 MB.
print(worst < 3.5 * 9 * 1024)
-- expect: true
