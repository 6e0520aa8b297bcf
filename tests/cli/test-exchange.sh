#!/bin/sh
# tests/cli/test-exchange.sh — black-box tests of the exchange documents of
# issue #6 between two registries: an organization's (ORG) and the city's
# (CITY, a copy made before any session; it receives the session's results
# report first, which a certificate needs). `export certificate-batch` from
# ORG, imported into CITY by the city centre, publishes the certificates;
# exporting from CITY gives the same document; `export certificate-ack` from
# CITY, imported into ORG by the organization, records the answer; and
# `export revocations`. Refusals (wrong actor, a business rule, a truncated
# file) exit non-zero and change nothing.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

NAME=exchange
. "$(dirname "$0")/common.sh"

# ---- set-up: a filed organization, a session, two issued certificates ------------------------

filed_org
for e in E01 E02 E03 E04 E05; do
    must $AS_A org staff add $A $e $OCC:1 --name 考评员$e --role examiner --date 2023-06-01
done
for c in "$C1 王芳" "$C2 李小明"; do
    set -- $c
    candidate_json "$1" "$2" >"$T/cand.json"
    must $AS_CENTRE candidate add "$T/cand.json"
done
must $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 海淀区 --rooms 1 --date 2023-06-01
must $AS_HAIDIAN session venue-inspect 1 --result passed --date 2023-06-05
# The city's registry holds the organization's staff and its venue's inspection (acts no
# exchange document carries, against which a results report's staffing and confirmation
# are checked), but no session yet.
cp "$DB" "$T/city.db"
CITY="$T/city.db"
must $AS_A session create $A $OCC --level 4 --venue 1 --date 2024-03-01
confirm_applicants 4 $C1 $C2
must $AS_A session enrol 1 $C1 $C2
must $AS_A session staff 1 theory E01 E02
must $AS_A session staff 1 practical E03 E04 E05
must $AS_A session confirm 1 --date 2024-02-28
must $AS_A result record 1 $C1 --theory 80 --practical 70 --date 2024-03-01
must $AS_A result record 1 $C2 --theory 90 --practical 75 --date 2024-03-01
must $AS_A cert report 1 $C1 --date 2024-03-10
must $AS_A cert report 1 $C2 --date 2024-03-10
N1=S000011000001244000001
N2=S000011000001244000002
must $AS_A cert issue $N1 --photo sha256:ab12 --date 2024-03-15
must $AS_A cert issue $N2 --photo sha256:cd34 --date 2024-03-15
ORG="$DB"
cp "$ORG" "$T/org-before.db"

# ---- certificate batch -------------------------------------------------------------------------

run export certificate-batch
check "certificate-batch without --org is refused (exit 2)" test "$rc" = 2
run export certificate-batch "$T/batch.xml" --org $A --date 2024-04-01
check "export certificate-batch to a file exits 0" test "$rc" = 0
run validate "$T/batch.xml"
check "the batch validates" test "$rc" = 0
check "validate names its type" out_has "certificate-batch"
run export results-report "$T/results.xml" --session 1
check "export results-report of the session exits 0" test "$rc" = 0
# 谁评价谁负责谁发证: a city registry without the session's results refuses the batch.
DB="$T/city-bare.db"
cp "$CITY" "$DB"
snapshot "$T/bare-before"
run $AS_CENTRE import "$T/batch.xml"
check "a batch for holders with no result here is refused (exit 2)" test "$rc" = 2
check "the refusal says to import the results report first" err_has "results report"
snapshot "$T/bare-after"
check "the refused batch changed nothing" cmp -s "$T/bare-before" "$T/bare-after"
DB="$CITY"
run $AS_CENTRE import "$T/results.xml"
check "the city centre imports the results report (exit 0)" test "$rc" = 0
snapshot "$T/before"
run $AS_A import "$T/batch.xml"
check "an organization may not import a batch (exit 4)" test "$rc" = 4
head -c 300 "$T/batch.xml" >"$T/cut.xml"
run $AS_CENTRE import "$T/cut.xml"
check "a truncated batch is refused (exit 2)" test "$rc" = 2
sed "s/$N2/$N1/" "$T/batch.xml" >"$T/twice.xml"
run $AS_CENTRE import "$T/twice.xml"
check "a certificate listed twice is refused (exit 2)" test "$rc" = 2
check "the error names the line and field" err_has ":4:.*certificate\[2\]/@number"
snapshot "$T/after"
check "the refusals changed nothing" cmp -s "$T/before" "$T/after"
run $AS_CENTRE import "$T/batch.xml"
check "the city centre imports the batch (exit 0)" test "$rc" = 0
check "two records" out_has "2 records"
run org show $A
check "org show lists the organization's certificate site" out_has "cert sites   000001"
run --json org show $A
py "org show --json: certificate_sites" 'assert d["certificate_sites"] == ["000001"], d'
run cert verify $N1 --name 王芳
check "the city's registry answers: valid" test "$rc" = 0
run export certificate-batch --org $A --date 2024-04-01
check "export from the city registry exits 0" test "$rc" = 0
check "round trip: the same document" cmp -s "$OUT" "$T/batch.xml"
run $AS_CENTRE import "$T/batch.xml"
check "importing it again changes nothing" out_has "already imported"

# ---- acknowledgement --------------------------------------------------------------------------

run export certificate-ack "$T/ack.xml" --org $A --date 2024-04-10
check "export certificate-ack exits 0" test "$rc" = 0
check "both published" test "$(grep -c 'outcome="published"' "$T/ack.xml")" = 2
DB="$T/org-before.db"
run $AS_CENTRE import "$T/ack.xml"
check "the centre may not import its own answer (exit 4)" test "$rc" = 4
run $AS_A import "$T/ack.xml"
check "the organization imports the answer (exit 0)" test "$rc" = 0
run export certificate-ack --org $A --date 2024-04-10
check "round trip: the same answer" cmp -s "$OUT" "$T/ack.xml"

# ---- revocations ------------------------------------------------------------------------------

DB="$ORG"
run $AS_A cert revoke $N1 --reason 信息有误 --date 2024-04-03
check "(the organization revokes one)" test "$rc" = 0
run export revocations "$T/rev.xml" --org $A --date 2024-04-10
check "export revocations exits 0" test "$rc" = 0
DB="$T/org-before.db"
cp "$DB" "$T/org-before2.db"
run --actor organization:$B import "$T/rev.xml"
check "another organization may not import them (exit 4)" test "$rc" = 4
run $AS_A import "$T/rev.xml"
check "the organization, not their addressee, may not import them (exit 4)" test "$rc" = 4
check "the refusal names the addressee" err_has "addressee"
DB="$T/org-before2.db"
run $AS_CENTRE import "$T/rev.xml"
check "the city centre, their addressee, imports them (exit 0)" test "$rc" = 0
run export revocations --org $A --date 2024-04-10
check "round trip: the same revocations" cmp -s "$OUT" "$T/rev.xml"

echo "1..$n"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
