#!/bin/sh
# test_startup.sh PRESSCUT LIBPRESSCUT_SO REPO - what a command loads when
# it starts (src/print/module.c, src/core/dl.h): the commands that do not
# print load none of the print stack, seen with the dynamic loader's own
# report (LD_DEBUG=files); pdf and html load the print module and still
# print; a missing module is one line and status 5.  No timing here: the
# time is bench/startup's.
set -u
bin=$1 so=$2 repo=$3
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
has() { grep -q -- "$2" "$1" && ok || no "$1 lacks '$2'"; }
hasnt() { grep -q -- "$2" "$1" && no "$1 has '$2'" || ok; }

page=$repo/tests/golden/seed/crocus.html
# the print stack: its libraries' file names as the loader reports them
print_libs="presscut-print libcairo libpango libglib-2.0 libgobject-2.0
  libharfbuzz libfontconfig libfreetype libjpeg libwebp libgif libpng
  libhyphen libpixman"

# The loader's report: "file=NAME [0];  needed by ..." and "calling init:
# PATH" for each shared object loaded, dlopen()ed ones included.
loaded() { # OUT COMMAND... -> OUT holds the files loaded
  out=$1
  shift
  LD_DEBUG=files "$@" >"$tmp/stdout" 2>"$tmp/ld"
  st=$?
  grep -E 'file=|calling init' "$tmp/ld" >"$out"
  return $st
}
# none of the print stack in OUT (and the report is there at all: libxml2,
# which every command links)
no_print() {
  has "$1" "file=libxml2"
  for lib in $print_libs; do hasnt "$1" "$lib"; done
}

loaded "$tmp/version" "$bin" --version && ok || no "--version failed"
no_print "$tmp/version"
loaded "$tmp/extract" "$bin" extract "$page" && ok || no "extract failed"
has "$tmp/stdout" "Crocus"
no_print "$tmp/extract"
# nor SQLite (the archive's) or ICU's libicui18n (mail's file names)
hasnt "$tmp/extract" "libsqlite3"
hasnt "$tmp/extract" "libicui18n"
loaded "$tmp/json" "$bin" extract --format json --attribution "$page" &&
  ok || no "extract --attribution failed"
no_print "$tmp/json"
loaded "$tmp/quotes" "$bin" quotes "$page" && ok || no "quotes failed"
no_print "$tmp/quotes"
# batch loads GLib (through core/dl_glib.h) but not cairo or pango
loaded "$tmp/batch" "$bin" batch --quiet --out "$tmp/b.jsonl" "$page" &&
  ok || no "batch failed"
has "$tmp/b.jsonl" "Crocus"
for lib in presscut-print libcairo libpango libharfbuzz libjpeg; do
  hasnt "$tmp/batch" "$lib"
done

# Neither the program nor the shared library names them at all.
for f in "$bin" "$so"; do
  readelf -d "$f" | grep NEEDED >"$tmp/needed"
  has "$tmp/needed" "libxml2"
  for lib in $print_libs; do hasnt "$tmp/needed" "$lib"; done
done

# pdf and html load the module, and print.
loaded "$tmp/pdf" "$bin" pdf -o "$tmp/a.pdf" "$page" && ok || no "pdf failed"
has "$tmp/pdf" "presscut-print.so"
has "$tmp/pdf" "libcairo"
has "$tmp/pdf" "libpango"
[ "$(head -c 5 "$tmp/a.pdf")" = "%PDF-" ] && ok || no "not a PDF"
tail -c 32 "$tmp/a.pdf" | grep -q '%%EOF' && ok || no "PDF without %%EOF"
loaded "$tmp/html" "$bin" html -o "$tmp/a.html" "$page" && ok ||
  no "html failed"
has "$tmp/html" "presscut-print.so"
has "$tmp/a.html" "<!DOCTYPE html>"
has "$tmp/a.html" "Crocus"

# The module is found beside the program wherever the two are.
mkdir "$tmp/bin"
cp "$bin" "$(dirname "$bin")/presscut-print.so" "$tmp/bin/"
env -u PRESSCUT_MODULE_DIR "$tmp/bin/presscut" pdf -o "$tmp/b.pdf" "$page" \
  2>"$tmp/err" && ok || no "pdf beside the module: $(cat "$tmp/err")"
cmp -s "$tmp/a.pdf" "$tmp/b.pdf" || {
  # the PDFs differ only in their creation date when a second passed
  [ "$(head -c 5 "$tmp/b.pdf")" = "%PDF-" ] && ok || no "not a PDF (beside)"
}

# and when the program was found on PATH (argv[0] a bare name)
env -u PRESSCUT_MODULE_DIR PATH="$tmp/bin:$PATH" presscut html \
  -o "$tmp/p.html" "$page" 2>"$tmp/err" && ok ||
  no "html found on PATH: $(cat "$tmp/err")"

# PRESSCUT_MODULE_DIR names where it is; without it there, one line, 5.
PRESSCUT_MODULE_DIR=$tmp/bin "$bin" html -o "$tmp/c.html" "$page" &&
  ok || no "PRESSCUT_MODULE_DIR"
PRESSCUT_MODULE_DIR=$tmp/none "$bin" pdf -o "$tmp/d.pdf" "$page" 2>"$tmp/err"
st=$?
[ "$st" -eq 5 ] && ok || no "missing module: exit $st, want 5"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok || no "not one line: $(cat "$tmp/err")"
has "$tmp/err" "^presscut: the print module is missing: $tmp/none/presscut-print.so"
# extract never needs it
PRESSCUT_MODULE_DIR=$tmp/none "$bin" extract "$page" >/dev/null &&
  ok || no "extract without the module"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
