-- A JSON encoder and decoder written in Lua, round-tripping generated documents:
-- recursive descent over a string with string.byte/find/sub, string escaping with gsub,
-- number formatting and tonumber, table.concat of many small pieces, table.sort of
-- object keys, and lots of short-lived tables and strings.
local byte, sub, find, format, char = string.byte, string.sub, string.find, string.format, string.char
local concat, sort = table.concat, table.sort

local null = setmetatable({}, { __tostring = function() return "null" end })

------------------------------------------------------------------------------
-- encoder

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f',
  ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
local function escape_char(c)
  return escapes[c] or format("\\u%04x", byte(c))
end

local encode_value

local function encode_string(s, out, n)
  out[n + 1] = '"'
  out[n + 2] = (s:gsub('[%c"\\]', escape_char))
  out[n + 3] = '"'
  return n + 3
end

local function encode_number(x, out, n)
  if x == math.floor(x) and x > -1e15 and x < 1e15 then
    out[n + 1] = format("%d", x)
  else
    out[n + 1] = format("%.14g", x)
  end
  return n + 1
end

local function encode_table(t, out, n)
  if t == null then
    out[n + 1] = "null"
    return n + 1
  end
  if t[1] ~= nil then -- array
    out[n + 1] = "["
    n = n + 1
    for i = 1, #t do
      if i > 1 then out[n + 1] = ","; n = n + 1 end
      n = encode_value(t[i], out, n)
    end
    out[n + 1] = "]"
    return n + 1
  end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  sort(keys)
  out[n + 1] = "{"
  n = n + 1
  for i = 1, #keys do
    if i > 1 then out[n + 1] = ","; n = n + 1 end
    n = encode_string(keys[i], out, n)
    out[n + 1] = ":"
    n = encode_value(t[keys[i]], out, n + 1)
  end
  out[n + 1] = "}"
  return n + 1
end

function encode_value(v, out, n)
  local tv = type(v)
  if tv == "string" then return encode_string(v, out, n)
  elseif tv == "number" then return encode_number(v, out, n)
  elseif tv == "boolean" then out[n + 1] = v and "true" or "false"; return n + 1
  elseif tv == "table" then return encode_table(v, out, n)
  else error("cannot encode a " .. tv) end
end

local function encode(v)
  local out = {}
  local n = encode_value(v, out, 0)
  return concat(out, "", 1, n)
end

------------------------------------------------------------------------------
-- decoder

local decode_value

local function skip_space(s, i)
  local _, e = find(s, "^[ \t\r\n]*", i)
  return e + 1
end

local unescapes = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f',
  n = '\n', r = '\r', t = '\t' }

local function decode_string(s, i) -- s[i] is the opening quote
  local j = i + 1
  local a = find(s, '["\\]', j)
  if not a then error("unterminated string at " .. i) end
  if byte(s, a) == 34 then return sub(s, j, a - 1), a + 1 end -- no escapes
  local parts, n = {}, 0
  while true do
    if a > j then n = n + 1; parts[n] = sub(s, j, a - 1) end
    if byte(s, a) == 34 then return concat(parts, "", 1, n), a + 1 end
    local c = sub(s, a + 1, a + 1)
    if c == "u" then
      local code = tonumber(sub(s, a + 2, a + 5), 16)
      if not code or code > 127 then error("unsupported \\u escape at " .. a) end
      n = n + 1; parts[n] = char(code)
      j = a + 6
    else
      n = n + 1; parts[n] = unescapes[c] or error("bad escape at " .. a)
      j = a + 2
    end
    a = find(s, '["\\]', j)
    if not a then error("unterminated string at " .. i) end
  end
end

local function decode_array(s, i) -- s[i] is '['
  local t, n = {}, 0
  i = skip_space(s, i + 1)
  if byte(s, i) == 93 then return t, i + 1 end
  while true do
    local v
    v, i = decode_value(s, i)
    n = n + 1
    t[n] = v
    i = skip_space(s, i)
    local c = byte(s, i)
    if c == 93 then return t, i + 1 end
    if c ~= 44 then error("expected ',' or ']' at " .. i) end
    i = skip_space(s, i + 1)
  end
end

