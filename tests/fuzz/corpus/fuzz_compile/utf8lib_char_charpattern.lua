-- utf8.char and utf8.charpattern. Strings are shown as byte lists (no control characters
-- in the expected output).

local function bytes(s)
  local parts = {}
  for i = 1, #s do parts[i] = tostring(s:byte(i)) end
  return "<" .. table.concat(parts, " ") .. ">"
end

