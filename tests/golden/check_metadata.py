#!/usr/bin/env python3
"""Pins presscut's metadata against hand-annotated pages.

Usage: check_metadata.py PRESSCUT FIXTURE_JSON CORPUS_DIR [--verbose]

FIXTURE_JSON is tests/fixtures/metadata/metadata.json (what a reader sees
on each page).  Titles must match exactly after whitespace folding on at
least 95% of the pages; dates (YYYY-MM-DD, compared with the first ten
characters of presscut's ISO 8601 date) on at least 90% of the pages that
show one.  Byline, site and language rates are printed for information and
held to floors that catch regressions.
"""
import json
import os
import subprocess
import sys

TITLE_MIN, DATE_MIN = 0.95, 0.90
# Floors below the measured rates, so a regression fails the test.
AUTHOR_MIN, LANG_MIN = 0.60, 0.80


def norm(s):
    return " ".join((s or "").split())


def main():
    exe, fixture, corpus = sys.argv[1:4]
    verbose = "--verbose" in sys.argv
    pages = json.load(open(fixture, encoding="utf-8"))["pages"]
    files = [os.path.join(corpus, p["id"] + ".html") for p in pages]
    run = subprocess.run([exe, "extract", "--format", "json"] + files,
                         capture_output=True)
    if run.returncode != 0:
        print("presscut exited with %d: %s" % (run.returncode, run.stderr[-500:]))
        print("0 passed, 1 failed")
        return 1
    out = run.stdout
    got = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert len(got) == len(pages), "one JSON object per page expected"
    t_ok = d_ok = d_n = a_ok = a_n = l_ok = 0
    for p, g in zip(pages, got):
        if norm(g.get("title")) == norm(p["title"]):
            t_ok += 1
        elif verbose:
            print("title  %s\n  want %r\n  got  %r" % (p["id"][:10], p["title"], g.get("title")))
        if p.get("date"):
            d_n += 1
            if (g.get("date") or "")[:10] == p["date"]:
                d_ok += 1
            elif verbose:
                print("date   %s want %s got %s" % (p["id"][:10], p["date"], g.get("date")))
        if p.get("author"):
            a_n += 1
            want = [w.strip().lower() for w in p["author"].split(",")]
            have = (g.get("byline") or "").lower()
            if all(w and w in have for w in want):
                a_ok += 1
            elif verbose:
                print("author %s want %r got %r" % (p["id"][:10], p["author"], g.get("byline")))
        if (g.get("lang") or "")[:2] == p["lang"]:
            l_ok += 1
    n = len(pages)
    rates = {"title": t_ok / n, "date": d_ok / max(d_n, 1),
             "author": a_ok / max(a_n, 1), "lang": l_ok / n}
    print("metadata: title %d/%d (%.3f)  date %d/%d (%.3f)  author %d/%d (%.3f)  lang %d/%d (%.3f)"
          % (t_ok, n, rates["title"], d_ok, d_n, rates["date"], a_ok, a_n,
             rates["author"], l_ok, n, rates["lang"]))
    failed = [k for k, lim in (("title", TITLE_MIN), ("date", DATE_MIN),
                               ("author", AUTHOR_MIN), ("lang", LANG_MIN))
              if rates[k] < lim]
    print("%d passed, %d failed" % (4 - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
