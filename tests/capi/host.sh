#!/usr/bin/env bash
# The C host tests/capi/host.c built against an installed tycho with
# `pkg-config --cflags --libs tycho-lua`, and (when liblua5.4-dev is there) against lua5.4
# with `pkg-config --cflags --libs lua5.4`: both must print the same.
#   host.sh <tycho build directory> <scratch directory>
set -euo pipefail
build=$1
scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf -- "$scratch/prefix" && mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
export PKG_CONFIG_PATH=$scratch/prefix/lib/pkgconfig
# shellcheck disable=SC2046  # the flags are words
cc -O2 -o "$scratch/host-tycho" "$here/host.c" $(pkg-config --cflags --libs tycho-lua)
"$scratch/host-tycho" >"$scratch/tycho.out"
cat "$scratch/tycho.out"
grep -q "^area: status 0, result 60000$" "$scratch/tycho.out" || { echo "host.sh: unexpected output" >&2; exit 1; }
if PKG_CONFIG_PATH= pkg-config --exists lua5.4; then
  # shellcheck disable=SC2046
  cc -O2 -o "$scratch/host-lua" "$here/host.c" $(PKG_CONFIG_PATH= pkg-config --cflags --libs lua5.4)
  "$scratch/host-lua" >"$scratch/lua.out"
  diff -u "$scratch/lua.out" "$scratch/tycho.out" >&2 || { echo "host.sh: tycho (+) and lua5.4 (-) differ" >&2; exit 1; }
fi
echo ok
