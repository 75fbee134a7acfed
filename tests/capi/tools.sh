#!/usr/bin/env bash
# Debian's luacheck (lua-check) and busted (lua-busted) run under tycho as under lua5.4: the
# same lint report of tests/capi/tools/lint, the same TAP report of tests/capi/tools/spec.
# Both are packaged for Lua 5.1's paths and are pure Lua on top of C modules (lfs, ...),
# so both interpreters get Lua 5.1's pure-Lua directories on LUA_PATH.
#   tools.sh <tycho>
set -euo pipefail
tycho=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)/tools
out=$(mktemp -d)
trap 'rm -rf -- "$out"' EXIT
if [[ ! -f /usr/bin/luacheck || ! -f /usr/bin/busted ]]; then
  echo "tools.sh: lua-check or lua-busted is not installed (scripts/setup.sh installs them)" >&2
  exit 1
fi
export LUA_PATH="/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua;;"
# run <name> <interpreter> <args...>: output and status into $out/<name>.{out,rc}
run() {
  local name=$1
  shift
  local rc=0
  "$@" >"$out/$name.out" 2>&1 || rc=$?
  echo "$rc" >"$out/$name.rc"
}
cd "$here/lint"
run luacheck-tycho "$tycho" /usr/bin/luacheck --no-color .
run luacheck-lua lua5.4 /usr/bin/luacheck --no-color .
cd "$here"
run busted-tycho "$tycho" /usr/bin/busted -o TAP spec
run busted-lua lua5.4 /usr/bin/busted -o TAP spec
for tool in luacheck busted; do
  if ! diff -u "$out/$tool-lua.out" "$out/$tool-tycho.out" >&2 ||
    ! diff "$out/$tool-lua.rc" "$out/$tool-tycho.rc" >&2; then
    echo "tools.sh: $tool under tycho (+) differs from lua5.4 (-)" >&2
    exit 1
  fi
done
grep -q "accessing undefined variable 'b'" "$out/luacheck-tycho.out" ||
  { echo "tools.sh: luacheck's report lacks a warning" >&2; cat "$out/luacheck-tycho.out" >&2; exit 1; }
grep -q "^not ok 2 - arithmetic fails on purpose" "$out/busted-tycho.out" ||
  { echo "tools.sh: busted's report is not the expected one" >&2; cat "$out/busted-tycho.out" >&2; exit 1; }
echo ok
