#!/usr/bin/env lua5.4
-- The standalone interpreter skips a first line starting with '#'; line numbers count it.
print("shebang skipped")
-- expect: shebang skipped
print(select(2, pcall(error, "here", 1)))
-- expect: here
local ok, e = pcall(function() error("line 5") end)
print(e)
-- expect: shebang.lua:7: line 5
