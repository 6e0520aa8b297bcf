#!/bin/sh
# tests/cli/test-report-chromium.sh — the period report as HTML, rendered by
# the CLI (`skillcert report --html`, tools/report_html.c) from the data the
# library returns (sc_period_report_get), for a registry of 100 organizations
# and 100,000 certificates, opened in
# headless Chromium: the page's inline script draws one SVG chart per section
# and then writes, on each chart, the number of bars and the total it drew.
# The test compares them with the registry's numbers, which tests/report_gen
# counted while filling the registry (independently of the library).
#
# Chromium is required: when it is missing the test FAILS (exit 1), it never
# skips. scripts/install-deps.sh installs Debian's `chromium`.

top_builddir=${top_builddir:-.}
GEN="$top_builddir/tests/report_gen"
SKILLCERT="$top_builddir/tools/skillcert"
ORGS=${REPORT_ORGS:-100}
CERTS=${REPORT_CERTS:-100000}

fail() {
    echo "not ok - $1"
    echo "1..1"
    echo "0 passed, 1 failed"
    exit 1
}

[ -x "$GEN" ] || fail "$GEN not found (make check builds it)"
[ -x "$SKILLCERT" ] || fail "$SKILLCERT not found (make builds it)"
CHROMIUM=${CHROMIUM:-}
if [ -z "$CHROMIUM" ]; then
    for c in chromium chromium-browser; do
        if command -v "$c" >/dev/null 2>&1; then
            CHROMIUM=$(command -v "$c")
            break
        fi
    done
fi
[ -n "$CHROMIUM" ] || fail "headless Chromium is required and not installed: run scripts/install-deps.sh (Debian package chromium)"
PY=
for p in "${PYTHON:-}" /usr/bin/python3 python3; do
    if [ -n "$p" ] && command -v "$p" >/dev/null 2>&1; then
        PY=$p
        break
    fi
done
[ -n "$PY" ] || fail "python3 is required to read the rendered page"

T=$(mktemp -d "${TMPDIR:-/tmp}/skillcert-chromium.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

"$GEN" --orgs "$ORGS" --certs "$CERTS" --db "$T/registry.db" \
    --expect "$T/expect.json" >"$T/gen.out" 2>"$T/gen.err" ||
    fail "report_gen: $(tail -n 2 "$T/gen.err" | tr '\n' ' ')"
echo "# $(cat "$T/gen.out")"
# The page the user gets: the CLI renders it from the registry report_gen filled.
"$SKILLCERT" --db "$T/registry.db" report --from 2024-01-01 --to 2024-12-31 \
    --html "$T/report.html" >"$T/cli.out" 2>"$T/cli.err" ||
    fail "skillcert report --html: $(tail -n 2 "$T/cli.err" | tr '\n' ' ')"

mkdir -p "$T/profile" "$T/home"
HOME="$T/home" timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync \
    --no-first-run --disable-dev-shm-usage --user-data-dir="$T/profile" \
    --dump-dom "file://$T/report.html" >"$T/dom.html" 2>"$T/chromium.err"
rc=$?
[ "$rc" = 0 ] && [ -s "$T/dom.html" ] ||
    fail "chromium --dump-dom failed (exit $rc): $(tail -n 3 "$T/chromium.err" | tr '\n' ' ')"

"$PY" - "$T/dom.html" "$T/expect.json" <<'PYEOF'
import html, json, re, sys

dom = open(sys.argv[1], encoding="utf-8").read()
expect = json.load(open(sys.argv[2], encoding="utf-8"))
n = passed = failed = 0

def check(name, cond, detail=""):
    global n, passed, failed
    n += 1
    if cond:
        passed += 1
        print("ok %d - %s" % (n, name))
    else:
        failed += 1
        print("not ok %d - %s" % (n, name))
        if detail:
            print("#   " + detail)

m = re.search(r'<body[^>]*data-charts-drawn="(\d+)"', dom)
check("the page's script ran and drew its charts", m is not None and m.group(1) == "8",
      m.group(0) if m else "no data-charts-drawn on <body>: the script did not run")
figs = {}
for tag in re.findall(r"<figure\b[^>]*>", dom):
    attrs = dict((k, html.unescape(v)) for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag))
    if attrs.get("class") == "chart":
        figs[attrs.get("data-section")] = attrs
check("one chart per section", sorted(figs) == sorted(expect), str(sorted(figs)))
m = re.search(r'<pre id="drawn-totals">(.*?)</pre>', dom, re.S)
drawn = json.loads(html.unescape(m.group(1))) if m and m.group(1).strip() else {}
for sec, want in sorted(expect.items()):
    f = figs.get(sec, {})
    check("%s: drew %s bars" % (sec, want["bars"]), f.get("data-drawn-bars") == str(want["bars"]),
          "drew %r" % f.get("data-drawn-bars"))
    check("%s: the bars drawn total %s, the registry's number" % (sec, want["total"]),
          f.get("data-drawn-total") == want["total"], "drew %r" % f.get("data-drawn-total"))
    check("%s: the page states the same total" % sec, f.get("data-total") == want["total"],
          "states %r" % f.get("data-total"))
    d = drawn.get(sec, {})
    check("%s: the drawn-totals element agrees" % sec,
          d.get("bars") == want["bars"] and d.get("total") == want["total"], repr(d))
    bars = 0
    start = dom.find('data-section="%s"' % sec)
    end = dom.find("</figure>", start)
    if start >= 0 and end > start:
        bars = len(re.findall(r'<rect\b[^>]*class="bar"', dom[start:end]))
    check("%s: %d <rect> bars in its SVG" % (sec, want["bars"]), bars == want["bars"],
          "found %d" % bars)
print("1..%d" % n)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PYEOF
