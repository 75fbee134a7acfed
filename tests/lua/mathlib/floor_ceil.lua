-- math.floor and math.ceil of floats at the edges of the integer range (their fast path
-- without libm), of integers, strings and bad arguments, against lua5.4.
local vals = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.0, -2.0, 1e15 + 0.5, -1e15 - 0.5, 2^52 + 1, 2^53, -2^53,
  2^62, -2^62, 2^63 - 1024, -2^63, 2^63, -2^63 - 2048, 1/0, -1/0, 0/0, 4.9e-324, -4.9e-324,
  0.9999999999999999, -0.9999999999999999, 123456789.999, -123456789.999, "2.5", "-7", 42, -42,
  math.maxinteger, math.mininteger}
local out = {}
for _, v in ipairs(vals) do
  local f, c = math.floor(v), math.ceil(v)
  out[#out + 1] = string.format("%s:%s/%s:%s/%s", tostring(v), tostring(f), math.type(f), tostring(c), math.type(c))
end
print(table.concat(out, "\n"))
-- expect: 0.0:0/integer:0/integer
-- expect: -0.0:0/integer:0/integer
-- expect: 0.5:0/integer:1/integer
-- expect: -0.5:-1/integer:0/integer
-- expect: 1.5:1/integer:2/integer
-- expect: -1.5:-2/integer:-1/integer
-- expect: 2.0:2/integer:2/integer
-- expect: -2.0:-2/integer:-2/integer
-- expect: 1e+15:1000000000000000/integer:1000000000000001/integer
-- expect: -1e+15:-1000000000000001/integer:-1000000000000000/integer
-- expect: 4.5035996273705e+15:4503599627370497/integer:4503599627370497/integer
-- expect: 9.007199254741e+15:9007199254740992/integer:9007199254740992/integer
-- expect: -9.007199254741e+15:-9007199254740992/integer:-9007199254740992/integer
-- expect: 4.6116860184274e+18:4611686018427387904/integer:4611686018427387904/integer
-- expect: -4.6116860184274e+18:-4611686018427387904/integer:-4611686018427387904/integer
-- expect: 9.2233720368548e+18:9223372036854774784/integer:9223372036854774784/integer
-- expect: -9.2233720368548e+18:-9223372036854775808/integer:-9223372036854775808/integer
-- expect: 9.2233720368548e+18:9.2233720368548e+18/float:9.2233720368548e+18/float
-- expect: -9.2233720368548e+18:-9.2233720368548e+18/float:-9.2233720368548e+18/float
-- expect: inf:inf/float:inf/float
-- expect: -inf:-inf/float:-inf/float
-- expect: -nan:-nan/float:-nan/float
-- expect: 4.9406564584125e-324:0/integer:1/integer
-- expect: -4.9406564584125e-324:-1/integer:0/integer
-- expect: 1.0:0/integer:1/integer
-- expect: -1.0:-1/integer:0/integer
-- expect: 123456789.999:123456789/integer:123456790/integer
-- expect: -123456789.999:-123456790/integer:-123456789/integer
-- expect: 2.5:2/integer:3/integer
-- expect: -7:-7/integer:-7/integer
-- expect: 42:42/integer:42/integer
-- expect: -42:-42/integer:-42/integer
-- expect: 9223372036854775807:9223372036854775807/integer:9223372036854775807/integer
-- expect: -9223372036854775808:-9223372036854775808/integer:-9223372036854775808/integer
print(pcall(math.floor, "x"), pcall(math.ceil, {}), pcall(math.floor))
-- expect: false	false	false	bad argument #1 to 'math.floor' (number expected, got no value)
print(math.floor(3.7, "extra"), math.ceil(-3.2, 1, 2))
-- expect: 3	-3
