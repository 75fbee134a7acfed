-- collectgarbage options and their result types.

print(collectgarbage())
-- expect: 0
print(collectgarbage("collect"))
-- expect: 0
print(type(collectgarbage("count")))
-- expect: number
print(collectgarbage("count") > 0)
-- expect: true
print(collectgarbage("isrunning"))
-- expect: true
collectgarbage("stop")
print(collectgarbage("isrunning"))
-- expect: false
collectgarbage("restart")
print(collectgarbage("isrunning"))
-- expect: true
print(type(collectgarbage("step")))
-- expect: boolean
print(type(collectgarbage("step", 100)))
-- expect: boolean
print(type(collectgarbage("setpause", 200)))
-- expect: number
print(type(collectgarbage("setstepmul", 100)))
-- expect: number
print(pcall(collectgarbage, "nope"))
-- expect: false	bad argument #1 to 'collectgarbage' (invalid option 'nope')
print(pcall(collectgarbage, 1))
-- expect: false	bad argument #1 to 'collectgarbage' (invalid option '1')

