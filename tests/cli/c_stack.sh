#!/usr/bin/env bash
# Nested native calls under small C stacks (`ulimit -s`): tests/lua/errors/c_stack_limits.lua
# must end normally ("done", status 0), each nesting stopped by "C stack overflow" sooner than
# at 8 MiB, never by a crash.   c_stack.sh <tycho>
set -uo pipefail
tycho=$1
script=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/../lua/errors" && pwd -P)/c_stack_limits.lua
fails=0
for kib in ${TYCHO_C_STACK_SIZES:-64 128 256 1024}; do
  out=$(ulimit -s "$kib" && cd "$(dirname -- "$script")" && "$tycho" "$script" 2>&1)
  rc=$?
  if [[ $rc -ne 0 || $(tail -n 1 <<<"$out") != done ]]; then
    echo "FAIL: ulimit -s $kib: status $rc"
    tail -n 5 <<<"$out"
    fails=$((fails + 1))
  elif grep -q -v -E '^[a-z_ 0-9]+	|^[0-9]+$|^done$' <<<"$out"; then
    echo "FAIL: ulimit -s $kib: unexpected output"
    grep -v -E '^[a-z_ 0-9]+	|^[0-9]+$|^done$' <<<"$out" | head -5
    fails=$((fails + 1))
  fi
done
[[ $fails -eq 0 ]] && echo "ok: c stack limits under small stacks"
exit $((fails > 0))
