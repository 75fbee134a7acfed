#!/usr/bin/env bash
# The REPL on a terminal loads libedit when it starts (dlopen), and only then: a script run
# does not map it. Ctrl-C stops the running statement and the prompt comes back; Tab completes
# globals, keywords and fields.   repl_tty.sh <tycho>
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

  # Ctrl-C (the terminal's ^C: SIGINT) while a statement runs, then another statement.
  out=$( (printf 'while true do end\n'; sleep 1; printf '\003'; sleep 1; printf 'print(40 + 2)\n'
    sleep 0.5) | TERM=dumb timeout 20 script -qec "$tycho" /dev/null 2>&1 | tr -d '\r')
  if ! grep -qE '^(\^C)?interrupted!$' <<<"$out" || ! grep -q '^stack traceback:$' <<<"$out" ||
     ! grep -qx 42 <<<"$out"; then
    echo "FAIL: Ctrl-C in the REPL: no 'interrupted!' and traceback, or no prompt after it"
    echo "$out" | sed 's/^/  /'
    fails=$((fails + 1))
  fi

  # Tab completion (libedit only): a global, a keyword, a library field, a method found through
  # an __index chain, a string method; each completed line prints what shows it was completed.
  if ldconfig -p 2>/dev/null | grep -q 'libedit\.so\.2 '; then
    out=$(printf '%s\n' 'Base = {greet = function(self) return "hi" end}' \
      'obj = setmetatable({}, {__index = setmetatable({}, {__index = Base})})' \
      $'pri\t("G" .. 1)' $'whi\t false do end print("K")' $'print(string.for\t("F%d", 3))' \
      $'print(obj:gre\t())' 's = "m"' $'print(s:up\t())' |
      TERM=dumb timeout 10 script -qec "$tycho" /dev/null 2>&1 | tr -d '\r')
    for want in G1 K F3 hi M; do
      if ! grep -qx -- "$want" <<<"$out"; then
        echo "FAIL: tab completion: no line $want"
        echo "$out" | sed 's/^/  /'
        fails=$((fails + 1))
      fi
    done
  fi
fi
exit $((fails > 0))
