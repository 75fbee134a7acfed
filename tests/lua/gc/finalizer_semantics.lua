-- Finalizer details: order, weak tables around resurrection, errors as warnings, the
-- collector inside a finalizer, finalizers at exit.
-- gc-timing: expects objects to die only at the explicit collectgarbage() calls
-- expect-stderr: Lua warning: error in __gc (finalizer_semantics.lua:
-- expect-stderr: Lua warning: error in __gc (attempt to call a boolean value (metamethod '__gc'))

warn("@on")
local log = {}
local function add(s) log[#log + 1] = s end
local function dump()
  local s = ""
  for i = 1, #log do s = s .. (i > 1 and " " or "") .. log[i] end
  log = {}
  return s
end

-- reverse order of registration, even when created in another order
local objs = {}
for i = 1, 5 do objs[i] = {id = i} end
for _, i in ipairs({3, 1, 5, 2, 4}) do
  setmetatable(objs[i], {__gc = function(o) add(o.id) end})
end
objs = nil
collectgarbage()
print("order:", dump())
-- expect: order:	4 2 5 1 3

-- a weak-valued table loses a resurrected object before its finalizer runs; a weak-keyed
-- table keeps it as a key until the next collection (the collector is stopped in between, so
-- that the GC stress build's own cycles do not make that next collection come early)
collectgarbage("stop")
local wv = setmetatable({}, {__mode = "v"})
local wk = setmetatable({}, {__mode = "k"})
do
  local o = setmetatable({}, {__gc = function(o)
    add("fin wv=" .. tostring(wv[1] == o) .. " wk=" .. tostring(wk[o]))
  end})
  wv[1] = o
  wk[o] = "val"
end
collectgarbage()
print(dump())
-- expect: fin wv=false wk=val
local n = 0
for k in pairs(wk) do n = n + 1 end
print("keys after first cycle", n)
-- expect: keys after first cycle	1
collectgarbage()
n = 0
for k in pairs(wk) do n = n + 1 end
print("keys after second cycle", n)
-- expect: keys after second cycle	0
collectgarbage("restart")

-- an error in a finalizer is a warning; the program goes on
do setmetatable({}, {__gc = function() error("boom") end}) end
collectgarbage()
print("after error")
-- expect: after error

-- a non-function __gc is called anyway (and fails as a warning)
do setmetatable({}, {__gc = true}) end
collectgarbage()
print("after bad __gc")
-- expect: after bad __gc

-- collector control inside a finalizer returns fail
do setmetatable({}, {__gc = function()
  add("inside: " .. tostring(collectgarbage("count")) .. " " .. tostring(collectgarbage()))
end}) end
collectgarbage()
print(dump())
-- expect: inside: nil nil

-- finalizer of an object reachable from another finalized object: both run
do
  local inner = setmetatable({}, {__gc = function() add("inner") end})
  setmetatable({inner = inner}, {__gc = function(o) add("outer sees inner " .. type(o.inner)) end})
end
collectgarbage()
print(dump())
-- expect: outer sees inner table inner

-- the finalizer receives the object itself and may set a new finalizer on it
local again = 0
do
  local mt = {}
  mt.__gc = function(o)
    again = again + 1
    if again < 3 then setmetatable(o, mt) end
  end
  setmetatable({}, mt)
end
for i = 1, 4 do collectgarbage() end
print("finalized", again, "times")
-- expect: finalized	3	times

-- pending at exit: run when the state closes, newest first
local x1 = setmetatable({}, {__gc = function() print("exit 1") end})
local x2 = setmetatable({}, {__gc = function() print("exit 2") end})
print("end of script")
-- expect: end of script
-- expect: exit 2
-- expect: exit 1
