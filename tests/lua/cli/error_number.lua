-- A number error value is printed as a string, without position.
print("start")
-- expect: start
error(42)
-- expect-exit: 1
-- expect-stderr: lua: 42
