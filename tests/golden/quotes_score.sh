#!/bin/sh
# quotes_score.sh PRESSCUT REPO SHARED
# Who said what against the hand-annotated gold: the founding article must
# score 1.00 on quotes, speakers and claims (everything found, nothing
# else); the whole set (the seed and tests/fixtures/quotes) must stay at or
# above the floors below, which sit just under the measured figures so that
# a regression fails (quotes F1, end-to-end F1, claims F1).  Raise them as
# the attribution improves.
set -u
bin=$1 repo=$2 shared=$3
# The dev set grew on 2026-12-06 from 19 to 42 documents (an interview,
# a review round-up, an advice column, opinion pieces): measured then quote
# F1 0.88, e2e 0.83, claims 0.57 (issue 17's targets are 0.90, 0.85, 0.70);
# claims from more of the attribution structure (participles, more
# predicates, self-denials, "they" for a pair): 0.67; "attempted to
# apologize", "rejected the idea that": 0.68; "described the idea that X
# ... as absurd": 0.70; e2e 0.84 after the recall work (more cues, party
# tags, participle phrases); 2026-12-07, 13 articles chosen for their
# claims added (55): quote F1 0.88, e2e 0.80, claims 0.45 (the rules had
# fitted the old set's few wordings of a claim); 0.50 after the claims
# work of that day (verdicts, deeds by X, institutions as accused); 0.52
# after claims3 (sentences, owned accused, "who" after a plural noun);
# e2e 0.81 after the speaker3 slice (a name alone before "said", joint
# speakers, issued statements); 0.91 and 0.86, claims 0.57, after the
# qf4, claims4 and mixed4 slices of 2026-12-07; 0.91, 0.87 and claims
# 0.61 after the claims5, spk5 and ind5 slices (session 15); e2e 0.88
# after spk6; claims 0.64 after claims6 (session 16); e2e 0.89 and
# claims 0.68 after ind7, spk8 and claims7 (session 17); quote F1 0.917,
# e2e 0.891 after the precision, headline and speaker slices of session 18
# (titles annotated in both sets); quote F1 0.93, e2e 0.91, claims 0.71
# after the speaker, pronoun, precision, entity and claims slices of
# session 19; quote F1 0.94, e2e 0.92 after those of session 20
MIN_F1=0.90 MIN_E2E=0.91 MIN_CLAIMS=0.69
# the second set (tests/fixtures/quotes-heldout), annotated apart
# 23 documents since 2026-12-06; measured then 0.89 and 0.76; 0.89 and 0.77
# after pronouns by salience (issue 17); 0.89 and 0.78 after the recall work
# and the speaker slice (speaker phrases, appositions); e2e 0.795 after
# the speaker3 slice, 0.786 after recall3 alone; 0.91 and 0.81 after the
# slices of 2026-12-07; e2e 0.82 after those of session 15, 0.83 after spk6;
# 0.917 and 0.836 after those of session 18; 0.92 and 0.846 after those of
# session 19; 0.92 and 0.86 (issue 17's 0.85 reached) after session 20's
HO_MIN_F1=0.90 HO_MIN_E2E=0.85
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$repo/tests/golden/quotes_pred.sh" "$bin" "$repo" "$shared" "$tmp/gold" "$tmp/pred" || exit 1
pass=0 fail=0
# floors WHAT SUMMARY MIN_F1 MIN_E2E: the scorer's summary line at or above
# both floors, counted in pass or fail
floors() {
  f1=$(echo "$2" | awk '{print $3}')
  e2e=$(echo "$2" | awk '{for (i = 1; i < NF; i++) if ($i == "e2e-F1") print $(i + 1)}')
  if awk -v f="$f1" -v e="$e2e" -v mf="$3" -v me="$4" 'BEGIN { exit !(f >= mf && e >= me) }'; then
    pass=$((pass + 1))
  else
    echo "FAIL: ${1}quote F1 $f1 (floor $3), e2e F1 $e2e (floor $4)" >&2
    fail=$((fail + 1))
  fi
}
seed=$(/usr/bin/python3 "$shared/tools/score_quotes.py" "$shared/corpus/quotes" "$tmp/pred" | tail -n 3)
echo "founding article:"; echo "$seed"
if echo "$seed" | grep -q "^quotes F1 1.00 P 1.00 R 1.00 speaker-acc 1.00 e2e-F1 1.00" &&
   echo "$seed" | grep -q "^claims F1 1.00 P 1.00 R 1.00"; then
  pass=$((pass + 1))
else
  echo "FAIL: the founding article is not found exactly" >&2
  fail=$((fail + 1))
fi
# The scorer matches a claim on one accused; the founding article's
# claims must name every accused its gold names ("the United States, and
# Great Britain": both).
if /usr/bin/python3 - "$shared" "$tmp/pred" <<'PY'
import json, os, sys
sys.path.insert(0, os.path.join(sys.argv[1], "tools"))
from score_quotes import names_match
gold = json.load(open(os.path.join(sys.argv[1], "corpus", "quotes",
                                   "seed-crocus.json")))
pred = json.load(open(os.path.join(sys.argv[2], "seed-crocus.json")))
al = gold.get("aliases") or {}
def whole(g):
    return any(names_match(p.get("claimant"), [g["claimant"]], al) and
               p.get("polarity") == g.get("polarity") and
               all(any(names_match(x, [a], al) for x in p.get("accused") or [])
                   for a in g.get("accused") or [])
               for p in pred.get("claims") or [])
missing = [g for g in gold.get("claims") or [] if not whole(g)]
for g in missing:
    print("FAIL: the founding article's claim of %s names not all of %s"
          % (g["claimant"], g.get("accused")), file=sys.stderr)
sys.exit(1 if missing else 0)
PY
then
  pass=$((pass + 1))
else
  fail=$((fail + 1))
fi
scores=$(/usr/bin/python3 "$shared/tools/score_quotes.py" "$tmp/gold" "$tmp/pred")
all=$(echo "$scores" | tail -n 1)
claims=$(echo "$scores" | grep "^claims F1" | awk '{print $3}')
echo "all gold: $all"
echo "all gold claims: $(echo "$scores" | grep "^claims F1")"
if awk -v c="$claims" -v mc="$MIN_CLAIMS" 'BEGIN { exit !(c != "" && c >= mc) }'; then
  pass=$((pass + 1))
else
  echo "FAIL: claims F1 $claims (floor $MIN_CLAIMS)" >&2
  fail=$((fail + 1))
fi
floors "" "$all" "$MIN_F1" "$MIN_E2E"
sh "$repo/tests/golden/quotes_pred.sh" "$bin" "$repo" "$shared" "$tmp/hgold" "$tmp/hpred" heldout || exit 1
ho=$(/usr/bin/python3 "$shared/tools/score_quotes.py" "$tmp/hgold" "$tmp/hpred" | tail -n 1)
echo "held-out set: $ho"
floors "held-out " "$ho" "$HO_MIN_F1" "$HO_MIN_E2E"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
