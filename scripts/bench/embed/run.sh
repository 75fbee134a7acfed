#!/usr/bin/env bash
# The embedding benchmark: tycho's C++ API, and the same C API program on liblua5.4 and on
# tycho's C API, in one run, alternating (so that drifting load hits all). Prints each
# program's ns per call three times and the ratios of the medians to lua's (below 1: faster).
#
#   scripts/bench/embed/run.sh [build-dir]     (default: build; needs its static libraries)
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/../../.."
build=${1:-build}
out=$(mktemp -d)
trap 'rm -rf -- "$out"' EXIT

# libtycho.a: every layer in one archive (what cmake --install gives hosts).
c++ -std=c++20 -O2 -I include scripts/bench/embed/calls.cpp "$build/libtycho.a" -ldl -pthread \
  -o "$out/tycho"
if [[ ! -f /usr/include/lua5.4/lua.h ]]; then
  echo "no liblua5.4-dev: only tycho measured"
  "$out/tycho"
  exit 0
fi
c++ -std=c++20 -O2 -DWITH_LUA -I /usr/include/lua5.4 scripts/bench/embed/calls.cpp -llua5.4 \
  -o "$out/lua"
# The same C API program on tycho's C API (libtycho-lua.a).
c++ -std=c++20 -O2 -DWITH_LUA -DTYCHO_CAPI -I capi/include scripts/bench/embed/calls.cpp \
  "$build/libtycho-lua.a" -ldl -pthread -o "$out/capi"
for _ in 1 2 3; do
  "$out/tycho" | tee -a "$out/tycho.txt"
  "$out/lua" | tee -a "$out/lua.txt"
  "$out/capi" | tee -a "$out/capi.txt"
done
median() { sort -n | sed -n 2p; }
# the median of column $1 of file $2
col() { awk -v c="$1" '{ print $c }' "$2" | median; }
for c in "5 host->script" "8 script->host" "11 method" "14 field"; do
  set -- $c
  t=$(col "$1" "$out/tycho.txt")
  l=$(col "$1" "$out/lua.txt")
  a=$(col "$1" "$out/capi.txt")
  awk -v n="$2" -v t="$t" -v l="$l" -v a="$a" 'BEGIN {
    printf "median %-13s C++ API %5.1f ns (%.2f of lua)  tycho C API %5.1f ns (%.2f)  lua %5.1f ns\n",
      n, t, t / l, a, a / l, l }'
done
