-- collectgarbage options (results that do not depend on the collector's internals).

print(type(collectgarbage("count")), collectgarbage("count") > 0)
-- expect: number	true
print(collectgarbage("collect"), collectgarbage())
-- expect: 0	0
print(collectgarbage("isrunning"))
-- expect: true
print(collectgarbage("stop"))
-- expect: 0
print(collectgarbage("isrunning"))
-- expect: false
print(collectgarbage("restart"))
-- expect: 0
print(collectgarbage("isrunning"))
-- expect: true
print(type(collectgarbage("step")), type(collectgarbage("step", 0)), type(collectgarbage("step", 100)))
-- expect: boolean	boolean	boolean

-- mode switches return the previous mode (the lua5.4 program starts in generational
-- mode, so set one first)
collectgarbage("incremental")
print(collectgarbage("generational"))
-- expect: incremental
print(collectgarbage("generational"))
-- expect: generational
print(collectgarbage("incremental"))
-- expect: generational
print(collectgarbage("incremental"))
-- expect: incremental

-- setpause/setstepmul return previous values (numbers)
print(type(collectgarbage("setpause", 200)), type(collectgarbage("setstepmul", 100)))
-- expect: number	number

-- invalid options
print(pcall(collectgarbage, "nosuchoption"))
-- expect: false	bad argument #1 to 'collectgarbage' (invalid option 'nosuchoption')
print(pcall(collectgarbage, 42))
-- expect: false	bad argument #1 to 'collectgarbage' (invalid option '42')

-- the collector keeps working while stopped
collectgarbage("stop")
local t = {}
for i = 1, 1000 do t[i] = { i } end
print(#t, collectgarbage("isrunning"))
-- expect: 1000	false
collectgarbage("restart")
t = nil
collectgarbage()
print(collectgarbage("isrunning"))
-- expect: true
