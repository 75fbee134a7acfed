#!/usr/bin/env bash
# Benchmarks tycho against lua5.4 and luajit -joff (LuaJIT's interpreter, JIT off).
#
#   scripts/bench/run.sh [-n RUNS] [-w WARMUPS] [PROGRAM...]
#
# PROGRAM is a name (fib) or a path; default: every scripts/bench/programs/*.lua.
# Each interpreter runs each program WARMUPS times untimed (default 1), then RUNS times
# (default 5), the interpreters taking turns. The table shows the median wall time, the
# speed ratios (other time / tycho time: above 1 means tycho is faster) with their
# geometric means, and the largest maximum resident set size seen (GNU time's %M, KiB).
# tycho's stdout must match lua5.4's (the programs print checksums); a mismatch is
# flagged with "!" and left out of the means.
#
# Environment: TYCHO (default build/tycho), LUA (default lua5.4), LUAJIT (default luajit).
# An interpreter that is missing is skipped and shown as "-".
set -euo pipefail

root=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/../.." && pwd)
runs=5
warmups=1
while getopts "n:w:h" opt; do
  case $opt in
    n) runs=$OPTARG ;;
    w) warmups=$OPTARG ;;
    h | *)
      sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
      [[ $opt == h ]] && exit 0 || exit 2
      ;;
  esac
done
shift $((OPTIND - 1))
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: -n needs a positive integer" >&2; exit 2; }
[[ $warmups =~ ^[0-9]+$ ]] || { echo "run.sh: -w needs a non-negative integer" >&2; exit 2; }

programs=()
if [[ $# -eq 0 ]]; then
  programs=("$root"/scripts/bench/programs/*.lua)
else
  for p in "$@"; do
    if [[ -f $p ]]; then programs+=("$p")
    elif [[ -f $root/scripts/bench/programs/$p.lua ]]; then programs+=("$root/scripts/bench/programs/$p.lua")
    else echo "run.sh: no program '$p'" >&2; exit 2
    fi
  done
fi

# Interpreters: label, command (words).
resolve() { # prints the executable path, or nothing
  local c=$1
  if [[ $c == */* ]]; then [[ -x $c && -f $c ]] && echo "$c"; return 0; fi
  command -v -- "$c" || true
}
tycho_cmd=$(resolve "${TYCHO:-$root/build/tycho}")
lua_cmd=$(resolve "${LUA:-lua5.4}")
luajit_cmd=$(resolve "${LUAJIT:-luajit}")
labels=(tycho lua5.4 luajit-joff)
declare -A cmd=(
  [tycho]="$tycho_cmd"
  [lua5.4]="$lua_cmd"
  [luajit-joff]="${luajit_cmd:+$luajit_cmd -joff}"
)
for l in "${labels[@]}"; do
  [[ -n ${cmd[$l]} ]] || echo "run.sh: $l not found; its columns show '-'" >&2
done

gnu_time=/usr/bin/time
if ! "$gnu_time" -f "%M" -o /dev/null true 2>/dev/null; then
  echo "run.sh: GNU time (/usr/bin/time, Debian package 'time') missing: no RSS figures" >&2
  gnu_time=""
fi

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
  if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# run_once <label> <program> <timed:0|1>: appends the wall time to $work/times.<label>
# and the max RSS to $work/rss.<label>; returns non-zero if the program failed.
run_once() {
  local label=$1 prog=$2 timed=$3 start end
  local -a words
  read -r -a words <<<"${cmd[$label]}"
  start=$EPOCHREALTIME
  if [[ -n $gnu_time ]]; then
    "$gnu_time" -f "%M" -o "$work/rss" "${words[@]}" "$prog" >"$work/out.$label" 2>"$work/err" </dev/null || return 1
  else
    "${words[@]}" "$prog" >"$work/out.$label" 2>"$work/err" </dev/null || return 1
  fi
  end=$EPOCHREALTIME
  if [[ $timed == 1 ]]; then
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f\n", e - s }' >>"$work/times.$label"
    [[ -z $gnu_time ]] || tail -n 1 "$work/rss" >>"$work/rss.$label"
  fi
}

