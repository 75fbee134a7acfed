-- Float floor division (its floor without libm): signed zeros, infinities, NaN, values
-- around 2^52, against lua5.4.
local vals = {7.0, -7.0, 7.5, -7.5, 0.0, -0.0, 1/0, -1/0, 0/0, 2^52, -2^52, 2^52 + 1, 2^60, -2^60, 0.1, -0.1, 1e-300, -1e-300, 3, -3}
local divs = {2.0, -2.0, 0.5, 3, -3, 1/0, -1/0, 0.0, -0.0, 1e-310}
local out = {}
for _, a in ipairs(vals) do
  for _, b in ipairs(divs) do
    local q = a // b
    out[#out + 1] = string.format("%.17g", q)
  end
end
print(table.concat(out, " "))
-- expect: 3 -4 14 2 -3 0 -0 inf -inf inf -4 3 -14 -3 2 -0 0 -inf inf -inf 3 -4 15 2 -3 0 -0 inf -inf inf -4 3 -15 -3 2 -0 0 -inf inf -inf 0 -0 0 0 -0 0 -0 -nan -nan 0 -0 0 -0 -0 0 -0 0 -nan -nan -0 inf -inf inf inf -inf -nan -nan inf -inf inf -inf inf -inf -inf inf -nan -nan -inf inf -inf -nan -nan -nan -nan -nan -nan -nan -nan -nan -nan 2251799813685248 -2251799813685248 9007199254740992 1501199875790165 -1501199875790166 0 -0 inf -inf inf -2251799813685248 2251799813685248 -9007199254740992 -1501199875790166 1501199875790165 -0 0 -inf inf -inf 2251799813685248 -2251799813685249 9007199254740994 1501199875790165 -1501199875790166 0 -0 inf -inf inf 5.7646075230342349e+17 -5.7646075230342349e+17 2.305843009213694e+18 3.843071682022823e+17 -3.843071682022823e+17 0 -0 inf -inf inf -5.7646075230342349e+17 5.7646075230342349e+17 -2.305843009213694e+18 -3.843071682022823e+17 3.843071682022823e+17 -0 0 -inf inf -inf 0 -1 0 0 -1 0 -0 inf -inf inf -1 0 -1 -1 0 -0 0 -inf inf -inf 0 -1 0 0 -1 0 -0 inf -inf 10000000000 -1 0 -1 -1 0 -0 0 -inf inf -10000000001 1 -2 6 1 -1 0 -0 inf -inf inf -2 1 -6 -1 1 -0 0 -inf inf -inf
local k = 2.0
print(5.5 // k, -5.5 // k, -0.0 // 1, 0.5 // -1, -0.5 // 1, 1 // 0.0, -1 // 0.0, 0.0 // 0.0)
-- expect: 2.0	-3.0	-0.0	-1.0	-1.0	inf	-inf	-nan
