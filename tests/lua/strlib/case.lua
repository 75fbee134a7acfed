-- string.lower and string.upper: ASCII letters only (C locale), every other byte unchanged,
-- embedded zeros kept, numbers coerced, errors for other types.
print(string.lower("Hello, WORLD! 123"), string.upper("Hello, world! 123"))
-- expect: hello, world! 123	HELLO, WORLD! 123
print(("MiXeD"):lower(), ("MiXeD"):upper())
-- expect: mixed	MIXED
print(#string.lower("a\0B\0c"), string.lower("a\0B\0c") == "a\0b\0c")
-- expect: 5	true
print(string.upper("\200\201\255abc") == "\200\201\255ABC")
-- expect: true
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local lo, up = s:lower(), s:upper()
local changed_lo, changed_up = 0, 0
for i = 1, 256 do
  if lo:byte(i) ~= s:byte(i) then changed_lo = changed_lo + 1 end
  if up:byte(i) ~= s:byte(i) then changed_up = changed_up + 1 end
end
print(changed_lo, changed_up, #lo, #up)
-- expect: 26	26	256	256
print(string.lower(12), string.upper(1.5), string.lower(""))
-- expect: 12	1.5	
print(pcall(string.lower))
-- expect: false	bad argument #1 to 'string.lower' (string expected, got no value)
print(pcall(string.upper, {}))
-- expect: false	bad argument #1 to 'string.upper' (string expected, got table)
print(pcall(string.lower, nil))
-- expect: false	bad argument #1 to 'string.lower' (string expected, got nil)
