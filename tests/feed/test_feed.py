#!/usr/bin/python3
"""test_feed.py PRESSCUT REPO - feeds end to end (issue 21).

Every feed fixture of tests/feed/data is fetched from a local HTTP server
(Python's http.server on 127.0.0.1, tests/feed/feedserver.py) with the
synthetic article pages it lists:
- pdf --feed: one digest of the pages (pdftotext reads every article
  back), the feed's own text for a page that is gone (warned); html
  --feed: one page, contents first; --since and --max;
- bad feeds: not XML, no feed, a billion-laughs entity bomb (refused by
  libxml2's limits, quickly), an endless 1 GB feed over HTTP and on a pipe
  (refused by the cap while streaming: the server sent a small part, the
  process stayed small), entries with no link and repeated entries
  (skipped with a count), relative links;
- private addresses: without --allow-private-fetch nothing is fetched from
  127.0.0.1 (the server sees no request) and the feed's text stands in;
- batch --feed and index --feed;
- digest against a real SMTP server (tests/mail/smtpd.py, aiosmtpd): the
  first run sends one message (the contents, the PDF attached), the
  second sends nothing and says so (exit 0); an OPML list; a server that
  is down leaves the message in the outbox (exit 4) and a flush sends it.
"""
import email
import email.policy
import json
import os
import zipfile
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
from harness import check, report, scaled, start_smtpd, stop, free_port  # noqa: E402
from feedserver import FeedServer  # noqa: E402

TITLES = ["Harbour town opens a floating library",
          "Orchard growers test frost sensors on old trees",
          "Village bakery shares its sourdough starter"]


def run(*args, stdin=None, env=None):
    e = dict(os.environ)
    e.pop("PRESSCUT_SMTP_PASSWORD", None)
    if env:
        e.update(env)
    return subprocess.run([PRESSCUT] + list(args), capture_output=True,
                          timeout=scaled(300), input=stdin, env=e)


def pdf_text(path):
    r = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True,
                       timeout=scaled(60))
    # lines joined where the typesetter hyphenated ("Lin-" "den")
    return re.sub(r"\s+", " ", re.sub(r"-\n\s*", "", r.stdout.decode()))


def test_print(srv, tmp):
    out = os.path.join(tmp, "digest.pdf")
    r = run("pdf", srv.feed("rss2.xml"), "--feed", "--allow-private-fetch", "-o", out)
    err = r.stderr.decode()
    check("pdf --feed exits 0", r.returncode == 0, err)
    check("progress: entries and what was skipped, with counts",
          f"{srv.feed('rss2.xml')}: 4 entries; skipped: 1 without a link, 1 repeated" in err, err)
    check("progress: a line per entry", err.count("] http://127.0.0.1") == 4, err)
    check("a page that is gone: warned, the feed's text stands in",
          re.search(r"missing\.html: warning: HTTP status 404; the feed's text stands in", err)
          is not None, err)
    text = pdf_text(out) if os.path.exists(out) else ""
    for t in TITLES:
        check(f"the digest holds '{t[:24]}...'", t in text, text[:300])
    check("the feed's summary for the gone page",
          "Only the feed's summary stands in for this page" in text, text[:300])
    check("the article text itself", "Mara Linden" in text and "Tomas Erl" in text)
    # the cover names each article once, with its site
    check("four articles in one PDF", text.count("\u2014 127.0.0.1") == 4,
          text[:400])

    out = os.path.join(tmp, "atom.html")
    r = run("html", srv.feed("atom.xml"), "--feed", "--allow-private-fetch", "-o", out)
    check("html --feed exits 0", r.returncode == 0, r.stderr.decode())
    html = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
    check("html: the feed's title, contents first",
          "<h1>The Valley Courier Atom</h1>" in html and html.count('href="#pc-article-') == 3, html[:500])
    check("html: each article in its section",
          all(f'id="pc-article-{i}"' in html for i in (1, 2, 3)) and "Ines Bauer" in html)
    check("html: one document", html.count("<html") == 1 and html.count("</body>") == 1)

    out = os.path.join(tmp, "since.html")
    r = run("html", srv.feed("rss2.xml"), "--feed", "--allow-private-fetch",
            "--since", "2026-12-05", "-o", out)
    err = r.stderr.decode()
    check("--since: entries dated that day or later", r.returncode == 0 and
          "4 entries, 2 taken" in err and err.count("] http") == 2, err)
    r = run("html", srv.feed("rss2.xml"), "--feed", "--allow-private-fetch",
            "--max", "1", "-o", out)
    err = r.stderr.decode()
    check("--max 1: the newest only", r.returncode == 0 and err.count("] http") == 1
          and "harbour.html" in err, err)
    r = run("pdf", srv.feed("rss1.rdf"), "--feed", "--allow-private-fetch",
            "-o", os.path.join(tmp, "rss1.pdf"))
    check("RSS 1.0 over HTTP: a digest", r.returncode == 0 and
          "2 entries" in r.stderr.decode(), r.stderr.decode())
    book = os.path.join(tmp, "rss1.epub")
    r = run("epub", srv.feed("rss1.rdf"), "--feed", "--allow-private-fetch", "-o", book)
    names = zipfile.ZipFile(book).namelist() if r.returncode == 0 else []
    check("epub --feed: one book of the entries' pages", r.returncode == 0 and
          "2 entries" in r.stderr.decode() and
          sum(1 for n in names if re.search(r"(^|/)a\d+\.xhtml$", n)) >= 2, (r.stderr.decode(), names))
    r = run("pdf", srv.feed("rss2.xml"), "--since", "2026-12-05", "-o", out)
    check("--since without --feed: a usage error", r.returncode == 2, r.stderr.decode())
    r = run("pdf", srv.feed("rss2.xml"), "--feed", "--since", "last week", "-o", out)
    check("--since not a date: a usage error", r.returncode == 2 and
          b"--since" in r.stderr, r.stderr.decode())


