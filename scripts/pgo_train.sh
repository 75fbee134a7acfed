#!/usr/bin/env bash
# The training run of the profile-guided build (see TYCHO_PGO in CMakeLists.txt): runs an
# instrumented tycho on the benchmark programs and on the Lua test scripts, whose outputs and
# exit statuses do not matter here (some tests end in errors on purpose). Each process adds
# its counts to the .gcda files next to the objects.
#
#   scripts/pgo_train.sh <instrumented tycho>
set -uo pipefail
root=$(cd "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
tycho=$(cd "$(dirname -- "$1")" && pwd)/$(basename -- "$1")
[[ -x $tycho ]] || { echo "pgo_train.sh: no tycho at $1" >&2; exit 2; }

for p in "$root"/scripts/bench/programs/*.lua; do
  timeout 120 "$tycho" "$p" >/dev/null 2>&1 </dev/null
done
# The language and library tests, run from their folder as CTest does (they load helpers by
# relative paths); not the CLI, lexer or package tests (processes, files and error texts).
for area in arith baselib calls corolib errors gc iolib mathlib meta strlib \
            syntax tablelib tables utf8lib; do
  cd "$root/tests/lua/$area" || exit 2
  for f in *.lua; do
    timeout 60 "$tycho" "$f" >/dev/null 2>&1 </dev/null
  done
done
exit 0
