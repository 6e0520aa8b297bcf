#!/bin/sh
# tests/cli/test-keys.sh — black-box tests of `skillcert keys`, `sign`,
# `verify-signature`, `cert verify-file`, `init --trust-anchor` and
# `audit verify --against` (issue #12): the bureau's root, the city centre,
# a district and an organization, each key made here (nothing committed);
# who may certify whom; documents signed, tampered, revoked; an electronic
# certificate signed by its organization, countersigned by the centre and
# checked offline from the root alone.
#
# Prints one "ok N - ..." / "not ok N - ..." line per check and ends with
# "N passed, N failed"; exits non-zero when any check failed.

NAME=keys
. "$(dirname "$0")/common.sh"

K="$T/keys"
mkdir -p "$K"
sk() { "$SKILLCERT" "$@" >"$OUT" 2>"$ERR"; rc=$?; }

# ---- the hierarchy -------------------------------------------------------------------------------

party() { # NAME PARTY: a key and a request
    sk keys new --output "$K/$1.key" && sk keys request --key "$K/$1.key" --party "$2" --output "$K/$1.csr"
}
party root city-bureau
party centre city-centre
party haidian district:110108
party org org:$A
party orgb org:$B
check "keys new writes a private key readable by its owner only" \
    test "$(stat -c %a "$K/org.key")" = 600
check "the key is PKCS#8 PEM" grep -q "BEGIN PRIVATE KEY" "$K/org.key"
check "the request is PKCS#10 PEM" grep -q "BEGIN CERTIFICATE REQUEST" "$K/org.csr"

sk keys certify "$K/root.csr" --key "$K/root.key" --from 2024-01-01 --to 2035-12-31 --output "$K/root.pem"
check "the bureau self-signs its root" test "$rc" = 0
sk keys certify "$K/centre.csr" --key "$K/root.key" --cert "$K/root.pem" --from 2024-01-01 --to 2030-12-31 --output "$K/centre.pem"
check "the bureau certifies the city centre" test "$rc" = 0
sk keys certify "$K/haidian.csr" --key "$K/root.key" --cert "$K/root.pem" --from 2024-01-01 --to 2030-12-31 --output "$K/haidian.pem"
check "the bureau certifies a district bureau" test "$rc" = 0
sk keys certify "$K/org.csr" --key "$K/centre.key" --cert "$K/centre.pem" --from 2024-01-01 --to 2027-12-31 --output "$K/org.pem"
check "the centre certifies an organization" test "$rc" = 0
sk keys certify "$K/orgb.csr" --key "$K/centre.key" --cert "$K/centre.pem" --from 2024-01-01 --to 2027-12-31 --output "$K/orgb.pem"
cat "$K/org.pem" "$K/centre.pem" >"$K/org.chain"
cat "$K/orgb.pem" "$K/centre.pem" >"$K/orgb.chain"

sk keys certify "$K/orgb.csr" --key "$K/haidian.key" --cert "$K/haidian.pem" --to 2027-12-31 --output "$K/bad.pem"
check "a district may not certify an organization (exit 4)" test "$rc" = 4
check "... saying who certifies whom" err_has "may not certify"
sk keys certify "$K/haidian.csr" --key "$K/org.key" --to 2027-12-31
check "an organization's key may not self-sign a root (exit 4)" test "$rc" = 4
sk keys certify "$K/orgb.csr" --key "$K/centre.key" --cert "$K/centre.pem" --from 2024-01-01 --to 2031-01-01
check "not valid beyond the issuer's own certificate (exit 2)" test "$rc" = 2
sk keys request --key "$K/org.key" --party org:123
check "a request must name a party (exit 2)" test "$rc" = 2

# ---- the registry's trust anchor -----------------------------------------------------------------

