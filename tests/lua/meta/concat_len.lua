-- __concat and __len.

local C = {}
C.__concat = function(a, b)
  local function s(x) if type(x) == "table" then return "[" .. x.s .. "]" end return tostring(x) end
  return setmetatable({ s = s(a) .. s(b) }, C)
end
local function c(s) return setmetatable({ s = s }, C) end

print((c("a") .. "b").s, ("a" .. c("b")).s, (c("a") .. c("b")).s)
-- expect: [a]b	a[b]	[a][b]
print((1 .. c("n")).s, (c("n") .. 2.5).s)
-- expect: 1[n]	[n]2.5

-- concatenation is right associative: "x" .. c .. "y" computes c .. "y" first
print(("x" .. c("m") .. "y").s)
-- expect: x[[m]y]
print(("p" .. "q" .. c("r")).s)
-- expect: p[q[r]]
print((c("1") .. "2" .. "3" .. c("4")).s)
-- expect: [1][2[3[4]]]

-- __concat result can be any value
local K = setmetatable({}, { __concat = function() return 42 end })
print(K .. "x", "x" .. K, K .. K)
-- expect: 42	42	42

-- errors
print(pcall(function() return "a" .. {} end))
-- expect: false	concat_len.lua:29: attempt to concatenate a table value
print(pcall(function() local t = {}; return t .. "a" end))
-- expect: false	concat_len.lua:31: attempt to concatenate a table value (local 't')
print(pcall(function() return "a" .. nil end))
-- expect: false	concat_len.lua:33: attempt to concatenate a nil value
print(pcall(function() local t = setmetatable({}, {}); return 1 .. t end))
-- expect: false	concat_len.lua:35: attempt to concatenate a table value (local 't')

-- __len
local L = setmetatable({ 1, 2, 3 }, { __len = function(t) return 42 end })
print(#L, rawlen(L))
-- expect: 42	3
local L2 = setmetatable({}, { __len = function() return "not a number" end })
print(#L2)
-- expect: not a number
local args
local L3 = setmetatable({}, { __len = function(a, b) args = { a, b }; return 1, 2 end })
print(#L3, args[1] == L3, args[2] == L3)
-- expect: 1	true	true
print(pcall(function() return #setmetatable({}, { __len = function() error("len err") end }) end))
-- expect: false	concat_len.lua:49: len err
-- __len is not used for strings
print(#"abc")
-- expect: 3
