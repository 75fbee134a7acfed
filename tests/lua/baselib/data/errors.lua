-- helper for base/loadfile_dofile.lua
local x = nil
return x.field
