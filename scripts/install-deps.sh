#!/bin/sh
# install-deps.sh - installs what presscut needs to build and test, from
# Debian's packages.  Idempotent, and silent when everything is there.
#   scripts/install-deps.sh          build and test dependencies
#   scripts/install-deps.sh --fuzz   also clang and its libFuzzer runtime
set -eu
pkgs="build-essential cmake pkg-config python3 libxml2-dev libcurl4-openssl-dev
libicu-dev libutf8proc-dev libjson-c-dev libssl-dev zlib1g-dev binutils iso-codes
libcairo2-dev libpango1.0-dev libhyphen-dev hyphen-en-us hyphen-de hyphen-fr
hyphen-ru libjpeg-dev libpng-dev libgif-dev libwebp-dev fontconfig
fonts-dejavu-core fonts-noto-core fonts-noto-cjk fonts-symbola poppler-utils qpdf
libgmime-3.0-dev libsqlite3-dev libpq-dev postgresql-15 python3-aiosmtpd openssl libmicrohttpd-dev libmimalloc-dev chromium wget python3-distributed
libsystemd-dev nginx systemd lowdown man-db libzip-dev epubcheck pgbouncer
python3-pil python3-numpy
debhelper lintian fakeroot"
[ "${1:-}" = "--fuzz" ] && pkgs="$pkgs clang llvm libclang-rt-14-dev"

# Node.js and npm drive the browser tests (playwright-core): Debian's,
# unless the machine already has a node with npm.
command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"

missing=
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
if [ -z "$missing" ]; then
  sh "$(dirname "$0")/install-npm.sh"
  exit 0
fi

echo "presscut: installing$missing" >&2
sudo=
[ "$(id -u)" -ne 0 ] && sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
sh "$(dirname "$0")/install-npm.sh"
