#!/bin/sh
# Replay every seed and regression input through each fuzz target's plain
# driver (no libFuzzer): what once crashed stays fixed, and the seeds keep
# passing the targets' invariants. Part of `make check`.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-${srcdir:-.}}
pass=0; fail=0; n=0
for t in import parser_resident_id parser_credit_code parser_cert_number \
         parser_occupation_code parser_date candidate_json; do
    bin="$top_builddir/fuzz/replay_$t"
    n=$((n + 1))
    if [ ! -x "$bin" ]; then
        echo "not ok $n - $t: $bin not built"; fail=$((fail + 1)); continue
    fi
    dirs=
    for d in "$top_srcdir/fuzz/corpus/$t" "$top_srcdir/fuzz/regressions/$t"; do
        [ -d "$d" ] && dirs="$dirs $d"
    done
    if [ -z "$dirs" ]; then
        echo "not ok $n - $t: no corpus"; fail=$((fail + 1)); continue
    fi
    # shellcheck disable=SC2086
    if out=$("$bin" $dirs 2>/tmp/replay-$$.err); then
        echo "ok $n - $t: ${out##*: }"; pass=$((pass + 1))
    else
        echo "not ok $n - $t"; sed 's/^/#   /' /tmp/replay-$$.err | tail -20; fail=$((fail + 1))
    fi
    rm -f /tmp/replay-$$.err
done
echo "1..$n"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
