-- Compiler limits reported through load. Code is generated with loops and ".."
-- (the string library is not used).

local function repeat_str(s, n, sep)
  local out = ""
  for i = 1, n do
    out = out .. (i > 1 and sep or "") .. s .. i
  end
  return out
end

-- 200 locals are fine, 201 are not
print(load("local " .. repeat_str("v", 200, ", ")) ~= nil)
-- expect: true
print(select(2, load("local " .. repeat_str("v", 201, ", "))))
-- expect: [string "local v1, v2, v3, v4, v5, v6, v7, v8, v9, v10..."]:1: too many local variables (limit is 200) in main function near <eof>
print(select(2, load("local function f() local " .. repeat_str("v", 201, ", ") .. " end")))
-- expect: [string "local function f() local v1, v2, v3, v4, v5, ..."]:1: too many local variables (limit is 200) in function at line 1 near 'end'

-- 255 upvalues are fine, 256 are not (locals split over two functions: at most 200 each)
local function upvalue_src(nw)
  return "local " .. repeat_str("u", 150, ", ") .. "\n"
    .. "return function() local " .. repeat_str("w", nw, ", ") .. "\n"
    .. "return function() return " .. repeat_str("u", 150, " + ") .. " + "
    .. repeat_str("w", nw, " + ") .. " end end"
end
print(load(upvalue_src(105)) ~= nil)
-- expect: true
print(select(2, load(upvalue_src(106))))
-- expect: [string "local u1, u2, u3, u4, u5, u6, u7, u8, u9, u10..."]:3: too many upvalues (limit is 255) in function at line 3 near 'end'

-- deep nesting of expressions and blocks
local deep = "return "
for _ = 1, 1000 do deep = deep .. "(" end
deep = deep .. "1"
for _ = 1, 1000 do deep = deep .. ")" end
-- too deep: load fails (the message is implementation-specific, so it is not printed)
print("deep parens rejected", load(deep) == nil)
-- expect: deep parens rejected	true
local shallow = "return "
for _ = 1, 100 do shallow = shallow .. "(" end
shallow = shallow .. "1"
for _ = 1, 100 do shallow = shallow .. ")" end
print(load(shallow)())
-- expect: 1

local blocks = ""
for _ = 1, 1000 do blocks = blocks .. "do " end
for _ = 1, 1000 do blocks = blocks .. "end " end
print("deep blocks rejected", load(blocks) == nil)
-- expect: deep blocks rejected	true
local fine = ""
for _ = 1, 100 do fine = fine .. "do " end
for _ = 1, 100 do fine = fine .. "end " end
print("100 blocks", load(fine) ~= nil)
-- expect: 100 blocks	true

-- many constants in one function are fine
local consts = "local t = {"
for i = 1, 1000 do consts = consts .. "'k" .. i .. "', " .. i + 0.5 .. ", " end
consts = consts .. "} return #t"
print(load(consts)())
-- expect: 2000

-- a long chain of concatenations and a long list of call arguments
local cat = "return 'a'"
for _ = 1, 150 do cat = cat .. " .. 'a'" end
print(#load(cat)())
-- expect: 151
local args = "return select('#'"
for i = 1, 240 do args = args .. ", " .. i end
print(load(args .. ")")())
-- expect: 240
