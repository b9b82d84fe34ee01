#!/usr/bin/python3
"""test_pgload.py PRESSCUT REPO SHARED - loading JSON Lines into PostgreSQL.

`index --from-jsonl` stores an article in one libpq pipeline (its
statements sent together, their answers read together, PIPE_MAX at a
time) after a pipeline of the speaker forms it names.  Against a real
PostgreSQL 15 server (tests/archive/pgserver.py), with the corpus pages'
`batch --attribution` output and one long article made of all their
quotes, entities and claims (more statements than one pipeline holds):

- the archive does not depend on how the load is cut: every row, ids
  included (`pg_dump --data-only`, each table's rows sorted), is the same
  loaded in transactions of 200 articles, of one article, and in two
  halves then the whole again (which adds nothing);
- the long article is whole: its quotes, claims and accused are all
  there, each claim with the quote its qid names;
- the same answers as SQLite (search, search --speaker, claims, claims
  --accused, JSON) on the same input
  (not speakers with a large --limit: speakers of one count and one name
  come in no set order, on either backend);
- schema 2 (the three indexes of the date in the database's collation)
  is upgraded to 3 in place by the next command, the same answers after;
- a failure inside a pipeline (a quote whose norm hash is refused by a
  constraint added for the test) is a one-line error, exit 5, and leaves
  nothing of the batch behind.
"""
import json
import os
import subprocess
import sys
import tempfile
import shutil

PRESSCUT, REPO, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, os.path.join(REPO, "tests"))
sys.path.insert(0, os.path.join(REPO, "tests", "archive"))
from harness import check, report, scaled, skip  # noqa: E402
from pgserver import PgServer  # noqa: E402

CORPUS = os.path.join(SHARED, "corpus", "extraction")
TMP = tempfile.mkdtemp(prefix="pc-pgload-")
SRV = PgServer()


def run(*args):
    return subprocess.run([PRESSCUT] + list(args), capture_output=True,
                          text=True, timeout=scaled(900))


def records():
    """batch --attribution of the corpus pages, with their quotes."""
    pages = sorted(os.path.join(CORPUS, p) for p in os.listdir(CORPUS)
                   if p.endswith(".html"))[:60]
    out = os.path.join(TMP, "base.jsonl")
    r = run("batch", "--quiet", "--attribution", "--out", out, *pages)
    assert r.returncode == 0, r.stderr
    return [json.loads(l) for l in open(out) if l.strip()]


def long_article(recs):
    """One article holding every quote, entity and claim of recs (qids
    made unique, each claim's quote renamed with its own)."""
    a = dict(recs[0])
    a["url"] = "https://long.example/all"
    a["id"] = "long-article"
    a["source"] = {"file": "long", "offset": 0}
    a["text"] = "A long article. " + recs[0]["text"][:2000]
    a["quotes"], a["entities"], a["claims"] = [], [], []
    for i, r in enumerate(recs):
        for q in r.get("quotes") or []:
            a["quotes"].append(dict(q, id="r%d%s" % (i, q["id"])))
        a["entities"] += r.get("entities") or []
        for c in r.get("claims") or []:
            a["claims"].append(dict(c, quote=c["quote"] and
                                    "r%d%s" % (i, c["quote"])))
    return a


def write(path, recs):
    with open(path, "w") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")


