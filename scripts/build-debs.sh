#!/bin/sh
# Build the Debian packages of libskillcert from the tarball of `make dist`,
# then run lintian on them.
#   scripts/build-debs.sh [OUTPUT_DIR]        (default: ./build-deb)
#
# 1. checks that debian/changelog follows configure.ac (the same upstream
#    version);
# 2. installs the build dependencies of debian/control when some are missing
#    (mk-build-deps; as root, or through sudo);
# 3. configures a scratch build and runs `make dist`;
# 4. unpacks the tarball as libskillcert_VERSION.orig.tar.gz, adds debian/ and
#    runs `dpkg-buildpackage -us -uc`;
# 5. runs lintian on the .changes (source and binary packages) and ends with
#    its summary; exits non-zero on a lintian error.
# The packages (.deb) are left in OUTPUT_DIR.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build-deb}
case $out in /*) ;; *) out=$(pwd)/$out ;; esac
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
say() { echo "build-debs: $*"; }

# 1. One version: configure.ac's AC_INIT and the changelog's upstream part.
upstream=$(sed -n 's/^AC_INIT(\[libskillcert\], *\[\([^]]*\)\].*/\1/p' "$top/configure.ac")
debversion=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
if [ -z "$upstream" ] || [ "${debversion%-*}" != "$upstream" ]; then
    say "debian/changelog is at $debversion but configure.ac says $upstream:" >&2
    say "add a changelog entry (dch -v $upstream-1) before building" >&2
    exit 1
fi
say "version $upstream (Debian $debversion)"

# 2. The packaging tools, then the build dependencies.
tools=""
for p in dpkg-dev devscripts equivs lintian; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || tools="$tools $p"
done
if [ -n "$tools" ]; then
    say "installing$tools"
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends $tools
fi
if ! (cd "$top" && dpkg-checkbuilddeps) >/dev/null 2>&1; then
    say "installing the build dependencies"
    tmp=$(mktemp -d)
    (cd "$tmp" && $SUDO mk-build-deps --install --remove \
        --tool "apt-get -o DPkg::Lock::Timeout=600 -y --no-install-recommends" \
        "$top/debian/control")
    rm -rf "$tmp"
fi
(cd "$top" && dpkg-checkbuilddeps)

# 3. The dist tarball, from a scratch configure of the tree.
rm -rf "$out"
mkdir -p "$out/dist"
if [ ! -x "$top/configure" ] || [ "$top/configure.ac" -nt "$top/configure" ] || \
   [ "$top/Makefile.am" -nt "$top/Makefile.in" ]; then
    "$top/bootstrap"
fi
(cd "$out/dist" && "$top/configure" >configure.out 2>&1 && make dist >dist.out 2>&1) || {
    tail -30 "$out/dist/configure.out" "$out/dist/dist.out" 2>/dev/null; exit 1; }
tarball="$out/dist/libskillcert-$upstream.tar.gz"
test -f "$tarball"
say "made $(basename "$tarball")"

# 4. The Debian source tree: the tarball plus debian/.
cp "$tarball" "$out/libskillcert_$upstream.orig.tar.gz"
tar -C "$out" -xzf "$tarball"
src="$out/libskillcert-$upstream"
cp -a "$top/debian" "$src/debian"
rm -rf "$out/dist"
say "dpkg-buildpackage in $src (log: $out/build.log)"
(cd "$src" && DEB_BUILD_OPTIONS="parallel=$(nproc 2>/dev/null || echo 2) ${DEB_BUILD_OPTIONS:-}" \
    dpkg-buildpackage -us -uc) >"$out/build.log" 2>&1 || {
    tail -60 "$out/build.log"; say "dpkg-buildpackage failed (log: $out/build.log)" >&2; exit 1; }
changes=$(ls "$out"/libskillcert_"$debversion"_*.changes)
ls -l "$out"/*.deb

# 5. lintian on the source and binary packages.
say "lintian $(basename "$changes")"
status=0
lintian --display-info --pedantic --show-overrides "$changes" >"$out/lintian.txt" 2>&1 || status=$?
cat "$out/lintian.txt"
errors=$(grep -c '^E: ' "$out/lintian.txt" || true)
warnings=$(grep -c '^W: ' "$out/lintian.txt" || true)
info=$(grep -c '^I: ' "$out/lintian.txt" || true)
pedantic=$(grep -c '^P: ' "$out/lintian.txt" || true)
overridden=$(grep -c '^O: ' "$out/lintian.txt" || true)
echo "lintian: $errors errors, $warnings warnings, $info info, $pedantic pedantic, $overridden overridden"
# lintian exits non-zero on an error tag; warnings are fixed or overridden
# with a reason in debian/*.lintian-overrides.
[ "$errors" -eq 0 ] && [ "$status" -eq 0 ]
