#!/bin/bash
# Run every test: the C suites (Check), the CLI tests, the Python (pytest) and
# Java (JUnit 4) binding tests, then the C suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer and under valgrind. Prints each runner's own
# summary and ends with one line "N passed, N failed"; exits non-zero on any
# failure.
#   scripts/test.sh            everything
#   SC_SKIP_VALGRIND=1 ...     skip the valgrind pass (slow machines)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
status=0

note() { printf '== %s\n' "$*"; }
# `make check` failed: remember it, and count it below unless a runner's own
# summary already counted the failure.
make_failed() { status=1; make_error=1; grep -E '^(make|fatal).*(Error|failed)' "$1" | head -3 | sed 's/^/  /'; }
settle() {
  if [ "${make_error:-0}" = 1 ] && [ "$failed" -eq "$before" ]; then
    echo "  make check failed outside the runners (see check.out)"; failed=$((failed + 1))
  fi
  make_error=0
}
# A step that cannot run counts as one failure; the summary line still closes.
abort() { echo "  $1 failed"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }

# Add the counts of one runner's log to the totals, printing its summary line.
count_log() {
  local log=$1 label=$2 line p f
  if line=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" | tail -1) && [ -n "$line" ]; then
    local n fl er
    n=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
    fl=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
    er=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
    p=$((n - fl - er)); f=$((fl + er))
  # pytest: "==== 5 passed in 0.01s ====", or with -q "3 passed, 12 deselected in 5.59s".
  elif line=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s|^[0-9]+ (passed|failed|errors?)(, [0-9]+ [a-z]+)* in [0-9.]+s' "$log" | tail -1) && [ -n "$line" ]; then
    p=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || echo 0)
    f=$(( $(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || echo 0) + \
          $(grep -oE '[0-9]+ errors?' <<<"$line" | grep -oE '[0-9]+' || echo 0) ))
  elif line=$(grep -E '^OK \([0-9]+ tests?\)' "$log" | tail -1) && [ -n "$line" ]; then
    p=$(grep -oE '[0-9]+' <<<"$line"); f=0
  elif line=$(grep -E '^Tests run: [0-9]+, +Failures: [0-9]+' "$log" | tail -1) && [ -n "$line" ]; then
    local n
    n=$(sed -E 's/Tests run: ([0-9]+).*/\1/' <<<"$line")
    f=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
    p=$((n - f))
  elif line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1) && [ -n "$line" ]; then
    p=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line")
    f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  elif grep -qE '^(not )?ok [0-9]+' "$log"; then
    p=$(grep -cE '^ok [0-9]+' "$log"); f=$(grep -cE '^not ok [0-9]+' "$log")
    line="$p ok, $f not ok"
  else
    p=0; f=1; line="no summary (crashed?)"
  fi
  # A runner that exited non-zero without counting a failure still failed.
  if grep -qE '^:test-result: (FAIL|ERROR)' "${log%.log}.trs" 2>/dev/null && [ "$f" -eq 0 ]; then
    f=1; line="$line (exit status non-zero)"
  fi
  printf '  %-34s %s\n' "$label" "$line"
  passed=$((passed + p)); failed=$((failed + f))
}

count_suite_logs() {
  local dir=$1 prefix=$2 log
  while IFS= read -r log; do
    count_log "$log" "$prefix${log#"$dir"/}"
  done < <(find "$dir/tests" "$dir/fuzz" -name '*.log' ! -name 'test-suite.log' 2>/dev/null | sort)
}

"$top/scripts/install-deps.sh" || abort "installing the packages"

note "build (gcc -Wall -Wextra -Werror)"
"$top/scripts/build.sh" "$top/build" || abort "the build"

note "make check: C (Check), CLI, Python (pytest), Java (JUnit 4)"
before=$failed
( cd "$top/build" && make -j"$jobs" check >check.out 2>&1 ) || make_failed "$top/build/check.out"
grep -E '^(PASS|FAIL|ERROR|XFAIL|XPASS|SKIP):' "$top/build/check.out" | sed 's/^/  /'
count_suite_logs "$top/build" ""
settle

note "install: pkg-config, installed CLI, Python module and jar"
"$top/tests/install/test-install.sh" "$top/build" >"$top/build/install-test.log" 2>&1 || status=1
grep -E '^not ok' "$top/build/install-test.log" | sed 's/^/  /'
count_log "$top/build/install-test.log" "install/test-install.sh"

