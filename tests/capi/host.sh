#!/usr/bin/env bash
# The C host tests/capi/host.c built against an installed tycho with
# `pkg-config --cflags --libs tycho-lua` (the shared library) and with the static library,
# and (when liblua5.4-dev is there) against lua5.4 with `pkg-config --cflags --libs lua5.4`:
# all must print the same, load the same C module, and panic the same way.
#   host.sh <tycho build directory> <scratch directory>
set -euo pipefail
build=$1
scratch=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf -- "$scratch/prefix" && mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
export PKG_CONFIG_PATH=$scratch/prefix/lib/pkgconfig
export LUA_CPATH_5_4="$build/capi-modules/?.so"  # tests/capi/testmod.c, for require
# shellcheck disable=SC2046  # the flags are words
cc -O2 -o "$scratch/host-tycho" "$here/host.c" $(pkg-config --cflags --libs tycho-lua)
# The same host linked with the static library; -Wl,-E exports the API to the C module, as
# lua.c's own build does.
# shellcheck disable=SC2046
cc -O2 -Wl,-E -o "$scratch/host-tycho-static" "$here/host.c" $(pkg-config --cflags tycho-lua) \
  "$scratch/prefix/lib/libtycho-lua.a" $(pkg-config --static --libs-only-other --libs-only-l tycho-lua | sed 's/-ltycho-lua//')
LD_LIBRARY_PATH=$scratch/prefix/lib "$scratch/host-tycho" >"$scratch/tycho.out"
"$scratch/host-tycho-static" >"$scratch/tycho-static.out"
cat "$scratch/tycho.out"
grep -q "^area: status 0, result 60000$" "$scratch/tycho.out" || { echo "host.sh: unexpected output" >&2; exit 1; }
grep -q "^module	42	ababab	504.0$" "$scratch/tycho.out" || { echo "host.sh: the module did not load" >&2; exit 1; }
diff -u "$scratch/tycho.out" "$scratch/tycho-static.out" >&2 || { echo "host.sh: shared (-) and static (+) differ" >&2; exit 1; }
# An error outside any protected call: lauxlib's panic message, then abort (SIGABRT).
panic() {  # panic <host>: its stderr and exit status in $scratch/panic.err
  # (the subshell's stderr takes bash's "Aborted" line)
  ("$@" panic >/dev/null 2>"$scratch/panic.err" || echo "status $?" >>"$scratch/panic.err") 2>/dev/null
}
LD_LIBRARY_PATH=$scratch/prefix/lib panic "$scratch/host-tycho"
cp "$scratch/panic.err" "$scratch/tycho-panic.out"
cat "$scratch/tycho-panic.out"
grep -q "^status 134$" "$scratch/tycho-panic.out" || { echo "host.sh: the panic did not abort" >&2; exit 1; }
if PKG_CONFIG_PATH= pkg-config --exists lua5.4; then
  # shellcheck disable=SC2046
  cc -O2 -o "$scratch/host-lua" "$here/host.c" $(PKG_CONFIG_PATH= pkg-config --cflags --libs lua5.4)
  "$scratch/host-lua" >"$scratch/lua.out"
  diff -u "$scratch/lua.out" "$scratch/tycho.out" >&2 || { echo "host.sh: tycho (+) and lua5.4 (-) differ" >&2; exit 1; }
  panic "$scratch/host-lua"
  diff -u "$scratch/panic.err" "$scratch/tycho-panic.out" >&2 || { echo "host.sh: tycho's panic (+) and lua5.4's (-) differ" >&2; exit 1; }
fi
echo ok
