-- dofile() without a name runs stdin as a chunk.
-- stdin: data/input.lua
print("before")
-- expect: before
print(dofile())
-- expect: running from stdin
-- expect: 1	2
print("after", input_global)
-- expect: after	set by stdin chunk
