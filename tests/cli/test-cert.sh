#!/bin/sh
# tests/cli/test-cert.sh — black-box tests of `skillcert session`, `bank`,
# `paper`, `result` and `cert`: a venue and its inspection, a session whose
# staffing is checked against the ratios, a paper from the bank scored
# online, results with the pass rule, and a certificate from its report to
# public verification, revocation, re-issue, statistics and its electronic
# document.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

NAME=cert
. "$(dirname "$0")/common.sh"

# ---- set-up: a filed organization with examiners, experts and candidates ------------------------

filed_org
for e in E01 E02 E03 E04 E05; do
    must $AS_A org staff add $A $e $OCC:1 --name 考评员$e --role examiner --date 2023-06-01
done
must $AS_A org staff add $A L01 $OCC:5 --name 初级考评员 --role examiner --date 2023-06-01
for c in "$C1 王芳" "$C2 李小明" "$C3 张小三"; do
    set -- $c
    candidate_json "$1" "$2" >"$T/cand.json"
    must $AS_CENTRE candidate add "$T/cand.json"
done

# ---- venues -----------------------------------------------------------------------------------------

run $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 朝阳区 --rooms 2 --date 2023-06-01
check "a venue outside the organization's district is refused (exit 2)" test "$rc" = 2
run --json $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 海淀区 --rooms 2 --date 2023-06-01
check "venue-add exits 0" test "$rc" = 0
py "venue-add --json gives the venue id" 'assert d["venue"] == 1, d'
run $AS_A session create $A $OCC --level 4 --venue 1 --date 2024-03-01
check "no session at a venue not yet inspected (exit 2)" test "$rc" = 2
check "the refusal is one stderr line naming the inspection" err_has "inspection"
run --actor district:110105 session venue-inspect 1 --result passed --date 2023-06-05
check "another district's inspection is denied (exit 4)" test "$rc" = 4
run $AS_HAIDIAN session venue-inspect 1 --result passed --date 2023-06-05
check "the district inspects the venue (exit 0)" test "$rc" = 0

# ---- a session ---------------------------------------------------------------------------------------

run $AS_A session create $A 4-04-05-05 --work-type 数据标注员 --level 4 --venue 1 --date 2024-03-01
check "a session outside the filed scope is refused (exit 2)" test "$rc" = 2
check "the refusal says why" err_has "scope"
run $AS_B session create $A $OCC --level 4 --venue 1 --date 2024-03-01
check "another organization may not plan it (exit 4)" test "$rc" = 4
run --json $AS_A session create $A 4—02—07—10 --level 4 --venue 1 --date 2024-03-01 --online
check "session create exits 0" test "$rc" = 0
py "session create --json: level 4 takes theory and practical, online" '
assert d["id"] == 1 and d["level"] == 4 and d["occupation"] == "4-02-07-10", d
assert d["components"] == ["theory", "practical"] and d["online"] is True, d
assert d["status"] == "planned", d
'
# Only confirmed applicants enrol.
snapshot "$T/before"
run $AS_A session enrol 1 $C1
check "a candidate without a confirmed application is refused (exit 2)" test "$rc" = 2
check "... the district has not confirmed an application (报名确认)" \
    err_has "has no application confirmed by the district (报名确认)"
run $AS_A session enrol 1 $C1 --application APP-2024-001
check "another system's reference is refused (exit 2)" test "$rc" = 2
check "... it is not an application number of this registry" \
    err_has "not an application number of this registry"
snapshot "$T/after"
check "the refused enrolments changed nothing" cmp -s "$T/before" "$T/after"
confirm_applicants 4 $C1 $C2 $C3
run $AS_A session enrol 1 $C1 --application 2
check "another candidate's application is refused (exit 2)" test "$rc" = 2
run $AS_A session enrol 1 $C1 $C2 $C3
check "enrol three confirmed applicants exits 0" test "$rc" = 0
run $AS_A session staff 1 theory L01
check "an examiner qualified for level 5 only cannot serve level 4 (exit 2)" test "$rc" = 2
check "the refusal says so" err_has "not qualified"
run $AS_A session staff 1 theory E01
check "assign one invigilator" test "$rc" = 0
run $AS_A session staff 1 practical E01 E02
check "assign two examiners" test "$rc" = 0
run --json session check 1
check "check: one invigilator for one room is too few (exit 1)" test "$rc" = 1
py "check --json says theory, 2 per room" '
assert d["ready"] is False and d["reason_code"] == 23 and "theory" in d["reason"], d
'
run $AS_A session staff 1 theory E02
run session check 1
check "check: two examiners are fewer than 3 (exit 1)" test "$rc" = 1
check "check names the practical" out_has "practical"
run $AS_A session staff 1 practical E03 E04
run session check 1
check "check: four examiners are not odd (exit 1)" test "$rc" = 1
check "check says odd" out_has "odd"
run $AS_A session staff 1 practical E04 --remove
run session check 1
check "check: ready with 2 invigilators and 3 examiners (exit 0)" test "$rc" = 0
snapshot "$T/before"
run $AS_A result record 1 $C1 --theory 80 --practical 70 --date 2024-03-01
check "no results before the session is confirmed (exit 2)" test "$rc" = 2
snapshot "$T/after"
check "the refusal changed nothing" cmp -s "$T/before" "$T/after"
run $AS_A session confirm 1 --date 2024-02-28
check "confirm exits 0" test "$rc" = 0
run --json session show 1
py "session show --json: staff and candidates" '
assert d["status"] == "confirmed" and d["candidates"] == 3, d
assert len(d["staff"]) == 5 and len(d["enrolled"]) == 3, d
assert [e["application"] for e in d["enrolled"]] == ["1", "2", "3"], d["enrolled"]
'
# The session list filters through its query structure: by organization and by day.
run --json session list --org $A
py "session list --org: the one session" '
assert [x["id"] for x in d] == [1], d
'
run --json session list --date 2030-01-01
py "session list --date: none that day" '
assert d == [], d
'