note "ASan + UBSan: C suite and CLI tests"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1"
# Warnings are checked (-Werror) in the main build; -O1 with sanitizers only
# adds false positives of -Wformat-truncation and the like.
"$top/scripts/build.sh" "$top/build-asan" --disable-python --disable-java --disable-werror \
  CFLAGS="$san" LDFLAGS="-fsanitize=address,undefined" || abort "the ASan build"
before=$failed
( cd "$top/build-asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  LSAN_OPTIONS=suppressions="$top/tests/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1 make -j"$jobs" check TESTS="tests/check_skillcert fuzz/replay.sh $(cd "$top" && ls tests/cli/test-*.sh | tr '\n' ' ')" >check.out 2>&1 ) || make_failed "$top/build-asan/check.out"
grep -E '^(PASS|FAIL|ERROR):' "$top/build-asan/check.out" | sed 's/^/  /'
count_suite_logs "$top/build-asan" "asan: "
settle

if [ -z "${SC_SKIP_VALGRIND:-}" ]; then
  note "valgrind: C suite"
  mkdir -p "$top/build/valgrind"
  # One valgrind process per suite (suites do not share a process's state, and
  # a failure names its suite); the counts are summed into one Check line. The
  # two authorization matrices (thousands of registry copies) run whole in the
  # plain and sanitizer passes; here every 5th case (5 is prime to their
  # dimensions, so each action, issuer and receiver still comes up).
  vlog="$top/build/valgrind/check_skillcert.log"
  : >"$vlog"
  rc=0; vchecks=0; vfail=0; verr=0
  for suite in $(sed -n 's/.*suite_create("\([a-z_0-9]*\)").*/\1/p' "$top"/tests/check_*.c | grep -vx slow); do
    ( cd "$top/build" && CK_RUN_SUITE=$suite CK_FORK=no SC_TEST_SAMPLE=5 srcdir="$top" \
        valgrind -q --leak-check=full --suppressions="$top/tests/valgrind.supp" \
        --errors-for-leak-kinds=definite,indirect --error-exitcode=97 \
        tests/check_skillcert >"valgrind/$suite.log" 2>&1 )
    src=$?
    cat "$top/build/valgrind/$suite.log" >>"$vlog"
    line=$(grep -E '^[0-9]+%: Checks: [0-9]+' "$top/build/valgrind/$suite.log" | tail -1)
    if [ -z "$line" ]; then
      echo "  valgrind: suite $suite printed no result (exit $src)"; vfail=$((vfail + 1)); rc=1; continue
    fi
    vchecks=$((vchecks + $(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")))
    vfail=$((vfail + $(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")))
    verr=$((verr + $(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")))
    if [ "$src" -ne 0 ]; then
      echo "  valgrind: suite $suite exit $src"
      [ "$rc" -eq 0 ] || [ "$src" -eq 97 ] && rc=$src
    fi
  done
  echo "$(( vchecks ? 100 * (vchecks - vfail - verr) / vchecks : 0 ))%: Checks: $vchecks, Failures: $vfail, Errors: $verr" >>"$vlog"
  count_log "$vlog" "valgrind: check_skillcert"
  if [ "$rc" -ne 0 ]; then
    # Which checks failed, then valgrind's own errors (not its "possibly lost"
    # notes, which are SQLite's caches on a failed check's way out).
    grep -E '^[^ ]+:[0-9]+:[FE]:' "$vlog" | head -20 | sed 's/^/  failed: /'
    df -h "$top/build" "${TMPDIR:-/tmp}" 2>/dev/null | sed 's/^/  /'   # a full disk fails checks too
    [ "$rc" -eq 97 ] && { echo "  valgrind reported errors:"
      awk '/^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param|Mismatched|Source and dest)|definitely lost|indirectly lost/ { n = 14 }
           n > 0 { print; n-- }' "$vlog" | head -60; }
    failed=$((failed + 1)); status=1
  fi
  if [ -f "$top/build/bindings/python/skillcert.py" ]; then
    note "valgrind: Python binding lifetimes (PYTHONMALLOC=malloc)"
    ( cd "$top/build" && top_builddir=. top_srcdir="$top" \
        PYTHON=$(sed -n 's/^PYTHON = //p' Makefile) \
        "$top/tests/python/run-valgrind.sh" >valgrind/python.log 2>&1 )
    rc=$?
    if [ "$rc" -ne 77 ]; then
      count_log "$top/build/valgrind/python.log" "valgrind: python lifetimes"
      if [ "$rc" -ne 0 ]; then
        [ "$rc" -eq 97 ] && { echo "  valgrind reported errors:"; grep -E '^==[0-9]+==' "$top/build/valgrind/python.log" | head -30; }
        failed=$((failed + 1)); status=1
      fi
    fi
  fi
fi

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit "$status"