run $AS_BUREAU init --trust-anchor "$K/root.pem"
check "init --trust-anchor creates the registry with its anchor" test "$rc" = 0
check "... and says so" out_has "trust anchor"
run keys development
check "... a registry created with its anchor is not a development one" out_has "development off"
run $AS_CENTRE keys anchor "$K/centre.pem"
check "only the city bureau sets the anchor (exit 4)" test "$rc" = 4
run $AS_BUREAU keys anchor "$K/centre.pem"
check "the anchor must be the bureau's self-signed root (exit 2)" test "$rc" = 2
run $AS_BUREAU keys import "$K/centre.pem"
check "the bureau records the centre's certificate" test "$rc" = 0
run $AS_CENTRE keys import "$K/org.chain"
check "the centre records an organization's certificate" test "$rc" = 0
run $AS_CENTRE keys import "$K/haidian.pem"
check "the centre does not record a district's (exit 4)" test "$rc" = 4
run --json keys list
py "keys list: the anchor, the centre, the organization" '
parties = [c["party"] for c in d]
assert parties == ["city-bureau", "city-centre", "org:'$A'"], parties
assert not any(c["revoked"] for c in d)'
run audit list --entity pki
check "each change has its audit entry" test "$(grep -c pki "$OUT")" -ge 3

# ---- signing and verifying -----------------------------------------------------------------------

cat >"$T/doc.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<report xmlns="urn:example:report:1" issuer="org:$A" batch="R1">
  <item id="a" value="1"/>
  <item id="b" value="2"/>
</report>
EOF
sk sign "$T/doc.xml" --key "$K/org.key" --cert "$K/org.chain" --at 2024-06-01T08:00:00Z --output "$T/doc.signed.xml"
check "sign exits 0" test "$rc" = 0
check "the signature is an enveloped XML Signature over URI=\"\"" grep -q 'URI=""' "$T/doc.signed.xml"
run verify-signature "$T/doc.signed.xml"
check "verify-signature against the registry's anchor exits 0" test "$rc" = 0
check "... naming the signer and time" out_has "signed by org:$A at 2024-06-01T08:00:00Z"
sk verify-signature "$T/doc.signed.xml" --root "$K/root.pem"
check "verify-signature offline with --root exits 0" test "$rc" = 0

sed 's/value="2"/value="3"/' "$T/doc.signed.xml" >"$T/tampered.xml"
run verify-signature "$T/tampered.xml"
check "one attribute changed after signing: exit 1" test "$rc" = 1
check "... bad-signature" out_has "bad-signature"
run verify-signature "$T/doc.xml"
check "an unsigned document: exit 1 (unsigned)" sh -c "test $rc = 1 && grep -q unsigned '$OUT'"
sk sign "$T/doc.xml" --key "$K/orgb.key" --cert "$K/orgb.chain" --at 2024-06-01T08:00:00Z --output "$T/other.xml"
run verify-signature "$T/other.xml"
check "signed by one organization while naming another: exit 1 (wrong-party)" \
    sh -c "test $rc = 1 && grep -q wrong-party '$OUT'"
sk sign "$T/doc.xml" --key "$K/org.key" --cert "$K/org.chain" --at 2028-01-02T08:00:00Z --output "$T/late.xml"
run verify-signature "$T/late.xml"
check "signed after the certificate expired: exit 1 (expired)" \
    sh -c "test $rc = 1 && grep -q expired '$OUT'"
sk sign "$T/doc.xml" --key "$K/orgb.key" --cert "$K/org.chain"
check "a key with another party's certificate is refused (exit 2)" test "$rc" = 2

# ---- a large batch: detached signature over the exact bytes -------------------------------------

{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo '<batch xmlns="urn:example:batch:1">'
    i=0
    while [ $i -lt 5000 ]; do echo "  <record n=\"$i\"/>"; i=$((i + 1)); done
    echo '</batch>'
} >"$T/batch.xml"
sk sign "$T/batch.xml" --detached --key "$K/org.key" --cert "$K/org.chain" --at 2024-06-01T08:00:00Z
check "sign --detached writes FILE.p7s" sh -c "test $rc = 0 && grep -q 'BEGIN CMS' '$T/batch.xml.p7s'"
run verify-signature "$T/batch.xml" --p7s "$T/batch.xml.p7s"
check "verify-signature --p7s against the registry exits 0" \
    sh -c "test $rc = 0 && grep -q 'signed by org:$A at 2024-06-01T08:00:00Z' '$OUT'"
