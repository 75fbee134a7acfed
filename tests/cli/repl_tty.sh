#!/usr/bin/env bash
# The REPL on a terminal loads libedit when it starts (dlopen), and only then: a script run
# does not map it.   repl_tty.sh <tycho>
# Needs `script` (util-linux) for a pseudo-terminal; without it or without libedit the
# terminal part is skipped and says so.
set -uo pipefail
tycho=$1
fails=0

maps='for l in io.lines("/proc/self/maps") do if l:find("libedit", 1, true) then print("LIBEDIT") return end end print("NO-LIBEDIT")'
got=$("$tycho" -e "$maps")
if [[ $got != NO-LIBEDIT ]]; then
  echo "FAIL: a script run maps libedit: $got"
  fails=$((fails + 1))
fi

if ! command -v script >/dev/null; then
  echo "skip: no script(1) for a pseudo-terminal"
else
  out=$(printf 'print(1 + 1)\nx = 5\nprint(x * 2)\n%s\n' "$maps" |
    TERM=dumb timeout 10 script -qec "$tycho" /dev/null 2>&1 | tr -d '\r')
  for want in "2" "10"; do
    if ! grep -qx -- "$want" <<<"$out"; then
      echo "FAIL: the REPL on a terminal did not print $want"
      echo "$out" | sed 's/^/  /'
      fails=$((fails + 1))
    fi
  done
  if ldconfig -p 2>/dev/null | grep -q 'libedit\.so\.2 '; then
    if ! grep -qx LIBEDIT <<<"$out"; then
      echo "FAIL: the REPL on a terminal did not load libedit"
      echo "$out" | sed 's/^/  /'
      fails=$((fails + 1))
    fi
  else
    echo "skip: libedit.so.2 not installed"
  fi
fi
exit $((fails > 0))
