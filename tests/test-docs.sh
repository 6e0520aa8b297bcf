#!/bin/sh
# tests/test-docs.sh — `make docs` builds the Doxygen reference of the public
# headers with no warning (the target fails on any), so a doc comment that
# Doxygen cannot read fails the test suite, not only the docs build.
top_builddir=${top_builddir:-.}
if ! command -v doxygen >/dev/null 2>&1; then
    echo "not ok 1 - make docs: doxygen is not installed (scripts/install-deps.sh)"
    echo "0 passed, 1 failed"
    exit 1
fi
out=$(${MAKE:-make} -s -C "$top_builddir" docs 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && [ -f "$top_builddir/doc/reference/html/index.html" ]; then
    echo "ok 1 - make docs: $(echo "$out" | tail -1)"
    echo "1 passed, 0 failed"
    exit 0
fi
echo "not ok 1 - make docs (exit status $rc)"
echo "$out" | sed 's/^/#   /'
echo "0 passed, 1 failed"
exit 1
