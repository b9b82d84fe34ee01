#!/bin/sh
# quotes_pred.sh PRESSCUT REPO SHARED OUT_GOLD OUT_PRED [SET]
# Gathers the quotation gold into OUT_GOLD and presscut's predictions for
# the same texts into OUT_PRED, for score_quotes.py.  SET "tuned" (the
# default): shared/corpus/quotes and tests/fixtures/quotes; "heldout":
# tests/fixtures/quotes-heldout.  A fixture's input is its title, a blank
# line and its text (the article body), read as plain text.
set -eu
bin=$1 repo=$2 shared=$3 gold=$4 pred=$5 set=${6:-tuned}
mkdir -p "$gold" "$pred"
if [ "$set" = heldout ]; then
  fixtures=$repo/tests/fixtures/quotes-heldout
else
  fixtures=$repo/tests/fixtures/quotes
  cp "$shared"/corpus/quotes/*.json "$gold"/
  "$bin" quotes --format json "$shared/seed/crocus-article.txt" >"$pred/seed-crocus.json"
fi
cp "$fixtures"/*.json "$gold"/
for f in "$fixtures"/*.json; do
  id=$(basename "$f" .json)
  /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.stdout.write(d["title"] + "\n\n" + d["text"] + "\n")' "$f" |
    "$bin" quotes --format json - >"$pred/$id.json"
done
