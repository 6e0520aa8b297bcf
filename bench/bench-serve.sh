#!/bin/sh
# bench/bench-serve.sh — run by `make bench-serve` (not part of `make check`).
#
# Fills a registry with CERTS certificates (default 1,000,000; bench_serve fill),
# starts `skillcert serve` on a free loopback port (THREADS server threads,
# default 1, no rate limit, its log line per request written to /dev/null) and
# loads it with wrk (CONNS connections, WRK_THREADS threads, default 2) on
# random numbers, one in 16 with a wrong name (bench/serve.lua). In the same run the floor: the
# same libmicrohttpd daemon answering one fixed JSON answer (bench_serve
# floor), loaded the same way; ROUNDS rounds (default 5) of DURATION seconds
# (default 4) alternate between the two; the medians count. wrk
# shares the machine's cores with the servers. The last line is
#   serve requests_per_s=N floor_per_s=M ratio=R p99_ms=L
# (medians over the rounds: N and M requests per second, R of the rounds'
# N / M, L of the 99th percentile latency of serve).
set -eu
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
CERTS=${CERTS:-1000000}
# wrk runs on the same 2 cores: its 2 threads plus 2 server threads
# oversubscribe them, and the 99th percentile then measures the scheduler
# (50-90 ms stalls, the fixed-answer floor alike), not the server. One server
# thread leaves a core to each side; give THREADS=2 to see the other figure.
THREADS=${THREADS:-1}
CONNS=${CONNS:-16}
WRK_THREADS=${WRK_THREADS:-2}
DURATION=${DURATION:-4}
ROUNDS=${ROUNDS:-5}
HELPER="$top_builddir/bench/bench_serve"
SKILLCERT="$top_builddir/tools/skillcert"
command -v wrk >/dev/null 2>&1 || { echo "bench-serve: wrk is required (Debian package wrk)" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/bench-serve.XXXXXX")
PIDS=""
trap 'for p in $PIDS; do kill $p 2>/dev/null || true; done; rm -rf "$T"' EXIT
t0=$(date +%s)
"$HELPER" fill "$T/registry.db" "$CERTS" "$T/paths" 100000
echo "bench-serve: filled in $(( $(date +%s) - t0 )) s"
export BENCH_SERVE_PATHS="$T/paths"

# wait_port FILE: the port a server printed.
wait_port() {
    i=0
    while [ $i -lt 200 ]; do
        p=$(sed -n 's/.*listening on \(http:\/\/127.0.0.1:\)\{0,1\}\([0-9][0-9]*\).*/\2/p' "$1")
        [ -n "$p" ] && { echo "$p"; return 0; }
        sleep 0.05; i=$((i + 1))
    done
    return 1
}
# load PORT NAME: wrk against it; prints "RPS P99MS".
load() {
    wrk -t"$WRK_THREADS" -c"$CONNS" -d1s -s "$top_srcdir/bench/serve.lua" "http://127.0.0.1:$1" >/dev/null
    wrk -t"$WRK_THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s "$top_srcdir/bench/serve.lua" \
        "http://127.0.0.1:$1" >"$T/$2.wrk"
    sed 's/^/  /' "$T/$2.wrk" >&2
    rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$T/$2.wrk")
    p99=$(awk '$1 == "99%" { v = $2; if (v ~ /ms$/) { sub(/ms$/, "", v); print v }
          else if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 }
          else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000 } }' "$T/$2.wrk")
    echo "$rps $p99"
}

"$SKILLCERT" --db "$T/registry.db" serve --listen 127.0.0.1:0 --threads "$THREADS" \
    --rate-limit 0 >"$T/serve.out" 2>/dev/null &
PIDS="$!"
"$HELPER" floor 127.0.0.1:0 "$THREADS" >"$T/floor.out" &
PIDS="$PIDS $!"
sport=$(wait_port "$T/serve.out")
fport=$(wait_port "$T/floor.out")
curl -s "http://127.0.0.1:$sport$(head -n 1 "$T/paths")" >&2 && echo >&2
echo "bench-serve: skillcert serve on port $sport, the floor on port $fport ($THREADS threads each)" >&2
# Rounds alternate between the two (load from elsewhere weighs on both alike,
# round by round); each figure is the median over the rounds, the ratio the
# median of the rounds' ratios (as bench-import's paired rounds).
: >"$T/rounds"
r=1
while [ $r -le "$ROUNDS" ]; do
    set -- $(load "$sport" "serve$r")
    s_rps=$1 s_p99=$2
    set -- $(load "$fport" "floor$r")
    echo "bench-serve: round $r serve $s_rps/s p99 $s_p99 ms, floor $1/s" >&2
    echo "$s_rps $1 $s_p99" >>"$T/rounds"
    r=$((r + 1))
done
kill -TERM $PIDS; wait $PIDS || true
PIDS=""
echo "bench-serve: measured with wrk on the same $(nproc)-core machine, under whatever load it carries"
awk 'function median(a, n,   i, j, t) {
         for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
         return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
     { s[NR] = $1; f[NR] = $2; l[NR] = $3; q[NR] = $2 > 0 ? $1 / $2 : 0 }
     END { printf "serve requests_per_s=%d floor_per_s=%d ratio=%.2f p99_ms=%.2f\n",
                  median(s, NR), median(f, NR), median(q, NR), median(l, NR) }' "$T/rounds"
