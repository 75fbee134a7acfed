#!/usr/bin/env bash
# The one test command: dependencies, then four builds and their CTest suites, then a short
# run of the fuzz harnesses.
#
#   build/         Release                                all tests
#   build-asan/    Debug, ASan+UBSan, heap verification,  all tests
#                  the stack moved at every stack check
#   build-stress/  Release, GC at every check point       tests not labelled `heavy` or `gc-timing`, Lua
#                                                         tests only from $TYCHO_STRESS_SUBSET
#   build-tsan/    RelWithDebInfo, ThreadSanitizer        the shared store's unit tests and
#                                                         tests/lua/parallel
#   build-fuzz/    clang, libFuzzer, ASan+UBSan           each harness of tests/fuzz for 10 s
#                                                         (scripts/fuzz.sh all 10)
#
#   scripts/test.sh [release] [asan] [stress] [tsan] [fuzz]   (default: all five, in order)
#
# Environment:
#   TYCHO_JOBS            build and ctest parallelism (default 2)
#   TYCHO_STRESS_SUBSET   areas of tests/lua for the stress build, ";"-separated, or "all".
#                         The default leaves out lexer and cli (parser errors and process
#                         behaviour, little for the collector to get wrong).
#   TYCHO_STRESS_TIMEOUT  per-script timeout in the stress build (default 300 s)
#   TYCHO_ASAN_TIMEOUT    per-script timeout in the ASan build (default 180 s)
#
# A failing build does not stop the later ones; the exit status is non-zero if any
# build or test failed. One summary line per build at the end.
set -euo pipefail

cd "$(dirname -- "${BASH_SOURCE[0]}")/.."

jobs=${TYCHO_JOBS:-2}
stress_subset=${TYCHO_STRESS_SUBSET:-"syntax;arith;tables;meta;errors;corolib;baselib;gc;parallel"}
stress_timeout=${TYCHO_STRESS_TIMEOUT:-300}
asan_timeout=${TYCHO_ASAN_TIMEOUT:-180}

builds=("$@")
[[ ${#builds[@]} -eq 0 ]] && builds=(release asan stress tsan fuzz)

# A sanitizer report must not pass for an ordinary Lua error exit (status 1).
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-exitcode=87:halt_on_error=1:print_stacktrace=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-exitcode=66:second_deadlock_stack=1}

summary=()
status=0

# record <name> <start> <ok|FAIL> <text>
record() {
  summary+=("$(printf '%-7s %-4s %s (%ds)' "$1" "$3" "$4" $((SECONDS - $2)))")
  [[ $3 == ok ]] || status=1
}

# run_ctest <name> <dir> <start> [ctest args...]
run_ctest() {
  local name=$1 dir=$2 start=$3 rc=0 log line
  shift 3
  log=$(mktemp)
  echo "==== $name: ctest ($dir)"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@" 2>&1 | tee "$log" || rc=$?
  line=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
  rm -f -- "$log"
  [[ -n $line ]] || line="no test summary (ctest exit status $rc)"
  if [[ $rc -eq 0 ]]; then record "$name" "$start" ok "$line"; else record "$name" "$start" FAIL "$line"; fi
}

# configure_and_test <name> <dir> <ctest args> <cmake args...>
configure_and_test() {
  local name=$1 dir=$2 start=$SECONDS ctest_args
  read -r -a ctest_args <<<"$3"
  shift 3
  echo "==== $name: configure and build ($dir)"
  if cmake -S . -B "$dir" -G Ninja "$@" && cmake --build "$dir" -j "$jobs"; then
    run_ctest "$name" "$dir" "$start" "${ctest_args[@]}"
  else
    record "$name" "$start" FAIL "configure/build failed"
  fi
}

for b in "${builds[@]}"; do
  case $b in
    release)
      start=$SECONDS
      echo "==== release: setup (dependencies) and build (build)"
      if TYCHO_JOBS=$jobs scripts/setup.sh; then
        run_ctest release build "$start"
      else
        record release "$start" FAIL "setup/build failed"
      fi
      ;;
    asan)
      configure_and_test asan build-asan "" -DCMAKE_BUILD_TYPE=Debug \
        -DTYCHO_SANITIZE=ON -DTYCHO_VERIFY_HEAP=ON -DTYCHO_HARD_STACK=ON -DTYCHO_FAULT_INJECTION=ON \
        "-DTYCHO_LUA_TEST_TIMEOUT=$asan_timeout"
      ;;
    stress)
      subset=$stress_subset
      [[ $subset == all ]] && subset=""
      configure_and_test stress build-stress "-LE heavy|gc-timing" -DCMAKE_BUILD_TYPE=Release -DTYCHO_GC_STRESS=ON \
        "-DTYCHO_LUA_TEST_SUBSET=$subset" "-DTYCHO_LUA_TEST_TIMEOUT=$stress_timeout"
      ;;
    tsan)
      # The shared store and the parallel library under ThreadSanitizer: their unit tests and
      # the Lua tests of tests/lua/parallel (the rest has no threads to race); and the C++
      # API's tests (Vm::interrupt from another thread).
      start=$SECONDS
      echo "==== tsan: configure and build (build-tsan)"
      if cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTYCHO_PGO= \
        -DTYCHO_TSAN=ON -DTYCHO_LUA_TEST_SUBSET=parallel "-DTYCHO_LUA_TEST_TIMEOUT=$asan_timeout" &&
        cmake --build build-tsan -j "$jobs" --target tycho tycho_epoch_tests tycho_shared_slab_tests \
          tycho_shared_store_tests tycho_embed_tests; then
        run_ctest tsan build-tsan "$start" -R "^(epoch|shared_slab|shared_store|embed)/|^lua/parallel/"
      else
        record tsan "$start" FAIL "configure/build failed"
      fi
      ;;
    fuzz)
      # A smoke run, so that no harness rots: a crash found here fails the build like a test.
      start=$SECONDS
      if TYCHO_JOBS=$jobs scripts/fuzz.sh all 10; then
        record fuzz "$start" ok "6 harnesses, 10 s each, no crash"
      else
        record fuzz "$start" FAIL "a harness failed (scripts/fuzz.sh prints the reproducer)"
      fi
      ;;
    *)
      echo "unknown build '$b' (expected: release, asan, stress, tsan, fuzz)" >&2
      exit 2
      ;;
  esac
done

echo
echo "==== summary"
printf '%s\n' "${summary[@]}"
exit "$status"
