#!/usr/bin/python3
"""test_server.py PRESSCUT REPO - presscut serve: the API and its safety.

Starts `presscut serve --listen 127.0.0.1:0` (and a real SMTP server,
tests/mail/smtpd.py) and checks: /healthz, the page and its headers (CSP,
nosniff), /api/extract, /api/quotes and /api/pdf (pdftotext), JSON errors
with the right status codes; fetches of 127.0.0.1, [::1], 169.254.169.254,
a hostname that resolves to loopback and a redirect to loopback all refused
(the redirect from an address allowed for the test with
PRESSCUT_FETCH_ALLOW, so that only the second hop is refused), and allowed
with --allow-private-fetch; a hostile page comes out inert; a 100 MiB body
is refused with 413; mail needs the page's token and origin, is rate
limited, and arrives; slow clients are dropped.  Deployment: /readyz,
the start line's URL, the access log (one line per request: no query
string, body, recipient or client address; to a file; off), a port in
use (one line, exit 4).  tests/server/test_deploy.py has the rest
(--base-path, --trusted-proxy, the Unix socket, sd_notify).
"""
import atexit
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, run_main, scaled, start_smtpd, wait_until  # noqa: E402
procs = []



def serve(*args, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.Popen([PRESSCUT, "serve", "--listen", "127.0.0.1:0", "--threads", "4"] + list(args),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    procs.append(p)
    line = p.stdout.readline().decode().strip()
    if not line.isdigit():
        raise RuntimeError("serve did not start: " + p.stderr.read().decode())
    p.log = []  # its stderr lines: the start line, the access log
    p.reader = threading.Thread(target=lambda: p.log.extend(ln.decode(errors="replace")
                                                            for ln in p.stderr), daemon=True)
    p.reader.start()
    return p, int(line)


ACCESS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (GET|POST|HEAD|PUT|DELETE) (\S+) (\d{3}|-) (\d+) (\d+\.\d)ms$")


def access_lines(p):
    """The access-log lines of a stopped server (its stderr read to the end)."""
    p.reader.join(scaled(10))
    return [ln.rstrip("\n") for ln in p.log if ACCESS.match(ln.rstrip("\n"))]


def req(port, path, body=None, headers=None, method=None, raw=None):
    url = f"http://127.0.0.1:{port}{path}"
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    h = {"Content-Type": "application/json"} if data is not None else {}
    h.update(headers or {})
    r = urllib.request.Request(url, data=data, headers=h, method=method)
    try:
        with urllib.request.urlopen(r, timeout=scaled(60)) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


class Site(http.server.BaseHTTPRequestHandler):
    """A small site: a hostile page, and a redirect to loopback."""
    target = 0
    slow = threading.Event()  # set when a /slow fetch has arrived

    def log_message(self, *a):
        pass

    def do_GET(self):
        if self.path == "/slow":
            Site.slow.set()
            time.sleep(2)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{Site.target}/healthz")
            self.end_headers()
            return
        body = (b"<html><head><title>Hostile</title><script>alert(1)</script></head>"
                b"<body onload=\"alert(2)\"><article><h1>Hostile page</h1>"
                b"<p>First paragraph of the hostile page, long enough to be body text here.</p>"
                b"<p><img src=x onerror=\"alert(3)\"><a href=\"javascript:alert(4)\">click me</a> "
                b"and more ordinary words so that this is a paragraph too.</p>"
                b"<script>document.write('x')</script></article></body></html>")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    tmp = tempfile.mkdtemp(prefix="pc-serve-")
    atexit.register(shutil.rmtree, tmp, True)  # the run leaves nothing behind
    seed = open(SEED).read()

    # a web site on 127.0.0.2 (allowed for this test only) and a mail server
    site = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Site)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    site_url = f"http://127.0.0.2:{site.server_address[1]}"
    smtpd, spool, smtp_port = start_smtpd(tmp)
    procs.append(smtpd)

    p, port = serve("--smtp", f"smtp://127.0.0.1:{smtp_port}", "--from", "presscut <noreply@example.org>",
                    "--outbox", os.path.join(tmp, "outbox"), "--mail-per-minute", "3",
                    "--max-body", str(16 << 20), env={"PRESSCUT_FETCH_ALLOW": "127.0.0.2"})
    Site.target = port

    s, h, b = req(port, "/healthz")
    check("GET /healthz", s == 200 and json.loads(b)["ok"] is True)
    s, h, b = req(port, "/readyz")
    check("GET /readyz: 200 once serving", s == 200 and json.loads(b).get("ready") is True, (s, b[:80]))
    s, h, b = req(port, "/readyz", headers={"Host": "rebind.attacker.example"})
    check("/readyz answers any Host (a load balancer's probe)", s == 200, s)
    want = f"presscut: serving on http://127.0.0.1:{port}/\n"
    wait_until(lambda: want in p.log, 10)  # the reader thread may not have it yet
    check("the start line is a URL to click", want in p.log, p.log[:2])
    s, h, b = req(port, "/")
    check("GET / serves the page", s == 200 and b"<main" in b and h.get("Content-Type", "").startswith("text/html"))
    check("CSP forbids inline script", "script-src 'self'" in h.get("Content-Security-Policy", "") and
          "unsafe-inline" not in h.get("Content-Security-Policy", ""))
    check("nosniff", h.get("X-Content-Type-Options") == "nosniff")
    token = re.search(rb'name="pc-token" content="([^"]+)"', b).group(1).decode()
    check("the page carries a mail token", re.fullmatch(r"\d+\.[0-9a-f]{64}", token) is not None, token)
    for path in ("/app.js", "/app.css"):
        s, h, b = req(port, path)
        check(f"GET {path}", s == 200 and len(b) > 1000)

    s, h, b = req(port, "/api/extract", {"text": seed})
    d = json.loads(b) if s == 200 else {}
    check("POST /api/extract", s == 200 and d.get("title", "").startswith("Terrorist Attack") and len(d["blocks"]) == 9)
    s, h, b = req(port, "/api/extract", {"text": seed, "cut": True, "delete": "b1"})
    d2 = json.loads(b) if s == 200 else {}
    check("cut and delete applied", s == 200 and len(d2["blocks"]) == 7 and d2["blocks"][0]["id"] == "b2", len(d2.get("blocks", [])))
    s, h, b = req(port, "/api/quotes", {"text": seed})
    q = json.loads(b) if s == 200 else {}
    check("POST /api/quotes: Bortnikov's claim",
          s == 200 and any(c["claimant"] == "Alexander Bortnikov" for c in q.get("claims", [])))
    s, h, b = req(port, "/api/pdf", {"text": seed, "delete": "b2", "text_size": 4, "page_size": "letter"})
    check("POST /api/pdf", s == 200 and h.get("Content-Type") == "application/pdf" and b[:5] == b"%PDF-")
    pdf = os.path.join(tmp, "a.pdf")
    open(pdf, "wb").write(b)
    t = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).stdout.decode()
    check("the PDF lacks the deleted paragraph", "Crocus" in t and "Bortnikov" not in t)
    check("PDF download name", "Terrorist-Attack-Near-Moscow" in h.get("Content-Disposition", ""))

    # errors are JSON with the right status
    for path, body, want in (("/api/extract", {}, 400), ("/api/extract", {"text": seed, "html": "x"}, 400),
                             ("/api/extract", {"text": seed, "delete": "b99"}, 400),
                             ("/api/pdf", {"text": seed, "text_size": 9}, 400), ("/nope", None, 404),
                             ("/api/extract", None, 405), ("/api/extract", {"url": "ftp://example.com/x"}, 400)):
        s, h, b = req(port, path, body)
        ok = s == want
        try:
            ok = ok and "error" in json.loads(b)
        except ValueError:
            ok = False
        check(f"{path} {json.dumps(body)[:40]} -> {want} JSON", ok, (s, b[:100]))
    s, h, b = req(port, "/api/extract", raw=b"not json")
    check("a body that is not JSON: 400", s == 400)
    s, h, b = req(port, "/api/extract", raw=json.dumps({"text": seed}).encode() + b" trailing")
    check("text after the JSON object: 400", s == 400 and b"must be a JSON object" in b, b[:120])
    s, h, b = req(port, "/api/extract", raw=b'{"text": "A title\\n\\nNul\\u0000 byte in the middle of the text, and more after it."}')
    d = json.loads(b) if s == 200 else {}
    check("a \\u0000 in the text does not cut it short",
          s == 200 and "more after it" in json.dumps(d.get("blocks", [])), (s, b[:160]))
    s, h, b = req(port, "/api/extract", raw=b"{}", headers={"Content-Type": "application/x-www-form-urlencoded"})
    check("wrong Content-Type: 415", s == 415)

    # raw bodies: the page itself, options in the query string
    page = ("<html><head><title>Raw caf\u00e9</title></head><body><article><h1>Raw caf\u00e9</h1>"
            + "".join(f"<p>Paragraph {i} of the raw page, long enough to count as article text here.</p>"
                      for i in range(6))
            + '<p><a href="/rel">a relative link</a> in the last paragraph of the article.</p>'
            + "</article></body></html>")
    s, h, b = req(port, "/api/extract?base_url=https://news.example/a/b&delete=b2",
                  raw=page.encode("iso-8859-1"), headers={"Content-Type": "text/html; charset=iso-8859-1"})
    d = json.loads(b) if s == 200 else {}
    texts = json.dumps(d.get("blocks", []), ensure_ascii=False)
    check("raw text/html body: 200, its charset honoured", s == 200 and d.get("title") == "Raw caf\u00e9", (s, b[:160]))
    check("raw body: delete from the query string", "Paragraph 0 " in texts and "Paragraph 1 " not in texts, texts[:200])
    check("raw body: base_url resolves links", "https://news.example/rel" in texts, texts[-300:])
    s, h, b = req(port, "/api/quotes", raw=seed.encode(), headers={"Content-Type": "text/plain; charset=utf-8"})
    d = json.loads(b) if s == 200 else {}
    check("raw text/plain body to /api/quotes: Bortnikov quoted",
          s == 200 and any("Bortnikov" in (q.get("speaker") or "") for q in d.get("quotes", [])), (s, b[:160]))
    s, h, b = req(port, "/api/pdf?text_size=5&images=none&cut", raw=page.encode("iso-8859-1"),
                  headers={"Content-Type": "text/html; charset=iso-8859-1"})
    check("raw body to /api/pdf with query options: a PDF", s == 200 and b.startswith(b"%PDF-"), (s, b[:80]))
    for q, why in (("?cut=maybe", "a bad flag"), ("?text_size=9", "a bad text_size"),
                   ("?url=https://example.org/", "url with a raw body")):
        s, h, b = req(port, "/api/extract" + q, raw=page.encode(), headers={"Content-Type": "text/html"})
        check(f"raw body, {why}: 400 JSON", s == 400 and json.loads(b).get("status") == 400, (s, b[:120]))
    s, h, b = req(port, "/api/extract", raw=page.encode(), headers={"Content-Type": "application/xhtml+xml"})
    check("raw application/xhtml+xml body: 200", s == 200 and json.loads(b).get("title") == "Raw caf\u00e9", (s, b[:120]))
    s, h, b = req(port, "/api/mail", raw=page.encode(), headers={"Content-Type": "text/html"})
    check("raw body to /api/mail: 415", s == 415, (s, b[:120]))

    # fetches that must be refused
    for u in (f"http://127.0.0.1:{port}/healthz", f"http://[::1]:{port}/", "http://169.254.169.254/latest/meta-data/",
              f"http://localhost:{port}/healthz", "http://10.0.0.1/", "http://[fe80::1]/", "http://0.0.0.0/",
              "http://[::ffff:127.0.0.1]/", f"{site_url}/redirect"):
        s, h, b = req(port, "/api/extract", {"url": u})
        check(f"refused: {u}", s == 403 and b"refused" in b, (s, b[:160]))
    s, h, b = req(port, "/img?u=" + urllib.request.quote(f"http://127.0.0.1:{port}/healthz"))
    check("image proxy refuses loopback: 403", s == 403 and b"refused" in b, (s, b[:120]))
    # the allowed site works, and its page comes out inert
    s, h, b = req(port, "/api/extract", {"url": f"{site_url}/hostile"})
    check("an allowed site is fetched", s == 200, (s, b[:200]))
    low = b.lower()
    check("hostile page: no script, handler or javascript: in the JSON",
          b"<script" not in low and b"onerror" not in low and b"onload" not in low and b"javascript:" not in low, b[:300])
    s, h, b = req(port, "/api/pdf", {"url": f"{site_url}/hostile"})
    check("hostile page: PDF made", s == 200)

    # a 100 MiB body: 413 at once, from Content-Length
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 104857600\r\n\r\n" + b"{" + b" " * 65536)
    sock.settimeout(scaled(10))
    head = sock.recv(4096)
    sock.close()
    check("100 MiB body: 413", head.startswith(b"HTTP/1.1 413"), head[:60])
    # the same without Content-Length (chunked): read to its end, not kept,
    # then 413
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"%x\r\n" % (1 << 20) + b" " * (1 << 20) + b"\r\n"
    got = b""
    sock.settimeout(scaled(10))
    try:
        for _ in range(20):
            sock.sendall(chunk)
        sock.sendall(b"0\r\n\r\n")
        got = sock.recv(4096)
    except OSError as e:
        got = repr(e).encode()
    sock.close()
    check("chunked body over the cap: 413", got.startswith(b"HTTP/1.1 413"), got[:60])
    # past 64 MiB of dropped body the server stops reading: closed
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n")
    closed = False
    try:
        for _ in range(200):
            sock.sendall(chunk)
    except OSError:
        closed = True
    sock.close()
    check("an endless chunked body: the connection is closed", closed)

    # mail: token, origin, rate
    origin = f"http://127.0.0.1:{port}"
    body = {"text": seed, "to": "ann@example.com", "message": "From the page."}
    s, h, b = req(port, "/api/mail", body, headers={"Origin": origin})
    check("mail without the token: 403", s == 403, (s, b[:100]))
    s, h, b = req(port, "/api/mail", body, headers={"X-Presscut-Token": token, "Origin": "https://evil.example"})
    check("cross-origin mail: 403", s == 403, (s, b[:100]))
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")  # always differs
    s, h, b = req(port, "/api/mail", body, headers={"X-Presscut-Token": forged, "Origin": origin})
    check("forged token: 403", s == 403)
    s, h, b = req(port, "/api/mail", dict(body, to="not an address"), headers={"X-Presscut-Token": token, "Origin": origin})
    check("bad address: 400", s == 400, (s, b[:100]))
    s, h, b = req(port, "/api/mail", dict(body, **{"from": "ceo@example.com"}), headers={"X-Presscut-Token": token, "Origin": origin})
    check("mail from the page: sent", s == 200 and json.loads(b).get("sent") is True, (s, b[:200]))
    wait_until(lambda: os.path.isdir(spool) and any(f.endswith(".eml") for f in os.listdir(spool)), 10)
    msgs = sorted(f for f in os.listdir(spool) if f.endswith(".eml")) if os.path.isdir(spool) else []
    check("the message arrived", len(msgs) == 1)
    if msgs:
        env = json.load(open(os.path.join(spool, msgs[0][:-4] + ".json")))
        check("the request cannot choose the sender", env["from"] == "noreply@example.org", env)
    # 3 a minute: a few more in a row meet 429 (even if a minute turns
    # between two of them, the count of the new one fills again)
    codes = [req(port, "/api/mail", body, headers={"X-Presscut-Token": token, "Origin": origin})[0]
             for _ in range(8)]
    check("rate limit: 429 past the limit", 429 in codes and set(codes) <= {200, 429}, codes)

    # a slow client is dropped; the server still answers others
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    s, h, b = req(port, "/healthz")
    check("others are served while a client dawdles", s == 200)
    slow.close()
    p.terminate()
    p.wait(scaled(10))
    check("SIGTERM stops the server cleanly", p.returncode == 0, p.returncode)
    log = access_lines(p)
    check("access log: one line per request, in its format",
          len(log) > 40 and any(" POST /api/extract 200 " in ln for ln in log) and
          any(" GET /healthz 200 " in ln for ln in log), log[:3])
    check("access log: a refused image fetch is logged without its URL",
          any(" GET /img 403 " in ln for ln in log) and not any("169.254" in ln for ln in log))
    check("access log: no query string, body, recipient or client address",
          not any(w in ln for ln in log for w in ("base_url", "?", "ann@example.com", "127.0.0.1",
                                                   "Crocus", "From the page")), log[:5])
    check("access log: mail sent and refused",
          any(" POST /api/mail 200 " in ln for ln in log) and any(" POST /api/mail 429 " in ln for ln in log))
    check("access log: the 413 of a 100 MiB body", any(" POST /api/extract 413 " in ln for ln in log))

    # usage errors: the password never on the command line, a bad --tls
    for bad in (["--smtp", "smtp://127.0.0.1:1", "--from", "a@example.org", "--user", "u"],
                ["--tls", "sometimes"], ["--smtp", "smtp://127.0.0.1:1"]):
        r = subprocess.run([PRESSCUT, "serve", "--listen", "127.0.0.1:0"] + bad,
                           capture_output=True, timeout=scaled(20), env={k: v for k, v in os.environ.items()
                                                                 if k != "PRESSCUT_SMTP_PASSWORD"})
        check(f"serve {' '.join(bad)}: exit 2", r.returncode == 2 and r.stderr.count(b"\n") == 1, r.stderr)

    # --allow-private-fetch lets local addresses through
    alog = os.path.join(tmp, "access.log")
    p2, port2 = serve("--allow-private-fetch", "--access-log", alog)
    # a port in use: one line with the reason, exit 4
    r = subprocess.run([PRESSCUT, "serve", "--listen", f"127.0.0.1:{port2}"], capture_output=True, timeout=scaled(60))
    check("a port in use: one line with the reason, exit 4",
          r.returncode == 4 and r.stderr == f"presscut: serve: 127.0.0.1:{port2}: address already in use\n".encode(),
          (r.returncode, r.stderr))
    r = subprocess.run([PRESSCUT, "serve", "--listen", "192.0.2.1:80"], capture_output=True, timeout=scaled(60))
    check("an address not on this machine: one line, exit 4",
          r.returncode == 4 and r.stderr.startswith(b"presscut: serve: 192.0.2.1:80: ") and r.stderr.count(b"\n") == 1,
          (r.returncode, r.stderr))
    r = subprocess.run([PRESSCUT, "serve", "--access-log", os.path.join(tmp, "no", "such", "dir")],
                       capture_output=True, timeout=scaled(60))
    check("--access-log in a missing directory: exit 3", r.returncode == 3 and r.stderr.count(b"\n") == 1,
          (r.returncode, r.stderr))
    s, h, b = req(port2, "/api/extract", {"url": f"{site_url}/hostile"})
    check("--allow-private-fetch: a private address is fetched", s == 200, (s, b[:100]))
    s, h, b = req(port2, "/api/mail", body, headers={"X-Presscut-Token": token})
    check("mail without SMTP configured: 503", s == 503)
    p2.terminate()
    p2.wait(scaled(10))
    lines = open(alog).read().splitlines() if os.path.exists(alog) else []
    check("--access-log FILE: the lines go to the file, not stderr",
          len(lines) == 2 and all(ACCESS.match(ln) for ln in lines) and " 503 " in lines[1] and
          not access_lines(p2), (lines, p2.log))

    # the one fetch worker busy with a slow fetch: cheap requests are still
    # answered at once, fetches queue behind it in order, and SIGTERM lets
    # the running one finish and answers the queued one 503
    p3, port3 = serve("--allow-private-fetch", "--threads", "1", "--fetch-threads", "1", "--access-log", "off")
    slow = {}
    t = threading.Thread(target=lambda: slow.update(r=req(port3, "/api/extract",
                                                          {"url": f"{site_url}/slow"})))
    t.start()
    Site.slow.wait(scaled(10))  # the one fetch worker is busy now
    t0 = time.monotonic()
    s, h, b = req(port3, "/healthz")
    check("a slow fetch does not hold up /healthz", s == 200 and time.monotonic() - t0 < scaled(1.0),
          (s, time.monotonic() - t0))
    queued = {}
    t2 = threading.Thread(target=lambda: queued.update(r=req(port3, "/api/extract",
                                                             {"url": f"{site_url}/slow"})))
    t2.start()
    time.sleep(0.3)  # not a wait for a result: the second fetch is queued
    p3.terminate()
    t.join(scaled(30))
    t2.join(scaled(30))
    p3.wait(scaled(20))
    check("SIGTERM: the request being done is answered", slow.get("r", (0,))[0] == 200, slow.get("r"))
    check("SIGTERM: a queued request is answered 503", queued.get("r", (0,))[0] == 503, queued.get("r"))
    check("SIGTERM with a queue stops the server cleanly", p3.returncode == 0, p3.returncode)
    check("--access-log off: no access log", not access_lines(p3) and len(p3.log) >= 1, p3.log)
    site.shutdown()
    return report()


if __name__ == "__main__":
    run_main(main, procs)
