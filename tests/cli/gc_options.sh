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
# The report also when the program ends by os.exit (closing the state or not) or by an error.
# report <description> <expected status> <tycho args...>: the status, and the report's three
# lines last on stderr.
report() {
  local what=$1 want=$2
  shift 2
  local err status=0
  err=$("$tycho" "$@" 2>&1 >/dev/null) || status=$?
  if [[ $status -ne $want ]] || ! tail -n 3 <<<"$err" | head -n 1 | grep -qE '^gc: mode ' ||
     ! tail -n 1 <<<"$err" | grep -qE '^gc: allocated '; then
    echo "FAIL: --gc-stats $what (status $status, expected $want)"
    echo "$err" | sed 's/^/  /'
    fails=$((fails + 1))
  fi
}
report "at os.exit(3)" 3 --gc-stats -e 'local t = {} for i = 1, 1000 do t[i] = {} end os.exit(3)'
report "at os.exit(true, true)" 0 --gc-stats -e 'local x <close> = setmetatable({}, {__close = function() end}) os.exit(true, true)'
report "at os.exit(false) in a coroutine" 1 --gc-stats -e 'coroutine.wrap(function() os.exit(false) end)()'
report "after an error" 1 --gc-stats -e 'error("boom")'
echo 'local function f() error("boom") end f()' >"$script"
report "after an error in a script" 1 --gc-stats "$script"
if [[ $("$tycho" --gc-stats -e 'os.exit(0, true)' 2>&1 | grep -c '^gc: mode ') != 1 ]]; then
  echo "FAIL: --gc-stats: the report is printed once"
  fails=$((fails + 1))
fi

# The options anywhere before the script, their value after '=' or as the next argument.
check "--heap-limit SIZE" "false	not enough memory" "$tycho" --heap-limit 4M -e '
  print(pcall(string.rep, "x", 8 * 1024 * 1024))'
check "after -e, before the script" "incremental	150	300" \
  "$tycho" -e 'x = 1' --gc incremental -e 'y = 2' --gc-pause 150 --gc-stepmul=300 -e "$mode"
echo 'print(collectgarbage("incremental"), ...)' >"$script"
check "after -e, with the script" "incremental	a	--gc=generational" "$tycho" -e 'x = 1' --gc=incremental "$script" a --gc=generational
check "options after the script are its arguments" "generational	--gc=incremental	--heap-limit	1K" \
  "$tycho" "$script" --gc=incremental --heap-limit 1K
check "after --, a script" "generational	--gc-pause=1" "$tycho" -- "$script" --gc-pause=1
check "an -e argument is not an option" "generational" "$tycho" -e 'print(collectgarbage("incremental")) --gc=incremental'
check "bad value with a space" "tycho: invalid value '12Q' for GC setting 'heap-limit'" "$tycho" -e '' --heap-limit 12Q
check "bad mode with a space" "tycho: invalid value 'fast' for GC setting 'mode'" "$tycho" --gc fast -e ''
check "unknown setting with a space" "tycho: unknown GC setting 'foo'" "$tycho" --gc-foo 1 -e ''
missing=$("$tycho" -e '' --heap-limit 2>&1)
status=$?
if [[ $status -ne 1 ]] || [[ $(head -n 1 <<<"$missing") != "tycho: '--heap-limit' needs argument" ]] ||
   [[ $(sed -n 2p <<<"$missing") != "usage: tycho [options] [script [args]]" ]]; then
  echo "FAIL: --heap-limit without its value (status $status)"
  echo "$missing" | sed 's/^/  /'
  fails=$((fails + 1))
fi
for bad in "--heap-limit=12Q" "--gc-pause=x" "--gc=fast"; do
  if "$tycho" "$bad" -e 'print("ran")' >/dev/null 2>&1; then
    echo "FAIL: $bad: exit status 0"
    fails=$((fails + 1))
  fi
done

if ! "$tycho" --help | grep -q -- '--gc-stepmul=N'; then
  echo "FAIL: --help lists the collector options"
  fails=$((fails + 1))
fi

[[ $fails -eq 0 ]] && echo "all collector option checks passed"
exit $((fails > 0))
