#!/bin/sh
# test_install.sh - what `make install` gives a user, checked from outside:
# installs the build into a temporary DESTDIR, builds tests/install/hello.c
# against it with pkg-config, shared and static, and runs both; checks the
# shared object's name, the man pages (there, found by man, rendered without
# a warning), the installed command and the language data's copy.
#   test_install.sh BUILD_DIR SOURCE_DIR CC [EXTRA_CFLAGS]
set -u
build=$1 src=$2 cc=$3 extra=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# 1. A staged install (DESTDIR), as a package build does, and one with
#    --prefix, as `make install PREFIX=...` does.
DESTDIR=$tmp/stage cmake --install "$build" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }
prefix=$(sed -n 's/^prefix=//p' "$build/pc/presscut.pc")
root=$tmp/stage$prefix
pcdir=$(dirname "$(find "$root" -name presscut.pc | head -1)")
libdir=$(dirname "$pcdir")
[ -f "$pcdir/presscut.pc" ] && ok "presscut.pc in $pcdir" || fail "no presscut.pc"
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null 2>&1 || fail "cmake --install --prefix"
grep -qx "prefix=$tmp/prefix" "$(find "$tmp/prefix" -name presscut.pc)" &&
  ok "--prefix is the .pc's prefix" || fail "--prefix not in presscut.pc"

for f in "$root/bin/presscut" "$root/include/presscut.h" "$libdir/libpresscut.a" \
         "$libdir/libpresscut.so" "$libdir/libpresscut.so.0"; do
  [ -e "$f" ] || fail "missing ${f#"$tmp"/stage}"
done
soname=$(objdump -p "$libdir/libpresscut.so" | awk '$1 == "SONAME" { print $2 }')
[ "$soname" = libpresscut.so.0 ] && ok "SONAME $soname" || fail "SONAME '$soname'"

# 2. A user's program, built with pkg-config against the staged tree
#    (PKG_CONFIG_SYSROOT_DIR puts the DESTDIR in front of -I and -L).
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$tmp/stage"
want="title: Terrorist Attack Near Moscow: Who Masterminds ISIS-K?"
article=$src/examples/crocus-article.txt
check_run() { # NAME OUTPUT
  if grep -qx "$want" "$2" && grep -q '^quotes: [1-9]' "$2"; then ok "$1 runs"
  else cat "$2"; fail "$1: not the article's title and quotes"; fi
}
# shellcheck disable=SC2046,SC2086
if "$cc" -std=c17 -Wall -Wextra -Werror $extra -o "$tmp/hello" "$src/tests/install/hello.c" \
     $(pkg-config --cflags --libs presscut) 2>"$tmp/cc.log"; then
  LD_LIBRARY_PATH=$libdir "$tmp/hello" "$article" >"$tmp/out" 2>&1
  check_run "shared hello" "$tmp/out"
  LD_LIBRARY_PATH=$libdir ldd "$tmp/hello" | grep -q "libpresscut.so.0 => $libdir/" ||
    fail "shared hello does not use the installed libpresscut.so.0"
else
  cat "$tmp/cc.log"; fail "shared hello does not build"
fi
# Static: the same flags with --static, libpresscut.a in place of the .so.
static=$(pkg-config --static --libs presscut | sed 's/-lpresscut\b/-l:libpresscut.a/')
# shellcheck disable=SC2086
if "$cc" -std=c17 -Wall -Wextra -Werror $extra -o "$tmp/hello-static" \
     "$src/tests/install/hello.c" $(pkg-config --cflags presscut) $static 2>"$tmp/cc.log"; then
  "$tmp/hello-static" "$article" >"$tmp/out" 2>&1
  check_run "static hello" "$tmp/out"
  ldd "$tmp/hello-static" | grep -q libpresscut && fail "static hello needs libpresscut.so"
else
  cat "$tmp/cc.log"; fail "static hello does not link with pkg-config --static"
fi
unset PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR

# 3. The man pages: one a Markdown page, found by man, without warnings.
mandir=$root/share/man
for md in "$src/docs/presscut.1.md" "$src"/docs/cmd/*.md; do
  name=$(basename "$md" .md)
  [ "$name" = presscut.1 ] && name=presscut || name=presscut-$name
  page=$mandir/man1/$name.1
  [ -f "$page" ] || { fail "no man page $name.1"; continue; }
  found=$(MANPATH=$mandir man -w "$name" 2>&1)
  [ "$found" = "$page" ] || fail "man -w $name: $found"
  for w in 80 120; do   # lintian reads at 120 columns
    LC_ALL=C.UTF-8 MANWIDTH=$w man --warnings -E UTF-8 -l -Tutf8 -Z "$page" \
      2>"$tmp/warn" >/dev/null
    [ -s "$tmp/warn" ] && { sed "s|^|$name.1 at $w: |" "$tmp/warn"; fail "$name.1 warns"; }
  done
  groff -k -Tutf8 -man -ww -z "$page" 2>"$tmp/warn"
  [ -s "$tmp/warn" ] && { cat "$tmp/warn"; fail "groff warns on $name.1"; }
  lexgrog "$page" >/dev/null 2>&1 || fail "$name.1: no whatis line"
done
MANPATH=$mandir MANWIDTH=80 man presscut-extract 2>/dev/null | grep -q "presscut-extract" &&
  ok "man presscut-extract" || fail "man presscut-extract does not show the page"

# 4. The installed command, without the build tree.
ver=$("$root/bin/presscut" --version 2>&1)
case $ver in *"$(sed -n 's/^Version: //p' "$pcdir/presscut.pc")"*) ok "presscut --version: $ver" ;;
  *) fail "presscut --version: $ver" ;; esac
# The data's copy is the built-in data: the same output through --data-dir.
"$root/bin/presscut" extract --format json "$article" >"$tmp/a.json" 2>&1
"$root/bin/presscut" extract --format json --data-dir "$root/share/presscut" \
  "$article" >"$tmp/b.json" 2>&1
cmp -s "$tmp/a.json" "$tmp/b.json" && [ -s "$tmp/a.json" ] &&
  ok "share/presscut is the built-in data" || fail "--data-dir share/presscut differs"

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "install: all checks passed"
