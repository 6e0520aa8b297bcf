#!/bin/sh
# The README's demo (examples/demo) run on a fresh registry file: every part
# reaches its end with the answers the notice gives, the period report is
# written, the CLI reads the registry the demo left (the audit chain intact, a
# certificate verified), and a second run on the same file says so and
# changes nothing.
NAME=demo
. "$(dirname "$0")/common.sh"

DEMO="$top_builddir/examples/demo"
[ -x "$DEMO" ] || { echo "test-demo: $DEMO not found" >&2; exit 99; }

"$DEMO" "$DB" >"$OUT" 2>"$ERR"
rc=$?
check "the demo exits 0" test "$rc" = 0
check "the demo writes nothing to stderr" test ! -s "$ERR"
check "eligibility: a day short, then eligible under L4-a" \
    sh -c "grep -q 'on 2023-02-28: not eligible' '$OUT' && grep -q 'matched L4-a' '$OUT'"
check "intake: 王五 is found not eligible with the missing years" \
    grep -q '王五: not eligible (L4-a: needs 4 years' "$OUT"
check "intake: the district confirms in one batch" grep -q 'confirms the eligible ones.* ok$' "$OUT"
check "assessment: an unconfirmed application does not enrol" \
    grep -q 'enrol 王五 .*refused: .*confirmed by the district' "$OUT"
check "assessment: staffing meets the ratios" grep -q "meets the standard's ratios" "$OUT"
check "certificates: two 22-character numbers" \
    test "$(grep -cE '(张三|李四): reported, issued, published — [SY][0-9A-Z]{21}$' "$OUT")" = 2
check "verification: valid with masked name and ID" grep -q 'as 张三: valid — 张\* 110105\*\*\*\*\*\*\*\*002X' "$OUT"
check "verification: the other name does not match" grep -q 'as 李四: name-mismatch' "$OUT"
check "verification: the revoked one says so" grep -q 'as 李四: revoked — .*revoked 2023-09-01' "$OUT"
check "exchange: the certificate batch validates" grep -q 'validates as <certificate-batch>: yes' "$OUT"
check "exchange: the root, centre, district and organization keys are made" \
    grep -q 'keys: city-bureau (root), city-centre and district:110108 certified' "$OUT"
check "exchange: the certificate batch is signed by the organization and verifies" \
    grep -q 'certificate batch signed by org:[0-9A-Z]\{18\} (detached CMS.*root: yes' "$OUT"
check "exchange: the directory is signed by the city centre and verifies" \
    grep -q 'directory signed by city-centre (enveloped XML Signature), verified: yes' "$OUT"
check "exchange: XXE refused, nothing imported" \
    sh -c "grep -q 'external entity (XXE): refused' '$OUT' && grep -qE 'before ([0-9]+), after \1: nothing imported' '$OUT'"
check "exchange: an acknowledgement the organization issued itself is refused, nothing imported" \
    sh -c "grep -A2 'the organization issued itself: refused' '$OUT' | grep -qE 'before ([0-9]+), after \1: nothing imported'"
check "supervision: the sanction is imposed" grep -q 'sanction: rectification.* ok$' "$OUT"
check "supervision: credit ranked below 100" grep -qE '#1 北京智训科技有限公司 [0-9A-Z]{18} +9[0-9]\.[0-9]' "$OUT"
check "the audit trail is intact" grep -qE '^  [0-9]+ entries, intact$' "$OUT"
REPORT="$T/registry-report.html"
check "the period report is written" test -s "$REPORT"
check "the report has its eight charts" test "$(grep -o '<figure' "$REPORT" | wc -l)" = 8

PDF="$T/registry-certificate.pdf"
check "the demo draws a certificate" sh -c "head -c 5 '$PDF' | grep -q '%PDF-'"
check "... of 张三, with its number" \
    sh -c "pdftotext '$PDF' - | tr -d ' ' | grep -q 张三 && grep -qE 'drawn to .*registry-certificate.pdf' '$OUT'"
check "the demo prints the command that serves the registry" \
    grep -qF "skillcert --db $DB serve --listen 127.0.0.1:8080" "$OUT"
N1=$(grep -oE '张三: reported, issued, published — [SY][0-9A-Z]{21}' "$OUT" | grep -oE '[SY][0-9A-Z]{21}$')
run audit verify
check "the CLI finds the demo's audit trail intact" sh -c "test $rc = 0 && grep -q intact '$OUT'"
run cert verify "$N1" --name 张三
check "the CLI verifies the demo's certificate" sh -c "test $rc = 0 && grep -q valid '$OUT'"

before=$(cksum <"$DB")
"$DEMO" "$DB" >"$OUT" 2>"$ERR"
rc=$?
check "a second run exits 0" test "$rc" = 0
check "a second run says the registry already holds the demo" grep -q 'already holds the rest' "$OUT"
check "a second run changes nothing" test "$(cksum <"$DB")" = "$before"

echo "1..$n"
echo "$passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
