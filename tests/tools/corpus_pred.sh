#!/bin/sh
# corpus_pred.sh BIN CORPUS_DIR OUT_DIR
# Writes OUT_DIR/ID.txt, the body (blocks' text joined by blank lines) that
# presscut extracts from each CORPUS_DIR/ID.html, for score_extraction.py.
set -eu
bin=$1 corpus=$2 out=$3
mkdir -p "$out"
"$bin" extract --format json "$corpus"/*.html |
  /usr/bin/python3 -c '
import json, os, sys
out, names = sys.argv[1], sys.argv[2:]
for name, line in zip(names, sys.stdin):
    d = json.loads(line)
    body = "\n\n".join(b["text"] for b in d["blocks"] if b["text"])
    with open(os.path.join(out, os.path.basename(name)[:-5] + ".txt"), "w") as f:
        f.write(body)
' "$out" "$corpus"/*.html
