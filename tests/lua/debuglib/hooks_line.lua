-- Line hooks: new lines, backward jumps, function entry (lua5.4's luaG_traceexec rules).
-- Hooks installed by a test are restored to whatever was there before (none, normally).

local h0, m0, c0 = debug.gethook()
local function off() if h0 then debug.sethook(h0, m0, c0) else debug.sethook() end end

local log
local function start(mask, count)
  log = ""
  debug.sethook(function(ev, line)
    local info = debug.getinfo(2, "S")
    if info.short_src == "hooks_line.lua" then
      log = log .. ev .. ":" .. tostring(line - info.linedefined) .. " "
    end
  end, mask, count)
end

local function f(n)
  local s = 0
  for i = 1, n do
    s = s + i
  end
  return s
end
start("l"); f(3); off(); print(log)
-- expect: line:8 line:1 line:2 line:3 line:2 line:3 line:2 line:3 line:2 line:5 line:0 

local function loop()
  local i = 0
  while i < 3 do i = i + 1 end
  repeat i = i - 1 until i == 0
  return i
end
start("l"); loop(); off(); print(log)
-- expect: line:8 line:1 line:2 line:2 line:2 line:2 line:3 line:3 line:3 line:4 line:0 

local function branches(x)
  if x then
    x = 1
  else
    x = 2
  end
  return x
end
start("l"); branches(true); branches(false); off(); print(log)
-- expect: line:8 line:1 line:2 line:6 line:1 line:4 line:6 line:0 

-- several statements on one line, and one statement on several lines
local function oneline() local a = 1; local b = 2; return a + b end
local function multi()
  local t = {
    1,
    2,
  }
  return
    t
end
start("l"); oneline(); multi(); off(); print(log)
-- expect: line:8 line:0 line:1 line:2 line:4 line:6 line:0 

-- vararg functions: the first line event is after VARARGPREP
local function va(...)
  local n = select("#", ...)
  return n
end
start("l"); va(1, 2); off(); print(log)
-- expect: line:8 line:1 line:2 line:0 

-- the line after the call that installs the hook
local lines = ""
debug.sethook(function(ev, l) lines = lines .. tostring(l) .. " " end, "l")
local z = 1
z = z + 1; z = z + 2
off()
print(lines)
-- expect: 72 73 74 5 

-- inside a hook, hooks are off: calls made by the hook raise no events
local depth = 0
local inner = 0
debug.sethook(function(ev, line)
  depth = depth + 1
  local function helper() inner = inner + 1 end
  helper()
  depth = depth - 1
end, "lcr")
local a = 1
a = a + 1
off()
print(depth, inner > 0)
-- expect: 0	true

-- getinfo(2) inside a hook sees the hooked function; level 1 is the hook itself
local seen = ""
local function target()
  local x = 1
  return x
end
debug.sethook(function(ev, line)
  local i2 = debug.getinfo(2, "nSl")
  local i1 = debug.getinfo(1, "nS")
  if i2.func == nil and i2.short_src == "hooks_line.lua" and i2.name == "target" then
    seen = seen .. tostring(i2.currentline == line) .. "/" .. tostring(i1.namewhat) .. ":" .. tostring(i1.name) .. " "
  end
end, "l")
target()
off()
print(seen)
-- expect: true/hook:? true/hook:? 

-- gethook while a hook is set
local function hk() end
debug.sethook(hk, "lcr", 7)
local gh, gm, gc = debug.gethook()
off()
print(gh == hk, gm, gc)
-- expect: true	crl	7
debug.sethook(hk, "", 0)
-- expect: nil
print(debug.gethook())
off()

-- errors inside a line hook propagate, and hooks stay installed
local ok, err = pcall(function()
  local fired = false
  debug.sethook(function(ev, line)
    if not fired then fired = true error("boom at " .. tostring(line > 0)) end
  end, "l")
  local q = 1
  return q
end)
off()
print(ok, err)
-- expect: false	hooks_line.lua:127: boom at true

-- a hook in a coroutine is per thread
local co = coroutine.create(function()
  local cl = ""
  debug.sethook(function(ev, l) cl = cl .. "x" end, "l")
  local y = 1
  y = y + 1
  coroutine.yield(cl)
  debug.sethook()
  return "done"
end)
print(coroutine.resume(co))
-- expect: true	xxx
local mainlines = 0
print(coroutine.resume(co))
-- expect: true	done
print(debug.gethook(co))
-- expect: nil

-- sethook on another thread
local co2 = coroutine.create(function(a)
  local b = a
  b = b + 1
  return b
end)
local colog = ""
debug.sethook(co2, function(ev, l) colog = colog .. ev .. " " end, "lr")
print(debug.gethook(co2) ~= nil, debug.gethook() == h0)
-- expect: true	true
print(coroutine.resume(co2, 1))
-- expect: true	2
print(colog)
-- expect: line line line return 

-- errors
print(pcall(debug.sethook, print))
-- expect: false	bad argument #2 to 'debug.sethook' (string expected, got no value)
print(pcall(debug.sethook, 1, "l"))
-- expect: false	bad argument #1 to 'debug.sethook' (function expected, got number)
print(pcall(debug.sethook, print, "l", "x"))
-- expect: false	bad argument #3 to 'debug.sethook' (number expected, got string)
