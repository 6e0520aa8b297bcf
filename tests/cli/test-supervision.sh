#!/bin/sh
# tests/cli/test-supervision.sh — black-box tests of `skillcert supervise`,
# `inspect`, `sanction`, `credit` and `report`: an internal supervisor's
# record of a session; a spot check whose scan finds a certificate issued
# outside the filed scope (written into the registry with the sqlite3 shell);
# the exit it leads to, the revocation of that certificate only; the credit
# list, its history and XML document; the period report as JSON and HTML.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

NAME=supervision
. "$(dirname "$0")/common.sh"

# ---- set-up: two filed organizations, a session with a supervisor ------------------------------

must --actor city-bureau init --development
must $AS_A org register $A --name 北京智训科技有限公司 --kind enterprise --district 110108 --date 2023-01-05
must $AS_B org register $B --name 北京数字技能评价协会 --kind social-group --district 110102 --date 2023-01-05
for who in "$A $AS_A $AS_HAIDIAN" "$B $AS_B --actor district:110102"; do
    set -- $who
    must $2 $3 org apply $1 $OCC:5,4 --date 2023-02-01
    must $4 $5 org recommend $1 --date 2023-02-10
    must $AS_CENTRE org evaluate $1 --date 2023-03-01
    must $AS_CENTRE org notice $1 --date 2023-03-10
    must $AS_CENTRE org file $1 --date 2023-05-10
    must $2 $3 org commit $1 --date 2023-05-12
done
for e in E01 E02 E03; do
    must $AS_A org staff add $A $e $OCC:4 --name 考评员$e --role examiner --date 2023-06-01
done
must $AS_A org staff add $A S01 $OCC:4 --name 督导员 --role supervisor --date 2023-06-01
must $AS_A org staff add $A E01 $OCC:4 --name 考评员兼督导 --role supervisor --date 2023-06-01
must $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 海淀区 --rooms 2 --date 2023-06-01
must $AS_HAIDIAN session venue-inspect 1 --result passed --date 2023-06-05
must $AS_A session create $A $OCC --level 4 --venue 1 --date 2024-03-01
must $AS_A session staff 1 theory E01 E02

# ---- internal supervision ------------------------------------------------------------------------

run $AS_A supervise assign 1 E01
check "a supervisor who examines in the session cannot supervise it (exit 2)" test "$rc" = 2
check "the refusal says why" err_has "examine"
run $AS_B supervise assign 1 S01
check "another organization may not assign (exit 4)" test "$rc" = 4
run $AS_A supervise assign 1 S01
check "supervise assign exits 0" test "$rc" = 0
run --json $AS_A supervise record 1 S01 --checked 考场纪律、身份核验 --findings 无 --date 2024-03-01
check "supervise record exits 0" test "$rc" = 0
py "supervise record --json gives the record id" 'assert d["id"] == 1, d'

# ---- a certificate outside the scope, written with plain SQL -------------------------------------

if [ -z "$SQLITE3" ]; then
    not_ok "the sqlite3 shell is needed to craft the registry"
else
    "$SQLITE3" "$DB" "INSERT INTO cert_context (org_id, org_name, district, occupation, occupation_name, work_type, level) SELECT id, name, district, '4-04-05-04', '建筑信息模型技术员', '', 5 FROM org WHERE credit_code = '$A';
INSERT INTO certificate (number, holder, id_number, status, issued, context) VALUES ('S000011000001245900001', '王芳', '$C1', 3, '2024-05-01', last_insert_rowid());
INSERT INTO certificate_record (number, id_number, certified, published) VALUES ('S000011000001245900001', '$C1', '2024-05-01', '2024-05-02');" && ok "crafted one certificate outside the filed scope" || not_ok "crafting the registry"
fi
run cert verify S000011000001245900001 --name 王芳
check "before the spot check it verifies as valid (exit 0)" test "$rc" = 0

# ---- the spot check ---------------------------------------------------------------------------------

