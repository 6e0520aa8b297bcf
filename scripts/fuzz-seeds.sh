#!/bin/sh
# Regenerate the seed corpus of fuzz_import (fuzz/corpus/import/) from the
# documents the demo's registry exports, plus the data/ documents; and the
# certificate numbers the demo issues (fuzz/corpus/parser_cert_number/).
# Each import seed is one actor byte (0 city bureau, 1 city centre,
# 2 district 110108, 3 organization) then the document.
#   scripts/fuzz-seeds.sh [BUILD_DIR]       (default ./build)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
SC="$build/tools/skillcert"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/examples/demo" "$tmp/demo.db" >/dev/null
db="$tmp/demo.db"
org=$(sqlite3 "$db" "SELECT credit_code FROM org ORDER BY id LIMIT 1")
out="$top/fuzz/corpus/import"
mkdir -p "$out" "$top/fuzz/corpus/parser_cert_number"
seed() { # seed ACTOR-BYTE NAME [export args...]
  byte=$1; name=$2; shift 2
  printf "\\$(printf '%03o' "$byte")" >"$out/$name.xml"
  "$SC" --db "$db" export "$@" >>"$out/$name.xml"
}
seed 0 catalog catalog
seed 0 eligibility eligibility
seed 1 certificate-batch certificate-batch --org "$org" --date 2023-12-31
seed 3 certificate-ack certificate-ack --org "$org" --date 2023-12-31
seed 3 revocations revocations --org "$org" --date 2023-12-31
seed 2 organization-application organization-application --org "$org" --date 2023-12-31
seed 1 district-recommendation district-recommendation --org "$org" --date 2023-12-31
seed 2 evaluation-result evaluation-result --org "$org" --date 2023-12-31
seed 2 directory directory --date 2023-12-31
seed 2 candidate-batch candidate-batch --announcement 1
seed 3 confirmation confirmation --announcement 1
seed 1 results-report results-report --session 1 --date 2023-12-31
seed 1 supervision-findings supervision-findings --inspection 1
for f in "$top"/data/*.xml; do
  { printf '\000'; cat "$f"; } >"$out/data-$(basename "$f")"
done
sqlite3 "$db" "SELECT number FROM certificate" | while read -r n; do
  printf '%s' "$n" >"$top/fuzz/corpus/parser_cert_number/$n"
done
ls "$out" | wc -l
