#!/usr/bin/env bash
# Allocation-failure injection (a build with TYCHO_FAULT_INJECTION, the ASan one in the test
# command): each script runs with TYCHO_FAIL_ALLOC=N, the Nth allocation of the process
# failing, for N = 1..12 and then growing by a quarter up to the script's number of
# allocations (TYCHO_FAIL_ALLOC=count prints it). Every run must end normally (status 0: the
# script caught the error, or the failure hit an allocation that may fail, such as a
# scratch buffer's, which collects and tries again) or with lua's "not enough memory"
# (status 1), never with a crash, a sanitizer report (ASan's exit code 86 in the test
# command; UBSan's "runtime error"), a leak or a heap-verifier complaint (an abort).
#   alloc_failures.sh <tycho> <script>...
set -uo pipefail
tycho=$1
shift
fails=0
runs=0
failed_runs=0
for script in "$@"; do
  cd "$(dirname -- "$script")" || exit 2
  total=$(TYCHO_FAIL_ALLOC=count "$tycho" "$script" 2>&1 >/dev/null | sed -nE 's/^allocations: ([0-9]+)$/\1/p')
  if [[ -z $total ]]; then
    echo "FAIL: $tycho $script: no allocation count (a build without TYCHO_FAULT_INJECTION?)"
    exit 1
  fi
  n=1
  while [[ $n -le $total ]]; do
    out=$(TYCHO_FAIL_ALLOC=$n timeout 60 "$tycho" "$script" 2>&1 >/dev/null)
    rc=$?
    runs=$((runs + 1))
    if [[ $rc -eq 1 && $out == *"not enough memory"* && $out != *"runtime error:"* &&
          $out != *Sanitizer* ]]; then
      failed_runs=$((failed_runs + 1))
    elif [[ $rc -ne 0 ]]; then
      echo "FAIL: TYCHO_FAIL_ALLOC=$n $tycho $script: status $rc"
      head -n 15 <<<"$out"
      fails=$((fails + 1))
      [[ $fails -ge 10 ]] && exit 1
    fi
    if [[ $n -lt 12 ]]; then n=$((n + 1)); else n=$((n + n / 4)); fi
  done
done
echo "alloc_failures: $runs runs over $# scripts ($failed_runs ended with \"not enough memory\"), $fails failures"
exit $((fails > 0))
