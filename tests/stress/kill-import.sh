#!/bin/sh
# SIGKILL at a random moment during a 200,000-record import, 20 trials
# (STRESS_TRIALS, STRESS_RECORDS). After each: integrity_check ok, audit
# chain intact, and the import all or nothing (the occupation count is the
# one before or the one after, never between). Then the import completes.
. "$(dirname "$0")/common.sh"
trials=${STRESS_TRIALS:-20}
records=${STRESS_RECORDS:-200000}
db="$T/r.db"
"$SC" --db "$db" --actor city-bureau init --development >/dev/null || exit 1
"$PY" - "$T/big.xml" "$records" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<catalog xmlns="urn:skillcert:catalog:1" version="1" batch="stress-big" issuer="city-bureau">\n')
    for i in range(n):
        f.write('<occupation code="7-%02d-%02d-%02d" name="压力职业%d" effective="2024-01-01">'
                '<offering level="5"/></occupation>\n' % (i // 10000 % 100, i // 100 % 100, i % 100, i))
    f.write('</catalog>\n')
PY
before=$(sqlite3 "$db" "SELECT count(*) FROM occupation")
# how long a whole import takes, on a copy
cp "$db" "$T/time.db"
t0=$(date +%s%N); "$SC" --db "$T/time.db" --actor city-bureau import "$T/big.xml" >/dev/null 2>&1; t1=$(date +%s%N)
full_ms=$(( (t1 - t0) / 1000000 ))
killed=0; finished=0; whole=0; none=0; between=0
i=0
while [ $i -lt "$trials" ]; do
  i=$((i + 1))
  delay_ms=$(( $(od -An -N2 -tu2 /dev/urandom) % (full_ms > 50 ? full_ms : 50) ))
  "$SC" --db "$db" --actor city-bureau import "$T/big.xml" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); else finished=$((finished + 1)); fi
  wait "$pid" 2>/dev/null
  integrity "$db"; check $? "trial $i: integrity_check"
  audit_ok "$db"; check $? "trial $i: audit chain"
  now=$(sqlite3 "$db" "SELECT count(*) FROM occupation")
  if [ "$now" = "$before" ]; then none=$((none + 1))
  elif [ "$now" = $((before + records)) ]; then whole=$((whole + 1)); break
  else between=$((between + 1)); check 1 "trial $i: $now occupations, neither $before nor $((before + records))"; fi
done
"$SC" --db "$db" --actor city-bureau import "$T/big.xml" >/dev/null 2>&1
[ "$(sqlite3 "$db" "SELECT count(*) FROM occupation")" = $((before + records)) ]; check $? "the import completes afterwards"
echo "stress kill-import: trials=$i killed=$killed finished=$finished none=$none whole=$whole between=$between full_import_ms=$full_ms checks_passed=$pass checks_failed=$fail"
[ "$fail" -eq 0 ]
