#!/bin/sh
# tests/cli/test-render.sh — `skillcert cert render`: the certificate drawn
# as a PDF holds every mandatory item of 人社鉴发〔2021〕1号 (read back by
# pdftotext), its QR code decodes (zbarimg, an independent decoder) to the
# documented content (docs/certificate-qr.md), a revoked certificate is
# marked 已撤销 with its date, SVG and PNG follow the extension, and refusals
# leave no file.
#
# Needs poppler-utils (pdftotext, pdftoppm) and zbar-tools (zbarimg): the test
# FAILS when they are missing (scripts/install-deps.sh installs them).

NAME=render
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/cert_fixture.sh"

for tool in pdftotext pdftoppm zbarimg; do
    if ! command -v $tool >/dev/null 2>&1; then
        rc=127; not_ok "$tool is required (run scripts/install-deps.sh)"
        echo "1..$n"; echo "$passed passed, $failed failed"; exit 1
    fi
done
cert_fixture
BASE=https://verify.example.org/skillcert

# ---- a valid certificate as PDF ---------------------------------------------------------------

run cert render $N1 --output "$T/n1.pdf" --verify-url "$BASE/"
check "cert render exits 0" test "$rc" = 0
check "it says where it wrote" out_has "rendered to $T/n1.pdf"
check "the file is a PDF" sh -c "head -c 5 '$T/n1.pdf' | grep -q '%PDF-'"
pdftotext -layout "$T/n1.pdf" "$T/n1.txt" 2>"$ERR"
check "pdftotext reads it" test -s "$T/n1.txt"
# Blanks and ideographic spaces (the label 姓　　名 is spaced as printed) removed.
tr -d ' ' <"$T/n1.txt" | sed 's/　//g' >"$T/n1.flat"
for item in 职业技能等级证书 王芳 居民身份证 $C1 网约配送员 4-02-07-10 "四级/中级工" $N1 \
            北京智训科技有限公司 2024-03-15 "http://jndj.osta.org.cn" "http://pjjg.osta.org.cn" \
            姓名 证件类型 证件号码 职业名称 工种/职业方向 职业技能等级 证书编号 评价机构 发证日期; do
    check "the PDF text holds $item" grep -qF -- "$item" "$T/n1.flat"
done
check "the work type of an undivided level reads --" grep -qE -- '工种/职业方向.*--' "$T/n1.txt"
check "a valid certificate has no revocation mark" sh -c "! grep -q 已撤销 '$T/n1.flat'"

# The QR code, read by zbarimg from the page rasterised by pdftoppm.
pdftoppm -r 150 -png -singlefile "$T/n1.pdf" "$T/n1" 2>"$ERR"
check "pdftoppm rasterises the page" test -s "$T/n1.png"
zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$T/n1.png" >"$T/qr.txt" 2>"$ERR"
rc=$?
check "zbarimg finds one QR code" sh -c "test $rc = 0 && test \$(wc -l <'$T/qr.txt') = 1"
expected="$BASE/?v=1&number=$N1&name=%E7%8E%8B%E8%8A%B3"
check "the QR code holds the documented URL" test "$(cat "$T/qr.txt")" = "$expected"

# ---- a revoked certificate ---------------------------------------------------------------------------

run cert render $N3 --output "$T/n3.pdf" --verify-url "$BASE"
check "a revoked certificate renders (exit 0)" test "$rc" = 0
pdftotext "$T/n3.pdf" - 2>/dev/null | tr -d ' ' >"$T/n3.flat"
check "it is marked 已撤销" grep -q 已撤销 "$T/n3.flat"
check "with its revocation date" grep -q '撤销日期2024-05-01' "$T/n3.flat"
check "and still its holder and number" sh -c "grep -q 张小三 '$T/n3.flat' && grep -q $N3 '$T/n3.flat'"
pdftoppm -r 150 -png -singlefile "$T/n3.pdf" "$T/n3" 2>/dev/null
check "its QR code holds its number and name" \
    test "$(zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$T/n3.png" 2>/dev/null)" = \
         "$BASE/?v=1&number=$N3&name=%E5%BC%A0%E5%B0%8F%E4%B8%89"

# ---- no photo: a marked empty frame; the default URL ------------------------------------------------

run cert render $N2 --output "$T/n2.pdf"
check "a certificate issued without a photo renders" test "$rc" = 0
pdftotext "$T/n2.pdf" - 2>/dev/null | tr -d ' ' >"$T/n2.flat"
check "the empty photo frame is marked 照片 / No photo" \
    sh -c "grep -q 照片 '$T/n2.flat' && grep -q Nophoto '$T/n2.flat'"
pdftoppm -r 150 -png -singlefile "$T/n2.pdf" "$T/n2" 2>/dev/null
check "without --verify-url the QR code names the local service" \
    test "$(zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$T/n2.png" 2>/dev/null)" = \
         "http://127.0.0.1:8080/?v=1&number=$N2&name=%E6%9D%8E%E5%B0%8F%E6%98%8E"

# ---- SVG and PNG by extension ----------------------------------------------------------------------

run cert render $N1 --output "$T/n1.svg"
check "SVG by extension" sh -c "test $rc = 0 && grep -q '<svg' '$T/n1.svg'"
run cert render $N1 --output "$T/n1.PNG"
check "PNG by extension (any case)" \
    sh -c "test $rc = 0 && head -c 8 '$T/n1.PNG' | od -An -c | grep -q 'P   N   G'"
check "the PNG's QR code decodes too" \
    sh -c "zbarimg --quiet --raw -Sdisable -Sqrcode.enable '$T/n1.PNG' 2>/dev/null | grep -q 'number=$N1'"
run --json cert render $N1 --output "$T/n1b.pdf"
py "--json names the file" 'assert d["written"].endswith("n1b.pdf") and d["number"], d'

# ---- refusals: one error line, no file --------------------------------------------------------------

run cert render S000011000001244000099 --output "$T/none.pdf"
check "an unknown number: exit 2 or 1, one error line" sh -c "test $rc != 0 && test $rc != 5"
check "... and no file" test ! -e "$T/none.pdf"
run cert render S0000 --output "$T/bad.pdf"
check "a malformed number is a usage error (exit 2)" test "$rc" = 2
check "... in one line" one_error_line
run cert render $N1 --output "$T/bad.pdf" --verify-url 'javascript:alert(1)'
check "a verification URL that is not http(s) is refused (exit 2)" test "$rc" = 2
check "... and nothing is written" test ! -e "$T/bad.pdf"
run cert render $N1 --output "$T/no-such-dir/x.pdf"
check "an unwritable path fails with one error line" sh -c "test $rc != 0 && test \$(wc -l <'$ERR') = 1"
run cert render $N1
check "--output is required (exit 2)" test "$rc" = 2
check "no temporary file is left beside the outputs" sh -c "! ls '$T' | grep -q '\\.tmp\\.'"

echo "1..$n"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
