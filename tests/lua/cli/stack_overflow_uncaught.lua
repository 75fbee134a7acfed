-- An uncaught stack overflow ends the program with an error message and status 1.
-- no-diff: the text after "stack overflow" differs between implementations
print("recursing")
-- expect: recursing
local function f() return 1 + f() end
f()
-- expect-exit: 1
-- expect-stderr: lua: stack_overflow_uncaught.lua:
-- expect-stderr: stack overflow
