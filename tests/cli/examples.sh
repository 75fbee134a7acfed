#!/usr/bin/env bash
# The example host programs (examples/) build against an installed tycho and print what they
# are expected to: the build is installed into a prefix, examples/ is configured against it
# with find_package(tycho), built and run, and each program's output is compared with its
# expected.txt. The config example is also compiled with only pkg-config's flags.
#   examples.sh <tycho build directory> <scratch directory>
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <tycho build directory> <scratch directory>" >&2
  exit 2
fi
build=$1
scratch=$2
examples=$(cd "$(dirname "$0")/../../examples" && pwd)
prefix=$scratch/prefix
examples_build=$scratch/build

fail() {
  echo "examples.sh: FAIL: $*" >&2
  exit 1
}

# Start clean, so that nothing from an earlier run is tested.
mkdir -p "$scratch"
rm -rf -- "$prefix" "$examples_build"

cmake --install "$build" --prefix "$prefix" >/dev/null || fail "cmake --install $build"

generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
cmake -S "$examples" -B "$examples_build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$prefix" \
  >"$scratch/configure.log" 2>&1 || { cat "$scratch/configure.log" >&2; fail "configuring examples"; }
cmake --build "$examples_build" >"$scratch/build.log" 2>&1 ||
  { cat "$scratch/build.log" >&2; fail "building examples"; }

# check <name> <expected file> <command...>: run the command, compare its output.
check() {
  local name=$1 expected=$2
  shift 2
  local out=$scratch/$name.out status=0
  "$@" >"$out" 2>"$scratch/$name.err" || status=$?
  if [[ $status -ne 0 ]]; then
    cat "$scratch/$name.err" >&2
    fail "$name exited with status $status"
  fi
  if ! diff -u "$expected" "$out" >&2; then
    fail "$name: its output (+) differs from $expected (-)"
  fi
  echo "ok: $name"
}

check config "$examples/config/expected.txt" "$examples_build/config/config"
check game "$examples/game/expected.txt" "$examples_build/game/game"
check plugins "$examples/plugins/expected.txt" "$examples_build/plugins/plugins"

# With pkg-config alone: no CMake, the config file's path on the command line.
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
flags=$(pkg-config --cflags --libs tycho) || fail "pkg-config finds no tycho in $PKG_CONFIG_PATH"
# shellcheck disable=SC2086  # the flags are words
c++ "$examples/config/main.cpp" -o "$scratch/config-pkg-config" $flags ||
  fail "compiling examples/config with pkg-config's flags ($flags)"
check config-pkg-config "$examples/config/expected.txt" \
  "$scratch/config-pkg-config" "$examples/config/app.lua"

echo "examples.sh: all examples passed"
