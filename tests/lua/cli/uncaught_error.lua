-- An uncaught error: message with position on stderr, then a traceback; exit status 1.
-- Output printed before the error is not lost.
print("before the error")
-- expect: before the error
local function fail() error("boom") end
fail()
print("not reached")
-- expect-exit: 1
-- expect-stderr: lua: uncaught_error.lua:5: boom
-- expect-stderr: stack traceback:
