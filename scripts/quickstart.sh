#!/bin/sh
# Quick start: install the packages, build, and run the end-to-end demo on an
# embedded SQLite file (demo.db in the build directory).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh"
"$top/scripts/build.sh" "$top/build"
cd "$top/build"
rm -f demo.db demo.db-wal demo.db-shm
./examples/demo demo.db
