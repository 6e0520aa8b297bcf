# tests/cli/cert_fixture.sh — sourced after common.sh by the tests of the
# rendered certificate and the verification service: a registry with three
# certificates of one level-4 session of organization $A (北京智训科技有限公司),
#   N1  王芳    issued 2024-03-15 with a PNG photo, published 2024-04-01 (valid)
#   N2  李小明  issued 2024-03-16 without a photo, not published
#   N3  张小三  issued 2024-03-20, published, revoked 2024-05-01
# and $PHOTO, the PNG photo file of N1.
cert_fixture() {
    filed_org
    for e in E01 E02 E03; do
        must $AS_A org staff add $A $e $OCC:1 --name 考评员$e --role examiner --date 2023-06-01
    done
    for c in "$C1 王芳" "$C2 李小明" "$C3 张小三"; do
        set -- $c
        candidate_json "$1" "$2" >"$T/cand.json"
        must $AS_CENTRE candidate add "$T/cand.json"
    done
    must $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 海淀区 --rooms 1 --date 2023-06-01
    must $AS_HAIDIAN session venue-inspect 1 --result passed --date 2023-06-05
    must $AS_A session create $A $OCC --level 4 --venue 1 --date 2024-03-01
    confirm_applicants 4 $C1 $C2 $C3
    must $AS_A session enrol 1 $C1 $C2 $C3
    must $AS_A session staff 1 theory E01 E02
    must $AS_A session staff 1 practical E01 E02 E03
    must $AS_A session confirm 1 --date 2024-02-28
    must $AS_A result record 1 $C1 --theory 90 --practical 80 --date 2024-03-01
    must $AS_A result record 1 $C2 --theory 70 --practical 75 --date 2024-03-01
    must $AS_A result record 1 $C3 --theory 88 --practical 92 --date 2024-03-01
    must $AS_A cert report 1 $C1 --date 2024-03-10
    must $AS_A cert report 1 $C3 --date 2024-03-10
    must $AS_A cert report 1 $C2 --date 2024-03-10
    N1=S000011000001244000001
    N3=S000011000001244000002
    N2=S000011000001244000003
    # A passport-style photo: a plain PNG written by Python (zlib, no imaging library).
    PHOTO="$T/photo-wangfang.png"
    "$PY" - "$PHOTO" <<'PYEOF'
import struct, sys, zlib
w, h = 90, 120
rows = []
for y in range(h):
    row = bytearray([0])
    for x in range(w):
        dx, dy = x - w / 2, y - h * 0.38
        head = dx * dx / 500 + dy * dy / 800 < 1
        body = y > h * 0.68 and abs(dx) < 40 - (h - y) * 0.3
        row += bytes((60, 70, 90) if head or body else (170, 200, 235))
    rows.append(bytes(row))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
png += chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PYEOF
    must $AS_A cert issue $N1 --photo "$PHOTO" --date 2024-03-15
    must $AS_A cert issue $N2 --date 2024-03-16
    must $AS_A cert issue $N3 --photo sha256:9f86d081884c7d659a2feaa0c55ad015 --date 2024-03-20
    must $AS_CENTRE cert publish $N1 --date 2024-04-01
    must $AS_CENTRE cert publish $N3 --date 2024-04-01
    must $AS_A cert revoke $N3 --reason 信息有误 --date 2024-05-01
}
