#!/bin/sh
# corpus_snippets.sh PRESSCUT SHARED_DIR MIN_F
# Main text on the snippet corpus (blogs, shops, recipes, institutional
# pages in many languages), scored by the shared snippet scorer; fails when
# F is under MIN_F (corpus_score.sh).
set -u
exec sh "$(dirname "$0")/corpus_score.sh" "$1" "$2/corpus/snippets" \
  "$2/tools/score_snippets.py" F "$3"
