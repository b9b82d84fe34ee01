#!/bin/sh
# corpus_f1.sh PRESSCUT SHARED_DIR MIN_F1
# Body extraction on the shared corpus, scored by the shared scorer; fails
# when F1 is under MIN_F1.
set -u
bin=$1 shared=$2 min=$3
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$here/../tools/corpus_pred.sh" "$bin" "$shared/corpus/extraction" "$tmp" || exit 1
line=$(/usr/bin/python3 "$shared/tools/score_extraction.py" "$shared/corpus/extraction" "$tmp" | tail -n 1)
echo "$line"
f1=$(echo "$line" | awk '{print $2}')
if awk -v f="$f1" -v m="$min" 'BEGIN { exit !(f >= m) }'; then
  echo "1 passed, 0 failed"
else
  echo "F1 $f1 is under $min" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
