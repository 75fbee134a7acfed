-- debug.getinfo: stack levels and function values, every option letter.

local function show(t, keys)
  if t == nil then print(nil) return end
  local s = ""
  for _, k in ipairs(keys) do s = s .. k .. "=" .. tostring(t[k]) .. " " end
  print(s)
end
local S = {"source", "short_src", "linedefined", "lastlinedefined", "what"}
local ALL = {"source", "short_src", "linedefined", "lastlinedefined", "what", "currentline",
  "name", "namewhat", "nups", "nparams", "isvararg", "istailcall", "ftransfer", "ntransfer"}

-- a function value
local function f(a, b, ...)
  local x = a
  return x
end
show(debug.getinfo(f), ALL)
print(debug.getinfo(f).func == f, debug.getinfo(f, "L").activelines ~= nil)
show(debug.getinfo(print), ALL)
show(debug.getinfo(print, "S"), S)
print(debug.getinfo(print, "L").activelines, debug.getinfo(print, "f").func == print)
local up1, up2 = 1, 2
local function g() return up1 + up2 end
show(debug.getinfo(g, "u"), {"nups", "nparams", "isvararg"})
show(debug.getinfo(function(...) end, "u"), {"nups", "nparams", "isvararg"})
show(debug.getinfo(string.rep, "u"), {"nups", "nparams", "isvararg"})
-- active lines
local function lines(a)
  local b = a

  if b then
    b = 2
  end
  return b
end
local al = debug.getinfo(lines, "L").activelines
for i = 1, 50 do if al[i] then print("active", i - debug.getinfo(lines, "S").linedefined) end end
local function va(...)
  local n = select('#', ...)
  return n
end
al = debug.getinfo(va, "L").activelines
for i = 1, 60 do if al[i] then print("va active", i - debug.getinfo(va, "S").linedefined) end end

-- stack levels
local function lvl()
  show(debug.getinfo(1, "nSl"), {"name", "namewhat", "what", "currentline", "short_src"})
  show(debug.getinfo(2, "nSl"), {"name", "namewhat", "what", "currentline"})
  show(debug.getinfo(0, "nS"), {"name", "namewhat", "what", "source"})
  print(debug.getinfo(1, "f").func == lvl)
end
lvl()
local t = {m = lvl}
t.m()
t:m()
print(debug.getinfo(1, "t").istailcall)
show(debug.getinfo(1, "S"), S)
show(debug.getinfo(2, "S"), S)
print(debug.getinfo(3), debug.getinfo(100), debug.getinfo(-1))
print(type(debug.getinfo(2, "f").func))

-- tail calls
local function tc() return debug.getinfo(1, "tn") end
local function tcaller() return tc() end
local r = tcaller()
print(r.istailcall, r.name, r.namewhat)

-- 'r' outside hooks
show(debug.getinfo(1, "r"), {"ftransfer", "ntransfer"})

-- options
print(pcall(debug.getinfo, 1, ">S"))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo, f, "Sx"))
print(pcall(debug.getinfo, "x"))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, {}))
print(pcall(debug.getinfo, 1.5))
show(debug.getinfo(1, ""), ALL)
print(next(debug.getinfo(f, "")))

-- the source forms
local chunk = load("return debug.getinfo(1, 'S')", "=mychunk")
show(chunk(), S)
chunk = load("return debug.getinfo(1, 'S')", "@some/file.lua")
show(chunk(), S)
chunk = load("\n  return debug.getinfo(1, 'Sl')")
show(chunk(), {"source", "short_src", "what", "currentline"})
chunk = load("return debug.getinfo(1, 'S')", "a very long chunk name that goes on and on and on and on and on and on and on")
show(chunk(), S)
chunk = load("local x = 1\nreturn debug.getinfo(1, 'S')", "=" .. string.rep("n", 70))
print(#chunk().short_src)

-- other threads
local co = coroutine.create(function(x)
  local y = x
  coroutine.yield(y)
end)
coroutine.resume(co, 5)
show(debug.getinfo(co, 0, "nSl"), {"name", "namewhat", "what", "currentline"})
show(debug.getinfo(co, 1, "Sl"), {"what", "currentline", "linedefined"})
print(debug.getinfo(co, 2))
show(debug.getinfo(co, print, "S"), {"what", "short_src"})
print(debug.getinfo(co, 1, "f").func ~= nil)

-- a function called through a metamethod and by a for iterator
local mt = setmetatable({}, {__index = function(t, k) return debug.getinfo(1, "n") end})
show(mt.x, {"name", "namewhat"})
for _ in function() show(debug.getinfo(1, "n"), {"name", "namewhat"}) end do break end
local cc = setmetatable({}, {__call = function() return debug.getinfo(1, "n") end})
show(cc(), {"name", "namewhat"})
