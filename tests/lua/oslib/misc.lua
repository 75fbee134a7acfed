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

-- execute: with no command, whether a shell exists; with one, the status triple.
print(os.execute())
-- expect: true
print(os.execute(nil))
-- expect: true
print(os.execute("true"))
-- expect: true	exit	0
print(os.execute("exit 0"))
-- expect: true	exit	0
print(os.execute("false"))
-- expect: nil	exit	1
print(os.execute("exit 42"))
-- expect: nil	exit	42
print(os.execute("exit 256"))
-- expect: true	exit	0
print(os.execute("kill -9 $$"))
-- expect: nil	signal	9
print(os.execute("kill -15 $$"))
-- expect: nil	signal	15
print(os.execute("no_such_command_for_tycho_tests 2>/dev/null"))
-- expect: nil	exit	127
print(os.execute(""))
-- expect: true	exit	0
print(pcall(os.execute, {}))
-- expect: false	bad argument #1 to 'os.execute' (string expected, got table)
-- The child's output goes to our stdout, after what we printed before.
print("before")
-- expect: before
-- expect: from the shell
os.execute("echo from the shell")
print("after")
-- expect: after

-- setlocale: query with nil (the C locale at start), set, and categories.
print(os.setlocale())
-- expect: C
print(os.setlocale(nil))
-- expect: C
local cats = {"all", "collate", "ctype", "monetary", "numeric", "time"}
line = ""
for _, c in ipairs(cats) do line = line .. tostring(os.setlocale(nil, c)) .. " " end
print(line)
-- expect: C C C C C C 
print(os.setlocale("C"))
-- expect: C
print(os.setlocale("POSIX", "numeric"))
-- expect: C
print(os.setlocale("C", "time"))
-- expect: C
print(os.setlocale("no_such_locale.UTF-8"))
-- expect: nil
print(os.setlocale("no_such_locale", "ctype"))
-- expect: nil
print(pcall(os.setlocale, nil, "bogus"))
-- expect: false	bad argument #2 to 'os.setlocale' (invalid option 'bogus')
print(pcall(os.setlocale, nil, "ALL"))
-- expect: false	bad argument #2 to 'os.setlocale' (invalid option 'ALL')
print(pcall(os.setlocale, {}))
-- expect: false	bad argument #1 to 'os.setlocale' (string expected, got table)
print(os.setlocale())
-- expect: C
-- Numbers still print with a dot in the C locale.
print(1.5, tostring(2.25))
-- expect: 1.5	2.25
