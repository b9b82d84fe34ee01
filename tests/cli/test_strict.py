#!/usr/bin/python3
"""test_strict.py PRESSCUT REPO - a command line that refuses what it cannot do.

Issue 19: binary, PDF, image, empty and blank inputs refused in one line
with exit 3 (files and URLs, by Content-Type and by sniffing) while damaged
text, UTF-16 with a BOM and legacy charsets still pass; one-line usage
errors pointing at --help; `help CMD`; the nearest command suggested;
case-insensitive values; -o on every command of the slice; bad values
refused (dates, --data-dir, --url, --attribution and --date where they do
nothing); several inputs into one HTML refused, text ones separated by a
rule; an error names its input once; --quiet and --verbose on every
command, and remote images left out of a PDF told once; --user-agent and
--header sent, through the environment's proxy too (a forward proxy in
Python on 127.0.0.1 sees them), with no_proxy honoured.

Real HTTP servers and a real proxy on 127.0.0.1, started and stopped here;
readiness is polled, nothing is timed.
"""
import http.client
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

BIN, REPO = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
passed = failed = 0


def check(what, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}: {detail}", file=sys.stderr)


def run(*args, env=None, stdin=None):
    e = dict(os.environ)
    for k in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
              "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY"):
        e.pop(k, None)
    e.update(env or {})
    p = subprocess.run([BIN, *args], capture_output=True, env=e, input=stdin,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def one_line(err):
    return err.count("\n") == 1 and err.startswith("presscut: ")


def expect(what, args, code, *needles, env=None, stdin=None, single=True):
    rc, out, err = run(*args, env=env, stdin=stdin)
    check(f"{what}: exit {code}", rc == code, (rc, err[:300]))
    if single:
        check(f"{what}: one line", one_line(err), err[:400])
    for n in needles:
        check(f"{what}: says {n!r}", n in err, err[:300])
    return rc, out, err


# ---- servers ----------------------------------------------------------------

ELF = open(shutil.which("ls") or "/bin/ls", "rb").read()[:20000]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + bytes(range(256)) * 8
PAGE = (b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Served</title>"
        b"</head><body><article><h1>Served</h1><p>This page was fetched over "
        b"HTTP from a server on this machine, long enough with commas, to be "
        b"the body of an article.</p><p>Another paragraph, long enough to "
        b"count as the body of the article as well, and that is all.</p>"
        b"</article></body></html>")


class Site(http.server.BaseHTTPRequestHandler):
    seen = []  # (path, User-Agent, X-Test)

    def log_message(self, *a):
        pass

    def do_GET(self):
        Site.seen.append((self.path, self.headers.get("User-Agent"),
                          self.headers.get("X-Test")))
        routes = {
            "/page": (200, "text/html; charset=utf-8", PAGE),
            "/png-as-image": (200, "image/png", PAGE),      # by Content-Type
            "/png-as-html": (200, "text/html", PNG),        # by sniffing
            "/elf": (200, "application/octet-stream", ELF),
            "/pdf": (200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            "/blank": (200, "text/html", b"  \n\t \n"),
        }
        code, ctype, body = routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Proxy(http.server.BaseHTTPRequestHandler):
    """A forward proxy for absolute-URI GETs; remembers what it was asked."""
    seen = []  # (absolute URL, X-Test)

    def log_message(self, *a):
        pass

    def do_GET(self):
        Proxy.seen.append((self.path, self.headers.get("X-Test")))
        u = urllib.parse.urlsplit(self.path)
        try:
            c = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=10)
            hdrs = {k: v for k, v in self.headers.items()
                    if k.lower() in ("user-agent", "x-test", "accept")}
            c.request("GET", u.path or "/", headers=hdrs)
            r = c.getresponse()
            body = r.read()
            self.send_response(r.status)
            self.send_header("Content-Type", r.getheader("Content-Type") or "text/plain")
            c.close()
        except OSError:
            body = b""
            self.send_response(502)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start(handler):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, srv.server_address[1]


# ---- the tests --------------------------------------------------------------

def refusals(tmp):
    """Item 1: what is not a page is refused; what is one still passes."""
    files = {
        "ls": ELF,
        "doc.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20,
        "pic.png": PNG,
        "pic.jpg": b"\xff\xd8\xff\xe0\0\x10JFIF\0" + bytes(range(256)) * 4,
        "a.zip": b"PK\x03\x04" + bytes(range(256)) * 4,
        "noise.bin": bytes(range(256)) * 16,
    }
    for name, data in files.items():
        p = os.path.join(tmp, name)
        open(p, "wb").write(data)
        for cmd in (["extract"], ["quotes"], ["html", "-o", p + ".html"],
                    ["pdf", "-o", p + ".pdf"]):
            expect(f"{cmd[0]} {name}", [*cmd, p], 3, "not HTML or text")
        check(f"pdf {name}: no file written", not os.path.exists(p + ".pdf"))
    rc, _, err = run("extract", os.path.join(tmp, "doc.pdf"))
    check("a PDF is named as one", "a PDF" in err, err)
    for name, data in {"empty.html": b"", "blank.txt": b"  \n\n\t  \r\n",
                       "nothing.html": b"<html><head><title></title></head><body> </body></html>"}.items():
        p = os.path.join(tmp, name)
        open(p, "wb").write(data)
        for cmd in ("extract", "quotes"):
            expect(f"{cmd} {name}", [cmd, p], 3, "no article found")
        expect(f"pdf {name}", ["pdf", "-o", p + ".pdf", p], 3, "no article found")
    expect("stdin, empty", ["extract", "-"], 3, "-: no article found", stdin=b"")
    expect("stdin, an image", ["extract", "-"], 3, "not HTML or text", stdin=PNG)

    # what must pass: damaged text, UTF-16 with a BOM, legacy charsets
    text = open(SEED, "rb").read()
    damaged = text[:3000] + b"\x00\x01" + text[3000:6000] + b"\x02" + text[6000:]
    legacy = ("<html><head><meta charset='windows-1252'><title>Caf\xe9</title></head>"
              "<body><article><p>Le caf\xe9 de la gare, o\xf9 l'on parle fran\xe7ais, "
              "est ouvert le soir, et c'est tr\xe8s bien ainsi pour tout le monde "
              "\u2013 \u201cvraiment\u201d.</p></article></body></html>").encode("cp1252")
    undeclared = "Le caf\xe9 de la gare, o\xf9 l'on parle fran\xe7ais, est ouvert le soir.\n".encode("cp1252") * 20
    u16 = "\ufeff<html><body><article><p>Une page en UTF-16, avec un BOM, \xe9crite " \
          "pour l'essai, assez longue pour \xeatre le corps de l'article.</p></article></body></html>"
    koi8 = ("<html><head><meta charset='koi8-r'></head><body><article><p>"
            "Москва - столица России, крупнейший по численности населения "
            "город страны.</p></article></body></html>").encode("koi8_r")
    sjis = ("<html><head><meta charset='shift_jis'></head><body><article><p>"
            "東京は日本の首都であり、世界最大級の都市圏を形成している。"
            "</p></article></body></html>").encode("shift_jis")
    iso2022 = ("<html><head><meta charset='iso-2022-jp'></head><body><article><p>"
               "東京は日本の首都であり、世界最大級の都市圏を形成している。"
               "</p></article></body></html>").encode("iso2022_jp")
    for name, data, want in (
            ("damaged.txt", damaged, "Terrorist Attack"),
            ("legacy.html", legacy, "Le café de la gare"),
            ("undeclared.txt", undeclared, "Le café de la gare"),
            ("utf16le.html", u16.encode("utf-16-le"), "Une page en UTF-16"),
            ("utf16be.html", u16.encode("utf-16-be"), "Une page en UTF-16"),
            ("koi8.html", koi8, "Москва"),
            ("sjis.html", sjis, "東京は日本の首都"),
            ("iso2022.html", iso2022, "東京は日本の首都")):
        p = os.path.join(tmp, name)
        open(p, "wb").write(data)
        rc, out, err = run("extract", p)
        check(f"{name} still passes", rc == 0 and want in out.decode("utf-8", "replace"),
              (rc, err, out[:200]))


def usage(tmp):
    """Item 2: one-line usage errors; help CMD; the nearest command; case."""
    for what, args, needle in (
            ("unknown option", ["extract", "--frob", SEED],
             "extract: unknown option '--frob' (see 'presscut extract --help')"),
            ("unknown short option", ["quotes", "-x", SEED], "quotes: unknown option '-x'"),
            ("digest's --tls", ["digest", "--tls", "bogus"],
             "digest: --tls: auto, required or off, not 'bogus'"),
            ("serve's --tls", ["serve", "--tls", "bogus"],
             "serve: --tls: auto, required or off, not 'bogus'"),
            ("a misspelt option", ["extract", "--fromat", "json", SEED],
             "unknown option '--fromat' (did you mean '--format'?)"),
            ("a misspelt pdf option", ["pdf", "--page-sise", "a4", "-o", "x.pdf", SEED],
             "did you mean '--page-size'?"),
            ("an ambiguous option", ["extract", "--d", "x", SEED], "ambiguous option '--d'"),
            ("missing value", ["extract", SEED, "--format"], "option '--format' needs a value"),
            ("a value to a flag", ["extract", "--cut=yes", SEED], "option '--cut' takes no value"),
            ("bad format", ["extract", "--format", "pdfx", SEED], "--format: text, markdown, html or json, not 'pdfx'"),
            ("no input", ["extract"], "extract: no INPUT given"),
            ("html a b", ["html", "-o", os.path.join(tmp, "ab.html"), SEED, SEED],
             "html: one INPUT only, not 2 (pdf takes several)"),
            ("pdf bad option", ["pdf", "--frob", "-o", "x.pdf", SEED], "pdf: unknown option '--frob' (see 'presscut pdf --help')"),
            ("bad page size", ["pdf", "--page-size", "b5", "-o", "x.pdf", SEED], "--page-size: a4, letter or a5, not 'b5'"),
            ("index option", ["index", "--frob"], "index: unknown option '--frob' (see 'presscut index --help')"),
            ("search option of claims", ["search", "--db", "x.db", "--claimant", "x"],
             "search: --claimant is not an option of this command"),
            ("claims bad format", ["claims", "--db", "x.db", "--format", "xml"],
             "--format: text, json, csv or graphml, not 'xml'"),
            ("quiet and verbose", ["extract", "--quiet", "--verbose", SEED], "--quiet or --verbose, not both"),
            ("batch option", ["batch", "--frob"], "batch: unknown option '--frob' (see 'presscut batch --help')"),
            ("batch without input", ["batch", "-o", os.path.join(tmp, "b.jsonl")], "batch: no INPUT given"),
            ("batch bad jobs", ["batch", "--jobs", "x", SEED], "batch: --jobs: 1 to 256, not 'x'"),
            ("mail option", ["mail", "--frob"], "mail: unknown option '--frob'"),
            ("mail two inputs", ["mail", "--dry-run", "-o", os.path.join(tmp, "m.eml"), "--to", "a@b.example",
                                 "--from", "c@d.example", SEED, SEED], "mail: one INPUT only"),
            ("mail --smtp http", ["mail", "--smtp", "http://127.0.0.1:1/", "--to", "a@b.example",
                                  "--from", "c@d.example", SEED], "mail: --smtp: smtp://HOST:PORT or smtps://HOST:PORT, not 'http://127.0.0.1:1/'"),
            ("serve option", ["serve", "--frob"], "serve: unknown option '--frob'"),
            ("serve an input", ["serve", SEED], "serve: takes no INPUT"),
            ("serve bad limit", ["serve", "--max-connections", "0"], "serve: --max-connections: 1 to 100000, not '0'"),
            ("serve --smtp ftp", ["serve", "--smtp", "ftp://x", "--from", "a@b.example"], "serve: --smtp: smtp://HOST:PORT")):
        rc, out, err = expect(what, args, 2, needle)
        check(f"{what}: no usage text", "Usage:" not in err and not out, err[:200])
        check(f"{what}: points at --help", "--help" in err, err)
    for cmd in ("extract", "quotes", "html", "pdf", "mail", "serve", "batch",
                "index", "search", "claims", "speakers"):
        rc, out, err = run("help", cmd)
        check(f"help {cmd}", rc == 0 and out.startswith(b"Usage: presscut " + cmd.encode()),
              (rc, out[:80], err))
    rc, out, err = run("help")
    check("help alone", rc == 0 and b"Commands:" in out, (rc, err))
    for typo, near in (("extarct", "extract"), ("serv", "serve"), ("qoutes", "quotes"),
                       ("speaker", "speakers"), ("ex", "extract")):
        expect(f"unknown command {typo}", [typo], 2, f"did you mean '{near}'?")
    expect("help of an unknown command", ["help", "pfd"], 2, "did you mean 'pdf'?")
    expect("far from any command", ["zzzzzzzz"], 2, "unknown command 'zzzzzzzz' (see 'presscut --help')")
    # values in any case where that is natural
    rc, out, _ = run("extract", "--format", "JSON", SEED)
    check("--format JSON", rc == 0 and out.startswith(b"{"), rc)
    rc, out, _ = run("quotes", "--format", "Text", SEED)
    check("quotes --format Text", rc == 0 and b"Claims:" in out, rc)
    pdf = os.path.join(tmp, "case.pdf")
    rc, _, err = run("pdf", "--page-size", "LETTER", "--images", "None", "-o", pdf, SEED)
    check("--page-size LETTER --images None", rc == 0 and open(pdf, "rb").read(5) == b"%PDF-", err)
    rc, _, err = run("html", "--page-size", "A5", "-o", os.path.join(tmp, "case.html"), SEED)
    check("--page-size A5", rc == 0, err)


def outputs_and_values(tmp):
    """Items 3 and 4: -o everywhere; bad values refused."""
    db = os.path.join(tmp, "a.db")
    rc, _, err = run("index", "--quiet", "--db", db, SEED)
    check("index --quiet: nothing said", rc == 0 and err == "", (rc, err))
    for cmd, args, want in (("extract", [SEED], b"Terrorist Attack"),
                            ("quotes", [SEED], b'"quotes"'),
                            ("html", [SEED], b"<!DOCTYPE html>"),
                            ("pdf", [SEED], b"%PDF-"),
                            ("search", ["--db", db, "Putin"], b"Doctorow"),
                            ("claims", ["--db", db, "--format", "JSON"], b"{"),
                            ("speakers", ["--db", db, "--format", "CSV"], b"Putin")):
        for flag in ("-o", "--output"):
            out = os.path.join(tmp, f"out-{cmd}{flag}")
            rc, stdout, err = run(cmd, flag, out, *args)
            got = open(out, "rb").read() if os.path.exists(out) else b""
            check(f"{cmd} {flag}", rc == 0 and not stdout and want in got[:4000],
                  (rc, err, got[:100]))
    rc, _, err = run("search", "--db", db, "-o", os.path.join(tmp, "no", "such", "dir"), "x")
    check("search -o into a missing folder: exit 3", rc == 3 and one_line(err), (rc, err))

    for what, args, needle in (
            ("month 13", ["extract", "--attribution", "-f", "json", "--date", "2024-13-45", SEED], "--date: not a date"),
            ("30 February", ["quotes", "--date", "2024-02-30", SEED], "--date: not a date"),
            ("29 February 2023", ["quotes", "--date", "2023-02-29", SEED], "--date: not a date"),
            ("slashes", ["quotes", "--date", "2024/04/10", SEED], "--date: not a date"),
            ("index date", ["index", "--db", db, "--date", "2024-00-10", SEED], "--date: not a date"),
            ("search since", ["search", "--db", db, "--since", "2024-04-31"], "not '2024-04-31'"),
            ("data-dir missing", ["extract", "--data-dir", os.path.join(tmp, "nope"), SEED], "--data-dir: no such directory"),
            ("data-dir a file", ["quotes", "--data-dir", SEED, SEED], "--data-dir: no such directory"),
            ("index data-dir", ["index", "--db", db, "--data-dir", os.path.join(tmp, "nope"), SEED], "--data-dir: no such directory"),
            ("--url notaurl", ["extract", "--url", "notaurl", SEED], "--url: not an absolute http(s) URL: 'notaurl'"),
            ("--url ftp", ["extract", "--url", "ftp://example.com/a", SEED], "--url: not an absolute"),
            ("--url no host", ["html", "--url", "http:///a", "-o", "x.html", SEED], "--url: not an absolute"),
            ("--attribution with text", ["extract", "--attribution", SEED], "--attribution has no effect with --format text"),
            ("--attribution with markdown", ["extract", "-f", "md", "--attribution", SEED], "has no effect with --format markdown"),
            ("--attribution of quotes", ["quotes", "--attribution", SEED], "--attribution has no effect with quotes"),
            ("--date without attribution", ["extract", "-f", "json", "--date", "2024-04-10", SEED], "--date has no effect without --attribution"),
            ("--date without --who-said-what", ["pdf", "--date", "2024-04-10", "-o", "x.pdf", SEED], "--date has no effect without --who-said-what"),
            ("--date from jsonl", ["index", "--db", db, "--from-jsonl", "-", "--date", "2024-04-10"], "--date has no effect with --from-jsonl"),
            ("--header without a colon", ["extract", "--header", "X-Test", SEED], "--header: want 'Name: value'"),
            ("--header with CR LF", ["extract", "--header", "X-Test: a\r\nHost: evil", SEED], "--header: want 'Name: value' on one line"),
            ("--user-agent with LF", ["extract", "--user-agent", "a\nb", SEED], "--user-agent: one non-empty line")):
        expect(what, args, 2, needle)
    for date in ("2024-02-29", "2000-02-29", "2024-12-31"):
        rc, _, err = run("quotes", "--date", date, SEED)
        check(f"--date {date} is a date", rc == 0, err)
    rc, _, err = run("extract", "--attribution", "--format", "json", "--date", "2024-04-10", SEED)
    check("--attribution --format json --date", rc == 0, err)
    rc, _, err = run("pdf", "--who-said-what", "--date", "2024-04-10", "-o", os.path.join(tmp, "w.pdf"), SEED)
    check("pdf --who-said-what --date", rc == 0, err)
    rc, out, err = run("extract", "-f", "json", "--url", "https://example.com/a/b.html", SEED)
    check("--url https://...", rc == 0 and b'"url":"https://example.com/a/b.html"' in out, err)


def several(tmp):
    """Item 5: several inputs into one output."""
    two = os.path.join(tmp, "two.html")
    open(two, "w").write("<html><head><title>Second article</title></head><body><article>"
                         "<h1>Second article</h1><p>The second article has a paragraph "
                         "long enough, with commas, to be its body.</p></article></body></html>")
    for cmd in (["extract", "--format", "html"], ["quotes", "--format", "HTML"]):
        rc, out, err = expect(f"{' '.join(cmd)} of two", [*cmd, SEED, two], 2, "makes one document of one INPUT")
        check(f"{cmd[0]} html of two: nothing written", out == b"", out[:100])
    rc, out, err = run("extract", SEED, two)
    lines = out.decode().split("\n")
    check("text of two: one rule between them", rc == 0 and lines.count("---") == 1, (rc, err))
    i = lines.index("---") if "---" in lines else 0
    check("text of two: the rule between blank lines, then the title",
          lines[i - 1] == "" and lines[i + 1] == "" and lines[i + 2] == "Second article", lines[i - 2:i + 3])
    rc, out, err = run("extract", "-f", "markdown", SEED, two)
    check("markdown of two: a thematic break", rc == 0 and b"\n\n---\n\n# Second article" in out, out[-300:])
    rc, out, err = run("extract", "-f", "json", SEED, two)
    check("json of two: two lines", rc == 0 and out.count(b"\n") == 2 and b"---" not in out)
    rc, out, err = run("extract", SEED)
    check("text of one: no rule", b"\n---\n" not in out)
    rc, _, err = run("pdf", "-o", os.path.join(tmp, "two.pdf"), SEED, two)
    check("pdf of two: one document", rc == 0, err)


def quiet_verbose(tmp):
    """Item 7: --quiet and --verbose on every command; images told once."""
    page = os.path.join(tmp, "img.html")
    open(page, "w").write(
        "<html><head><title>Images</title></head><body><article><h1>Images</h1>"
        "<p>A paragraph long enough, with commas, to be the body of the article.</p>"
        "<img src='http://example.invalid/a.png'><img src='http://example.invalid/b.png'>"
        "<img src='https://example.invalid/c.jpg'><img src='http://example.invalid/a.png'>"
        "<p>Another paragraph long enough, with commas, to be the body too.</p>"
        "</article></body></html>")
    pdf = os.path.join(tmp, "img.pdf")
    rc, _, err = run("pdf", "-o", pdf, page)
    check("remote images left out: one line", rc == 0 and one_line(err), err)
    check("remote images left out: the count (each use) and --fetch-images",
          "4 images left out" in err and "--fetch-images" in err, err)
    rc, _, err = run("pdf", "--quiet", "-o", pdf, page)
    check("pdf --quiet: nothing said", rc == 0 and err == "", err)
    rc, _, err = run("pdf", "--verbose", "-o", pdf, page)
    check("pdf --verbose: notes", rc == 0 and re.search(r"img.html: \d+ blocks", err)
          and "img.pdf: written (PDF)" in err and "4 images left out" in err, err)
    rc, _, err = run("extract", "--verbose", SEED)
    check("extract --verbose: a note per input", rc == 0 and "crocus-article.txt: 9 blocks" in err, err)
    rc, _, err = run("extract", SEED)
    check("extract: silent by default", rc == 0 and err == "", err)
    rc, _, err = run("extract", "--quiet", "/nonexistent/x.html")
    check("--quiet: errors still said", rc == 3 and one_line(err), err)
    for cmd in (["mail"], ["serve"], ["batch"], ["index"], ["search"], ["claims"],
                ["speakers"], ["extract"], ["quotes"], ["html"], ["pdf"]):
        for flag in ("--quiet", "--verbose"):
            rc, out, err = run(*cmd, flag, "--help")
            check(f"{cmd[0]} {flag} --help", rc == 0 and out.startswith(b"Usage:"), (rc, err))
    db = os.path.join(tmp, "q.db")
    rc, out, err = run("index", "--db", db, "--verbose", SEED)
    check("index --verbose", rc == 0 and "1 read" in err, err)
    rc, out, err = run("batch", "--quiet", "--out", os.path.join(tmp, "b.jsonl"), SEED)
    check("batch --quiet (its own)", rc == 0 and err == "", err)
    rc, out, err = run("search", "--quiet", "--db", db, "Putin")
    check("search --quiet", rc == 0 and err == "" and b"Doctorow" in out, err)


def fetching(tmp):
    """Items 1 (URLs), 6 and 8: responses sniffed, errors once, fetch options."""
    site, port = start(Site)
    proxy, pport = start(Proxy)
    base = f"http://127.0.0.1:{port}"
    try:
        rc, out, err = run("extract", base + "/page")
        check("a page over HTTP", rc == 0 and b"fetched over HTTP" in out, err)
        for path, why in (("/png-as-image", "an image"), ("/png-as-html", "an image (PNG)"),
                          ("/elf", "an executable"), ("/pdf", "a PDF")):
            expect(f"URL {path}", ["extract", base + path], 3, "not HTML or text", why)
        expect("URL blank", ["extract", base + "/blank"], 3, "no article found")
        rc, _, err = expect("HTTP 404", ["extract", base + "/missing"], 4, "404")
        check("HTTP 404: the URL said once", err.count(base + "/missing") == 1, err)
        site.shutdown()
        site.server_close()
        rc, _, err = expect("connection refused", ["extract", "--timeout", "5", base + "/page"], 4)
        check("connection refused: the URL said once", err.count(base + "/page") == 1, err)
        site, port = start(Site)
        base = f"http://127.0.0.1:{port}"

        Site.seen.clear()
        rc, _, err = run("extract", base + "/page")
        check("default User-Agent", rc == 0 and Site.seen and
              (Site.seen[-1][1] or "").startswith("presscut/"), Site.seen)
        rc, _, err = run("extract", "--user-agent", "Mozilla/5.0 (test)",
                         "--header", "X-Test: one two", base + "/page")
        check("--user-agent and --header sent", rc == 0 and Site.seen[-1][1:] ==
              ("Mozilla/5.0 (test)", "one two"), (err, Site.seen[-1:]))
        rc, _, err = run("quotes", "--header", "User-Agent: via-header", base + "/page")
        check("--header replaces a header libcurl sets", rc == 0 and
              Site.seen[-1][1] == "via-header", (err, Site.seen[-1:]))

        # the environment's proxy: used by the command line, as by curl
        env = {"http_proxy": f"http://127.0.0.1:{pport}"}
        Proxy.seen.clear()
        Site.seen.clear()
        rc, out, err = run("extract", "--header", "X-Test: proxied", base + "/page", env=env)
        check("http_proxy: the page comes through the proxy",
              rc == 0 and b"fetched over HTTP" in out and
              Proxy.seen == [(base + "/page", "proxied")], (rc, err, Proxy.seen))
        check("http_proxy: the header reaches the site",
              Site.seen and Site.seen[-1][2] == "proxied", Site.seen)
        Proxy.seen.clear()
        rc, out, err = run("extract", base + "/page",
                           env=dict(env, no_proxy="127.0.0.1"))
        check("no_proxy: fetched directly", rc == 0 and Proxy.seen == [], (err, Proxy.seen))
        rc, out, err = run("extract", base + "/png-as-html", env=env)
        check("through the proxy, an image is still refused",
              rc == 3 and "not HTML or text" in err, err)
    finally:
        for s in (site, proxy):
            s.shutdown()
            s.server_close()


def main():
    tmp = tempfile.mkdtemp(prefix="pc-strict-")
    os.chdir(tmp)
    try:
        refusals(tmp)
        usage(tmp)
        outputs_and_values(tmp)
        several(tmp)
        quiet_verbose(tmp)
        fetching(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