sed 's/n="4999"/n="4998"/' "$T/batch.xml" >"$T/batch2.xml"
sk verify-signature "$T/batch2.xml" --p7s "$T/batch.xml.p7s" --root "$K/root.pem"
check "one record changed: the detached signature is refused (exit 1)" \
    sh -c "test $rc = 1 && grep -q bad-signature '$OUT'"

# ---- the electronic certificate, offline -----------------------------------------------------------

cat >"$T/cert.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<certificate xmlns="urn:skillcert:certificate:1" version="1" issuer="org:$A" batch="CERT-S000011000001244000001" number="S000011000001244000001" status="issued">
  <title>职业技能等级证书</title>
  <holder name="王芳" id-type="居民身份证" id-number="$C1" photo="sha256:ab12"/>
  <qualification occupation="$OCC" occupation-name="网约配送员" work-type="--" level="4" level-text="四级/中级工"/>
  <issuer name="北京智训科技有限公司" credit-code="$A" district="110108"/>
  <dates certified="2024-03-10" issued="2024-03-15"/>
  <body>经评价，该同志具备相应职业技能等级水平。</body>
  <query qr-code="S000011000001244000001" certificate-url="http://jndj.osta.org.cn" organization-url="http://pjjg.osta.org.cn"/>
</certificate>
EOF
sk sign "$T/cert.xml" --key "$K/org.key" --cert "$K/org.chain" --at 2024-03-15T09:00:00Z --output "$T/cert.issued.xml"
sk cert verify-file "$T/cert.issued.xml" --root "$K/root.pem"
check "not yet countersigned by the city centre: exit 1" sh -c "test $rc = 1 && grep -q not-countersigned '$OUT'"
sk sign "$T/cert.issued.xml" --key "$K/centre.key" --cert "$K/centre.pem" --at 2024-04-01T09:00:00Z --purpose publication --output "$T/cert.published.xml"
check "the city centre countersigns at publication" test "$rc" = 0
sk --json cert verify-file "$T/cert.published.xml" --root "$K/root.pem"
check "cert verify-file with the root alone exits 0" test "$rc" = 0
py "the holder's data, the issuer, the publication time" '
assert d["valid"] is True
assert d["holder"] == "王芳" and d["id_number"] == "'$C1'", d
assert d["level_text"] == "四级/中级工" and d["organization"] == "'$A'", d
assert d["published_at"] == "2024-04-01T09:00:00Z", d'
sed 's/level="4"/level="3"/' "$T/cert.published.xml" >"$T/cert.bad.xml"
sk cert verify-file "$T/cert.bad.xml" --root "$K/root.pem"
check "a certificate whose level was changed: exit 1" test "$rc" = 1
sk cert verify-file "$T/cert.published.xml"
check "cert verify-file needs --root (exit 2)" test "$rc" = 2

# ---- revocation ------------------------------------------------------------------------------------

run --json keys list --party org:$A
SERIAL=$(sed -n 's/.*"serial": "\([0-9A-F]*\)".*/\1/p' "$OUT")
sk keys crl "$SERIAL" --key "$K/centre.key" --cert "$K/centre.pem" --date 2024-09-01 --next 2024-10-01 --output "$K/centre.crl"
check "the centre makes a CRL" test "$rc" = 0
snapshot "$T/before.sql"
run $AS_HAIDIAN keys import-crl "$K/centre.crl"
check "a district may not import a CRL (exit 4)" test "$rc" = 4
snapshot "$T/after.sql"
check "... and the registry is unchanged" cmp -s "$T/before.sql" "$T/after.sql"
run $AS_CENTRE keys import-crl "$K/centre.crl"
check "the centre imports its CRL" sh -c "test $rc = 0 && grep -q '1 certificate revoked' '$OUT'"
run verify-signature "$T/doc.signed.xml"
check "a document signed with the revoked key is refused (revoked)" \
    sh -c "test $rc = 1 && grep -q revoked '$OUT'"
