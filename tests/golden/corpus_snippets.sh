#!/bin/sh
# corpus_snippets.sh PRESSCUT SHARED_DIR MIN_F
# Main text on the snippet corpus (blogs, shops, recipes, institutional
# pages in many languages), scored by the shared snippet scorer; fails when
# F is under MIN_F.
set -u
bin=$1 shared=$2 min=$3
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$here/../tools/corpus_pred.sh" "$bin" "$shared/corpus/snippets" "$tmp" || exit 1
line=$(/usr/bin/python3 "$shared/tools/score_snippets.py" "$shared/corpus/snippets" "$tmp" | tail -n 1)
echo "$line"
f=$(echo "$line" | sed -n 's/.* F \([0-9.]*\) .*/\1/p')
if [ -n "$f" ] && awk -v f="$f" -v m="$min" 'BEGIN { exit !(f >= m) }'; then
  echo "1 passed, 0 failed"
else
  echo "F '$f' is under $min" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
