#!/bin/sh
# tests/cli/test-xml-org.sh — black-box tests of the filing workflow documents of
# issue #6 between three registries: the organization's (ORG), its district's
# (DIST, 海淀区) and the city's (CITY), each initialised on its own. The application
# goes ORG -> DIST (`export organization-application`, imported by the district),
# the recommendation DIST -> CITY (imported by the city centre), the evaluation result
# CITY -> ORG (its addressee; the district is refused), and the directory CITY -> a vendor's registry. Each exported
# again from the importing registry gives the same document; re-import is a no-op;
# refusals (wrong actor, wrong namespace, truncated file, a business rule) exit
# non-zero and change nothing.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

NAME=xml-org
. "$(dirname "$0")/common.sh"

# ---- set-up: three registries, the organization applies at home ------------------------------

must --actor city-bureau init --development
ORG="$T/org.db"
DIST="$T/dist.db"
CITY="$T/city.db"
VENDOR="$T/vendor.db"
cp "$DB" "$DIST"
cp "$DB" "$CITY"
cp "$DB" "$VENDOR"
mv "$DB" "$ORG"
DB="$ORG"
must $AS_A org register $A --name 北京智训科技有限公司 --kind enterprise --district 110108 --date 2023-01-05
must $AS_A org apply $A $OCC:5,4,3 --date 2023-02-01

# ---- organization application: ORG -> DIST ---------------------------------------------------

run export organization-application
check "organization-application without --org is refused (exit 2)" test "$rc" = 2
run export organization-application "$T/oa.xml" --org $A --date 2023-02-02
check "export organization-application exits 0" test "$rc" = 0
run validate "$T/oa.xml"
check "the application validates" test "$rc" = 0
check "validate names its type" out_has "organization-application"
DB="$DIST"
snapshot "$T/before"
run --actor district:110105 import "$T/oa.xml"
check "another district may not import it (exit 4)" test "$rc" = 4
run $AS_CENTRE import "$T/oa.xml"
check "the city centre may not import it (exit 4)" test "$rc" = 4
sed 's/urn:skillcert:organization-application:1/urn:skillcert:organization-application:2/' "$T/oa.xml" >"$T/ns.xml"
run validate "$T/ns.xml"
check "validate refuses a wrong namespace (exit 2)" test "$rc" = 2
run $AS_HAIDIAN import "$T/ns.xml"
check "a wrong namespace is refused (exit 2)" test "$rc" = 2
head -c 400 "$T/oa.xml" >"$T/cut.xml"
run $AS_HAIDIAN import "$T/cut.xml"
check "a truncated application is refused (exit 2)" test "$rc" = 2
sed 's/level="4"/level="5"/' "$T/oa.xml" >"$T/twice.xml"
run $AS_HAIDIAN import "$T/twice.xml"
check "an offering listed twice is refused (exit 2)" test "$rc" = 2
check "the error names the line and field" err_has ":5:.*offering\[2\]/@occupation"
snapshot "$T/after"
check "the refusals changed nothing" cmp -s "$T/before" "$T/after"
run $AS_HAIDIAN import "$T/oa.xml"
check "the district imports the application (exit 0)" test "$rc" = 0
check "one record" out_has "1 records"
run export organization-application --org $A --date 2023-02-02
check "round trip: the same application" cmp -s "$OUT" "$T/oa.xml"
run $AS_HAIDIAN import "$T/oa.xml"
check "importing it again changes nothing" out_has "already imported"
run --json org show $A --date 2023-02-02
py "the district holds it as applied" "assert d['status'] == 'applied', d"

# ---- district recommendation: DIST -> CITY ---------------------------------------------------

must $AS_HAIDIAN org recommend $A --date 2023-02-10
run export district-recommendation "$T/dr.xml" --org $A --date 2023-02-11
check "export district-recommendation exits 0" test "$rc" = 0
DB="$CITY"
run $AS_HAIDIAN import "$T/dr.xml"
check "a district may not import a recommendation (exit 4)" test "$rc" = 4
run $AS_CENTRE import "$T/dr.xml"
check "the city centre imports the recommendation (exit 0)" test "$rc" = 0
run export district-recommendation --org $A --date 2023-02-11
check "round trip: the same recommendation" cmp -s "$OUT" "$T/dr.xml"

# ---- evaluation result: CITY -> DIST and ORG -------------------------------------------------

must $AS_CENTRE org evaluate $A --date 2023-03-01
must $AS_CENTRE org notice $A --date 2023-03-10
must $AS_CENTRE org file $A --date 2023-05-10
run export evaluation-result "$T/er.xml" --org $A --date 2023-05-11
check "export evaluation-result exits 0" test "$rc" = 0
check "it carries the receipt" grep -q 'receipt="BJ-2023-0001"' "$T/er.xml"
sed 's/receipt="BJ-2023-0001"/receipt="BJ-2022-0001"/' "$T/er.xml" >"$T/badreceipt.xml"
DB="$DIST"
run $AS_HAIDIAN import "$T/er.xml"
check "the district, not the result's addressee, may not import it (exit 4)" test "$rc" = 4
check "the refusal names the addressee" err_has "addressee"
DB="$ORG"
run $AS_A import "$T/badreceipt.xml"
check "a receipt of another year is refused (exit 2)" test "$rc" = 2
check "the error names the receipt" err_has "outcome\[2\]/@receipt"
run --actor organization:$B import "$T/er.xml"
check "another organization may not import it (exit 4)" test "$rc" = 4
run $AS_A import "$T/er.xml"
check "the organization imports the result (exit 0)" test "$rc" = 0
run export evaluation-result --org $A --date 2023-05-11
check "round trip at the organization" cmp -s "$OUT" "$T/er.xml"
run $AS_A org commit $A --date 2023-05-12
check "the organization then signs its commitment at home" test "$rc" = 0
run --json org show $A --date 2023-06-01
py "the organization is active with its receipt" "assert d['status'] == 'active' and d['receipt'] == 'BJ-2023-0001', d"

# ---- directory: CITY -> a vendor's registry --------------------------------------------------

DB="$CITY"
must $AS_A org commit $A --date 2023-05-12
run export directory "$T/dir.xml" --date 2023-06-01
check "export directory exits 0 (no --org needed)" test "$rc" = 0
run validate "$T/dir.xml"
check "the directory validates" out_has "directory"
check "the directory carries the organization's certificate site (issue 11)" grep -q 'site="000001"' "$T/dir.xml"
DB="$VENDOR"
# Public (issue 11): any party takes the city's directory, the public does not.
run --actor public import "$T/dir.xml"
check "the public does not import a directory (exit 4)" test "$rc" = 4
run --actor district:110105 import "$T/dir.xml"
check "any district may refresh its copy (exit 0)" test "$rc" = 0
run export directory --date 2023-06-01
check "round trip: the same directory" cmp -s "$OUT" "$T/dir.xml"
run --json org show $A --date 2023-06-01
py "the copy knows the filing" "assert d['receipt'] == 'BJ-2023-0001' and d['valid_until'] == '2026-05-09', d"
py "the copy knows its certificate site before any certificate" "assert d['certificate_sites'] == ['000001'], d"

echo "1..$n"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