run keys list
check "keys list marks the revoked certificate" out_has "REVOKED"
run verify-signature "$T/batch.xml" --p7s "$T/batch.xml.p7s"
check "the registry's CRLs apply to detached signatures too (revoked)" \
    sh -c "test $rc = 1 && grep -q revoked '$OUT'"

# ---- the import proves the issuer: signed exports between registries ------------------------------

KEYS_DB="$DB"
DB="$T/org.db"
filed_org
for e in E01 E02 E03 E04 E05; do
    must $AS_A org staff add $A $e $OCC:1 --name 考评员$e --role examiner --date 2023-06-01
done
must $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 海淀区 --rooms 1 --date 2023-06-01
must $AS_HAIDIAN session venue-inspect 1 --result passed --date 2023-06-05
# the city holds the staff and the venue's inspection (no document carries them), no session
cp "$DB" "$T/city.db"
CITY="$T/city.db"
candidate_json "$C1" 王芳 >"$T/cand.json"
must $AS_CENTRE candidate add "$T/cand.json"
must $AS_A session create $A $OCC --level 4 --venue 1 --date 2024-03-01
confirm_applicants 4 $C1
must $AS_A session enrol 1 $C1
must $AS_A session staff 1 theory E01 E02
must $AS_A session staff 1 practical E03 E04 E05
must $AS_A session confirm 1 --date 2024-02-28
must $AS_A result record 1 $C1 --theory 80 --practical 70 --date 2024-03-01
must $AS_A cert report 1 $C1 --date 2024-03-10
must $AS_A cert issue S000011000001244000001 --photo sha256:ab12 --date 2024-03-15
ORG_DB="$DB"

run export certificate-batch "$T/cb.xml" --org $A --date 2024-04-01 --key "$K/org.key" --cert "$K/org.chain" --at 2024-06-01T08:00:00Z
check "export --key signs a certificate batch: FILE and FILE.p7s" \
    sh -c "test $rc = 0 && grep -q 'BEGIN CMS' '$T/cb.xml.p7s'"
# The city holds a certificate only for a result it was told of (报备) first.
must export results-report "$T/results.xml" --session 1 --key "$K/org.key" --cert "$K/org.chain" --at 2024-06-01T08:00:00Z
DB="$CITY"
must $AS_BUREAU keys anchor "$K/root.pem"
must $AS_CENTRE import "$T/results.xml"
snapshot "$T/city-before.sql"
cp "$T/cb.xml" "$T/cb-unsigned.xml"
run $AS_CENTRE import "$T/cb-unsigned.xml"
check "an anchored registry refuses an unsigned batch (exit 2)" sh -c "test $rc = 2 && grep -q unsigned '$ERR'"
sed 's/level="4"/level="3"/' "$T/cb.xml" >"$T/cb-t.xml"
cp "$T/cb.xml.p7s" "$T/cb-t.xml.p7s"
run $AS_CENTRE import "$T/cb-t.xml"
check "a batch changed after signing is refused (exit 2)" sh -c "test $rc = 2 && grep -q 'signature refused' '$ERR'"
cp "$T/cb.xml" "$T/cb-b.xml"
sk sign "$T/cb-b.xml" --detached --key "$K/orgb.key" --cert "$K/orgb.chain" --at 2024-06-01T08:00:00Z
run $AS_CENTRE import "$T/cb-b.xml"
check "a batch signed by another organization is refused (wrong-party)" \
    sh -c "test $rc = 2 && grep -q wrong-party '$ERR'"
cp "$T/cb.xml" "$T/cb-late.xml"
sk sign "$T/cb-late.xml" --detached --key "$K/org.key" --cert "$K/org.chain" --at 2028-01-02T08:00:00Z
run $AS_CENTRE import "$T/cb-late.xml"
check "a batch signed after the key's certificate expired is refused (expired)" \
    sh -c "test $rc = 2 && grep -q expired '$ERR'"
