-- math functions that keep integers integral: abs, floor, ceil, fmod, modf, max, min,
-- tointeger, type, ult; and the constants.

local function show(...)
  local parts = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    parts[i] = tostring(v) .. ":" .. tostring(math.type(v) or type(v))
  end
  return table.concat(parts, " ")
end

print(show(math.pi, math.huge, -math.huge, math.maxinteger, math.mininteger))
-- expect: 3.1415926535898:float inf:float -inf:float 9223372036854775807:integer -9223372036854775808:integer
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)
-- expect: true	true

-- abs
print(show(math.abs(-5), math.abs(5), math.abs(0), math.abs(-0.0), math.abs(-2.5)))
-- expect: 5:integer 5:integer 0:integer 0.0:float 2.5:float
print(show(math.abs(math.mininteger), math.abs(math.maxinteger), math.abs(-math.huge)))
-- expect: -9223372036854775808:integer 9223372036854775807:integer inf:float
print(show(math.abs("-3"), math.abs("4.5"), math.abs(" 0x10 ")))
-- expect: 3.0:float 4.5:float 16.0:float

