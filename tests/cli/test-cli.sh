#!/bin/sh
# tests/cli/test-cli.sh — black-box tests of the skillcert command-line tool.
#
# Runs $top_builddir/tools/skillcert against registries in a temporary
# directory. Prints one "ok N - ..." / "not ok N - ..." line per check and
# ends with "N passed, N failed"; exits non-zero when any check failed.

top_builddir=${top_builddir:-.}
SKILLCERT="$top_builddir/tools/skillcert"

if [ ! -x "$SKILLCERT" ]; then
    echo "test-cli: $SKILLCERT not found (build it first, or set top_builddir)" >&2
    exit 99
fi

# Debian's interpreter, whatever shim is first on PATH.
PY=
for p in "${PYTHON:-}" /usr/bin/python3 python3; do
    if [ -n "$p" ] && command -v "$p" >/dev/null 2>&1; then
        PY=$p
        break
    fi
done

T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-cli.XXXXXX") || exit 99
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

# run ARGS...: run the tool; sets $rc, output in $OUT and $ERR.
run() {
    "$SKILLCERT" "$@" >"$OUT" 2>"$ERR"
    rc=$?
}

ok() {
    n=$((n + 1))
    passed=$((passed + 1))
    echo "ok $n - $1"
}

not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
    [ -n "${2:-}" ] && echo "#   $2"
    echo "#   exit status: $rc"
    sed -n '1,15s/^/#   stdout: /p' "$OUT"
    sed -n '1,15s/^/#   stderr: /p' "$ERR"
}

skip() {
    n=$((n + 1))
    skipped=$((skipped + 1))
    echo "ok $n - $1 # SKIP $2"
}

