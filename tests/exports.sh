#!/bin/sh
# exports.sh LIBPRESSCUT_SO PRESSCUT_H
# The shared library exports exactly the functions the header declares
# with PC_API: nothing internal leaks, nothing promised is missing.
set -u
so=$1 header=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }' | sort >"$tmp/have"
grep -v '^#' "$header" | grep -o 'PC_API[^(]*(' | sed 's/($//; s/.*[ *]//' | sort >"$tmp/want"
if diff "$tmp/want" "$tmp/have" >"$tmp/diff"; then
  echo "exports: $(wc -l <"$tmp/have") symbols, all declared"
  echo "1 passed, 0 failed"
else
  echo "exported symbols differ from PC_API declarations (< header, > library):" >&2
  cat "$tmp/diff" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
