#!/usr/bin/python3
"""test_archive_api.py PRESSCUT REPO [postgresql] - serve --db: the
archive's JSON API (docs/api-archive.md).

Builds an archive with `presscut index` (the founding article, the HTML
pages of tests/fixtures/maintext, three hand-made articles with claims),
starts `presscut serve --db` on 127.0.0.1 and checks every route against
what the commands print for the same query (search, speakers, claims in
JSON and the GraphML network), paging, the errors (400 with one line,
never an SQL or FTS5 text; 404 for an unknown route or speaker), SQL and
FTS5 syntax in every parameter of every route (no error text, no effect
on the archive), a reader answering while a writer holds the archive's
write lock and while `presscut index` runs, the save of an article from the page (deleted blocks left
out, idempotent, the private-address guard and --max-body kept), and,
without --db, 404 for every archive route.  A missing or foreign --db is
refused at start, one line, exit 3, the file untouched.

With "postgresql" the same runs against a real PostgreSQL 15 server
that it starts (tests/archive/archives.py; skipped, 77, without
postgresql-15).
"""
import hashlib
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
BACKEND = sys.argv[3] if len(sys.argv) > 3 else "sqlite"
sys.path.insert(0, os.path.join(REPO, "tests"))
from harness import check, report, scaled, skip, wait_until  # noqa: E402
sys.path.insert(0, os.path.join(REPO, "tests", "archive"))
from archives import Archives, jlines, write_pages  # noqa: E402

TMP = tempfile.mkdtemp(prefix="pc-archive-api-")
procs = []
ARCH = Archives(BACKEND, TMP)  # SQLite files in TMP, or PostgreSQL's

ARTICLES = {
    "h1.html": dict(
        title="Kremlin blames Kyiv for concert hall attack",
        url="https://news.example/world/h1", date="2024-03-23",
        body="""<p>Russian President Vladimir Putin said on Saturday that the gunmen had tried to flee towards Ukraine after the attack on the concert hall near Moscow.</p>
<p>"All four direct perpetrators of the terrorist attack have been found and detained," Putin said in a televised address to the nation.</p>
<p>The Kremlin accused Ukraine of organising the attack, an accusation Kyiv denied.</p>"""),
    "h2.html": dict(
        title="Moscow attack: the investigation widens",
        url="https://other.example/news/h2", date="2024-04-28",
        body="""<p>"We will get to those who masterminded this crime," President Putin told officials at a meeting in the Kremlin on Wednesday.</p>
<p>Islamic State claimed responsibility for the attack in a statement on its Telegram channel.</p>"""),
    "h3.html": dict(
        title="Putin vows revenge",
        url="https://third.example/h3", date="2024-05-05",
        body="""<p>"Those who ordered this atrocity will be punished," Russian President Vladimir Putin said in Moscow on Friday.</p>
<p>Russia accused the United States of backing the attack, which Washington denied.</p>"""),
}

# SQL and FTS5 syntax: as words, names, dates and numbers
HOSTILE = [
    "'", '"', "''; DROP TABLE quote; --", "\" OR 1=1 --", "x') OR ('1'='1",
    "NEAR(attack putin, 2)", "attack*", "^attack", "quote_fts MATCH 'a'",
    "text:attack", "{text}: attack", "a AND OR NOT b", "(((", ")", "-", "--",
    "OR", "\\", "%", "_", "1; SELECT load_extension('x')", "\u0000x",
    "attack \"unclosed", "$1", "?", ":name", "@p", "'; ATTACH '/tmp/x' AS y;",
    "é" * 300, "a" * 1200,
]

ROUTES = {
    "search": ["q", "speaker", "about", "kind", "since", "until", "site",
               "limit", "offset"],
    "speakers": ["name", "limit", "offset"],
    "speaker": ["name", "limit"],
    "claims": ["claimant", "accused", "event", "since", "until", "limit",
               "offset"],
    "timeline": ["event", "claimant", "accused", "since", "until", "limit"],
    "network": ["claimant", "accused", "event", "since", "until", "limit"],
}


