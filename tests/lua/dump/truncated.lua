-- Truncated and corrupted binary chunks are load errors with lua5.4's messages.

local function sample(a, ...)
  local t = {a, ..., "constant", 1.5, 42}
  local function inner(x) return x .. a end
  return inner("v"), #t
end

-- Every proper prefix of a dump fails to load; count the messages.
local function prefixes(chunk, name)
  local counts, order = {}, {}
  for len = 0, #chunk - 1 do
    local f, err = load(string.sub(chunk, 1, len), name, "b")
    if f then print("loaded a prefix of length", len) end
    if not counts[err] then order[#order + 1] = err counts[err] = 0 end
    counts[err] = counts[err] + 1
  end
  for _, err in ipairs(order) do print(counts[err], err) end
end
local full = string.dump(sample)
local stripped = string.dump(sample, true)
prefixes(full, "=full")
-- expect: 1	attempt to load a text chunk (mode is 'b')
-- expect: 225	full: bad binary format (truncated chunk)
prefixes(stripped, "=stripped")
-- expect: 1	attempt to load a text chunk (mode is 'b')
-- expect: 168	stripped: bad binary format (truncated chunk)
print(load(full, "=full", "b")("x"))
-- expect: vx	5

-- Header fields, one at a time (lundump's checkHeader order).
local function patch(s, pos, byte)
  return string.sub(s, 1, pos - 1) .. string.char(byte) .. string.sub(s, pos + 1)
end
local function try(s) local f, err = load(s, "=hdr") print(f and "loaded" or err) end
try(patch(full, 2, string.byte("X")))   -- "\27Xua"
-- expect: hdr: bad binary format (not a binary chunk)
try(patch(full, 5, 0x53))               -- version
-- expect: hdr: bad binary format (version mismatch)
try(patch(full, 6, 1))                  -- format
-- expect: hdr: bad binary format (format mismatch)
try(patch(full, 7, 0))                  -- LUAC_DATA
-- expect: hdr: bad binary format (corrupted chunk)
try(patch(full, 12, 0))                 -- LUAC_DATA, last byte
-- expect: hdr: bad binary format (corrupted chunk)
try(patch(full, 13, 8))                 -- sizeof(Instruction)
-- expect: hdr: bad binary format (Instruction size mismatch)
try(patch(full, 14, 4))                 -- sizeof(lua_Integer)
-- expect: hdr: bad binary format (lua_Integer size mismatch)
try(patch(full, 15, 4))                 -- sizeof(lua_Number)
-- expect: hdr: bad binary format (lua_Number size mismatch)
try(patch(full, 16, 0x79))              -- LUAC_INT
-- expect: hdr: bad binary format (integer format mismatch)
try(patch(full, 23, 1))                 -- LUAC_INT, high byte
-- expect: hdr: bad binary format (integer format mismatch)
try(patch(full, 31, 0))                 -- LUAC_NUM
-- expect: hdr: bad binary format (float format mismatch)
try("\27")
-- expect: hdr: bad binary format (truncated chunk)
try("\27Lua")
-- expect: hdr: bad binary format (truncated chunk)
try(string.sub(full, 1, 31))            -- header only
-- expect: hdr: bad binary format (truncated chunk)

-- Varints: a size that overflows is an "integer overflow"; sizes past the end of the input are
-- a truncated chunk.
local header = string.sub(full, 1, 32)  -- header and the number of upvalues
local proto = "\128\128\128\0\1\2"  -- no source, lines 0 and 0, 0 params, vararg, 2 regs
try(header .. string.rep("\127", 10) .. "\255")     -- source size overflows size_t
-- expect: hdr: bad binary format (integer overflow)
try(header .. "\128" .. "\7\127\127\127\255")      -- linedefined > INT_MAX
-- expect: hdr: bad binary format (integer overflow)
try(header .. "\128" .. "\7\127\127\126\255")      -- just below: then nothing follows
-- expect: hdr: bad binary format (truncated chunk)
try(header .. proto .. "\127\127")                 -- unterminated code size
-- expect: hdr: bad binary format (truncated chunk)
try(header .. proto .. "\228" .. "\0\0\0\0")       -- 100 instructions, 1 present
-- expect: hdr: bad binary format (truncated chunk)
try(header .. "\140" .. "abc")                     -- 11-byte source, 3 present
-- expect: hdr: bad binary format (truncated chunk)
