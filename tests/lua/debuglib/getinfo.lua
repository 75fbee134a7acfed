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
-- expect: source=@getinfo.lua short_src=getinfo.lua linedefined=14 lastlinedefined=17 what=Lua currentline=-1 name=nil namewhat= nups=0 nparams=2 isvararg=true istailcall=false ftransfer=0 ntransfer=0 
print(debug.getinfo(f).func == f, debug.getinfo(f, "L").activelines ~= nil)
-- expect: true	true
show(debug.getinfo(print), ALL)
-- expect: source==[C] short_src=[C] linedefined=-1 lastlinedefined=-1 what=C currentline=-1 name=nil namewhat= nups=0 nparams=0 isvararg=true istailcall=false ftransfer=0 ntransfer=0 
show(debug.getinfo(print, "S"), S)
-- expect: source==[C] short_src=[C] linedefined=-1 lastlinedefined=-1 what=C 
print(debug.getinfo(print, "L").activelines, debug.getinfo(print, "f").func == print)
-- expect: nil	true
local up1, up2 = 1, 2
local function g() return up1 + up2 end
show(debug.getinfo(g, "u"), {"nups", "nparams", "isvararg"})
-- expect: nups=2 nparams=0 isvararg=false 
show(debug.getinfo(function(...) end, "u"), {"nups", "nparams", "isvararg"})
-- expect: nups=0 nparams=0 isvararg=true 
show(debug.getinfo(string.rep, "u"), {"nups", "nparams", "isvararg"})
-- expect: nups=0 nparams=0 isvararg=true 
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
-- expect: active	1
-- expect: active	3
-- expect: active	4
-- expect: active	6
-- expect: active	7
local function va(...)
  local n = select('#', ...)
  return n
end
al = debug.getinfo(va, "L").activelines
for i = 1, 60 do if al[i] then print("va active", i - debug.getinfo(va, "S").linedefined) end end
-- expect: va active	1
-- expect: va active	2
-- expect: va active	3

-- stack levels
local function lvl()
  show(debug.getinfo(1, "nSl"), {"name", "namewhat", "what", "currentline", "short_src"})
  show(debug.getinfo(2, "nSl"), {"name", "namewhat", "what", "currentline"})
  show(debug.getinfo(0, "nS"), {"name", "namewhat", "what", "source"})
  print(debug.getinfo(1, "f").func == lvl)
end
lvl()
-- expect: name=lvl namewhat=local what=Lua currentline=64 short_src=getinfo.lua 
-- expect: name=nil namewhat= what=main currentline=69 
-- expect: name=getinfo namewhat=field what=C source==[C] 
-- expect: true
local t = {m = lvl}
t.m()
-- expect: name=m namewhat=field what=Lua currentline=64 short_src=getinfo.lua 
-- expect: name=nil namewhat= what=main currentline=75 
-- expect: name=getinfo namewhat=field what=C source==[C] 
-- expect: true
t:m()
-- expect: name=m namewhat=method what=Lua currentline=64 short_src=getinfo.lua 
-- expect: name=nil namewhat= what=main currentline=80 
-- expect: name=getinfo namewhat=field what=C source==[C] 
-- expect: true
print(debug.getinfo(1, "t").istailcall)
-- expect: false
show(debug.getinfo(1, "S"), S)
-- expect: source=@getinfo.lua short_src=getinfo.lua linedefined=0 lastlinedefined=0 what=main 
show(debug.getinfo(2, "S"), S)
-- expect: source==[C] short_src=[C] linedefined=-1 lastlinedefined=-1 what=C 
print(debug.getinfo(3), debug.getinfo(100), debug.getinfo(-1))
-- expect: nil	nil	nil
print(type(debug.getinfo(2, "f").func))
-- expect: function

-- tail calls
local function tc() return debug.getinfo(1, "tn") end
local function tcaller() return tc() end
local r = tcaller()
print(r.istailcall, r.name, r.namewhat)
-- expect: true	nil	

