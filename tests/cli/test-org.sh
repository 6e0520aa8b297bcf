#!/bin/sh
# tests/cli/test-org.sh — black-box tests of `skillcert org`, `directory` and
# `audit`: the whole filing path, refusals that change nothing, the question
# "may O certify X on D?", and the audit trail catching a row edited with the
# sqlite3 shell.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

NAME=org
. "$(dirname "$0")/common.sh"
AS_XICHENG="--actor district:110102"

# ---- set-up, credit codes, districts ---------------------------------------------

run --actor city-bureau init --development
check "init exits 0" test "$rc" = 0

run org credit-code 91350100M000100Y43
check "credit-code accepts the GB 32100 sample (exit 0)" test "$rc" = 0
run org credit-code 91350100M0001TGQXM
check "credit-code refuses a legacy code by default (exit 1)" test "$rc" = 1
check "credit-code says why" out_has "check character"
run --json org credit-code 91350100M0001TGQXM --allow-legacy
check "credit-code --allow-legacy accepts it (exit 0)" test "$rc" = 0
py "credit-code --allow-legacy --json: valid, legacy, with a warning" '
assert d["valid"] is True and d["legacy"] is True, d
assert "warning" in d["message"], d
'

run --json org districts
py "districts: 16 districts and 北京经济技术开发区" '
assert len(d) == 17, len(d)
assert d[5]["code"] == "110108" and d[5]["name"] == "海淀区", d[5]
assert d[16]["code"] == "110115-BDA" and d[16]["name"] == "北京经济技术开发区", d[16]
'

# ---- the filing path ----------------------------------------------------------------

run $AS_A org register $A --name 北京智训科技有限公司 --kind enterprise --district 海淀区 --date 2023-01-05
check "register (actor: the organization) exits 0" test "$rc" = 0
run $AS_B org register $B --name 北京数字社会团体 --kind social-group --district 110102 --date 2023-01-05
check "register a second organization exits 0" test "$rc" = 0
run $AS_A org register $B --name x --kind enterprise --district 110102
check "an organization registering another is denied (exit 4)" test "$rc" = 4

run $AS_A org apply $A 4-04-05-05/数据标注员:5,4,3 4-02-07-10:5,4 --date 2023-02-01
check "apply exits 0" test "$rc" = 0
check "apply says applied" out_has "status applied"
run $AS_A org apply $A 4-02-06-05:5 --date 2023-02-02
check "apply while an application is in progress exits 2" test "$rc" = 2
run $AS_B org apply $B 4-02-06-05:5 --date 2023-02-02
check "apply for a level the catalog does not offer exits 2" test "$rc" = 2
run $AS_B org apply $B 4-02-06-05 --date 2023-02-02
check "a malformed offering is a usage error (exit 2)" test "$rc" = 2

# A refusal: the wrong district recommends. Nothing changes, not even the audit trail.
snapshot "$T/before"
run $AS_XICHENG org recommend $A --date 2023-02-10
check "recommend by another district is denied (exit 4)" test "$rc" = 4
check "the denial is one stderr line naming the right district" one_error_line
check "the denial names district 110108" err_has "110108"
snapshot "$T/after"
check "the refused recommendation changed nothing" cmp -s "$T/before" "$T/after"
run $AS_CENTRE org recommend $A --date 2023-02-10
check "recommend by the city centre is denied (exit 4)" test "$rc" = 4
run $AS_HAIDIAN org notice $A --date 2023-02-10
check "notice by a district is denied (exit 4)" test "$rc" = 4
snapshot "$T/after"
check "the refused calls changed nothing" cmp -s "$T/before" "$T/after"

run $AS_HAIDIAN org recommend $A --date 2023-02-10 --note 材料齐全
check "recommend by its own district exits 0" test "$rc" = 0
run $AS_CENTRE org notice $A --date 2023-02-11
check "notice before the evaluation exits 2" test "$rc" = 2
run $AS_CENTRE org evaluate $A --methods materials,expert,on-site --date 2023-03-01
check "evaluate by the city centre exits 0" test "$rc" = 0
run $AS_CENTRE org notice $A --date 2023-03-10
check "notice exits 0" test "$rc" = 0
run org show $A --date 2023-05-01
check "before filing, show lists no certificate site" out_has "cert sites   none yet (given when it is filed)"
run $AS_CENTRE org file $A --date 2023-05-10
check "file exits 0" test "$rc" = 0
check "file prints the receipt and the validity" out_has "receipt BJ-2023-0001, valid until 2026-05-09"
run org show $A --date 2023-05-11
check "filed, show lists its certificate site before any certificate" out_has "cert sites   000001"
run $AS_A org may-certify $A 4-02-07-10 --level 5 --date 2023-05-11
check "may-certify before the commitment letter says no (exit 1)" test "$rc" = 1
run $AS_A org commit $A --date 2023-05-12
check "commit by the organization exits 0" test "$rc" = 0

