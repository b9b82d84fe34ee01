#!/usr/bin/python3
"""test_near.py PRESSCUT REPO [postgresql] - names and quotes by trigrams.

From hand-made `batch --attribution` lines (no corpus needed): a speaker
or claimant spelt a little differently ("Zelensky", "Volodymyr
Zelenskiy", "Jose Alvarez" for "José Álvarez") is found when the archive
has no exact name, and the output says which name it took; a bare surname
two people share ("Johnson") finds neither and never merges them; search
--near lists the near duplicates of a quote, each with its similarity,
and not unrelated quotes; hostile strings (SQL, FTS5, LIKE and trigram
syntax, a NUL through the API) are parameters, never errors or effects;
an archive of the version before is upgraded in place.  With "postgresql"
the same runs on a real PostgreSQL 15 server (tests/archive/pgserver.py)
and every answer must equal SQLite's.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
BACKEND = sys.argv[3] if len(sys.argv) > 3 else "sqlite"
sys.path.insert(0, os.path.join(REPO, "tests"))
sys.path.insert(0, os.path.join(REPO, "tests", "archive"))
from harness import (check, free_port, report, request, scaled, skip,  # noqa
                     start_serve)
from pgserver import PgServer  # noqa: E402

TMP = tempfile.mkdtemp(prefix="pc-near-")
PG = PgServer()

QUOTES = [  # (speaker, text, site, claims)
    ("Volodymyr Zelenskyy",
     "We will defend every town and every village of our country.", "a", []),
    ("Zelenskyy",
     "We will defend every town and every village of our land!", "b",
     [("Zelenskyy", ["Vladimir Putin"])]),
    ("Boris Johnson", "Get Brexit done, and then we will move on.", "a", []),
    ("Mike Johnson", "The House will vote on the aid package next week.",
     "b", []),
    ("José Álvarez", "The harvest was the worst in twenty years.", "c", []),
    ("Vladimir Putin",
     "Those who ordered this atrocity will be punished.", "a",
     [("Vladimir Putin", ["Volodymyr Zelenskyy"])]),
    ("Angela Merkel", "We can do this, and we will.", "c", []),
]


def record(i, speaker, text, site, claims):
    q = {"id": "q1", "text": text, "kind": "direct", "speaker": speaker,
         "speaker_entity": "e1", "role": None, "cue": "said", "date": None,
         "block": "b1", "start": 0, "end": 10, "sentence": text,
         "parent": None}
    names = {speaker} | {n for c in claims for n in [c[0]] + c[1]}
    ents = [{"id": "e%d" % k, "name": n, "type": "person", "aliases": [],
             "country": None, "mentions": 1}
            for k, n in enumerate(sorted(names))]
    cl = [{"claimant": c, "accused": acc, "polarity": "accuse",
           "event": "the war", "evidence": text, "quote": "q1"}
          for c, acc in claims]
    return json.dumps({"title": "Article %d" % i,
                       "date": "2024-05-%02d" % (i + 1),
                       "url": "https://%s.example/%d" % (site, i),
                       "site": site + ".example", "text": text,
                       "quotes": [q], "entities": ents, "claims": cl,
                       "id": "doc%d" % i})


def run(*args):
    return subprocess.run([PRESSCUT] + list(args), capture_output=True,
                          timeout=scaled(120))


def out(r):
    return r.stdout.decode("utf-8", "replace")


def jl(r):
    return [json.loads(x) for x in out(r).splitlines() if x.strip()]


def newdb(name, backend):
    if backend == "sqlite":
        return os.path.join(TMP, name + ".db")
    PG.psql("postgres", 'CREATE DATABASE "%s"' % name)
    return "postgresql://presscut@/%s?host=%s" % (name, PG.dir)


def load(name, backend):
    src = os.path.join(TMP, "near.jsonl")
    with open(src, "w") as f:
        for i, q in enumerate(QUOTES):
            f.write(record(i, *q) + "\n")
    db = newdb(name, backend)
    r = run("index", "--quiet", "--db", db, "--from-jsonl", src)
    check("%s: index exit 0" % backend, r.returncode == 0, r.stderr)
    return db


def test_names(db):
    r = run("search", "--db", db, "--speaker", "Zelensky")
    t = out(r)
    check("--speaker Zelensky: Zelenskyy's quotes, the name said",
          r.returncode == 0 and t.count("Volodymyr Zelenskyy,") == 2 and
          "the nearest: Zelenskyy, similarity 0.73" in t, t)
    r = run("search", "--db", db, "--speaker", "Volodymyr Zelenskiy",
            "--format", "json")
    rows = jl(r)
    check("--speaker Volodymyr Zelenskiy: found, matched_name in JSON",
          len(rows) == 2 and all(x["speaker"] == "Volodymyr Zelenskyy" and
                                 x["matched_name"] == "Volodymyr Zelenskyy"
                                 and x["name_similarity"] == "0.74"
                                 for x in rows), rows)
    r = run("search", "--db", db, "--speaker", "Jose Alvarez", "--format",
            "csv")
    check("--speaker without the accents: found (CSV has the match)",
          "José Álvarez" in out(r) and "matched_name" in out(r), out(r))
    r = run("search", "--db", db, "--speaker", "Vladimir Putin", "--format",
            "json")
    check("an exact name: no matched_name",
          len(jl(r)) == 1 and "matched_name" not in jl(r)[0], out(r))
    r = run("speakers", "--db", db, "Zelenskiy", "--format", "json")
    rows = jl(r)
    check("speakers Zelenskiy: the one speaker",
          [x["name"] for x in rows] == ["Volodymyr Zelenskyy"] and
          rows[0]["matched_name"] == "Zelenskyy", rows)
    r = run("claims", "--db", db, "--claimant", "Vladimir Puttin",
            "--format", "json")
    rows = jl(r)
    check("claims --claimant Vladimir Puttin: Putin's claim",
          len(rows) == 1 and rows[0]["claimant"] == "Vladimir Putin" and
          rows[0]["matched_name"] == "Vladimir Putin", rows)
    r = run("claims", "--db", db, "--accused", "Zelenskiy")
    check("claims --accused Zelenskiy: the claim against Zelenskyy",
          "Vladimir Putin accuse: Volodymyr Zelenskyy" in out(r), out(r))
    # two people sharing a surname: a lookup takes neither
    for name in ("Johnson", "Jonson", "Mr Johnson"):
        r = run("search", "--db", db, "--speaker", name)
        t = out(r)
        check("--speaker %s: neither Johnson" % name,
              r.returncode == 0 and "Get Brexit" not in t and
              "The House" not in t, t)
        check("--speaker %s: both named, or none near enough" % name,
              ("Boris Johnson" in t and "Mike Johnson" in t and
               "give more of the name" in t) if "h" in name else t == "", t)
        r = run("search", "--db", db, "--speaker", name, "--format", "json")
        check("--speaker %s in JSON: no rows" % name,
              r.returncode == 0 and out(r) == "", out(r))
    r = run("speakers", "--db", db, "--format", "json")
    names = sorted(x["name"] for x in jl(r))
    check("the Johnsons stay two speakers",
          names.count("Boris Johnson") == 1 and
          names.count("Mike Johnson") == 1 and len(names) == 6, names)
    r = run("search", "--db", db, "--speaker", "Xavier Quentin")
    check("a name near nothing: nothing, exit 0",
          r.returncode == 0 and out(r) == "", out(r))


def test_near(db):
    r = run("search", "--db", db, "--near",
            "we will defend every town and every village", "--format",
            "json")
    rows = jl(r)
    check("--near: the two near duplicates, newest first",
          r.returncode == 0 and [x["date"] for x in rows] ==
          ["2024-05-02", "2024-05-01"], rows)
    check("--near: each with its similarity (0.80, 0.73)",
          [x.get("similarity") for x in rows] == ["0.80", "0.73"], rows)
    r = run("search", "--db", db, "--near",
            "We will defend every town and every village of our land!")
    t = out(r)
    check("--near, text: the similarity shown, the identical one 1.00",
          "similarity 1.00" in t and "Brexit" not in t and
          "harvest" not in t, t)
    r = run("search", "--db", db, "--near",
            "we will defend every town and every village", "--similarity",
            "0.78", "--format", "json")
    check("--similarity 0.78: only the nearer",
          [x["similarity"] for x in jl(r)] == ["0.80"], out(r))
    r = run("search", "--db", db, "--near", "the weather is fine today")
    check("--near an unrelated text: nothing", out(r) == "", out(r))
    r = run("search", "--db", db, "--near", "village defend",
            "--speaker", "Zelenskyy", "--similarity", "0.1", "--format",
            "json")
    check("--near with --speaker and a low threshold",
          r.returncode == 0 and len(jl(r)) == 2, out(r))
    for args, why in ((["--near", "ab"], "a word of three letters"),
                      (["--near", "x", "--similarity", "0"], "0 to 1"),
                      (["--near", "town", "--similarity", "1.5"], "0 to 1"),
                      (["--near", "town", "--similarity", "nan"], "0 to 1"),
                      (["--similarity", "0.4"], "--near")):
        r = run("search", "--db", db, *args)
        err = r.stderr.decode()
        check("search %s: exit 2, one line" % " ".join(args),
              r.returncode == 2 and err.count("\n") == 1, err)
    r = run("claims", "--db", db, "--near", "town")
    check("claims --near: not an option (exit 2)", r.returncode == 2)


HOSTILE = ["%", "_", "%%%", "a_b%", "'; DROP TABLE quote; --", "\"",
           "\"abc\" OR \"def\"", "zel*", "NEAR(zel ens)", "' OR 1=1 --",
           "similarity(text, text)", "text % 'a'", "\\", "$1", "😀😀😀",
           "Zelenskyy\" OR \"", "x" * 2000, "ＺＥＬＥＮＳＫＹ"]


def test_hostile(db):
    bad = []
    for h in HOSTILE:
        for args in (["search", "--db", db, "--near", h],
                     ["search", "--db", db, "--speaker", h],
                     ["speakers", "--db", db, "--", h],
                     ["claims", "--db", db, "--claimant", h, "--accused", h]):
            r = run(*args)
            err = r.stderr.decode().lower()
            if r.returncode not in (0, 2) or "sql" in err or \
                    "fts5" in err or "syntax" in err or \
                    err.count("\n") > 1:
                bad.append((args[0], h[:20], r.returncode, err[:100]))
    check("hostile --near and names: exit 0 or 2, one line, no SQL text",
          not bad, bad[:4])
    r = run("search", "--db", db, "--near", "%%% ___ village town")
    check("--near '%%% ___ village town': no error",
          r.returncode == 0, r.stderr)


def test_api(db):
    procs = []
    try:
        port = free_port()
        p, url = start_serve([PRESSCUT, "serve", "--db", db, "--listen",
                              "127.0.0.1:%d" % port], procs)
        import http.client
        bad = []
        for near in ["we will defend every town", "%00", "a%00b%20village",
                     "%25%5F'\"", "x" * 1500]:
            c = http.client.HTTPConnection("127.0.0.1", port,
                                           timeout=scaled(30))
            st, _, body = request(c, "/api/archive/search?near=" + (
                near if "%" in near else urllib.parse.quote(near)))
            if st not in (200, 400):
                bad.append((near[:20], st, body[:80]))
            if near.startswith("we will") and (
                    st != 200 or len(json.loads(body)["quotes"]) != 2):
                bad.append(("near found", st, body[:200]))
        check("API search?near=: the near duplicates; NUL and syntax "
              "answered 200 or 400", not bad, bad)
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=scaled(30))


# SQLite's quote text index before step 4 (sqlite.c, step_fts_order):
# keyed by quote id, kept by three triggers
OLD_QUOTE_FTS = """
DROP VIEW quote_fts_src; DROP TABLE quote_fts; DROP TRIGGER quote_ad;
DROP TRIGGER quote_au; DELETE FROM meta WHERE key = 'fts:order';
CREATE VIRTUAL TABLE quote_fts USING fts5(text, content='quote',
 content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
CREATE TRIGGER quote_ai AFTER INSERT ON quote BEGIN
 INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text); END;
