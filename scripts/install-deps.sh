#!/bin/sh
# Install the Debian 12 packages libskillcert needs to build and test.
# Installs nothing when everything is present. Needs root (uses sudo otherwise).
set -eu

PACKAGES="build-essential autoconf automake libtool autoconf-archive pkgconf \
swig check libsubunit-dev libsqlite3-dev sqlite3 libxml2-dev libxml2-utils \
libsodium-dev libjansson-dev python3 python3-dev python3-pytest \
default-jdk-headless junit4 valgrind chromium"
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
