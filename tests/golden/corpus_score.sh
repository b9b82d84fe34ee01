#!/bin/sh
# corpus_score.sh PRESSCUT CORPUS_DIR SCORER KEY MIN
# What corpus_f1.sh and corpus_snippets.sh share: presscut's predictions
# for the corpus's pages (tests/tools/corpus_pred.sh), scored by the
# shared SCORER, whose last line holds the figure after the word KEY
# ("F1 0.912 precision ..."); fails when that figure is missing or under
# MIN.
set -u
bin=$1 corpus=$2 scorer=$3 key=$4 min=$5
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$here/../tools/corpus_pred.sh" "$bin" "$corpus" "$tmp" || exit 1
line=$(/usr/bin/python3 "$scorer" "$corpus" "$tmp" | tail -n 1)
echo "$line"
v=$(echo "$line" | awk -v k="$key" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }')
if [ -n "$v" ] && awk -v f="$v" -v m="$min" 'BEGIN { exit !(f >= m) }'; then
  echo "1 passed, 0 failed"
else
  echo "$key '$v' is under $min" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
