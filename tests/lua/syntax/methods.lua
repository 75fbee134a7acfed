-- Method calls, call syntax sugar, and self.

local Account = {}
Account.__index = Account

function Account.new(balance)
  return setmetatable({ balance = balance }, Account)
end

function Account:deposit(v)
  self.balance = self.balance + v
  return self
end

function Account.withdraw(self, v)
  self.balance = self.balance - v
  return self
end

local acc = Account.new(100)
acc:deposit(50):withdraw(30):deposit(5)
print("balance", acc.balance)
-- expect: balance	125

-- a.b.c:m() with nested tables
local ns = { inner = { obj = { name = "deep" } } }
function ns.inner.obj:hello(greeting) return greeting .. ", " .. self.name end
print(ns.inner.obj:hello("hi"))
-- expect: hi, deep
print(ns.inner.obj.hello(ns.inner.obj, "hey"))
-- expect: hey, deep

-- f{...} and f"..." call syntax
local function first(t) return t[1] end
local function id(s) return s end
print(first{ "table arg" }, id"string arg", id[[long arg]])
-- expect: table arg	string arg	long arg
local obj = { m = function(self, x) return x end }
print(obj:m"method string", obj:m{ 1 } ~= nil)
-- expect: method string	true

-- the receiver is evaluated once
local evals = 0
local function get() evals = evals + 1; return acc end
get():deposit(1)
print("evals", evals, acc.balance)
-- expect: evals	1	126

-- method on a value found through __index function
local proxy = setmetatable({}, { __index = function(t, k)
  return function(self, ...) return k, select("#", ...) end
end })
print(proxy:anything(1, 2, 3))
-- expect: anything	3

-- calling a method that does not exist
print(pcall(function() return acc:nosuch() end))
-- expect: false	methods.lua:57: attempt to call a nil value (method 'nosuch')

-- methods with varargs and chained results
local Vec = {}
Vec.__index = Vec
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
function Vec:add(o) return Vec.new(self.x + o.x, self.y + o.y) end
function Vec:parts() return self.x, self.y end
print(Vec.new(1, 2):add(Vec.new(3, 4)):add(Vec.new(10, 20)):parts())
-- expect: 14	26

-- function definitions with dotted names and methods
local M = { sub = {} }
function M.sub.f(a) return "f" .. a end
function M.sub:g(a) return self == M.sub, a end
print(M.sub.f(1), M.sub:g(2))
-- expect: f1	true	2
