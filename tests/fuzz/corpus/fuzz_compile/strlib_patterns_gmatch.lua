-- string.gmatch: captures, whole matches, empty matches (the last-match rule), the init
-- argument of Lua 5.4, and iterators that outlive their arguments.

local function all(s, p, init)
  local out = ""
  for a, b, c in string.gmatch(s, p, init) do
    out = out .. "[" .. tostring(a) .. (b and "," .. tostring(b) or "") .. (c and "," .. tostring(c) or "") .. "]"
  end
  return out
end

