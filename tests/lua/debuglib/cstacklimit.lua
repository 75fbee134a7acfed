-- debug.setcstacklimit is a compatibility function in Lua 5.4.4: it changes nothing and
-- returns 200 (LUAI_MAXCCALLS).
print(debug.setcstacklimit(100))
-- expect: 200
print(debug.setcstacklimit(30000))
-- expect: 200
print(type(debug.setcstacklimit))
-- expect: function
