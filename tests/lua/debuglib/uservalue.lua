-- debug.getuservalue / setuservalue on values that are not full userdata (full userdata
-- come from the io library, which is tested with it).

print(debug.getuservalue({}))
print(debug.getuservalue(1, 1))
print(debug.getuservalue(nil))
print(debug.getuservalue())
print(debug.getuservalue("s", 2))
print(debug.getuservalue(print, -1))
print(select('#', debug.getuservalue({})))
print(pcall(debug.getuservalue, {}, "x"))
print(pcall(debug.getuservalue, {}, 1.5))

print(pcall(debug.setuservalue, {}, 1))
print(pcall(debug.setuservalue, nil, 1))
print(pcall(debug.setuservalue, 1, 1, 1))
print(pcall(debug.setuservalue))
print(pcall(debug.setuservalue, "x", 1, "y"))
print(pcall(debug.setuservalue, {}, 1, {}))
