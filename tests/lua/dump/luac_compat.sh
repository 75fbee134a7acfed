#!/usr/bin/env bash
# Binary chunks between tycho and the reference implementation, both ways:
#   luac5.4 -o x.luac f.lua && tycho x.luac    must print what `tycho f.lua` prints;
#   tycho's string.dump of f.lua, run by lua5.4,  must print what `lua5.4 f.lua` prints.
# Usage: luac_compat.sh <tycho> <script.lua>...   Exits 77 (skipped) without luac5.4/lua5.4.
set -uo pipefail
tycho=$(realpath "$1")
shift
command -v luac5.4 >/dev/null && command -v lua5.4 >/dev/null || exit 77
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/dumper.lua" <<'LUA'
-- print adds a newline after the chunk; loaders ignore bytes after the main function.
print(string.dump(assert(loadfile(arg[1])), arg[2] == "strip"))
LUA
status=0
for script in "$@"; do
  dir=$(dirname "$script")
  name=$(basename "$script")
  for strip in "" "-s"; do
    (cd "$dir" && luac5.4 $strip -o "$tmp/x.luac" "$name") || { echo "luac5.4 failed: $script"; status=1; continue; }
    (cd "$dir" && "$tycho" "$name" >"$tmp/src.out" 2>&1; "$tycho" "$tmp/x.luac" >"$tmp/bin.out" 2>&1)
    if [[ -z $strip ]] && ! cmp -s "$tmp/src.out" "$tmp/bin.out"; then
      echo "luac5.4 chunk of $script runs differently in tycho:"
      diff "$tmp/src.out" "$tmp/bin.out" | head -10
      status=1
    fi
    if [[ -n $strip ]] && grep -q "AddressSanitizer\|runtime error" "$tmp/bin.out"; then
      echo "stripped luac5.4 chunk of $script: sanitizer report"; status=1
    fi
    (cd "$dir" && "$tycho" "$tmp/dumper.lua" "$name" ${strip:+strip} >"$tmp/y.luac" &&
      lua5.4 "$name" >"$tmp/ref.out" 2>&1; lua5.4 "$tmp/y.luac" >"$tmp/dumped.out" 2>&1)
    if [[ -z $strip ]] && ! cmp -s "$tmp/ref.out" "$tmp/dumped.out"; then
      echo "tycho's dump of $script runs differently in lua5.4:"
      diff "$tmp/ref.out" "$tmp/dumped.out" | head -10
      status=1
    fi
    # The bytes themselves: tycho's dump equals luac5.4's (print's newline aside).
    (cd "$dir" && luac5.4 $strip -o "$tmp/x.luac" "$name")
    if ! cmp -s <(head -c -1 "$tmp/y.luac") "$tmp/x.luac"; then
      echo "tycho's dump of $script ($strip) differs from luac5.4's"
      status=1
    fi
  done
done
exit $status
