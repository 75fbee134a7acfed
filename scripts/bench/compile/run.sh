#!/usr/bin/env bash
# Compile speed: parse and compile a large source (all benchmark programs, each wrapped in a
# function, repeated to about 4 MB) without running it. Compares `luac5.4 -p` (the issue's
# yardstick; it includes process start-up and reading the file) with tycho and lua5.4 calling
# load() on the text in-process (compile time only, best of 5).
#
#   scripts/bench/compile/run.sh [tycho-binary]     (default: build/tycho)
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/../../.."
tycho=${1:-build/tycho}
src=$(mktemp --suffix=.lua)
trap 'rm -f -- "$src"' EXIT
lua5.4 scripts/bench/compile/gen.lua scripts/bench/programs 4000000 >"$src"
echo "source: $(wc -c <"$src") bytes, $(wc -l <"$src") lines"

# best of 5 wall times of a command, in seconds
best() {
  local b=999 t
  for _ in 1 2 3 4 5; do
    t=$( { /usr/bin/time -f %e "$@" >/dev/null; } 2>&1 | tail -n 1)
    b=$(awk -v a="$t" -v b="$b" 'BEGIN { print (a < b) ? a : b }')
  done
  echo "$b"
}
if command -v luac5.4 >/dev/null; then
  echo "luac5.4 -p (whole process):         $(best luac5.4 -p "$src") s"
fi
once='local f = assert(io.open(SRC, "rb")) assert(load(f:read("a"), "=big"))'
echo "tycho, load() once (whole process): $(best "$tycho" -e "SRC=[[$src]]" -e "$once") s"
code='local f = assert(io.open(SRC, "rb")) local s = f:read("a") f:close()
local best = math.huge
for _ = 1, 5 do
  local t = os.clock() local fn = assert(load(s, "=big")) t = os.clock() - t
  if t < best then best = t end
  fn = nil collectgarbage()
end
io.write(string.format("%.3f", best))'
echo "tycho load(), in-process:           $("$tycho" -e "SRC=[[$src]]" -e "$code") s"
echo "lua5.4 load(), in-process:          $(lua5.4 -e "SRC=[[$src]]" -e "$code") s"
