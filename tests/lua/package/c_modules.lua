-- Debian's Lua C modules (lua-filesystem, lua-lpeg, lua-cjson, lua-socket, lua-term; Debian 12
-- builds lua-posix for Lua 5.1 to 5.3 only) load with require from
-- Debian's cpath and work as under lua5.4: the tycho program exports the Lua C API.
local lfs = require "lfs"
print(type(lfs.currentdir()), lfs.attributes(".", "mode"))
-- expect: string	directory
local names = {}
for f in lfs.dir("data") do
  if f ~= "." and f ~= ".." then names[#names + 1] = f end
end
table.sort(names)
print(#names > 0, lfs.attributes("data/" .. names[1]) ~= nil)
-- expect: true	true
local ok, err = lfs.chdir("/nonexistent-dir")
print(ok, type(err))
-- expect: nil	string

local lpeg = require "lpeg"
local digits = lpeg.C(lpeg.R("09") ^ 1)
print(lpeg.match(digits, "12345abc"))
-- expect: 12345
local list = lpeg.Ct((lpeg.C(lpeg.R("az") ^ 1) * lpeg.P(",") ^ -1) ^ 0)
print(table.concat(list:match("a,bc,def"), "|"))
-- expect: a|bc|def
local number = lpeg.P("-") ^ -1 * lpeg.R("09") ^ 1 / tonumber
local sum = lpeg.Cf(lpeg.Cc(0) * (number * lpeg.P(" ") ^ 0) ^ 0, function(a, b) return a + b end)
print(sum:match("1 2 3 -4 10"))
-- expect: 12
print(pcall(lpeg.match, {}, "x"))
-- expect: false	grammar has no initial rule

local cjson = require "cjson"
local t = cjson.decode('{"a":[1,2,3],"b":"x","c":null,"d":{"e":true}}')
print(#t.a, t.b, t.c == cjson.null, t.d.e)
-- expect: 3	x	true	true
print(cjson.encode({1, 2, 3}), cjson.encode("a\"b"))
-- expect: [1,2,3]	"a\"b"
print(pcall(cjson.decode, "{bad"))
-- expect: false	Expected object key string but found invalid token at character 2

-- lua-socket, on the loopback interface only.
local socket = require "socket"
local server = assert(socket.bind("127.0.0.1", 0))
local ip, port = server:getsockname()
local client = assert(socket.connect(ip, port))
local conn = server:accept()
client:send("hello\n")
print((conn:receive("*l")))
-- expect: hello
client:close()
conn:close()
server:close()

local term = require "term"
print(type(term.isatty), type(term.colors.red), tostring(term.colors.red):byte(1))
-- expect: function	table	27
