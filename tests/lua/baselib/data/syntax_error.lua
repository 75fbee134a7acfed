-- helper for base/loadfile_dofile.lua
local = 1