# ---- the bank and a paper -----------------------------------------------------------------------------

run $AS_A bank add-item $A Q1 --type single --occupation $OCC --level 4 --area 基础知识 --difficulty 1 --stem "配送员应当" --answer B 甲 乙 丙 丁
check "bank add-item exits 0" test "$rc" = 0
check "it is version 1" out_has "version 1"
run $AS_A bank add-item $A Q2 --type multiple --occupation $OCC --level 4 --area 基础知识 --difficulty 2 --stem "下列正确的是" --answer CA 甲 乙 丙
run $AS_A bank add-item $A Q3 --type true-false --occupation $OCC --level 4 --area 基础知识 --difficulty 2 --stem "可以闯红灯" --answer F
check "three items saved" test "$rc" = 0
run --json bank list $A --occupation $OCC --level 4
py "bank list --occupation --level: the three items" '
assert len(d) == 3, d
'
run --json bank list $A --level 3
py "bank list --level 3: none" '
assert d == [], d
'
run --json $AS_A paper assemble 1 --component theory --areas 基础知识:100 --types single:1:40,multiple:1:30,true-false:1:30 --seed 7
check "paper assemble exits 0" test "$rc" = 0
py "paper assemble --json: three items, 100 points, seed 7" '
assert d["seed"] == 7 and len(d["items"]) == 3, d
assert [i["code"] for i in d["items"]] == ["Q1", "Q2", "Q3"], d["items"]
assert sum(i["points"] for i in d["items"]) == 100, d
'
run $AS_A bank add-item $A Q1 --type single --occupation $OCC --level 4 --area 基础知识 --difficulty 1 --stem "配送员应当（修订）" --answer B 甲 乙 丙 丁
check "editing an item used in a paper makes version 2" out_has "version 2"
run --json bank show $A Q1 --version 1
py "version 1 is unchanged and exposed once" '
assert d["version"] == 1 and d["stem"] == "配送员应当" and d["exposure"] == 1, d
'
run --json $AS_A paper score 1 $C1 b AC F
check "paper score exits 0" test "$rc" = 0
py "paper score: all objective items right" 'assert d["score"] == 100, d'
run $AS_A paper score 1 $C2 A - T
check "paper score: partial multiple choice earns nothing" out_has "scored 0"

# ---- results ------------------------------------------------------------------------------------------

run $AS_A result record 1 $C1 --theory 100 --practical 60 --date 2024-03-01
check "record a pass at 60 (exit 0)" out_has "passed"
run $AS_A result record 1 $C2 --theory 59 --practical 90 --date 2024-03-01
check "59 fails" out_has "failed"
run --json $AS_A result record 1 $C3 --theory 88 --practical 92 --date 2024-03-01
py "result record --json" 'assert d["passed"] is True and d["theory"] == 88, d'
run --json result list 1
py "result list: two passed of three" 'assert sum(r["passed"] for r in d) == 2, d'
run --json application show 1
py "a pass completes the application" '
assert d["state"] == "completed" and d["ended"] == "2024-03-01" and d["ended_at"] == "confirmed", d
'
run --json application show 2
py "a fail leaves it confirmed, for a resit" 'assert d["state"] == "confirmed", d'
run --json application list --state completed
py "application list --state completed: the two who passed" '
assert sorted(a["id"] for a in d) == [1, 3], d
'

# ---- certificates -------------------------------------------------------------------------------------

