#!/usr/bin/env bash
# The shared library exports exactly the symbols in libskillcert/skillcert.sym.
set -eu
: "${top_builddir:=.}" "${top_srcdir:=.}"
lib="$top_builddir/libskillcert/.libs/libskillcert.so"
test -f "$lib" || { echo "no $lib"; exit 1; }
actual=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort)
expected=$(grep -v '^#' "$top_srcdir/libskillcert/skillcert.sym" | sed '/^$/d' | sort)
if [ "$actual" != "$expected" ]; then
  echo "exported symbols differ from skillcert.sym (< exported, > listed):"
  diff <(echo "$actual") <(echo "$expected") || true
  exit 1
fi
echo "1..1"
echo "ok 1 - $(echo "$actual" | wc -l) exported symbols match skillcert.sym"