def run(*args, timeout=300):
    return subprocess.run([PRESSCUT] + list(args), capture_output=True,
                          text=True, timeout=scaled(timeout))


newdb = ARCH.newdb


def counts(db):
    return {t: int(ARCH.sql(db, f"SELECT count(*) FROM {t}")[0][0]) for t in
            ("article", "quote", "claim", "speaker", "entity")}


def start(*args):
    p = subprocess.Popen([PRESSCUT, "serve", "--listen", "127.0.0.1:0",
                          "--threads", "4", "--access-log", "off"] +
                         list(args), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    procs.append(p)
    line = p.stdout.readline().decode().strip()
    if not line.isdigit():
        raise RuntimeError("serve did not start: " + p.stderr.read().decode())
    return p, int(line)


def stop(p):
    p.terminate()
    try:
        p.wait(scaled(10))
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def get(port, path, params=None, method="GET", body=None, headers=None):
    """(status, headers, parsed JSON or the raw bytes)."""
    if params is not None:
        path += "?" + urllib.parse.urlencode(params)
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=scaled(60))
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    h = {"Content-Type": "application/json"} if data is not None else {}
    h.update(headers or {})
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    raw = r.read()
    hdrs = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    try:
        return r.status, hdrs, json.loads(raw)
    except ValueError:
        return r.status, hdrs, raw


def clean_error(status, body):
    """A JSON error of one line, its status, and no database's words."""
    if not isinstance(body, dict) or not isinstance(body.get("error"), str):
        return False
    msg = body["error"].lower()
    bad = ("sqlite", "sql ", "syntax error", "fts5", "near \"", "pq",
           "postgres", "tsquery", "unterminated", "select ")
    return ("\n" not in msg and body.get("status") == status and
            not any(b in msg for b in bad))


def build(db):
    fx = write_pages(os.path.join(TMP, "fx"), ARTICLES)
    maintext = os.path.join(REPO, "tests", "fixtures", "maintext")
    pages = sorted(os.path.join(maintext, p) for p in os.listdir(maintext)
                   if p.endswith(".html"))
    crocus = os.path.join(REPO, "examples", "crocus-article.txt")
    r = run("index", "--quiet", "--db", db, "--date", "2024-04-10", crocus,
            fx, *pages)
    check("index: exit 0", r.returncode == 0, r.stderr)
    n = counts(db)
    check("index: quotes and claims to serve",
          n["quote"] >= 10 and n["claim"] >= 5, n)


def cli(db, cmd, *args):
    r = run(cmd, "--db", db, "--format", "json", *args)
    return jlines(r.stdout) if r.returncode == 0 else ("exit", r.returncode)


def test_refused_db():
    missing = os.path.join(TMP, "missing.db")
    r = run("serve", "--listen", "127.0.0.1:0", "--db", missing, timeout=60)
    check("--db missing: exit 3, one line",
          r.returncode == 3 and r.stderr.count("\n") == 1 and
          r.stderr.startswith("presscut: ") and "no such archive" in r.stderr,
          (r.returncode, r.stderr))
    check("--db missing: not created", not os.path.exists(missing))
    foreign = os.path.join(TMP, "foreign.db")
    c = sqlite3.connect(foreign)
    c.execute("CREATE TABLE notes(x)")
    c.execute("INSERT INTO notes VALUES ('mine')")
    c.commit()
    c.close()
    before = hashlib.sha256(open(foreign, "rb").read()).hexdigest()
    r = run("serve", "--listen", "127.0.0.1:0", "--db", foreign, timeout=60)
    check("--db foreign: exit 3, one line",
          r.returncode == 3 and r.stderr.count("\n") == 1, (r.returncode,
                                                            r.stderr))
    check("--db foreign: left as it was",
          hashlib.sha256(open(foreign, "rb").read()).hexdigest() == before)
    r = run("serve", "--db", "", timeout=60)
    check("--db '': usage, exit 2", r.returncode == 2, r.stderr)


