#!/bin/sh
# run_golden.sh PRESSCUT REPO [--update]
# The founding article, extracted in every format, against the files in
# tests/golden/seed/.  --update rewrites them; review with git diff.
set -u
bin=$1 repo=$2 update=${3:-}
dir=$repo/tests/golden/seed
seed=$repo/examples/crocus-article.txt
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for fmt in text markdown html json; do
  "$bin" extract --format "$fmt" "$seed" >"$tmp/$fmt" || { fail=$((fail + 1)); continue; }
  if [ "$update" = "--update" ]; then
    cp "$tmp/$fmt" "$dir/crocus.$fmt"
  elif cmp -s "$tmp/$fmt" "$dir/crocus.$fmt"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $fmt differs from $dir/crocus.$fmt:" >&2
    diff "$dir/crocus.$fmt" "$tmp/$fmt" | head -20 >&2
  fi
done
# What the issue pins, checked directly as well: the title, nine body
# paragraphs, the cut one optional and without markers, no widget text.
/usr/bin/python3 - "$tmp/json" <<'PY' && pass=$((pass + 1)) || fail=$((fail + 1))
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["title"] == "Terrorist Attack Near Moscow: Who Masterminds ISIS-K?", d["title"]
b = d["blocks"]
assert len(b) == 9, len(b)
assert [x["id"] for x in b] == ["b%d" % i for i in range(1, 10)]
assert [x["optional"] for x in b] == [False] * 3 + [True] + [False] * 5
assert b[3]["text"].startswith("Moreover, the Prosecutor General")
assert b[3]["text"].endswith("terrorist attacks on Russia.")
for x in b:
    assert "***" not in x["text"] and "OP CUT" not in x["text"]
    assert "Print Friendly" not in x["text"]
PY
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
