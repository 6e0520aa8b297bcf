#!/usr/bin/env bash
# Every versioned struct is declared with its SC_*_INIT (tests/check-struct-init.py).
set -eu
: "${top_srcdir:=.}"
exec python3 "$top_srcdir/tests/check-struct-init.py" "$top_srcdir"
