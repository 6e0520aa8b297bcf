#!/bin/sh
# tests/check-layers-selftest.sh — tests/check-layers.sh catches what it must:
# the real tree checked against altered maps (a floor swapped, an owner moved,
# a module and a table left out, an empty list of known violations) fails
# with the exact violations, and passes with the real map and list.
: "${top_builddir:=.}" "${top_srcdir:=.}"
export top_builddir top_srcdir
CHECK="$top_srcdir/tests/check-layers.sh"
MAP="$top_srcdir/tests/layers.map"
T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-layers.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
n=0
failed=0
check() {
    n=$((n + 1))
    if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}
: >"$T/empty"

# org on floor 1, catalog on floor 2: org's calls into the catalog go up.
sed -e 's/^floor 1 catalog:/floor 2 catalog:/' -e 's/^floor 2 org:/floor 1 org:/' "$MAP" >"$T/swap.map"
LAYERS_MAP="$T/swap.map" "$CHECK" >"$T/out" 2>&1
rc=$?
check "a call to a higher floor fails" '[ $rc = 1 ]'
check "it names caller, callee and symbol" 'grep -q "^not ok - call org -> catalog sc_" "$T/out"'

# The credit evaluation's tables given to supervision: credit_eval writes outside.
sed 's/^owner credit_score credit_eval$/owner credit_score supervision/' "$MAP" >"$T/owner.map"
LAYERS_MAP="$T/owner.map" "$CHECK" >"$T/out" 2>&1
rc=$?
check "a write outside the owner fails" '[ $rc = 1 ] && grep -q "^not ok - write credit_eval credit_score$" "$T/out"'

# A tree of three objects built here: a and b call each other on one floor (a
# cycle), c on the ground calls a (up), a writes b's table.
mkdir -p "$T/src/libskillcert" "$T/build/libskillcert/.libs"
cat >"$T/src/libskillcert/a.c" <<'CEOF'
int b_fn(void);
static const char *const SQL = "UPDATE t_b SET x = 1";
int a_fn(void) { return b_fn() + (SQL[0] == 'U'); }
CEOF
cat >"$T/src/libskillcert/b.c" <<'CEOF'
int a_fn(void);
int b_fn(void) { static int depth; return depth++ ? 0 : a_fn(); }
CEOF
cat >"$T/src/libskillcert/c.c" <<'CEOF'
int a_fn(void);
int c_fn(void) { return a_fn(); }
CEOF
for m in a b c; do
    ${CC:-cc} -c -o "$T/build/libskillcert/.libs/libskillcert_core_la-$m.o" "$T/src/libskillcert/$m.c" ||
        exit 99
done
printf 'floor 0 ground: c\nfloor 1 one: a b\nowner t_b b\n' >"$T/tiny.map"
top_builddir="$T/build" top_srcdir="$T/src" LAYERS_MAP="$T/tiny.map" LAYERS_KNOWN="$T/empty" \
    "$CHECK" >"$T/out" 2>&1
rc=$?
check "a built tree with a cycle, a call up and a foreign write fails" '[ $rc = 1 ]'
check "the cycle is named" 'grep -q "^not ok - cycle a b$" "$T/out"'
check "the call up is named" 'grep -q "^not ok - call c -> a a_fn$" "$T/out"'
check "the foreign write is named" 'grep -q "^not ok - write a t_b$" "$T/out"'
check "the summary counts them" 'grep -q "^not ok 1 - layers: 3 modules, 3 calls between modules, 1 table writes checked: 3 new violations" "$T/out"'

grep -v '^floor 6 certificate' "$MAP" >"$T/nofloor.map"
LAYERS_MAP="$T/nofloor.map" "$CHECK" >"$T/out" 2>&1
rc=$?
check "a module without a floor fails" '[ $rc = 1 ] && grep -q "module certificate .* has no floor" "$T/out"'

grep -v '^owner venue assessment$' "$MAP" >"$T/noowner.map"
LAYERS_MAP="$T/noowner.map" "$CHECK" >"$T/out" 2>&1
rc=$?
check "a table without an owner fails" '[ $rc = 1 ] && grep -q "table venue, written by assessment, has no owner" "$T/out"'

printf 'write nobody nothing # issue 11\n' >>"$T/extra"
cat "$top_srcdir/tests/layers-known.txt" "$T/extra" >"$T/known"
LAYERS_KNOWN="$T/known" "$CHECK" >"$T/out" 2>&1
rc=$?
check "a known violation that is gone is reported, and does not fail" \
    '[ $rc = 0 ] && grep -q "^# gone, remove it from tests/layers-known.txt: write nobody nothing$" "$T/out"'

"$CHECK" >"$T/out" 2>&1
rc=$?
check "the real map and list pass, with a summary line" \
    '[ $rc = 0 ] && grep -qE "^ok 1 - layers: [0-9]+ modules, [0-9]+ calls" "$T/out"'

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
