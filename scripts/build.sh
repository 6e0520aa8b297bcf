#!/bin/sh
# Bootstrap, configure and build into ./build (an out-of-tree build).
#   scripts/build.sh [BUILD_DIR [configure args...]]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
[ $# -gt 0 ] && shift
if [ ! -x "$top/configure" ] || [ "$top/configure.ac" -nt "$top/configure" ] || \
   [ "$top/Makefile.am" -nt "$top/Makefile.in" ]; then
  "$top/bootstrap"
fi
mkdir -p "$build"
cd "$build"
if [ ! -f config.status ] || [ "$top/configure" -nt config.status ]; then
  "$top/configure" --enable-werror "$@" >configure.out 2>&1 || { cat configure.out; exit 1; }
fi
make -j"$(nproc 2>/dev/null || echo 2)" >make.out 2>&1 || { tail -50 make.out; exit 1; }
echo "build: built in $build"
