#!/usr/bin/env bash
# Start-up costs, tycho against lua5.4:
#   1. creating and closing a VM with every library open (vm_create.cpp, built here against
#      tycho's static libraries and against liblua5.4-dev);
#   2. `tycho -e ''` against `lua5.4 -e ''`: median wall time of many runs and peak RSS.
#
#   scripts/bench/startup/run.sh [build-dir]     (default: build)
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/../../.."
build=${1:-build}
out=$(mktemp -d)
trap 'rm -rf -- "$out"' EXIT

c++ -std=c++20 -O2 -I include scripts/bench/startup/vm_create.cpp "$build/libtycho.a" -ldl \
  -pthread -o "$out/vm_create_tycho"
"$out/vm_create_tycho"
if [[ -f /usr/include/lua5.4/lua.h ]]; then
  c++ -std=c++20 -O2 -DWITH_LUA -I /usr/include/lua5.4 scripts/bench/startup/vm_create.cpp \
    -llua5.4 -o "$out/vm_create_lua"
  "$out/vm_create_lua"
else
  echo "lua5.4  (no liblua5.4-dev: not measured)"
fi

# median of 51 runs of `<interp> -e ''`, in milliseconds, and the largest peak RSS
startup() {
  local name=$1 interp=$2 times=() rss=0 t m
  for _ in $(seq 51); do
    t=$( { /usr/bin/time -f '%e %M' "$interp" -e '' ; } 2>&1 )
    read -r _ m <<<"$t"
    (( m > rss )) && rss=$m
    s=$(date +%s%N); "$interp" -e ''; e=$(date +%s%N)
    times+=($(( (e - s) / 1000 )))
  done
  local med
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 26p)
  printf '%-7s -e %s: median %6.3f ms, peak RSS %d KiB\n' "$name" "''" \
    "$(awk -v u="$med" 'BEGIN { printf "%.3f", u / 1000 }')" "$rss"
}
startup tycho "$build/tycho"
command -v lua5.4 >/dev/null && startup lua5.4 "$(command -v lua5.4)"
