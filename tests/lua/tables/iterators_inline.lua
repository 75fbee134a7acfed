-- The generic for over pairs/next and ipairs (run inline by the interpreter on tables), with
-- the cases that must take the general call: __index, __pairs, bad keys, non-tables, hooks.
local function keys(t)
  local r = {}
  for k in pairs(t) do r[#r + 1] = tostring(k) end
  table.sort(r)
  return table.concat(r, " ")
end
print(keys({10, 20, 30, x = 1, y = 2, [2.5] = 3, [true] = 4}))
-- expect: 1 2 2.5 3 true x y

local sum, n = 0, 0
for i, v in ipairs({5, 6, 7, nil, 9}) do sum = sum + i * v; n = n + 1 end
print(sum, n)
-- expect: 38	3

-- three loop variables: the third is nil
for k, v, extra in pairs({a = 1}) do print(k, v, extra) end
-- expect: a	1	nil
for i, v, extra in ipairs({"z"}) do print(i, v, extra) end
-- expect: 1	z	nil

-- next used directly, and assigning existing fields (even to nil) while traversing
local t = {}
for i = 1, 100 do t["k" .. i] = i end
local total = 0
for k, v in next, t do total = total + v; t[k] = nil end
print(total, next(t))
-- expect: 5050	nil

-- ipairs over a proxy: the values come from __index
local proxy = setmetatable({}, {__index = function(_, i) if i <= 4 then return i * i end end})
local squares = {}
for i, v in ipairs(proxy) do squares[#squares + 1] = v end
print(table.concat(squares, ","))
-- expect: 1,4,9,16
-- a partly filled table whose metatable has __index for the holes
local partial = setmetatable({1, 2}, {__index = {[3] = "three", [4] = "four"}})
local seen = {}
for i, v in ipairs(partial) do seen[#seen + 1] = tostring(v) end
print(table.concat(seen, ","))
-- expect: 1,2,three,four
-- a metatable without __index: ipairs stops at the hole
local plain_mt = setmetatable({1, 2, nil, 4}, {__newindex = rawset})
local count = 0
for _ in ipairs(plain_mt) do count = count + 1 end
print(count)
-- expect: 2

-- __pairs
local custom = setmetatable({}, {__pairs = function(self)
  local i = 0
  return function() i = i + 1; if i <= 3 then return i, -i end end, self, nil
end})
local parts = {}
for k, v in pairs(custom) do parts[#parts + 1] = k .. "=" .. v end
print(table.concat(parts, " "))
-- expect: 1=-1 2=-2 3=-3

-- errors raised by next itself
print(pcall(function() for k in next, {a = 1}, "nokey" do end end))
-- expect: false	invalid key to 'next'
print(pcall(function() for k in next, 42 do end end))
-- expect: false	iterators_inline.lua:63: bad argument #1 to 'for iterator' (table expected, got number)
print(pcall(function() for k in ipairs() do end end))
-- expect: false	iterators_inline.lua:65: bad argument #1 to 'ipairs' (value expected)

-- a call hook sees every call of the iterator
local calls = 0
debug.sethook(function(ev) calls = calls + 1 end, "c")
for _ in pairs({1, 2, 3}) do end
debug.sethook()
print(calls >= 4)
-- expect: true

-- the loop in a coroutine that yields between steps
local co = coroutine.wrap(function()
  for i, v in ipairs({"a", "b", "c"}) do coroutine.yield(i .. v) end
  return "done"
end)
print(co(), co(), co(), co())
-- expect: 1a	2b	3c	done

-- integer keys in the hash part and float keys that are integers
local mixed = {[1] = "a", [3] = "c", [2^53] = "big", [-1] = "neg"}
mixed[2.0] = "b"
print(keys(mixed))
-- expect: -1 1 2 3 9007199254740992
local floats = 0
for i, v in ipairs(mixed) do floats = floats + 1 end
print(floats)
-- expect: 3
