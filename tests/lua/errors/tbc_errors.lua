-- To-be-closed variables and errors: closing on error, errors while closing.

local log = {}
local function res(name, fail)
  return setmetatable({}, { __close = function(_, err)
    log[#log + 1] = name .. "(" .. tostring(err) .. ")"
    if fail then error(name .. " failed", 0) end
  end })
end
-- prints and clears the log of __close calls
local function dump()
  local s = ""
  for i = 1, #log do s = s .. (i > 1 and " " or "") .. log[i] end
  log = {}
  print(s)
end

print(pcall(function()
  local a <close> = res("a")
  local b <close> = res("b")
  error("E", 0)
end))
-- expect: false	E
dump()
-- expect: b(E) a(E)

-- error in one __close: later closes see the new error
print(pcall(function()
  local a <close> = res("a")
  local b <close> = res("b", true)
  local c <close> = res("c")
  return "ok"
end))
-- expect: false	b failed
dump()
-- expect: c(nil) b(nil) a(b failed)

-- several errors while closing: the last one is reported
print(pcall(function()
  local a <close> = res("a", true)
  local b <close> = res("b", true)
  error("E", 0)
end))
-- expect: false	a failed
dump()
-- expect: b(E) a(b failed)

-- a non-closable value aborts the declaration, earlier variables are closed
print(pcall(function()
  local a <close> = res("a")
  local b <close> = "not closable"
end))
-- expect: false	tbc_errors.lua:51: variable 'b' got a non-closable value
dump()
-- expect: a(tbc_errors.lua:51: variable 'b' got a non-closable value)

-- tbc in nested calls unwound by one error
local function inner()
  local i <close> = res("inner")
  error("deep", 0)
end
local function outer()
  local o <close> = res("outer")
  inner()
end
print(pcall(outer))
-- expect: false	deep
dump()
-- expect: inner(deep) outer(deep)

-- error objects of other types reach __close unchanged
print(pcall(function()
  local a <close> = res("a")
  error(42)
end))
-- expect: false	42
dump()
-- expect: a(42)

-- xpcall: the handler runs before the variables are closed
print(xpcall(function()
  local a <close> = res("a")
  error("X", 0)
end, function(e) log[#log + 1] = "handler(" .. e .. ")"; return e end))
-- expect: false	X
dump()
-- expect: handler(X) a(X)
