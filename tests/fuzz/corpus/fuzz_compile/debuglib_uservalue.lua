-- debug.getuservalue / setuservalue on values that are not full userdata (full userdata
-- come from the io library, which is tested with it).

print(debug.getuservalue({}))
-- expect: nil
print(debug.getuservalue(1, 1))
-- expect: nil
print(debug.getuservalue(nil))
-- expect: nil
print(debug.getuservalue())
-- expect: nil
print(debug.getuservalue("s", 2))
-- expect: nil
print(debug.getuservalue(print, -1))
-- expect: nil
print(select('#', debug.getuservalue({})))
-- expect: 1
print(pcall(debug.getuservalue, {}, "x"))
-- expect: false	bad argument #2 to 'debug.getuservalue' (number expected, got string)
print(pcall(debug.getuservalue, {}, 1.5))
-- expect: false	bad argument #2 to 'debug.getuservalue' (number has no integer representation)

