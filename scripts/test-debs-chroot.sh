#!/bin/sh
# Install the packages of scripts/build-debs.sh into a clean Debian 12 root,
# run the autopkgtests (debian/tests) against them, purge them and show that
# no file of theirs is left. Needs root; the root is a throwaway chroot.
#   scripts/test-debs-chroot.sh [CHROOT_DIR [DEB_DIR]]
#       CHROOT_DIR  default /srv/skillcert-chroot; made with debootstrap
#                   (bookworm, deb.debian.org) when it does not exist
#       DEB_DIR     default ./build-deb
# Prints the file listings before install, after install and after purge
# (diffed), and ends with "N passed, N failed".
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-/srv/skillcert-chroot}
debs=${2:-$top/build-deb}
PACKAGES="libskillcert0 libskillcert-dev skillcert python3-skillcert libskillcert-java"
# What the autopkgtests need besides the packages (debian/tests/control Depends).
TEST_DEPS="build-essential pkgconf default-jdk-headless python3 poppler-utils"
say() { echo "test-debs-chroot: $*"; }
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...
    d=$1; shift
    if "$@"; then passed=$((passed + 1)); echo "ok - $d"; else failed=$((failed + 1)); echo "not ok - $d"; fi
}

if [ ! -x "$root/bin/sh" ]; then
    say "debootstrap bookworm into $root"
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >/dev/null
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
mounted=""
for m in proc dev dev/pts; do
    if ! mountpoint -q "$root/$m"; then
        case $m in proc) mount -t proc proc "$root/proc" ;; *) mount --bind "/$m" "$root/$m" ;; esac
        mounted="$root/$m $mounted"
    fi
done
cleanup() { for m in $mounted; do umount "$m" || true; done; }
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
in_root() { chroot "$root" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 sh -c "$1"; }

say "test dependencies: $TEST_DEPS"
in_root "apt-get update -qq && apt-get install -y -qq --no-install-recommends $TEST_DEPS >/dev/null"

# Everything on the root's file system but the volatile places.
listing() {
    in_root "find / -xdev \( -path /proc -o -path /dev -o -path /tmp -o -path /root \
        -o -path /var/cache -o -path /var/log -o -path /var/lib/apt -o -path /var/lib/dpkg \
        -o -path /etc/ld.so.cache -o -path /var/lib/systemd \) -prune -o -print" | LC_ALL=C sort
}
work=$(mktemp -d)
packages() { in_root "dpkg-query -W -f '\${db:Status-Abbrev} \${Package}\n'" | awk '$1 != "un" {print $2}' | LC_ALL=C sort; }
packages >"$work/packages-before"
listing >"$work/before"
say "$(wc -l <"$work/before") files and folders before install"

rm -rf "$root/tmp/debs" && mkdir -p "$root/tmp/debs"
for p in $PACKAGES; do cp "$debs/${p}_"*.deb "$root/tmp/debs/"; done   # not the -dbgsym ones
check "apt-get install ./*.deb" in_root "cd /tmp/debs && apt-get install -y -qq --no-install-recommends ./*.deb >/tmp/debs/install.log 2>&1 || { cat /tmp/debs/install.log; exit 1; }"
in_root "dpkg -l $PACKAGES | tail -n +6"
in_root "dpkg -L $PACKAGES" | LC_ALL=C sort -u >"$work/owned"
present=$(while read -r f; do if [ -e "$root$f" ] && [ ! -d "$root$f" ]; then echo "$f"; fi; done <"$work/owned")
say "the packages own $(wc -l <"$work/owned") paths; $(echo "$present" | grep -c .) files of theirs are present"

# debian/tests/control, as autopkgtest runs it: each test with a fresh
# AUTOPKGTEST_TMP, from a copy of the tests outside the build tree.
rm -rf "$root/tmp/tests" && cp -a "$top/debian/tests" "$root/tmp/tests"
for t in $(sed -n 's/^Tests: *//p' "$top/debian/tests/control"); do
    check "autopkgtest $t" in_root "d=\$(mktemp -d) && cd / && AUTOPKGTEST_TMP=\$d /tmp/tests/$t; rc=\$?; rm -rf \$d; exit \$rc"
done
listing >"$work/installed"
say "installed: $(LC_ALL=C comm -13 "$work/before" "$work/installed" | wc -l) new files and folders"

check "apt-get purge $PACKAGES" in_root "apt-get purge -y -qq $PACKAGES >/dev/null 2>&1"
# RecommendsImportant=false: a dependency the install brought in that a
# package present before merely recommends (libglib2.0-data, recommended by
# the libglib2.0-0 of the test dependencies) goes too; everything present
# before was installed with --no-install-recommends, so nothing else goes.
check "apt-get autoremove --purge (their dependencies)" \
    in_root "apt-get -o APT::AutoRemove::RecommendsImportant=false autoremove --purge -y -qq >/dev/null 2>&1"
packages >"$work/packages-after"
echo "packages installed after purge that were not before (and the reverse):"
if diff "$work/packages-before" "$work/packages-after"; then echo "  (none)"; fi
check "the installed packages are those of before the install" \
    cmp -s "$work/packages-before" "$work/packages-after"
listing >"$work/after"
left=$(while read -r f; do if [ -e "$root$f" ] && [ ! -d "$root$f" ]; then echo "$f"; fi; done <"$work/owned")
echo "files the packages owned ($(wc -l <"$work/owned") paths) still present after purge:"
echo "${left:-  (none)}"
check "no file of the packages is left after purge" test -z "$left"
echo "diff of the listings before install and after purge:"
if diff "$work/before" "$work/after"; then echo "  (identical)"; fi
check "the root is as before the install" cmp -s "$work/before" "$work/after"
rm -rf "$work" "$root/tmp/debs" "$root/tmp/tests"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
