-- A pause of 0 (collect as soon as possible) must not make every allocation collect the
-- whole heap: this loop finishes in well under a second in both interpreters.
local live = {}
for i = 1, 20000 do live[i] = {i} end
collectgarbage("setpause", 0)
local n = 0
for i = 1, 100000 do
  local t = {i, tostring(i)}
  n = n + #t
end
collectgarbage("setpause", 200)
print(n, #live)
-- expect: 200000	20000