must $AS_CENTRE credit compute --date 2024-05-15
run --actor district:110105 inspect open $A --date 2024-05-20
check "another district may not inspect (exit 4)" test "$rc" = 4
run $AS_A inspect open $A --date 2024-05-20
check "the organization may not inspect itself (exit 4)" test "$rc" = 4
run --json $AS_HAIDIAN inspect open $A --kind organization --note 证书专项抽查 --date 2024-05-20
check "inspect open exits 0" test "$rc" = 0
py "inspect open --json gives the id" 'assert d["id"] == 1, d'
run --json $AS_HAIDIAN inspect scan 1 --date 2024-05-20
check "inspect scan exits 0" test "$rc" = 0
py "the scan finds the crafted certificate in one finding" 'assert d == {"findings": 1, "certificates": 1}, d'
run --json inspect findings --org $A
py "the finding is out-of-scope, serious, naming one certificate" '
assert len(d) == 1 and d[0]["category"] == "out-of-scope" and d[0]["severity"] == "serious", d
assert d[0]["entities"] == 1, d
'
run $AS_HAIDIAN inspect finding 1 bogus --evidence x --date 2024-05-21
check "an unknown category is refused (exit 2)" test "$rc" = 2
run --json $AS_HAIDIAN inspect finding 1 disclosure --severity minor --evidence 收费标准未公示 --entity org:$A --date 2024-05-21
check "inspect finding exits 0" test "$rc" = 0
run $AS_HAIDIAN inspect close 1 --conclusion 移交市级处理 --date 2024-05-22
check "inspect close exits 0" test "$rc" = 0

# ---- sanctions -----------------------------------------------------------------------------------------

snapshot "$T/before"
run $AS_HAIDIAN sanction impose 1 exit --reason 超范围认定 --date 2024-06-10
check "a district may not take an organization out of the directory (exit 4)" test "$rc" = 4
snapshot "$T/after"
check "the refusal changed nothing" cmp -s "$T/before" "$T/after"
run $AS_HAIDIAN sanction impose 2 warning --reason 公示收费标准 --date 2024-05-25
check "the district warns (exit 0)" test "$rc" = 0
run $AS_CENTRE sanction impose 1 exit --reason 超范围开展认定 --date 2024-06-10
check "the city centre takes it out of the directory (exit 0)" test "$rc" = 0
run $AS_HAIDIAN inspect revoke 1 --date 2024-06-10
check "only the city centre revokes on a finding (exit 4)" test "$rc" = 4
run --json $AS_CENTRE inspect revoke 1 --date 2024-06-10
py "the crafted certificate is revoked" 'assert d["revoked"] == 1, d'
run cert verify S000011000001245900001 --name 王芳
check "the crafted certificate now verifies as revoked (exit 1)" test "$rc" = 1
run --json sanction list --org $A
py "two sanctions, the warning and the exit" '
assert [s["kind"] for s in d] == ["warning", "exit"], d
assert d[1]["decided_by"].startswith("city-centre"), d
'
run org show $A --date 2024-06-11
check "the organization has left the directory" out_has "exited"

# ---- credit -------------------------------------------------------------------------------------------

run $AS_HAIDIAN credit compute --date 2024-07-01
check "only the city centre computes the credit evaluation (exit 4)" test "$rc" = 4
must $AS_CENTRE credit compute --date 2024-07-01
run --json credit list
py "the latest list ranks the sanctioned organization last" '
assert [r["credit_code"] for r in d] == ["'$B'", "'$A'"], d
assert d[0]["score"] == 100 and d[1]["score"] < 65 and d[1]["rank"] == 2, d
'
run --json credit history $A
py "its history shows the drop" '
assert [r["as_of"] for r in d] == ["2024-05-15", "2024-07-01"], d
assert d[0]["score"] == 100 and d[1]["score"] < 65, d
'
run credit export --output "$T/credit.xml"
check "credit export exits 0" test "$rc" = 0
run validate "$T/credit.xml"
check "the credit document validates against credit.xsd" test "$rc" = 0
check "it names its type" out_has "credit-evaluation"

# ---- the period report -----------------------------------------------------------------------------------

run --json report --from 2024-01-01 --to 2024-07-01 --html "$T/report.html"
check "report exits 0" test "$rc" = 0
py "report --json: the sections and their totals" '
s = d["sections"]
assert s["inspections"]["total"] == 1 and s["findings"]["total"] == 2, s
assert s["sanctions"]["total"] == 2 and s["credit"]["total"] == 2, s
assert [r["key"] for r in s["findings"]["rows"]] == ["disclosure", "out-of-scope"], s["findings"]
assert s["certificates-by-level"]["total"] == 0, s
'
check "the HTML report was written" test -s "$T/report.html"
check "it is self-contained (no external script or stylesheet)" sh -c "! grep -q -e 'src=\"http' -e 'href=\"http' '$T/report.html'"
check "it has a chart per section" test "$(grep -c '<figure class="chart"' "$T/report.html")" = 8
run report --to 2024-07-01
check "report without --from is a usage error (exit 2)" test "$rc" = 2

echo "1..$n"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
