#!/usr/bin/python3
"""test_archive.py PRESSCUT REPO SHARED [postgresql] - the archive end to end.

Run with "postgresql", the same suite runs against a real PostgreSQL 15
server that it starts (initdb into a temporary directory, pg_ctl on a Unix
socket there, no TCP; as the user nobody when run as root), each archive a
database of its own; the refusals are PostgreSQL's (a database of other
tables, a foreign meta table, a newer version), and the same inputs indexed
into SQLite and PostgreSQL must give the same search, claims and speakers
output in every format.

presscut index (the founding article, hand-made articles, corpus pages),
idempotence (the same input twice, the same story under two URLs),
--from-jsonl equal to a direct index, search by word, speaker, date, kind
and site in text, JSON and CSV, claims (polarity, CAMEO) and their GraphML
(parsed), speakers linked across articles (the forms of Putin one speaker,
two Smiths not merged on the surname, an alias file's identifier kept),
SQL and FTS5 syntax in queries and names (never an error text, never an
effect), a corrupt, foreign or newer file refused and left as it is,
kill -9 during index then the same command again equal to a clean run,
and a reader answering while index writes.
"""
import csv
import hashlib
import io
import json
import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

PRESSCUT, REPO, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
BACKEND = sys.argv[4] if len(sys.argv) > 4 else "sqlite"
CORPUS = os.path.join(SHARED, "corpus", "extraction")
sys.path.insert(0, os.path.join(REPO, "tests"))
from harness import check, report, scaled, skip  # noqa: E402

TMP = tempfile.mkdtemp(prefix="pc-archive-")
sys.path.insert(0, os.path.join(REPO, "tests", "archive"))
from archives import PAGE, Archives, dbname, jlines, write_pages  # noqa: E402

ARCH = Archives(BACKEND, TMP)  # SQLite files in TMP, or PostgreSQL's
PG_SRV = ARCH.pg  # the PostgreSQL server of the postgresql backend
pg_start, pg_stop = ARCH.start, ARCH.stop
psql, newdb, sql = ARCH.psql, ARCH.newdb, ARCH.sql

ARTICLES = {
    "a1.html": dict(
        title="Kremlin blames Kyiv for concert hall attack",
        url="https://news.example/world/a1", date="2024-03-23",
        body="""<p>Russian President Vladimir Putin said on Saturday that the gunmen had tried to flee towards Ukraine after the attack on the concert hall near Moscow.</p>
<p>"All four direct perpetrators of the terrorist attack have been found and detained," Putin said in a televised address to the nation.</p>
<p>John Smith, a security analyst at the Example Institute, said the claims should be treated with caution. "We have seen no evidence so far," Smith said.</p>
<p>The Kremlin accused Ukraine of organising the attack, an accusation Kyiv denied.</p>"""),
    "a2.html": dict(
        title="Moscow attack: the investigation widens",
        url="https://other.example/news/a2", date="2024-03-28",
        body="""<p>"We will get to those who masterminded this crime," President Putin told officials at a meeting in the Kremlin on Wednesday.</p>
<p>Jane Smith, a professor of politics at Example University, said the investigation would take months. "Nobody should jump to conclusions," Smith said.</p>
<p>Islamic State claimed responsibility for the attack in a statement on its Telegram channel.</p>"""),
    "a3.html": dict(
        title="Putin vows revenge",
        url="https://third.example/a3", date="2024-04-05",
        body="""<p>"Those who ordered this atrocity will be punished," Russian President Vladimir Putin said in Moscow on Friday.</p>
<p>"The story is far from over," Smith said in a short statement to reporters.</p>"""),
}


def run(*args, stdin=None, timeout=600):
    return subprocess.run([PRESSCUT] + list(args), capture_output=True,
                          text=True, timeout=scaled(timeout), input=stdin)


def index(db, *inputs, extra=()):
    return run("index", "--quiet", "--db", db, *extra, *inputs)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def counts(db):
    return {t: int(sql(db, f"SELECT count(*) FROM {t}")[0][0])
            for t in ("article", "article_url", "quote", "claim", "speaker",
                      "speaker_form", "entity", "quote_cluster")}