snapshot "$T/city-after.sql"
check "the refusals changed nothing" cmp -s "$T/city-before.sql" "$T/city-after.sql"
run $AS_CENTRE import "$T/cb.xml"
check "the signed batch imports into the anchored city registry" test "$rc" = 0
run audit list --entity batch
check "the import's audit entry names the signer's certificate" grep -q "signer=[0-9a-f]\{64\}" "$OUT"

# Countersigned on publication: the organization signs its certificate document, the
# city centre publishes the certificate and gets the document countersigned.
N=S000011000001244000001
DB="$ORG_DB"
must cert export $N --output "$T/c1.xml"
sk sign "$T/c1.xml" --key "$K/org.key" --cert "$K/org.chain" --at 2024-03-15T09:00:00Z --output "$T/c1.issued.xml"
sk sign "$T/c1.xml" --key "$K/orgb.key" --cert "$K/orgb.chain" --at 2024-03-15T09:00:00Z --output "$T/c1.orgb.xml"
DB="$CITY"
snapshot "$T/pub-before.sql"
run $AS_CENTRE cert publish $N --date 2024-04-01 --signed "$T/c1.xml" --key "$K/centre.key" --cert "$K/centre.pem"
check "cert publish --signed an unsigned document is refused" sh -c "test $rc != 0 && grep -q unsigned '$ERR'"
run $AS_CENTRE cert publish $N --date 2024-04-01 --signed "$T/c1.orgb.xml" --key "$K/centre.key" --cert "$K/centre.pem"
check "... one signed by another organization is refused" sh -c "test $rc != 0 && grep -q 'signed by org:$B' '$ERR'"
run $AS_CENTRE cert publish $N --date 2024-04-01 --signed "$T/c1.issued.xml" --key "$K/org.key" --cert "$K/org.chain"
check "... only the city centre countersigns (exit 2)" sh -c "test $rc = 2 && grep -q 'city centre' '$ERR'"
snapshot "$T/pub-after.sql"
check "... and the refusals publish nothing" cmp -s "$T/pub-before.sql" "$T/pub-after.sql"
run $AS_CENTRE cert publish $N --date 2024-04-01 --signed "$T/c1.issued.xml" --key "$K/centre.key" --cert "$K/centre.pem" --at 2024-04-01T09:00:00Z --output "$T/c1.published.xml"
check "cert publish --signed --key: published, the document countersigned" \
    sh -c "test $rc = 0 && grep -q 'purpose=\"publication\"' '$T/c1.published.xml'"
run cert show $N
check "... the registry holds it as published" grep -q "published *2024-04-01" "$OUT"
sk cert verify-file "$T/c1.published.xml" --root "$K/root.pem"
check "cert verify-file accepts the countersigned document (root alone)" test "$rc" = 0

# The directory: the city centre signs, a district's anchored registry imports.
run export directory "$T/dir.xml" --date 2024-04-02 --key "$K/centre.key" --cert "$K/centre.pem" --at 2024-06-01T08:00:00Z
check "export --key signs a directory (enveloped)" sh -c "test $rc = 0 && grep -q 'URI=\"\"' '$T/dir.xml'"
must export directory "$T/dir-plain.xml" --date 2024-04-02
DB="$T/dist.db"
must $AS_BUREAU init --trust-anchor "$K/root.pem"
snapshot "$T/dist-before.sql"
run $AS_HAIDIAN import "$T/dir-plain.xml"
check "an unsigned directory is refused (exit 2)" sh -c "test $rc = 2 && grep -q unsigned '$ERR'"
sk sign "$T/dir-plain.xml" --key "$K/haidian.key" --cert "$K/haidian.pem" --at 2024-06-01T08:00:00Z --output "$T/dir-d.xml"
run $AS_HAIDIAN import "$T/dir-d.xml"
check "a directory signed by a district is refused (wrong-party)" \
    sh -c "test $rc = 2 && grep -q wrong-party '$ERR'"
