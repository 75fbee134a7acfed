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

