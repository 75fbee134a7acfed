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

print(pcall(debug.setuservalue, {}, 1))
-- expect: false	bad argument #1 to 'debug.setuservalue' (userdata expected, got table)
print(pcall(debug.setuservalue, nil, 1))
-- expect: false	bad argument #1 to 'debug.setuservalue' (userdata expected, got nil)
print(pcall(debug.setuservalue, 1, 1, 1))
-- expect: false	bad argument #1 to 'debug.setuservalue' (userdata expected, got number)
print(pcall(debug.setuservalue))
-- expect: false	bad argument #1 to 'debug.setuservalue' (userdata expected, got no value)
print(pcall(debug.setuservalue, "x", 1, "y"))
-- expect: false	bad argument #3 to 'debug.setuservalue' (number expected, got string)
print(pcall(debug.setuservalue, {}, 1, {}))
-- expect: false	bad argument #3 to 'debug.setuservalue' (number expected, got table)
