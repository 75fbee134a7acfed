-- bless.lua: write the `-- expect:` lines of test scripts from what the reference Lua
-- (lua5.4) prints.
--
--   lua5.4 tests/lua/bless.lua tests/lua/<area>/<name>.lua ...
--
-- Every whole-line `-- expect:` comment is owned by this tool: it removes them, runs the
-- script under lua5.4 with a prelude (LUA_INIT_5_4) whose hooks tag each `print` with the
-- main-chunk line executing at the time, and puts each output line back as `-- expect: ...`
-- right after the top-level statement that produced it (a loop's output goes after the
-- loop, a function's after the statement that called it). Because inserted lines shift
-- the line numbers that error messages print, it repeats until the file is stable.
--
-- Read the result before committing it: the reference is only right when the reference
-- is right, and the expectations must agree with the manual. `-- expect-exit:` and
-- `-- expect-stderr:` stay hand-written; the tool reports a nonzero exit and the stderr.
-- Scripts with `-- expect:` after code on the same line are refused (hand-maintained).

local ref = os.getenv("TYCHO_REF_LUA") or "lua5.4"

-- The prelude marks main-chunk line changes and calls of print with hooks, so that print
-- stays the real function (a Lua wrapper would change error messages).
local prelude = [[
local src = os.getenv("TYCHO_BLESS_SRC")
local write, getinfo, print = io.write, debug.getinfo, print
local maxline = 0
debug.sethook(function(event, line)
  if event == "line" then
    if line and line > maxline then  -- stripped functions report no line
      local info = getinfo(2, "S")
      if info and info.what == "main" and info.source == src then
        maxline = line
        write("\1\2BLESSL", line, "\2\1")
      end
    end
  elseif getinfo(2, "f").func == print then
    write("\1\2BLESSP\2\1")
  end
end, "cl")
]]

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function write_file(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end

local function split_lines(s)
  local lines = {}
  for line in s:gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
  local tail = s:match("([^\n]*)$")
  if tail ~= "" then lines[#lines + 1] = tail end
  return lines
end

-- unsafe[k] is true when the line break after line k lies inside a token (a long string
-- or comment, or a short string continued with "\" or "\z") or inside a block or
-- brackets of the main chunk: expectations go only between top-level statements.
-- code[k] is true when line k holds part of a token other than a comment.
local opens = { ["function"] = true, ["do"] = true, ["if"] = true, ["repeat"] = true }
local closes = { ["end"] = true, ["until"] = true }
local function scan_lines(src)
  local unsafe, code, line, i, n, depth = {}, {}, 1, 1, #src, 0
  local function newline(inside)
    if inside or depth ~= 0 then unsafe[line] = true end
    line = line + 1
  end
  -- Skips a long bracket body starting after "[=*[" at i; returns the index after it.
  local function long_bracket(level)
    local close = "]" .. string.rep("=", level) .. "]"
    while i <= n do
      if src:sub(i, i + #close - 1) == close then return i + #close end
      if src:sub(i, i) == "\n" then newline(true) end
      i = i + 1
    end
    return i
  end
  while i <= n do
    local c = src:sub(i, i)
    if c == "\n" then
      newline(false)
      i = i + 1
    elseif c == "-" and src:sub(i + 1, i + 1) == "-" then
      local eq = src:match("^%[(=*)%[", i + 2)
      if eq then
        i = i + 4 + #eq
        i = long_bracket(#eq)
      else
        while i <= n and src:sub(i, i) ~= "\n" do i = i + 1 end
      end
    elseif c:match("%s") then
      i = i + 1
    elseif c:match("[%a_]") then
      code[line] = true
      local word = src:match("^[%w_]+", i)
      if opens[word] then depth = depth + 1 elseif closes[word] then depth = depth - 1 end
      i = i + #word
    elseif c:match("%d") or (c == "." and src:match("^%.%d", i)) then
      code[line] = true
      i = i + #src:match("^%.?[%w_.]+", i)
    elseif c == "[" and src:match("^%[=*%[", i) then
      code[line] = true
      local eq = src:match("^%[(=*)%[", i)
      i = i + 2 + #eq
      i = long_bracket(#eq)
    elseif c == '"' or c == "'" then
      code[line] = true
      i = i + 1
      while i <= n do
        local d = src:sub(i, i)
        if d == c then i = i + 1; break end
        if d == "\n" then break end -- unfinished string: leave it to the compiler
        if d == "\\" then
          local e = src:sub(i + 1, i + 1)
          if e == "\n" then
            newline(true)
            i = i + 2
          elseif e == "z" then
            i = i + 2
            while i <= n and src:sub(i, i):match("%s") do
              if src:sub(i, i) == "\n" then newline(true) end
              i = i + 1
            end
          else
            i = i + 2
          end
        else
          i = i + 1
        end
      end
    else
      code[line] = true
      if c == "(" or c == "{" or c == "[" then depth = depth + 1
      elseif c == ")" or c == "}" or c == "]" then depth = depth - 1 end
      i = i + 1
    end
  end
  return unsafe, code
end

local function is_managed(line) return line:match("^%s*%-%- expect:") ~= nil end

local prelude_path = os.tmpname()
write_file(prelude_path, prelude)

-- Runs the script; returns the list of events {L=line} / {text=...}, the status, stderr.
local function run(dir, name, lines)
  local args, stdin = "", "/dev/null"
  for _, line in ipairs(lines) do
    local a = line:match("%-%- args:(.*)$")
    if a then args = a end
    local s = line:match("%-%- stdin:%s*(.-)%s*$")
    if s then stdin = s end
  end
  local out, err = os.tmpname(), os.tmpname()
  local cmd = string.format(
    "cd %s && LUA_INIT_5_4=%s TYCHO_BLESS_SRC=%s timeout 120 %s %s %s <%s >%s 2>%s",
    shell_quote(dir), shell_quote("@" .. prelude_path), shell_quote("@" .. name), ref,
    shell_quote(name), args, shell_quote(stdin), shell_quote(out), shell_quote(err))
  local _, _, status = os.execute(cmd)
  local stdout, stderr = read_file(out), read_file(err)
  os.remove(out)
  os.remove(err)
  local events, pos = {}, 1
  while pos <= #stdout do
    local s, e, kind, num = stdout:find("\1\2BLESS([LP])(%d*)\2\1", pos)
    local text = stdout:sub(pos, (s or #stdout + 1) - 1)
    if text ~= "" then events[#events + 1] = { text = text } end
    if not s then break end
    if kind == "L" then events[#events + 1] = { L = tonumber(num) } end
    pos = e + 1
  end
  return events, status, stderr
end

local function expect_line(text)
  return text == "" and "-- expect:" or "-- expect: " .. text
end

local function bless(path)
  local dir, name = path:match("^(.*)/([^/]*)$")
  if not dir then dir, name = ".", path end
  local content = read_file(path)
  local original = content
  local lines = split_lines(content)
  for i, line in ipairs(lines) do
    if not is_managed(line) and line:find("%-%- expect:") then
      io.stderr:write(path, ":", i, ": inline '-- expect:' (hand-maintained file), skipped\n")
      return false
    end
  end
  local status, stderr
  for _ = 1, 8 do
    local events
    events, status, stderr = run(dir, name, lines)
    local unsafe, code = scan_lines(table.concat(lines, "\n") .. "\n")
    -- Each output line goes after the first line, from the last main-chunk line executed
    -- so far, that ends a top-level statement.
    local after, current = {}, 0
    for _, ev in ipairs(events) do
      if ev.L then
        current = ev.L
      else
        local k = current
        while k < #lines and unsafe[k] do k = k + 1 end
        after[k] = after[k] or {}
        for _, l in ipairs(split_lines(ev.text)) do table.insert(after[k], l) end
      end
    end
    local out = {}
    for _, t in ipairs(after[0] or {}) do out[#out + 1] = expect_line(t) end
    for i, line in ipairs(lines) do
      if not is_managed(line) then out[#out + 1] = line end
      for _, t in ipairs(after[i] or {}) do out[#out + 1] = expect_line(t) end
    end
    local new = table.concat(out, "\n") .. "\n"
    if new == content then break end
    local compiles, why = load((new:gsub("^#[^\n]*", "--")), "=" .. path)
    if not compiles then
      write_file(path, original)
      io.stderr:write(path, ": ERROR: blessing would break the script (", why, "); unchanged\n")
      return false
    end
    content, lines = new, out
    write_file(path, content)
  end
  local ok = true
  for i, line in ipairs(lines) do
    if is_managed(line) then
      if line:find("[%z\1-\8\11-\31\127]") then
        io.stderr:write(path, ":", i, ": ERROR: control characters in output\n")
        ok = false
      elseif line:find("0x%x%x%x%x%x%x") then
        io.stderr:write(path, ":", i, ": warning: looks like an address: ", line, "\n")
      end
    end
  end
  if status ~= 0 then
    io.stderr:write(path, ": exit status ", status, "; stderr: ",
      (stderr:match("^[^\n]*") or ""), "\n")
  end
  return ok
end

local all_ok = true
for _, path in ipairs(arg) do
  if not bless(path) then all_ok = false end
end
os.remove(prelude_path)
os.exit(all_ok and 0 or 1)