-- 'r' outside hooks
show(debug.getinfo(1, "r"), {"ftransfer", "ntransfer"})
-- expect: ftransfer=0 ntransfer=0 

-- options
print(pcall(debug.getinfo, 1, ">S"))
-- expect: false	bad argument #2 to 'debug.getinfo' (invalid option '>')
print(pcall(debug.getinfo, 1, "X"))
-- expect: false	bad argument #2 to 'debug.getinfo' (invalid option)
print(pcall(debug.getinfo, f, "Sx"))
-- expect: false	bad argument #2 to 'debug.getinfo' (invalid option)
print(pcall(debug.getinfo, "x"))
-- expect: false	bad argument #1 to 'debug.getinfo' (number expected, got string)
print(pcall(debug.getinfo))
-- expect: false	bad argument #1 to 'debug.getinfo' (number expected, got no value)
print(pcall(debug.getinfo, {}))
-- expect: false	bad argument #1 to 'debug.getinfo' (number expected, got table)
print(pcall(debug.getinfo, 1.5))
-- expect: false	bad argument #1 to 'debug.getinfo' (number has no integer representation)
show(debug.getinfo(1, ""), ALL)
-- expect: source=nil short_src=nil linedefined=nil lastlinedefined=nil what=nil currentline=nil name=nil namewhat=nil nups=nil nparams=nil isvararg=nil istailcall=nil ftransfer=nil ntransfer=nil 
print(next(debug.getinfo(f, "")))
-- expect: nil

-- the source forms
local chunk = load("return debug.getinfo(1, 'S')", "=mychunk")
show(chunk(), S)
-- expect: source==mychunk short_src=mychunk linedefined=0 lastlinedefined=0 what=main 
chunk = load("return debug.getinfo(1, 'S')", "@some/file.lua")
show(chunk(), S)
-- expect: source=@some/file.lua short_src=some/file.lua linedefined=0 lastlinedefined=0 what=main 
chunk = load("\n  return debug.getinfo(1, 'Sl')")
show(chunk(), {"source", "short_src", "what", "currentline"})
-- expect: source=
-- expect:   return debug.getinfo(1, 'Sl') short_src=[string "..."] what=main currentline=2 
chunk = load("return debug.getinfo(1, 'S')", "a very long chunk name that goes on and on and on and on and on and on and on")
show(chunk(), S)
-- expect: source=a very long chunk name that goes on and on and on and on and on and on and on short_src=[string "a very long chunk name that goes on and on an..."] linedefined=0 lastlinedefined=0 what=main 
chunk = load("local x = 1\nreturn debug.getinfo(1, 'S')", "=" .. string.rep("n", 70))
print(#chunk().short_src)
-- expect: 59

-- other threads
local co = coroutine.create(function(x)
  local y = x
  coroutine.yield(y)
end)
coroutine.resume(co, 5)
show(debug.getinfo(co, 0, "nSl"), {"name", "namewhat", "what", "currentline"})
-- expect: name=yield namewhat=field what=C currentline=-1 
show(debug.getinfo(co, 1, "Sl"), {"what", "currentline", "linedefined"})
-- expect: what=Lua currentline=148 linedefined=146 
print(debug.getinfo(co, 2))
-- expect: nil
show(debug.getinfo(co, print, "S"), {"what", "short_src"})
-- expect: what=C short_src=[C] 
print(debug.getinfo(co, 1, "f").func ~= nil)
-- expect: true

-- a function called through a metamethod and by a for iterator
local mt = setmetatable({}, {__index = function(t, k) return debug.getinfo(1, "n") end})
show(mt.x, {"name", "namewhat"})
-- expect: name=index namewhat=metamethod 
for _ in function() show(debug.getinfo(1, "n"), {"name", "namewhat"}) end do break end
-- expect: name=for iterator namewhat=for iterator 
local cc = setmetatable({}, {__call = function() return debug.getinfo(1, "n") end})
show(cc(), {"name", "namewhat"})
-- expect: name=cc namewhat=local 
