-- loadfile and dofile with a helper file (data/chunk.lua).

local f = loadfile("data/chunk.lua")
print(type(f))
-- expect: function
print(f("arg1", "arg2"))
-- expect: chunk result	2	arg1	arg2
print(dofile("data/chunk.lua"))
-- expect: chunk result	0
print(chunk_global)
-- expect: set by chunk

-- loadfile with mode and env
local env = { select = select }
local g = loadfile("data/chunk.lua", "t", env)
g()
print(env.chunk_global)
-- expect: set by chunk
print(loadfile("data/chunk.lua", "b"))
-- expect: nil	attempt to load a text chunk (mode is 'b')

-- missing files
print(loadfile("data/no_such_file.lua"))
-- expect: nil	cannot open data/no_such_file.lua: No such file or directory
print(pcall(dofile, "data/no_such_file.lua"))
-- expect: false	cannot open data/no_such_file.lua: No such file or directory

-- errors in the loaded file carry its name
print(pcall(dofile, "data/errors.lua"))
-- expect: false	data/errors.lua:3: attempt to index a nil value (local 'x')
print(loadfile("data/syntax_error.lua"))
-- expect: nil	data/syntax_error.lua:2: <name> expected near '='
