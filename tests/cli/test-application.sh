#!/bin/sh
# tests/cli/test-application.sh — black-box tests of `announce`, `apply` and
# `application`: an organization registered and filed, its announcement, a
# candidate's record and application, verification with the eligibility
# decision, refusals that change nothing, and the district's confirmation
# through the candidate batch the organization exports and the district
# imports into its own registry, answered with a confirmation document the
# organization imports.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

NAME=app
. "$(dirname "$0")/common.sh"

DB="$T/org.db"            # the organization's registry
DISTRICT_DB="$T/district.db"  # the district bureau's registry
CAND=$C1
CAND2=$C2
AS_XICHENG="--actor district:110102"
AS_CAND="--actor candidate:$CAND"
AS_CAND2="--actor candidate:$CAND2"

run_district() {
    "$SKILLCERT" --db "$DISTRICT_DB" "$@" >"$OUT" 2>"$ERR"
    rc=$?
}

# snapshot FILE OUT: here of either registry.
snapshot() {
    if [ -n "$SQLITE3" ]; then
        "$SQLITE3" "$1" .dump >"$2"
    else
        cp "$1" "$2"
    fi
}

# ---- the organization: registered and filed (as in test-org.sh) -----------------------

run --actor city-bureau init --development
check "init exits 0" test "$rc" = 0
run --actor city-bureau eligibility rules load-defaults
check "eligibility rules load-defaults exits 0" test "$rc" = 0
run $AS_A org register $A --name 北京智训科技有限公司 --kind enterprise --district 海淀区 --date 2023-01-05
run $AS_A org apply $A 4-02-07-10:5,4,3 4-04-05-05/数据标注员:5,4,3 --date 2023-02-01
run $AS_HAIDIAN org recommend $A --date 2023-02-10
run $AS_CENTRE org evaluate $A --date 2023-03-01
run $AS_CENTRE org notice $A --date 2023-03-10
run $AS_CENTRE org file $A --date 2023-05-10
run $AS_A org commit $A --date 2023-05-12
check "the organization is filed and active" test "$rc" = 0

# ---- the announcement ----------------------------------------------------------------------

run $AS_A announce publish $A 4-04-05-04/建筑工程:3 --code 2024-01 --title 公告 \
    --opens 2024-03-01 --closes 2024-12-31 --fees "300 元" --date 2024-02-20
check "an announcement outside the scope is refused (exit 2)" test "$rc" = 2
check "... saying why" err_has "scope"
run $AS_CAND announce publish $A 4-02-07-10:5,4 --code 2024-01 --title 公告 \
    --opens 2024-03-01 --closes 2024-12-31 --fees "300 元" --date 2024-02-20
check "a candidate cannot publish (exit 4)" test "$rc" = 4
run --json $AS_A announce publish $A 4-02-07-10:5,4 --code 2024-01 \
    --title "2024年网约配送员职业技能等级认定公告" --opens 2024-03-01 --closes 2024-12-31 \
    --fees "五级 300 元, 四级 400 元" --methods theory,practical --date 2024-02-20
check "announce publish exits 0" test "$rc" = 0
py "the announcement: id 1, its offerings, dates, fees and methods" '
assert d["id"] == 1 and d["code"] == "2024-01" and d["credit_code"] == "91110108MA01ABCD2H", d
assert d["opens"] == "2024-03-01" and d["closes"] == "2024-12-31", d
assert d["methods"] == ["theory", "practical"], d
assert sorted(o["level"] for o in d["offerings"]) == [4, 5], d
'
# The district bureau's own registry: the directory and the (public) announcement.
cp "$DB" "$DISTRICT_DB"

run announce list --date 2024-03-05 --open
check "announce list --open shows it" out_has "2024-01"
run announce list --date 2025-01-05 --open
check "... and not after the intake" out_has "(none)"

# ---- the candidate and the application ------------------------------------------------------

cat >"$T/cand.json" <<'EOF'
{
  "id_number": "11010519491231002X",
  "name": "王芳",
  "education": [{"kind": "technical-school", "major": "物流服务与管理", "related": true,
                 "graduated": "2014-07-01"}],
  "work": [{"occupation": "4-02-07-10", "from": "2015-01-01", "to": null}],
  "certificates": [{"kind": "skill-level", "occupation": "4-02-07-10", "level": 5,
                    "issued": "2018-06-01", "number": "S000011000000185000001"}]
}
EOF
run $AS_CAND candidate add "$T/cand.json"
check "the candidate saves their record" test "$rc" = 0

