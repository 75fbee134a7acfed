-- Error positions: chunk names and line numbers in messages.

local function msg(f) local _, e = pcall(f); return e end

print(msg(function()
  local x = nil
  return x.field      -- line 7
end))
-- expect: positions.lua:7: attempt to index a nil value (local 'x')

