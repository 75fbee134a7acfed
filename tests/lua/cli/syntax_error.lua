-- A script that does not compile: the message names the file and line; exit status 1.
local x = 1
x = = 2
-- expect-exit: 1
-- expect-stderr: lua: syntax_error.lua:3: unexpected symbol near '='
