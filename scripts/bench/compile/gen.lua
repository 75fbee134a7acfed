-- Writes a large Lua source to stdout: every benchmark program, each wrapped in a function
-- (so it compiles but does not run), repeated until the text passes the size asked for.
--   lua5.4 gen.lua <programs-dir> <min-bytes>
local dir, min = arg[1], tonumber(arg[2]) or 4000000
local names = {"binary_trees", "closures", "coroutines", "deltablue", "fannkuch_redux", "fasta",
  "fib", "json", "k_nucleotide", "life", "loops", "mandelbrot", "method_calls", "n_body",
  "queens", "ray_tracer", "richards", "sieve", "spectral_norm", "string_build",
  "string_churn", "string_lib", "table_fill", "tree_prune"}
local sources = {}
for _, n in ipairs(names) do
  local f = assert(io.open(dir .. "/" .. n .. ".lua"))
  sources[#sources + 1] = f:read("a"):gsub("^#[^\n]*", "")
  f:close()
end
local out, size, i = {}, 0, 0
while size < min do
  for _, s in ipairs(sources) do
    i = i + 1
    local chunk = "function program_" .. i .. "(...)\n" .. s .. "\nend\n"
    out[#out + 1] = chunk
    size = size + #chunk
  end
end
io.write(table.concat(out))
