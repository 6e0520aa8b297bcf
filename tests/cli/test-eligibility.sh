#!/bin/sh
# tests/cli/test-eligibility.sh — black-box tests of `skillcert candidate` and
# `skillcert eligibility`.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

top_builddir=${top_builddir:-.}
SKILLCERT="$top_builddir/tools/skillcert"

if [ ! -x "$SKILLCERT" ]; then
    echo "test-eligibility: $SKILLCERT not found (build it first, or set top_builddir)" >&2
    exit 99
fi

PY=
for p in "${PYTHON:-}" /usr/bin/python3 python3; do
    if [ -n "$p" ] && command -v "$p" >/dev/null 2>&1; then
        PY=$p
        break
    fi
done

T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-elig.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

unset SKILLCERT_DB
DB="$T/registry.db"
OUT="$T/out"
ERR="$T/err"
passed=0
failed=0
skipped=0
n=0

run() {
    "$SKILLCERT" "$@" >"$OUT" 2>"$ERR"
    rc=$?
}
ok() {
    n=$((n + 1)); passed=$((passed + 1)); echo "ok $n - $1"
}
not_ok() {
    n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
    [ -n "${2:-}" ] && echo "#   $2"
    echo "#   exit status: $rc"
    sed -n '1,15s/^/#   stdout: /p' "$OUT"
    sed -n '1,15s/^/#   stderr: /p' "$ERR"
}
skip() {
    n=$((n + 1)); skipped=$((skipped + 1)); echo "ok $n - $1 # SKIP $2"
}
check() {
    name=$1; shift
    if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}
one_error_line() { [ "$(wc -l <"$ERR" | tr -d ' ')" = 1 ] && grep -q '^skillcert: ' "$ERR"; }
out_has() { grep -q -- "$1" "$OUT"; }
err_has() { grep -q -- "$1" "$ERR"; }
py() {
    name=$1
    if [ -z "$PY" ]; then skip "$name" "no python3"; return; fi
    if "$PY" -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
$2" "$OUT" >"$T/py.out" 2>&1; then ok "$name"; else not_ok "$name" "$(tail -n 3 "$T/py.out" | tr '\n' ' ')"; fi
}

# ---- set-up -------------------------------------------------------------------

run --actor city-bureau --db "$DB" init --development
check "init exits 0" test "$rc" = 0
run --actor city-bureau --db "$DB" eligibility rules load-defaults
check "rules load-defaults exits 0" test "$rc" = 0
check "rules load-defaults reports what it loaded" out_has "loaded the built-in eligibility rules"
run --actor city-bureau --db "$DB" eligibility rules load-defaults --json
py "a second load-defaults changes nothing" 'assert d["already_imported"] is True and d["records"] == 0, d'
run --db "$DB" --actor district:110105 eligibility rules load-defaults
check "rules load-defaults by a district is denied (exit 4)" test "$rc" = 4
check "the denial is one stderr line" one_error_line

# ---- rules list -----------------------------------------------------------------

# The stored rules export as a document that validates and imports into
# another registry, which then exports the same document.
run --db "$DB" export eligibility
check "export eligibility exits 0" test "$rc" = 0
cp "$OUT" "$T/rules.xml"
run validate "$T/rules.xml"
check "the exported rules validate as an eligibility document" \
    sh -c "test $rc = 0 && grep -q eligibility '$OUT'"
run --actor city-bureau --db "$T/other.db" init --development
run --db "$T/other.db" --actor city-bureau import "$T/rules.xml"
check "the exported rules import into another registry" \
    sh -c "test $rc = 0 && grep -q 'records' '$OUT'"
run --db "$T/other.db" export eligibility
check "the other registry exports the same document" cmp -s "$OUT" "$T/rules.xml"

run --db "$DB" eligibility rules list --date 2023-03-01
check "rules list exits 0" test "$rc" = 0
check "rules list shows the template" out_has "template-2018"
check "rules list shows a condition in plain words" \
    out_has "needs a level-5 (初级工) certificate of this or a related occupation and 4 years of work since it"
