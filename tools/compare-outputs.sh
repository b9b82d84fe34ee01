#!/bin/sh
# compare-outputs.sh OLD NEW [SHARED] - byte-for-byte comparison of two
# presscut binaries on the founding article and every page of the
# extraction corpus: extract (text, markdown, html, json), quotes (json,
# text, html) and the text of pdf (pdftotext).  Used to show that a
# restructuring changes no output.  Prints one line per difference and
# "N passed, M failed"; exits 1 on any difference.
set -u
old=$1 new=$2 shared=${3:-$(dirname "$0")/../../shared}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
run() { # run BIN OUT ARGS...: stdout and exit status into OUT
  bin=$1 out=$2; shift 2
  "$bin" "$@" >"$out" 2>/dev/null
  echo "exit $?" >>"$out"
}
compare() { # compare NAME ARGS...
  name=$1; shift
  run "$old" "$tmp/a" "$@"; run "$new" "$tmp/b" "$@"
  if cmp -s "$tmp/a" "$tmp/b"; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "DIFF $name: $*"; fi
}
pdftext() { # pdftext BIN IN OUT
  "$1" pdf "$2" -o "$tmp/p.pdf" >/dev/null 2>&1
  pdftotext -q "$tmp/p.pdf" "$3" 2>/dev/null || echo none >"$3"
  rm -f "$tmp/p.pdf"
}
for f in "$shared/seed/crocus-article.txt" "$shared"/corpus/extraction/*.html; do
  for fmt in text markdown html json; do
    compare "extract-$fmt" extract --format "$fmt" "$f"
  done
  compare extract-cut-json extract --format json --cut --attribution "$f"
  for fmt in json text html; do
    compare "quotes-$fmt" quotes --format "$fmt" "$f"
  done
  pdftext "$old" "$f" "$tmp/pa"; pdftext "$new" "$f" "$tmp/pb"
  if cmp -s "$tmp/pa" "$tmp/pb"; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "DIFF pdftotext: $f"; fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
