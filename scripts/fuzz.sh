#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz, clang, ASan+UBSan) in build-fuzz/ and runs them.
#
#   scripts/fuzz.sh [target|all] [seconds]     (default: all, 60 s per harness)
#
# Targets: compile, undump, vm, strformat, pack, patterns (or their fuzz_ names). Each harness
# runs for the given seconds on a copy of its seed corpus (tests/fuzz/corpus/<harness>/) in a
# scratch directory, so that the corpus it grows never lands in the repository; fuzz_compile
# and fuzz_vm also get the Lua dictionary (tests/fuzz/lua.dict) and fuzz_vm the compile seeds.
# The exit status is non-zero if a harness found a crash, a sanitizer report, a leak, a timeout
# or an out-of-memory: the reproducer's path and the command that replays it are printed, and
# that scratch directory is kept.
#
# Environment:
#   TYCHO_JOBS           build parallelism (default 2)
#   TYCHO_FUZZ_DIR       where the scratch directories go (default: $TMPDIR or /tmp)
#   TYCHO_FUZZ_ARGS      extra libFuzzer options for every harness (e.g. "-jobs=2 -workers=2")
set -euo pipefail

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

all=(compile undump vm strformat pack patterns)
target=${1:-all}
seconds=${2:-60}
jobs=${TYCHO_JOBS:-2}
build_dir=build-fuzz

if [[ $target == all ]]; then
  targets=("${all[@]}")
else
  targets=("${target#fuzz_}")
  [[ " ${all[*]} " == *" ${targets[0]} "* ]] ||
    { echo "fuzz: unknown target '$target' (expected: all ${all[*]})" >&2; exit 2; }
fi
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] ||
  { echo "fuzz: seconds must be a positive integer (got '$seconds')" >&2; exit 2; }

# Dependencies: those of every build (setup.sh), then clang and its libFuzzer runtime, as
# setup.sh installs packages (Debian 12, only what is missing).
scripts/setup.sh --deps-only
missing=()
for pkg in clang libclang-rt-dev; do
  if [[ $(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null) != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "fuzz: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "fuzz: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q </dev/null
  "${sudo[@]}" apt-get install -y -q -o Dpkg::Options::=--force-confdef \
    -o Dpkg::Options::=--force-confold --no-install-recommends "${missing[@]}" </dev/null
fi

echo "==== fuzz: configure and build ($build_dir)"
CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTYCHO_FUZZ=ON -DTYCHO_BUILD_TESTS=OFF
cmake --build "$build_dir" -j "$jobs" --target tycho_fuzzers

# A crash report must not read as anything else; leaks are findings too. The interpreter
# recurses, so allocation stacks of ASan's default 30 frames are nearly all distinct, and ASan
# keeps every distinct one: fuzz_vm made 2 million of them (500 MB) in 150 s and reached
# libFuzzer's RSS limit within 10 minutes. Eight frames still name the allocation site, for
# 20 MB; a replay outside this script gets the full stacks. Options already in the
# environment come last and win.
export ASAN_OPTIONS="detect_leaks=1:malloc_context_size=8${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
read -r -a extra <<<"${TYCHO_FUZZ_ARGS:-}"

summary=()
status=0
for t in "${targets[@]}"; do
  h=fuzz_$t
  scratch=$(mktemp -d "${TYCHO_FUZZ_DIR:-${TMPDIR:-/tmp}}/tycho-$h.XXXXXX")
  mkdir -p "$scratch/corpus" "$scratch/artifacts"
  cp tests/fuzz/corpus/"$h"/* "$scratch/corpus/"
  opts=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$scratch/artifacts/")
  case $t in
    compile) opts+=(-dict=tests/fuzz/lua.dict -max_len=4096) ;;
    vm)
      cp tests/fuzz/corpus/fuzz_compile/* "$scratch/corpus/"
      opts+=(-dict=tests/fuzz/lua.dict -max_len=4096)
      ;;
    undump) opts+=(-max_len=4096) ;;
    strformat | patterns) opts+=(-max_len=256) ;;
    pack) opts+=(-max_len=512) ;;
  esac
  echo "==== fuzz: $h for ${seconds}s (scratch: $scratch)"
  rc=0
  "$build_dir/fuzz/$h" "${opts[@]}" "${extra[@]}" "$scratch/corpus" 2>&1 | tee "$scratch/log" || rc=$?
  # libFuzzer's last status line: "#N DONE cov: C ft: F corp: N/SIZE ... exec/s: E rss: R".
  line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$scratch/log" | tail -n 1 || true)
  execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$line")
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$line")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$line")
  rate=$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$line")
  corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<<"$line")
  figures="execs ${execs:-?}, exec/s ${rate:-?}, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
  artifacts=("$scratch"/artifacts/*)
  if [[ $rc -ne 0 || -e ${artifacts[0]} ]]; then
    status=1
    summary+=("$(printf '%-15s FAIL %s (exit status %d)' "$h" "$figures" "$rc")")
    for a in "${artifacts[@]}"; do
      [[ -e $a ]] || continue
      summary+=("                reproducer: $a")
      summary+=("                replay:     $build_dir/fuzz/$h $a")
    done
    summary+=("                log:        $scratch/log")
  else
    summary+=("$(printf '%-15s ok   %s' "$h" "$figures")")
    rm -rf -- "$scratch"
  fi
done

echo
echo "==== fuzz summary (${seconds}s per harness)"
printf '%s\n' "${summary[@]}"
exit "$status"
