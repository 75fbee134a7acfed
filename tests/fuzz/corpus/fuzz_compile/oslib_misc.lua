-- os.getenv, os.execute, os.setlocale and the os table.

local names = {"clock", "date", "difftime", "execute", "exit", "getenv", "remove", "rename",
  "setlocale", "time", "tmpname"}
local line = ""
for _, n in ipairs(names) do line = line .. n .. ":" .. type(os[n]) .. " " end
print(line)
-- expect: clock:function date:function difftime:function execute:function exit:function getenv:function remove:function rename:function setlocale:function time:function tmpname:function 
local count = 0
for _ in pairs(os) do count = count + 1 end
print(count)
-- expect: 11

-- getenv: a string, or nil when the variable is not set.
print(type(os.getenv("PATH")), os.getenv("TYCHO_TEST_SURELY_UNSET_VARIABLE"))
-- expect: string	nil
print(os.getenv(""), os.getenv("PATH=x"))
-- expect: nil	nil
print(pcall(os.getenv))
-- expect: false	bad argument #1 to 'os.getenv' (string expected, got no value)
print(pcall(os.getenv, {}))
-- expect: false	bad argument #1 to 'os.getenv' (string expected, got table)
print(os.getenv(12345))
-- expect: nil

