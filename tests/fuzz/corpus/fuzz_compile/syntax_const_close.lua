-- <const> and <close> local attributes.

local k <const> = 10
local s <const> = "str"
print(k + 1, s)
-- expect: 11	str

