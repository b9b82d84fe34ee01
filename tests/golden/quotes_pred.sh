#!/bin/sh
# quotes_pred.sh PRESSCUT REPO SHARED OUT_GOLD OUT_PRED
# Gathers the quotation gold (shared/corpus/quotes and tests/fixtures/quotes)
# into OUT_GOLD and presscut's predictions for the same texts into OUT_PRED,
# for score_quotes.py.  A fixture's input is its title, a blank line and
# its text (the article body), read as plain text.
set -eu
bin=$1 repo=$2 shared=$3 gold=$4 pred=$5
mkdir -p "$gold" "$pred"
cp "$shared"/corpus/quotes/*.json "$gold"/
cp "$repo"/tests/fixtures/quotes/*.json "$gold"/
"$bin" quotes --format json "$shared/seed/crocus-article.txt" >"$pred/seed-crocus.json"
for f in "$repo"/tests/fixtures/quotes/*.json; do
  id=$(basename "$f" .json)
  /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.stdout.write(d["title"] + "\n\n" + d["text"] + "\n")' "$f" |
    "$bin" quotes --format json - >"$pred/$id.json"
done
