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

