#!/bin/sh
# Four writers and a reader on one registry file for a minute
# (STRESS_SECONDS). Each writer adds candidates (one CLI call each) and
# acknowledges each call that returned 0; the reader runs `audit verify`
# over and over. At the end: integrity_check ok, audit chain intact, every
# acknowledged write there and nothing else, no duplicate, and no busy or
# locked error reached a caller.
. "$(dirname "$0")/common.sh"
secs=${STRESS_SECONDS:-60}
db="$T/r.db"
"$SC" --db "$db" init >/dev/null || exit 1
end=$(( $(date +%s) + secs ))
w=1
while [ $w -le 4 ]; do
  ids 20000 "$T/ids$w" $((w * 100000))
  ( n=0
    while read -r id && [ "$(date +%s)" -lt "$end" ]; do
      cand_json "$id" >"$T/c$w.json"
      if "$SC" --db "$db" --actor city-centre candidate add "$T/c$w.json" >/dev/null 2>"$T/err$w"; then
        echo "$id" >>"$T/acked$w"
      else
        cat "$T/err$w" >>"$T/errors$w"
      fi
    done <"$T/ids$w" ) &
  eval "pid$w=\$!"
  w=$((w + 1))
done
( reads=0; bad=0
  while [ "$(date +%s)" -lt "$end" ]; do
    if "$SC" --db "$db" audit verify >/dev/null 2>>"$T/errors-reader"; then reads=$((reads + 1)); else bad=$((bad + 1)); fi
  done
  echo "$reads $bad" >"$T/reader" ) &
rpid=$!
wait "$pid1" "$pid2" "$pid3" "$pid4" "$rpid"
cat "$T"/acked* 2>/dev/null | sort >"$T/acked"
acked=$(wc -l <"$T/acked")
errors=$(cat "$T"/errors[0-9] 2>/dev/null | wc -l)
busy=$(cat "$T"/errors* 2>/dev/null | grep -ciE 'busy|locked')
have=$(sqlite3 "$db" "SELECT count(*) FROM candidate")
distinct=$(sqlite3 "$db" "SELECT count(DISTINCT id_number) FROM candidate")
sqlite3 "$db" "SELECT id_number FROM candidate" | sort >"$T/have"
read -r reads rbad <"$T/reader"
integrity "$db"; check $? "integrity_check"
audit_ok "$db"; check $? "audit chain"
cmp -s "$T/acked" "$T/have"; check $? "the registry holds exactly the acknowledged writes"
[ "$have" = "$distinct" ]; check $? "no duplicate"
[ "$busy" = 0 ]; check $? "no busy or locked error reached a caller"
[ "$errors" = 0 ]; check $? "no write failed"
[ "$rbad" = 0 ]; check $? "every read succeeded"
echo "stress writers: seconds=$secs writers=4 acknowledged=$acked rows=$have duplicates=$((have - distinct)) write_errors=$errors busy_errors=$busy reads=$reads read_errors=$rbad checks_passed=$pass checks_failed=$fail"
[ "$fail" -eq 0 ]
