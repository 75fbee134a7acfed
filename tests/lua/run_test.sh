#!/usr/bin/env bash
# Differential test driver for tests/lua/<area>/<name>.lua.
#
#   run_test.sh <interpreter> <script.lua>
#
# Runs the script under <interpreter> (normally build/tycho) with the script's directory
# as the working directory, stdin from /dev/null and a timeout, then checks:
#
#   -- expect: TEXT        stdout must equal these lines, in order (the text after
#                          "-- expect: "; a bare "-- expect:" is an empty line). A script
#                          with neither expect nor expect-stderr lines fails: every test
#                          must be able to fail. No expect lines means empty stdout.
#   -- expect-exit: N      the exit status (default 0).
#   -- expect-stderr: TEXT each must be a substring of stderr, after the program name at
#                          the start of a line (argv[0], its basename, or "tycho") is
#                          replaced by "lua" ("tycho: x" and "lua5.4: x" read "lua: x").
#   -- args: a b c         arguments passed to the script (split on whitespace).
#   -- stdin: FILE         file (relative to the script) fed as stdin.
#   -- no-diff: REASON     skip the differential run (tycho-only behaviour).
#   -- heavy: REASON       (read by tests.cmake) labels the test `heavy`; the GC stress
#                          build skips those.
#   -- gc-timing: REASON   (read by tests.cmake) labels the test `gc-timing`: it observes
#                          when objects die, which the GC stress build changes; skipped there.
#
# Directives may appear anywhere in a line (`print(1) -- expect: 1` works), but the
# bless tool (tests/lua/bless.lua) writes and rewrites whole-line `-- expect:` comments.
#
# Differential: when the reference interpreter ($TYCHO_REF_LUA, default lua5.4) is on
# PATH and TYCHO_NO_DIFF is unset, the script also runs under it; stdout and the exit
# status must be identical and so must the first line of stderr (after the program name
# is replaced). Tracebacks are not compared.
#
# Environment: TYCHO_TEST_TIMEOUT (seconds, default 60), TYCHO_REF_LUA, TYCHO_NO_DIFF.
# A sanitizer report ("SUMMARY: ...Sanitizer") in stderr always fails the test.
set -uo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 <interpreter> <script.lua>" >&2
  exit 2
fi