local function decode_object(s, i) -- s[i] is '{'
  local t = {}
  i = skip_space(s, i + 1)
  if byte(s, i) == 125 then return t, i + 1 end
  while true do
    if byte(s, i) ~= 34 then error("expected a key at " .. i) end
    local k
    k, i = decode_string(s, i)
    i = skip_space(s, i)
    if byte(s, i) ~= 58 then error("expected ':' at " .. i) end
    i = skip_space(s, i + 1)
    t[k], i = decode_value(s, i)
    i = skip_space(s, i)
    local c = byte(s, i)
    if c == 125 then return t, i + 1 end
    if c ~= 44 then error("expected ',' or '}' at " .. i) end
    i = skip_space(s, i + 1)
  end
end

function decode_value(s, i)
  local c = byte(s, i)
  if c == 34 then return decode_string(s, i)
  elseif c == 123 then return decode_object(s, i)
  elseif c == 91 then return decode_array(s, i)
  elseif c == 116 and sub(s, i, i + 3) == "true" then return true, i + 4
  elseif c == 102 and sub(s, i, i + 4) == "false" then return false, i + 5
  elseif c == 110 and sub(s, i, i + 3) == "null" then return null, i + 4
  else
    local _, e = find(s, "^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    if not e then error("unexpected character at " .. i) end
    return tonumber(sub(s, i, e)), e + 1
  end
end

local function decode(s)
  local v, i = decode_value(s, skip_space(s, 1))
  i = skip_space(s, i)
  if i <= #s then error("trailing garbage at " .. i) end
  return v
end

------------------------------------------------------------------------------
-- generated documents

local seed = 2024
local function rand(n) -- Park-Miller PRNG; returns 1..n
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end

local alphabet = {}
for c = 97, 122 do alphabet[#alphabet + 1] = char(c) end
for _, c in ipairs({ " ", " ", "_", "-", '"', "\\", "\n", "\t", "/", "\1", "\31" }) do
  alphabet[#alphabet + 1] = c
end
local words = { "id", "name", "value", "items", "tags", "enabled", "score", "owner",
  "created", "children", "meta", "count", "label", "kind", "ref", "data" }

local function gen_string()
  local len = rand(16)
  local buf = {}
  for i = 1, len do buf[i] = alphabet[rand(#alphabet)] end
  return concat(buf)
end

local function gen(depth)
  local k = rand(10)
  if depth == 0 or k <= 4 then
    local s = rand(7)
    if s == 1 then return rand(2000000) - 1000000
    elseif s == 2 then return (rand(200000) - 100000) / 64 -- exact in binary and decimal
    elseif s == 3 or s == 4 then return gen_string()
    elseif s == 5 then return rand(2) == 1
    elseif s == 6 then return null
    else return words[rand(#words)] end
  elseif k <= 7 then
    local t = {}
    for i = 1, rand(8) do t[i] = gen(depth - 1) end
    return t
  else
    local t = {}
    for _ = 1, rand(8) do t[words[rand(#words)]] = gen(depth - 1) end
    return t
  end
end

-- a fingerprint of a decoded value, independent of the encoder
local function fingerprint(v)
  local tv = type(v)
  if tv == "number" then return math.floor(v * 64) % 1000003
  elseif tv == "string" then return #v + (byte(v, 1) or 0)
  elseif tv == "boolean" then return v and 3 or 5
  elseif v == null then return 7
  end
  local h = 11
  if v[1] ~= nil then
    for i = 1, #v do h = (h * 31 + fingerprint(v[i])) % 1000000007 end
  else
    local keys = {}
    for key in pairs(v) do keys[#keys + 1] = key end
    sort(keys)
    for i = 1, #keys do
      h = (h * 37 + #keys[i] + fingerprint(v[keys[i]])) % 1000000007
    end
  end
  return h
end

local ROUNDS = 350
local total_len, checksum = 0, 0
for round = 1, ROUNDS do
  local doc = { round = round, body = gen(6), list = { gen(3), gen(3), gen(3) } }
  local s1 = encode(doc)
  local decoded = decode(s1)
  local s2 = encode(decoded)
  if s1 ~= s2 then error("round trip failed in round " .. round) end
  total_len = total_len + #s1
  checksum = (checksum * 7 + fingerprint(decoded)) % 1000000007
end
print(ROUNDS, total_len, checksum)
