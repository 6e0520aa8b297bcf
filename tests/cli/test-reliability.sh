#!/bin/sh
# What a probe of the registry found (issue 15), each fixed and kept fixed:
#  1. a known batch id never wins over a broken or changed document: the
#     document is read and validated first; the same content again is a no-op
#     that says so, other content under the same id is a conflict naming the
#     batch and the first record that differs;
#  2. a registry the process may not write (file 0444 in a 0555 directory, a
#     read-only mount) opens for reading: audit verify and cert verify work;
#  3. an unknown schema version (PRAGMA user_version) is refused by number;
#  4. numbers and dates on the command line are parsed strictly;
#  5. messages name the real cause (a truncated file, a full disk).
NAME=reliability
. "$(dirname "$0")/common.sh"

DEMO="$top_builddir/examples/demo"
[ -x "$DEMO" ] || { echo "test-reliability: $DEMO not found" >&2; exit 99; }
CATALOG="$(dirname "$0")/../../data/catalog-2022-8.xml"
chmod 755 "$T"

dump() { "$SQLITE3" "$1" .dump | sha256sum | cut -d' ' -f1; }
not_has() { ! grep -q -- "$1" "$2"; }

# ---- 1. a batch id is a promise ------------------------------------------------

must $AS_BUREAU init --development
before=$(dump "$DB")
head -c 2000 "$CATALOG" >"$T/cut.xml"
run validate "$T/cut.xml"
check "validate refuses a catalog cut short" test "$rc" = 2
run $AS_BUREAU import "$T/cut.xml"
check "importing it under a known batch id exits 2, not 0" test "$rc" = 2
check "it says the document is not well-formed" err_has "not well-formed"
check "it does not say 'already imported'" sh -c "! grep -q 'already imported' '$OUT' '$ERR'"
check "the registry is unchanged" test "$(dump "$DB")" = "$before"

printf '\000' | cat "$CATALOG" - >"$T/nul.xml"
run $AS_BUREAU import "$T/nul.xml"
check "a NUL after the root under a known batch id is refused (exit 2)" test "$rc" = 2
check "it is not reported as already imported" not_has "already imported" "$OUT"

sed 's/issued="2022-04-12">/issued="2022-04-12" bogus="1">/' "$CATALOG" >"$T/invalid.xml"
run $AS_BUREAU import "$T/invalid.xml"
check "a schema-invalid root under a known batch id is refused (exit 2)" test "$rc" = 2
check "the schema error is reported" err_has "bogus"

sed 's/^  <!-- 1 -->$/\n\n  <!-- the first -->/; s/"\/>/" \/>/' "$CATALOG" >"$T/relaid.xml"
run $AS_BUREAU import "$T/relaid.xml"
check "the same content laid out differently is a no-op (exit 0)" test "$rc" = 0
check "it says already imported; nothing changed" out_has "already imported; nothing changed"
check "the registry is unchanged" test "$(dump "$DB")" = "$before"

sed 's/name="连锁经营管理师"/name="连锁经营管理员"/' "$CATALOG" >"$T/changed.xml"
run $AS_BUREAU import "$T/changed.xml"
check "a changed record under the same batch id is refused (exit 2)" test "$rc" = 2
check "the conflict names the batch" err_has "batch 'bj-2022-8-catalog' was imported before with different content"
check "the conflict names the first differing record and its line" \
    err_has 'changed.xml:8:[0-9]*: .*record 1 <occupation code="4—01—02—06">'
check "the registry is unchanged" test "$(dump "$DB")" = "$before"

sed 's/issued="2022-04-12"/issued="2022-04-13"/' "$CATALOG" >"$T/root.xml"
run $AS_BUREAU import "$T/root.xml"
check "a changed root attribute is a conflict too" \
    sh -c "test $rc = 2 && grep -q 'attributes of the root element differ' '$ERR'"

# a record dropped at the end: the batch held one more
"$PY" - "$CATALOG" "$T/short.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.rfind("<occupation ")
j = s.find("</occupation>", i) + len("</occupation>")
open(sys.argv[2], "w", encoding="utf-8").write(s[:i] + s[j:])
PY
run $AS_BUREAU import "$T/short.xml"
check "a record missing at the end is a conflict naming it" \
    sh -c "test $rc = 2 && grep -q 'held 20 records, this document 19 (record 20 is missing)' '$ERR'"
check "the registry is still unchanged" test "$(dump "$DB")" = "$before"

# ---- 2. a registry this process may not write ------------------------------------

