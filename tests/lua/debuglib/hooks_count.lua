-- Count hooks: an event every `count` instructions; combined with line hooks.

local h0, m0, c0 = debug.gethook()
local function off() if h0 then debug.sethook(h0, m0, c0) else debug.sethook() end end

local function work(n)
  local s = 0
  for i = 1, n do s = s + i end
  return s
end

local counts = {}
for _, period in ipairs({1, 2, 3, 7, 100}) do
  local c = 0
  debug.sethook(function(ev, line)
    if debug.getinfo(2, "f").func == work then c = c + 1 end  -- only work's instructions
  end, "", period)
  work(10)
  off()
  counts[#counts + 1] = c
end
print(counts[1], counts[2], counts[3], counts[4], counts[5])
-- expect: 26	13	8	12	0

-- the event's name and line
local ev_seen, line_seen
debug.sethook(function(ev, line) ev_seen, line_seen = ev, line end, "", 1)
work(1)
off()
print(ev_seen, line_seen)
-- expect: count	nil

-- count and line together: both events are raised, count first
local log = ""
debug.sethook(function(ev, line)
  if debug.getinfo(2, "f").func == work then log = log .. ev .. " " end
end, "l", 1)
work(1)
off()
print(log)
-- expect: count line count line count line count line count line count line count line count line 

-- the mask reported by gethook has no letter for the count
debug.sethook(print, "", 5)
-- expect: count	nil
-- expect: count	nil
local _, m, c = debug.gethook()
off()
print(m, c)
-- expect: 	5
debug.sethook(print, "l", 0)
-- expect: line	55
-- expect: line	56
-- expect: line	4
_, m, c = debug.gethook()
off()
print(m, c)
-- expect: l	0
debug.sethook(print, "", 0)  -- an empty mask and no count: no hook
-- expect: nil
-- expect: nil
print(debug.gethook())
debug.sethook(print, "", -3)
print(debug.gethook())
off()

-- breaking out of an endless loop from a count hook
local ok, err = pcall(function()
  local budget = 0
  debug.sethook(function()
    budget = budget + 1
    if budget > 5 then error("out of budget", 0) end
  end, "", 1000)
  while true do end
end)
off()
print(ok, err)
-- expect: false	out of budget

-- count hooks per coroutine
local co = coroutine.create(function()
  local n = 0
  debug.sethook(function() n = n + 1 end, "", 1)
  work(5)
  debug.sethook()
  coroutine.yield(n > 0)
end)
print(coroutine.resume(co))
-- expect: true	true
print(debug.gethook() == h0)
-- expect: true
