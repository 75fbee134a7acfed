-- Comparisons between integers and floats are exact, not through conversion.

local max = 9223372036854775807
local min = -max - 1
local two53 = 2 ^ 53
print(1 == 1.0, 1 < 1.5, 2 > 1.5, -1 < -0.5, 0 == -0.0)
-- expect: true	true	true	true	true
print(9007199254740993 == two53 + 1, 9007199254740993 > two53, 9007199254740993 < two53 + 2)
-- expect: false	true	true
print(9007199254740992 == two53, 9007199254740992 <= two53, 9007199254740992 >= two53)
-- expect: true	true	true
print(max == 2 ^ 63, max < 2 ^ 63, max + 0.0 == 2 ^ 63, max <= 2 ^ 63)
-- expect: false	true	true	true
print(min == -2 ^ 63, min < -2 ^ 63, min <= -2 ^ 63, min > -2 ^ 63 - 1e5)
-- expect: true	false	true	true
print(max < 1 / 0, min > -1 / 0, max > 9.2233720368547748e18)
-- expect: true	true	true
print(max - 1 < 9.2233720368547758e18, 1 < 1.0000000000000002)
-- expect: true	true