run --db "$DB" --json eligibility rules list --date 2023-03-01
py "rules list --json: five rule sets with their conditions" '
names = [r["name"] for r in d]
assert names == ["template-2018", "internet-marketer-2021", "ai-trainer-2021", "esports-player-2021", "uav-pilot-2021"], names
t = d[0]
assert t["occupation"] is None and t["effective"] == "2018-01-01", t
ids = [c["id"] for c in t["conditions"]]
assert ids == ["L5-a", "L5-b", "L4-a", "L4-b", "L4-c1", "L4-c2", "L3-a", "L3-b1", "L3-b2", "L3-c", "L2-a", "L2-b1", "L2-b2", "L1-a"], ids
for c in t["conditions"]:
    assert set(c) == {"id", "level", "work_type", "clause", "confidence", "text"}, c
    assert c["clause"].startswith("国家职业技能标准编制技术规程(2018年版) 申报条件 "), c
e = [r for r in d if r["occupation"] == "4-13-99-01"][0]
assert e["related"] == ["4-13-99-00"], e
'
run --db "$DB" --json eligibility rules list --date 2019-06-01
py "rules list before 2021: only the template" 'assert [r["name"] for r in d] == ["template-2018"], d'

# ---- candidate add / show ---------------------------------------------------------

cat >"$T/wang.json" <<'EOF'
{
  "id_number": "11010519491231002x",
  "name": "王芳",
  "education": [{"kind": "technical-school", "major": "市场营销", "related": false,
                 "graduated": "2015-07-01"}],
  "work": [{"occupation": "4—99—00—00", "from": "2019-03-01", "to": null}],
  "certificates": [{"kind": "skill-level", "occupation": "4-99-00-00", "work_type": "航拍",
                    "level": 5, "issued": "2019-03-01", "number": "S000011000000195000001"}],
  "evidence": [{"kind": "competition-award", "occupation": "4-99-00-00", "grade": "national",
                "date": "2022-09-01", "description": "全国无人机驾驶职业技能竞赛 二等奖"}]
}
EOF
run --actor city-bureau --db "$DB" candidate add "$T/wang.json"
check "candidate add as the city bureau is denied (exit 4)" test "$rc" = 4
check "the denial is one stderr line" one_error_line
run --db "$DB" --actor candidate:110105198001011238 candidate add "$T/wang.json"
check "candidate add by another candidate is denied (exit 4)" test "$rc" = 4
run --db "$DB" --actor candidate:11010519491231002X candidate add "$T/wang.json"
check "candidate add by the candidate themself exits 0" test "$rc" = 0
check "candidate add says what it saved" out_has "saved candidate 11010519491231002X"

run --db "$DB" --json candidate show 11010519491231002x
check "candidate show --json exits 0" test "$rc" = 0
cp "$OUT" "$T/shown.json"
py "candidate show --json: the record, normalised" '
assert d["id_number"] == "11010519491231002X" and d["name"] == "王芳", d
assert d["birth_date"] == "1949-12-31" and d["sex"] == "female", d
assert d["work"] == [{"occupation": "4-99-00-00", "from": "2019-03-01", "to": None}], d["work"]
assert d["certificates"][0]["level"] == 5 and d["certificates"][0]["work_type"] == "航拍", d
assert d["education"][0]["related"] is False and d["education"][0]["final_year"] is False, d
assert d["evidence"][0]["grade"] == 3, d["evidence"]
assert d["apprenticeship"] is None, d
'
run --db "$DB" --actor city-centre candidate add "$T/shown.json"
check "candidate add reads what show --json printed (city centre)" test "$rc" = 0
run --db "$DB" --json candidate show 11010519491231002X
if [ -n "$PY" ] && "$PY" -c 'import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
sys.exit(a != b)' "$T/shown.json" "$OUT"; then
    ok "show, add, show round-trips"
elif [ -z "$PY" ]; then skip "show, add, show round-trips" "no python3"
else not_ok "show, add, show round-trips"; fi

run --db "$DB" candidate show 11010519491231002X
check "candidate show (text) exits 0" test "$rc" = 0
check "candidate show (text) lists the certificate" out_has "level 5 (初级工), issued 2019-03-01"

run --db "$DB" candidate show 110105194912310021
check "candidate show of a mistyped ID exits 2" test "$rc" = 2
check "... with one stderr line naming the check character" one_error_line
check "... that says what it should be" err_has "should be X"
run --db "$DB" candidate show 110105198001011238
check "candidate show of an unknown candidate exits 2" test "$rc" = 2