# check NAME CONDITION-COMMAND...: pass when the command succeeds.
check() {
    name=$1
    shift
    if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

stderr_lines() { wc -l <"$ERR" | tr -d ' '; }
one_error_line() { [ "$(stderr_lines)" = 1 ] && grep -q '^skillcert: ' "$ERR"; }
out_has() { grep -q -- "$1" "$OUT"; }
err_has() { grep -q -- "$1" "$ERR"; }

# py NAME SCRIPT: run a Python check on $OUT (json loaded as `d`).
py() {
    name=$1
    if [ -z "$PY" ]; then
        skip "$name" "no python3"
        return
    fi
    if "$PY" -c "import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
$2" "$OUT" >"$T/py.out" 2>&1; then
        ok "$name"
    else
        not_ok "$name" "$(tail -n 3 "$T/py.out" | tr '\n' ' ')"
    fi
}

# ---- init ---------------------------------------------------------------------

run --actor city-bureau --db "$DB" init --development
check "init exits 0" test "$rc" = 0
check "init creates the registry file" test -f "$DB"
check "init reports the 20 occupations it loaded" out_has "20 occupations"
check "init prints the command that loads the eligibility rules (issue 13)" \
    out_has "eligibility rules load-defaults"

run --db "$DB" --json catalog list
check "catalog list --json exits 0" test "$rc" = 0
cp "$OUT" "$T/list.json"

py "catalog list --json: 20 occupations with every field" '
assert len(d) == 20, len(d)
for o in d:
    for k in ("code", "name", "effective", "withdrawn", "aliases", "work_types", "offerings"):
        assert k in o, (o.get("code"), k)
    assert o["effective"] == "2022-04-12", o
    assert o["withdrawn"] is None, o
    for f in o["offerings"]:
        assert set(f) == {"work_type", "level", "level_name", "effective", "withdrawn"}, f
codes = [o["code"] for o in d]
assert codes == sorted(codes), codes
assert "4-13-99-01" in codes and "4-99-00-00" in codes
names = {"4-02-07-10": "网约配送员", "4-04-05-05": "人工智能训练师", "6-31-01-10": "工业机器人系统运维员"}
for c, nm in names.items():
    assert [o["name"] for o in d if o["code"] == c] == [nm], c
'

py "catalog list --json: 4-04-05-04 offers 5,4,1 undivided and 3,2 per direction" '
o = [o for o in d if o["code"] == "4-04-05-04"][0]
dirs = ["建筑工程", "机电工程", "装饰装修工程", "市政工程", "公路工程", "铁路工程"]
assert sorted(o["work_types"]) == sorted(dirs), o["work_types"]
got = sorted(((f["work_type"] or ""), f["level"]) for f in o["offerings"])
want = sorted([("", 5), ("", 4), ("", 1)] + [(w, l) for w in dirs for l in (3, 2)])
assert got == want, got
names = {5: "初级工", 4: "中级工", 3: "高级工", 2: "技师", 1: "高级技师"}
assert all(f["level_name"] == names[f["level"]] for f in o["offerings"])
'

py "catalog list --json: 4-01-02-07 has 4 work types with 5 levels each" '
o = [o for o in d if o["code"] == "4-01-02-07"][0]
wts = ["选品员", "直播销售员", "视频创推员", "平台管理员"]
assert sorted(o["work_types"]) == sorted(wts), o["work_types"]
got = sorted((f["work_type"] or "", f["level"]) for f in o["offerings"])
assert got == sorted((w, l) for w in wts for l in range(1, 6)), got
'

py "catalog list --json: 4-14-02-04 offers 5,4,3,2 undivided and 1 per direction" '
o = [o for o in d if o["code"] == "4-14-02-04"][0]
dirs = ["医学遗传", "儿童发展", "医学母胎"]
assert sorted(o["work_types"]) == sorted(dirs), o["work_types"]
got = sorted((f["work_type"] or "", f["level"]) for f in o["offerings"])
want = sorted([("", l) for l in (5, 4, 3, 2)] + [(w, 1) for w in dirs])
assert got == want, got
'

py "catalog list --json: occupations without work types are undivided" '
o = [o for o in d if o["code"] == "4-02-06-05"][0]
assert o["work_types"] == [], o
assert sorted((f["work_type"], f["level"]) for f in o["offerings"]) == [(None, 1), (None, 2), (None, 3)]
'

run --db "$DB" catalog list
check "catalog list (text) exits 0" test "$rc" = 0
check "catalog list (text) shows levels by number and name" out_has "5 初级工"
check "catalog list (text) shows the undivided group" out_has "(不分方向)"
check "catalog list (text) has the 20 codes" test "$(grep -c '^[0-9]-[0-9][0-9]-[0-9][0-9]-[0-9][0-9] ' "$OUT")" = 20

run --db "$DB" --json catalog list --date 2020-01-01
py "catalog list --date before the notice is empty" 'assert d == [], d'

# ---- show ---------------------------------------------------------------------

run --db "$DB" catalog show "4—14—02—04" --json
check "catalog show accepts a code with em dashes" test "$rc" = 0
py "catalog show --json gives one object" '
assert isinstance(d, dict) and d["code"] == "4-14-02-04" and d["name"] == "出生缺陷防控咨询师", d
assert len(d["offerings"]) == 7, d["offerings"]
'

run --db "$DB" --json catalog show 4-13-99-00
py "catalog show by alias (4-13-99-00) finds 电子竞技员 4-13-99-01" '
assert d["code"] == "4-13-99-01" and d["name"] == "电子竞技员", d
assert "4-13-99-00" in d["aliases"], d
'

run --db "$DB" catalog show 4-04-05-04
check "catalog show (text) exits 0" test "$rc" = 0
check "catalog show (text) lists a direction with its levels" \
    grep -q '建筑工程 *3 高级工, 2 技师' "$OUT"

run --db "$DB" catalog show 4-04-05-99
check "catalog show of an unknown code exits 2" test "$rc" = 2
check "catalog show of an unknown code prints one error line" one_error_line

# ---- check --------------------------------------------------------------------

run --db "$DB" catalog check 4-04-05-04 --level 3
check "check 4-04-05-04 level 3 without direction exits 1" test "$rc" = 1
check "check 4-04-05-04 level 3 without direction gives a reason" \
    grep -q '^not certifiable: ..*' "$OUT"

run --db "$DB" --json catalog check 4-04-05-04 --level 3
py "check --json: work type required (reason_code 4)" '
assert d == {"certifiable": False, "reason": d["reason"], "reason_code": 4}, d
assert isinstance(d["reason"], str) and d["reason"], d
'

run --db "$DB" catalog check 4-04-05-04 --work-type 建筑工程 --level 3
check "check 4-04-05-04 建筑工程 level 3 exits 0" test "$rc" = 0
check "check 4-04-05-04 建筑工程 level 3 says certifiable" out_has "^certifiable"

run --db "$DB" catalog check 4-04-05-04 --work-type 建筑工程 --level 高级工
check "check accepts a level name (高级工)" test "$rc" = 0

run --db "$DB" catalog check 4-04-05-04 --work-type 建筑工程 --level 5
check "check 4-04-05-04 建筑工程 level 5 (undivided only) exits 1" test "$rc" = 1

run --db "$DB" catalog check "4—14—02—04" --work-type 医学遗传 --level 1 --json
check "check 4—14—02—04 医学遗传 level 1 exits 0" test "$rc" = 0
py "check 4—14—02—04 医学遗传 level 1 --json is certifiable" '
assert d == {"certifiable": True, "reason": None, "reason_code": 0}, d
'

run --db "$DB" catalog check 4-04 --level 3
check "check of a malformed code exits >= 2" test "$rc" -ge 2
check "check of a malformed code prints exactly one stderr line" one_error_line
check "check of a malformed code prints nothing on stdout" test ! -s "$OUT"

run --db "$DB" catalog check 4-04-05-04 --level 6
check "check of level 6 exits >= 2" test "$rc" -ge 2
check "check of level 6 prints exactly one stderr line" one_error_line

run --db "$DB" catalog check 4-04-05-04 --level 3 --date 2022-13-45
check "check of a bad date exits >= 2" test "$rc" -ge 2
check "check of a bad date prints exactly one stderr line" one_error_line

run --db "$DB" catalog check 4-04-05-99 --level 3
check "check of an unknown code exits 1" test "$rc" = 1
run --db "$DB" catalog check 4-04-05-99 --level 3 --json
py "check of an unknown code --json: reason_code 1" '
assert d["certifiable"] is False and d["reason_code"] == 1, d
'

run --db "$DB" catalog check 4-02-07-10 --level 5 --date 2020-01-01
check "check before the notice (2020-01-01) exits 1" test "$rc" = 1
run --db "$DB" catalog check 4-02-07-10 --level 5 --date 2020-01-01 --json
py "check before the notice --json: not certifiable" 'assert d["certifiable"] is False and d["reason_code"] != 0, d'
run --db "$DB" catalog check 4-02-07-10 --level 5 --date 2022-04-12
check "check on the notice's date exits 0" test "$rc" = 0

run --db "$DB" catalog check 4-04-05-04
check "check without --level is a usage error (exit 2)" test "$rc" = 2
check "check without --level prints exactly one stderr line" one_error_line

# ---- global options, environment, usage errors ------------------------------

SKILLCERT_DB="$DB" "$SKILLCERT" catalog check 4-02-07-10 --level 中级工 >"$OUT" 2>"$ERR"
rc=$?
check "SKILLCERT_DB names the default registry" test "$rc" = 0

run catalog check --db="$DB" 4-02-07-10 --json --level=4
check "global options after the command and --opt=value work" test "$rc" = 0
py "global --json after the command gives JSON" 'assert d["certifiable"] is True, d'

run --db "$T/missing.db" catalog list
check "a missing registry exits 3" test "$rc" = 3
check "a missing registry prints exactly one stderr line" one_error_line
check "a read command does not create the registry" test ! -e "$T/missing.db"

run
check "no command exits 2" test "$rc" = 2
check "no command prints exactly one stderr line" one_error_line
run frobnicate
check "an unknown command exits 2" test "$rc" = 2
check "an unknown command prints exactly one stderr line" one_error_line
run --db "$DB" catalog list --frobnicate
check "an unknown option exits 2" test "$rc" = 2
check "an unknown option prints exactly one stderr line" one_error_line
run --db "$DB" --actor mayor catalog list
check "an unknown actor kind exits 2" test "$rc" = 2
check "an unknown actor kind prints exactly one stderr line" one_error_line

run --help
check "--help exits 0" test "$rc" = 0
for c in init "catalog import" "catalog list" "catalog show" "catalog check" "catalog export" validate version; do
    check "--help lists '$c'" out_has "$c"
done
check "--help documents the exit statuses" out_has "exit status"
run help catalog check
check "help catalog check shows its options" out_has "--work-type NAME"
run catalog check --help
check "catalog check --help exits 0" test "$rc" = 0
run version
check "version exits 0" test "$rc" = 0
check "version prints the library version" out_has "libskillcert"

# ---- validate, export, import -------------------------------------------------

cat >"$T/broken.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<catalog xmlns="urn:skillcert:catalog:1">
  <occupation code="4-04-05-04">
</catalog>
EOF
run validate "$T/broken.xml"
check "validate of malformed XML exits 2" test "$rc" = 2
check "validate of malformed XML gives line:col" grep -q 'broken\.xml:[0-9][0-9]*:[0-9][0-9]*:' "$ERR"
check "validate of malformed XML prints nothing on stdout" test ! -s "$OUT"

cat >"$T/doctype.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE catalog [ <!ENTITY a "aaaaaaaaaa"> ]>
<catalog xmlns="urn:skillcert:catalog:1">&a;</catalog>
EOF
run validate "$T/doctype.xml"
check "validate refuses a DOCTYPE (exit 2)" test "$rc" = 2

run validate "$T/no-such-file.xml"
check "validate of a missing file exits 2" test "$rc" = 2
check "validate of a missing file prints exactly one stderr line" one_error_line

run --db "$DB" catalog export
check "catalog export to stdout exits 0" test "$rc" = 0
cp "$OUT" "$T/export.xml"
check "catalog export output is XML" grep -q '<catalog' "$T/export.xml"
run validate "$T/export.xml"
check "the exported catalog validates" test "$rc" = 0
check "validate says valid (catalog)" out_has "export.xml: valid (catalog)"

run --db "$DB" catalog export "$T/export2.xml"
check "catalog export FILE exits 0" test "$rc" = 0
run validate "$T/export2.xml"
check "the exported catalog FILE validates" test "$rc" = 0
run --db "$DB" catalog export --output "$T/export3.xml"
check "catalog export --output FILE exits 0" test "$rc" = 0
check "... the same document as catalog export FILE" cmp -s "$T/export2.xml" "$T/export3.xml"
run --db "$DB" catalog export "$T/export4.xml" --output "$T/export5.xml"
check "catalog export FILE --output FILE is refused (exit 2)" test "$rc" = 2

run --actor city-bureau --db "$T/copy.db" init --catalog "$T/export.xml" --development
check "init --catalog imports an exported catalog" test "$rc" = 0
run --db "$T/copy.db" --json catalog list
py "the imported copy has 20 occupations" 'assert len(d) == 20, len(d)'
run --db "$T/copy.db" --json catalog check 4-04-05-04 --work-type 铁路工程 --level 2
py "the imported copy answers like the original" 'assert d["certifiable"] is True, d'

run --actor city-bureau --db "$DB" catalog import "$T/broken.xml"
check "catalog import of malformed XML exits 2" test "$rc" = 2
check "catalog import of malformed XML lists FILE:LINE:COL: diagnostics" \
    grep -q '^[^ ]*broken\.xml:[0-9][0-9]*:[0-9][0-9]*: ' "$ERR"

run --db "$T/public.db" --actor public init --development
check "init as the public is denied (exit 4)" test "$rc" = 4
check "init as the public prints exactly one stderr line" one_error_line

# No default actor for a change (issue 11): refused before anything is touched.
run --db "$T/nobody.db" init
check "init without --actor is refused (exit 2)" test "$rc" = 2
check "init without --actor prints exactly one stderr line" one_error_line
check "init without --actor says to name the actor" err_has "say who acts with --actor"
check "init without --actor creates no registry" test ! -e "$T/nobody.db"

# Issue 12: a new registry says how it trusts documents: an anchor, or development.
run --actor city-bureau --db "$T/untrusting.db" init
check "init without --trust-anchor or --development is refused (exit 2)" test "$rc" = 2
check "... with exactly one stderr line" one_error_line
check "... naming --trust-anchor" err_has "--trust-anchor ROOT.pem"
check "... and --development" err_has "--development"
check "... and creates no registry" test ! -e "$T/untrusting.db"
run --actor city-bureau --db "$T/both.db" init --development --trust-anchor "$T/none.pem"
check "init with both --trust-anchor and --development is refused (exit 2)" \
    sh -c "test $rc = 2 && test ! -e '$T/both.db'"
run --actor city-bureau --db "$T/dev.db" init --development --catalog "$T/export.xml"
check "init --development creates the registry and imports an unsigned catalog (exit 0)" \
    test "$rc" = 0
check "... warning on one stderr line that unsigned documents are accepted" \
    sh -c "test \"\$(wc -l <'$ERR')\" = 1 && grep -q 'warning: a development registry.*unsigned' '$ERR'"
run --db "$T/dev.db" --json keys development
py "keys development: on" 'assert d == {"development": True}, d'
run --actor city-bureau --db "$T/dev.db" init --catalog "$T/export.xml"
check "init of an existing registry needs neither flag" test "$rc" = 0
run --actor city-centre --db "$T/dev.db" keys development off
check "only the city bureau switches development (exit 4)" test "$rc" = 4
run --actor city-bureau --db "$T/dev.db" keys development off
check "the city bureau switches development off" sh -c "test $rc = 0 && grep -q 'development off' '$OUT'"
run --db "$T/dev.db" --json audit list
check "... audited (pki.development_set)" grep -q "pki.development_set" "$OUT"
run --actor city-bureau --db "$T/dev.db" catalog import "$T/export.xml"
check "switched off, an unsigned document is refused (exit 2)" test "$rc" = 2
check "... saying to sign it or use a development registry" \
    sh -c "grep -q 'signature refused (unsigned)' '$ERR' && grep -q 'skillcert sign' '$ERR' && grep -q 'development' '$ERR'"
run --db "$DB" org register 91110105MA01CHY00K --name 某公司 --kind enterprise --district 110105
check "a change without --actor is refused (exit 2)" test "$rc" = 2
check "a change without --actor names --actor" err_has "no default actor for a change"
run --db "$DB" catalog list
check "a read needs no --actor" test "$rc" = 0

# ---- idempotence ----------------------------------------------------------------

run --actor city-bureau --db "$DB" init --development
check "a second init exits 0" test "$rc" = 0
check "a second init says already imported" out_has "already imported"
run --actor city-bureau --db "$DB" --json init --development
py "init --json: already imported, 20 occupations" '
assert d["created"] is False and d["catalog"]["already_imported"] is True, d
assert d["catalog"]["occupations"] == 20, d
'
run --db "$DB" --json catalog list
if [ -n "$PY" ] && "$PY" -c 'import json, sys
a, b = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:3])
sys.exit(a != b)' "$T/list.json" "$OUT"; then
    ok "the catalog is unchanged after a second init"
elif [ -z "$PY" ]; then
    skip "the catalog is unchanged after a second init" "no python3"
else
    not_ok "the catalog is unchanged after a second init"
fi

echo "1..$n"
[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
