-- An uncaught runtime error names the culprit.
print("start")
-- expect: start
local t = {}
print(t.field.subfield)
-- expect-exit: 1
-- expect-stderr: lua: runtime_error.lua:5: attempt to index a nil value (field 'field')
-- expect-stderr: stack traceback:
