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

-- labels in nested functions are separate
local function f()
  goto l
  do return "skipped" end
  ::l::
  return "jumped"
end
print(f())
-- expect: jumped

-- same label name in different blocks is fine
do ::a:: end
do ::a:: end
print("same label in sibling blocks")
-- expect: same label in sibling blocks

-- errors
local function try(src)
  local fn, msg = load(src)
  print(msg)
end
try("goto nowhere")
-- expect: [string "goto nowhere"]:1: no visible label 'nowhere' for <goto> at line 1
try("do ::l:: end goto l")
-- expect: [string "do ::l:: end goto l"]:1: no visible label 'l' for <goto> at line 1
try("::l:: ::l::")
-- expect: [string "::l:: ::l::"]:1: label 'l' already defined on line 1
try("::l:: do ::l:: end")
-- expect: [string "::l:: do ::l:: end"]:1: label 'l' already defined on line 1
try("goto l; local x; ::l:: print(x)")
-- expect: [string "goto l; local x; ::l:: print(x)"]:1: <goto l> at line 1 jumps into the scope of local 'x'
try("repeat goto cont; local x; ::cont:: until x")
-- expect: [string "repeat goto cont; local x; ::cont:: until x"]:1: <goto cont> at line 1 jumps into the scope of local 'x'
try("break")
-- expect: [string "break"]:1: break outside loop at line 1
try("if true then break end")
-- expect: [string "if true then break end"]:1: break outside loop at line 1
try("local function f() goto out end ::out::")
-- expect: [string "local function f() goto out end ::out::"]:1: no visible label 'out' for <goto> at line 1
try("for i = 1, 2 do end goto x")
-- expect: [string "for i = 1, 2 do end goto x"]:1: no visible label 'x' for <goto> at line 1
-- a label at the very end of a block, followed only by void statements
print(load("do goto l; local x; ::l:: ; ; end") ~= nil)
-- expect: true
