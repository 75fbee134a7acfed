-- Much output followed by an error: all of stdout arrives, and the error goes to stderr.
for i = 1, 2000 do
  if i % 500 == 0 then print("line", i) end
end
-- expect: line	500
-- expect: line	1000
-- expect: line	1500
-- expect: line	2000
local s = ""
for i = 1, 100 do s = s .. "x" end
print(#s)
-- expect: 100
error("after output", 0)
-- expect-exit: 1
-- expect-stderr: lua: after output
