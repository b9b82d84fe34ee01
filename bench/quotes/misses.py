#!/usr/bin/env python3
"""Classify the gold quotations a run of presscut missed, by cue.

Usage:
    misses.py GOLD_DIR PRED_DIR SCORE_JSON [--kind indirect] [--cues LIST]
              [--show 'CUE|CLASS'] [--n 15]

GOLD_DIR holds the gold files (score_quotes.py's format, with "start" and
"end" offsets into "text"); PRED_DIR presscut's `quotes --format json`
output, one ID.json per document; SCORE_JSON the file score_quotes.py
wrote with --json for the same pair (its pairs say which gold quotes were
matched).  The scorer cuts the texts in its pairs to 200 characters, so
pairs are compared on their first 150.

For each required gold quotation of the kind that no prediction was paired
with and whose cue is in the list (default: the speech cues below), the
predictions are placed in the gold text (by their sentence, then their
text) and the miss is put in one class:

    no pred in sentence         nothing predicted in the gold's sentence
    pred elsewhere in sentence  predictions there, none overlapping it
    pred paired with other gold the overlapping prediction matched another
    too short / too long / shifted (start|end|both ends)
                                the overlapping prediction's span differs:
                                which boundary (over 2 characters off)
    ... kind=K                  and the prediction's kind differs
    pred similar but unpaired?  similarity >= 0.5 and no pair (ties)

It prints the classes, the classes per cue, and with --show N examples of
one cue and class (the sentence, the gold, the predictions there).  Read
only the training compartment's examples this way, never a held-out one.
"""

import argparse
import collections
import glob
import json
import os
import random
import re

SPEECH = ("said say says saying told tell tells asked ask asks : called "
          "announced wrote reported suggested described declined added "
          "argued claimed explained insisted noted stated warned "
          "acknowledged admitted urged").split() + ["according to",
                                                    "referring to"]
WORD = re.compile(r"\w+")
KEEP = 150  # score_quotes.py cuts pair texts at 200 characters


def tokens(s):
    return collections.Counter(w.lower() for w in WORD.findall(s))


def similarity(a, b):
    x, y = tokens(a), tokens(b)
    union = sum((x | y).values())
    return sum((x & y).values()) / union if union else 0.0


def sentence_span(t, pos):
    """The sentence around pos: from the last end mark or newline."""
    lo = max(0, pos - 600)
    ends = [m.end() for m in
            re.finditer(r"[.!?][”\"’]?\s+(?=[“\"A-Z])", t[lo:pos])]
    s = max(t.rfind("\n", 0, pos) + 1, lo + ends[-1] if ends else 0)
    m = re.search(r"[.!?][”\"’]?\s+(?=[“\"A-Z])|\n", t[pos:])
    return s, pos + m.end() if m else len(t)


def classify(g, preds, paired, pred_paired, kind, cues):
    t = g["text"]
    located = []
    for q in preds:
        text = q["text"].strip()
        ss = t.find(q["sentence"]) if q.get("sentence") else -1
        k = t.find(text, max(ss, 0))
        if k < 0:
            k = t.find(text)
        if k >= 0:
            located.append((k, k + len(text), q))
    for gq in g["quotes"]:
        cue = (gq.get("cue") or "").lower()
        if (gq["kind"] != kind or gq.get("optional") or cue not in cues or
                gq["quote"][:KEEP] in paired or "start" not in gq):
            continue
        gs, ge = gq["start"], gq["end"]
        s, e = sentence_span(t, gs)
        over = [x for x in located if x[0] < ge and x[1] > gs]
        inside = [x for x in located if x[0] < e and x[1] > s]
        if over:
            a, b, q = max(over, key=lambda x: similarity(x[2]["text"],
                                                         gq["quote"]))
            if q["text"][:KEEP] in pred_paired:
                c = "pred paired with other gold"
            elif similarity(q["text"], gq["quote"]) >= 0.5:
                c = "pred similar but unpaired?"
            else:
                c = ("too short" if a >= gs - 2 and b <= ge + 2 else
                     "too long" if a <= gs + 2 and b >= ge - 2 else
                     "shifted")
                off_s, off_e = abs(a - gs) > 2, abs(b - ge) > 2
                c += (" (both ends)" if off_s and off_e else
                      " (start)" if off_s else " (end)")
            if q["kind"] != kind:
                c += " kind=" + q["kind"]
        else:
            c = ("pred elsewhere in sentence" if inside else
                 "no pred in sentence")
        yield cue, c, (t[s:e].strip(), gq["quote"],
                       [x[2]["text"] for x in inside])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("score")
    ap.add_argument("--kind", default="indirect")
    ap.add_argument("--cues", help="comma-separated cues (lower case)")
    ap.add_argument("--show")
    ap.add_argument("--n", type=int, default=15)
    o = ap.parse_args()
    cues = set(o.cues.split(",")) if o.cues else set(SPEECH)
    score = json.load(open(o.score))
    paired = {d["id"]: {p["gold"][:KEEP] for p in d["pairs"]}
              for d in score["docs"]}
    pred_paired = {d["id"]: {p["pred"][:KEEP] for p in d["pairs"]}
                   for d in score["docs"]}
    classes, by_cue = collections.Counter(), collections.defaultdict(
        collections.Counter)
    examples = collections.defaultdict(list)
    for f in sorted(glob.glob(os.path.join(o.gold, "*.json"))):
        g = json.load(open(f))
        pf = os.path.join(o.pred, os.path.basename(f))
        if not os.path.exists(pf) or g.get("id") not in paired:
            continue
        preds = json.load(open(pf))["quotes"]
        for cue, c, ex in classify(g, preds, paired[g["id"]],
                                   pred_paired[g["id"]], o.kind, cues):
            classes[c] += 1
            by_cue[cue][c] += 1
            examples[(cue, c)].append(ex)
    print(sum(classes.values()), "missed")
    for c, n in classes.most_common():
        print(n, c)
    print()
    for cue, cc in sorted(by_cue.items(), key=lambda x: -sum(x[1].values())):
        print(repr(cue), sum(cc.values()), dict(cc.most_common(6)))
    if o.show:
        cue, c = o.show.split("|")
        ex = examples[(cue, c)]
        random.Random(1).shuffle(ex)
        for s, gq, pp in ex[:o.n]:
            print("\nS:", s[:500])
            print("G:", gq)
            for p in pp:
                print("P:", p[:200])


if __name__ == "__main__":
    main()
