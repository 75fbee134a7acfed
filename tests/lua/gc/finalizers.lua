-- __gc finalizers: called on collection, in reverse order of marking, with resurrection.

local log = {}
local function tracked(name)
  return setmetatable({ name = name }, { __gc = function(o) log[#log + 1] = o.name end })
end
local function dump()
  local s = ""
  for i = 1, #log do s = s .. log[i] .. " " end
  log = {}
  return s
end

do
  local a, b, c = tracked("a"), tracked("b"), tracked("c")
end
collectgarbage()
print("collected:", dump())
-- expect: collected:	c b a 

-- objects still referenced are not finalized
local keep = tracked("kept")
collectgarbage()
print("none:", dump())
-- expect: none:	
keep = nil
collectgarbage()
print("now:", dump())
-- expect: now:	kept 

-- __gc must be present when setmetatable is called
local mt = {}
local late = setmetatable({ name = "late" }, mt)
mt.__gc = function(o) log[#log + 1] = o.name end
late = nil
collectgarbage()
print("late __gc ignored:", dump())
-- expect: late __gc ignored:	

-- a placeholder __gc field makes later assignment work
local mt2 = { __gc = true }
local obj = setmetatable({ name = "placeholder" }, mt2)
mt2.__gc = function(o) log[#log + 1] = o.name end
obj = nil
collectgarbage()
print("placeholder:", dump())
-- expect: placeholder:	placeholder 

-- resurrection: the finalizer stores the object; it is finalized only once
local saved
do
  setmetatable({ name = "phoenix" }, { __gc = function(o) saved = o; log[#log + 1] = o.name end })
end
collectgarbage()
print("resurrected:", dump(), saved and saved.name)
-- expect: resurrected:	phoenix 	phoenix
saved = nil
collectgarbage()
print("again:", dump())
-- expect: again:	

-- errors in finalizers do not propagate (they become warnings)
do setmetatable({}, { __gc = function() error("in gc") end }) end
collectgarbage()
print("survived error in __gc")
-- expect: survived error in __gc

-- many finalizable objects
local count = 0
for i = 1, 1000 do setmetatable({}, { __gc = function() count = count + 1 end }) end
collectgarbage()
collectgarbage()
print("finalized", count)
-- expect: finalized	1000