# Absolute path of an executable given as a path or a command name.
abs_exe() {
  local p=$1
  if [[ $p != */* ]]; then
    p=$(command -v -- "$p") || return 1
  fi
  [[ -x $p && -f $p ]] || return 1
  echo "$(cd "$(dirname -- "$p")" && pwd -P)/$(basename -- "$p")"
}

interp=$(abs_exe "$1") || { echo "FAIL: interpreter not found or not executable: $1" >&2; exit 1; }
[[ -f $2 ]] || { echo "FAIL: no such script: $2" >&2; exit 1; }
script_dir=$(cd "$(dirname -- "$2")" && pwd -P)
script_name=$(basename -- "$2")
script="$script_dir/$script_name"
timeout_s=${TYCHO_TEST_TIMEOUT:-60}

# ---- directives ---------------------------------------------------------------------
expected=()
expect_exit=0
stderr_expect=()
no_diff=""
args=()
stdin_file=/dev/null

strip_one_space() { local s=$1; [[ $s == " "* ]] && s=${s:1}; printf '%s' "$s"; }
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }

while IFS= read -r line || [[ -n $line ]]; do
  line=${line%$'\r'}
  case $line in
    *"-- expect-exit:"*) expect_exit=$(trim "${line#*-- expect-exit:}") ;;
    *"-- expect-stderr:"*) stderr_expect+=("$(strip_one_space "${line#*-- expect-stderr:}")") ;;
    *"-- expect:"*) expected+=("$(strip_one_space "${line#*-- expect:}")") ;;
    *"-- no-diff:"*) no_diff=$(trim "${line#*-- no-diff:}"); [[ -n $no_diff ]] || no_diff="(no reason given)" ;;
    *"-- args:"*) read -r -a args <<<"${line#*-- args:}" ;;
    *"-- stdin:"*) stdin_file="$script_dir/$(trim "${line#*-- stdin:}")" ;;
  esac
done <"$script"

if ! [[ $expect_exit =~ ^[0-9]+$ ]]; then
  echo "FAIL: bad '-- expect-exit:' value '$expect_exit' in $script" >&2
  exit 1
fi
if [[ ! -r $stdin_file ]]; then
  echo "FAIL: '-- stdin:' file not readable: $stdin_file" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tycho-test.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# ---- running ------------------------------------------------------------------------
# run_one <exe> <prefix>: writes <prefix>.out, <prefix>.err (program name normalized to
# "lua"), and prints the exit status.
run_one() {
  local exe=$1 out=$2 status
  (cd "$script_dir" && exec timeout -k 5 "$timeout_s" "$exe" "$script_name" "${args[@]}" \
    <"$stdin_file" >"$out.out" 2>"$out.raw-err")
  status=$?
  # The program name is argv[0] (lua.c), its basename, or tycho's fixed "tycho";
  # normalize them to "lua".
  awk -v p1="$exe: " -v p2="$(basename -- "$exe"): " -v p3="tycho: " '{
      if (index($0, p1) == 1) $0 = "lua: " substr($0, length(p1) + 1)
      else if (index($0, p2) == 1) $0 = "lua: " substr($0, length(p2) + 1)
      else if (index($0, p3) == 1) $0 = "lua: " substr($0, length(p3) + 1)
      print
    }' "$out.raw-err" >"$out.err"
  echo "$status"
}

failures=0
fail() {
  failures=$((failures + 1))
  echo "FAIL: $*"
}

show_stderr() { # <file> <label>
  if [[ -s $1 ]]; then
    echo "---- $2 stderr (first 40 lines) ----"
    head -n 40 -- "$1"
  fi
}

status=$(run_one "$interp" "$work/t")
label=$(basename -- "$interp")

if [[ $status -eq 124 || $status -eq 137 ]]; then
  fail "$label timed out after ${timeout_s}s"
fi

if grep -Eq 'SUMMARY: [A-Za-z]*Sanitizer|^==[0-9]+==ERROR: ' "$work/t.raw-err"; then
  fail "sanitizer report in stderr"
fi

# (a) stdout against the expect lines (no expect lines: stdout must be empty).
if [[ ${#expected[@]} -eq 0 && ${#stderr_expect[@]} -eq 0 ]]; then
  fail "script has no '-- expect:' or '-- expect-stderr:' lines (a test must be able to fail)"
fi
if [[ ${#expected[@]} -eq 0 ]]; then
  : >"$work/expected.out"
else
  printf '%s\n' "${expected[@]}" >"$work/expected.out"
fi
if ! cmp -s "$work/expected.out" "$work/t.out"; then
  fail "stdout differs from the '-- expect:' lines"
  diff -u --label expected --label "$label stdout" "$work/expected.out" "$work/t.out" | head -n 200
fi

# (b) exit status.
if [[ $status -ne $expect_exit ]]; then
  fail "exit status $status, expected $expect_exit"
fi

# (c) stderr substrings.
for want in "${stderr_expect[@]}"; do
  if ! grep -qF -- "$want" "$work/t.err"; then
    fail "stderr lacks: $want"
  fi
done

# (d) differential against the reference interpreter.
ref=${TYCHO_REF_LUA:-lua5.4}
if [[ -z ${TYCHO_NO_DIFF:-} && -z $no_diff ]] && ref_exe=$(abs_exe "$ref" 2>/dev/null); then
  ref_status=$(run_one "$ref_exe" "$work/r")
  ref_label=$(basename -- "$ref_exe")
  if ! cmp -s "$work/r.out" "$work/t.out"; then
    fail "stdout differs from $ref_label"
    diff -u --label "$ref_label stdout" --label "$label stdout" "$work/r.out" "$work/t.out" | head -n 200
  fi
  if [[ $ref_status -ne $status ]]; then
    fail "exit status $status, $ref_label exits with $ref_status"
  fi
  head -n 1 "$work/r.err" >"$work/r.err1"
  head -n 1 "$work/t.err" >"$work/t.err1"
  if ! cmp -s "$work/r.err1" "$work/t.err1"; then
    fail "first line of stderr differs from $ref_label"
    diff -u --label "$ref_label stderr" --label "$label stderr" "$work/r.err1" "$work/t.err1"
  fi
fi

if [[ $failures -ne 0 ]]; then
  show_stderr "$work/t.raw-err" "$label"
  echo "($failures check(s) failed for $script)"
  exit 1
fi
exit 0