run --json org show $A --date 2023-06-01
check "show --json exits 0" test "$rc" = 0
py "show: active, receipt, validity, scope and six steps" '
assert d["status"] == "active", d
assert d["receipt"] == "BJ-2023-0001" and d["valid_until"] == "2026-05-09", d
assert d["committed"] == "2023-05-12", d
assert d["certificate_sites"] == ["000001"], d
scope = sorted((s["occupation"], s["work_type"] or "", s["level"]) for s in d["scope"])
assert scope == sorted([("4-02-07-10", "", 5), ("4-02-07-10", "", 4), ("4-04-05-05", "数据标注员", 5),
                        ("4-04-05-05", "数据标注员", 4), ("4-04-05-05", "数据标注员", 3)]), scope
f = d["filings"][0]
assert [s["step"] for s in f["steps"]] == ["applied", "recommended", "evaluated", "noticed", "filed", "active"], f
assert f["steps"][1]["actor"] == "district:110108" and f["steps"][1]["note"] == "材料齐全", f
'

# ---- may-certify ----------------------------------------------------------------------

run org may-certify $A 4-02-07-10 --level 5 --date 2023-06-01
check "may-certify inside scope and validity exits 0" test "$rc" = 0
run --json org may-certify $A 4-02-07-10 --level 3 --date 2023-06-01
check "may-certify outside the scope exits 1" test "$rc" = 1
py "outside the scope: reason_code 15 (OUT_OF_SCOPE)" 'assert d["may_certify"] is False and d["reason_code"] == 15, d'
run --json org may-certify $A 4-02-07-10 --level 5 --date 2026-05-10
py "after the validity: reason_code 12 (ORG_EXPIRED)" 'assert d["reason_code"] == 12, d'
run --json org may-certify $A 4-02-07-10 --level 5 --date 2023-06-01 --venue 310101
py "a venue outside Beijing: reason_code 16 (OUT_OF_REGION)" 'assert d["reason_code"] == 16, d'
run org may-certify $A 4-04-05-05 --work-type 数据标注员 --level 3 --path exceptional --date 2023-06-01
check "a special path without confirmed rules exits 1" test "$rc" = 1
check "... and says the rules are not confirmed" out_has "confirmed"
run org may-certify $A 4-02-07-10 --level 9
check "may-certify with a bad level exits 2" test "$rc" = 2
run org may-certify 91110105MA01CHY00K 4-02-07-10 --level 5 --date 2023-06-01
check "may-certify of an unknown organization is not found (exit 2)" test "$rc" = 2
check "... and says so" err_has "no organization"
run org may-certify $A 4-99-99-98 --level 5 --date 2023-06-01
check "may-certify of an unknown occupation is not found (exit 2)" test "$rc" = 2

# ---- special-path rules, staff, added scope ------------------------------------------

run $AS_A org rules submit $A --path exceptional --text 破格申报办法 --date 2023-06-01
check "rules submit exits 0" test "$rc" = 0
run $AS_XICHENG org rules confirm $A --path exceptional --date 2023-06-05
check "rules confirm by another district is denied (exit 4)" test "$rc" = 4
run $AS_HAIDIAN org rules confirm $A --path exceptional --date 2023-06-05
check "rules confirm by its district exits 0" test "$rc" = 0
run --actor city-bureau org rules confirm $A --path exceptional --date 2023-06-10
check "rules confirm by the city bureau exits 0" test "$rc" = 0
run org may-certify $A 4-04-05-05 --work-type 数据标注员 --level 3 --path exceptional --date 2023-06-10
check "the special path after both confirmations exits 0" test "$rc" = 0

run $AS_A org staff add $A E001 --name 张考评 --role examiner 4-04-05-05/数据标注员:5,4,3 --date 2023-06-01
check "staff add exits 0" test "$rc" = 0
run $AS_A org staff add $A M001 --name 王经理 --role manager --date 2023-06-01
check "staff add of a manager exits 0" test "$rc" = 0
run $AS_B org staff add $A X001 --name 某 --role manager --date 2023-06-01
check "another organization adding staff is denied (exit 4)" test "$rc" = 4
run --json org staff list $A
py "staff list: the manager and the qualified examiner" '
assert [m["role"] for m in d] == ["manager", "examiner"], d
assert len(d[1]["qualifications"]) == 3 and d[0]["qualifications"] == [], d
'

