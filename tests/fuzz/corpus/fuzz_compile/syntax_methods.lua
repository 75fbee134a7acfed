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

