-- __close: arguments, order, errors, and interaction with return values.

local function res(name)
  return setmetatable({ name = name }, { __close = function(self, err)
    print("closing", self.name, type(err) == "table" and "a table" or err)
  end })
end

do
  local a <close> = res("a")
  local b <close> = res("b")
end
-- expect: closing	b	nil
-- expect: closing	a	nil

-- the error object is passed to __close
print(pcall(function()
  local x <close> = res("x")
  error({ code = 1 })
end) == false)
-- expect: closing	x	a table
-- expect: true

-- an error in __close replaces a normal exit
print(pcall(function()
  local y <close> = setmetatable({}, { __close = function() error("close error", 0) end })
  return "normal"
end))
-- expect: false	close error

-- an error in __close during an error: the new error wins; other variables still close
print(pcall(function()
  local first <close> = res("first")
  local second <close> = setmetatable({}, { __close = function(_, e) error("second: " .. tostring(e), 0) end })
  error("original", 0)
end))
-- expect: closing	first	second: original
-- expect: false	second: original

-- __close is looked up when the variable goes out of scope
local late = setmetatable({}, { __close = function() print("first __close") end })
do
  local v <close> = late
  getmetatable(late).__close = function() print("replaced __close") end
end
-- expect: replaced __close

-- removing __close after declaration: error at closing time
print(pcall(function()
  local gone = setmetatable({}, { __close = function() end })
  do
    local v <close> = gone
    getmetatable(gone).__close = nil
  end
end))
-- expect: false	close_mm.lua:53: attempt to call a nil value (metamethod 'close')

-- return values are not affected by __close
local function f()
  local r <close> = res("r")
  return 1, 2, 3
end
print(f())
-- expect: closing	r	nil
-- expect: 1	2	3

-- __close runs for each iteration of a loop
for i = 1, 2 do
  local it <close> = res("iter" .. i)
end
-- expect: closing	iter1	nil
-- expect: closing	iter2	nil

-- nested functions and tail calls: a function with tbc variables does not tail call
local function g()
  local z <close> = res("z")
  return select("#", 1, 2)
end
print(g())
-- expect: closing	z	nil
-- expect: 2
