-- no-diff: lua5.4 crashes (segmentation fault) when a wrapped function's upvalue is replaced
-- A function made by coroutine.wrap whose upvalue (the coroutine) debug.setupvalue replaced:
-- calling it is an error, not a crash.
local f = coroutine.wrap(function() return 1 end)
print("[" .. debug.setupvalue(f, 1, "x") .. "]")
-- expect: []
print(pcall(f))
-- expect: false	cannot resume non-coroutine (the wrapped function's upvalue)
local g = coroutine.wrap(function() coroutine.yield(1); return 2 end)
print(g())
-- expect: 1
debug.setupvalue(g, 1, coroutine.create(function() return "other" end))
print(g())
-- expect: other
