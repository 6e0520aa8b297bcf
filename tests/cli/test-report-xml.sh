#!/bin/sh
# tests/cli/test-report-xml.sh — black-box tests of the reports to the city centre
# (issues #6, #7) between an organization's or district's registry (ORG) and the city's
# (CITY, a copy made after the filing): `export results-report --session ID` and
# `export supervision-findings --inspection ID`, imported into CITY by the city centre;
# exporting CITY's copy gives the same document. The options naming what a document is
# about (--announcement, --session, --inspection) are checked per type; refusals (wrong
# actor, wrong namespace, truncated file, a business rule) exit non-zero and change
# nothing.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

NAME=report-xml
. "$(dirname "$0")/common.sh"

# ---- set-up: a filed organization, a session with two results, an inspection -------------------

filed_org
cp "$DB" "$T/city.db"
CITY="$T/city.db"
for e in E01 E02 E03 E04 E05; do
    must $AS_A org staff add $A $e $OCC:1 --name 考评员$e --role examiner --date 2023-06-01
done
for c in "$C1 王芳" "$C2 李小明"; do
    set -- $c
    candidate_json "$1" "$2" >"$T/cand.json"
    must $AS_CENTRE candidate add "$T/cand.json"
done
# Only confirmed applicants enrol (issue #5): announcement $ANN, two confirmed applications.
confirm_applicants 4 $C1 $C2
must $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 海淀区 --rooms 1 --date 2023-06-01
must $AS_HAIDIAN session venue-inspect 1 --result passed --date 2023-06-05
must $AS_A session create $A $OCC --level 4 --venue 1 --date 2024-03-01
must $AS_A session enrol 1 $C1 $C2
must $AS_A session staff 1 theory E01 E02
must $AS_A session staff 1 practical E03 E04 E05
must $AS_A session confirm 1 --date 2024-02-28
must $AS_A result record 1 $C1 --theory 80 --practical 70 --date 2024-03-01
must $AS_A result record 1 $C2 --theory 50 --practical 75.5 --date 2024-03-01
must $AS_HAIDIAN inspect open $A --kind organization --note 例行抽查 --date 2024-04-01
must $AS_HAIDIAN inspect finding 1 disclosure --severity minor --evidence 收费标准未公示 --entity org:$A --date 2024-04-02
ORG="$DB"

# ---- what a document is about ------------------------------------------------------------------

run export results-report
check "results-report without --session is refused (exit 2)" test "$rc" = 2
check "the message names --session" err_has "session"
run export results-report --inspection 1
check "results-report --inspection is refused (exit 2)" test "$rc" = 2
run export revocations --org $A --session 1
check "revocations --session is refused (exit 2)" test "$rc" = 2
run export candidate-batch
check "candidate-batch without --announcement is refused (exit 2)" test "$rc" = 2
run export confirmation --announcement 7
check "confirmation of an unknown announcement is refused (exit 2)" test "$rc" = 2
check "the message names the announcement" err_has "no announcement with id 7"
DB="$T/ann.db"
cp "$ORG" "$DB"
must $AS_A announce publish $A 4-02-07-10:5,4 --code 2024-01 --title 公告 \
    --opens 2024-03-01 --closes 2024-12-31 --fees "300 元" --date 2024-02-20
ANN2=$(sed -n 's/^announcement \([0-9][0-9]*\) .*/\1/p' "$OUT")
check "a second announcement, after the set-up's $ANN" test "${ANN2:-0}" -gt "$ANN"
run export candidate-batch "$T/cb.xml" --announcement "$ANN2" --batch CB-1
check "export candidate-batch --announcement exits 0" test "$rc" = 0
run application export-batch "$ANN2" --batch CB-1 "$T/cb-direct.xml"
check "... the same document as application export-batch" cmp -s "$T/cb.xml" "$T/cb-direct.xml"
run export confirmation --announcement "$ANN2" --batch CF-1
check "export confirmation --announcement exits 0" test "$rc" = 0
check "... a confirmation of announcement 2024-01" out_has 'announcement="2024-01"'
DB="$ORG"

# ---- results report ----------------------------------------------------------------------------

run export results-report "$T/results.xml" --session 1 --date 2024-03-10
check "export results-report to a file exits 0" test "$rc" = 0
run validate "$T/results.xml"
check "the report validates" test "$rc" = 0
check "validate names its type" out_has "results-report"
check "the failed candidate is reported failed" grep -q "passed=\"false\"" "$T/results.xml"
DB="$CITY"
# The session's staffing and confirmation are checked as the direct calls check them, on
# what the city's registry holds: the organization's staff and the venue's inspection,
# which no exchange document carries, are recorded there first.
snapshot "$T/before"
run $AS_CENTRE import "$T/results.xml"
check "without the organization's staff the city refuses the report (exit 2)" test "$rc" = 2
check "the refusal names the staff member and says to file the staff first" \
    err_has "staff\[1\]/@person-id: E01 is not on the staff of $A on 2024-03-01.*staff.add"