def dump(db):
    """What the archive says, without its row ids: comparable between
    runs whose documents came in another order."""
    d = {}
    d["articles"] = sorted(sql(db, 
        "SELECT uid, url, host, site, date, lang, title, byline,"
        " content_hash, text FROM article"), key=repr)
    d["quotes"] = sorted(sql(db, 
        "SELECT a.uid, q.qid, s.name, q.kind, q.text, q.date, q.role,"
        " q.cue, q.block, q.start, q.\"end\", q.sentence, q.norm_hash"
        " FROM quote q JOIN article a ON a.id = q.article_id"
        " LEFT JOIN speaker s ON s.id = q.speaker_id"), key=repr)
    d["mentions"] = sorted(sql(db,
        "SELECT a.uid, e.key, m.mentions FROM article_entity m"
        " JOIN article a ON a.id = m.article_id"
        " JOIN entity e ON e.id = m.entity_id"), key=repr)
    d["speakers"] = sorted(sql(db, 
        "SELECT s.key, s.name, s.type, (SELECT group_concat(form, '|') FROM"
        " (SELECT form FROM speaker_form f WHERE f.speaker_id = s.id"
        " ORDER BY form) x) FROM speaker s"), key=repr)
    d["claims"] = sorted(sql(db, 
        "SELECT a.uid, e.key, c.polarity, c.event, c.cameo, c.evidence,"
        " (SELECT qid FROM quote WHERE id = c.quote_id), (SELECT"
        " group_concat(k, '|') FROM (SELECT x.key AS k FROM claim_accused ca"
        " JOIN entity x ON x.id = ca.entity_id WHERE ca.claim_id = c.id"
        " ORDER BY ca.pos) y) FROM claim c JOIN article a ON a.id ="
        " c.article_id LEFT JOIN entity e ON e.id = c.claimant_id"),
        key=repr)
    d["entities"] = sorted(sql(db,
        "SELECT key, name, type, country FROM entity"), key=repr)
    d["clusters"] = sorted(sql(db, 
        "SELECT norm_hash, first_seen, outlets, quotes FROM quote_cluster"
    ), key=repr)
    d["fts"] = sql(db, "SELECT count(*) FROM quote_fts WHERE quote_fts"
                   " MATCH 'attack'" if BACKEND == "sqlite" else
                   "SELECT count(*) FROM quote WHERE tsv @@"
                   " to_tsquery('presscut', 'attack')")[0][0]
    return d


def setup():
    return write_pages(os.path.join(TMP, "fx"), ARTICLES)


def corpus_pages(n):
    pages = sorted(p for p in os.listdir(CORPUS) if p.endswith(".html"))
    return [os.path.join(CORPUS, p) for p in pages[:n]]


def test_index_and_idempotence(fx):
    db = newdb("a")
    crocus = os.path.join(REPO, "examples", "crocus-article.txt")
    inputs = [fx, crocus] + corpus_pages(5)
    r = index(db, *inputs, extra=("--date", "2024-04-10"))
    check("index: exit 0", r.returncode == 0, r.stderr)
    n1 = counts(db)
    check("index: articles stored", n1["article"] == 9, n1)
    check("index: quotes and claims stored",
          n1["quote"] > 40 and n1["claim"] > 5, n1)
    d1 = dump(db)
    r = index(db, *inputs, extra=("--date", "2024-04-10"))
    check("index twice: exit 0", r.returncode == 0, r.stderr)
    check("index twice: nothing added", counts(db) == n1, (counts(db), n1))
    check("index twice: the same archive", dump(db) == d1)
    # the same story under another URL is the same article
    dup = os.path.join(TMP, "dup.html")
    a = dict(ARTICLES["a1.html"], url="https://mirror.example/copy-of-a1")
    with open(dup, "w") as f:
        f.write(PAGE.format(**a).replace("<h1>", "<!-- another page --><h1>"))
    r = index(db, dup)
    n2 = counts(db)
    check("same story, two URLs: one article",
          r.returncode == 0 and n2["article"] == n1["article"], n2)
    check("same story, two URLs: both URLs kept",
          n2["article_url"] == n1["article_url"] + 1, n2)
    return db


def fts_sound(db):
    """FTS5's integrity-check of both text indexes: each holds its rows
    once, no more, no fewer."""
    c = sqlite3.connect(db)
    try:
        for t in ("quote_fts", "article_fts"):
            c.execute(f"INSERT INTO {t}({t}) VALUES('integrity-check')")
        return True
    except sqlite3.Error:
        return False
    finally:
        c.close()


def test_from_jsonl(fx):
    """index hands its workers' documents to its writer without JSON; the
    archive is the one made from batch's JSON Lines, column by column."""
    out = os.path.join(TMP, "b.jsonl")
    # over SYNC_EVERY (50) articles in one transaction of the direct index:
    # its text indexes take them in parts
    pages = corpus_pages(60)
    r = run("batch", "--quiet", "--attribution", fx, *pages, "-o", out)
    check("from-jsonl: batch ran", r.returncode == 0, r.stderr)
    db1, db2 = newdb("j1"), newdb("j2")
    r1 = index(db1, extra=("--from-jsonl", out))
    r2 = index(db2, fx, *pages)
    check("from-jsonl: exit 0", r1.returncode == 0 and r2.returncode == 0,
          r1.stderr + r2.stderr)
    check("from-jsonl: the archive of a direct index", dump(db1) == dump(db2))
    if BACKEND == "sqlite":
        check("the text indexes agree with their rows",
              fts_sound(db1) and fts_sound(db2))
    r = index(db1, extra=("--from-jsonl", out))
    check("from-jsonl twice: nothing added",
          r.returncode == 0 and dump(db1) == dump(db2))
    with open(out, "a") as f:
        f.write('{"not": "an article"}\nnot json at all\n')
    r = index(db1, extra=("--from-jsonl", out))
    check("from-jsonl: bad lines are errors, not a failure",
          r.returncode == 0 and dump(db1) == dump(db2), r.stderr)


def record(i, speakers, site="names.example"):
    """A line of batch --attribution: one quote per speaker name."""
    qs = [{"id": f"q{k + 1}", "text": f"Statement number {k} of {i}.",
           "kind": "direct", "speaker": n, "speaker_entity": "e1",
           "role": None, "cue": "said", "date": None, "block": "b1",
           "start": 0, "end": 10, "sentence": "s", "parent": None}
          for k, n in enumerate(speakers)]
    ents = [{"id": "e1", "name": speakers[0], "type": "person", "aliases": [],
             "country": None, "mentions": 1}]
    return json.dumps({"title": f"Article {i}", "date": f"2024-05-{i + 1:02d}",
                       "url": f"https://{site}/{i}", "site": site,
                       "text": f"Body of article {i}.", "quotes": qs,
                       "entities": ents, "claims": [], "id": f"doc{i}"})