snapshot "$DB" "$T/before"
run $AS_CAND2 apply 1 $CAND 4-02-07-10:4 --date 2024-03-05
check "a candidate applying for someone else is denied (exit 4)" test "$rc" = 4
check "... in one stderr line" one_error_line
run $AS_CAND apply 1 $CAND 4-02-07-10:4 --date 2024-02-25
check "applying before the intake opens is refused (exit 2)" test "$rc" = 2
check "... because the announcement is not open" err_has "not open"
run $AS_CAND apply 1 $CAND 4-02-07-10:4 --path exceptional --evidence 业绩突出 --date 2024-03-05
check "破格 below level 3 is refused (exit 2)" test "$rc" = 2
run $AS_CAND apply 1 $CAND 4-02-07-10:3 --date 2024-03-05
check "an offering the announcement does not list is refused (exit 2)" test "$rc" = 2
snapshot "$DB" "$T/after"
check "the refused applications changed nothing" cmp -s "$T/before" "$T/after"

run --json $AS_CAND apply 1 $CAND 4-02-07-10:4 --date 2024-03-05
check "apply exits 0" test "$rc" = 0
py "the application: submitted, by the candidate" '
assert d["id"] == 1 and d["state"] == "submitted", d
assert d["applied_by"] == "candidate:11010519491231002X" and d["level"] == 4, d
'
run $AS_CAND apply 1 $CAND 4-02-07-10:4 --date 2024-03-06
check "a second open application for the same offering is refused (exit 2)" test "$rc" = 2
check "... one open application per person and offering" err_has "one open application"

# The organization applies for a second candidate, handing in the record.
cat >"$T/cand2.json" <<'EOF'
{"id_number": "110105198001011238", "name": "李强",
 "work": [{"occupation": "4-02-07-10", "from": "2023-09-01", "to": null}]}
EOF
run $AS_A apply 1 $CAND2 4-02-07-10:5 --record "$T/cand2.json" --date 2024-03-06
check "the organization applies for a candidate with the record (exit 0)" test "$rc" = 0
check "... application 2" out_has "application 2"

# ---- verification: the eligibility decision ---------------------------------------------------

run $AS_HAIDIAN application verify 1 --date 2024-03-10
check "a district cannot verify (exit 4)" test "$rc" = 4
run $AS_A application verify 1 --date 2024-03-10
check "verify exits 0" test "$rc" = 0
check "verify shows the condition matched" out_has "eligible under condition L4-a"
run $AS_A application verify 2 --date 2024-03-10
check "verifying a candidate without a year of work exits 0" test "$rc" = 0
check "... rejected as not eligible, with the reasons" out_has "not eligible"
run --json application show 1
py "application 1: verified, the decision recorded" '
assert d["state"] == "verified" and d["eligibility"] == "L4-a", d
assert d["verified"] == "2024-03-10" and "L4-a" in d["decision"], d
'
run --json application show 2
py "application 2: rejected at verification, with the reason" '
assert d["state"] == "rejected" and d["ended_at"] == "submitted" and d["eligibility_reason"] == 20, d
'

# ---- the district's confirmation, through the exchange documents --------------------------------

run export candidate-batch --announcement 1 --batch HD-2024-001 --output "$T/batch.xml"
check "export candidate-batch --output exits 0" test "$rc" = 0
run application export-batch 1 --batch HD-2024-001 --output "$T/batch-old.xml"
check "the old spelling, application export-batch, still exits 0" test "$rc" = 0
check "... and says on stderr that it is deprecated, naming the new one" \
    sh -c 'grep -q "deprecated" "$1" && grep -q "export candidate-batch" "$1"' _ "$ERR"
check "... the same document" cmp -s "$T/batch.xml" "$T/batch-old.xml"
run application export-batch 1 --batch HD-2024-001 "$T/batch-x.xml" --output "$T/batch-y.xml"
check "FILE and --output together are refused (exit 2)" test "$rc" = 2
run validate "$T/batch.xml"
check "the candidate batch validates against its schema" test "$rc" = 0
check "... as a candidate-batch" out_has "candidate-batch"

