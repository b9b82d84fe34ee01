#!/usr/bin/python3
"""near_threshold.py ARCHIVE.db [SAMPLES] - how near unrelated quotes come.

Every pair of quote clusters (texts of 20 characters or more) of an SQLite
archive, by the similarity of `search --near` (pg_trgm's, accents folded:
src/archive/trgm.c, here in Python): the number of pairs in each tenth
from 0.2 up, and SAMPLES pairs (default 6) of each, to judge by eye where
near duplicates end (docs/cmd/search.md, NEAR DUPLICATES, has the figures
for the corpus:

    presscut batch --quiet --attribution ../shared/corpus/extraction \\
        ../shared/corpus/snippets -o att.jsonl
    presscut index --quiet --db att.db --from-jsonl att.jsonl
    bench/archive/near_threshold.py att.db
"""
import collections
import itertools
import random
import re
import sqlite3
import sys
import unicodedata


def trigrams(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    out = set()
    for w in re.findall(r"[^\W_]+", s):
        p = "  " + w + " "
        out.update(p[i:i + 3] for i in range(len(p) - 2))
    return out


def similarity(a, b):
    same = len(a & b)
    all_ = len(a) + len(b) - same
    return same / all_ if all_ else 0.0


def main():
    db = sys.argv[1]
    samples = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    texts = [(t, trigrams(t)) for (t,) in
             c.execute("SELECT text FROM quote_cluster") if len(t) >= 20]
    bins = collections.Counter()
    pairs = collections.defaultdict(list)
    for (a, x), (b, y) in itertools.combinations(texts, 2):
        s = similarity(x, y)
        if s >= 0.2:
            k = min(int(s * 10), 9) / 10
            bins[k] += 1
            pairs[k].append((round(s, 2), a[:100], b[:100]))
    n = len(texts)
    print("%d clusters, %d pairs" % (n, n * (n - 1) // 2))
    for k in sorted(bins):
        print("  %.1f to %.1f: %d pairs" % (k, k + 0.1, bins[k]))
    random.seed(1)
    for k in sorted(pairs):
        print("== %.1f" % k)
        for p in random.sample(pairs[k], min(samples, len(pairs[k]))):
            print("  ", p)


if __name__ == "__main__":
    main()
