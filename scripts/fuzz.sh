#!/bin/sh
# Build the libFuzzer targets with clang (ASan + UBSan) in ./build-fuzz and run
# each for FUZZ_SECONDS (default 60). Seeds: fuzz/corpus/TARGET (read only);
# what a run finds goes to build-fuzz/corpus/TARGET; a crash is written to
# fuzz/regressions/TARGET/ where `make check` replays it from then on.
# The XML dictionary is generated from the schemas. Last line per target:
#   fuzz TARGET runs=N execs_per_s=E edges=C crashes=K slow_units=S exit=RC
#   scripts/fuzz.sh                     (FUZZ_SECONDS=N, FUZZ_TARGETS="import ...")
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${FUZZ_SECONDS:-60}
[ -n "$secs" ] || secs=60
targets=${FUZZ_TARGETS:-"import parser_resident_id parser_credit_code parser_cert_number parser_occupation_code parser_date candidate_json"}
b="$top/build-fuzz"
command -v clang >/dev/null || { echo "fuzz: clang is needed (apt-get install clang)" >&2; exit 1; }

if [ ! -x "$top/configure" ]; then
  "$top/bootstrap"
fi
mkdir -p "$b"
cd "$b"
if [ ! -f config.status ] || [ "$top/configure" -nt config.status ]; then
  "$top/configure" CC=clang \
      CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
      LDFLAGS="-fsanitize=address,undefined" \
      --enable-fuzzers --disable-python --disable-java >configure.out 2>&1 ||
    { tail -30 configure.out; exit 1; }
fi
make -j2 fuzzers >make.out 2>&1 || { tail -30 make.out; exit 1; }

# The dictionary: element and attribute names, namespaces and enumerated
# values of every schema, as they appear in documents.
dict="$b/xml.dict"
{
  for x in "$top"/schemas/*.xsd; do
    sed -n 's/.*<xs:element name="\([^"]*\)".*/\1/p' "$x" | sort -u |
      while read -r e; do printf '"<%s"\n"</%s>"\n' "$e" "$e"; done
    sed -n 's/.*<xs:attribute name="\([^"]*\)".*/\1/p' "$x" | sort -u |
      while read -r a; do printf '"%s=\\""\n' "$a"; done
    sed -n 's/.*targetNamespace="\([^"]*\)".*/\1/p' "$x" |
      while read -r n; do printf '"xmlns=\\"%s\\""\n' "$n"; done
    sed -n 's/.*<xs:enumeration value="\([^"]*\)".*/\1/p' "$x" | sort -u |
      while read -r v; do printf '"%s"\n' "$v"; done
  done
  printf '"<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?>"\n"batch=\\""\n"version=\\"1\\""\n'
} | awk '!seen[$0]++' | grep -v '\\[^"\\]' |
  LC_ALL=C perl -pe 's/([\x80-\xff])/sprintf("\\x%02X", ord($1))/ge' >"$dict"

status=0
for t in $targets; do
  mkdir -p "corpus/$t" "$top/fuzz/regressions/$t" "logs"
  before=$(find "$top/fuzz/regressions/$t" -type f | wc -l)
  extra=
  [ "$t" = import ] && extra="-dict=$dict -max_len=65536"
  set +e
  # shellcheck disable=SC2086
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "./fuzz/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 -close_fd_mask=3 \
      -artifact_prefix="$top/fuzz/regressions/$t/" $extra \
      "corpus/$t" "$top/fuzz/corpus/$t" >"logs/$t.log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
  eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "logs/$t.log" | tail -1)
  edges=$(grep -oE 'cov: [0-9]+' "logs/$t.log" | tail -1 | cut -d' ' -f2)
  # A slow unit is not a failure: libFuzzer writes one for any input that took
  # longer than -report_slow_units (10 s), which on a loaded machine is often
  # the scheduler's doing. Keep them aside (build-fuzz/slow/) to look at; only
  # crashes, leaks, timeouts and out-of-memory inputs become regressions.
  mkdir -p "slow/$t"
  slow=0
  for f in "$top/fuzz/regressions/$t"/slow-unit-*; do
    [ -e "$f" ] || continue
    mv "$f" "slow/$t/"; slow=$((slow + 1))
  done
  crashes=$(( $(find "$top/fuzz/regressions/$t" -type f | wc -l) - before ))
  [ "$rc" -ne 0 ] && status=1
  echo "fuzz $t runs=${runs:-0} execs_per_s=${eps:-0} edges=${edges:-0} crashes=$crashes slow_units=$slow exit=$rc"
done
exit $status