def test_names():
    """The name rules, from hand-made records: every form of Putin one
    speaker; a bare surname shared by two full names kept apart; whatever
    order the articles come in."""
    names = ["Vladimir Putin", "Putin", "President Putin",
             "Russian President Vladimir Putin", "Mr. Putin",
             "John Smith", "Jane Smith", "Smith", "Dr. Smith",
             "Xi Jinping", "Xi"]
    res = []
    for order in (names, list(reversed(names))):
        src = os.path.join(TMP, "names.jsonl")
        with open(src, "w") as f:
            for i, n in enumerate(order):
                f.write(record(i, [n]) + "\n")
        db = newdb(f"names{len(res)}")
        r = index(db, extra=("--from-jsonl", src))
        check("names: index exit 0", r.returncode == 0, r.stderr)
        groups = sorted(sorted(x.split("|")) for (x,) in sql(db,
            "SELECT group_concat(f.name, '|') FROM speaker_form f"
            " GROUP BY f.speaker_id"))
        res.append(groups)
    want = sorted([sorted(["Vladimir Putin", "Putin", "President Putin",
                           "Russian President Vladimir Putin", "Mr. Putin"]),
                   ["John Smith"], ["Jane Smith"],
                   sorted(["Smith", "Dr. Smith"]), ["Xi Jinping"], ["Xi"]])
    check("names: Putin's forms one speaker, the Smiths apart", res[0] == want,
          res[0])
    check("names: the same speakers whatever the order", res[0] == res[1],
          res)


def test_search(db):
    r = run("search", "--db", db, "perpetrators")
    check("search word: exit 0 and found",
          r.returncode == 0 and "All four direct perpetrators" in r.stdout,
          r.stdout[:300] + r.stderr)
    check("search text: speaker, title and URL shown",
          "Vladimir Putin" in r.stdout and "Kremlin blames Kyiv" in r.stdout
          and "https://news.example/world/a1" in r.stdout, r.stdout[:500])
    r = run("search", "--db", db, "--speaker", "Putin", "--format", "json",
            "--limit", "1000")
    rows = jlines(r.stdout)
    check("search --speaker Putin: every form of his",
          r.returncode == 0 and {q["speaker"] for q in rows} ==
          {"Vladimir Putin"} and len(rows) >= 4, rows)
    dates = [q["date"] for q in rows if q["date"]]
    check("search: newest first", dates == sorted(dates, reverse=True), dates)
    r = run("search", "--db", db, "--speaker", "Russian President Vladimir "
            "Putin", "--format", "json", "--limit", "1000")
    check("search --speaker with title: the same speaker",
          len(jlines(r.stdout)) == len(rows), r.stdout[:300])
    r = run("search", "--db", db, "--since", "2024-03-24", "--until",
            "2024-03-31", "--format", "json", "--limit", "1000")
    rows = jlines(r.stdout)
    check("search --since/--until", r.returncode == 0 and rows and all(
        "2024-03-24" <= q["date"][:10] <= "2024-03-31" for q in rows), rows)
    r = run("search", "--db", db, "--kind", "direct", "--format", "json",
            "--limit", "1000")
    rows = jlines(r.stdout)
    check("search --kind direct",
          rows and all(q["kind"] == "direct" for q in rows), rows[:2])
    r = run("search", "--db", db, "--site", "other.example", "--format",
            "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    check("search --site, csv", r.returncode == 0 and rows and all(
        "other.example" in q["url"] for q in rows), r.stdout[:300])
    r = run("search", "--db", db, '"masterminded this crime" -Crooke',
            "--format", "json")
    rows = jlines(r.stdout)
    check("search phrase and exclusion", rows and all(
        "masterminded" in q["text"] and q["speaker"] != "Alastair Crooke"
        for q in rows), rows)
    r = run("search", "--db", db, "perpetrators OR conclusions", "--format",
            "json")
    rows = jlines(r.stdout)
    texts = " ".join(q["text"] for q in rows)
    check("search OR", "All four direct" in texts and "Nobody should" in texts
          and all("perpetrat" in q["text"].lower() or "conclusion" in
                  q["text"].lower() for q in rows), rows)
    r = run("search", "--db", db, "--about", "Telegram", "--format", "json")
    rows = jlines(r.stdout)
    check("search --about: quotes of articles about it", rows and all(
        q["title"] == "Moscow attack: the investigation widens" for q in rows),
        rows)


