#!/bin/sh
# tests/cli/test-validate.sh — `skillcert validate` runs every check that needs no
# registry (issue 11, item 3): resident ID numbers (check character), credit codes
# (GB 32100), certificate numbers, calendar days, and occupations, work types and
# levels against the notice's catalog (京人社能发〔2022〕8号 附件1). Every problem is
# reported once, FILE:LINE:COL: FIELD: message, up to the error cap; a bad @level
# names the levels offered. An import reports a bad level once too.
set -u
top_builddir=${top_builddir:-.}
SC="$top_builddir/tools/skillcert"
PY=${PYTHON:-/usr/bin/python3}
[ -x "$SC" ] || { echo "test-validate: $SC not found"; exit 99; }
T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-validate.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
n=0
failed=0
check() {
    n=$((n + 1))
    if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}
A=91110108MA01ABCD2H

# A candidate batch with one problem of each kind, one per application.
cat >"$T/batch.xml" <<XEOF
<?xml version="1.0" encoding="UTF-8"?>
<candidate-batch xmlns="urn:skillcert:candidate-batch:1" version="1" batch="V-1" issuer="org:$A" addressee="district:110108" credit-code="$A" district="110108" announcement="2024-01">
  <application id-number="11010519491231002X" name="王五" occupation="4-02-07-10" level="7" path="normal" applied="2024-03-05" verified="2024-03-10" eligibility="L5-a"/>
  <application id-number="110105194912310021" name="李四" occupation="4-02-07-10" level="5" path="normal" applied="2024-03-05" verified="2024-03-10" eligibility="L5-a"/>
  <application id-number="11010519491231002X" name="赵六" occupation="4-02-07-10" level="5" path="normal" applied="2024-02-30" verified="2024-03-10" eligibility="L5-a"/>
  <application id-number="11010519491231002X" name="钱七" occupation="4-99-99-99" level="5" path="normal" applied="2024-03-05" verified="2024-03-10" eligibility="L5-a"/>
  <application id-number="11010519491231002X" name="孙八" occupation="4-04-05-05" level="5" path="normal" applied="2024-03-05" verified="2024-03-10" eligibility="L5-a"/>
  <application id-number="11010519491231002X" name="周九" occupation="4-02-07-10" level="4" path="normal" applied="2024-03-05" verified="2024-03-10" eligibility="L4-a"/>
</candidate-batch>
XEOF

"$SC" validate "$T/batch.xml" >"$T/out" 2>"$T/err"
rc=$?
check "validate of a batch with five problems exits 2" '[ $rc = 2 ]'
check "five problems, one line each (and the summary line)" \
    '[ "$(grep -c "batch.xml:[0-9]*:[0-9]*: " "$T/err")" = 5 ]'
check "a level not offered: @level at line 3, the levels offered listed" \
    'grep -q "batch\.xml:3:[0-9]*: candidate-batch/application\[1\]/@level: level 7 of 4-02-07-10 is not offered.*levels offered on 2024-03-05: 5, 4, 3, 2, 1" "$T/err"'
check "... once: no libxml2 facet message beside ours" '! grep -q "maxInclusive" "$T/err"'
check "a resident ID number with a wrong check character: @id-number at line 4" \
    'grep -q "batch\.xml:4:[0-9]*: candidate-batch/application\[2\]/@id-number: .*check character" "$T/err"'
check "a day not in the calendar: @applied at line 5, once" \
    '[ "$(grep -c "batch\.xml:5:[0-9]*: candidate-batch/application\[3\]/@applied: 2024-02-30 is not a day of the calendar" "$T/err")" = 1 ] && [ "$(grep -c "batch\.xml:5:" "$T/err")" = 1 ]'
check "an occupation not in the notice's catalog: @occupation at line 6" \
    'grep -q "batch\.xml:6:[0-9]*: candidate-batch/application\[4\]/@occupation: occupation 4-99-99-99 is not in the catalog" "$T/err"'
check "a level offered only per work type: @work-type at line 7, naming them" \
    'grep -q "batch\.xml:7:[0-9]*: candidate-batch/application\[5\]/@work-type: .*数据标注员" "$T/err"'
check "the good application (line 8) has no message" '! grep -q "batch\.xml:8:" "$T/err"'

"$SC" --json validate "$T/batch.xml" >"$T/out" 2>"$T/err"
check "--json validate lists the five with line, column and field" '"$PY" - "$T/out" <<PYEOF
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["valid"] is False and d["doctype"] == "candidate-batch", d
diags = [x for x in d["diagnostics"] if x["severity"] == "error"]
fields = [x["field"].rsplit("/", 1)[-1] for x in diags]
assert fields == ["@level", "@id-number", "@applied", "@occupation", "@work-type"], fields
assert [x["line"] for x in diags] == [3, 4, 5, 6, 7], diags
assert all(x["column"] > 0 for x in diags), diags
PYEOF'

