#!/usr/bin/env bash
# The parallel library's benchmarks: one table of rates against the targets of issue 26.
#
#   scripts/bench/parallel/run.sh [-n RUNS] [-t "1 2 16"]
#
# Each case runs as its own tycho process (cases.lua), RUNS times (default 5), and the median
# wall-clock time counts (GNU time; the start of the process, about 5 ms, is included: the
# cases run for about half a second or more). Thread counts past the machine's cores are run
# too but say little. TYCHO overrides the binary.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/../../.."

runs=5
threads="1 2"
while getopts "n:t:" o; do
  case $o in
    n) runs=$OPTARG ;;
    t) threads=$OPTARG ;;
    *) exit 2 ;;
  esac
done
tycho=${TYCHO:-build/tycho}
[[ -x $tycho ]] || { echo "no tycho binary at $tycho (set TYCHO)" >&2; exit 1; }
timer=/usr/bin/time
[[ -x $timer ]] || { echo "GNU time is needed (apt-get install time)" >&2; exit 1; }

# median <numbers...>
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# measure <case> <threads> <scale>: sets secs (median), kib (max RSS), out (the case's line)
measure() {
  local t=() k=() line
  for ((i = 0; i < runs; i++)); do
    line=$("$timer" -f "TIME %e %M" "$tycho" scripts/bench/parallel/cases.lua "$1" "$2" "$3" 2>&1)
    out=$(grep -v '^TIME' <<<"$line" | head -n 1)
    t+=("$(awk '/^TIME/ {print $2}' <<<"$line")")
    k+=("$(awk '/^TIME/ {print $3}' <<<"$line")")
  done
  secs=$(median "${t[@]}")
  kib=$(median "${k[@]}")
}

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.2f", n / s / 1e6 }'; }

printf '%-34s %8s %10s %9s  %s\n' case "median s" "M ops/s" "RSS KiB" "figures"
printf '%-34s %8s %10s %9s  %s\n' ---- -------- ---------- --------- -------
row() { printf '%-34s %8s %10s %9s  %s\n' "$1" "$secs" "$2" "$kib" "$3"; }

measure reads_plain 0 4
plain=$(rate "$(awk '{print $2}' <<<"$out")" "$secs")
row "reads: plain local table" "$plain" ""
measure reads_shared 0 4
one=$(rate "$(awk '{print $2}' <<<"$out")" "$secs")
row "reads: shared table, main VM" "$one" \
  "$(awk -v a="$one" -v b="$plain" 'BEGIN { printf "%.2f of plain (target 0.7); %.1fx effil 3.0M/s (target 3x)", a / b, a / 3.0 }')"
for n in $threads; do
  measure reads_shared "$n" 4
  r=$(rate "$(awk '{print $2}' <<<"$out")" "$secs")
  [[ $n == 1 ]] && base=$r
  row "reads: shared table, $n thread(s)" "$r" \
    "$(awk -v a="$r" -v b="${base:-$r}" -v n="$n" 'BEGIN { printf "%.2fx one thread (target 1.9x at 2, 14x at 16)", a / b }')"
done
measure channel 1 1
row "channel: producer -> consumer" "$(rate "$out" "$secs")" "target 5M/s; effil 1.39M/s"
for n in $threads; do
  measure increment "$n" 1
  row "increment: $n thread(s) x 1M" "$(rate "$(awk '{print $2}' <<<"$out")" "$secs")" \
    "$(awk '{print $3, $4}' <<<"$out")"
done
measure spawn 1 1
row "spawn + join, empty function" "$(rate "$out" "$secs")" \
  "$(awk -v n="$out" -v s="$secs" 'BEGIN { printf "%.1f us each (target 20)", s / n * 1e6 }')"
measure functions 1 1
row "send + receive a function" "$(rate "$(awk '{print $1}' <<<"$out")" "$secs")" \
  "$(awk -v n="$(awk '{print $1}' <<<"$out")" -v s="$secs" 'BEGIN { printf "%.1f us each", s / n * 1e6 }')"
measure garbage 2 2
row "2 threads replace 10M values" "$(rate "$(awk '{print $1}' <<<"$out")" "$secs")" \
  "$(awk '{printf "most retired-but-unfreed: %d KiB (target < 1024)", $2 / 1024}' <<<"$out")"
measure soak 1 20
read -r rounds first last objects retired <<<"$out"
row "soak: 20 s of spawn/send/share" "-" \
  "RSS $first -> $last KiB after 1 s and at the end; $objects objects, $retired B retired left"

# The primitives against the Rust crates they follow, in the same run (anchors/seed-crates):
# build them with `cmake --build build --target tycho_store_bench` and, for the crates, as
# ../shared/anchors/README.md says (then SEEDBENCH=/path/to/seedbench).
store_bench=${STORE_BENCH:-$(dirname -- "$tycho")/tycho_store_bench}
if [[ -x $store_bench ]]; then
  echo
  echo "tycho's shared store (tycho_store_bench):"
  "$store_bench" | sed 's/^/  /'
fi
if [[ -n ${SEEDBENCH:-} && -x $SEEDBENCH ]]; then
  echo "the Rust crates (seedbench):"
  "$SEEDBENCH" | sed 's/^/  /'
fi
