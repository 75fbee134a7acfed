-- debug.getlocal / debug.setlocal: named locals, temporaries, varargs, parameter names.

-- values that print without an address
local function str(v)
  local t = type(v)
  if t == "function" or t == "table" or t == "thread" or t == "userdata" then return t end
  return tostring(v)
end

local function locals(level)
  local s = ""
  local i = 1
  while true do
    local name, value = debug.getlocal(level + 1, i)
    if not name then break end
    s = s .. name .. "=" .. str(value) .. " "
    i = i + 1
  end
  return s
end

local function f(a, b)
  local c = a + b
  do
    local d = c * 2
    print(locals(1))
  end
  print(locals(1))
  local e <const> = "e"
  local g = e .. "g"
  print(locals(1))
  return c
end
f(1, 2)
-- expect: a=1 b=2 c=3 d=6 (temporary)=function 
-- expect: a=1 b=2 c=3 (temporary)=function 
-- expect: a=1 b=2 c=3 g=eg (temporary)=function 

