-- string.format("%q"): literals for strings (control characters, zeros, quotes, newlines,
-- every byte), integers (mininteger in hex), floats (hex, inf, -inf, nan), booleans and
-- nil, and round trips through load.

local f = string.format

