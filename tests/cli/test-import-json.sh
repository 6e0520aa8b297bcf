#!/bin/sh
# tests/cli/test-import-json.sh — `skillcert --json import` of a document that
# fails prints its diagnostics as JSON on stdout (imported false, every
# problem with line, column and field), exits non-zero like the text form,
# and changes nothing; every problem `--json validate` finds is among them.
set -u
top_builddir=${top_builddir:-.}
SC="$top_builddir/tools/skillcert"
PY=${PYTHON:-/usr/bin/python3}
[ -x "$SC" ] || { echo "test-import-json: $SC not found"; exit 99; }
T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-import-json.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
n=0
failed=0
check() {
    n=$((n + 1))
    if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}
digest() { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }

DB="$T/r.db"
"$SC" --db "$DB" --actor city-bureau init --development >/dev/null 2>&1
check "init" '[ $? = 0 ]'
before=$(digest "$DB")

# Two problems the schema finds: a level that is no level, an occupation without a name.
cat >"$T/bad.xml" <<'XEOF'
<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:skillcert:catalog:1" version="1" batch="json-bad-1">
  <occupation code="7-01-01-01" name="测试职业" effective="2024-01-01">
    <offering level="9"/>
  </occupation>
  <occupation code="7-01-01-02" effective="2024-01-01">
    <offering level="5"/>
  </occupation>
</catalog>
XEOF

"$SC" --db "$DB" --actor city-bureau --json import "$T/bad.xml" >"$T/out" 2>"$T/err"
rc=$?
check "a failed --json import exits non-zero" '[ $rc != 0 ]'
check "it changed nothing" '[ "$(digest "$DB")" = "$before" ]'
check "its stdout is JSON saying imported false, with the diagnostics" '"$PY" - "$T/out" <<PYEOF
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["imported"] is False and d["file"].endswith("bad.xml"), d
assert d["code"] < 0 and d["error"], d
diags = d["diagnostics"]
assert len(diags) >= 2, diags
for x in diags:
    assert x["severity"] == "error" and x["message"] and x["line"] > 0, x
assert any(x["line"] == 4 for x in diags), diags
assert any(x["line"] == 6 for x in diags), diags
PYEOF'
check "the text diagnostics still go to stderr" 'grep -q "bad.xml:4" "$T/err"'

"$SC" --db "$DB" --json validate "$T/bad.xml" >"$T/vout" 2>"$T/verr"
check "every problem validate --json finds, the import reports too" '"$PY" - "$T/out" "$T/vout" <<PYEOF
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))["diagnostics"]
b = json.load(open(sys.argv[2], encoding="utf-8"))["diagnostics"]
key = lambda x: (x["line"], x["column"], x["field"], x["message"])
assert b and set(map(key, b)) <= set(map(key, a)), (a, b)
PYEOF'

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
