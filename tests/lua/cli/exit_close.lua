-- os.exit(status, true) closes the state first: pending to-be-closed variables of the
-- main chunk are closed and finalizers run.
local obj = setmetatable({}, { __gc = function() print("finalizer ran") end })
local x <close> = setmetatable({}, { __close = function() print("closed x") end })
print("exiting")
-- expect: exiting
os.exit(0, true)
-- expect: closed x
-- expect: finalizer ran