def test_speakers(db):
    r = run("speakers", "--db", db, "--format", "json", "--limit", "1000")
    rows = jlines(r.stdout)
    check("speakers: exit 0", r.returncode == 0 and rows, r.stderr)
    putins = [s for s in rows if "putin" in s["name"].lower()]
    check("speakers: the Putins are one speaker",
          len(putins) == 1 and putins[0]["name"] == "Vladimir Putin", putins)
    if putins:
        p = putins[0]
        check("speakers: his other names are listed",
              "Putin" in (p["aliases"] or ""), p)
        check("speakers: counts and dates",
              p["quotes"] >= 4 and p["articles"] >= 3 and p["first"] <=
              p["last"], p)
    smiths = sorted(s["name"] for s in rows if "smith" in s["name"].lower())
    check("speakers: two Smiths are not merged on the surname",
          smiths == ["Jane Smith", "John Smith", "Smith"], smiths)
    r = run("speakers", "--db", db, "smith")
    check("speakers NAME", r.returncode == 0 and "Jane Smith" in r.stdout and
          "Putin" not in r.stdout, r.stdout)


def test_aliases(fx):
    db = newdb("alias")
    al = os.path.join(TMP, "aliases.tsv")
    with open(al, "w") as f:
        f.write("# name<TAB>Wikidata\nVladimir Putin\tQ7747\n"
                "Jane Smith\tQ99999\n")
    r = index(db, fx, extra=("--aliases", al))
    check("aliases: index exit 0", r.returncode == 0, r.stderr)
    r = run("speakers", "--db", db, "--format", "json")
    rows = {s["name"]: s for s in jlines(r.stdout)}
    check("aliases: the identifier is kept",
          rows.get("Vladimir Putin", {}).get("external_id") == "Q7747" and
          rows.get("Jane Smith", {}).get("external_id") == "Q99999", rows)
    r = run("search", "--db", db, "--speaker", "Q7747", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    check("aliases: search by identifier, exported", rows and all(
        q["speaker_id"] == "Q7747" for q in rows), r.stdout[:300])
    with open(al, "w") as f:
        f.write("no tab here\n")
    r = index(db, fx, extra=("--aliases", al))
    check("aliases: a bad line is an input error",
          r.returncode == 3 and r.stderr.count("\n") == 1, r.stderr)


def test_claims(db):
    r = run("claims", "--db", db, "--format", "json", "--limit", "1000")
    rows = jlines(r.stdout)
    check("claims: exit 0", r.returncode == 0 and rows, r.stderr)
    bort = [c for c in rows if c["claimant"] == "Alexander Bortnikov"]
    check("claims: Bortnikov accuses, with CAMEO 112x and PLOVER",
          bort and bort[0]["polarity"] == "accuse" and
          bort[0]["cameo"].startswith("112") and bort[0]["plover"] == "ACCUSE"
          and bort[0]["plover_mode"] == "allege", bort)
    isis = [c for c in rows if c["claimant"] == "ISIS"]
    check("claims: a claim of responsibility is its own polarity",
          isis and isis[0]["polarity"] == "responsibility" and
          isis[0]["cameo"] is None, isis)
    r = run("claims", "--db", db, "--accused", "ukraine", "--format", "json")
    rows = jlines(r.stdout)
    check("claims --accused", rows and all("Ukraine" in c["accused"]
                                           for c in rows), rows)
    r = run("claims", "--db", db, "--claimant", "Bortnikov", "--format",
            "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    check("claims --claimant, csv", len(rows) == 1 and
          rows[0]["claimant"] == "Alexander Bortnikov", r.stdout[:300])
    r = run("claims", "--db", db, "--format", "graphml")
    try:
        root = ET.fromstring(r.stdout)
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
        nodes = {n.get("id"): n.find("g:data[@key='name']", ns).text
                 for n in root.iter("{%s}node" % ns["g"])}
        edges = list(root.iter("{%s}edge" % ns["g"]))
        ok = bool(edges) and all(e.get("source") in nodes and
                                 e.get("target") in nodes for e in edges)
        bk = [e for e in edges if nodes[e.get("source")] ==
              "Alexander Bortnikov" and nodes[e.get("target")] == "Ukraine"]
        ok = ok and len(bk) == 1 and int(bk[0].find(
            "g:data[@key='count']", ns).text) >= 1
    except ET.ParseError as e:
        ok = False
        print("graphml:", e, r.stdout[:300])
    check("claims --format graphml: well-formed, edges between nodes", ok)
    names = sorted(nodes.values()) if ok else []
    check("claims graphml: one node a person, under the speaker's name",
          "Vladimir Putin" in names and "Putin" not in names and
          len(names) == len(set(names)), names)
    r = run("claims", "--db", db, "--claimant", "Vladimir Putin", "--format",
            "json")
    rows = jlines(r.stdout)
    check("claims --claimant: the speaker's claims under any of his names",
          rows and all(c["claimant"] == "Vladimir Putin" for c in rows), rows)


HOSTILE = [
    "'; DROP TABLE quote; --", "\" OR 1=1 --", "attack\" OR \"1", "a\"b",
    "text:attack", "NEAR(attack putin)", "attack*", "^attack", "attack AND",
    "OR", "OR attack", "attack OR", "-attack", "-", "\"", ")", "(", "{a b}",
    "attack NOT putin", "%", "_", "' OR ''='", "\\", "\x01\x02", "😀",
    "x" * 2000, "attack " * 40, "quote_fts", "rowid:1", "* OR *",
    "attack OR -putin", "\"\"", "- -", "a -b -c",
    # tsquery's syntax (PostgreSQL): operators, prefixes, weights, quotes
    "attack & putin", "attack | putin", "!attack", "attack <-> putin",
    "attack <2> putin", "attack:*", "attack:AB", "'attack'", "''", "'",
    "\\'", "a\\", "(attack | !putin) & ", "attack:* & !'x'", "$1",
    "$$; DROP TABLE quote; $$", "E'\\x00'", "attack\\' | 'putin",
]


def test_hostile(db):
    before = counts(db)
    bad = []
    for q in HOSTILE:
        for args in (["search", "--db", db, "--", q],
                     ["search", "--db", db, "--speaker", q],
                     ["search", "--db", db, "--about", q],
                     ["search", "--db", db, "--site", q],
                     ["claims", "--db", db, "--claimant", q, "--accused", q,
                      "--event", q],
                     ["speakers", "--db", db, "--", q]):
            r = run(*args)
            err = r.stderr.lower()
            if r.returncode not in (0, 2) or "sql" in err or "fts5" in err \
                    or "syntax" in err or r.stderr.count("\n") > 1:
                bad.append((args[0], q[:30], r.returncode, r.stderr[:120]))
    check("hostile queries and names: exit 0 or 2, one line, no SQL text",
          not bad, bad[:5])
    check("hostile queries and names: the archive is untouched",
          counts(db) == before)
    r = run("search", "--db", db, "attack OR")
    check("malformed query: exit 2, one line",
          r.returncode == 2 and r.stderr.count("\n") == 1 and
          r.stderr.startswith("presscut: query:"), r.stderr)
    r = run("search", "--db", db, "--since", "yesterday")
    check("bad date: exit 2", r.returncode == 2, r.stderr)
    r = run("search", "perpetrators")
    check("no --db: exit 2", r.returncode == 2, r.stderr)
    if BACKEND == "sqlite":
        r = run("search", "--db", os.path.join(TMP, "none.db"), "x")
        check("missing archive: exit 3, not made",
              r.returncode == 3 and not os.path.exists(os.path.join(TMP,
                                                                    "none.db")),
              r.stderr)
    else:
        none = newdb("none")
        r = run("search", "--db", none, "x")
        check("missing archive: exit 3, not made",
              r.returncode == 3 and r.stderr.count("\n") == 1 and not
              psql("none", "SELECT tablename FROM pg_tables WHERE"
                   " schemaname = 'public'"), r.stderr)
        url = "postgresql://presscut@/none?host=" + os.path.join(TMP, "nx")
        r = run("search", "--db", url, "x")
        check("no server: exit 4, one line",
              r.returncode == 4 and r.stderr.count("\n") == 1 and
              "cannot connect" in r.stderr, r.stderr)
        r = run("search", "--db", "mysql://localhost/x", "x")
        check("another URL scheme: exit 2", r.returncode == 2, r.stderr)
    r = run("claims", "--db", db, "--format", "pdf")
    check("claims bad format: exit 2", r.returncode == 2, r.stderr)
    r = run("speakers", "--db", db, "--format", "graphml")
    check("speakers graphml: exit 2", r.returncode == 2, r.stderr)


def test_refused_sqlite(fx, good):
    # an empty file (what a run killed as it began leaves) is SQLite's
    # empty database: index makes the archive in it, search finds none
    p = os.path.join(TMP, "empty.db")
    open(p, "wb").close()
    r = run("search", "--db", p, "attack")
    check("empty file: search says there is no archive (exit 3)",
          r.returncode == 3 and "no such archive" in r.stderr, r.stderr)
    r = index(p, os.path.join(REPO, "examples", "crocus-article.txt"))
    check("empty file: index makes the archive in it",
          r.returncode == 0 and counts(p)["article"] == 1, r.stderr)
    cases = {}
    p = os.path.join(TMP, "random.db")
    with open(p, "wb") as f:
        f.write(os.urandom(8192))
    cases["random bytes"] = p
    p = os.path.join(TMP, "foreign.db")
    c = sqlite3.connect(p)
    c.execute("CREATE TABLE quote(x)")
    c.execute("INSERT INTO quote VALUES (1)")
    c.commit()
    c.close()
    cases["another SQLite database"] = p
    p = os.path.join(TMP, "newer.db")
    shutil.copy(good, p)
    c = sqlite3.connect(p)
    c.execute("PRAGMA user_version = 99")
    c.commit()
    c.close()
    cases["a newer archive"] = p
    p = os.path.join(TMP, "corrupt.db")
    shutil.copy(good, p)
    with open(p, "r+b") as f:
        f.seek(100)
        f.write(os.urandom(4000))  # the schema page
    cases["a damaged archive"] = p
    p = os.path.join(TMP, "text.db")
    with open(p, "w") as f:
        f.write("SQLite is a database, this is a text file\n")
    cases["a text file"] = p
    for what, p in cases.items():
        h = sha(p)
        r1 = index(p, fx)
        r2 = run("search", "--db", p, "attack")
        check(f"refused: {what}: exit 3, one line",
              r1.returncode == 3 and r2.returncode == 3 and
              r1.stderr.count("\n") == 1, (r1.returncode, r1.stderr,
                                           r2.returncode, r2.stderr))
        check(f"refused: {what}: left as it is", sha(p) == h and not
              os.path.exists(p + "-wal"))


def pg_state(name):
    """The tables of database name and their rows: to see it untouched."""
    tables = [t for (t,) in psql(name, "SELECT tablename FROM pg_tables"
                                 " WHERE schemaname = 'public' ORDER BY 1")]
    return [(t, psql(name, 'SELECT * FROM "%s" ORDER BY 1' % t))
            for t in tables]


def test_refused_pg(fx, good):
    cases = {}
    newdb("foreign")
    psql("foreign", "CREATE TABLE quote(x int); INSERT INTO quote VALUES (1)")
    cases["a database of other tables"] = "foreign"
    newdb("foreignmeta")
    psql("foreignmeta", "CREATE TABLE meta(key text, value text);"
         " INSERT INTO meta VALUES ('app', 'something else')")
    cases["a foreign meta table"] = "foreignmeta"
    psql("postgres", 'CREATE DATABASE newer TEMPLATE "%s"' % dbname(good))
    psql("newer", "UPDATE meta SET value = '99' WHERE key = 'version'")
    cases["a newer archive"] = "newer"
    for what, name in cases.items():
        before = pg_state(name)
        url = "postgresql://presscut@/%s?host=%s" % (name, PG_SRV.dir)
        r1 = index(url, fx)
        r2 = run("search", "--db", url, "attack")
        check(f"refused: {what}: exit 3, one line",
              r1.returncode == 3 and r2.returncode == 3 and
              r1.stderr.count("\n") == 1, (r1.returncode, r1.stderr,
                                           r2.returncode, r2.stderr))
        check(f"refused: {what}: left as it is", pg_state(name) == before)


def test_same_as_sqlite(fx):
    """The same inputs (as batch --attribution's JSON Lines, so that both
    archives get the articles in one order: ties in the ordering by date
    go by row id) into SQLite and PostgreSQL: every query answers the same
    on both backends."""
    lite, pgdb = os.path.join(TMP, "same.db"), newdb("same")
    crocus = os.path.join(REPO, "examples", "crocus-article.txt")
    dup = os.path.join(TMP, "dup.html")
    lines = os.path.join(TMP, "same.jsonl")
    r = run("batch", "--quiet", "--attribution", "--date", "2024-04-10",
            fx, crocus, dup, *corpus_pages(5), "-o", lines)
    check("both backends: batch exit 0", r.returncode == 0, r.stderr)
    r = index(lite, extra=("--from-jsonl", lines))
    r2 = index(pgdb, extra=("--from-jsonl", lines))
    check("both backends: index exit 0",
          r.returncode == 0 and r2.returncode == 0, r.stderr + r2.stderr)
    queries = [["search"], ["search", "attack"], ["search", "perpetrators"],
               ["search", '"concert hall" OR Kremlin -Ukraine'],
               ["search", "attacks"], ["search", "the"],
               ["search", "--speaker", "Putin"],
               ["search", "--speaker", "President Putin"],
               ["search", "--about", "investigation"],
               ["search", "--kind", "indirect"],
               ["search", "--since", "2024-03-25", "--until", "2024-04-01"],
               ["search", "--site", "other.example"],
               ["search", "--limit", "3"],
               ["claims"], ["claims", "--accused", "ukraine"],
               ["claims", "--claimant", "putin"], ["claims", "--event", "attack"],
               ["claims", "--since", "2024-03-25"],
               ["speakers"], ["speakers", "smith"], ["speakers", "Putin"]]
    differ = []
    for qy in queries:
        fmts = ["text", "json", "csv"] + (["graphml"] if qy[0] == "claims"
                                          else [])
        for fmt in fmts:
            args = [qy[0], "--format", fmt] + qy[1:]
            a = run(*(args + ["--db", lite]))
            b = run(*(args + ["--db", pgdb]))
            if (a.returncode, a.stdout, a.stderr) != \
                    (b.returncode, b.stdout, b.stderr):
                differ.append((args, a.returncode, b.returncode,
                               a.stdout[:200], b.stdout[:200], b.stderr))
    check("both backends: the same search, claims and speakers output "
          "(%d queries x formats)" % len(queries), not differ, differ[:3])
    differ = []
    for q in HOSTILE:
        for opt in ("--", "--speaker", "--about", "--site"):
            a = run("search", "--db", lite, opt, q)
            b = run("search", "--db", pgdb, opt, q)
            if (a.returncode, a.stdout, a.stderr) != \
                    (b.returncode, b.stdout, b.stderr):
                differ.append((opt, q[:30], a.returncode, b.returncode,
                               b.stderr[:100]))
    check("both backends: hostile queries answered alike", not differ,
          differ[:3])
    n = run("search", "--db", lite, "--format", "json", "--limit", "1000")
    check("both backends: something to compare",
          n.returncode == 0 and len(jlines(n.stdout)) > 40, n.stderr)


def test_lazy_libpq(db):
    env = dict(os.environ, LD_DEBUG="files")
    x = os.path.join(TMP, "x.html")
    with open(x, "w") as f:
        f.write("<html><body><p>Hello there.</p></body></html>")
    r = subprocess.run([PRESSCUT, "extract", x], capture_output=True,
                       text=True, env=env)
    check("libpq: not loaded by extract", "libpq" not in r.stderr)
    r = subprocess.run([PRESSCUT, "search", "--db", db, "attack"],
                       capture_output=True, text=True, env=env)
    check("libpq: loaded by a postgresql:// archive", "libpq" in r.stderr)


def test_urls(fx):
    """index of http URLs: fetched, refused on a loopback address unless
    --allow-private-fetch (or PRESSCUT_FETCH_ALLOW names it), stored like a
    file's page, idempotent; a Latin-1 page is read as Latin-1."""
    import http.server
    import threading
    a = ARTICLES["a1.html"]
    latin = PAGE.format(title="Caf\u00e9 owners protest", url="https://latin.example/p",
                        date="2024-05-01", body="<p>\"The cr\u00e8me br\u00fbl\u00e9e tax"
                        " is unfair,\" said Jos\u00e9 Garc\u00eda, a caf\u00e9 owner in"
                        " Lyon, on Wednesday.</p>").encode("latin-1")

    class H(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body, ct = (PAGE.format(**a).encode(), "text/html; charset=utf-8") \
                if self.path == "/a1" else (latin, "text/html; charset=iso-8859-1") \
                if self.path == "/latin" else (None, None)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", ct)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d" % srv.server_address[1]
    try:
        db = newdb("urls")
        r = index(db, base + "/a1")
        check("URL: a loopback address refused by default (exit 0, an error)",
              r.returncode == 0 and "refused" in r.stderr and
              counts(db)["article"] == 0, (r.returncode, r.stderr))
        r = run("index", "--db", db, base + "/a1", base + "/missing")
        check("URL: a loopback address refused by default (summary)",
              "2 read: 0 articles added" in r.stderr and "2 errors" in r.stderr,
              r.stderr)
        env = dict(os.environ, PRESSCUT_FETCH_ALLOW="127.0.0.1")
        r = subprocess.run([PRESSCUT, "index", "--db", db, base + "/a1"],
                           capture_output=True, text=True, env=env,
                           timeout=scaled(120))
        check("URL: PRESSCUT_FETCH_ALLOW lets the address through",
              r.returncode == 0 and "1 articles added" in r.stderr, r.stderr)
        r = run("index", "--db", db, "--allow-private-fetch", base + "/a1",
                base + "/latin", base + "/missing")
        check("URL: --allow-private-fetch, the same page again adds nothing",
              r.returncode == 0 and "3 read: 1 articles added" in r.stderr and
              "1 already in the archive" in r.stderr and "1 errors" in r.stderr
              and "HTTP status 404" in r.stderr, r.stderr)
        r = run("search", "--db", db, "--format", "json", "perpetrators")
        got = jlines(r.stdout)
        check("URL: the fetched page's quote is found",
              len(got) == 1 and got[0]["url"] == a["url"], got)
        r = run("search", "--db", db, "--format", "json", "br\u00fbl\u00e9e")
        got = jlines(r.stdout)
        check("URL: a Latin-1 page is read as Latin-1",
              len(got) == 1 and "cr\u00e8me" in got[0]["text"] and
              got[0]["speaker"] == "Jos\u00e9 Garc\u00eda", got)
        fdb = newdb("urls_file")
        r = index(fdb, os.path.join(fx, "a1.html"))
        check("URL: the same page from a file is the same article",
              sql(db, "SELECT content_hash FROM article WHERE url = '%s'"
                  % a["url"]) == sql(fdb, "SELECT content_hash FROM article"),
              r.stderr)
    finally:
        srv.shutdown()
        srv.server_close()


def stored(db):
    """Articles the archive holds now, 0 before it exists; an SQLite file
    is opened read-only, so that a poll never makes an empty one."""
    if BACKEND != "sqlite":
        try:
            return int(sql(db, "SELECT count(*) FROM article")[0][0])
        except Exception:  # noqa: BLE001 - not made yet
            return 0
    if not os.path.exists(db) or os.path.getsize(db) == 0:
        return 0
    try:
        c = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=5)
        try:
            return c.execute("SELECT count(*) FROM article").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:  # the schema not written yet
        return 0


def test_failed_commit(fx):
    """A commit that cannot be written (here the file may not grow: a
    file-size limit, as a full disk would do) is rolled back: one line
    and exit 3, nothing of its transaction stored nor counted as added,
    the archive sound; the same run without the limit stores it all."""
    db = newdb("full")
    r = index(db, os.path.join(fx, "a1.html"))
    check("sqlite: full disk: an archive of one article first",
          r.returncode == 0 and stored(db) == 1, r.stderr)
    limit = os.path.getsize(db) + 65536

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    pages = corpus_pages(40)
    r = subprocess.run([PRESSCUT, "index", "--db", db] + pages,
                       capture_output=True, text=True,
                       timeout=scaled(600), preexec_fn=small_files)
    lines = [x for x in r.stderr.splitlines() if "commit" in x]
    check("sqlite: full disk: the failed commit is one line, exit 3",
          r.returncode == 3 and len(lines) == 1 and
          "Traceback" not in r.stderr and "SQL" not in r.stderr,
          (r.returncode, r.stderr[-400:]))
    check("sqlite: full disk: nothing of the transaction is counted",
          " 0 articles added" in r.stderr, r.stderr[-400:])
    check("sqlite: full disk: nothing of it is stored, the file is sound",
          stored(db) == 1 and
          sql(db, "PRAGMA integrity_check") == [("ok",)] and fts_sound(db),
          stored(db))
    r = index(db, *pages)
    check("sqlite: full disk: the run again without the limit stores it",
          r.returncode == 0 and stored(db) == 1 + len(pages) and
          fts_sound(db), (r.stderr, stored(db)))


def test_kill_and_reader():
    pages = corpus_pages(200)
    clean = newdb("clean")
    t0 = time.time()
    r = index(clean, *pages, extra=("--per-transaction", "5"))
    took = time.time() - t0
    check("corpus: index exit 0", r.returncode == 0, r.stderr)
    want = dump(clean)
    killed = newdb("killed")
    rng = random.Random(18)
    cut = False
    for attempt in range(3):
        # killed once it has stored a random number of transactions (it
        # polls: a fixed sleep missed the whole run when it got faster)
        after = stored(killed) + 5 * rng.randint(1, 12)
        p = subprocess.Popen([PRESSCUT, "index", "--quiet", "--db", killed,
                              "--per-transaction", "5"] + pages,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        while p.poll() is None and stored(killed) < after:
            time.sleep(0.001)
        if p.poll() is None:
            p.kill()
            cut = True
        p.wait()
    if BACKEND == "sqlite" and os.path.exists(killed):
        c = sqlite3.connect(killed)
        ok = c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        c.close()
        check("kill -9: the archive is consistent", ok)
    elif BACKEND != "sqlite":
        # every quote's article and cluster is there: no half article
        bad = sql(killed, "SELECT count(*) FROM quote q WHERE NOT EXISTS"
                  " (SELECT 1 FROM article a WHERE a.id = q.article_id)"
                  " OR NOT EXISTS (SELECT 1 FROM quote_cluster c"
                  " WHERE c.id = q.cluster_id)")[0][0]
        check("kill -9: the archive is consistent", bad == "0", bad)
    check("kill -9: a run was cut short", cut, took)
    r = index(killed, *pages, extra=("--per-transaction", "5"))
    check("kill -9, run again: exit 0", r.returncode == 0, r.stderr)
    got = dump(killed)
    differs = [k for k in want if got.get(k) != want[k]]
    check("kill -9, run again: the archive of a clean run", not differs,
          differs)
    # The order documents come in never shows: the pages shuffled, in two
    # runs, make the archive of one run in order.  (Index stores them as
    # its workers finish; once a name form's spelling, type and speaker
    # depended on which article came first.)
    for seed in (1, 2):
        shuffled = list(pages)
        random.Random(seed).shuffle(shuffled)
        other = newdb("shuffled%d" % seed)
        half = len(shuffled) // 2
        index(other, *shuffled[:half], extra=("--per-transaction", "5"))
        index(other, *shuffled[half:], extra=("--per-transaction", "5"))
        got = dump(other)
        differs = {k: [x for x in got[k] if x not in want[k]][:3]
                   for k in want if got.get(k) != want[k]}
        check("shuffled order %d: the archive of a run in order" % seed,
              not differs, differs)
    # two index runs on one archive at once: both complete, nothing twice
    two = newdb("two")
    index(two, os.path.join(REPO, "examples", "crocus-article.txt"))
    ps = [subprocess.Popen([PRESSCUT, "index", "--quiet", "--db", two,
                            "--per-transaction", "5"] + pages,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
          for _ in range(2)]
    errs = [p.communicate(timeout=scaled(900))[1].decode() for p in ps]
    check("two index runs at once: both exit 0",
          all(p.returncode == 0 for p in ps), errs)
    got = dump(two)
    uids = {a[0] for a in want["articles"]}
    check("two index runs at once: nothing stored twice",
          len(got["articles"]) == len(want["articles"]) + 1 and
          sorted(q[:2] + q[4:5] for q in got["quotes"] if q[0] in uids) ==
          sorted(q[:2] + q[4:5] for q in want["quotes"]),
          (len(got["articles"]), len(want["articles"])))
    # a reader while index writes
    busy = newdb("busy")
    index(busy, os.path.join(REPO, "examples", "crocus-article.txt"))
    p = subprocess.Popen([PRESSCUT, "index", "--quiet", "--db", busy,
                          "--per-transaction", "3"] + pages,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    slow, fails, n = 0.0, [], 0
    while p.poll() is None and n < 50:
        t = time.time()
        r = run("search", "--db", busy, "attack", "--limit", "5")
        slow = max(slow, time.time() - t)
        n += 1
        if r.returncode != 0:
            fails.append(r.stderr)
    p.wait()
    check("reader during index: every search answered",
          n > 0 and not fails, fails[:2])
    check("reader during index: never held up (max %.2f s)" % slow,
          slow < scaled(5.0))


def main():
    if BACKEND != "sqlite":
        why = pg_start()
        if why:
            pg_stop()
            return skip("PostgreSQL backend: " + why)
    try:
        return tests()
    finally:
        pg_stop()
        shutil.rmtree(TMP, ignore_errors=True)


def tests():
    fx = setup()
    db = test_index_and_idempotence(fx)
    test_from_jsonl(fx)
    test_names()
    test_search(db)
    test_speakers(db)
    test_aliases(fx)
    test_claims(db)
    test_hostile(db)
    test_urls(fx)
    if BACKEND == "sqlite":
        test_refused_sqlite(fx, db)
        test_failed_commit(fx)
    else:
        test_refused_pg(fx, db)
        test_same_as_sqlite(fx)
        test_lazy_libpq(db)
    test_kill_and_reader()
    return report()


if __name__ == "__main__":
    sys.exit(main())