# A credit code with a wrong check character, at the root.
sed "s/credit-code=\"$A\"/credit-code=\"91110108MA01ABCD2X\"/" "$T/batch.xml" >"$T/cc.xml"
"$SC" validate "$T/cc.xml" >"$T/out" 2>"$T/err"
check "a credit code with a wrong check character: the root's @credit-code at line 2" \
    'grep -q "cc\.xml:2:[0-9]*: candidate-batch/@credit-code: credit code 91110108MA01ABCD2X: check character" "$T/err"'

# A certificate batch: a number with level digit 7 (no level), a number whose level
# digit is not the level, and a good one.
cat >"$T/certs.xml" <<XEOF
<?xml version="1.0" encoding="UTF-8"?>
<certificate-batch xmlns="urn:skillcert:certificate-batch:1" version="1" batch="V-2" issuer="org:$A" addressee="city-centre" credit-code="$A" sent="2024-04-01">
  <certificate number="S000011100001247000001" holder="王五" id-number="11010519491231002X" occupation="4-02-07-10" level="5" certified="2024-03-15" issued="2024-03-15"/>
  <certificate number="S000011100001244000002" holder="王五" id-number="11010519491231002X" occupation="4-02-07-10" level="5" certified="2024-03-15" issued="2024-03-15"/>
  <certificate number="S000011100001245000003" holder="王五" id-number="11010519491231002X" occupation="4-02-07-10" level="5" certified="2024-03-15" issued="2024-03-15"/>
</certificate-batch>
XEOF
"$SC" validate "$T/certs.xml" >"$T/out" 2>"$T/err"
rc=$?
check "a certificate batch with two bad numbers exits 2" '[ $rc = 2 ]'
check "a number with no level digit: @number at line 3" \
    'grep -q "certs\.xml:3:[0-9]*: certificate-batch/certificate\[1\]/@number: " "$T/err"'
check "a number whose level digit is not the level: @level at line 4" \
    'grep -q "certs\.xml:4:[0-9]*: certificate-batch/certificate\[2\]/@level: level 5, but the certificate number S000011100001244000002 carries level 4" "$T/err"'
check "the good certificate (line 5) has no message" '! grep -q "certs\.xml:5:" "$T/err"'

# Every problem up to the cap: 150 bad ID numbers give the cap's worth and a stop.
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<candidate-batch xmlns=\"urn:skillcert:candidate-batch:1\" version=\"1\" batch=\"V-3\" issuer=\"org:$A\" addressee=\"district:110108\" credit-code=\"$A\" district=\"110108\" announcement=\"2024-01\">"
    i=0
    while [ $i -lt 150 ]; do
        echo "  <application id-number=\"110105194912310021\" name=\"李$i\" occupation=\"4-02-07-10\" level=\"5\" path=\"normal\" applied=\"2024-03-05\" verified=\"2024-03-10\" eligibility=\"L5-a\"/>"
        i=$((i + 1))
    done
    echo '</candidate-batch>'
} >"$T/many.xml"
"$SC" validate "$T/many.xml" >"$T/out" 2>"$T/err"
check "150 bad ID numbers: reported up to the cap, then a stop" \
    '[ "$(grep -c "@id-number" "$T/err")" -ge 50 ] && [ "$(grep -c "@id-number" "$T/err")" -lt 150 ] && grep -q "too many errors" "$T/err"'

# An import says a bad level once (the handler's word; libxml2's is not repeated).
DB="$T/r.db"
"$SC" --db "$DB" --actor city-bureau init --development >/dev/null 2>&1
cat >"$T/cat.xml" <<'XEOF'
<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:skillcert:catalog:1" version="1" batch="V-4" issuer="city-bureau">
  <occupation code="4-04-05-99" name="测试职业" effective="2024-01-01">
    <offering level="7"/>
  </occupation>
</catalog>
XEOF
"$SC" --db "$DB" --actor city-bureau import "$T/cat.xml" >"$T/out" 2>"$T/err"
rc=$?
check "an import of a level 7 offering exits 2" '[ $rc = 2 ]'
check "... with one message on @level, at line 4" \
    '[ "$(grep -c "cat\.xml:4:[0-9]*: catalog/occupation\[1\]/offering\[1\]/@level" "$T/err")" = 1 ]'
check "validate names the calendar for an effective day that is none" \
    'sed "s/level=\"7\"/level=\"5\"/; s/2024-01-01/2023-02-29/" "$T/cat.xml" >"$T/day.xml" && ! "$SC" validate "$T/day.xml" >"$T/out" 2>"$T/err" && [ "$(grep -c "@effective: 2023-02-29 is not a day of the calendar" "$T/err")" = 1 ] && ! grep -q "atomic type" "$T/err"'

echo "1..$n"
[ $failed = 0 ]