def test_no_db():
    p, port = start()
    for route in list(ROUTES) + ["status", "nothing"]:
        st, h, body = get(port, "/api/archive/" + route, {})
        check(f"no --db: GET {route} 404, one-line JSON",
              st == 404 and clean_error(404, body) and
              h.get("content-type") == "application/json", (st, body))
    st, _, body = get(port, "/api/archive/save", method="POST",
                      body={"text": "x"})
    check("no --db: POST save 404", st == 404 and clean_error(404, body),
          (st, body))
    st, _, _ = get(port, "/archive")
    check("no --db: no archive page", st == 404)
    st, h, body = get(port, "/archive-save.js")
    check("no --db: the main page's save script is a comment",
          st == 200 and "javascript" in h.get("content-type", "") and
          body.startswith(b"//") and body.count(b"\n") == 1, body)
    stop(p)


def test_assets(port):
    csp = None
    st, h, main = get(port, "/")
    csp = h.get("content-security-policy")
    for path, kind in (("/archive", "text/html"),
                       ("/archive.js", "text/javascript"),
                       ("/archive.css", "text/css"),
                       ("/archive-save.js", "text/javascript")):
        st, h, body = get(port, path)
        check(f"{path}: 200 {kind}, the page's CSP",
              st == 200 and h.get("content-type", "").startswith(kind) and
              h.get("content-security-policy") == csp and csp and
              h.get("x-content-type-options") == "nosniff", (st, h))
        text = body.decode() if isinstance(body, bytes) else ""
        check(f"{path}: nothing from another origin",
              "http://" not in text.replace("http://www.w3.org/2000/svg", "")
              and "https://" not in text.replace('"https:"', "")
              .replace("'https:'", "") and "<script>" not in text, path)
    check("/: links the save script", b"archive-save.js" in main)
    for name in ("archive.js", "archive-save.js"):
        js = open(os.path.join(REPO, "web", name)).read()
        check(f"{name}: text nodes only (no HTML parsed, no eval)",
              not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|"
                            r"document\.write|\beval\(|new Function|"
                            r"setAttribute\(['\"](style|on)", js))


def test_search(db, port):
    for params, args in (
            ({"q": "attack"}, ["attack"]),
            ({"q": "attack", "kind": "direct"}, ["attack", "--kind", "direct"]),
            ({"speaker": "Putin"}, ["--speaker", "Putin"]),
            ({"speaker": "Vladimir Putin", "since": "2024-04-01",
              "until": "2024-12-31"},
             ["--speaker", "Vladimir Putin", "--since", "2024-04-01",
              "--until", "2024-12-31"]),
            ({"about": "Kremlin"}, ["--about", "Kremlin"]),
            ({"site": "third.example"}, ["--site", "third.example"]),
            ({"q": "attack OR crime -perpetrators"},
             ["attack OR crime -perpetrators"])):
        st, _, body = get(port, "/api/archive/search",
                          dict(params, limit=500))
        want = cli(db, "search", "--limit", "500", *args)
        check(f"search {params}: the rows of presscut search",
              st == 200 and body["quotes"] == want and want and
              body["more"] is False, (st, body if st != 200 else len(want)))
    st, _, body = get(port, "/api/archive/search", {"speaker": "Putin"})
    check("search speaker: every quote Putin's",
          all("Putin" in q["speaker"] for q in body["quotes"]), body)
    st, _, full = get(port, "/api/archive/search", {"limit": 6})
    st1, _, a = get(port, "/api/archive/search", {"limit": 3})
    st2, _, b = get(port, "/api/archive/search", {"limit": 3, "offset": 3})
    check("search: two pages are the first six rows",
          a["quotes"] + b["quotes"] == full["quotes"] and a["more"] and
          len(full["quotes"]) == 6 and b["offset"] == 3, (a, b))
    total = len(cli(db, "search", "--limit", "100000"))
    st, _, last = get(port, "/api/archive/search",
                      {"limit": 5, "offset": total - 2})
    check("search: the last page says no more",
          len(last["quotes"]) == 2 and last["more"] is False, last)


