-- error() with no value, uncaught.
print("start")
-- expect: start
error()
-- expect-exit: 1
-- expect-stderr: lua: (error object is a nil value)
-- expect-stderr: stack traceback:
