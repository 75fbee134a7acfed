#!/usr/bin/env bash
# The program name in messages is argv[0]'s base name (a `lua` link to tycho says "lua: ..."),
# and `-v` says which Lua it is compatible with, as tools that look for a Lua 5.4 interpreter
# expect ("Lua 5.4").   program.sh <tycho>
set -uo pipefail
tycho=$1
fails=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# check <description> <expected first line of stderr+stdout> <command...>
check() {
  local what=$1 want=$2
  shift 2
  local got
  got=$("$@" 2>&1 | head -n 1)
  if [[ $got != "$want" ]]; then
    echo "FAIL: $what"
    echo "  expected: $want"
    echo "  got:      $got"
    fails=$((fails + 1))
  fi
}

ln -s "$(cd "$(dirname -- "$tycho")" && pwd)/$(basename -- "$tycho")" "$dir/lua"
check "error through a link named lua" "lua: (command line):1: boom" "$dir/lua" -e 'error("boom")'
check "bad option through a link named lua" "lua: unrecognized option '-x'" "$dir/lua" -x
check "usage names the program" "usage: lua [options] [script [args]]" \
  bash -c '"$1" -x 2>&1 | sed -n 2p' _ "$dir/lua"
check "error, called by its path" "$(basename -- "$tycho"): (command line):1: boom" \
  "$tycho" -e 'error("boom")'
check "a missing script" "lua: cannot open nofile.lua: No such file or directory" "$dir/lua" nofile.lua

version=$("$tycho" -v | head -n 1)
if [[ $version != *"Lua 5.4"* ]] || ! [[ $version =~ ^tycho\ [0-9.]+\ \(Lua\ 5\.4\.[0-9]+\ compatible\)$ ]]; then
  echo "FAIL: -v: '$version' does not say 'tycho X (Lua 5.4.N compatible)'"
  fails=$((fails + 1))
fi
check "-v then -e" "$version" "$tycho" -v -e 'print(1)'
if [[ $("$tycho" -e 'io.write(_VERSION)') != "Lua 5.4" ]]; then
  echo "FAIL: _VERSION is not 'Lua 5.4'"
  fails=$((fails + 1))
fi

[[ $fails -eq 0 ]] && echo "all program name and version checks passed"
exit $((fails > 0))
