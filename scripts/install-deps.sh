#!/bin/sh
# Install the Debian 12 packages libskillcert needs to build and test.
# Installs nothing when everything is present. Needs root (uses sudo otherwise).
set -eu

PACKAGES="build-essential autoconf automake libtool autoconf-archive pkgconf \
swig check libsubunit-dev libsqlite3-dev sqlite3 libxml2-dev libxml2-utils \
libsodium-dev libjansson-dev python3 python3-dev python3-pytest \
default-jdk-headless junit4 valgrind chromium"
# Docs: `make docs` (Doxygen reference), tests/cli/test-man.sh (man renders skillcert(1)).
PACKAGES="$PACKAGES doxygen man-db"

# Signed exchange documents (issue #12): OpenSSL and xmlsec1 with its OpenSSL back end.
PACKAGES="$PACKAGES libssl-dev libxmlsec1-dev libxmlsec1-openssl xmlsec1"
# Issue 14: the rendered certificate (cairo, Pango, Noto CJK, libqrencode), its checks
# (pdftotext, pdftoppm, zbarimg), `skillcert serve` (libmicrohttpd) and its bench (wrk).
PACKAGES="$PACKAGES libcairo2-dev libpango1.0-dev fonts-noto-cjk fonts-dejavu-core libqrencode-dev"
PACKAGES="$PACKAGES libmicrohttpd-dev poppler-utils zbar-tools curl wrk"
# issue 15: make fuzz (clang, libFuzzer); setpriv/unshare of the read-only tests
PACKAGES="$PACKAGES clang libclang-rt-14-dev util-linux"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
