-- Results longer than lstrlib's MAXSIZE (INT_MAX here) are refused before anything is
-- allocated, with lua's messages (the official strings.lua checks these).
local function check(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, (string.gsub(tostring(err), "^.-:%d+: ", "")))
end
check(string.rep, "aa", 1 << 30)
check(string.rep, "a", 1 << 30, ",")
check(string.rep, "a", 1 << 31)
check(string.rep, "x", 1 << 33)
check(string.rep, "x", math.maxinteger)
check(string.rep, "x", 0, ("y"):rep(100))
check(string.rep, "x", -1)
check(string.packsize, string.rep("i16", 200000000))
check(string.packsize, "c2147483647c1")
print(#string.rep("ab", 3, "--"), string.rep("ab", 3, "--"))
-- expect: false	resulting string too large
-- expect: false	resulting string too large
-- expect: false	resulting string too large
-- expect: false	resulting string too large
-- expect: false	resulting string too large
-- expect: true	
-- expect: true	
-- expect: false	bad argument #1 to 'string.packsize' (format result too large)
-- expect: false	invalid format option '7'
-- expect: 10	ab--ab--ab
