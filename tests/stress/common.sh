# tests/stress/common.sh — shared by the stress scripts (sourced).
set -u
top_builddir=${top_builddir:-.}
SC="$top_builddir/tools/skillcert"
PY=${PYTHON:-/usr/bin/python3}
[ -x "$SC" ] || { echo "stress: $SC not found (build first)" >&2; exit 99; }
command -v sqlite3 >/dev/null || { echo "stress: sqlite3 is needed" >&2; exit 99; }
T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-stress.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
check() { if [ "$1" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $2"; fi; }
integrity() { [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ]; }
audit_ok() { "$SC" --db "$1" audit verify >/dev/null 2>&1; }
# ids N FILE: N valid resident ID numbers, one a line (distinct birth days and sequences)
ids() {
  "$PY" - "$1" "$2" "$3" <<'PY'
import sys
n, path, base = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
with open(path, "w") as f:
    for i in range(base, base + n):
        body = "110108%04d%02d%02d%03d" % (1960 + i % 40, 1 + i // 40 % 12, 1 + i // 480 % 28,
                                          i // 13440 % 1000)
        f.write(body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11] + "\n")
PY
}
cand_json() { printf '{"id_number": "%s", "name": "压力测试", "work": [{"occupation": "4-02-07-10", "from": "2010-01-01", "to": null}]}\n' "$1"; }
