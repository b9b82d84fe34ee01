#!/bin/sh
# corpus_f1.sh PRESSCUT SHARED_DIR MIN_F1
# Body extraction on the shared corpus, scored by the shared scorer; fails
# when F1 is under MIN_F1 (corpus_score.sh).
set -u
exec sh "$(dirname "$0")/corpus_score.sh" "$1" "$2/corpus/extraction" \
  "$2/tools/score_extraction.py" F1 "$3"