def dump(name, sequences=True):
    """pg_dump --data-only with each table's rows sorted: the rows and
    their ids, not where the server put them; without the sequences'
    values (a transaction rolled back uses up numbers) if not
    sequences."""
    r = subprocess.run(["pg_dump", "--data-only", "-h", SRV.dir, "-U",
                        "presscut", name], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    out, rows = [], None
    for line in r.stdout.splitlines():
        if line.startswith("\\restrict") or line.startswith("\\unrestrict"):
            continue
        if not sequences and "pg_catalog.setval" in line:
            continue
        if rows is not None:
            if line == "\\.":
                out += sorted(rows) + [line]
                rows = None
            else:
                rows.append(line)
        else:
            out.append(line)
            if line.startswith("COPY "):
                rows = []
    return "\n".join(out)


def main():
    why = SRV.start()
    if why:
        return skip(why)
    recs = [r for r in records() if r.get("quotes")]
    big = long_article(recs)
    data = os.path.join(TMP, "all.jsonl")
    write(data, recs + [big])
    half = os.path.join(TMP, "half.jsonl")
    write(half, recs[:len(recs) // 2])
    nq = sum(len(r["quotes"]) for r in recs) + len(big["quotes"])
    statements = len(big["quotes"]) + 3 * len(big["claims"])
    check("the long article is more than one pipeline (%d statements)" %
          statements, statements > 256)

    dbs = {}
    for name, cuts in (("tx200", [[]]), ("tx1", [["--per-transaction",
                                                  "1"]]),
                       ("halves", None)):
        db = SRV.newdb(name)
        dbs[name] = db
        if cuts is None:
            r1 = run("index", "--quiet", "--db", db, "--from-jsonl", half)
            r = run("index", "--quiet", "--db", db, "--from-jsonl", data)
            check("halves: both loads exit 0", r1.returncode == 0 and
                  r.returncode == 0, r1.stderr + r.stderr)
            r = run("index", "--db", db, "--from-jsonl", data)
            check("halves: the whole again adds nothing",
                  r.returncode == 0 and " 0 articles added" in r.stderr,
                  r.stderr)
        else:
            r = run("index", "--quiet", "--db", db, "--from-jsonl", data,
                    *cuts[0])
            check("%s: exit 0" % name, r.returncode == 0, r.stderr)
    ref = dump("tx200")
    check("the quotes are all there",
          SRV.psql("tx200", "SELECT count(*) FROM quote").strip() == str(nq))
    for name in ("tx1", "halves"):
        check("pg_dump of %s equals that of tx200" % name, dump(name) == ref)

    long_id = SRV.psql("tx200", "SELECT id FROM article WHERE"
                       " url = 'https://long.example/all'").strip()
    got = SRV.rows("tx200", "SELECT (SELECT count(*) FROM quote WHERE"
                   " article_id = %s), (SELECT count(*) FROM claim WHERE"
                   " article_id = %s), (SELECT count(*) FROM claim_accused x"
                   " JOIN claim c ON c.id = x.claim_id WHERE c.article_id ="
                   " %s), (SELECT count(*) FROM claim c JOIN quote q ON"
                   " q.id = c.quote_id WHERE c.article_id = %s AND"
                   " q.article_id = %s)" % ((long_id,) * 5))[0]
    want = (len(big["quotes"]), len(big["claims"]),
            sum(len(c.get("accused") or []) for c in big["claims"]),
            sum(1 for c in big["claims"] if c["quote"]))
    check("the long article: quotes, claims, accused, claims' quotes",
          tuple(int(x) for x in got) == want, "%s != %s" % (got, want))

    lite = os.path.join(TMP, "lite.db")
    r = run("index", "--quiet", "--db", lite, "--from-jsonl", data)
    check("SQLite: exit 0", r.returncode == 0, r.stderr)
    names = sorted({x["name"] if isinstance(x, dict) else x
                    for c in big["claims"] for x in c.get("accused") or []})
    asks = [["claims", "--accused", n] for n in names[:8]]
    asks += [["claims", "--accused", n] for n in ("russ", "putin", "a", "%")]
    who = sorted({q["speaker"] for q in big["quotes"] if q.get("speaker")})
    asks += [["search", "--speaker", n] for n in who[:6]]
    asks += [["search", "--speaker", who[0], "--limit", "3"],
             ["search", "--speaker", who[1], "--since", "2019-01-01"],
             ["search", "--speaker", who[2], "said"]]
    for args in [["search", "attack"], ["search", "said"],
                 ["search", "--since", "2019-01-01"], ["claims"]] + asks:
        lim = [] if "--limit" in args else ["--limit", "5000"]
        a = run(args[0], "--db", lite, "--format", "json", *lim, *args[1:])
        b = run(args[0], "--db", dbs["tx200"], "--format", "json", *lim,
                *args[1:])
        probe = args[-1] in ("russ", "putin", "%", "said")  # may be none
        check("%s: the same as SQLite" % " ".join(args),
              a.returncode == 0 and a.stdout == b.stdout and
              (a.stdout or probe), a.stderr + b.stderr)

    # a statement refused in the middle of the long article's pipeline
    bad = SRV.newdb("refused")
    r = run("index", "--quiet", "--db", bad, "--from-jsonl", half)
    check("refused: the first load exits 0", r.returncode == 0, r.stderr)
    before = dump("refused", False)
    SRV.psql("refused", "ALTER TABLE quote ADD CONSTRAINT no_last CHECK"
             " (qid <> '%s')" % big["quotes"][-1]["id"])
    r = run("index", "--quiet", "--db", bad, "--from-jsonl", data,
            "--per-transaction", "100000")
    err = r.stderr.strip()
    check("refused: exit 5, one line", r.returncode == 5 and
          err.startswith("presscut: ") and "\n" not in err, r.stderr)
    check("refused: the message is the server's", "no_last" in err, err)
    check("refused: nothing of the batch stored",
          dump("refused", False) == before)
    SRV.psql("refused", "ALTER TABLE quote DROP CONSTRAINT no_last")
    r = run("index", "--quiet", "--db", bad, "--from-jsonl", data)
    check("refused, then again: every quote stored", r.returncode == 0 and
          SRV.psql("refused", "SELECT count(*) FROM quote").strip() ==
          str(nq), r.stderr)
    upgrade(dbs["tx200"], half)
    return report()


def indexes(name):
    return SRV.psql(name, "SELECT indexname FROM pg_indexes WHERE"
                    " schemaname = current_schema() ORDER BY 1")


def upgrade(db, half):
    """Schema 2 -> 3 in place: an archive made as schema 2 made it (its
    three indexes back, version 2) is upgraded by the next command, and
    then has the indexes of an archive made new."""
    fresh = indexes("tx200")
    version = SRV.psql("tx200", "SELECT value FROM meta WHERE key ="
                       " 'version'").strip()
    search = run("search", "--db", db, "--format", "json", "said")
    # schema 2: its three indexes back, and not what the steps after 3
    # add (pgtrgm's quote clusters' trigrams; step 6's entity names; step
    # 7's link tables)
    SRV.psql("tx200", "CREATE INDEX quote_speaker ON quote(speaker_id, date);"
             " CREATE INDEX quote_date ON quote(date);"
             " CREATE INDEX claim_date ON claim(date);"
             " DROP INDEX IF EXISTS quote_cluster_trgm;"
             " ALTER TABLE entity DROP COLUMN IF EXISTS dname;"
             " DROP TABLE IF EXISTS link_surname, link_speaker;"
             " DELETE FROM meta WHERE key IN ('link:form', 'link:all');"
             " UPDATE meta SET value = '2' WHERE key = 'version'")
    check("schema 2: its indexes", indexes("tx200") != fresh)
    again = run("search", "--db", db, "--format", "json", "said")
    check("schema 2 -> 3: the same answer", again.returncode == 0 and
          again.stdout == search.stdout and search.stdout, again.stderr)
    check("schema 2 -> %s: the version of a new archive" % version,
          SRV.psql("tx200", "SELECT value FROM meta WHERE key ="
                   " 'version'").strip() == version and int(version) >= 3)
    check("schema 2 -> 3: the indexes of a new archive",
          indexes("tx200") == fresh, indexes("tx200"))
    for i in ("quote_date", "quote_speaker", "claim_date"):
        check("schema 3: no %s" % i, ("\n%s\n" % i) not in
              "\n" + fresh)


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        SRV.stop()
        shutil.rmtree(TMP, ignore_errors=True)