run_district $AS_XICHENG import "$T/batch.xml"
check "another district importing the batch is denied (exit 4)" test "$rc" = 4
run_district $AS_A import "$T/batch.xml"
check "the organization cannot import its own batch (exit 4)" test "$rc" = 4
# Issue 11: the claim is decided on the record; this registry holds none of the
# candidate, so a batch carrying no <records> is refused, changing nothing.
sed '/<records>/,/<\/records>/d' "$T/batch.xml" >"$T/batch-bare.xml"
check "the batch without its records is made" \
    sh -c '! grep -q "<records>" "$1"' _ "$T/batch-bare.xml"
snapshot "$DISTRICT_DB" "$T/district-before"
run_district $AS_HAIDIAN import "$T/batch-bare.xml"
check "a claim with no record carried or held is refused (exit 2)" test "$rc" = 2
check "... saying a claim with no record never passes" err_has "a claim with no record never passes"
snapshot "$DISTRICT_DB" "$T/district-after"
check "... and the district's registry is unchanged" cmp -s "$T/district-before" "$T/district-after"
run_district --json $AS_HAIDIAN import "$T/batch.xml"
check "the organization's district imports the batch (exit 0)" test "$rc" = 0
py "the import: one application" 'assert d["doctype"] == "candidate-batch" and d["records"] == 1, d'
run_district --json application list --state verified
py "the district's registry: the application awaiting confirmation, with the record" '
assert len(d) == 1 and d[0]["id_number"] == "11010519491231002X" and d[0]["batch_id"] == "HD-2024-001", d
assert d[0]["eligibility"] == "L4-a", d
'
run_district --json candidate show $CAND
py "the candidate's records came with the batch" '
assert d["name"] == "王芳" and len(d["work"]) == 1 and len(d["certificates"]) == 1, d
'
run_district $AS_XICHENG application confirm --all-verified --org $A --date 2024-03-20
check "another district cannot confirm (exit 4)" test "$rc" = 4
run_district $AS_HAIDIAN application confirm --all-verified --org $A --date 2024-03-20
check "the district confirms the batch (exit 0)" test "$rc" = 0
check "... in one transaction" out_has "confirmed 1 application in one transaction"
run_district application export-answer 1 --batch HD-ANS-001 --answers HD-2024-001 --output "$T/answer.xml"
check "export-answer --output exits 0" test "$rc" = 0
run validate "$T/answer.xml"
check "the answer validates against its schema" test "$rc" = 0

run $AS_HAIDIAN import "$T/answer.xml"
check "a district cannot import the answer for the organization (exit 4)" test "$rc" = 4
run --json $AS_A import "$T/answer.xml"
check "the organization imports the answer (exit 0)" test "$rc" = 0
py "the answer: one decision" 'assert d["doctype"] == "confirmation" and d["records"] == 1, d'
run --json application show 1
py "application 1 is confirmed by 海淀区" '
assert d["state"] == "confirmed" and d["confirmed"] == "2024-03-20", d
assert d["confirmed_by"] == "district:110108" and d["batch_id"] == "HD-2024-001", d
'
run $AS_A import "$T/answer.xml"
check "importing the answer again changes nothing" out_has "already imported"

# ---- withdrawal, listing, audit -------------------------------------------------------------------

run $AS_CAND2 application withdraw 1 --reason x --date 2024-04-01
check "another candidate cannot withdraw it (exit 4)" test "$rc" = 4
run $AS_CAND application withdraw 1 --reason 个人原因 --date 2024-04-01
check "the candidate withdraws (exit 0)" test "$rc" = 0
check "... withdrawn" out_has "withdrawn"
run --json application list --org $A
py "application list: both, in order" '
assert [a["state"] for a in d] == ["withdrawn", "rejected"], d
'
run --json audit list --entity application
py "the audit trail: apply, apply_for, verify, verify, withdraw" '
acts = [e["action"] for e in d]
assert acts == ["application.apply", "application.apply_for", "application.verify",
                "application.verify", "application.withdraw"], acts
'
run audit verify
check "the audit trail is intact" out_has "intact"

# ---- help ---------------------------------------------------------------------------------------------

run help
for c in "announce" "apply" "application"; do
    check "help lists '$c'" out_has "$c"
done
run application confirm --help
check "application confirm --help exits 0" test "$rc" = 0

echo "1..$n"
[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
