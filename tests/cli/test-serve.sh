#!/bin/sh
# tests/cli/test-serve.sh — `skillcert serve`, the public verification service,
# on a free loopback port: curl gets every verification outcome and a malformed
# number with the right HTTP status, the directory, the page with its security
# headers; hostile requests (a 1 MB query, invalid UTF-8, ../ paths, a thousand
# parameters and also 3,000, 10,000 and a megabyte of them, a body, a wrong
# method) each get a 4xx at once and the server keeps serving; a slow client
# (stalled, dribbling, or stalled in its second request on a kept-alive
# connection) gets 408 within the request deadline while others are served; the
# rate limit answers 429; the log has one line per request and no personal
# data; SIGTERM stops it cleanly; headless Chromium fills the form and reads the
# result for a valid and a revoked certificate.
#
# Needs curl and chromium: the test FAILS when they are missing.

NAME=serve
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/cert_fixture.sh"

CHROMIUM=${CHROMIUM:-}
[ -n "$CHROMIUM" ] || CHROMIUM=$(command -v chromium || command -v chromium-browser)
for tool in curl "$CHROMIUM"; do
    if [ -z "$tool" ] || ! command -v "$tool" >/dev/null 2>&1; then
        rc=127; not_ok "curl and chromium are required (run scripts/install-deps.sh)"
        echo "1..$n"; echo "$passed passed, $failed failed"; exit 1
    fi
done
cert_fixture
snapshot "$T/before"

SERVERS=""
trap 'for p in $SERVERS; do kill $p 2>/dev/null; done; rm -rf "$T"' EXIT

