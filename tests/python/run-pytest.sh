#!/bin/sh
# Run the Python binding's tests (pytest) against the module in the build tree.
#
# Called by `make check` with top_builddir, top_srcdir and PYTHON in the
# environment (TESTS_ENVIRONMENT); also runnable by hand from the build
# directory:  top_srcdir=/path/to/src PYTHON=/usr/bin/python3 tests/python/run-pytest.sh
# Extra arguments go to pytest (e.g. -k catalog).
# Exit status: pytest's; 77 (skip) when pytest is not installed.

top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-$(dirname "$0")/../..}
PYTHON=${PYTHON:-python3}

builddir=$(cd "$top_builddir" && pwd) || exit 99
srcdir=$(cd "$top_srcdir" && pwd) || exit 99

if ! "$PYTHON" -c 'import pytest' 2>/dev/null; then
    echo "run-pytest.sh: $PYTHON has no pytest module; skipping the Python tests" >&2
    exit 77
fi
if ! test -f "$builddir/bindings/python/skillcert.py"; then
    echo "run-pytest.sh: $builddir/bindings/python/skillcert.py is missing (run make)" >&2
    exit 99
fi

# skillcert.py sits in bindings/python, libtool puts _skillcert.so in .libs.
PYTHONPATH="$builddir/bindings/python:$builddir/bindings/python/.libs${PYTHONPATH:+:$PYTHONPATH}"
PYTHONDONTWRITEBYTECODE=1
SKILLCERT_TEST_BUILDDIR=$builddir
export PYTHONPATH PYTHONDONTWRITEBYTECODE SKILLCERT_TEST_BUILDDIR

# Run from the tests' directory for short test ids; nothing is written
# there (no cache provider, no bytecode): under distcheck it is read-only.
cd "$srcdir/tests/python" || exit 99
exec "$PYTHON" -m pytest -v -p no:cacheprovider --rootdir=. "$@" .