"$DEMO" "$T/demo.db" >"$T/demo.out" 2>&1 || { echo "test-reliability: the demo failed" >&2; exit 99; }
N1=$(grep -oE '张三: reported, issued, published — [SY][0-9A-Z]{21}' "$T/demo.out" | grep -oE '[SY][0-9A-Z]{21}$')
mkdir "$T/ro"
cp "$T/demo.db" "$T/ro/registry.db"
chmod 0444 "$T/ro/registry.db"
chmod 0555 "$T/ro"
# root writes anywhere: drop to nobody, who may not, to test what an operator sees
AS_USER=
if [ "$(id -u)" = 0 ]; then
    AS_USER="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
ro_run() { ro_db=$1; shift; $AS_USER "$SKILLCERT" --db "$ro_db" "$@" >"$OUT" 2>"$ERR"; rc=$?; }
ro_run "$T/ro/registry.db" audit verify
check "audit verify on a 0444 file in a 0555 directory exits 0" test "$rc" = 0
check "it reports the chain intact" out_has "audit trail intact"
ro_run "$T/ro/registry.db" cert verify "$N1" --name 张三
check "cert verify on that file exits 0 (valid)" test "$rc" = 0
check "nothing was written beside the file" test "$(ls "$T/ro")" = registry.db
ro_run "$T/ro/registry.db" $AS_A org register $B --name 北京 --kind enterprise --district 110102
check "a change to it fails saying the file is read-only (exit 3)" \
    sh -c "test $rc = 3 && grep -q 'cannot be opened for writing: the file, its directory' '$ERR'"

if [ "$(id -u)" = 0 ]; then
    mkdir "$T/mnt"
    cp "$T/demo.db" "$T/rw.db"
    unshare -m sh -c "mount --bind '$T' '$T/mnt' && mount -o remount,bind,ro '$T/mnt' &&
        '$SKILLCERT' --db '$T/mnt/rw.db' audit verify &&
        '$SKILLCERT' --db '$T/mnt/rw.db' cert verify '$N1' --name 张三" >"$OUT" 2>"$ERR"
    rc=$?
    check "audit verify and cert verify on a read-only mount exit 0" test "$rc" = 0
fi

# ---- 3. an unknown schema version ---------------------------------------------------

cp "$T/demo.db" "$T/v.db"
"$SQLITE3" "$T/v.db" 'PRAGMA user_version = -1'
run --db "$T/v.db" audit verify
check "user_version -1 is refused (exit 3)" test "$rc" = 3
check "by its number" err_has "not a registry of a known version: schema version -1"
check "not by a failing migration" sh -c "! grep -q 'already exists' '$ERR'"
"$SQLITE3" "$T/v.db" 'PRAGMA user_version = 99999'
run --db "$T/v.db" catalog list
check "a future user_version is refused by number (exit 3)" \
    sh -c "test $rc = 3 && grep -q 'schema version 99999' '$ERR'"

# ---- 4. strict numbers and dates ----------------------------------------------------

for s in 0x50 " 80" 8e1 +80 80. nan inf 1e2 "80 "; do
    run $AS_A result record 1 $C1 --theory "$s"
    check "score '$s' is refused (exit 2)" sh -c "test $rc = 2 && grep -q 'is not a score' '$ERR'"
done
for s in 80 72.5 0 100; do
    run $AS_A result record 1 $C1 --theory "$s"
    check "score '$s' parses (then the session is unknown)" not_has "is not a score" "$ERR"
done
run $AS_A result record 9223372036854775808 $C1 --theory 80
check "session 9223372036854775808 is out of range (exit 2)" \
    sh -c "test $rc = 2 && grep -q 'out of range' '$ERR'"
run export results-report --org $A --session 9223372036854775808
check "--session 9223372036854775808 is out of range (exit 2)" \
    sh -c "test $rc = 2 && grep -q 'out of range' '$ERR'"
run export results-report --org $A --session " 5"
check "--session ' 5' is refused (exit 2)" test "$rc" = 2
run session show 0x10
check "an id in hex is refused (exit 2)" test "$rc" = 2
run export catalog --date JUNK
check "export catalog --date JUNK is refused (exit 2)" \
    sh -c "test $rc = 2 && grep -q \"'JUNK' is not a date\" '$ERR'"
run export catalog --date 2023-02-30
check "export catalog --date 2023-02-30 is refused (exit 2)" test "$rc" = 2
run export catalog --date 2023-02-28
check "export catalog --date 2023-02-28 works" test "$rc" = 0

# ---- 5. messages name the real cause ------------------------------------------------