sed 's/valid-until="[0-9-]*"/valid-until="2099-12-31"/' "$T/dir.xml" >"$T/dir-t.xml"
run $AS_HAIDIAN import "$T/dir-t.xml"
check "a directory changed after signing is refused" sh -c "test $rc = 2 && grep -q 'signature refused' '$ERR'"
snapshot "$T/dist-after.sql"
check "... and the district's registry is unchanged" cmp -s "$T/dist-before.sql" "$T/dist-after.sql"
run $AS_HAIDIAN import "$T/dir.xml"
check "the directory signed by the city centre imports" test "$rc" = 0
run audit list --entity batch
check "... its audit entry names the signer's certificate" grep -q "signer=[0-9a-f]\{64\}" "$OUT"
DB="$KEYS_DB"

# ---- the audit head under a signed export ------------------------------------------------------------

sed "s/org:$A/city-centre/" "$T/doc.xml" >"$T/export.xml"
sk --db "$DB" sign "$T/export.xml" --key "$K/centre.key" --cert "$K/centre.pem" --purpose export --audit-head --output "$T/export.signed.xml"
check "sign --audit-head exits 0" test "$rc" = 0
check "the audit head is under the signature" grep -q 'audit-hash="[0-9a-f]\{64\}"' "$T/export.signed.xml"
run audit verify --against "$T/export.signed.xml"
check "audit verify --against: the signed head is still there (exit 0)" test "$rc" = 0
run $AS_BUREAU keys import "$K/haidian.pem"
run audit verify --against "$T/export.signed.xml"
check "more history since is fine" test "$rc" = 0
if [ -n "$SQLITE3" ]; then
    "$SQLITE3" "$DB" "UPDATE audit SET hash = zeroblob(32) WHERE seq = 1"
    run audit verify --against "$T/export.signed.xml"
    check "history rewritten under the signed head: exit 1" test "$rc" = 1
else
    not_ok "sqlite3 is needed to rewrite the history"
fi

# ---- every document type validates signed (issue 12) -------------------------------------------
# One sample of every exchange document type (tests/data/exchange, plus the
# certificate above); every schema must have one. Types of
# the enveloped scheme validate with their signature and a countersignature;
# the large batches (detached scheme) validate unchanged beside FILE.p7s and
# refuse an enveloped signature, which is not their scheme.
X="${top_srcdir:-.}/tests/data/exchange"
mkdir -p "$T/every"
cp "$X"/*.xml "$T/every/"
cp "$T/cert.xml" "$T/every/certificate.xml"
roots=0
missing=
for xsd in "${top_srcdir:-.}"/schemas/*.xsd; do
    r=$(sed -n 's/^  <xs:element name="\([a-z-]*\)">.*/\1/p' "$xsd" | head -1)
    roots=$((roots + 1))
    [ -f "$T/every/$r.xml" ] || missing="$missing $r"
done
check "a sample document of every type ($roots schemas)" test -z "$missing" -a "$roots" -ge 15
for f in "$T"/every/*.xml; do
    r=$(basename "$f" .xml)
    sk validate "$f"
    check "$r: the unsigned sample validates" test "$rc" = 0
    case $r in
    candidate-batch|certificate-batch)
        sk sign "$f" --key "$K/org.key" --cert "$K/org.chain" --detached --output "$f.p7s"
        sk validate "$f"
        check "$r: signed detached (FILE.p7s), the batch validates unchanged" test "$rc" = 0
        sk sign "$f" --key "$K/org.key" --cert "$K/org.chain" --output "$T/every/$r.env"
        sk validate "$T/every/$r.env"
        check "$r: an enveloped signature is not its scheme: validate refuses it" \
            sh -c "test $rc != 0 && cat '$OUT' '$ERR' | grep -q signing-info"
        ;;
    *)
        sk sign "$f" --key "$K/org.key" --cert "$K/org.chain" --at 2024-06-01T08:00:00Z --output "$f.signed"
        sk sign "$f.signed" --key "$K/centre.key" --cert "$K/centre.pem" --at 2024-06-02T08:00:00Z --output "$f.twice"
        sk validate "$f.signed"
        check "$r: signed, it validates" sh -c "test $rc = 0 && grep -q 'valid ($r)' '$OUT'"
        sk validate "$f.twice"
        check "$r: countersigned, it validates" test "$rc" = 0
        ;;
    esac
done

echo "1..$n"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
