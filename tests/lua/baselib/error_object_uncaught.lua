-- An uncaught error object with __tostring is reported through it.
print("before")
-- expect: before
error(setmetatable({}, { __tostring = function() return "custom error object" end }))
-- expect-exit: 1
-- expect-stderr: lua: custom error object
