#!/usr/bin/env bash
# Installs what tycho needs to build and test (Debian 12 packages, only those missing) and
# builds the Release tree in build/. Idempotent and non-interactive; run as root (or with
# sudo available). Safe to run again at any time: it only installs what is missing and
# re-runs an incremental build.
#
#   scripts/setup.sh [--deps-only]
#
# The Release build is profile-guided (built, trained on the benchmark programs and the Lua
# tests, built again); TYCHO_PGO=0 builds it without.
#
# Environment: TYCHO_JOBS (build parallelism, default: ninja's), BUILD_DIR (default build),
# TYCHO_PGO (0: no profile-guided build).
set -euo pipefail

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

# pkg-config: the examples' test (tests/cli/examples.sh); liblua5.4-dev: the embedding
# benchmark's baseline (scripts/bench/embed), never linked into tycho; lua-filesystem,
# lua-lpeg, lua-cjson, lua-socket, lua-term: C modules the Lua C API's tests load (tests/lua/package/c_modules.lua);
# lua-check, lua-busted: programs the C API's tests run (tests/capi/tools.sh); lld: the tycho
# program's link in the order of cli/link_order.txt (cli/CMakeLists.txt).
packages=(cmake ninja-build g++ lld re2c catch2 lua5.4 luajit time libedit-dev pkg-config liblua5.4-dev
  lua-filesystem lua-lpeg lua-cjson lua-socket lua-term lua-check lua-busted)

missing=()
for pkg in "${packages[@]}"; do
  if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "setup: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  "${sudo[@]}" apt-get update -q </dev/null
  "${sudo[@]}" apt-get install "${apt_opts[@]}" --no-install-recommends "${missing[@]}" </dev/null
else
  echo "setup: all packages present"
fi

if [[ ${1:-} == --deps-only ]]; then
  exit 0
fi

build_dir=${BUILD_DIR:-build}
jobs=()
[[ -n ${TYCHO_JOBS:-} ]] && jobs=(-j "$TYCHO_JOBS")

configure() { cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"; }

if [[ ${TYCHO_PGO:-1} == 0 ]]; then
  configure -DTYCHO_PGO=
  cmake --build "$build_dir" "${jobs[@]}"
  exit 0
fi

# Profile-guided build (TYCHO_PGO in CMakeLists.txt): an instrumented tycho runs the training
# programs, then the tree is built again with their profile. Trained again only when a source
# is newer than the last training.
stamp=$build_dir/pgo-trained
if [[ ! -f $stamp || -n $(find CMakeLists.txt heap gc vm lang stdlib cli include scripts/pgo_train.sh \
                               -newer "$stamp" -type f -print -quit) ]]; then
  echo "setup: profile-guided build: instrumented build and training run"
  configure -DTYCHO_PGO=generate
  find "$build_dir" -name '*.gcda' -delete
  cmake --build "$build_dir" "${jobs[@]}" --target tycho
  scripts/pgo_train.sh "$build_dir/tycho"
  touch "$stamp"
fi
configure -DTYCHO_PGO=use
cmake --build "$build_dir" "${jobs[@]}"
