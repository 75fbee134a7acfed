-- load of binary chunks through reader functions, in pieces of every size.

local function target(n, ...)
  local acc = {}
  for i = 1, n do acc[i] = i * 2 end
  return #acc, select("#", ...), "done"
end
local chunk = string.dump(target)

-- A reader that hands out the chunk `size` bytes at a time.
local function pieces(s, size)
  local pos = 1
  return function()
    if pos > #s then return nil end
    local piece = string.sub(s, pos, pos + size - 1)
    pos = pos + size
    return piece
  end
end

for _, size in ipairs({1, 2, 3, 7, 64, 1000}) do
  local f, err = load(pieces(chunk, size), "=pieces", "b")
  if f then print(size, f(4, "a", "b")) else print(size, err) end
end
-- expect: 1	4	2	done
-- expect: 2	4	2	done
-- expect: 3	4	2	done
-- expect: 7	4	2	done
-- expect: 64	4	2	done
-- expect: 1000	4	2	done

-- Empty pieces end the input, as for text chunks.
local step = 0
local f, err = load(function()
  step = step + 1
  if step == 1 then return string.sub(chunk, 1, 10) end
  if step == 2 then return "" end
  return string.sub(chunk, 11)
end, "=stops", "b")
print(f, err)
-- expect: nil	stops: bad binary format (truncated chunk)

