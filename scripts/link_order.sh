#!/usr/bin/env bash
# Writes cli/link_order.txt: the functions of the tycho program in the order the linker lays
# them out (lld's --symbol-ordering-file; cli/CMakeLists.txt). A process maps the program's
# text a 64 KiB window at a time (the kernel's fault-around), so code that most programs run
# lies together and the rest stays unmapped: about 250 KiB less resident memory for every
# program (scripts/bench/README.md). First what `tycho -e ''` runs (start-up), then what the
# benchmark programs run, the functions most of them share first.
#
#   scripts/link_order.sh TYCHO...     e.g. build/tycho build-dev/tycho
#
# Give the profile-guided build first (setup.sh's build/, what users run), then a plain Release
# one: their inlining and clones differ (foo.part.0, foo.cold), so the list is each build's in
# turn, the names already listed skipped. It runs each benchmark program under callgrind, about
# 50 times slower than alone: half an hour a build. Names that a later build lacks are skipped
# by the linker, and functions that are not listed go after the listed ones, so a stale list
# costs only memory.
set -euo pipefail
root=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
[[ $# -gt 0 ]] || { echo "usage: scripts/link_order.sh TYCHO..." >&2; exit 2; }
command -v valgrind >/dev/null || { echo "link_order.sh: needs valgrind" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

# profile <name> <args...>: the self cost of each function of the program, "cost name" lines
profile() {
  local name=$1
  shift
  (cd "$root/scripts/bench/programs" &&
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$out/$name.cg" \
      "$tycho" "$@" >/dev/null 2>&1) || true
  callgrind_annotate --threshold=100 "$out/$name.cg" 2>/dev/null |
    awk -v obj="[$tycho]" '$NF == obj && $1 ~ /^[0-9,]+$/ {
      fn = $(NF - 1); sub(/^[^:]*:/, "", fn); sub(/'"'"'.*/, "", fn)
      if (fn !~ /^0x/) { gsub(/,/, "", $1); print $1, fn } }' >"$out/$name.txt"
}

n=0
for arg in "$@"; do
  tycho=$(realpath -- "$arg")
  [[ -x $tycho ]] || { echo "link_order.sh: no tycho at $arg" >&2; exit 2; }
  out=$work/$((++n))
  mkdir -p "$out"
  profile start -e ''
  for p in "$root"/scripts/bench/programs/*.lua; do
    profile "$(basename -- "$p" .lua)" "$(basename -- "$p")"
  done
  {
    # start-up first, by cost; then by the number of programs that run a function, then cost
    sort -k1,1nr "$out/start.txt" | awk '{ print $2 }'
    cat "$out"/*.txt | awk '{ n[$2]++; c[$2] += $1 } END { for (f in n) print n[f], c[f], f }' |
      sort -k1,1nr -k2,2nr | awk '{ print $3 }'
  } >"$work/list.$n"
done
cat "$work"/list.* | awk '!seen[$0]++' >"$root/cli/link_order.txt"
echo "link_order.sh: $(wc -l <"$root/cli/link_order.txt") functions in cli/link_order.txt"
