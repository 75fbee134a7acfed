-- The benchmarks-game mandelbrot: iterate z = z^2 + c (at most 50 times) for every pixel
-- of an N x N image of the Mandelbrot set, packing the in/out bits 8 per byte as the
-- PBM output would; the bytes are hashed instead of written. Float arithmetic and
-- compares in a tight inner loop.
local N = 900
local ITER = 50

local hash, inside = 0, 0
for y = 0, N - 1 do
  local ci = 2 * y / N - 1
  local bits, nbits = 0, 0
  for x = 0, N - 1 do
    local cr = 2 * x / N - 1.5
    local zr, zi, zrq, ziq = 0.0, 0.0, 0.0, 0.0
    local bit = 1
    for _ = 1, ITER do
      local zri = zr * zi
      zr = zrq - ziq + cr
      zi = zri + zri + ci
      zrq = zr * zr
      ziq = zi * zi
      if zrq + ziq > 4.0 then bit = 0; break end
    end
    inside = inside + bit
    bits = bits * 2 + bit
    nbits = nbits + 1
    if nbits == 8 then
      hash = (hash * 31 + bits) % 1000000007
      bits, nbits = 0, 0
    end
  end
  if nbits > 0 then -- pad the last byte of the row
    for _ = nbits + 1, 8 do bits = bits * 2 end
    hash = (hash * 31 + bits) % 1000000007
  end
end
print(N, inside, hash)