ratio() { # <other> <tycho>
  awk -v o="$1" -v t="$2" 'BEGIN { if (o == "-" || t == "-" || t <= 0) print "-"; else printf "%.2f\n", o / t }'
}

printf '%s runs per program (after %s warm-up), median wall time\n' "$runs" "$warmups"
printf 'tycho:  %s\nlua5.4: %s\nluajit: %s\n\n' "${tycho_cmd:--}" "${lua_cmd:--}" "${luajit_cmd:--}"

row() { printf '%-14s %9s %9s %12s %10s %13s %10s %10s %12s\n' "$@"; }
row program "tycho s" "lua5.4 s" "luajit-joff s" "lua/tycho" "luajit/tycho" "tycho KiB" "lua KiB" "luajit KiB"
row -------------- --------- --------- ------------ ---------- ------------- ---------- ---------- ------------
ratios_lua=()
ratios_jit=()
any_mismatch=""
for prog in "${programs[@]}"; do
  name=$(basename "$prog" .lua)
  # Runs alternate between the interpreters so that drifting machine load hits all alike.
  active=()
  for l in "${labels[@]}"; do
    rm -f -- "$work/times.$l" "$work/rss.$l" "$work/out.$l"
    [[ -n ${cmd[$l]} ]] && active+=("$l")
  done
  declare -A failed=()
  for ((i = 0; i < warmups + runs; i++)); do
    for l in "${active[@]}"; do
      [[ -n ${failed[$l]:-} ]] && continue
      if ! run_once "$l" "$prog" $((i >= warmups)); then
        failed[$l]=1
        echo "run.sh: $l failed on $name: $(head -n 3 "$work/err")" >&2
      fi
    done
  done
  declare -A t=() m=()
  for l in "${labels[@]}"; do
    t[$l]="-"; m[$l]="-"
    if [[ -n ${cmd[$l]} && -z ${failed[$l]:-} ]]; then
      t[$l]=$(median <"$work/times.$l")
      [[ -s $work/rss.$l ]] && m[$l]=$(sort -n "$work/rss.$l" | tail -n 1)
    fi
  done
  mark=""
  if [[ ${t[tycho]} != - && ${t[lua5.4]} != - ]] && ! cmp -s "$work/out.tycho" "$work/out.lua5.4"; then
    mark="!"
    echo "run.sh: tycho's output for $name differs from lua5.4's" >&2
  fi
  rl=$(ratio "${t[lua5.4]}" "${t[tycho]}")
  rj=$(ratio "${t[luajit-joff]}" "${t[tycho]}")
  [[ -n $mark ]] && any_mismatch=1
  if [[ -z $mark ]]; then
    [[ $rl != - ]] && ratios_lua+=("$rl")
    [[ $rj != - ]] && ratios_jit+=("$rj")
  fi
  row "$name$mark" "${t[tycho]}" "${t[lua5.4]}" "${t[luajit-joff]}" "$rl" "$rj" \
    "${m[tycho]}" "${m[lua5.4]}" "${m[luajit-joff]}"
  unset t m failed
done

geomean() {
  [[ $# -eq 0 ]] && { echo "-"; return; }
  printf '%s\n' "$@" | awk '{ s += log($1); n++ } END { printf "%.2f\n", exp(s / n) }'
}
row "geomean" "" "" "" "$(geomean "${ratios_lua[@]}")" "$(geomean "${ratios_jit[@]}")" "" "" ""
echo
echo "ratios: other interpreter's time / tycho's time (above 1: tycho is faster)"
if [[ -n $any_mismatch ]]; then
  echo "!: tycho's output differs from lua5.4's (left out of the geometric means)"
fi