run $AS_A org add-scope $A 4-04-05-05/数据标注员:2 --date 2023-07-01
check "add-scope (增项) exits 0" test "$rc" = 0
run $AS_HAIDIAN org recommend $A --date 2023-07-02
run $AS_CENTRE org evaluate $A --date 2023-07-10
run $AS_CENTRE org notice $A --date 2023-07-11
run $AS_CENTRE org file $A --date 2023-08-01
check "filing the added scope exits 0" test "$rc" = 0
check "the addition has its own receipt, ending with the filing" out_has "BJ-2023-0002, valid until 2026-05-09"
run org may-certify $A 4-04-05-05 --work-type 数据标注员 --level 2 --date 2023-08-01
check "the added level may be certified (exit 0)" test "$rc" = 0

# ---- directory, exit ----------------------------------------------------------------------

run --json directory --date 2023-06-01
py "directory on 2023-06-01: A only, with its receipt and scope" '
assert [o["credit_code"] for o in d] == ["91110108MA01ABCD2H"], d
assert d[0]["receipt"] == "BJ-2023-0001" and len(d[0]["scope"]) == 5, d
'
run directory --date 2023-01-01
check "directory before any filing is empty" out_has "(none)"

run $AS_A org exit $A --reason x --date 2025-01-01
check "an organization cannot take itself out (exit 4)" test "$rc" = 4
run $AS_CENTRE org exit $A --reason 不履行工作承诺 --date 2025-01-01
check "exit by the city centre exits 0" test "$rc" = 0
run --json org may-certify $A 4-02-07-10 --level 5 --date 2025-01-01
py "after the exit: reason_code 13 (ORG_EXITED)" 'assert d["reason_code"] == 13, d'
run org may-certify $A 4-02-07-10 --level 5 --date 2024-12-31
check "before the exit the answer stays yes" test "$rc" = 0
run --json directory --date 2025-01-02
py "the directory after the exit is empty" 'assert d == [], d'

# ---- the audit trail -------------------------------------------------------------------------

run audit verify
check "audit verify on an untouched registry exits 0" test "$rc" = 0
check "audit verify says intact" out_has "intact"
run --json audit list --entity org --id $A
py "audit list: the organization's history, in order, with actors" '
acts = [e["action"] for e in d]
assert acts[:7] == ["org.register", "org.apply", "org.recommend", "org.evaluate", "org.notice",
                    "org.file", "org.commit"], acts
assert acts[0] == "org.register" and acts[-1] == "org.exit", acts
assert "org.recommend" in acts and "org.commit" in acts, acts
rec = [e for e in d if e["action"] == "org.recommend"][0]
assert rec["actor"] == "district:110108" and "材料齐全" in rec["detail"], rec
assert all(len(e["hash"]) == 64 for e in d)
'
run --json audit verify
py "audit verify --json: intact" 'assert d["intact"] is True and d["entries"] >= 20 and d["first_bad_seq"] is None, d'

if [ -n "$SQLITE3" ]; then
    cp "$DB" "$T/pristine.db"
    "$SQLITE3" "$DB" "UPDATE audit SET detail = 'name=someone else' WHERE seq = 3"
    run audit verify
    check "audit verify after an edit with sqlite3 exits 1" test "$rc" = 1
    check "audit verify names entry 3 as edited" out_has "entry 3 (edited)"
    run --json audit verify
    py "audit verify --json names the edited entry" '
assert d["intact"] is False and d["first_bad_seq"] == 3 and d["problem"] == "edited", d
'
    cp "$T/pristine.db" "$DB"
    rm -f "$DB-wal" "$DB-shm"
    "$SQLITE3" "$DB" "DELETE FROM audit WHERE seq = 5"
    run --json audit verify
    py "audit verify names a removed entry" '
assert d["intact"] is False and d["first_bad_seq"] == 5 and d["problem"] == "removed", d
'
else
    skip "audit verify after an edit with sqlite3" "no sqlite3 shell"
fi

# ---- help --------------------------------------------------------------------------------------

run help
for c in "org register" "org may-certify" "org staff" "directory" "audit verify"; do
    check "help lists '$c'" out_has "$c"
done
run org staff add --help
check "org staff add --help exits 0" test "$rc" = 0

echo "1..$n"
[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
