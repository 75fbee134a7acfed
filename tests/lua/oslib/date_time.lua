-- os.date, os.time, os.difftime and os.clock. Fixed times in UTC ("!") make the output
-- independent of the machine's time zone; local-time checks compare instead of printing.

-- Every conversion lua5.4 accepts (C99 and POSIX), at two fixed times.
local convs = {"a", "A", "b", "B", "c", "C", "d", "D", "e", "F", "g", "G", "h", "H", "I",
  "j", "m", "M", "p", "r", "R", "S", "T", "u", "U", "V", "w", "W", "x", "X", "y",
  "Y", "z", "Z", "%", "Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM",
  "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy"}
for _, t in ipairs({0, 1234567890, 951782400 + 13 * 3600 + 5 * 60 + 9}) do
  local line = tostring(t) .. ":"
  for _, c in ipairs(convs) do
    line = line .. " " .. c .. "=[" .. os.date("!%" .. c, t) .. "]"
  end
  print(line)
end
-- expect: 0: a=[Thu] A=[Thursday] b=[Jan] B=[January] c=[Thu Jan  1 00:00:00 1970] C=[19] d=[01] D=[01/01/70] e=[ 1] F=[1970-01-01] g=[70] G=[1970] h=[Jan] H=[00] I=[12] j=[001] m=[01] M=[00] p=[AM] r=[12:00:00 AM] R=[00:00] S=[00] T=[00:00:00] u=[4] U=[00] V=[01] w=[4] W=[00] x=[01/01/70] X=[00:00:00] y=[70] Y=[1970] z=[+0000] Z=[GMT] %=[%] Ec=[Thu Jan  1 00:00:00 1970] EC=[19] Ex=[01/01/70] EX=[00:00:00] Ey=[70] EY=[1970] Od=[01] Oe=[ 1] OH=[00] OI=[12] Om=[01] OM=[00] OS=[00] Ou=[4] OU=[00] OV=[01] Ow=[4] OW=[00] Oy=[70]
-- expect: 1234567890: a=[Fri] A=[Friday] b=[Feb] B=[February] c=[Fri Feb 13 23:31:30 2009] C=[20] d=[13] D=[02/13/09] e=[13] F=[2009-02-13] g=[09] G=[2009] h=[Feb] H=[23] I=[11] j=[044] m=[02] M=[31] p=[PM] r=[11:31:30 PM] R=[23:31] S=[30] T=[23:31:30] u=[5] U=[06] V=[07] w=[5] W=[06] x=[02/13/09] X=[23:31:30] y=[09] Y=[2009] z=[+0000] Z=[GMT] %=[%] Ec=[Fri Feb 13 23:31:30 2009] EC=[20] Ex=[02/13/09] EX=[23:31:30] Ey=[09] EY=[2009] Od=[13] Oe=[13] OH=[23] OI=[11] Om=[02] OM=[31] OS=[30] Ou=[5] OU=[06] OV=[07] Ow=[5] OW=[06] Oy=[09]
-- expect: 951829509: a=[Tue] A=[Tuesday] b=[Feb] B=[February] c=[Tue Feb 29 13:05:09 2000] C=[20] d=[29] D=[02/29/00] e=[29] F=[2000-02-29] g=[00] G=[2000] h=[Feb] H=[13] I=[01] j=[060] m=[02] M=[05] p=[PM] r=[01:05:09 PM] R=[13:05] S=[09] T=[13:05:09] u=[2] U=[09] V=[09] w=[2] W=[09] x=[02/29/00] X=[13:05:09] y=[00] Y=[2000] z=[+0000] Z=[GMT] %=[%] Ec=[Tue Feb 29 13:05:09 2000] EC=[20] Ex=[02/29/00] EX=[13:05:09] Ey=[00] EY=[2000] Od=[29] Oe=[29] OH=[13] OI=[01] Om=[02] OM=[05] OS=[09] Ou=[2] OU=[09] OV=[09] Ow=[2] OW=[09] Oy=[00]
print(os.date("!%Y-%m-%d %H:%M:%S", 0))
-- expect: 1970-01-01 00:00:00
print(os.date("!%Y-%m-%d %H:%M:%S", -1))
-- expect: 1969-12-31 23:59:59
print(os.date("!%Y-%m-%d %H:%M:%S", 2^31))
-- expect: 2038-01-19 03:14:08
print(os.date("!%Y-%m-%d %H:%M:%S", -2^31 - 1))
-- expect: 1901-12-13 20:45:51
print(os.date("!%c", 4102444800))
-- expect: Fri Jan  1 00:00:00 2100
print(os.date("!%Y-%j", 253402300799))
-- expect: 9999-365
print(os.date("!%Y", -62135596800))
-- expect: 1
print(os.date("!%Y", 2.0), os.date("!%Y", "86400"))
-- expect: 1970	1970
-- Text around conversions, "%%", embedded zeros, and empty formats.
print(os.date("!Date: %d/%m/%y, 100%% sure", 86400 * 40))
-- expect: Date: 10/02/70, 100% sure
local z = os.date("!a\0%H\0b", 0)
print(#z, z == "a\0" .. "00\0b")
-- expect: 6	true
print(os.date("!", 0) == "", os.date("", 0) == "")
-- expect: true	true
print(os.date("!no conversions", 123))
-- expect: no conversions
print(os.date("!%n%t", 0) == "\n\t", os.date("%t%n", 0) == "\t\n")
-- expect: true	true

-- "*t" and "!*t": tables with all fields.
local keys = {"year", "month", "day", "hour", "min", "sec", "wday", "yday", "isdst"}
local function show(t)
  local line = ""
  for _, k in ipairs(keys) do line = line .. k .. "=" .. tostring(t[k]) .. " " end
  print(line)
end
show(os.date("!*t", 0))
-- expect: year=1970 month=1 day=1 hour=0 min=0 sec=0 wday=5 yday=1 isdst=false 
show(os.date("!*t", 1234567890))
-- expect: year=2009 month=2 day=13 hour=23 min=31 sec=30 wday=6 yday=44 isdst=false 
show(os.date("!*t", 951868800))  -- 2000-02-29 (leap day)
-- expect: year=2000 month=3 day=1 hour=0 min=0 sec=0 wday=4 yday=61 isdst=false 
show(os.date("!*t", -86400))
-- expect: year=1969 month=12 day=31 hour=0 min=0 sec=0 wday=4 yday=365 isdst=false 
local lt = os.date("*t", 1234567890)
print(type(lt.year), type(lt.isdst), lt.sec)
-- expect: number	boolean	30
-- "*t" must be the whole rest of the format.
print(type(os.date("*t ", 0)), os.date("!x*t", 0))
-- expect: string	x*t

-- Invalid conversions: the message shows the rest of the format.
local function try(...) print(pcall(...)) end
try(os.date, "%Ez", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%Ez')
try(os.date, "%Q", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%Q')
try(os.date, "abc%", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%')
try(os.date, "%E", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%E')
try(os.date, "%O", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%O')
try(os.date, "%Oz trailing", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%Oz trailing')
try(os.date, "%5d", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%5d')
try(os.date, "%#c", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%#c')
try(os.date, "!%-d", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%-d')
try(os.date, "%Y %i", 0)
-- expect: false	bad argument #1 to 'os.date' (invalid conversion specifier '%i')
-- Bad times
try(os.date, "%Y", 1.5)
-- expect: false	bad argument #2 to 'os.date' (number has no integer representation)
try(os.date, "%Y", "x")
-- expect: false	bad argument #2 to 'os.date' (number expected, got string)
try(os.date, {}, 0)
-- expect: false	bad argument #1 to 'os.date' (string expected, got table)
try(os.date, "!%Y", 2^60)
-- expect: false	date result cannot be represented in this installation
try(os.date, "!*t", -2^62)
-- expect: false	date result cannot be represented in this installation

-- os.time with a table: local time; fields are normalized and written back.
local base = os.time({year = 2000, month = 1, day = 1, hour = 0})
print(os.time({year = 2000, month = 1, day = 2, hour = 0}) - base)
-- expect: 86400
print(os.time({year = 2000, month = 1, day = 1, hour = 0, min = 90}) - base)
-- expect: 5400
print(os.time({year = 2000, month = 1, day = 1}) - base)  -- hour defaults to 12
-- expect: 43200
print(os.time({year = 2000, month = 1, day = 1, hour = "0", min = "0", sec = 5.0}) - base)
-- expect: 5
local t = {year = 2000, month = 14, day = 35, hour = 25, min = -1, sec = 61}
os.time(t)
print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday, type(t.isdst))
-- expect: 2001	3	8	1	0	1	5	67	boolean
t = {year = 2001, month = 3, day = 0}
os.time(t)
print(t.year, t.month, t.day, t.hour, t.min, t.sec, t.wday, t.yday)
-- expect: 2001	2	28	12	0	0	4	59
t = {year = 2024, month = 1, day = -365, hour = 0, extra = "kept"}
os.time(t)
print(t.year, t.month, t.day, t.extra)
-- expect: 2022	12	31	kept
-- A round trip through os.date("*t") gives the same time.
local acc = ""
for _, v in ipairs({0, 1234567890, 951868800, 4102444800, -86400 * 365}) do
  acc = acc .. tostring(os.time(os.date("*t", v)) == v) .. " "
end
print(acc)
-- expect: true true true true true 
print(os.time(os.date("*t", 1234567890)) == 1234567890)
-- expect: true
print(os.time({year = 2000, month = 1, day = 1, isdst = false}) ~= nil)
-- expect: true

-- Missing and bad fields
try(os.time, {})
-- expect: false	field 'year' missing in date table
try(os.time, {year = 2000})
-- expect: false	field 'month' missing in date table
try(os.time, {year = 2000, month = 1})
-- expect: false	field 'day' missing in date table
try(os.time, {year = "x", month = 1, day = 1})
-- expect: false	field 'year' is not an integer
try(os.time, {year = 2000, month = 1.5, day = 1})
-- expect: false	field 'month' is not an integer
try(os.time, {year = 2000, month = 1, day = 1, hour = {}})
-- expect: false	field 'hour' is not an integer
try(os.time, {year = 2000, month = 1, day = 1, min = "1.5"})
-- expect: false	field 'min' is not an integer
try(os.time, {year = 2^31 + 1900, month = 1, day = 1})
-- expect: false	field 'year' is out-of-bound
try(os.time, {year = -2^31 + 1899, month = 1, day = 1})
-- expect: false	field 'year' is out-of-bound
try(os.time, {year = 2000, month = 2^31 + 1, day = 1})
-- expect: false	field 'month' is out-of-bound
try(os.time, {year = 2000, month = 1, day = 2^31})
-- expect: false	field 'day' is out-of-bound
try(os.time, {year = 2000, month = 1, day = -2^31 - 1})
-- expect: false	field 'day' is out-of-bound
try(os.time, {year = 2000, month = 1, day = 1, sec = 2^40})
-- expect: false	field 'sec' is out-of-bound
try(os.time, 1)
-- expect: false	bad argument #1 to 'os.time' (table expected, got number)
try(os.time, "2000")
-- expect: false	bad argument #1 to 'os.time' (table expected, got string)

-- os.time(): the current time, an integer; os.difftime in seconds, a float.
local now = os.time()
print(type(now), now > 1600000000, now == now // 1)
-- expect: number	true	true
print(os.difftime(10, 5), os.difftime(5, 10), os.difftime(0, 0), os.difftime(-1, 2^40))
-- expect: 5.0	-5.0	0.0	-1099511627777.0
try(os.difftime, 5)
-- expect: false	bad argument #2 to 'os.difftime' (number expected, got no value)
try(os.difftime, 1.5, 1)
-- expect: false	bad argument #1 to 'os.difftime' (number has no integer representation)
try(os.difftime)
-- expect: false	bad argument #1 to 'os.difftime' (number expected, got no value)
-- os.clock: processor time, a float.
local c = os.clock()
print(type(c), c >= 0, os.clock() >= c)
-- expect: number	true	true
