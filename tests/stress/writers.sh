#!/bin/sh
# Four writers and a reader on one registry file. The writers issue
# certificates of one organization in one year, so that they contend for the
# same number sequence: each takes its share of STRESS_CERTS (default 100)
# candidates who passed one session and, one CLI call each, reports them
# (`cert report`, which assigns the number) and issues the certificate
# (`cert issue`), acknowledging the pair number + ID only after both returned
# 0. They stop after STRESS_SECONDS (default 60) or when done; the reader runs
# `audit verify` over and over meanwhile. At the end: integrity_check ok,
# audit chain intact, every acknowledged certificate there for its candidate
# and nothing else, no number twice (acknowledged or stored), the numbers
# dense (1..N: no gap left by a failed call), and no busy or locked error
# reached a caller.
. "$(dirname "$0")/common.sh"
secs=${STRESS_SECONDS:-60}
certs=${STRESS_CERTS:-100}
db="$T/r.db"
A=91110108MA01ABCD2H        # 北京智训科技有限公司, 海淀区 110108
OCC=4-02-07-10              # 网约配送员
AS_A="--actor organization:$A"
setup() {   # the organization filed, staffed, $certs candidates passed session 1
  sc() { "$SC" --db "$db" "$@" >"$T/out" 2>"$T/err" || { echo "stress writers: set-up failed: $*" >&2; cat "$T/err" >&2; exit 1; }; }
  sc --actor city-bureau init --development
  sc $AS_A org register $A --name 北京智训科技有限公司 --kind enterprise --district 110108 --date 2023-01-05
  sc $AS_A org apply $A $OCC:5,4,3,2,1 --date 2023-02-01
  sc --actor district:110108 org recommend $A --date 2023-02-10
  sc --actor city-centre org evaluate $A --date 2023-03-01
  sc --actor city-centre org notice $A --date 2023-03-10
  sc --actor city-centre org file $A --date 2023-05-10
  sc $AS_A org commit $A --date 2023-05-12
  # theory: 1 invigilator per 15 candidates; practical: 1 examiner per 5, an odd number
  theory=$(( (certs + 14) / 15 )); [ $theory -lt 2 ] && theory=2
  practical=$(( (certs + 4) / 5 )); [ $practical -lt 3 ] && practical=3
  [ $((practical % 2)) -eq 0 ] && practical=$((practical + 1))
  e=1; staff_t=; staff_p=
  while [ $e -le $practical ]; do
    id=$(printf 'E%03d' $e)
    sc $AS_A org staff add $A $id $OCC:1 --name 考评员$id --role examiner --date 2023-06-01
    staff_p="$staff_p $id"; [ $e -le $theory ] && staff_t="$staff_t $id"
    e=$((e + 1))
  done
  ids "$certs" "$T/ids" 300000
  while read -r id; do
    cand_json "$id" >"$T/c.json"
    sc --actor city-centre candidate add "$T/c.json"
  done <"$T/ids"
  sc --actor city-bureau eligibility rules load-defaults
  sc $AS_A announce publish $A $OCC:5,4,3,2,1 --code STRESS-2023 --title 新职业技能等级认定公告 \
    --opens 2023-06-01 --closes 2026-05-01 --fees "四级 400 元" --date 2023-06-01
  ann=$(sed -n 's/^announcement \([0-9][0-9]*\) .*/\1/p' "$T/out")
  while read -r id; do
    sc --actor candidate:$id apply "$ann" $id $OCC:4 --date 2023-06-10
  done <"$T/ids"
  sc $AS_A application verify --all-submitted --org $A --date 2023-06-12
  sc --actor district:110108 application confirm --all-verified --org $A --date 2023-06-15
  sc $AS_A session venue-add $A --name 海淀考点 --address 北京市海淀区中关村大街1号 --district 海淀区 --rooms 1 --date 2023-06-01
  sc --actor district:110108 session venue-inspect 1 --result passed --date 2023-06-05
  sc $AS_A session create $A $OCC --level 4 --venue 1 --date 2024-03-01
  # shellcheck disable=SC2046
  sc $AS_A session enrol 1 $(cat "$T/ids")
  sc $AS_A session staff 1 theory $staff_t
  sc $AS_A session staff 1 practical $staff_p
  sc $AS_A session confirm 1 --date 2024-02-28
  while read -r id; do
    sc $AS_A result record 1 $id --theory 90 --practical 80 --date 2024-03-01
  done <"$T/ids"
}
t0=$(date +%s)
setup
echo "stress writers: set-up of $certs passed candidates in $(( $(date +%s) - t0 )) s"
end=$(( $(date +%s) + secs ))
t0=$(date +%s)
w=1
while [ $w -le 4 ]; do
  awk -v w=$w 'NR % 4 == w % 4' "$T/ids" >"$T/ids$w"
  ( while read -r id && [ "$(date +%s)" -lt "$end" ]; do
      if "$SC" --db "$db" $AS_A cert report 1 "$id" --date 2024-03-10 >"$T/out$w" 2>"$T/err$w"; then
        n=$(sed -n 's/^\(S[0-9]\{21\}\): .*/\1/p' "$T/out$w")
        if "$SC" --db "$db" $AS_A cert issue "$n" --date 2024-03-15 >"$T/out$w" 2>"$T/err$w"; then
          echo "$n $id" >>"$T/acked$w"
        else
          cat "$T/err$w" >>"$T/errors$w"
        fi
      else
        cat "$T/err$w" >>"$T/errors$w"
      fi
    done <"$T/ids$w" ) &
  eval "pid$w=\$!"
  w=$((w + 1))
