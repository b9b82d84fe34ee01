#!/usr/bin/python3
"""test_words.py PRESSCUT REPO - a word search's designs on PostgreSQL.

PostgreSQL answers `search WORD` in up to three designs (postgres.c,
word_search): the newest quotes in a window of 100 times the limit, a
wider window when the first holds too few, every match sorted by date.
An archive of 2,400 hand-made quotes (no corpus needed) whose words are
common, frequent, rare and unique, some articles undated and some stored
after newer ones (ids not in the order of dates), goes into SQLite and
into a real PostgreSQL 15 server (tests/archive/pgserver.py); small
limits make each design answer some searches (the server's log says
which ran), and every answer, with --kind, --site, --since and --until
too, must equal SQLite's.
"""
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(REPO, "tests"))
sys.path.insert(0, os.path.join(REPO, "tests", "archive"))
from harness import (check, free_port, report, request, scaled,  # noqa
                     skip, start_serve, wait_until)
from pgserver import PgServer  # noqa: E402

TMP = tempfile.mkdtemp(prefix="pc-words-")
PG = PgServer()
ARTICLES, PER = 400, 6
# word -> share of the quotes that have it
WORDS = {"harbour": 0.5, "lantern": 0.1, "granite": 0.02, "meadow": 0.004}
UNIQUE = "quixotic"  # in two quotes


def date_of(i):
    """Article i's date: three a day; every 25th undated; the last 40
    stored after newer ones (dates from the first year)."""
    if i % 25 == 7:
        return None
    day = (i - 360) * 2 if i >= 360 else i // 3
    return "2023-%02d-%02d" % (1 + day // 28 % 12, 1 + day % 28)


def records():
    rng = random.Random(5)
    out = []
    for i in range(ARTICLES):
        quotes = []
        for k in range(PER):
            words = [w for w, share in WORDS.items() if rng.random() < share]
            if (i, k) in ((13, 2), (377, 4)):
                words.append(UNIQUE)
            text = "We spoke of the %s today, said number %d." % (
                " and the ".join(words or ["weather"]), i * PER + k)
            quotes.append({
                "id": "q%d" % k, "text": text,
                "kind": "indirect" if k % 3 == 2 else "direct",
                "speaker": "Speaker %d" % (k % 4), "speaker_entity": None,
                "role": None, "cue": "said", "date": None, "block": "b1",
                "start": 0, "end": 10, "sentence": text, "parent": None})
        site = "abc"[i % 3]
        out.append(json.dumps({
            "title": "Article %d" % i, "date": date_of(i),
            "url": "https://%s.example/%d" % (site, i),
            "site": site + ".example", "text": "Article %d." % i,
            "quotes": quotes, "entities": [], "claims": [],
            "id": "doc%d" % i}))
    return out


def run(*args):
    return subprocess.run([PRESSCUT] + list(args), capture_output=True,
                          timeout=scaled(120))


def designs(log, start):
    """The designs the server ran since offset start of its log: windows
    tried (each asks for its bound) and whether every match was sorted."""
    with open(log, errors="replace") as f:
        f.seek(start)
        text = f.read()
    return text.count("FROM (SELECT max(id) AS m FROM quote)"), \
        text.count(" OFFSET 0) q ")


def test_words():
    lines = os.path.join(TMP, "words.jsonl")
    with open(lines, "w") as f:
        f.write("\n".join(records()) + "\n")
    lite = os.path.join(TMP, "words.db")
    pg = PG.newdb("words")
    for db in (lite, pg):
        r = run("index", "--quiet", "--db", db, "--from-jsonl", lines)
        check("index into %s: exit 0" % db.split(":")[0], r.returncode == 0,
              r.stderr)
    # every statement in the log, to see which designs answered
    PG.psql("postgres", "ALTER DATABASE words SET log_statement = 'all'")
    log = os.path.join(PG.dir, "log")
    seen = {"window": 0, "wider": 0, "all": 0}
    differ, n = [], 0
    queries = list(WORDS) + [UNIQUE, "harbour lantern", '"the lantern"',
                             "granite OR meadow", "harbour -lantern"]
    filters = [[], ["--kind", "indirect"], ["--site", "b.example"],
               ["--since", "2023-03-01"], ["--until", "2023-06-15"]]
    for word in queries:
        for limit in ("1", "3", "10", "40"):
            for extra in filters:
                args = ["search", "--format", "json", "--limit", limit,
                        word] + extra
                a = run(*(args + ["--db", lite]))
                start = os.path.getsize(log)
                b = run(*(args + ["--db", pg]))
                n += 1
                if (a.returncode, a.stdout, a.stderr) != \
                        (b.returncode, b.stdout, b.stderr) or a.returncode:
                    differ.append((args, a.returncode, b.returncode,
                                   a.stdout[:120], b.stdout[:120],
                                   b.stderr[:200]))
                    continue
                windows, every = designs(log, start)
                if every:
                    seen["all"] += 1
                elif windows == 1:
                    seen["window"] += 1
                elif windows == 2:
                    seen["wider"] += 1
    check("the same answers as SQLite (%d searches)" % n, not differ,
          differ[:3])
    check("each design answered some searches: %s" % seen,
          all(seen.values()), seen)
    r = run("search", "--db", lite, "--format", "json", "--limit", "3000",
            "harbour")
    check("an archive with common words (%d quotes of harbour)" %
          r.stdout.count(b"\n"), r.stdout.count(b"\n") > 1000, r.stderr)
    return pg


def test_restart(pg):
    """serve keeps its connections between requests: after the server's
    restart, the next request connects again and answers."""
    procs, port = [], free_port()
    ask = "/api/archive/search?q=lantern&limit=5"

    def get():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=scaled(30))
        return request(c, ask)
    try:
        start_serve([PRESSCUT, "serve", "--db", pg, "--listen",
                     "127.0.0.1:%d" % port], procs)
        st, _, before = get()
        check("serve: a search before the restart", st == 200 and
              len(json.loads(before)["quotes"]) == 5, before[:200])
        r = subprocess.run(PG.run_as + [
            os.path.join("/usr/lib/postgresql/15/bin", "pg_ctl"), "-D",
            os.path.join(PG.dir, "data"), "-l", os.path.join(PG.dir, "log"),
            "-m", "fast", "-w", "restart"],
            capture_output=True, text=True)
        up = r.returncode == 0 and wait_until(lambda: subprocess.run(
            ["pg_isready", "-q", "-h", PG.dir, "-d", "postgres", "-U",
             "presscut"]).returncode == 0, 60, 0.1)
        check("the PostgreSQL server restarted", up, r.stderr)
        st, _, after = get()
        check("serve: the same answer after the restart (connected again)",
              st == 200 and after == before, (st, after[:200]))
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=scaled(30))


def main():
    why = PG.start()
    if why:
        PG.stop()
        shutil.rmtree(TMP, ignore_errors=True)
        return skip("PostgreSQL backend: " + why)
    try:
        pg = test_words()
        test_restart(pg)
        return report()
    finally:
        PG.stop()
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
