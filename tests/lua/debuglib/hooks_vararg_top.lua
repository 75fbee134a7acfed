-- Line and count hooks in a vararg function whose first call passes many values. Until its
-- VARARGPREP has run, the arguments lie above the frame and the top the caller set is the only
-- record of how many there are (the opcode list's "it" mode for VARARGPREP): a hook that
-- lowered the top there would lose arguments, and a hook frame placed at the frame's top would
-- overwrite them. The hooks here use the stack above them heavily (a call with 250 values).

local h0, m0, c0 = debug.gethook()
local function off() if h0 then debug.sethook(h0, m0, c0) else debug.sethook() end end

local junk = {}
for i = 1, 250 do junk[i] = "junk" .. i end
local function clobber(...) return select('#', ...) end

local args = {}
for i = 1, 300 do args[i] = i end

-- A fresh vararg function for each case, so that each call is its first.
local function make()
  return function(a, ...)
    local n = select('#', ...)
    local t = {...}
    local s = a
    for i = 1, n do s = s + t[i] end
    return n, s, t[n]
  end
end

local function run(mask, count, nargs)
  local f = make()
  local log, events = {}, {}
  debug.sethook(function(ev, line)
    local info = debug.getinfo(2, "fl")
    if info.func ~= f then return end
    clobber(table.unpack(junk))
    events[ev] = (events[ev] or 0) + 1
    if #log < 16 then  -- the first events, then only how many
      log[#log + 1] = ev .. (line and " " .. line or "") .. "@" .. info.currentline
    end
  end, mask, count)
  local n, s, last = f(table.unpack(args, 1, nargs))
  off()
  print(mask, count, nargs, n, s, last)
  print(table.concat(log, " "))
  print(events.call, events["return"], events.line, events.count)
end

run("l", 0, 300)
run("", 1, 300)
run("l", 1, 300)
run("cl", 2, 300)
run("crl", 1, 255)
run("l", 1, 1)
run("l", 1, 0)

-- The same in a coroutine's first resume: the arguments come through resume.
local co = coroutine.wrap(function(...)
  local f = make()
  local lines = {}
  debug.sethook(function(ev, line)
    if debug.getinfo(2, "f").func == f then
      clobber(table.unpack(junk))
      if #lines < 16 then lines[#lines + 1] = line end
    end
  end, "l", 1)
  local n, s, last = f(...)
  debug.sethook()
  return n, s, last, table.concat(lines, " ")
end)
print(co(table.unpack(args)))

-- expect: l	0	300	299	45150	300
-- expect: line 20@20 line 21@21 line 22@22 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23 line 23@23
-- expect: nil	nil	303	nil
-- expect: 	1	300	299	45150	300
-- expect: count@20 count@20 count@20 count@20 count@21 count@21 count@21 count@22 count@23 count@23 count@23 count@23 count@23 count@23 count@23 count@23
-- expect: nil	nil	nil	913
-- expect: l	1	300	299	45150	300
-- expect: count@20 line 20@20 count@20 line 20@20 count@20 line 20@20 count@20 line 20@20 count@21 line 21@21 count@21 line 21@21 count@21 line 21@21 count@22 line 22@22
-- expect: nil	nil	913	913
-- expect: cl	2	300	299	45150	300
-- expect: call@20 line 20@20 count@20 line 20@20 line 21@21 count@21 line 21@21 count@21 line 21@21 count@22 line 22@22 count@23 line 23@23 count@23 line 23@23 count@23
-- expect: 1	nil	609	458
-- expect: crl	1	255	254	32640	255
-- expect: call@20 count@20 line 20@20 count@20 line 20@20 count@20 line 20@20 count@20 line 20@20 count@21 line 21@21 count@21 line 21@21 count@21 line 21@21 count@22
-- expect: 1	1	778	778
-- expect: l	1	1	0	1	nil
-- expect: count@20 line 20@20 count@20 line 20@20 count@20 line 20@20 count@20 line 20@20 count@21 line 21@21 count@21 line 21@21 count@21 line 21@21 count@22 line 22@22
-- expect: nil	nil	16	16
-- expect: l	1	0	0	nil	nil
-- expect: count@20 line 20@20 count@20 line 20@20 count@20 line 20@20 count@20 line 20@20 count@21 line 21@21 count@21 line 21@21 count@21 line 21@21 count@22 line 22@22
-- expect: nil	nil	16	16
-- expect: 299	45150	300	20 20 20 20 21 21 21 22 23 23 23 23 23 23 23 23