def test_speakers(db, port):
    st, _, body = get(port, "/api/archive/speakers", {"limit": 500})
    check("speakers: the rows of presscut speakers",
          st == 200 and body["speakers"] == cli(db, "speakers", "--limit",
                                                "500"), body)
    st, _, body = get(port, "/api/archive/speaker", {"name": "Putin"})
    ok = st == 200
    check("speaker Putin: found", ok and "Putin" in body["speaker"]["name"],
          body)
    if not ok:
        return
    name = body["speaker"]["name"]
    quotes = cli(db, "search", "--speaker", name, "--limit", "5000")
    check("speaker: the quotes of presscut search --speaker",
          body["quotes"] == quotes[:50] and
          body["quote_count"] == len(quotes), body["quote_count"])
    months = {}
    for q in quotes:
        if q["date"]:
            months[q["date"][:7]] = months.get(q["date"][:7], 0) + 1
    check("speaker: quotes by month, oldest first",
          body["months"] == [{"month": m, "quotes": n}
                             for m, n in sorted(months.items())] and
          len(months) >= 2, body["months"])
    check("speaker: claims made as presscut claims --claimant",
          body["claims_made"] == cli(db, "claims", "--claimant", name,
                                     "--limit", "500") and
          body["claims_made"], body["claims_made"])
    check("speaker: claims received as presscut claims --accused",
          body["claims_received"] == cli(db, "claims", "--accused", name,
                                         "--limit", "500"),
          body["claims_received"])
    st, _, body = get(port, "/api/archive/speaker", {"name": "Nobody Atall"})
    check("speaker unknown: 404 one line", st == 404 and
          clean_error(404, body), (st, body))
    st, _, body = get(port, "/api/archive/speaker", {})
    check("speaker without name: 400", st == 400 and clean_error(400, body),
          (st, body))


def test_claims(db, port):
    for params in ({"accused": "Ukraine"}, {"claimant": "Bortnikov"},
                   {"event": "attack"}, {"since": "2024-03-24"}, {}):
        args = [x for k, v in params.items() for x in ("--" + k, v)]
        st, _, body = get(port, "/api/archive/claims", dict(params,
                                                             limit=500))
        want = cli(db, "claims", "--limit", "500", *args)
        check(f"claims {params}: the rows of presscut claims",
              st == 200 and body["claims"] == want and want, (st, body))
    for event in ("s", "attack"):  # "s": dated and undated claims
        st, _, body = get(port, "/api/archive/timeline", {"event": event})
        want = cli(db, "claims", "--event", event, "--limit", "200")
        undated = [c for c in want if not c["date"]]
        check(f"timeline {event}: the claims about the event, oldest first, "
              "the undated last",
              st == 200 and body["claims"] == list(reversed(
                  [c for c in want if c["date"]])) + undated and
              body["event"] == event and len(want) >= 3 and
              (undated or event != "s") and len(undated) < len(want),
              (st, body))
    dated = [c["date"] for c in body.get("claims", []) if c["date"]]
    check("timeline: dates ascending", dated == sorted(dated) and dated,
          dated)
    check("timeline: each claim with its article and quote",
          all("url" in c and "title" in c and "quote" in c and "accused" in c
              for c in body["claims"]))
    st, _, body = get(port, "/api/archive/timeline", {})
    check("timeline without event: 400", st == 400 and clean_error(400, body),
          (st, body))


def graphml_edges(db, *args):
    r = run("claims", "--db", db, "--format", "graphml", *args)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.fromstring(r.stdout)
    names = {n.get("id"): n.find("g:data[@key='name']", ns).text or ""
             for n in root.iter("{%s}node" % ns["g"])}
    out = []
    for e in root.iter("{%s}edge" % ns["g"]):
        d = {x.get("key"): x.text for x in e.findall("g:data", ns)}
        out.append((names[e.get("source")], names[e.get("target")],
                    d["polarity"], int(d["count"]), d.get("first"),
                    d.get("last")))
    return out


