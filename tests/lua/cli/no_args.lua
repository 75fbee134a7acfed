-- Without arguments, arg has only the script name (and the interpreter at negative
-- indices) and ... is empty.
print(#arg, arg[0], arg[1], select("#", ...))
-- expect: 0	no_args.lua	nil	0
