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
# the median of column $1 of file $2
col() { awk -v c="$1" '{ print $c }' "$2" | median; }
for c in "5 host->script" "8 script->host" "11 method" "14 field"; do
  set -- $c
  t=$(col "$1" "$out/tycho.txt")
  l=$(col "$1" "$out/lua.txt")
  awk -v n="$2" -v t="$t" -v l="$l" 'BEGIN {
    printf "median %-13s tycho %5.1f ns  lua %5.1f ns  tycho/lua %.2f\n", n, t, l, t / l }'
done
