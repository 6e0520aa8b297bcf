#!/bin/sh
# Every parameter of every public function has its @param in the header's doc
# comment (tests/check-doc-params.py does the reading).
: "${top_srcdir:=.}"
exec "${PYTHON:-python3}" "$top_srcdir/tests/check-doc-params.py"
