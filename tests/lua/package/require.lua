-- require, package.path, package.loaded, preload, searchers and searchpath.

package.path = "./data/?.lua;./data/?/init.lua"
local m, extra = require("plain")
print(m.name, m.file, extra, loads)
-- expect: plain	./data/plain.lua	./data/plain.lua	1
print(require("plain") == m, loads, package.loaded.plain == m)
-- expect: true	1	true

-- ?/init.lua and dotted names (dots become directory separators)
print(require("pkg"))
-- expect: pkg/init 2 pkg	./data/pkg/init.lua
print(require("pkg.sub"))
-- expect: pkg.sub as pkg.sub	./data/pkg/sub.lua

-- a module that returns nothing is recorded as true
print(require("nothing"), loaded_nothing, package.loaded.nothing)
-- expect: true	true	true

-- errors inside a module propagate, and the module is not recorded
print(pcall(require, "broken"))
-- expect: false	./data/broken.lua:1: broken module
print(package.loaded.broken)
-- expect: nil
local ok, msg = pcall(require, "syntax")
print(ok, msg)
-- expect: false	error loading module 'syntax' from file './data/syntax.lua':
-- expect: 	./data/syntax.lua:1: unexpected symbol near '='

-- not found: every searcher reports what it tried
package.cpath = "./data/?.so"
print(pcall(require, "nope"))
-- expect: false	module 'nope' not found:
-- expect: 	no field package.preload['nope']
-- expect: 	no file './data/nope.lua'
-- expect: 	no file './data/nope/init.lua'
-- expect: 	no file './data/nope.so'

-- preload comes first
package.preload.virtual = function(name, arg) return { name, arg } end
local v = require("virtual")
print(v[1], v[2])
-- expect: virtual	:preload:

-- searchpath
print(package.searchpath("pkg.sub", package.path))
-- expect: ./data/pkg/sub.lua
print(package.searchpath("pkg_sub", "./data/?.lua", "_", "/"))
-- expect: ./data/pkg/sub.lua
print(package.searchpath("a.b", "x/?.lua;y/?.lua"))
-- expect: nil	no file 'x/a/b.lua'
-- expect: 	no file 'y/a/b.lua'
print(package.searchpath("a.b", "x/?.lua", ""))
-- expect: nil	no file 'x/a.b.lua'

-- custom searchers
table_searchers = package.searchers
print(#package.searchers)
-- expect: 4
package.searchers[#package.searchers + 1] = function(name)
  if name == "magic" then return function(n, x) return "magic " .. n .. " " .. x end, "xtra" end
  return "\n\tno magic for '" .. name .. "'"
end
print(require("magic"))
-- expect: magic magic xtra	xtra
package.searchers = nil
print(pcall(require, "other"))
-- expect: false	'package.searchers' must be a table
package.searchers = table_searchers

-- package.loaded can be filled by hand
package.loaded.handmade = "yes"
print(require("handmade"))
-- expect: yes
print(pcall(require))
-- expect: false	bad argument #1 to 'require' (string expected, got no value)
print(package.loaded._G == _G, package.loaded.package == package)
-- expect: true	true
print(package.config)
-- expect: /
-- expect: ;
-- expect: ?
-- expect: !
-- expect: -
-- expect:

-- loadlib: native libraries cannot be loaded (tycho is not ABI-compatible with Lua's C
-- API); lua5.4 fails here too, for a missing file
local f, msg, where = package.loadlib("./data/no_such_lib.so", "luaopen_x")
print(f, type(msg), where == "open" or where == "absent")
-- expect: nil	string	true
