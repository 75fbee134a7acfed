#!/usr/bin/env bash
# The collector settings of the tycho CLI: --gc..., --heap-limit, --gc-stats, TYCHO_GC, -E
# and the errors for bad values.   gc_options.sh <tycho>
set -uo pipefail
tycho=$1
fails=0

# check <description> <expected stdout> <command...>
check() {
  local what=$1 want=$2
  shift 2
  local got
  got=$("$@" 2>&1)
  if [[ $got != "$want" ]]; then
    echo "FAIL: $what"
    echo "  expected: $want"
    echo "  got:      $got"
    fails=$((fails + 1))
  fi
}

mode='print(collectgarbage("incremental"), collectgarbage("setpause", 100), collectgarbage("setstepmul", 100))'
check "default mode is generational, as lua" "generational	200	100" "$tycho" -e "$mode"
check "--gc and knobs" "incremental	150	300" "$tycho" --gc=incremental --gc-pause=150 --gc-stepmul=300 -e "$mode"
check "TYCHO_GC" "incremental	250	100" env TYCHO_GC="mode=incremental, pause=250" "$tycho" -e "$mode"
check "command line wins over TYCHO_GC" "incremental	120	100" \
  env TYCHO_GC=mode=incremental,pause=250 "$tycho" --gc-pause=120 -e "$mode"
check "-E ignores TYCHO_GC" "generational	200	100" env TYCHO_GC=mode=incremental,pause=250 "$tycho" -E -e "$mode"
check "generational multipliers kept" "incremental" \
  "$tycho" --gc=incremental --gc-minormul=30 --gc-majormul=150 -e 'print(collectgarbage("generational", 0, 0))'
check "heap limit: catchable, VM usable after" "false	not enough memory
100" "$tycho" --heap-limit=4M -e '
  print(pcall(function() local t = {} for i = 1, 1e8 do t[i] = i end end))
  local s = {} for i = 1, 100 do s[i] = i end print(#s)'
check "heap limit from TYCHO_GC" "false	not enough memory" env TYCHO_GC=heap-limit=4096K "$tycho" -e '
  print(pcall(string.rep, "x", 8 * 1024 * 1024))'
check "unknown setting" "tycho: unknown GC setting 'foo'" "$tycho" --gc-foo=1 -e ''
check "bad value" "tycho: invalid value 'fast' for GC setting 'mode'" "$tycho" --gc=fast -e ''
check "bad size" "tycho: invalid value '12Q' for GC setting 'heap-limit'" "$tycho" --heap-limit=12Q -e ''
check "bad TYCHO_GC" "tycho: TYCHO_GC: invalid value 'x' for GC setting 'pause'" env TYCHO_GC=pause=x "$tycho" -e ''
check "bad step time" "tycho: invalid value '-3' for GC setting 'step-time'" "$tycho" --gc-step-time=-3 -e ''
# Generational work (old tables getting young values, weak tables, mode switches) with the heap
# verifier after every collector step: it aborts on a reachable object that was freed.
work='local old = {} for i = 1, 2000 do old[i] = {i} end collectgarbage()
  local w = setmetatable({}, {__mode = "v"})
  for r = 1, 30 do
    for i = r, 2000, 30 do old[i] = {i, tostring(i)} w[i] = old[i] end
    if r == 10 then collectgarbage("incremental") elseif r == 20 then collectgarbage("generational") end
  end
  local s = 0 for i = 1, 2000 do s = s + old[i][1] end print(s)'
check "--gc-verify after every step" "2001000" "$tycho" --gc-verify --gc-minormul=1 --gc-step-time=0 -e "$work"
check "TYCHO_GC=verify, incremental" "2001000" env TYCHO_GC=verify,mode=incremental,pause=100 "$tycho" -e "$work"
if ! "$tycho" --gc-stats --gc-minormul=1 -e "$work" 2>&1 >/dev/null |
  grep -qE '^gc: mode generational; [0-9]+ cycles \([0-9]+ full, [1-9][0-9]* minor\)'; then
  echo "FAIL: --gc-stats counts minor cycles"
  fails=$((fails + 1))
fi
script=$(mktemp --suffix=.lua)
trap 'rm -f "$script"' EXIT
echo 'print(...)' >"$script"
check "script arguments untouched" "a	--gc-stats" "$tycho" --gc-pause=200 "$script" a --gc-stats

# --gc-stats prints three lines on stderr after the program's output
stats=$("$tycho" --gc-stats -e 'local t = {} for i = 1, 100000 do t[i] = {i} end t = nil collectgarbage() print("done")' 2>&1)
if ! grep -q '^done$' <<<"$stats" || ! grep -qE '^gc: mode generational; [0-9]+ cycles \([0-9]+ full, [0-9]+ minor\), [0-9.]+ ms collecting$' <<<"$stats" ||
   ! grep -qE '^gc: pauses: max [0-9.]+ ms, p99 [0-9.]+ ms$' <<<"$stats" ||
   ! grep -qE '^gc: allocated [0-9.]+ MiB, freed [0-9.]+ MiB, peak heap [0-9.]+ MiB, heap now [0-9.]+ MiB$' <<<"$stats"; then
  echo "FAIL: --gc-stats output"
  echo "$stats"
  fails=$((fails + 1))
fi
if ! "$tycho" --help | grep -q -- '--gc-stepmul=N'; then
  echo "FAIL: --help lists the collector options"
  fails=$((fails + 1))
fi

[[ $fails -eq 0 ]] && echo "all collector option checks passed"
exit $((fails > 0))
