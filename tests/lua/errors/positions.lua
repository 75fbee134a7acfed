-- Error positions: chunk names and line numbers in messages.

local function msg(f) local _, e = pcall(f); return e end

print(msg(function()
  local x = nil
  return x.field      -- line 7
end))
-- expect: positions.lua:7: attempt to index a nil value (local 'x')

print(msg(load("local a = 1\nlocal b = nil\nreturn b.c", "=named")))
-- expect: named:3: attempt to index a nil value (local 'b')
print(msg(load("return nil + 1", "@some/path/file.lua")))
-- expect: some/path/file.lua:1: attempt to perform arithmetic on a nil value
print(msg(load("return nil + 1", "literal chunk")))
-- expect: [string "literal chunk"]:1: attempt to perform arithmetic on a nil value
print(msg(load("return nil + 1")))
-- expect: [string "return nil + 1"]:1: attempt to perform arithmetic on a nil value
print(msg(load("\n\n\n\nreturn nil + 1")))
-- expect: [string "..."]:5: attempt to perform arithmetic on a nil value
-- long source strings are abbreviated in the chunk name
print(msg(load("return nil + 1 -- a long comment that makes this chunk longer than the limit")))
-- expect: [string "return nil + 1 -- a long comment that makes t..."]:1: attempt to perform arithmetic on a nil value
print(msg(load("return nil + 1 --[[ first line\nsecond line ]]")))
-- expect: [string "return nil + 1 --[[ first line..."]:1: attempt to perform arithmetic on a nil value
-- long =names and @names are truncated
print(msg(load("return nil + 1", "=" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij")))
-- expect: abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghi:1: attempt to perform arithmetic on a nil value
print(msg(load("return nil + 1", "@" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij" .. "abcdefghij")))
-- expect: ...efghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij:1: attempt to perform arithmetic on a nil value

-- error() with level 1 reports the line of the error call
local function thrower()
  error("thrown")
end
print(msg(thrower))
-- expect: positions.lua:34: thrown

-- an expression spread over lines reports the line of the operator/call
print(msg(function()
  local t = {}
  return 1 +
    t.x
end))
-- expect: positions.lua:42: attempt to perform arithmetic on a nil value (field 'x')
print(msg(function()
  local f
  return f(
    1,
    2)
end))
-- expect: positions.lua:48: attempt to call a nil value (local 'f')

-- errors in functions defined in loaded chunks use the chunk's name
local chunk = load("return function() error('inside') end", "=loaded")
print(msg(chunk()))
-- expect: loaded:1: inside
