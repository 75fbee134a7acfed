-- goto and labels: continue idiom, nested loops, backward jumps, visibility rules.

-- continue
local sum = 0
for i = 1, 10 do
  if i % 2 == 0 then goto continue end
  sum = sum + i
  ::continue::
end
print("odd sum", sum)
-- expect: odd sum	25

-- break out of nested loops
local found
for i = 1, 5 do
  for j = 1, 5 do
    if i * j == 12 then
      found = i .. "x" .. j
      goto done
    end
  end
end
::done::
print("found", found)
-- expect: found	3x4

-- backward goto as a loop
local n = 0
::again::
n = n + 1
if n < 5 then goto again end
print("n", n)
-- expect: n	5

-- a goto loop with a fresh local per iteration: closures capture distinct variables
local fns = {}
do
  local i = 1
  ::top::
  local j = i
  fns[#fns + 1] = function() return j end
  i = i + 1
  if i <= 3 then goto top end
end
print("closures", fns[1](), fns[2](), fns[3]())
-- expect: closures	1	2	3

-- jumping to a label at the end of the enclosing block is allowed even past locals
do
  goto finish
  local x = 1
  print(x)
  ::finish::
end
print("end-of-block label ok")
-- expect: end-of-block label ok

