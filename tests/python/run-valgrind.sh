#!/bin/sh
# Run the binding's lifetime tests (tests/python/test_binding_safety.py)
# under valgrind, to show that no wrapper reads memory its parent freed
# (issue 13: db.ruleset(date).decide(...).matched()).
#
#   top_builddir=build top_srcdir=. tests/python/run-valgrind.sh [pytest args]
#
# PYTHONMALLOC=malloc makes CPython use malloc for every object, so valgrind
# sees each block; leaks are not checked (the interpreter keeps memory at
# exit on purpose). Exit status: pytest's, or 97 when valgrind reported an
# error; 77 (skip) without valgrind or pytest.

top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(dirname "$0")/../..}
PYTHON=${PYTHON:-python3}

builddir=$(cd "$top_builddir" && pwd) || exit 99
srcdir=$(cd "$top_srcdir" && pwd) || exit 99

command -v valgrind >/dev/null 2>&1 || { echo "run-valgrind.sh: no valgrind; skipping" >&2; exit 77; }
"$PYTHON" -c 'import pytest' 2>/dev/null || { echo "run-valgrind.sh: no pytest; skipping" >&2; exit 77; }

PYTHONPATH="$builddir/bindings/python:$builddir/bindings/python/.libs${PYTHONPATH:+:$PYTHONPATH}"
PYTHONDONTWRITEBYTECODE=1
PYTHONMALLOC=malloc
export PYTHONPATH PYTHONDONTWRITEBYTECODE PYTHONMALLOC

cd "$srcdir/tests/python" || exit 99
exec valgrind -q --error-exitcode=97 --leak-check=no --track-origins=no \
    "$PYTHON" -m pytest -q -p no:cacheprovider --rootdir=. "$@" \
    test_binding_safety.py -k "outlive or holds"
