-- A module that records how it was loaded.
local name, file = ...
loads = (loads or 0) + 1
return { name = name, file = file }
