#!/usr/bin/env bash
# The embedding benchmark: tycho's C++ API against the Lua 5.4 C API (liblua5.4-dev), in one
# run, alternating (so that drifting load hits both). Prints each program's ns per call three
# times and the ratios of the medians (below 1: tycho is faster).
#
#   scripts/bench/embed/run.sh [build-dir]     (default: build; needs its static libraries)
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/../../.."
build=${1:-build}
out=$(mktemp -d)
trap 'rm -rf -- "$out"' EXIT

libs=()
for l in api/libtycho_api.a stdlib/libtycho_stdlib.a lang/libtycho_lang.a vm/libtycho_vm.a \
  gc/libtycho_gc.a heap/libtycho_heap.a; do
  libs+=("$build/$l")
done
c++ -std=c++20 -O2 -I include -I . scripts/bench/embed/calls.cpp "${libs[@]}" -o "$out/tycho"
if [[ ! -f /usr/include/lua5.4/lua.h ]]; then
  echo "no liblua5.4-dev: only tycho measured"
  "$out/tycho"
  exit 0
fi
c++ -std=c++20 -O2 -DWITH_LUA -I /usr/include/lua5.4 scripts/bench/embed/calls.cpp -llua5.4 \
  -o "$out/lua"
for _ in 1 2 3; do
  "$out/tycho" | tee -a "$out/tycho.txt"
  "$out/lua" | tee -a "$out/lua.txt"
done
median() { sort -n | sed -n 2p; }
ts=$(awk '{ print $5 }' "$out/tycho.txt" | median)
th=$(awk '{ print $8 }' "$out/tycho.txt" | median)
ls=$(awk '{ print $5 }' "$out/lua.txt" | median)
lh=$(awk '{ print $8 }' "$out/lua.txt" | median)
awk -v ts="$ts" -v th="$th" -v ls="$ls" -v lh="$lh" 'BEGIN {
  printf "medians: host->script tycho %.1f ns, lua %.1f ns (tycho/lua %.2f); ", ts, ls, ts / ls
  printf "script->host tycho %.1f ns, lua %.1f ns (tycho/lua %.2f)\n", th, lh, th / lh
}'
