#!/usr/bin/env bash
# Ctrl-C, as lua does: SIGINT stops the running Lua code with the error "interrupted!" (message
# and traceback on stderr, status 1); a second SIGINT while the program is not in Lua code ends
# it as the default action does.   interrupt.sh <tycho>
set -uo pipefail
tycho=$1
fails=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

fail() {
  echo "FAIL: $1"
  [[ -f $dir/err ]] && sed 's/^/  stderr: /' "$dir/err"
  fails=$((fails + 1))
}

# Wait (up to 20 s) until the child has printed "ready": it then runs its loop, with the
# handler installed.
wait_ready() {
  for _ in $(seq 200); do
    grep -q '^ready$' "$dir/out" 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Wait (up to 10 s) until the child has ended; else kill it and fail.
wait_exit() {
  for _ in $(seq 100); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  return 1
}

# interrupt <description> <expected stderr lines (a regex each, in order)...> -- <tycho args...>
# Runs tycho in the background, sends SIGINT once it is ready, and checks status and stderr.
interrupt() {
  local what=$1
  shift
  local want=()
  while [[ $1 != -- ]]; do want+=("$1"); shift; done
  shift
  "$tycho" "$@" >"$dir/out" 2>"$dir/err" &
  local pid=$!
  if ! wait_ready "$pid"; then
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    fail "$what: the child did not start its loop"
    return
  fi
  kill -INT "$pid"
  local status=0
  if ! wait_exit "$pid"; then
    fail "$what: still running 10 s after SIGINT"
    return
  fi
  wait "$pid" || status=$?
  if [[ $status -ne 1 ]]; then
    fail "$what: exit status $status, expected 1"
    return
  fi
  local i=1
  for re in "${want[@]}"; do
    local line
    line=$(sed -n "${i}p" "$dir/err")
    if ! [[ $line =~ ^$re$ ]]; then
      fail "$what: stderr line $i is '$line', expected /$re/"
      return
    fi
    i=$((i + 1))
  done
}

ready='io.write("ready\n") io.stdout:flush()'
name=$(basename -- "$tycho")

interrupt "a tight while loop" \
  "$name: interrupted!" "stack traceback:" $'\t\\(command line\\):1: in main chunk' $'\t\\[C\\]: in \\?' \
  -- -e "$ready while true do end"

# The position is the caller's (lua.c's luaL_error in a hook), the traceback starts in the loop.
cat >"$dir/spin.lua" <<EOF
$ready
local function spin()
  local n = 0
  for i = 1, math.maxinteger do n = n + i end
end
spin()
EOF
interrupt "a numeric for in a function of a script" \
  "$name: .*spin.lua:6: interrupted!" "stack traceback:" $'\t.*spin.lua:4: in local \'spin\'' \
  $'\t.*spin.lua:6: in main chunk' \
  -- "$dir/spin.lua"

interrupt "a loop in a coroutine" "$name: .*interrupted!" "stack traceback:" \
  -- -e "$ready coroutine.wrap(function() while true do end end)()"

interrupt "a loop under a count hook (the hooked interpreter loop)" "$name: .*interrupted!" \
  -- -e "debug.sethook(function() end, '', 100) $ready while true do end"

interrupt "a loop calling functions" "$name: .*interrupted!" \
  -- -e "local function f(x) return x + 1 end $ready local n = 0 while true do n = f(n) end"

# A pcall catches the error; the program goes on and chooses its status.
"$tycho" -e "$ready local ok, e = pcall(function() while true do end end) print(ok, e) os.exit(7)" \
  >"$dir/out" 2>"$dir/err" &
pid=$!
if wait_ready "$pid"; then
  kill -INT "$pid"
  status=0
  wait_exit "$pid"
  wait "$pid" || status=$?
  if [[ $status -ne 7 ]] || ! grep -q $'^false\tinterrupted!$' "$dir/out"; then
    fail "pcall catches interrupted! (status $status, stdout: $(tr '\n' ' ' <"$dir/out"))"
  fi
else
  kill -KILL "$pid" 2>/dev/null
  fail "pcall: the child did not start"
fi

# A native call that does not return (a read from a FIFO that this script keeps open): the
# first SIGINT waits for Lua code; the second one ends the program as the default action does.
mkfifo "$dir/fifo"
exec 3<>"$dir/fifo"
"$tycho" -e "$ready io.read()" <"$dir/fifo" >"$dir/out" 2>"$dir/err" &
pid=$!
if wait_ready "$pid"; then
  kill -INT "$pid"
  sleep 0.3
  if ! kill -0 "$pid" 2>/dev/null; then
    fail "the first SIGINT ended a program in a native call"
  else
    kill -INT "$pid"
    status=0
    wait_exit "$pid"
    wait "$pid" || status=$?
    if [[ $status -ne 130 ]]; then  # 128 + SIGINT: killed by the signal
      kill -KILL "$pid" 2>/dev/null
      fail "the second SIGINT: status $status, expected 130 (killed by SIGINT)"
    fi
  fi
else
  kill -KILL "$pid" 2>/dev/null
  fail "io.read: the child did not start"
fi

exec 3>&-

[[ $fails -eq 0 ]] && echo "all interrupt checks passed"
exit $((fails > 0))
