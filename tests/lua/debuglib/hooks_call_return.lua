-- Call and return hooks: "call", "tail call", "return", with names and transfer info.

local h0, m0, c0 = debug.gethook()
local function off() if h0 then debug.sethook(h0, m0, c0) else debug.sethook() end end

local log
local function start(mask, opts)
  log = ""
  debug.sethook(function(ev, line)
    local info = debug.getinfo(2, opts or "nSr")
    local name = info.name or info.what
    if name ~= "off" and name ~= "sethook" then
      log = log .. ev .. "(" .. tostring(name) .. " " .. tostring(info.ftransfer) .. "," ..
        tostring(info.ntransfer) .. " " .. tostring(line) .. ") "
    end
  end, mask)
end

local function add(a, b) return a + b end
local function twice(x) return add(x, x) end
start("c"); twice(2); off(); print(log)
-- expect: call(twice 1,1 nil) tail call(Lua 1,2 nil) 
start("r"); twice(2); off(); print(log)
-- expect: return(start 0,0 nil) return(Lua 3,1 nil) 
start("cr"); twice(2); off(); print(log)
-- expect: return(start 0,0 nil) call(twice 1,1 nil) tail call(Lua 1,2 nil) return(Lua 3,1 nil) 

-- tail calls
local function tail(n) if n == 0 then return "end" end return tail(n - 1) end
start("cr"); tail(2); off(); print(log)
-- expect: return(start 0,0 nil) call(tail 1,1 nil) tail call(Lua 1,1 nil) tail call(Lua 1,1 nil) return(Lua 2,1 nil) 
local function tc(x) return add(x, 1) end
start("cr"); tc(1); off(); print(log)
-- expect: return(start 0,0 nil) call(tc 1,1 nil) tail call(Lua 1,2 nil) return(Lua 3,1 nil) 

-- native functions
start("cr"); local s = tostring(12); off(); print(log)
-- expect: return(start 0,0 nil) call(tostring 1,1 nil) return(tostring 2,1 nil) 
start("cr"); select(2, "a", "b", "c"); off(); print(log)
-- expect: return(start 0,0 nil) call(select 1,4 nil) return(select 3,2 nil) 
start("cr"); pcall(add, 1, 2); off(); print(log)
-- expect: return(start 0,0 nil) call(pcall 1,3 nil) call(Lua 1,2 nil) return(Lua 3,1 nil) return(pcall 1,2 nil) 
start("cr"); pcall(error, "x"); off(); print(log)
-- expect: return(start 0,0 nil) call(pcall 1,2 nil) call(C 1,1 nil) return(pcall 3,2 nil) 

-- vararg functions and multiple results
local function va(...) return ... end
start("cr"); va(1, 2, 3); off(); print(log)
-- expect: return(start 0,0 nil) call(va 0,0 nil) return(va 1,3 nil) 
local function multi() return 1, 2, 3, 4 end
start("r"); multi(); off(); print(log)
-- expect: return(start 0,0 nil) return(multi 1,4 nil) 
local function none() end
start("cr"); none(); off(); print(log)
-- expect: return(start 0,0 nil) call(none 0,0 nil) return(none 0,0 nil) 

-- metamethods
local mt = setmetatable({}, {__index = function(t, k) return k end,
                             __add = function(a, b) return 0 end})
start("c"); local _ = mt.x; _ = mt + 1; off(); print(log)
-- expect: call(index 1,2 nil) call(add 1,2 nil) 

-- a function with to-be-closed variables returns after its __close ran
local function withclose()
  local c <close> = setmetatable({}, {__close = function() end})
  return 1
end
start("cr"); withclose(); off(); print(log)
-- expect: return(start 0,0 nil) call(withclose 0,0 nil) call(setmetatable 1,2 nil) return(setmetatable 1,1 nil) call(close 0,0 nil) return(close 0,0 nil) return(withclose 2,1 nil) 

-- the values seen by the hook through getlocal ('r' gives their positions)
local vals
debug.sethook(function(ev)
  local info = debug.getinfo(2, "rn")
  if info.name == "add" then
    local s = ev .. ":"
    for i = info.ftransfer, info.ftransfer + info.ntransfer - 1 do
      local _, v = debug.getlocal(2, i)
      s = s .. tostring(v) .. " "
    end
    vals = (vals or "") .. s
  end
end, "cr")
add(10, 20)
off()
print(vals)
-- expect: call:10 20 return:30 

-- a coroutine's hooks
local co = coroutine.create(function(a)
  local x = add(a, 1)
  coroutine.yield(x)
  return twice(x)
end)
local clog = ""
debug.sethook(co, function(ev)
  local info = debug.getinfo(2, "n")
  clog = clog .. ev .. ":" .. tostring(info.name) .. " "
end, "cr")
print(coroutine.resume(co, 1))
-- expect: true	2
print(coroutine.resume(co))
-- expect: true	4
print(clog)
-- expect: call:nil call:add return:add call:yield return:yield tail call:nil tail call:nil return:nil 

-- the call hook sees the caller's line through getinfo(3)
local where = ""
local function callee() return 1 end
debug.sethook(function(ev)
  local i = debug.getinfo(2, "n")
  if i.name == "callee" then where = where .. tostring(debug.getinfo(3, "l").currentline) .. " " end
end, "c")
callee()
callee()
off()
print(where)
-- expect: 114 115 

-- the hook mask string
start("rc"); local hf, hm, hc = debug.gethook(); off(); print(type(hf), hm, hc)
-- expect: function	cr	0
