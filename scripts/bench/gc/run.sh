#!/usr/bin/env bash
# GC pause probe: tycho against lua5.4 in both of its modes, in the same run.
#
#   scripts/bench/gc/run.sh [-n RUNS] [LIVE] [ITERATIONS]
#
# Runs pause_probe.lua (LIVE live tables, default one million; ITERATIONS churn iterations,
# default three million) RUNS times (default 3) under each configuration and prints the median
# of the worst pause, the 99th-percentile gap, the total time and the peak RSS (GNU time).
# TYCHO and LUA override the interpreters.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")"
runs=3
if [[ ${1:-} == -n ]]; then runs=$2; shift 2; fi
tycho=${TYCHO:-../../../build/tycho}
lua=${LUA:-lua5.4}
args=("$@")

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

# probe <label> <command...>
probe() {
  local label=$1 out max=() p99=() total=() rss=()
  shift
  for ((i = 0; i < runs; i++)); do
    out=$( { /usr/bin/time -f "rss_kb=%M" "$@" pause_probe.lua "${args[@]}"; } 2>&1)
    max+=("$(grep -o 'max_pause_ms=[0-9.]*' <<<"$out" | cut -d= -f2)")
    p99+=("$(grep -o 'p99_ms=[0-9.]*' <<<"$out" | cut -d= -f2)")
    total+=("$(grep -o 'total_s=[0-9.]*' <<<"$out" | cut -d= -f2)")
    rss+=("$(grep -o 'rss_kb=[0-9]*' <<<"$out" | cut -d= -f2)")
  done
  printf '%-26s %10s %10s %9s %12s\n' "$label" \
    "$(printf '%s\n' "${max[@]}" | median)" "$(printf '%s\n' "${p99[@]}" | median)" \
    "$(printf '%s\n' "${total[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
}

printf '%-26s %10s %10s %9s %12s\n' configuration "max ms" "p99 ms" "total s" "peak KiB"
probe "tycho (default)" "$tycho"
probe "tycho --gc=incremental" "$tycho" --gc=incremental
probe "lua5.4 (generational)" "$lua"
probe "lua5.4 incremental" "$lua" -e 'collectgarbage("incremental")'
