#!/usr/bin/env bash
# Two tycho binaries on the same programs, runs alternating (so drifting load hits both):
# median wall time of each and their ratio (A/B below 1: A is faster).
#
#   scripts/bench/ab.sh <binary-A> <binary-B> <runs> <program>...
#   scripts/bench/ab.sh build-old/tycho build/tycho 5 fib n_body
set -euo pipefail
dir="$(dirname -- "${BASH_SOURCE[0]}")/programs"
a=$1 b=$2 n=$3
shift 3
median() { sort -n | sed -n "$(( (n + 1) / 2 ))p"; }
# wall time of one run in seconds, to the microsecond
timed() {
  local s e
  s=$(date +%s%N)
  "$1" "$2" >/dev/null
  e=$(date +%s%N)
  awk -v d="$(( (e - s) / 1000 ))" 'BEGIN { printf "%.6f\n", d / 1e6 }'
}
for p in "$@"; do
  ta=() tb=()
  for _ in $(seq "$n"); do
    ta+=("$(timed "$a" "$dir/$p.lua")")
    tb+=("$(timed "$b" "$dir/$p.lua")")
  done
  ma=$(printf '%s\n' "${ta[@]}" | median)
  mb=$(printf '%s\n' "${tb[@]}" | median)
  printf '%-16s A %6.3f s  B %6.3f s  A/B %.3f\n' "$p" "$ma" "$mb" \
    "$(awk -v a="$ma" -v b="$mb" 'BEGIN { print a / b }')"
done
