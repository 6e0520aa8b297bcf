# tests/cli/common.sh — shared set-up of the CLI tests that drive a whole
# registry (sourced with NAME set): the tool, a temporary registry, the
# check helpers (run, ok, not_ok, check, py, snapshot), the set-up helpers
# (must, filed_org, candidate_json, confirm_applicants) and the test actors.
top_builddir=${top_builddir:-.}
SKILLCERT="$top_builddir/tools/skillcert"

if [ ! -x "$SKILLCERT" ]; then
    echo "test-$NAME: $SKILLCERT not found (build it first, or set top_builddir)" >&2
    exit 99
fi

PY=
for p in "${PYTHON:-}" /usr/bin/python3 python3; do
    if [ -n "$p" ] && command -v "$p" >/dev/null 2>&1; then
        PY=$p
        break
    fi
done
SQLITE3=$(command -v sqlite3 2>/dev/null)

T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-$NAME.XXXXXX") || exit 99
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

A=91110108MA01ABCD2H        # 海淀区 110108
B=52110102MJ00123450        # 西城区 110102
AS_A="--actor organization:$A"
AS_B="--actor organization:$B"
AS_HAIDIAN="--actor district:110108"
AS_CENTRE="--actor city-centre"
AS_BUREAU="--actor city-bureau"
OCC=4-02-07-10              # 网约配送员
C1=11010519491231002X       # 王芳
C2=110105198001011238       # 李小明
C3=110108199003071238       # 张小三

run() {
    "$SKILLCERT" --db "$DB" "$@" >"$OUT" 2>"$ERR"
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

# py NAME SCRIPT: a Python check on $OUT (JSON loaded as `d`).
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

# The whole registry as text, to show a refused command changed nothing.
snapshot() {
    if [ -n "$SQLITE3" ]; then
        "$SQLITE3" "$DB" .dump >"$1"
    else
        cp "$DB" "$1"
    fi
}


# must ARGS...: a set-up step that must work; a failure ends the script.
must() {
    run "$@"
    if [ "$rc" != 0 ]; then
        not_ok "set-up: $*"
        echo "1..$n"
        echo "$passed passed, $failed failed"
        exit 1
    fi
}

# filed_org: a new registry where organization $A (海淀区) is filed for $OCC
# levels 5-1 (2023-05-10) and has signed its commitment (2023-05-12).
filed_org() {
    must --actor city-bureau init --development
    must $AS_A org register $A --name 北京智训科技有限公司 --kind enterprise --district 110108 --date 2023-01-05
    must $AS_A org apply $A $OCC:5,4,3,2,1 --date 2023-02-01
    must $AS_HAIDIAN org recommend $A --date 2023-02-10
    must $AS_CENTRE org evaluate $A --date 2023-03-01
    must $AS_CENTRE org notice $A --date 2023-03-10
    must $AS_CENTRE org file $A --date 2023-05-10
    must $AS_A org commit $A --date 2023-05-12
}

# candidate_json ID NAME: a candidate record (JSON) with work in $OCC since
# 2010 — eligible for levels 5 and 4 (L5-a, L4-b of the built-in rules).
candidate_json() {
    printf '{"id_number": "%s", "name": "%s", "work": [{"occupation": "%s", "from": "2010-01-01", "to": null}]}\n' \
        "$1" "$2" "$OCC"
}

# confirm_applicants LEVEL ID...: what lets recorded candidates (with
# candidate_json records) enrol in a session of $A for $OCC at LEVEL — only
# confirmed applicants enrol: the built-in eligibility rules, an intake
# announcement of $A, each candidate's application (applied for by the
# candidate on 2023-06-10), verified by $A and confirmed by 海淀区 (报名确认),
# each step as one batch. Uses the test's `must`; sets ANN to the
# announcement's id.
confirm_applicants() {
    level=$1; shift
    must --actor city-bureau eligibility rules load-defaults
    must $AS_A announce publish $A $OCC:5,4,3,2,1 --code CLI-2023 --title 新职业技能等级认定公告 \
        --opens 2023-06-01 --closes 2026-05-01 --fees "四级 400 元" --date 2023-06-01
    ANN=$(sed -n 's/^announcement \([0-9][0-9]*\) .*/\1/p' "$OUT")
    for who in "$@"; do
        must --actor candidate:$who apply "$ANN" $who $OCC:$level --date 2023-06-10
    done
    must $AS_A application verify --all-submitted --org $A --date 2023-06-12
    must $AS_HAIDIAN application confirm --all-verified --org $A --date 2023-06-15
}
