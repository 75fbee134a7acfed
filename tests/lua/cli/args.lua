-- The arg table and ... in the main chunk.
-- args: one two 3 --flag
print(#arg, arg[0], arg[1], arg[2], arg[3], arg[4], arg[5])
-- expect: 4	args.lua	one	two	3	--flag	nil
print(type(arg[-1]), select("#", ...))
-- expect: string	4
print(...)
-- expect: one	two	3	--flag
local a, b, c, d = ...
print(a == arg[1], b == arg[2], c, type(c), d)
-- expect: true	true	3	string	--flag
