#!/usr/bin/env bash
# A C module built against tycho's Lua headers (tests/capi/testmod.c), loaded with require:
# tycho's output must equal module.expected and, when lua5.4 is there, lua5.4's output with
# the same module.
#   run.sh <tycho> <directory of testmod.so>
set -euo pipefail
tycho=$1
moddir=$2
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf -- "$out"' EXIT
cd "$here"
LUA_CPATH="$moddir/?.so" "$tycho" module.lua >"$out/tycho.out" 2>&1 || {
  cat "$out/tycho.out" >&2
  echo "run.sh: tycho failed" >&2
  exit 1
}
diff -u module.expected "$out/tycho.out" >&2 || { echo "run.sh: tycho's output (+) differs" >&2; exit 1; }
if command -v lua5.4 >/dev/null; then
  LUA_CPATH="$moddir/?.so" lua5.4 module.lua >"$out/lua.out" 2>&1 || true
  diff -u "$out/lua.out" "$out/tycho.out" >&2 || { echo "run.sh: tycho (+) and lua5.4 (-) differ" >&2; exit 1; }
fi
echo "ok"
