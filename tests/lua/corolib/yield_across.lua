-- Yielding across pcall, metamethods, iterators and other Lua-visible boundaries.

local function run(f, ...)
  local co = coroutine.create(f)
  local out = {}
  local res = { coroutine.resume(co, ...) }
  while coroutine.status(co) ~= "dead" do
    out[#out + 1] = tostring(res[2])
    res = { coroutine.resume(co, "r" .. #out) }
  end
  local s = ""
  for i = 1, #out do s = s .. out[i] .. " " end
  print("yields: " .. s .. "| final:", res[1], res[2], res[3])
end

-- yield across pcall and xpcall
run(function()
  local ok, v = pcall(function()
    local r = coroutine.yield("in pcall")
    return r
  end)
  return ok, v
end)
-- expect: yields: in pcall | final:	true	true	r1
run(function()
  return xpcall(function()
    coroutine.yield("in xpcall")
    error("after yield", 0)
  end, function(e) return "handled " .. e end)
end)
-- expect: yields: in xpcall | final:	true	false	handled after yield
-- yield inside the xpcall message handler is not allowed (handler runs in error state)

-- nested pcalls with yields at each level
run(function()
  return pcall(function()
    coroutine.yield("level1")
    return pcall(function()
      coroutine.yield("level2")
      error("inner error", 0)
    end)
  end)
end)
-- expect: yields: level1 level2 | final:	true	true	false

-- yield inside metamethods
local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __newindex = function(t, k, v) coroutine.yield("newindex " .. k) rawset(t, k, v) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __le = function(a, b) return coroutine.yield("le") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __concat = function(a, b) return coroutine.yield("concat") end,
  __len = function(a) return coroutine.yield("len") end,
  __unm = function(a) return coroutine.yield("unm") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
  __close = function() coroutine.yield("close") end,
}
local obj = setmetatable({}, mt)
local obj2 = setmetatable({}, mt)
run(function() return obj.field end)
-- expect: yields: index field | final:	true	r1	nil
run(function() obj.k = 5; return rawget(obj, "k") end)
-- expect: yields: newindex k | final:	true	5	nil
run(function() return obj + 1 end)
-- expect: yields: add | final:	true	r1	nil
run(function() return obj < obj2, obj > obj2 end)
-- expect: yields: lt lt | final:	true	true	true
run(function() return obj <= obj2 end)
-- expect: yields: le | final:	true	true	nil
run(function() return obj == obj2 end)
-- expect: yields: eq | final:	true	true	nil
run(function() return "a" .. obj .. "b" end)
-- expect: yields: concat | final:	true	ar1	nil
run(function() return #obj end)
-- expect: yields: len | final:	true	r1	nil
run(function() return -obj end)
-- expect: yields: unm | final:	true	r1	nil
run(function() return obj("x") end)
-- expect: yields: call x | final:	true	r1	nil
run(function() do local c <close> = obj end return "after close" end)
-- expect: yields: close | final:	true	after close	nil
-- conditions use the yielded result converted to boolean
run(function() if obj < obj2 then return "lt true" else return "lt false" end end)
-- expect: yields: lt | final:	true	lt true	nil

-- yield inside a generic-for iterator
run(function()
  local n = 0
  for v in function(_, c) c = (c or 0) + 1; if c <= 2 then coroutine.yield("iter" .. c); return c end end do
    n = n + v
  end
  return n
end)
-- expect: yields: iter1 iter2 | final:	true	3	nil

-- yield across a C function that does not allow it
local co = coroutine.create(function()
  local p = setmetatable({}, { __tostring = function() coroutine.yield("no") return "x" end })
  return tostring(p)
end)
print(coroutine.resume(co))
-- expect: false	attempt to yield across a C-call boundary
local co2 = coroutine.create(function()
  return load(function() coroutine.yield() end)
end)
print(coroutine.resume(co2))
-- expect: true	nil	attempt to yield across a C-call boundary
-- a table.sort comparator cannot yield either, but table is out of scope here
