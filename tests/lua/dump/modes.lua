-- load's mode argument with binary and text chunks, and chunk names in binary-load errors.

local bin = string.dump(function() return "ran" end)
local text = "return 'text ran'"

for _, mode in ipairs({"b", "t", "bt", "tb", "x", ""}) do
  local f, err = load(bin, "bin", mode)
  local g, err2 = load(text, "txt", mode)
  print(mode, f and f() or err, g and g() or err2)
end
-- expect: b	ran	attempt to load a text chunk (mode is 'b')
-- expect: t	attempt to load a binary chunk (mode is 't')	text ran
-- expect: bt	ran	text ran
-- expect: tb	ran	text ran
-- expect: x	attempt to load a binary chunk (mode is 'x')	attempt to load a text chunk (mode is 'x')
-- expect: 	attempt to load a binary chunk (mode is '')	attempt to load a text chunk (mode is '')
print(load(bin)(), load(bin, nil, nil)(), load(bin, "name", nil)())
-- expect: ran	ran	ran
print(load(text, "t", nil)())
-- expect: text ran

-- With an environment: the first upvalue is the given table.
local env = {value = 42}
local getter = string.dump(load("return value"))
print(load(getter, "g", "b", env)())
-- expect: 42
print(load(getter, "g", "b")())
-- expect: nil
value = "global"
print(load(getter, "g", "bt")())
-- expect: global

-- Chunk names in format errors: '=' and '@' are dropped, a binary name is "binary string".
local bad = string.sub(bin, 1, 20)
print(load(bad))
-- expect: nil	binary string: bad binary format (truncated chunk)
print(load(bad, "=equals"))
-- expect: nil	equals: bad binary format (truncated chunk)
print(load(bad, "@at"))
-- expect: nil	at: bad binary format (truncated chunk)
print(load(bad, "plain"))
-- expect: nil	plain: bad binary format (truncated chunk)
print(load(bad, "\27weird"))
-- expect: nil	binary string: bad binary format (truncated chunk)

-- loadstring-like use through a reader that returns the binary chunk in one piece.
local given = false
print(load(function() if given then return nil end given = true return bin end, "r", "b")())
-- expect: ran

-- Binary chunks refused by mode through a reader.
print(load(function() return nil end, "empty", "b"))
-- expect: nil	attempt to load a text chunk (mode is 'b')
local once = false
print(load(function() if once then return nil end once = true return bin end, "r", "t"))
-- expect: nil	attempt to load a binary chunk (mode is 't')
