#!/bin/sh
# SIGKILL at a random moment during API writes (a writer adding candidates,
# one CLI call each, acknowledging each one only after it returned 0), 20
# trials. After each: integrity_check ok, audit chain intact, and no
# acknowledged write lost (the registry holds every acknowledged candidate,
# at most one more: the call in flight, whole or absent).
. "$(dirname "$0")/common.sh"
trials=${STRESS_TRIALS:-20}
db="$T/r.db"
"$SC" --db "$db" --actor city-bureau init --development >/dev/null || exit 1
ids 2000 "$T/ids" 0
: >"$T/acked"
lost=0; extra_ok=0
i=0; next=1
while [ $i -lt "$trials" ]; do
  i=$((i + 1))
  # the writer: one call at a time, its pid in $T/inflight while it runs
  sed -n "$next,\$p" "$T/ids" >"$T/todo"
  ( while read -r id; do
      cand_json "$id" >"$T/c.json"
      "$SC" --db "$db" --actor city-centre candidate add "$T/c.json" >/dev/null 2>&1 &
      echo $! >"$T/inflight"
      wait $! || exit 1
      echo "$id" >>"$T/acked"
    done <"$T/todo" ) </dev/null &
  pid=$!
  ms=$(( $(od -An -N2 -tu2 /dev/urandom) % 2500 + 500 ))
  sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
  kill -9 "$pid" 2>/dev/null           # the writer first: it starts no other call
  [ -s "$T/inflight" ] && kill -9 "$(cat "$T/inflight")" 2>/dev/null   # then the call in flight
  wait "$pid" 2>/dev/null
  sleep 0.1
  rm -f "$T/inflight"
  sleep 0.05
  integrity "$db"; check $? "trial $i: integrity_check"
  audit_ok "$db"; check $? "trial $i: audit chain"
  acked=$(wc -l <"$T/acked")
  have=$(sqlite3 "$db" "SELECT count(*) FROM candidate")
  missing=$("$PY" -c '
import sqlite3, sys
have = {r[0] for r in sqlite3.connect(sys.argv[1]).execute("SELECT id_number FROM candidate")}
print(sum(1 for l in open(sys.argv[2]) if l.strip() and l.strip() not in have))' "$db" "$T/acked")
  [ "$missing" -eq 0 ]; check $? "trial $i: $missing acknowledged writes lost"
  lost=$((lost + missing))
  [ "$have" -ge "$acked" ] && [ "$have" -le $((acked + 1)) ]; check $? "trial $i: $have candidates for $acked acknowledged"
  if [ "$have" -gt "$acked" ]; then extra_ok=$((extra_ok + 1)); sqlite3 "$db" "SELECT id_number FROM candidate ORDER BY rowid DESC LIMIT 1" >>"$T/acked"; fi
  next=$(( $(wc -l <"$T/acked") + 1 ))
done
echo "stress kill-api: trials=$i acknowledged=$(wc -l <"$T/acked") lost=$lost in_flight_whole=$extra_ok checks_passed=$pass checks_failed=$fail"
[ "$fail" -eq 0 ]