cat >"$T/bad-field.json" <<'EOF'
{"id_number": "110105198001011238", "name": "李雷", "work": [{"occupation": "4-99-00-00", "form": "2019-03-01"}]}
EOF
run --db "$DB" --actor city-centre candidate add "$T/bad-field.json"
check "candidate add with an unknown field exits 2" test "$rc" = 2
check "... naming the record and the field" err_has "work\[0\]: unknown field 'form'"
cat >"$T/bad-date.json" <<'EOF'
{"id_number": "110105198001011238", "name": "李雷", "work": [{"occupation": "4-99-00-00", "from": "2019-02-30"}]}
EOF
run --db "$DB" --actor city-centre candidate add "$T/bad-date.json"
check "candidate add with a bad date exits 2" test "$rc" = 2
check "... naming the record" err_has "work\[0\]: "
printf '{"id_number": ' >"$T/broken.json"
run --db "$DB" --actor city-centre candidate add "$T/broken.json"
check "candidate add of broken JSON exits 2" test "$rc" = 2
check "... with one stderr line" one_error_line
run --db "$DB" --json candidate show 110105198001011238
check "nothing was saved by the failed adds" test "$rc" = 2

# ---- eligibility check ------------------------------------------------------------

run --db "$DB" eligibility check --id 11010519491231002X --occupation 4-99-00-00 --level 4 \
    --as-of 2022-02-28
check "check one day short exits 1" test "$rc" = 1
check "check one day short says what is missing" \
    out_has "needs 3 years of work since the level-5 (初级工) certificate (2019-03-01); has 2 years 11 months"
run --db "$DB" eligibility check --id 11010519491231002X --occupation 4-99-00-00 --level 4 \
    --date 2022-02-28
check "--date is the same day as --as-of (issue 13): exits 1" test "$rc" = 1
check "... and says what is missing" \
    out_has "needs 3 years of work since the level-5 (初级工) certificate (2019-03-01); has 2 years 11 months"
run --db "$DB" eligibility check --id 11010519491231002X --occupation 4-99-00-00 --level 4 \
    --date 2022-03-01
check "--date on the anniversary exits 0" test "$rc" = 0
run --db "$DB" --json eligibility check --id 11010519491231002X --occupation "4—99—00—00" \
    --work-type 航拍 --level 中级工 --as-of 2022-03-01
check "check on the anniversary exits 0" test "$rc" = 0
py "check --json: eligible under the drone standard, with every condition" '
assert d["eligible"] is True and d["reason_code"] == 0, d
assert d["matched"] == {"id": "L4-a", "clause": "无人机驾驶员国家职业技能标准(2021年版) 申报条件 四级/中级工 (1)"}, d["matched"]
assert d["rules"] == "uav-pilot-2021" and d["occupation"] == "4-99-00-00", d
assert d["level"] == 4 and d["path"] == "normal" and d["as_of"] == "2022-03-01", d
assert d["work_type"] == "航拍", d
ids = [c["id"] for c in d["conditions"]]
assert ids == ["L4-a", "L4-b", "L4-c", "L4-d"], ids
assert d["conditions"][0]["met"] is True and d["conditions"][0]["message"].startswith("met: ")
assert d["conditions"][2]["met"] is False, d["conditions"][2]
assert d["message"].startswith("eligible for level 4 (中级工) of 4-99-00-00 under condition L4-a"), d
'
run --db "$DB" --json eligibility check --id 11010519491231002X --occupation 4-02-07-10 \
    --level 4 --as-of 2022-03-01
check "the same record for a template occupation exits 1" test "$rc" = 1
py "check --json: refused under the template, per condition" '
assert d["eligible"] is False and d["reason_code"] == 20 and d["matched"] is None, d
assert d["rules"] == "template-2018", d
msgs = {c["id"]: c["message"] for c in d["conditions"]}
assert msgs["L4-a"] == "needs a level-5 (初级工) certificate of this or a related occupation; has none", msgs
assert msgs["L4-b"] == "needs 6 years of work in this or a related occupation; has none", msgs
'

run --db "$DB" --json eligibility check --id 11010519491231002X --occupation 4-99-00-00 \
    --level 4 --path exceptional --confirmed exceptional,direct --as-of 2023-01-01
check "an exceptional application for level 4 exits 1" test "$rc" = 1
py "check --json: exceptional path below level 3 is refused" '
assert d["reason_code"] == 17 and "only for level 3" in d["message"] and d["conditions"] == [], d
'
run --db "$DB" --json eligibility check --id 11010519491231002X --occupation 4-99-00-00 \
    --level 3 --path exceptional --as-of 2023-01-01
py "check --json: exceptional path needs confirmed rules" 'assert d["reason_code"] == 18, d'
run --db "$DB" --json eligibility check --id 11010519491231002X --occupation 4-99-00-00 \
    --level 3 --path exceptional --confirmed exceptional --as-of 2023-01-01
