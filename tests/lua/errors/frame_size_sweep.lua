-- Every kind of runtime error the VM raises, at every frame size from 1 to 250 registers, in
-- the main thread and in a coroutine. Building the message pushes strings, which can grow
-- (and so move) the stack when the frame fills it; a message builder that kept a pointer to
-- the culprit across that read freed memory (issue 24: "attempt to index a nil value (global
-- 'Vec')" with 32 locals). Each case prints its message once, and "moved" lines if a frame
-- size gave another message. Run also under ASan with TYCHO_HARD_STACK (scripts/test.sh).

local cases = {
  {"index global", "Vec.f = 1"},
  {"index global read", "return Vec.f"},
  {"index local", "local t; return t.x"},
  {"index field", "local t = {}; return t.a.b"},
  {"index upvalue", "return (function() return U.x end)()"},
  {"index string key", "local t = {}; return t.k[1]"},
  {"newindex", "local t; t.x = 1"},
  {"call global", "Fn()"},
  {"call local", "local f; f()"},
  {"call method", "local t = {}; t:m()"},
  {"call field", "local t = {}; t.f()"},
  {"arith global", "x = Up + 1"},
  {"arith local", "local u; return u * 2"},
  {"arith string", "return 'abc' + 1"},
  {"arith table", "return {} - 1"},
  {"unm", "return -Up"},
  {"len", "return #Up"},
  {"bitwise nil", "return Up & 1"},
  {"bitwise float", "return 1.5 | 1"},
  {"bitwise string", "return 'x' ~ 1"},
  {"bnot", "return ~{}"},
  {"shift float", "local f = 2.5; return 1 << f"},
  {"concat table", "return 'x' .. {}"},
  {"concat nil", "return Up .. 'x'"},
  {"concat many", "local a, b = 'a', nil; return a .. 'b' .. b .. 'c'"},
  {"compare tables", "return {} < {}"},
  {"compare mixed", "return 1 < 'x'"},
  {"compare le", "return {} <= 1"},
  {"for initial", "for i = Up, 10 do end"},
  {"for limit", "for i = 1, 'x' do end"},
  {"for step", "for i = 1, 10, {} do end"},
  {"for zero step", "for i = 1, 10, 0 do end"},
  {"integer conversion", "local t = {x = 2^63}; return t.x | 1"},
  {"close non-closable", "local x <close> = 42"},
  {"close error", "local x <close> = setmetatable({}, {__close = function() error('in close') end})"},
  {"index metamethod error", "return setmetatable({}, {__index = function(t, k) return k.x.y end}).key"},
  {"error level 1", "error('lvl')"},
  {"error level 2", "local function f() error('lvl2', 2) end f()"},
  {"named __name", "return setmetatable({}, {__name = 'MyType'}) + 1"},
  {"string method", "return ('x'):nosuch()"},
}

-- A chunk whose frame holds `size` registers before the statement runs: locals first (at
-- most 190 of Lua's 200), then the arguments of a call that are evaluated before it.
local function chunk(size, stmt)
  local nlocals = size < 190 and size or 190
  local names = {}
  for i = 1, nlocals do names[i] = "a" .. i end
  local parts = {"local " .. table.concat(names, ",")}
  if size > nlocals then
    local args = {}
    for i = 1, size - nlocals do args[i] = "0" end
    parts[#parts + 1] = "select('#', " .. table.concat(args, ",") .. ", (function() " .. stmt .. " end)())"
  else
    parts[#parts + 1] = "do " .. stmt .. " end"
  end
  return table.concat(parts, "\n")
end

local function run_in(context, f)
  if context == "main" then return pcall(f) end
  local co = coroutine.create(f)
  local ok, msg = coroutine.resume(co)
  return ok, msg
end

for _, case in ipairs(cases) do
  local name, stmt = case[1], case[2]
  for _, context in ipairs({"main", "coroutine"}) do
    local first
    for size = 1, 250 do
      local f = assert(load(chunk(size, stmt), "=sweep"))
      local ok, msg = run_in(context, f)
      msg = tostring(msg):gsub("^sweep:%d+: ", "sweep: ")
      if first == nil then
        first = msg
        if context == "main" then print(name, ok, msg) end
      elseif msg ~= first then
        print("moved", name, context, size, msg)
      end
    end
  end
end
print("done")
-- expect: index global	false	sweep: attempt to index a nil value (global 'Vec')
-- expect: index global read	false	sweep: attempt to index a nil value (global 'Vec')
-- expect: index local	false	sweep: attempt to index a nil value (local 't')
-- expect: index field	false	sweep: attempt to index a nil value (field 'a')
-- expect: index upvalue	false	sweep: attempt to index a nil value (global 'U')
-- expect: index string key	false	sweep: attempt to index a nil value (field 'k')
-- expect: newindex	false	sweep: attempt to index a nil value (local 't')
-- expect: call global	false	sweep: attempt to call a nil value (global 'Fn')
-- expect: call local	false	sweep: attempt to call a nil value (local 'f')
-- expect: call method	false	sweep: attempt to call a nil value (method 'm')
-- expect: call field	false	sweep: attempt to call a nil value (field 'f')
-- expect: arith global	false	sweep: attempt to perform arithmetic on a nil value (global 'Up')
-- expect: arith local	false	sweep: attempt to perform arithmetic on a nil value (local 'u')
-- expect: arith string	false	sweep: attempt to add a 'string' with a 'number'
-- expect: arith table	false	sweep: attempt to perform arithmetic on a table value
-- expect: unm	false	sweep: attempt to perform arithmetic on a nil value (global 'Up')
-- expect: len	false	sweep: attempt to get length of a nil value (global 'Up')
-- expect: bitwise nil	false	sweep: attempt to perform bitwise operation on a nil value (global 'Up')
-- expect: bitwise float	false	sweep: number has no integer representation
-- expect: bitwise string	false	sweep: attempt to perform bitwise operation on a string value (constant 'x')
-- expect: bnot	false	sweep: attempt to perform bitwise operation on a table value
-- expect: shift float	false	sweep: number (local 'f') has no integer representation
-- expect: concat table	false	sweep: attempt to concatenate a table value
-- expect: concat nil	false	sweep: attempt to concatenate a nil value (global 'Up')
-- expect: concat many	false	sweep: attempt to concatenate a nil value (local 'b')
-- expect: compare tables	false	sweep: attempt to compare two table values
-- expect: compare mixed	false	sweep: attempt to compare number with string
-- expect: compare le	false	sweep: attempt to compare table with number
-- expect: for initial	false	sweep: bad 'for' initial value (number expected, got nil)
-- expect: for limit	false	sweep: bad 'for' limit (number expected, got string)
-- expect: for step	false	sweep: bad 'for' step (number expected, got table)
-- expect: for zero step	false	sweep: 'for' step is zero
-- expect: integer conversion	false	sweep: number (field 'x') has no integer representation
-- expect: close non-closable	false	sweep: variable 'x' got a non-closable value
-- expect: close error	false	sweep: in close
-- expect: index metamethod error	false	sweep: attempt to index a nil value (field 'x')
-- expect: error level 1	false	sweep: lvl
-- expect: error level 2	false	sweep: lvl2
-- expect: named __name	false	sweep: attempt to perform arithmetic on a MyType value
-- expect: string method	false	sweep: attempt to call a nil value (method 'nosuch')
-- expect: done