run cert list
check "cert list with no certificate exits 0" test "$rc" = 0
check "... and prints (none), as every other list (issue 13)" test "$(cat "$OUT")" = "(none)"
run $AS_A cert report 1 $C2 --date 2024-03-10
check "a failed candidate gets no certificate (exit 2)" test "$rc" = 2
run --json $AS_A cert report 1 $C1 --date 2024-03-10
check "cert report exits 0" test "$rc" = 0
py "the number: S 0000 11 000001 24 4 000001" '
assert d["number"] == "S000011000001244000001", d["number"]
assert d["status"] == "reported" and d["work_type"] == "--" and d["level_text"] == "四级/中级工", d
'
N1=S000011000001244000001
run $AS_A cert report 1 $C3 --date 2024-03-10
N3=S000011000001244000002
check "the second number follows" out_has "$N3"
run cert verify $N1 --name 王芳
check "verify before publication: not yet published (exit 1)" test "$rc" = 1
check "verify says so" out_has "not yet published"
run $AS_A cert issue $N1 --photo sha256:ab12 --date 2024-03-15
check "cert issue exits 0" test "$rc" = 0
run $AS_A cert publish $N1 --date 2024-04-01
check "an organization may not publish (exit 4)" test "$rc" = 4
run $AS_CENTRE cert publish $N1 --date 2024-04-01
check "the city centre publishes (exit 0)" test "$rc" = 0
run --json cert verify $N1 --name 王芳 --id 11010519491231002x
check "verify a published certificate (exit 0)" test "$rc" = 0
py "verify --json: valid, masked name and ID" '
assert d["status"] == "valid" and d["valid"] is True, d
assert d["name"] == "王*" and d["id_number"] == "110105********002X", d
assert d["occupation_name"] == "网约配送员" and d["level"] == 4, d
assert d["organization_name"] == "北京智训科技有限公司" and d["issued"] == "2024-03-15", d
'
run cert verify $N1 --name 王小芳
check "another name: mismatch (exit 1)" test "$rc" = 1
check "mismatch shows nothing of the holder" out_has "does not match"
run cert verify S000011000001244000099 --name 王芳
check "an unknown number: not found (exit 1)" out_has "not found"
run $AS_A cert link-post $N1 --enterprise 北京某物流有限公司 --post 配送主管 --post-number QY-2024-001 --date 2024-04-02
check "link the enterprise post certificate (一岗双认)" test "$rc" = 0
run cert export $N1 --output "$T/cert.xml"
check "cert export exits 0" test "$rc" = 0
run validate "$T/cert.xml"
check "the electronic certificate validates against certificate.xsd" test "$rc" = 0
check "validate names its type" out_has "certificate"
run export certificate --number $N1 --output "$T/cert2.xml"
check "export certificate --number --output: one export TYPE for every document (issue 13)" \
    test "$rc" = 0
check "... the same document as cert export" cmp -s "$T/cert.xml" "$T/cert2.xml"
run export certificate "$T/cert3.xml"
check "export certificate without --number is a usage error (exit 64 or 2)" test "$rc" != 0
run $AS_CENTRE import "$T/cert.xml"
check "a certificate document is not imported (exit 2)" test "$rc" = 2

run $AS_A cert revoke $N1 --reason 信息有误 --date 2024-05-01
check "revoke exits 0" test "$rc" = 0
run cert verify $N1 --name 王芳
check "verify a revoked certificate (exit 1, revoked)" out_has "revoked"
run --json $AS_A cert reissue $N1 --reason 信息更正 --date 2024-05-02
check "reissue exits 0" test "$rc" = 0
py "the re-issue has a new number and replaces the old" '
assert d["number"] == "S000011000001244000003" and d["replaces"] == "S000011000001244000001", d
assert d["status"] == "reported", d
'
run $AS_A cert reissue $N1 --reason again
check "a certificate is re-issued once (exit 2)" test "$rc" = 2

# ---- statistics and the organization's exit -------------------------------------------------------------

run $AS_A cert issue $N3 --photo p --date 2024-03-20
run --json cert stats --by org,level,month
py "stats: one certificate in force (the revoked one does not count)" '
assert d == [{"organization": "91110108MA01ABCD2H", "level": 4, "period": "2024-03", "count": 1}], d
'
run $AS_CENTRE cert publish $N3 --date 2024-04-01
run $AS_CENTRE org exit $A --reason 不履行承诺 --date 2024-06-01
check "the organization leaves the directory" test "$rc" = 0
run cert verify $N3 --name 张小三
check "its certificate stays valid after the exit (exit 0)" test "$rc" = 0
check "verify shows 张*三" out_has "张\*三"

# ---- help --------------------------------------------------------------------------------------------------

run help
for c in "session create" "session staff" "bank add-item" "paper assemble" "result record" \
         "cert report" "cert verify" "cert stats"; do
    check "help lists '$c'" out_has "$c"
done
run cert verify --help
check "cert verify --help exits 0" test "$rc" = 0

echo "1..$n"
[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