done
( reads=0; bad=0
  while [ "$(date +%s)" -lt "$end" ] && kill -0 "$pid1" "$pid2" "$pid3" "$pid4" 2>/dev/null; do
    if "$SC" --db "$db" audit verify >/dev/null 2>>"$T/errors-reader"; then reads=$((reads + 1)); else bad=$((bad + 1)); fi
  done
  echo "$reads $bad" >"$T/reader" ) &
rpid=$!
wait "$pid1" "$pid2" "$pid3" "$pid4" "$rpid"
took=$(( $(date +%s) - t0 ))
cat "$T"/acked[0-9] 2>/dev/null | sort >"$T/acked"
acked=$(wc -l <"$T/acked")
acked_numbers=$(cut -d' ' -f1 "$T/acked" | sort -u | wc -l)
errors=$(cat "$T"/errors[0-9] 2>/dev/null | wc -l)
busy=$(cat "$T"/errors* 2>/dev/null | grep -ciE 'busy|locked')
sqlite3 "$db" "SELECT number || ' ' || id_number FROM certificate WHERE status = 2" | sort >"$T/have"
have=$(sqlite3 "$db" "SELECT count(*) FROM certificate")
issued=$(wc -l <"$T/have")
distinct=$(sqlite3 "$db" "SELECT count(DISTINCT number) FROM certificate")
holders=$(sqlite3 "$db" "SELECT count(DISTINCT id_number) FROM certificate")
top=$(sqlite3 "$db" "SELECT coalesce(max(CAST(substr(number, 17) AS INTEGER)), 0) FROM certificate")
read -r reads rbad <"$T/reader"
integrity "$db"; check $? "integrity_check"
audit_ok "$db"; check $? "audit chain"
[ "$acked" -gt 0 ]; check $? "some certificate was acknowledged"
cmp -s "$T/acked" "$T/have"; check $? "the registry holds exactly the acknowledged certificates, each for its candidate"
[ "$have" = "$issued" ]; check $? "no certificate reported but not issued"
[ "$acked_numbers" = "$acked" ]; check $? "no number acknowledged twice"
[ "$have" = "$distinct" ] && [ "$have" = "$holders" ]; check $? "no duplicate number, one certificate per candidate"
[ "$top" = "$have" ]; check $? "the numbers are dense: 1..$have (highest $top)"
[ "$busy" = 0 ]; check $? "no busy or locked error reached a caller"
[ "$errors" = 0 ]; check $? "no write failed"
[ "$rbad" = 0 ]; check $? "every read succeeded"
echo "stress writers: seconds=$took writers=4 candidates=$certs acknowledged=$acked certificates=$have duplicates=$((have - distinct)) duplicate_acks=$((acked - acked_numbers)) highest_number=$top write_errors=$errors busy_errors=$busy reads=$reads read_errors=$rbad checks_passed=$pass checks_failed=$fail"
[ "$fail" -eq 0 ]
