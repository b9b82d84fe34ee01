#!/bin/sh
# test_package.sh - the Debian package, built as a user would: a copy of
# the tree (tracked and new files, no build directories) in a temporary
# directory, `dpkg-buildpackage -us -uc -b`, then lintian on the result:
# no error, and no warning that debian/README.source does not explain (a
# warning fails the test unless it is overridden there, in debian/).
# Exits 77 (skipped) without dpkg-buildpackage, debhelper or lintian.
#   test_package.sh SOURCE_DIR [OUT_DIR]   (OUT_DIR keeps the .deb files,
#                                          the build log and lintian's)
set -u
src=$1 out=${2:-}
for t in dpkg-buildpackage dh lintian git; do
  command -v "$t" >/dev/null 2>&1 || { echo "SKIP: no $t"; exit 77; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/presscut"
(cd "$src" && git ls-files -co --exclude-standard -z |
  xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
  tar --null -T - -cf -) | tar -xf - -C "$tmp/presscut" ||
  { echo "FAIL: cannot copy the tree"; exit 1; }

start=$(date +%s)
(cd "$tmp/presscut" && DEB_BUILD_OPTIONS="parallel=${PC_JOBS:-2} ${DEB_BUILD_OPTIONS:-}" \
  dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1 ||
  { tail -60 "$tmp/build.log"; echo "FAIL: dpkg-buildpackage"; exit 1; }
echo "package built in $(( $(date +%s) - start )) s"
ls "$tmp"/*.deb
fails=0
for p in libpresscut0 libpresscut-dev presscut; do
  ls "$tmp/${p}_"*.deb >/dev/null 2>&1 || { echo "FAIL: no $p package"; fails=1; }
done
# the package's contents: the command, the library, the man pages
dpkg-deb -c "$tmp"/presscut_*.deb | grep './usr/share/man/man1/presscut-extract.1' >/dev/null ||
  { echo "FAIL: presscut has no presscut-extract.1"; fails=1; }
dpkg-deb -c "$tmp"/libpresscut0_*.deb | grep 'presscut/presscut-print.so' >/dev/null ||
  { echo "FAIL: libpresscut0 has no print module"; fails=1; }
dpkg-deb -I "$tmp"/presscut_*.deb postinst | grep 'chmod 0640' >/dev/null ||
  { echo "FAIL: presscut's postinst does not keep the settings file 0640"; fails=1; }
dpkg-deb -c "$tmp"/libpresscut0_*.deb | grep 'libpresscut.so.0' >/dev/null ||
  { echo "FAIL: libpresscut0 has no libpresscut.so.0"; fails=1; }

lintian --tag-display-limit 0 --display-info "$tmp"/*.changes 2>&1 |
  grep -v 'running with root privileges' >"$tmp/lintian.log"
cat "$tmp/lintian.log"
[ -n "$out" ] && mkdir -p "$out" && cp "$tmp"/*.deb "$tmp"/*.changes "$tmp"/*.log "$out"/
grep -q '^E: ' "$tmp/lintian.log" && { echo "FAIL: lintian errors"; fails=1; }
grep -q '^W: ' "$tmp/lintian.log" && { echo "FAIL: lintian warnings"; fails=1; }
[ "$fails" -eq 0 ] && echo "package: built, lintian clean"
exit "$fails"