def test_network(db, port):
    st, _, g = get(port, "/api/archive/network", {"limit": 2000})
    ok = st == 200 and isinstance(g, dict)
    check("network: 200", ok, (st, g))
    if not ok:
        return
    mine = [(g["nodes"][e["source"]]["name"], g["nodes"][e["target"]]["name"],
             e["polarity"], e["count"], e["first"], e["last"])
            for e in g["edges"]]
    want = graphml_edges(db)
    check("network: the edges of claims --format graphml",
          mine == want and len(want) >= 4, (mine, want))
    for n in g["nodes"]:
        m = sum(e["count"] for e in g["edges"]
                if n["id"] in (e["source"], e["target"]))
        if n["mentions"] != m:
            check("network: mentions are the claims a node is in", False, n)
            break
    else:
        check("network: mentions are the claims a node is in", True)
    st, _, small = get(port, "/api/archive/network", {"limit": 2})
    check("network: limit keeps the most frequent edges",
          len(small["edges"]) == 2 and small["truncated"] is True and
          [e["count"] for e in small["edges"]] ==
          [e["count"] for e in g["edges"][:2]], small)
    st, _, f = get(port, "/api/archive/network", {"accused": "Ukraine"})
    check("network: filtered as claims --accused",
          len(f["edges"]) == len(graphml_edges(db, "--accused", "Ukraine")),
          f)


def test_errors(port):
    cases = [
        ("search", {"q": "\"open"}, 400), ("search", {"q": "a OR"}, 400),
        ("search", {"q": "-only"}, 400), ("search", {"kind": "loud"}, 400),
        ("search", {"since": "2024-13"}, 400),
        ("search", {"since": "yesterday"}, 400),
        ("search", {"limit": "0"}, 400), ("search", {"limit": "501"}, 400),
        ("search", {"limit": "-1"}, 400), ("search", {"limit": "1e3"}, 400),
        ("search", {"offset": "x"}, 400), ("search", {"offset": "10001"}, 400),
        ("search", {"bogus": "1"}, 400), ("search", {"q": "a" * 1200}, 400),
        ("claims", {"until": "2024-02-30x"}, 400),
        ("network", {"limit": "2001"}, 400), ("timeline", {"offset": "1"}, 400),
        ("nothing", {}, 404), ("save", {}, 404), ("../status", {}, 404),
    ]
    for route, params, code in cases:
        st, h, body = get(port, "/api/archive/" + route, params)
        check(f"GET {route} {str(params)[:60]}: {code}, one line",
              st == code and clean_error(code, body) and
              h.get("content-type") == "application/json", (st, body))
    st, _, body = get(port, "/api/archive/search", method="POST",
                      body={"q": "x"})
    check("POST to a GET route: not found", st == 404, st)


def test_hostile(db, port):
    before = counts(db)
    bad = []
    for route, params in ROUTES.items():
        for k in params:
            for s in HOSTILE:
                p = {k: s}
                if route == "timeline" and k != "event":
                    p["event"] = "attack"
                st, _, body = get(port, "/api/archive/" + route, p)
                if st == 200 and isinstance(body, dict):
                    continue
                if st in (400, 404) and clean_error(st, body):
                    continue
                bad.append((route, k, s[:40], st, body))
    check(f"SQL and FTS syntax at every route and parameter "
          f"({sum(len(v) for v in ROUTES.values()) * len(HOSTILE)} requests):"
          " 200 or a clean 400/404", not bad, bad[:5])
    check("SQL and FTS syntax: the archive unchanged", counts(db) == before,
          (counts(db), before))
    st, _, body = get(port, "/api/archive/search", {"q": "attack"})
    check("the server answers after them", st == 200 and body["quotes"])


