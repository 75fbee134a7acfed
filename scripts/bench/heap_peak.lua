-- The peak of collectgarbage("count") while a program runs, sampled by a count hook every
-- 100 VM instructions (so a short spike between samples can be missed), and the count at
-- the end. Runs under tycho and lua5.4 alike:
--
--   build/tycho scripts/bench/heap_peak.lua scripts/bench/programs/method_calls.lua
--   lua5.4      scripts/bench/heap_peak.lua scripts/bench/programs/method_calls.lua
--
-- The program's output goes to stdout as usual; the figures go to stderr.
local program = assert(arg[1], "usage: heap_peak.lua <program.lua> [args...]")
local peak = 0
debug.sethook(function()
  local c = collectgarbage("count")
  if c > peak then peak = c end
end, "", 100)
assert(loadfile(program))(table.unpack(arg, 2))
debug.sethook()
io.stderr:write(string.format("peak %.0f KiB, at the end %.0f KiB\n", peak,
  collectgarbage("count")))