head -c 40000 "$T/demo.db" >"$T/cut.db"
run --db "$T/cut.db" audit verify
check "a truncated registry is refused (exit 3)" test "$rc" = 3
check "as truncated or corrupt" err_has "truncated or corrupt"
check "not as a WAL failure" sh -c "! grep -q 'WAL' '$ERR'"
run --db "$T/cut.db" $AS_A org register $B --name x --kind enterprise --district 110102
check "a read-write open says the same" \
    sh -c "test $rc = 3 && grep -q 'truncated or corrupt' '$ERR' && ! grep -q WAL '$ERR'"

if [ "$(id -u)" = 0 ]; then
    # a small tmpfs holding a copy of the registry, the rest filled up
    mkdir "$T/full"
    size=$(( $(stat -c %s "$T/demo.db") / 1024 + 64 ))
    unshare -m sh -c "mount -t tmpfs -o size=${size}k tmpfs '$T/full' &&
        cp '$T/demo.db' '$T/full/registry.db' &&
        { dd if=/dev/zero of='$T/full/filler' bs=4k 2>/dev/null; true; } &&
        '$SKILLCERT' --db '$T/full/registry.db' audit verify" >"$OUT" 2>"$ERR"
    rc=$?
    check "on a full disk, opening the registry fails (exit 3)" test "$rc" = 3
    check "saying the disk is full" err_has "disk is full"
fi

# ---- backup and check ------------------------------------------------------------

cp "$T/demo.db" "$T/live.db"
# a writer goes on while the backup is taken
"$SQLITE3" "$T/live.db" "CREATE TABLE scratch(i INTEGER)"
( i=0; while [ $i -lt 200 ]; do
      "$SQLITE3" -cmd ".timeout 5000" "$T/live.db" "INSERT INTO scratch VALUES ($i)" || exit 1
      i=$((i + 1)); done ) &
wpid=$!
run --db "$T/live.db" backup "$T/copy.db"
check "backup exits 0" test "$rc" = 0
check "backup says where" out_has "copy.db: backup of"
wait "$wpid"
check "the writer went on beside the backup" test $? = 0
run --db "$T/copy.db" check
check "check on the copy exits 0" test "$rc" = 0
check "check prints integrity, foreign keys and the audit chain" \
    sh -c "grep -q 'integrity: ok' '$OUT' && grep -q 'foreign keys: ok' '$OUT' && grep -q 'audit trail: intact' '$OUT'"
run --db "$T/copy.db" --json check
py "check --json: ok with counts" '
assert d["ok"] is True and d["integrity_problems"] == 0 and d["foreign_key_problems"] == 0, d
assert d["audit_intact"] is True and d["audit_entries"] > 10, d
'
run --db "$T/live.db" backup "$T/copy.db"
check "backup refuses to overwrite a file (exit 2)" \
    sh -c "test $rc = 2 && grep -q 'exists' '$ERR'"
run --db "$T/live.db" backup --output "$T/copy2.db"
check "backup --output FILE exits 0" test "$rc" = 0
run --db "$T/copy2.db" check
check "... and the copy checks clean" test "$rc" = 0
run --db "$T/live.db" backup
check "backup with no FILE and no --output is a usage error (exit 2)" test "$rc" = 2
"$SQLITE3" "$T/copy.db" "UPDATE audit SET detail = 'edited' WHERE seq = 3"
run --db "$T/copy.db" check
check "check finds an edited audit entry (exit 1)" \
    sh -c "test $rc = 1 && grep -q 'audit trail: broken at entry 3' '$OUT' && grep -q 'PROBLEMS FOUND' '$OUT'"
"$SQLITE3" "$T/live.db" "PRAGMA foreign_keys = OFF; INSERT INTO offering(occupation_id, level, effective) VALUES (99999, 5, '2024-01-01')"
run --db "$T/live.db" check
check "check finds a dangling foreign key (exit 1)" \
    sh -c "test $rc = 1 && grep -q 'foreign keys: 1 rows refer to missing rows' '$OUT'"
ro_run "$T/ro/registry.db" check
check "check runs on a file this process may not write" test "$rc" = 0
mkdir "$T/w"; chmod 777 "$T/w"
ro_run "$T/ro/registry.db" backup "$T/w/from-ro.db"
check "backup of a file this process may not write, to a place it may" test "$rc" = 0
ro_run "$T/ro/registry.db" backup "$T/ro/beside.db"
check "backup into a directory it may not write says why (exit 2)" \
    sh -c "test $rc = 2 && grep -q 'Permission denied' '$ERR'"

echo "1..$n"
[ "$skipped" -gt 0 ] && echo "# $skipped skipped"
echo "$passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then exit 0; else exit 1; fi
