#!/usr/bin/env bash
# Stored-garbage probes (stored_probe.lua): tycho in both modes against lua5.4 in both of its
# modes and luajit -joff, in the same run, one markdown table per shape.
#
#   scripts/bench/gc/stored.sh [-n RUNS] [-s SCALE] [SHAPE...]
#
# SHAPE: ring, entities, lru, bigtable (default: all four). Each configuration runs RUNS times
# (default 3), alternating with the others; the table shows medians of: the longest and the
# 99th-percentile gap between iterations of the probe's store loop, the collector's own
# longest step (tycho --gc-stats), the store loop's time, the peak of collectgarbage("count")
# and the peak RSS (GNU time). TYCHO, LUA and LUAJIT override the interpreters.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")"
runs=3
scale=1
while [[ ${1:-} == -* ]]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    -s) scale=$2; shift 2 ;;
    *) echo "usage: $0 [-n RUNS] [-s SCALE] [SHAPE...]" >&2; exit 2 ;;
  esac
done
shapes=("$@")
[[ ${#shapes[@]} -eq 0 ]] && shapes=(ring entities lru bigtable)
tycho=${TYCHO:-../../../build/tycho}
lua=${LUA:-lua5.4}
luajit=${LUAJIT:-luajit}

labels=("tycho (generational)" "tycho --gc=incremental" "lua5.4 (generational)" "lua5.4 incremental" "luajit -joff")
cmd() {  # the command line of configuration $1
  case $1 in
    0) echo "$tycho --gc-stats" ;;
    1) echo "$tycho --gc-stats --gc=incremental" ;;
    2) echo "$lua" ;;
    3) echo "$lua -e collectgarbage('incremental')" ;;
    4) echo "$luajit -joff" ;;
  esac
}

median() { sort -g | awk '{a[NR]=$1} END {if (NR == 0) print "-"; else print a[int((NR + 1) / 2)]}'; }
field() { grep -o "$1=[0-9.]*" <<<"$2" | head -n 1 | cut -d= -f2 || true; }

for shape in "${shapes[@]}"; do
  declare -A col=()
  for ((r = 0; r < runs; r++)); do
    for c in 0 1 2 3 4; do
      read -r -a argv <<<"$(cmd "$c")"
      out=$( { /usr/bin/time -f "rss_kb=%M" "${argv[@]}" stored_probe.lua "$shape" "$scale"; } 2>&1) || {
        echo "$shape: ${labels[$c]} failed: $out" >&2
        continue
      }
      col[$c,max]+="$(field max_pause_ms "$out") "
      col[$c,p99]+="$(field p99_ms "$out") "
      col[$c,total]+="$(field total_s "$out") "
      col[$c,peak]+="$(field peak_kb "$out") "
      col[$c,rss]+="$(field rss_kb "$out") "
      gcmax=$(grep -o 'pauses: max [0-9.]*' <<<"$out" | awk '{print $3}' || true)
      [[ -n $gcmax ]] && col[$c,gc]+="$gcmax "
    done
  done
  echo
  echo "### $shape (scale $scale, median of $runs)"
  echo
  echo "| configuration | max gap ms | p99 gap ms | collector max ms | loop s | peak count MiB | peak RSS KiB |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for c in 0 1 2 3 4; do
    m() { tr ' ' '\n' <<<"${col[$c,$1]:-}" | grep -v '^$' | median; }
    peak=$(m peak)
    [[ $peak != - ]] && peak=$(awk -v k="$peak" 'BEGIN {printf "%.1f", k / 1024}')
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${labels[$c]}" "$(m max)" "$(m p99)" \
      "$(m gc)" "$(m total)" "$peak" "$(m rss)"
  done
  unset col
done