CREATE TRIGGER quote_ad AFTER DELETE ON quote BEGIN
 INSERT INTO quote_fts(quote_fts, rowid, text)
 VALUES ('delete', old.id, old.text); END;
CREATE TRIGGER quote_au AFTER UPDATE OF text ON quote BEGIN
 INSERT INTO quote_fts(quote_fts, rowid, text)
 VALUES ('delete', old.id, old.text);
 INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text); END;
INSERT INTO quote_fts(quote_fts) VALUES ('rebuild');
"""


def sql1(db, sql):
    c = sqlite3.connect(db)
    try:
        return c.execute(sql).fetchall()
    finally:
        c.close()


OLD_ARTICLE_AI = """
CREATE TRIGGER article_ai AFTER INSERT ON article BEGIN
 INSERT INTO article_fts(rowid, title, text)
 VALUES (new.id, new.title, new.text); END"""


def test_article_sync(backend):
    """Step 6 (sqlite.c, step_article_sync): an archive of version 5,
    whose articles entered their text index by a trigger, upgraded by the
    next run; that run's articles go into the index at commit, once each
    (a second insert of a row into FTS5 fails its integrity check), and
    --about finds them, as it finds the articles of before."""
    db = load("artsync", backend)
    downgrade(db, backend, 5)
    src = os.path.join(TMP, "artsync.jsonl")
    with open(src, "w") as f:
        f.write(record(30, "Kaja Kallas", "Estonia stands with Ukraine, "
                       "said the quartermaster.", "e", []) + "\n")
    r = run("index", "--quiet", "--db", db, "--from-jsonl", src)
    check("sqlite: version 5 upgraded by an index run",
          r.returncode == 0 and version(db, backend) == SQLITE_SCHEMA,
          r.stderr)
    check("sqlite: upgraded, the article text index merges eight segments"
          " at a time (step 8)",
          sql1(db, "SELECT v FROM article_fts_config WHERE k ="
                   " 'automerge'") == [(8,)])
    check("sqlite: upgraded, no insert trigger on articles",
          sql1(db, "SELECT name FROM sqlite_master WHERE name ="
                   " 'article_ai'") == [])
    try:
        ok = sql1(db, "INSERT INTO article_fts(article_fts, rank)"
                      " VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as e:
        ok = str(e)
    check("sqlite: the article text index matches the articles", ok == [],
          ok)
    for word, speaker in (("quartermaster", "Kaja Kallas"),
                          ("harvest", "José Álvarez")):
        r = run("search", "--db", db, "--about", word, "--format", "json")
        check("sqlite: --about %s: its article's quote" % word,
              [x["speaker"] for x in jl(r)] == [speaker], out(r))


def test_fts_order(db):
    """Step 4 (sqlite.c, step_fts_order) on an archive of the version
    before it: its text index, rebuilt keyed by date, is whole, and word
    searches give what they gave; an archive holding a date of another
    form keeps the search plan of before (meta 'fts:order' '0') and still
    answers newest first."""
    words = ("village", "harvest", "punished", "the", "aid")
    before = [out(run("search", "--db", db, "--format", "json", w))
              for w in words]
    downgrade(db, "sqlite", 3)
    check("sqlite: downgraded to the version before the ordered index",
          version(db, "sqlite") == 3)
    after = [out(run("search", "--db", db, "--format", "json", w))
             for w in words]
    check("sqlite: upgraded, word searches give what they gave",
          before == after and version(db, "sqlite") >= 4,
          [w for w, a, b in zip(words, before, after) if a != b])
    check("sqlite: upgraded, the keys order every quote",
          sql1(db, "SELECT value FROM meta WHERE key = 'fts:order'") ==
          [("1",)])
    try:
        r = sql1(db, "INSERT INTO quote_fts(quote_fts, rank)"
                     " VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as e:
        r = str(e)
    check("sqlite: upgraded, the text index matches the quotes", r == [], r)
    downgrade(db, "sqlite", 3)
    c = sqlite3.connect(db)
    c.execute("UPDATE quote SET date = 'around 2030' WHERE id ="
              " (SELECT min(id) FROM quote WHERE ' ' || lower(text) LIKE"
              " '% the %')")
    c.commit()
    c.close()
    r = run("search", "--db", db, "--format", "json", "--limit", "1", "the")
    first = jl(r)[:1]
    check("sqlite: a date of another form: the plan of before, and the"
          " quote it dates comes first",
          sql1(db, "SELECT value FROM meta WHERE key = 'fts:order'") ==
          [("0",)] and first and first[0]["date"] == "around 2030",
          (first, r.stderr))


def downgrade(db, backend, v):
    """The archive as schema version v made it (no trigram tables)."""
    if backend == "sqlite":
        was = version(db, backend)
        c = sqlite3.connect(db)
        for t in ("speaker_form", "quote_cluster") if v < 3 else ():
            c.execute("DROP TABLE %s_trgm" % t)
            c.execute("DELETE FROM meta WHERE key = 'trgm:%s'" % t)
        if v < 4 <= was:
            c.executescript(OLD_QUOTE_FTS)
        if v < 5 <= was:  # sqlite.c, step_claim_date
            c.execute("DROP INDEX claim_id_date")
        if v < 6 <= was:  # sqlite.c, step_article_sync
            c.execute(OLD_ARTICLE_AI)
        if v < 7 <= was:  # sqlite.c, step_link_todo
            c.executescript("DROP TABLE link_surname; DROP TABLE link_speaker;"
                            " DELETE FROM meta WHERE key IN ('link:form',"
                            " 'link:all');")
        if v < 8 <= was:  # sqlite.c, step_article_merge
            c.execute("DELETE FROM article_fts_config WHERE k = 'automerge'")
        c.execute("PRAGMA user_version = %d" % v)
        c.commit()
        c.close()
    else:
        n = db.split("?")[0].split("/")[-1]
        # schema 6 and 7 (postgres.c, step6, step7) undone too: the
        # entities' names, the link step's tables
        PG.psql(n, "DROP INDEX quote_cluster_trgm;"
                   " ALTER TABLE entity DROP COLUMN dname;"
                   " DROP TABLE link_surname, link_speaker;"
                   " DELETE FROM meta WHERE key IN ('link:form', 'link:all');"
                   " UPDATE meta SET value = '%d' WHERE key = 'version'" % v)


def version(db, backend):
    if backend == "sqlite":
        c = sqlite3.connect(db)
        v = c.execute("PRAGMA user_version").fetchone()[0]
        c.close()
        return v
    n = db.split("?")[0].split("/")[-1]
    return int(PG.rows(n, "SELECT value FROM meta WHERE key = 'version'")
               [0][0])


# sqlite.c's newest schema (SCHEMA_VERSION)
SQLITE_SCHEMA = 8

# the version after the trigram step (TRGM_VERSION): SQLite's is its
# last; PostgreSQL's schema 5 came after it (postgres.c, step5)
TRGM_VERSION = {"sqlite": 3, "postgresql": 4}


def test_migration(backend):
    """The trigram step undone, the archive is the version before it
    (TRGM_VERSION - 1), and upgrades to the newest."""
    db = load("mig", backend)
    v = version(db, backend)
    check("%s: a new archive is version 3 or later" % backend, v >= 3, v)
    downgrade(db, backend, TRGM_VERSION[backend] - 1)
    r = run("search", "--db", db, "--near",
            "we will defend every town and every village",
            "--format", "json")
    check("%s: the version before upgraded in place, --near answers"
          % backend,
          r.returncode == 0 and len(jl(r)) == 2 and
          version(db, backend) == v, (r.stderr, version(db, backend)))
    r = run("search", "--db", db, "--speaker", "Zelensky", "--format",
            "json")
    check("%s: upgraded, the names' index filled from what was there"
          % backend, len(jl(r)) == 2, out(r))


def test_pg_similarity(db):
    """trgm.c is pg_trgm's similarity: for texts without accents, each
    --near row's similarity is the server's similarity()."""
    n = db.split("?")[0].split("/")[-1]
    bad, seen = [], 0
    for near in ("we will defend every town and every village",
                 "the harvest was the worst in many years",
                 "Those who ordered this will be punished",
                 "vote on the aid package, next week!"):
        r = run("search", "--db", db, "--near", near, "--similarity", "0.1",
                "--format", "json")
        for x in jl(r):
            lit = lambda v: "'" + v.replace("'", "''") + "'"
            (want,), = PG.rows(n, "SELECT to_char(similarity(%s, %s),"
                                  " 'FM0.00')" % (lit(near), lit(x["text"])))
            seen += 1
            if want != x["similarity"]:
                bad.append((near[:20], x["text"][:30], x["similarity"], want))
    check("similarity as pg_trgm's similarity() (%d rows)" % seen,
          seen >= 4 and not bad, bad)


def test_second_run(backend):
    """A second index run into the archive: its rows join the trigram
    index (SQLite: the mark of the link step moves on)."""
    db = load("second", backend)
    src = os.path.join(TMP, "second.jsonl")
    with open(src, "w") as f:
        f.write(record(20, "Volodymyr Zelenskyy", "We will defend every "
                       "town and every village of our nation.", "d", []) +
                "\n")
        f.write(record(21, "Kaja Kallas", "Estonia stands with Ukraine.",
                       "d", []) + "\n")
    r = run("index", "--quiet", "--db", db, "--from-jsonl", src)
    check("%s: second run exit 0" % backend, r.returncode == 0, r.stderr)
    r = run("search", "--db", db, "--near",
            "we will defend every town and every village", "--format",
            "json")
    check("%s: --near finds the second run's quote too" % backend,
          len(jl(r)) == 3, out(r))
    r = run("search", "--db", db, "--speaker", "Kaja Kalas", "--format",
            "json")
    check("%s: a name of the second run found by similarity" % backend,
          [x["speaker"] for x in jl(r)] == ["Kaja Kallas"], out(r))


def speaker_rows(db, backend):
    """Each quote's text with its speaker's name, sorted."""
    q = ("SELECT q.text, coalesce(s.name, ''), coalesce(s.type, '') FROM"
         " quote q LEFT JOIN speaker s ON s.id = q.speaker_id ORDER BY 1, 2")
    if backend == "sqlite":
        return [tuple(r) for r in sql1(db, q)]
    n = db.split("?")[0].split("/")[-1]
    return [tuple(r) for r in PG.rows(n, q)]


def entity_rows(db, backend):
    """Each entity's key with the name claims show for it (PostgreSQL:
    the dname the link step keeps; SQLite: the view), sorted."""
    if backend == "sqlite":
        return [tuple(r) for r in sql1(
            db, "SELECT e.key, v.name FROM entity e JOIN entity_name v"
                " ON v.id = e.id ORDER BY 1")]
    n = db.split("?")[0].split("/")[-1]
    return [tuple(r) for r in PG.rows(
        n, "SELECT key, coalesce(dname, name) FROM entity ORDER BY 1")]


def test_incremental_link(backend):
    """The link step of a run relinks only what the run touched (schema
    7): a bare surname said before any full name with it, then one
    full name (it joins that speaker), then a second person of that
    surname (the bare surname is its own speaker again); a name form seen
    again in a later run with a spelling that sorts first, then with no
    type (its speaker's name and type follow).  After every run the archive is what one
    run over the same lines makes, and what relinking every form makes."""
    steps = [[(40, "Kallas", "Tallinn will host the summit.", "f"),
              (44, "Mart Laar", "Reform cannot wait.", "f")],
             [(41, "Kaja Kallas", "Estonia stands with Ukraine.", "f"),
              (45, "MART LAAR", "The reform is done.", "g")],
             [(42, "Kaja Kallas", "The budget passes next week.", "g"),
              (46, "Mart Laar", "We were right.", "h")],
             [(43, "Siim Kallas", "The old party is back.", "g")]]
    # Mart Laar: a spelling that sorts first (the speaker's name follows)
    # and an article that gives no type (the type becomes unknown), each
    # of a form stored before, in a later run
    types = {46: None}
    # an accused named by no speaker, spelt so that its name sorts first
    # in a later run (the name claims show for it follows)
    accused = {44: [("Mart Laar", ["Gazprom"])], 45: [("MART LAAR", ["GAZPROM"])]}
    lines, db = [], newdb("inclink", backend)
    for k, step in enumerate(steps):
        src = os.path.join(TMP, "inclink%d.jsonl" % k)
        with open(src, "w") as f:
            for i, who, text, site in step:
                rec = json.loads(record(i, who, text, site,
                                        accused.get(i, [])))
                rec["entities"][0]["type"] = types.get(i, "person")
                if types.get(i, "person") is None:
                    rec["entities"] = []
                line = json.dumps(rec)
                f.write(line + "\n")
                lines.append(line)
        r = run("index", "--quiet", "--db", db, "--from-jsonl", src)
        one = newdb("inclink_one%d" % k, backend)
        with open(src + ".all", "w") as f:
            f.write("".join(x + "\n" for x in lines))
        run("index", "--quiet", "--db", one, "--from-jsonl", src + ".all")
        got, want = speaker_rows(db, backend), speaker_rows(one, backend)
        check("%s: run %d of 4, each quote's speaker as one run gives it"
              % (backend, k + 1), r.returncode == 0 and got == want,
              (r.stderr, got, want))
        ge, we = entity_rows(db, backend), entity_rows(one, backend)
        check("%s: run %d of 4, each entity's name as one run gives it"
              % (backend, k + 1), ge == we, (ge, we))
        if k == 1:
            check("%s: a full name after its bare surname: one speaker"
                  % backend, {r[0]: r[1] for r in got}.get("Tallinn will host the summit.")
                  == "Kaja Kallas", got)
        if k == 3:
            check("%s: a second person of the surname: the bare surname"
                  " its own speaker again" % backend,
                  {r[0]: r[1] for r in got}.get("Tallinn will host the summit.") == "Kallas",
                  got)
    before = speaker_rows(db, backend)
    if backend == "sqlite":
        c = sqlite3.connect(db)
        c.execute("UPDATE meta SET value = '1' WHERE key = 'link:all'")
        c.commit()
        c.close()
    else:
        PG.psql(db.split("?")[0].split("/")[-1],
                "UPDATE meta SET value = '1' WHERE key = 'link:all'")
    empty = os.path.join(TMP, "empty.jsonl")
    open(empty, "w").close()
    run("index", "--quiet", "--db", db, "--from-jsonl", empty)
    check("%s: relinking every form changes nothing" % backend,
          speaker_rows(db, backend) == before)


def answers(db):
    """Every lookup of these tests, as printed."""
    a = []
    for args in (["search", "--speaker", "Zelensky"],
                 ["search", "--speaker", "Volodymyr Zelenskiy"],
                 ["search", "--speaker", "Johnson"],
                 ["search", "--speaker", "Jose Alvarez"],
                 ["speakers", "Zelenskiy"],
                 ["claims", "--claimant", "Vladimir Puttin"],
                 ["claims", "--accused", "Zelenskiy"],
                 ["search", "--near", "we will defend every town"],
                 ["search", "--near", "the harvest was the worst"]):
        for fmt in ("text", "json", "csv"):
            r = run(args[0], "--db", db, *args[1:], "--format", fmt)
            a.append((args, fmt, r.returncode, out(r)))
    return a


def main():
    if BACKEND != "sqlite":
        why = PG.start()
        if why:
            PG.stop()
            return skip("PostgreSQL backend: " + why)
    try:
        db = load("n", BACKEND)
        test_names(db)
        test_near(db)
        test_hostile(db)
        if BACKEND == "sqlite":
            test_api(db)
            test_fts_order(load("order", BACKEND))
            test_article_sync(BACKEND)
        test_migration(BACKEND)
        test_second_run(BACKEND)
        test_incremental_link(BACKEND)
        if BACKEND != "sqlite":
            test_pg_similarity(db)
            lite = load("lite", "sqlite")
            a, b = answers(lite), answers(db)
            diff = [(x[0], x[1]) for x, y in zip(a, b) if x != y]
            check("PostgreSQL answers as SQLite (names, --near; text, JSON,"
                  " CSV)", not diff, diff[:4])
        return report()
    finally:
        PG.stop()
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