def test_reader_not_blocked(db, port):
    """A writer in an exclusive transaction (as index's, about to commit)
    does not make a reader wait: WAL.  Without it the reader would wait
    for the lock, past the busy timeout (30 s), and fail."""
    if BACKEND != "sqlite":
        return
    c = sqlite3.connect(db, timeout=1, isolation_level=None)
    c.execute("BEGIN EXCLUSIVE")
    c.execute("UPDATE meta SET value = value WHERE key = 'app'")
    st, _, body = get(port, "/api/archive/search", {"q": "attack"})
    check("a reader answers while a writer holds the archive",
          st == 200 and body["quotes"], (st, body))
    c.execute("ROLLBACK")
    c.close()


def bulk_line(i):
    """A line of batch --attribution: one article, one quote."""
    q = {"id": "q1", "text": f"Bulk statement number {i} about the attack.",
         "kind": "direct", "speaker": f"Bulk Speaker{i % 40}",
         "speaker_entity": "e1", "role": None, "cue": "said", "date": None,
         "block": "b1", "start": 0, "end": 10, "sentence": "s",
         "parent": None}
    e = {"id": "e1", "name": f"Bulk Speaker{i % 40}", "type": "person",
         "aliases": [], "country": None, "mentions": 1}
    return json.dumps({"title": f"Bulk {i}", "date": "2024-07-01",
                       "url": f"https://bulk.example/{i}",
                       "site": "bulk.example", "text": f"Bulk body {i}.",
                       "quotes": [q], "entities": [e], "claims": [],
                       "id": f"bulk{i}"})


