-- file:write, io.write, seek, setvbuf and flush.

local name = os.tmpname()

local function contents()
  local f = assert(io.open(name, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

