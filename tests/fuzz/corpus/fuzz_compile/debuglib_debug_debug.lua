-- debug.debug with stdin at its end (the test driver gives /dev/null): it returns at once.

print(debug.debug())
-- expect:
print(select("#", debug.debug()), "after")
-- expect: 0	after

