-- string.pack, string.unpack and string.packsize: every option, endianness, sizes 1..16,
-- alignment with '!' and 'X', strings (s[n], z, c[n]) and unpack's init and next position.

local pack, unpack, packsize = string.pack, string.unpack, string.packsize

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