for e in E01 E02 E03 E04 E05; do
    must $AS_A org staff add $A $e $OCC:1 --name 考评员$e --role examiner --date 2023-06-01
done
snapshot "$T/staffed"
run $AS_CENTRE import "$T/results.xml"
check "without the venue's inspection the city refuses the report (exit 2)" test "$rc" = 2
check "the refusal is the direct call's and says who inspects first" \
    err_has "cannot be confirmed: venue 1 has no inspection by its district bureau on or before 2024-03-01.*venue.inspect"
snapshot "$T/after"
check "these refusals changed nothing" cmp -s "$T/staffed" "$T/after"
must $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 海淀区 --rooms 1 --date 2023-06-01
must $AS_HAIDIAN session venue-inspect 1 --result passed --date 2023-06-05
snapshot "$T/before"
run $AS_A import "$T/results.xml"
check "an organization may not import a results report (exit 4)" test "$rc" = 4
run $AS_HAIDIAN import "$T/results.xml"
check "a district may not import a results report (exit 4)" test "$rc" = 4
head -c 400 "$T/results.xml" >"$T/cut.xml"
run $AS_CENTRE import "$T/cut.xml"
check "a truncated report is refused (exit 2)" test "$rc" = 2
sed 's/urn:skillcert:results-report:1/urn:skillcert:other:1/' "$T/results.xml" >"$T/ns.xml"
run $AS_CENTRE import "$T/ns.xml"
check "a report in another namespace is refused (exit 2)" test "$rc" = 2
sed 's/passed="false"/passed="true"/' "$T/results.xml" >"$T/lie.xml"
run $AS_CENTRE import "$T/lie.xml"
check "a fail reported as a pass is refused (exit 2)" test "$rc" = 2
check "the error names the line and field" err_has ":17:.*candidate\[3\]/@passed"
snapshot "$T/after"
check "the refusals changed nothing" cmp -s "$T/before" "$T/after"
run $AS_CENTRE import "$T/results.xml"
check "the city centre imports the report (exit 0)" test "$rc" = 0
check "two records" out_has "2 records"
run --json result list 1
py "the city holds both results" 'assert len(d) == 2 and sorted(r["passed"] for r in d) == [False, True], d'
run export results-report --session 1 --date 2024-03-10
check "export from the city registry exits 0" test "$rc" = 0
check "round trip: the same report" cmp -s "$OUT" "$T/results.xml"
run $AS_CENTRE import "$T/results.xml"
check "importing it again changes nothing" out_has "already imported"

# ---- supervision findings ------------------------------------------------------------------------

DB="$ORG"
run export supervision-findings "$T/findings.xml" --inspection 1 --date 2024-04-10
check "export supervision-findings exits 0" test "$rc" = 0
check "from the district bureau" grep -q 'from="district" district="110108"' "$T/findings.xml"
DB="$CITY"
snapshot "$T/before"
run $AS_HAIDIAN import "$T/findings.xml"
check "the district may not import it into the city's registry (exit 4)" test "$rc" = 4
sed 's/district="110108"/district="110102"/' "$T/findings.xml" >"$T/other.xml"
run $AS_CENTRE import "$T/other.xml"
check "another district's bureau does not supervise the organization (exit 2)" test "$rc" = 2
check "the error names the district" err_has ":2:.*supervision-findings/@district"
head -c 350 "$T/findings.xml" >"$T/cut.xml"
run $AS_CENTRE import "$T/cut.xml"
check "a truncated findings document is refused (exit 2)" test "$rc" = 2
sed 's/urn:skillcert:supervision-findings:1/urn:skillcert:other:1/' "$T/findings.xml" >"$T/ns.xml"
run $AS_CENTRE import "$T/ns.xml"
check "findings in another namespace are refused (exit 2)" test "$rc" = 2
snapshot "$T/after"
check "the refusals changed nothing" cmp -s "$T/before" "$T/after"
run $AS_CENTRE import "$T/findings.xml"
check "the city centre imports the findings (exit 0)" test "$rc" = 0
run --json inspect findings --org $A
py "the city holds the finding" 'assert len(d) == 1 and d[0]["category"] == "disclosure", d'
run export supervision-findings --inspection 1 --date 2024-04-10
check "round trip: the same findings" cmp -s "$OUT" "$T/findings.xml"

echo "1..$n"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