# start_server OUT LOG ARGS...: start `skillcert serve` on a free port; sets PID and PORT.
start_server() {
    out=$1; log=$2; shift 2
    "$SKILLCERT" --db "$DB" serve --listen 127.0.0.1:0 "$@" >"$out" 2>"$log" &
    PID=$!
    SERVERS="$SERVERS $PID"
    PORT=
    i=0
    while [ $i -lt 100 ]; do
        PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$out")
        [ -n "$PORT" ] && return 0
        kill -0 $PID 2>/dev/null || return 1
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

start_server "$T/serve.out" "$T/serve.log" --threads 2 --rate-limit 1000 --timeout 2 \
    --request-timeout 2
check "serve starts and prints its port" test -n "$PORT"
U="http://127.0.0.1:$PORT"

# get NAME EXPECTED-STATUS PATH-AND-QUERY: curl it; the body in $OUT, headers in $T/h.
get() {
    code=$(curl -s -g --path-as-is -o "$OUT" -D "$T/h" -w '%{http_code}' --max-time 10 "$U$3")
    rc=$code
    check "$1 (HTTP $2)" test "$code" = "$2"
}
q() { "$PY" -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# ---- every verification outcome ------------------------------------------------------------------

get "valid" 200 "/api/verify?number=$N1&name=$(q 王芳)"
py "valid: masked name and ID, occupation, level, organization, issue date" '
assert d["status"] == "valid" and d["valid"] is True, d
assert d["name"] == "王*" and d["id_number"] == "110105********002X", d
assert d["occupation"] == "4-02-07-10" and d["occupation_name"] == "网约配送员", d
assert d["level"] == 4 and d["level_text"] == "四级/中级工", d
assert d["organization_name"] == "北京智训科技有限公司" and d["issued"] == "2024-03-15", d
assert d["revoked"] is None, d
'
check "the JSON answer is application/json" grep -qi '^content-type: application/json' "$T/h"
get "revoked" 410 "/api/verify?number=$N3&name=$(q 张小三)"
py "revoked with its date" 'assert d["status"] == "revoked" and d["revoked"] == "2024-05-01" and not d["valid"], d'
get "not published" 404 "/api/verify?number=$N2&name=$(q 李小明)"
py "not published" 'assert d["status"] == "not-published" and d["issued"] == "2024-03-16", d'
get "name mismatch" 404 "/api/verify?number=$N1&name=$(q 李四)"
py "name mismatch shows nothing of the holder" '
assert d["status"] == "name-mismatch" and d["name"] is None and d["id_number"] is None, d
assert d["organization_name"] is None and d["issued"] is None, d
'
get "not found" 404 "/api/verify?number=S000011000001244000099&name=$(q 王芳)"
py "not found" 'assert d["status"] == "not-found", d'
get "the ID number checked too" 200 "/api/verify?number=$N1&name=$(q 王芳)&id=11010519491231002x"
get "a wrong ID number" 404 "/api/verify?number=$N1&name=$(q 王芳)&id=110105194912310011"
get "a malformed number" 400 "/api/verify?number=S12345&name=$(q 王芳)"
py "malformed: the error says so" 'assert d["error"] == "malformed", d'
get "no name" 400 "/api/verify?number=$N1"

# ---- the directory ----------------------------------------------------------------------------------

get "the directory" 200 "/api/directory?date=2024-01-01"
py "the directory lists the filed organization" '
assert [o["credit_code"] for o in d] == ["91110108MA01ABCD2H"], d
assert d[0]["name"] == "北京智训科技有限公司" and d[0]["valid_until"], d
'
get "the directory before the filing is empty" 200 "/api/directory?date=2023-01-01"
py "... an empty list" 'assert d == [], d'
get "a malformed date" 400 "/api/directory?date=2024-13-45"

# ---- the page -------------------------------------------------------------------------------------------

get "the page" 200 "/"
check "the page is HTML in UTF-8" grep -qi '^content-type: text/html; charset=utf-8' "$T/h"
check "in Chinese with English beside it" \
    sh -c "grep -q 职业技能等级证书查询 '$OUT' && grep -q 'Certificate verification' '$OUT'"
check "readable on a phone (viewport)" grep -q 'name="viewport" content="width=device-width' "$OUT"
for h in "content-security-policy: default-src 'none'" "x-content-type-options: nosniff" \
         "x-frame-options: deny" "referrer-policy: no-referrer" "cache-control: no-store"; do
    check "security header $h" grep -qi "^$h" "$T/h"
done
check "the page has no script" sh -c "! grep -qi '<script' '$OUT'"
QR="/?v=1&number=$N1&name=%E7%8E%8B%E8%8A%B3"
get "a QR code's URL opens the result" 200 "$QR"
check "... which says valid" sh -c "grep -q 'data-status=\"valid\"' '$OUT' && grep -q 证书有效 '$OUT'"
get "the page for a revoked certificate" 200 "/?number=$N3&name=$(q 张小三)"
check "... says revoked with the date" grep -q '证书已撤销 Revoked on 2024-05-01' "$OUT"
get "the page escapes what it echoes" 400 "/?number=%3Cscript%3E&name=x"
check "... no markup injected" sh -c "! grep -q '<script>' '$OUT' && grep -q '&lt;script&gt;' '$OUT'"

# ---- hostile requests: each a 4xx, and the server keeps serving ---------------------------------------------

"$PY" - "$PORT" >"$T/hostile" 2>&1 <<'PYEOF'
import socket, sys, time
port = int(sys.argv[1])
slowest = 0.0
def ask(raw):
    global slowest
    t0 = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(raw)
        data = b""
        while not data.endswith(b"\r\n\r\n") and b"\r\n\r\n" not in data:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        return line.split(" ")[1] if line.startswith("HTTP/") else "none:" + line
    except (ConnectionResetError, BrokenPipeError):
        return "reset"
    except socket.timeout:
        return "timeout"
    finally:
        s.close()
        slowest = max(slowest, time.time() - t0)
big = b"GET /api/verify?number=" + b"A" * (1024 * 1024) + b" HTTP/1.1\r\nHost: x\r\n\r\n"
print("megabyte", ask(big))
print("header", ask(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 65536 + b"\r\n\r\n"))
print("utf8", ask(b"GET /api/verify?number=S000011000001244000001&name=%FF%FE%E7 HTTP/1.1\r\nHost: x\r\n\r\n"))
print("utf8raw", ask(b"GET /api/verify?number=S000011000001244000001&name=\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n"))
print("dotdot", ask(b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"))
print("dotdotenc", ask(b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"))
print("dotdotapi", ask(b"GET /api/../api/verify?number=S000011000001244000001&name=x HTTP/1.1\r\nHost: x\r\n\r\n"))
q = "&".join("p%d=%d" % (i, i) for i in range(1000))
print("params", ask(("GET /api/verify?" + q + " HTTP/1.1\r\nHost: x\r\n\r\n").encode()))
for n in (3000, 10000):
    q = "&".join("p%d=%d" % (i, i) for i in range(n))
    print("params%d" % n, ask(("GET /api/verify?" + q + " HTTP/1.1\r\nHost: x\r\n\r\n").encode()))
q = b"&".join(b"p=%d" % (i % 10) for i in range(1024 * 1024 // 4))
print("paramsmb", ask(b"GET /api/verify?" + q + b" HTTP/1.1\r\nHost: x\r\n\r\n"))
q = b"&".join(b"p" for i in range(4000))
print("paramsshort", ask(b"GET /?" + q + b" HTTP/1.1\r\nHost: x\r\n\r\n"))
print("longuri", ask(b"GET /?number=S1&name=" + b"%E7%8E%8B" * 1000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"))
print("post", ask(b"POST /api/verify HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"))
print("delete", ask(b"DELETE / HTTP/1.1\r\nHost: x\r\n\r\n"))
print("unknown", ask(b"GET /admin HTTP/1.1\r\nHost: x\r\n\r\n"))
print("slowest %.2f" % slowest)
PYEOF
hostile() { sed -n "s/^$1 //p" "$T/hostile"; }
is4xx() { case "$1" in 4[0-9][0-9]) return 0 ;; *) return 1 ;; esac; }
check "a 1 MB query gets a 4xx ($(hostile megabyte))" is4xx "$(hostile megabyte)"
check "a 64 KB header gets a 4xx ($(hostile header))" is4xx "$(hostile header)"
check "invalid UTF-8 (escaped) gets 400" test "$(hostile utf8)" = 400
check "invalid UTF-8 (raw bytes) gets a 4xx ($(hostile utf8raw))" is4xx "$(hostile utf8raw)"
check "a ../ path gets a 4xx ($(hostile dotdot))" is4xx "$(hostile dotdot)"
check "an escaped ../ path gets a 4xx ($(hostile dotdotenc))" is4xx "$(hostile dotdotenc)"
check "../ inside an API path gets a 4xx ($(hostile dotdotapi))" is4xx "$(hostile dotdotapi)"
check "a thousand parameters get 400" test "$(hostile params)" = 400
check "3,000 parameters get 400" test "$(hostile params3000)" = 400
check "10,000 parameters get 400" test "$(hostile params10000)" = 400
check "a megabyte of parameters gets a 4xx ($(hostile paramsmb))" is4xx "$(hostile paramsmb)"
check "4,000 bare parameters get 400" test "$(hostile paramsshort)" = 400
check "a request line over 4 KB gets 414" test "$(hostile longuri)" = 414
check "every hostile request is answered at once ($(hostile slowest) s at most)" \
    "$PY" -c "import sys; sys.exit(0 if float('$(hostile slowest)') < 1.5 else 1)"
check "a body gets 413" test "$(hostile post)" = 413
check "DELETE gets 405" test "$(hostile delete)" = 405
check "an unknown path gets 404" test "$(hostile unknown)" = 404
get "after all that the server still answers" 200 "/api/verify?number=$N1&name=$(q 王芳)"

# Slow clients: one sends half a request line and stalls, one dribbles header
# bytes (a byte every 0.2 s, so the idle timeout never fires), one sends only
# part of the headers, one stalls in its second request on a kept-alive
# connection, one connects and sends nothing. Each gets 408 with
# "Connection: close" within the request deadline (2 s here), then the
# connection closes; meanwhile other clients are served at once.
"$PY" - "$PORT" >"$T/slow" 2>&1 <<'PYEOF' &
import socket, sys, threading, time
port = int(sys.argv[1])
out = {}
def client(mode):
    s = socket.create_connection(("127.0.0.1", port))
    s.settimeout(15)
    t0 = time.time()
    data = b""
    try:
        if mode == "stall":
            s.sendall(b"GET /api/verify?number=S0000")
        elif mode == "headers":
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\n")
        elif mode == "keepalive":
            s.sendall(b"GET /api/directory HTTP/1.1\r\nHost: x\r\n\r\n")
            while b"\r\n\r\n" not in data:
                data += s.recv(65536)
            head, _, rest = data.partition(b"\r\n\r\n")
            length = int([l.split(b":")[1] for l in head.split(b"\r\n")
                          if l.lower().startswith(b"content-length:")][0])
            while len(rest) < length:
                rest += s.recv(65536)
            if not head.startswith(b"HTTP/1.1 200"):
                raise SystemExit("keepalive: first answer " + repr(head[:20]))
            data = b""
            time.sleep(0.3) # a client coming back to its kept-alive connection
            t0 = time.time()
            s.sendall(b"GET /api/dir")
        elif mode == "dribble":
            for ch in b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 200:
                s.send(bytes([ch]))
                s.settimeout(0.2)
                try:
                    d = s.recv(4096)
                except socket.timeout:
                    continue
                data += d
                break
            s.settimeout(15)
        while True:
            d = s.recv(4096)
            if not d:
                break
            data += d
    except (ConnectionResetError, BrokenPipeError, socket.timeout) as e:
        data += b" [" + type(e).__name__.encode() + b"]"
    out[mode] = (time.time() - t0, data)
modes = ["stall", "dribble", "headers", "keepalive", "silent"]
threads = [threading.Thread(target=client, args=(m,)) for m in modes]
for t in threads:
    t.start()
for t in threads:
    t.join()
for m in modes:
    secs, data = out[m]
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    close = b"\r\nConnection: close\r\n" in data
    print("%s %.2f %s %s" % (m, secs, "close" if close else "keep", line.replace(" ", "_")))
PYEOF
SLOW=$!
sleep 0.3
t0=$(date +%s%N)
get "while clients stall, others are served" 200 "/api/verify?number=$N1&name=$(q 王芳)"
t1=$(date +%s%N)
check "... at once (under 1 s)" test $(( (t1 - t0) / 1000000 )) -lt 1000
wait $SLOW
for m in stall dribble headers keepalive silent; do
    set -- $(sed -n "s/^$m //p" "$T/slow")
    rc="$*"
    check "a slow client ($m) gets 408 with Connection: close (${1:-?} s)" \
        test "${2:-}" = "close" -a "${3:-}" = "HTTP/1.1_408_Request_Timeout"
    check "... within the 2 s deadline, not before" \
        "$PY" -c "import sys; sys.exit(0 if 1.8 <= float('${1:-99}') <= 4 else 1)"
done
get "after the slow clients the server still answers" 200 "/api/verify?number=$N1&name=$(q 王芳)"

# ---- headless Chromium fills the form -------------------------------------------------------------------

mkdir -p "$T/profile"
"$PY" "$(dirname "$0")/cdp.py" "$CHROMIUM" "$T/profile" "$U/" $N1 王芳 $N3 张小三 >"$T/cdp.out" 2>"$T/cdp.err"
rc=$?
check "chromium drives the page (exit $rc)" test "$rc" = 0
[ "$rc" = 0 ] || sed -n '1,5s/^/#   /p' "$T/cdp.err"
sed -n 1p "$T/cdp.out" >"$OUT"
py "Chromium: the form for a valid certificate shows it valid" '
assert d["status"] == "valid", d
assert "证书有效" in d["text"] and "Valid certificate" in d["text"] and "王*" in d["text"], d
assert "number=S000011000001244000001" in d["url"], d
assert d["width"] <= 390, "wider than a phone: %s" % d["width"]
'
sed -n 2p "$T/cdp.out" >"$OUT"
py "Chromium: the form for a revoked certificate shows it revoked with its date" '
assert d["status"] == "revoked", d
assert "证书已撤销" in d["text"] and "2024-05-01" in d["text"], d
'

# ---- the rate limit ---------------------------------------------------------------------------------------------

start_server "$T/rl.out" "$T/rl.log" --threads 1 --rate-limit 5 --quiet
RL=$PID
codes=$("$PY" - "$PORT" <<'PYEOF'
import http.client, sys
out = []
for i in range(12):
    c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=10)
    c.request("GET", "/api/directory")
    out.append(str(c.getresponse().status))
    c.close()
print(" " + " ".join(out))
PYEOF
)
check "past 5 requests a second a client gets 429 ($codes)" sh -c "echo '$codes' | grep -q 429"
check "... after the first 5 were served" sh -c "echo '$codes' | grep -q '^ 200 200 200 200 200'"
sleep 1.1
code=$(curl -s -o /dev/null -D "$T/h" -w '%{http_code}' "http://127.0.0.1:$PORT/api/directory")
check "a second later it is served again" test "$code" = 200
kill -TERM $RL; wait $RL

# ---- the log, read-only, SIGTERM ------------------------------------------------------------------------------------

kill -TERM $PID 2>/dev/null
kill -TERM $(echo $SERVERS | cut -d' ' -f1)
wait $(echo $SERVERS | cut -d' ' -f1)
rc=$?
SERVERS=""
check "SIGTERM stops the server with exit 0" test "$rc" = 0
check "... and it says so" grep -q 'stopped on signal 15' "$T/serve.log"
lines=$(grep -c ' serve path=' "$T/serve.log")
check "one log line per request ($lines)" test "$lines" -ge 30
check "the log says a slow client got 408" grep -q 'status=408 outcome=request-timeout' "$T/serve.log"
check "the log says many parameters got 400" grep -q 'status=400 outcome=too-many-parameters' "$T/serve.log"
check "the log names paths and statuses" grep -q 'path=/api/verify status=200 outcome=valid' "$T/serve.log"
check "the log holds no names, numbers or ID numbers" \
    sh -c "! grep -qE '王|张|李|S0000|$C1|name=|number=' '$T/serve.log'"
snapshot "$T/after"
check "the registry is unchanged (read-only)" cmp -s "$T/before" "$T/after"

echo "1..$n"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
