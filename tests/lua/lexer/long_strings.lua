-- Long brackets: levels, the first newline is skipped, no escapes are processed.

local a = [[hello]]
print(a, #a)
-- expect: hello	5

-- A newline right after the opening bracket is not part of the string.
local b = [[
line1
line2]]
print(b)
-- expect: line1
-- expect: line2
print(#b)
-- expect: 11

local c = [==[contains ]] and ]=] but not the closer]==]
print(c)
-- expect: contains ]] and ]=] but not the closer

local d = [=[
]]]=]
print(d, #d)
-- expect: ]]	2

-- Escapes are not interpreted inside long strings.
local e = [[\n\t\\]]
print(e, #e)
-- expect: \n\t\\	6

-- Empty long strings, with and without a skipped newline.
print(#[[]], #[==[]==], #[[
]])
-- expect: 0	0	0

-- Two newlines: only the first is skipped.
print(#[[

]])
-- expect: 1

--[[ a long comment
print("not printed")
]]
--[==[ a level-2 long comment with ]] inside
print("not printed either")
]==]
print("after comments")
-- expect: after comments

-- A long comment can end mid-line, and code follows on the same line.
--[[ x ]] print("same line")
-- expect: same line

-- "--[" not followed by a long bracket is a short comment.
--[ print("short comment")
--[= print("short comment too")
print("done")
-- expect: done

-- Long strings as call arguments and table fields.
local t = { [[k]], key = [=[v]=] }
print(t[1], t.key)
-- expect: k	v
print(#[[x]] + 1)
-- expect: 2
