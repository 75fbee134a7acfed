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

