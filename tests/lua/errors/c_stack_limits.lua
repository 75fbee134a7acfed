-- Nested native calls stop at lua5.4's limit (LUAI_MAXCCALLS, 200) with lua's message, for
-- every way a script nests them; a resume counts one level as in lua (it counted two). The
-- same script runs under small `ulimit -s` values in tests/cli/c_stack.sh: there the limit
-- comes sooner, from the thread's real stack, with the same error, never a crash.

local function resume_depth()
  local n = 0
  local function f()
    n = n + 1
    local ok, e = coroutine.resume(coroutine.create(f))
    if not ok then error(e, 0) end
  end
  local ok, e = pcall(f)
  return n, e
end
print("resume", resume_depth())

local function wrap_depth()
  local n = 0
  local function f() n = n + 1; coroutine.wrap(f)() end
  local ok, e = pcall(f)
  return n, (string.gsub(e, "^.*: ", ""))
end
print("wrap", wrap_depth())

local n = 0
local function p()
  n = n + 1
  local ok, e = pcall(p)
  if not ok then error(e, 0) end
end
print("pcall", pcall(p))
print("pcall levels", n)

n = 0
local function xp() n = n + 1; return xpcall(xp, function(m) return m end) end
local r = table.pack(xp())
print("xpcall", r.n, r[1], r[r.n])
print("xpcall levels", n)

n = 0
local mt = {}
mt.__index = function(t, k) n = n + 1; return setmetatable({}, mt)[k] end
print("__index", pcall(function() return setmetatable({}, mt).x end))
print("__index levels", n)

n = 0
local function g(s) n = n + 1; return (string.gsub(s, "x", g)) end
print("gsub", pcall(g, "x"))
print("gsub levels", n)

n = 0
local function srt() n = n + 1; table.sort({3, 2, 1}, function(a, b) srt(); return a < b end) end
print("sort", pcall(srt))
print("sort levels", n)

n = 0
local ts = {}
ts.__tostring = function(t) n = n + 1; return tostring(setmetatable({}, ts)) end
print("__tostring", pcall(tostring, setmetatable({}, ts)))
print("__tostring levels", n)

-- the parser's recursion: 190 levels compile, 300 do not
local function nest(k) return "return " .. string.rep("(", k) .. "1" .. string.rep(")", k) end
local f, e = load(nest(190))
print("parens 190", f and f() or string.match(e, "C stack overflow"))
f, e = load(nest(300))
print("parens 300", f, (string.match(e, "C stack overflow")))
f, e = load("return " .. string.rep("{", 300) .. string.rep("}", 300))
print("tables 300", f, (string.match(e, "C stack overflow")))
f, e = load(string.rep("do ", 300) .. string.rep("end ", 300))
print("blocks 300", f, (string.match(e, "C stack overflow")))

-- an error handler that fails at the limit: "error in error handling"-free, as lua
print(select("#", xpcall(p, function(m) return m end)))
print("done")
-- expect: resume	197	C stack overflow
-- expect: wrap	197	C stack overflow
-- expect: pcall	false	C stack overflow
-- expect: pcall levels	197
-- expect: xpcall	199	true	C stack overflow
-- expect: xpcall levels	198
-- expect: __index	false	c_stack_limits.lua:43: C stack overflow
-- expect: __index levels	196
-- expect: gsub	false	C stack overflow
-- expect: gsub levels	197
-- expect: sort	false	C stack overflow
-- expect: sort levels	197
-- expect: __tostring	false	C stack overflow
-- expect: __tostring levels	196
-- expect: parens 190	1
-- expect: parens 300	nil	C stack overflow
-- expect: tables 300	nil	C stack overflow
-- expect: blocks 300	nil	C stack overflow
-- expect: 2
-- expect: done