py "check --json: exceptional path needs evidence of it" 'assert d["reason_code"] == 21, d'

run --db "$DB" eligibility check --id 11010519491231002X --occupation 4-99-00-00 --level 4 \
    --path shortcut
check "an unknown path exits 2" test "$rc" = 2
check "... with one stderr line" one_error_line
run --db "$DB" eligibility check --id 11010519491231002X --occupation 4-99-00-00
check "check without --level exits 2" test "$rc" = 2
check "... with one stderr line" one_error_line
run --db "$DB" eligibility check --id 11010519491231002X --occupation 4-99 --level 4
check "check with a malformed code exits 2" test "$rc" = 2
run --db "$DB" eligibility check --id 11010519491231002X --occupation 4-99-00-00 --level 4 \
    --as-of 2022-02-30
check "check with a bad date exits 2" test "$rc" = 2
check "... with one stderr line" one_error_line
run --db "$DB" eligibility check --id 110105198001011238 --occupation 4-99-00-00 --level 4
check "check of an unknown candidate exits 2" test "$rc" = 2

# ---- rules import -------------------------------------------------------------------

cat >"$T/related.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<eligibility xmlns="urn:skillcert:eligibility:1" version="1" batch="test-related-1" issuer="city-bureau">
  <rules name="delivery-test" occupation="4-02-07-10" standard="网约配送员 test rules" effective="2022-01-01">
    <related occupation="4-99-00-00"/>
    <level value="4">
      <condition id="T4" clause="test clause (1)" confidence="I">
        <certificate level="5" work-years="3"/>
      </condition>
    </level>
  </rules>
</eligibility>
EOF
run --actor city-bureau --db "$DB" eligibility rules import "$T/related.xml"
check "rules import exits 0" test "$rc" = 0
check "rules import says what it imported" out_has "batch test-related-1"
run --db "$DB" --json eligibility check --id 11010519491231002X --occupation 4-02-07-10 \
    --level 4 --as-of 2022-03-01
check "with the drone pilot related, the delivery rules accept the record" test "$rc" = 0
py "check --json: the imported rules and their clause" '
assert d["rules"] == "delivery-test" and d["matched"] == {"id": "T4", "clause": "test clause (1)"}, d
'
run --actor city-bureau --db "$DB" eligibility rules import "$T/related.xml"
check "importing the same batch again exits 0" test "$rc" = 0
check "... and changes nothing" out_has "already imported"

sed 's/batch="test-related-1"/batch="test-related-2"/; s/name="delivery-test"/name="delivery-test-2"/; s/effective="2022-01-01"/effective="2022-06-01"/; s/<certificate level="5" work-years="3"\/>/<certificate work-years="3"\/>/' \
    "$T/related.xml" >"$T/bad-rules.xml"
run --actor city-bureau --db "$DB" eligibility rules import "$T/bad-rules.xml"
check "rules import of a certificate without a level exits 2" test "$rc" = 2
check "... listing FILE:LINE:COL: FIELD: message" \
    grep -q 'bad-rules\.xml:[0-9][0-9]*:[0-9][0-9]*: eligibility/rules\[1\]/level\[[0-9]*\]/condition\[1\]/certificate\[1\]/@level: <certificate> needs a level' "$ERR"
# The rules are public (issue 11): any party takes them, the public does not.
run --db "$DB" --actor public eligibility rules import "$T/related.xml"
check "rules import by the public is denied (exit 4)" test "$rc" = 4
run --db "$DB" --actor city-centre eligibility rules import "$T/related.xml"
check "rules import by the city centre (any party) exits 0" test "$rc" = 0
run --actor city-bureau --db "$DB" eligibility rules import "$T/no-such.xml"
check "rules import of a missing file exits 2" test "$rc" = 2
run --db "$DB" catalog export "$T/catalog.xml"
run --actor city-bureau --db "$DB" eligibility rules import "$T/catalog.xml"
check "rules import refuses a catalog document (exit 2)" test "$rc" = 2
check "... saying what it is" err_has "a catalog document, not eligibility rules"
run validate "$T/related.xml"
check "validate knows eligibility documents" out_has "valid (eligibility)"

# ---- help -----------------------------------------------------------------------------

run help eligibility check
check "help eligibility check shows its options" out_has "--occupation CODE"
run help candidate show
check "help candidate show documents the JSON" out_has "competition-award"
run --help
check "--help lists the eligibility group" out_has "eligibility check"
check "--help lists the candidate group" out_has "candidate add"

echo "1..$n"
[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