def test_index_running(db, port):
    """presscut index writing into the archive, transaction after
    transaction, while the API is asked: every answer comes, none fails."""
    n = 6000 if BACKEND == "sqlite" else 400  # PostgreSQL writes slower
    path = os.path.join(TMP, "bulk.jsonl")
    with open(path, "w") as f:
        f.write("".join(bulk_line(i) + "\n" for i in range(n)))
    before = counts(db)["article"]
    idx = subprocess.Popen([PRESSCUT, "index", "--quiet", "--db", db,
                            "--from-jsonl", path, "--per-transaction", "20"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    procs.append(idx)
    answers = []
    while idx.poll() is None:
        st, _, body = get(port, "/api/archive/search", {"q": "attack"})
        answers.append(st == 200 and bool(body["quotes"]))
    rc = idx.wait()
    err = idx.stderr.read().decode()
    check("index while serving: exit 0", rc == 0, err)
    check(f"index while serving: every read answered ({len(answers)} "
          "during the index)", answers and all(answers), answers[:20])
    check("index while serving: all stored",
          counts(db)["article"] == before + n, counts(db))
    st, _, body = get(port, "/api/archive/search",
                      {"site": "bulk.example", "q": f"\"number {n - 1}\""})
    check("index while serving: the new quotes are served",
          st == 200 and len(body["quotes"]) == 1, body)


SAVED = """<!doctype html><html><head><title>Kyiv rejects the Kremlin's claims</title>
<link rel="canonical" href="https://saved.example/k1">
<meta property="article:published_time" content="2024-06-02T09:00:00Z"></head>
<body><article><h1>Kyiv rejects the Kremlin's claims</h1>
<p>"Ukraine had nothing to do with the concert hall attack," Ukrainian President Volodymyr Zelensky said on Sunday.</p>
<p>"This paragraph was deleted by the reader before saving," Zelensky added in a later interview.</p>
<p>The Kremlin again accused Ukraine of organising the attack.</p>
</article></body></html>"""


def test_save(db, port):
    st, _, doc = get(port, "/api/extract", method="POST",
                     body={"html": SAVED,
                           "base_url": "https://saved.example/k1"})
    gone = [b["id"] for b in doc.get("blocks", [])
            if "deleted by the reader" in json.dumps(b)]
    check("save: the page's blocks", st == 200 and len(gone) == 1, doc)
    before = counts(db)
    req = {"html": SAVED, "base_url": "https://saved.example/k1",
           "delete": ",".join(gone)}
    st, _, body = get(port, "/api/archive/save", method="POST", body=req)
    check("save: stored", st == 200 and body.get("saved") is True and
          body["added"] is True and body["quotes"] >= 1 and
          body["url"] == "https://saved.example/k1", (st, body))
    after = counts(db)
    check("save: one more article", after["article"] == before["article"] + 1,
          (before, after))
    st, _, found = get(port, "/api/archive/search",
                       {"q": "\"nothing to do\"", "site": "saved.example"})
    check("save: its quote is found", st == 200 and
          any("Zelensky" in (q["speaker"] or "") for q in found["quotes"]),
          found)
    st, _, found = get(port, "/api/archive/search", {"q": "deleted reader"})
    check("save: a deleted block is not stored",
          st == 200 and found["quotes"] == [], found)
    cli_rows = cli(db, "search", "nothing to do", "--site", "saved.example")
    check("save: presscut search sees it too", len(cli_rows) >= 1, cli_rows)
    st, _, body = get(port, "/api/archive/save", method="POST", body=req)
    check("save twice: nothing added",
          st == 200 and body["added"] is False and counts(db) == after,
          (st, body))
    st, _, body = get(port, "/api/archive/save", method="POST",
                      body={"url": "http://127.0.0.1:9/private"})
    check("save: a private address refused (403)",
          st == 403 and clean_error(403, body), (st, body))
    st, _, body = get(port, "/api/archive/save", method="POST",
                      body={"html": "<p>" + "x" * 70000 + "</p>"})
    check("save: over --max-body refused (413)", st == 413, (st, body))
    st, _, body = get(port, "/api/archive/save", method="POST",
                      body={"nothing": 1})
    check("save: a request without an article is 400",
          st == 400 and clean_error(400, body), (st, body))
    st, _, body = get(port, "/api/archive/save", method="POST", body=b"{",
                      headers={"Content-Type": "application/json"})
    check("save: bad JSON is 400", st == 400, (st, body))
    for s in HOSTILE[:8]:
        get(port, "/api/archive/save", method="POST",
            body={"text": s + " said the spokesman.", "base_url": s})
    check("save: hostile texts stored as data, the archive sane",
          counts(db)["article"] >= after["article"] and
          get(port, "/api/archive/search", {"q": "attack"})[0] == 200)


def test_base_path(db):
    """Under --base-path the view and its API move with the page."""
    p, port = start("--db", db, "--base-path", "/pc/")
    st, _, page = get(port, "/pc/archive")
    check("--base-path: the view under it", st == 200 and b"archive.js" in page,
          st)
    st, _, body = get(port, "/pc/api/archive/search", {"q": "attack"})
    check("--base-path: the API under it", st == 200 and body["quotes"],
          (st, body))
    st, _, body = get(port, "/api/archive/search", {"q": "attack"})
    check("--base-path: not outside it", st == 404, st)
    stop(p)
    for name in ("archive.js", "archive-save.js", "archive.html"):
        text = open(os.path.join(REPO, "web", name)).read()
        check(f"{name} asks for no absolute path",
              not re.search(r"""['"]/(api|img|archive)""", text))


def tests():
    test_refused_db()
    test_no_db()
    db = newdb("api")
    build(db)
    p, port = start("--db", db, "--max-body", "65536")
    st, _, body = get(port, "/api/archive/status")
    check("status: the archive is there", st == 200 and body == {"archive": True},
          (st, body))
    test_assets(port)
    test_search(db, port)
    test_speakers(db, port)
    test_claims(db, port)
    test_network(db, port)
    test_errors(port)
    test_hostile(db, port)
    test_reader_not_blocked(db, port)
    test_index_running(db, port)
    test_save(db, port)
    stop(p)
    check("serve --db: exit 0 on SIGTERM", p.returncode == 0, p.returncode)
    test_base_path(db)
    return report()


def main():
    try:
        if BACKEND != "sqlite":
            why = ARCH.start()
            if why:
                return skip("PostgreSQL backend: " + why)
        return tests()
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        ARCH.stop()
        shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
