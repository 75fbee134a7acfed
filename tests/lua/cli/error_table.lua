-- An uncaught error object without __tostring.
print("start")
-- expect: start
error({ code = 1 })
-- expect-exit: 1
-- expect-stderr: lua: (error object is a table value)
