-- Pattern errors: malformed patterns, bad captures and back-references, the recursion
-- limit ("pattern too complex"), the capture limit, and argument errors of find/match.

local function try(f, ...)
  print(pcall(f, ...))
end