def test_bad(srv, tmp):
    out = os.path.join(tmp, "bad.pdf")
    cases = [("notxml.xml", 3, "not a well-formed XML feed"),
             ("notfeed.xml", 3, "not a feed: the root element is <catalog>"),
             ("laughs.xml", 3, "feed refused: its entities expand too much"),
             ("nosuch.xml", 4, "HTTP status 404")]
    for name, code, msg in cases:
        r = run("pdf", srv.feed(name), "--feed", "--allow-private-fetch", "-o", out)
        err = r.stderr.decode()
        check(f"{name}: exit {code}, one line: {msg}", r.returncode == code and
              msg in err and err.count("\n") == 1, (r.returncode, err))
    check("nothing written for a bad feed", not os.path.exists(out))
    # the skips and the links, over HTTP, as the feed's progress line says
    for name, want in [("nolink.xml", "1 entry; skipped: 3 without a link, 0 repeated"),
                       ("duplicates.xml", "2 entries, 1 taken (--since, --max); skipped: 0 without a link, 2 repeated"),
                       ("relative.xml", "4 entries"),
                       ("dates.xml", "15 entries"),
                       ("feeds.opml", "2 entries"),
                       ("xxe.xml", "1 entry")]:
        r = run("html", srv.feed(name), "--feed", "--allow-private-fetch",
                "--max", "1", "-o", os.path.join(tmp, "skips.html"))
        err = r.stderr.decode()
        check(f"{name} over HTTP: {want}", f"{srv.feed(name)}: {want}" in err, err)
    # relative links resolved against the feed's URL: the pages fetched
    before = len(srv.paths)
    r = run("html", srv.feed("relative.xml"), "--feed", "--allow-private-fetch",
            "--max", "2", "-o", os.path.join(tmp, "rel.html"))
    got = srv.paths[before:]
    check("relative links fetched from where they point",
          "/pages/harbour.html" in got and "/pages/orchard.html" in got, got)
    # an endless feed over HTTP: the cap stops it while streaming
    srv.huge_sent = 0
    p = subprocess.Popen([PRESSCUT, "pdf", srv.base + "/huge.xml", "--feed",
                          "--allow-private-fetch", "-o", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read().decode()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    check("1 GB feed over HTTP: refused by the cap (exit 3)",
          p.returncode == 3 and "body over 16777216 bytes" in err, err)
    check("1 GB feed: the server sent only a little of it",
          srv.huge_sent < 64 << 20, srv.huge_sent)
    check("1 GB feed: the process stayed small (max RSS < 200 MB)",
          ru.ru_maxrss < 200 * 1024, ru.ru_maxrss)
    # the same on a pipe: read until the cap, then refused
    gen = subprocess.Popen(["/usr/bin/python3", "-c",
                            "import sys\nitem=b'<item><link>http://e.org/</link>'+b'x'*4000+b'</item>'\n"
                            "sys.stdout.buffer.write(b'<rss><channel>')\n"
                            "try:\n  [sys.stdout.buffer.write(item) for _ in range(260000)]\n"
                            "except BrokenPipeError: pass\n"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    r = subprocess.run([PRESSCUT, "pdf", "-", "--feed", "-o", out], stdin=gen.stdout,
                       capture_output=True, timeout=scaled(120))
    gen.stdout.close()
    gen.kill()
    gen.wait()
    check("1 GB feed on a pipe: refused by the cap (exit 3)",
          r.returncode == 3 and b"over the limit" in r.stderr, r.stderr.decode())


def test_private(srv, tmp):
    out = os.path.join(tmp, "private.pdf")
    before = len(srv.paths)
    r = run("pdf", srv.feed("rss2.xml"), "--feed", "-o", out)
    check("a feed on 127.0.0.1 without --allow-private-fetch: refused",
          r.returncode != 0 and b"private, loopback or reserved" in r.stderr, r.stderr.decode())
    check("... and not asked for", len(srv.paths) == before, srv.paths[before:])
    local = os.path.join(tmp, "local-rss2.xml")
    open(local, "wb").write(srv.text("rss2.xml"))
    r = run("pdf", local, "--feed", "-o", out)
    err = r.stderr.decode()
    check("a local feed whose pages are on 127.0.0.1: no page fetched",
          len(srv.paths) == before, srv.paths[before:])
    check("... each refusal warned, the feed's text stands in",
          r.returncode == 0 and err.count("refused: 127.0.0.1 is a private") == 4, err)
    text = pdf_text(out) if os.path.exists(out) else ""
    check("... the digest is made of the feed's text",
          "A converted ferry becomes a library" in text and "Mara Linden" not in text, text[:300])


def test_batch_index(srv, tmp):
    out = os.path.join(tmp, "batch.jsonl")
    r = run("batch", srv.feed("rss2.xml"), srv.feed("atom.xml"), "--feed",
            "--allow-private-fetch", "-o", out, "--jobs", "1")
    check("batch --feed exits 0", r.returncode == 0, r.stderr.decode())
    lines = [json.loads(l) for l in open(out)] if os.path.exists(out) else []
    urls = sorted(d.get("url", "") for d in lines)
    # bakery and harbour are in both feeds: the same page, the same id
    check("batch --feed: a line per entry of both feeds, a page once",
          len(lines) == 5 and len(set(urls)) == 5, urls)
    titles = {d.get("title") for d in lines}
    check("batch --feed: the pages' articles", set(TITLES) <= titles, titles)
    r = run("batch", srv.feed("rss2.xml"), "--since", "2026-12-01", "-o", out)
    check("batch --since without --feed: a usage error", r.returncode == 2, r.stderr.decode())
    db = os.path.join(tmp, "archive.db")
    r = run("index", "--db", db, srv.feed("rss2.xml"), "--feed", "--allow-private-fetch")
    check("index --feed exits 0", r.returncode == 0, r.stderr.decode())
    r = run("search", "--db", db, "library", "--format", "json")
    quotes = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
    check("index --feed: the quotes of the feed's pages are in the archive",
          r.returncode == 0 and any(q["speaker"] == "Mara Linden" and
                                    "come to people" in q["text"] for q in quotes),
          r.stdout.decode()[:300])


def received(spool):
    out = []
    for f in sorted(os.listdir(spool)) if os.path.isdir(spool) else []:
        if f.endswith(".eml"):
            out.append(email.message_from_bytes(open(os.path.join(spool, f), "rb").read(),
                                                policy=email.policy.default))
    return out


def test_digest(srv, tmp):
    p, spool, port = start_smtpd(tmp, "spool")
    try:
        feeds = os.path.join(tmp, "feeds.txt")
        open(feeds, "w").write(f"# my feeds\n{srv.feed('rss2.xml')}\n\n  {srv.feed('atom.xml')}  \n")
        state = os.path.join(tmp, "state", "digest.state")
        box = os.path.join(tmp, "outbox")
        base = ["digest", "--feeds", feeds, "--to", "me@example.org",
                "--from", "Digest <digest@example.org>", "--state", state,
                "--outbox", box, "--allow-private-fetch", "--retry-wait", "100",
                "--smtp-timeout", "10"]
        r = run(*base, "--smtp", f"smtp://127.0.0.1:{port}")
        err = r.stderr.decode()
        check("digest: exit 0, sent", r.returncode == 0 and "presscut: sent to me@example.org" in err, err)
        got = received(spool)
        check("digest: one message", len(got) == 1, len(got))
        if got:
            m = got[0]
            check("digest: subject names the count", "5 new articles" in m["subject"], m["subject"])
            body = m.get_body(("plain",)).get_content()
            check("digest: the contents in the message",
                  all(t in body for t in TITLES), body[:400])
            att = [a for a in m.iter_attachments()]
            check("digest: one PDF attached", len(att) == 1 and
                  att[0].get_content_type() == "application/pdf", [a.get_content_type() for a in att])
            if att:
                pdf = os.path.join(tmp, "att.pdf")
                open(pdf, "wb").write(att[0].get_content())
                text = pdf_text(pdf)
                check("digest: the PDF holds the articles",
                      "Mara Linden" in text and "Ines Bauer" in text and
                      text.count("\u2014 127.0.0.1") == 5, text[:400])
        check("digest: state written", os.path.exists(state))
        r = run(*base, "--smtp", f"smtp://127.0.0.1:{port}")
        err = r.stderr.decode()
        check("digest again: nothing new, said, exit 0", r.returncode == 0 and
              "digest: nothing new: 2 feeds read" in err, err)
        check("digest again: nothing sent", len(received(spool)) == 1)
        # an OPML list (a file: its relative xmlUrl has no base and is
        # skipped): the absolute one read, nothing new in it
        opml = os.path.join(tmp, "feeds.opml")
        open(opml, "wb").write(srv.text("feeds.opml"))
        r = run(*[a if a != feeds else opml for a in base], "--smtp", f"smtp://127.0.0.1:{port}")
        check("digest from OPML: its feed read, nothing new",
              r.returncode == 0 and "nothing new: 1 feed read" in r.stderr.decode(), r.stderr.decode())
        # a new state with the server down: the message waits in the outbox
        down = free_port()
        state2 = os.path.join(tmp, "state2")
        r = run(*[a if a != state else state2 for a in base], "--max", "1",
                "--attach", "html", "--retries", "0", "--smtp", f"smtp://127.0.0.1:{down}")
        err = r.stderr.decode()
        waiting = [f for f in os.listdir(box) if f.endswith(".eml")] if os.path.isdir(box) else []
        check("server down: exit 4, the message waits in the outbox",
              r.returncode == 4 and "waits in" in err and len(waiting) == 1, (r.returncode, err, waiting))
        r = run(*[a if a != state else state2 for a in base], "--max", "1",
                "--smtp", f"smtp://127.0.0.1:{down}")
        check("server down, run again: its entries are not sent twice",
              r.returncode == 0 and "nothing new" in r.stderr.decode(), r.stderr.decode())
        r = run("mail", "--flush-outbox", "--outbox", box, "--smtp", f"smtp://127.0.0.1:{port}")
        got = received(spool)
        check("the flush sends the waiting digest", r.returncode == 0 and len(got) == 2,
              r.stderr.decode())
        if len(got) == 2:
            att = list(got[1].iter_attachments())
            check("--attach html: one HTML file of the articles", len(att) == 1 and
                  att[0].get_content_type() == "text/html" and
                  att[0].get_filename().endswith(".html"), [a.get_content_type() for a in att])
        # one feed down: said on its line, the others' digest still goes
        feeds2 = os.path.join(tmp, "feeds2.txt")
        open(feeds2, "w").write(f"{srv.feed('gone.xml')}\n{srv.feed('rss1.rdf')}\n")
        r = run(*[feeds2 if a == feeds else os.path.join(tmp, "state3") if a == state else a
                  for a in base], "--smtp", f"smtp://127.0.0.1:{port}")
        err = r.stderr.decode()
        check("a feed that fails: reported, the rest sent (exit 0)",
              r.returncode == 0 and "gone.xml: HTTP status 404" in err and
              len(received(spool)) == 3, err)
        r = run("digest", "--feeds", feeds, "--to", "me@example.org", "--from", "d@example.org",
                "--smtp", f"smtp://127.0.0.1:{port}", "--attach", "docx")
        check("--attach docx: a usage error", r.returncode == 2, r.stderr.decode())
        r = run("digest", "--feeds", feeds, "--to", "not an address", "--from", "d@example.org",
                "--smtp", f"smtp://127.0.0.1:{port}")
        check("an invalid address: a usage error, nothing fetched", r.returncode == 2)
        xdg = os.path.join(tmp, "xdg")
        r = run(*[a for a in base if a not in ("--state", state)], "--dry-run", "-o",
                os.path.join(tmp, "dry.eml"), env={"XDG_STATE_HOME": xdg})
        check("--dry-run: the message written, no state kept",
              r.returncode == 0 and os.path.getsize(os.path.join(tmp, "dry.eml")) > 1000
              and not os.path.exists(os.path.join(xdg, "presscut")), r.stderr.decode())
        dry = os.path.join(tmp, "dry-epub.eml")
        r = run(*[a for a in base if a not in ("--state", state)], "--attach", "epub",
                "--dry-run", "-o", dry, env={"XDG_STATE_HOME": xdg})
        att = list(email.message_from_bytes(open(dry, "rb").read(), policy=email.policy.default)
                   .iter_attachments()) if r.returncode == 0 else []
        check("--attach epub: one EPUB book, for an e-reader", len(att) == 1 and
              att[0].get_content_type() == "application/epub+zip" and
              att[0].get_content()[:2] == b"PK", (r.stderr.decode(), [a.get_content_type() for a in att]))
    finally:
        stop(p)


def main():
    tmp = tempfile.mkdtemp(prefix="pc-feed-")
    srv = FeedServer()
    try:
        test_print(srv, tmp)
        test_bad(srv, tmp)
        test_private(srv, tmp)
        test_batch_index(srv, tmp)
        test_digest(srv, tmp)
    finally:
        srv.close()
        shutil.rmtree(tmp, True)
    return report()


if __name__ == "__main__":
    sys.exit(main())
