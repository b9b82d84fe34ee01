#!/usr/bin/python3
"""test_attacks_req.py PRESSCUT REPO - presscut serve: request attacks (issue 22).

Everything on 127.0.0.0/8 (servers listen on port 0), Python stdlib only,
every wait polled and bounded:
- proxies: with http_proxy and friends in the server's environment and no
  --proxy, fetches do not go through the proxy (and loopback is refused);
  with --proxy the target's own addresses are checked before the request
  and before each redirect (the proxy never sees a loopback target); with
  --allow-private-fetch a loopback page comes through the proxy;
- slow fetches: with --threads 2, fetches to a host that never answers do
  not hold up a text extract; past --fetches-per-client a client gets 429,
  another client does not;
- Host: a request for rebind.attacker.example is refused 421 on every
  route but /healthz, and cannot get a mail token or send mail; the
  listen address, localhost and the --public-url/--allowed-host names are
  served;
- mail: more recipients than --max-recipients (10) are refused, and past
  --mail-per-hour a client gets 429, each refusal logged in one line
  without the addresses;
- a fetch refused by policy is 403 everywhere (/img, /api/pdf too).
"""
import atexit
import http.client
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
import urllib.parse

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, run_main, scaled, start_smtpd  # noqa: E402

procs = []
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
PAGE = (b"<html><head><title>Local page</title></head><body><article><h1>Local page</h1>"
        + b"".join(b"<p>Paragraph %d of a page on this machine, long enough to count as text.</p>" % i
                   for i in range(5))
        + b"</article></body></html>")


def serve(*args, env=None):
    """presscut serve on 127.0.0.1:0; its stderr lines are collected."""
    e = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARS}
    e.update(env or {})
    p = subprocess.Popen([PRESSCUT, "serve", "--listen", "127.0.0.1:0"] + list(args),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    procs.append(p)
    line = p.stdout.readline().decode().strip()
    if not line.isdigit():
        raise RuntimeError("serve did not start: " + p.stderr.read().decode()[:300])
    p.log = []
    threading.Thread(target=lambda: p.log.extend(ln.decode(errors="replace") for ln in p.stderr),
                     daemon=True).start()
    return p, int(line)


def stop(p):
    p.terminate()
    try:
        p.wait(30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    return p.returncode


def req(port, path, body=None, host=None, headers=None, method=None, src=None, timeout=60):
    """One request with an explicit Host (default 127.0.0.1:PORT), from src."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=scaled(timeout),
                                   source_address=(src, 0) if src else None)
    data = json.dumps(body).encode() if isinstance(body, dict) else body
    method = method or ("POST" if data is not None else "GET")
    try:
        c.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        c.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
        h = {"Content-Type": "application/json"} if data is not None else {}
        h.update(headers or {})
        for k, v in h.items():
            c.putheader(k, v)
        if data is not None:
            c.putheader("Content-Length", str(len(data)))
        c.endheaders(data)
        r = c.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    except OSError as e:  # a timeout or a reset: no status
        return 0, {}, repr(e).encode()
    finally:
        c.close()


def poll(cond, limit=10.0):
    end = time.monotonic() + scaled(limit)
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def start_http(addr, handler):
    srv = http.server.ThreadingHTTPServer((addr, 0), handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, srv.server_address[1]


class Site(http.server.BaseHTTPRequestHandler):
    """An article; /redirect-loop and /redirect-ok send elsewhere."""
    loop_target = ""
    ok_target = ""

    def log_message(self, *a):
        pass

    def do_GET(self):
        if self.path in ("/redirect-loop", "/redirect-ok"):
            self.send_response(302)
            self.send_header("Location", Site.loop_target if self.path == "/redirect-loop" else Site.ok_target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


class Proxy(http.server.BaseHTTPRequestHandler):
    """A forward proxy for absolute-URI GETs; remembers what it was asked."""
    seen = []

    def log_message(self, *a):
        pass

    def do_GET(self):
        Proxy.seen.append(self.path)
        u = urllib.parse.urlsplit(self.path)
        try:
            c = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=scaled(10))
            c.request("GET", (u.path or "/") + ("?" + u.query if u.query else ""))
            r = c.getresponse()
            body = r.read()
            self.send_response(r.status)
            for k in ("Content-Type", "Location"):
                if r.getheader(k):
                    self.send_header(k, r.getheader(k))
            c.close()
        except OSError:
            body = b""
            self.send_response(502)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def proxies():
    """Item 5: proxy variables do not get around the fetch guard."""
    local, lport = start_http("127.0.0.1", Site)       # loopback: refused
    public, pport = start_http("127.0.0.2", Site)      # "public" (allowed)
    proxy, xport = start_http("127.0.0.3", Proxy)      # a "public" proxy
    loop_url = f"http://127.0.0.1:{lport}/a"
    pub_url = f"http://127.0.0.2:{pport}/a"
    Site.loop_target, Site.ok_target = loop_url, f"http://127.0.0.2:{pport}/b"
    purl = f"http://127.0.0.3:{xport}"
    allow = {"PRESSCUT_FETCH_ALLOW": "127.0.0.2,127.0.0.3"}
    try:
        env = dict(allow, http_proxy=purl, HTTP_PROXY=purl, https_proxy=purl, ALL_PROXY=purl)
        p, port = serve(env=env)
        s, _, b = req(port, "/api/extract", {"url": loop_url})
        check("http_proxy in the environment, no --proxy: loopback refused 403",
              s == 403 and b"refused" in b, (s, b[:160]))
        s, _, b = req(port, "/api/extract", {"url": pub_url})
        check("http_proxy in the environment: a public page is fetched directly", s == 200, (s, b[:160]))
        check("http_proxy in the environment: the proxy saw nothing", Proxy.seen == [], Proxy.seen)
        check("server stops cleanly", stop(p) == 0)

        Proxy.seen.clear()
        p, port = serve("--proxy", purl, env=allow)
        for u in (loop_url, f"http://localhost:{lport}/a", f"http://[::1]:{lport}/a",
                  f"http://%6c%6fcalhost:{lport}/a", f"http://2130706433:{lport}/a",
                  f"http://user@127.0.0.1:{lport}/a"):
            s, _, b = req(port, "/api/extract", {"url": u})
            check(f"--proxy: {u} refused 403 before the proxy", s == 403 and b"refused" in b, (s, b[:160]))
        s, _, b = req(port, "/img?u=" + urllib.parse.quote(loop_url))
        check("--proxy: /img of loopback refused 403", s == 403, (s, b[:160]))
        check("--proxy: the proxy never saw a loopback target", Proxy.seen == [], Proxy.seen)
        s, _, b = req(port, "/api/extract", {"url": pub_url})
        check("--proxy: a public page comes through the proxy",
              s == 200 and Proxy.seen == [pub_url], (s, b[:120], Proxy.seen))
        Proxy.seen.clear()
        s, _, b = req(port, "/api/extract", {"url": f"http://127.0.0.2:{pport}/redirect-loop"})
        check("--proxy: a redirect to loopback is refused 403", s == 403 and b"refused" in b, (s, b[:160]))
        check("--proxy: the redirect's loopback target never reached the proxy",
              not any("127.0.0.1" in x for x in Proxy.seen), Proxy.seen)
        Proxy.seen.clear()
        s, _, b = req(port, "/api/extract", {"url": f"http://127.0.0.2:{pport}/redirect-ok"})
        d = json.loads(b) if s == 200 else {}
        check("--proxy: a public redirect is followed through the proxy",
              s == 200 and len(Proxy.seen) == 2 and d.get("url") == Site.ok_target, (s, b[:160], Proxy.seen))
        check("server stops cleanly", stop(p) == 0)

        Proxy.seen.clear()
        p, port = serve("--proxy", purl, "--allow-private-fetch")
        s, _, b = req(port, "/api/extract", {"url": loop_url})
        check("--proxy --allow-private-fetch: loopback page through the proxy",
              s == 200 and Proxy.seen == [loop_url], (s, b[:160], Proxy.seen))
        check("server stops cleanly", stop(p) == 0)
    finally:
        for srv in (local, public, proxy):
            srv.shutdown()
            srv.server_close()


class Tarpit:
    """A TCP listener that accepts and never answers, until closed."""

    def __init__(self):
        self.sock = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.conns = []
        self.done = threading.Event()
        self.t = threading.Thread(target=self.run, daemon=True)
        self.t.start()

    def run(self):
        end = time.monotonic() + 180  # stops by itself
        while not self.done.is_set() and time.monotonic() < end:
            try:
                self.conns.append(self.sock.accept()[0])
            except OSError:
                pass

    def close(self):
        self.done.set()
        self.t.join(5)
        for c in self.conns:
            c.close()
        self.sock.close()


def socks_atyp():
    """A SOCKS5 proxy stub on 127.0.0.4 that records the address type of
    the first CONNECT (1 IPv4, 3 a name, 4 IPv6) and refuses it; returns
    (listener, port, list of types)."""
    ls = socket.socket()
    ls.bind(("127.0.0.4", 0))
    ls.listen(4)
    ls.settimeout(scaled(20))
    seen = []

    def run():
        try:
            c, _ = ls.accept()
            c.settimeout(scaled(10))
            c.recv(16)                      # greeting
            c.sendall(b"\x05\x00")          # no authentication
            seen.append(c.recv(300)[3])     # VER CMD RSV ATYP ...
            c.sendall(b"\x05\x05\x00\x01" + b"\0" * 6)  # refused
            c.close()
        except (OSError, IndexError):
            pass

    threading.Thread(target=run, daemon=True).start()
    return ls, ls.getsockname()[1], seen


def socks():
    """A socks5:// proxy gets the target's name, not an address looked up
    again after the guard's check (DNS rebinding)."""
    ls, sport, seen = socks_atyp()
    p = None
    try:
        p, port = serve("--proxy", f"socks5://127.0.0.4:{sport}",
                        env={"PRESSCUT_FETCH_ALLOW": "127.0.0.1,::1"})
        req(port, "/api/extract", {"url": "http://localhost:9/a"}, timeout=30)
        poll(lambda: seen, 5)
        check("socks5://: the proxy resolves the name (socks5h)", seen == [3], seen)
    finally:
        ls.close()
        if p:
            stop(p)


def slow_fetches():
    """Item 9: fetches do not occupy the workers; a per-client cap."""
    pit = Tarpit()
    p = None
    threads = []
    try:
        p, port = serve("--threads", "2", "--allow-private-fetch")
        url = f"http://127.0.0.1:{pit.port}/never"
        results = []

        def fire(src=None):
            t = threading.Thread(target=lambda: results.append(
                req(port, "/api/extract", {"url": url}, src=src, timeout=40)[0]))
            t.start()
            threads.append(t)

        for _ in range(4):
            fire()
        poll(lambda: len(pit.conns) >= 2)
        t0 = time.monotonic()
        s, _, b = req(port, "/api/extract", {"text": "Hello"}, timeout=10)
        took = time.monotonic() - t0
        check("4 hung fetches, --threads 2: a text extract answers at once",
              s == 200 and took < scaled(5), (s, round(took, 2), b[:100]))
        check("the 4 fetches are all in progress", poll(lambda: len(pit.conns) >= 4), len(pit.conns))
        codes = [req(port, "/api/extract", {"url": url}, timeout=10)[0] for _ in range(2)]
        check("past --fetches-per-client (4): 429 at once", codes == [429, 429], codes)
        s, _, b = req(port, "/img?u=" + urllib.parse.quote(url), timeout=10)
        check("an image fetch counts too: 429", s == 429, (s, b[:100]))
        # a page given as "text" is read as HTML all the same: its PDF
        # fetches images, so it counts as a fetch too
        page = f'<html><body><h1>T</h1><p>Words here.</p><img src="{url}"></body></html>'
        s, _, b = req(port, "/api/pdf", {"text": page}, timeout=10)
        check("a PDF of HTML sent as text counts too: 429", s == 429, (s, b[:100]))
        fire(src="127.0.0.2")
        check("another client's fetch is not refused", poll(lambda: len(pit.conns) >= 5), len(pit.conns))
        s, _, b = req(port, "/api/extract", {"text": "Hello again"}, timeout=10)
        check("still at once with 5 fetches hung", s == 200, (s, b[:100]))
    finally:
        pit.close()  # the hung fetches fail now
        for t in threads:
            t.join(40)
        if p:
            check("server stops cleanly after the fetches", stop(p) == 0)


def smtp(tmp):
    d, spool, port = start_smtpd(tmp)
    procs.append(d)
    return spool, port


def arrived(spool):
    return sorted(f for f in os.listdir(spool) if f.endswith(".eml")) if os.path.isdir(spool) else []


def token_of(page):
    m = re.search(rb'name="pc-token" content="([^"]+)"', page)
    return m.group(1).decode() if m else ""


def host_header(tmp, spool, sport):
    """Item 10: the Host header is checked (DNS rebinding)."""
    mail = ["--smtp", f"smtp://127.0.0.1:{sport}", "--from", "presscut <noreply@example.org>",
            "--outbox", os.path.join(tmp, "outbox-host")]
    p, port = serve(*mail)
    evil = f"rebind.attacker.example:{port}"
    before = len(arrived(spool))
    routes = (("GET", "/", None), ("GET", "/app.js", None), ("GET", "/app.css", None),
              ("GET", "/img?u=http%3A%2F%2F127.0.0.1%2Fx.png", None), ("GET", "/nope", None),
              ("POST", "/api/extract", {"text": "Hello"}), ("POST", "/api/quotes", {"text": "Hello"}),
              ("POST", "/api/pdf", {"text": "Hello"}), ("POST", "/api/mail", {"text": "Hello"}))
    for method, path, body in routes:
        s, _, b = req(port, path, body, host=evil, method=method)
        check(f"Host {evil}: {method} {path} refused 421", s == 421, (s, b[:100]))
    s, _, b = req(port, "/healthz", host=evil)
    check("Host rebind: /healthz still 200", s == 200, (s, b[:100]))
    for h in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", "127.0.0.1", "localhost."):
        s, _, b = req(port, "/", host=h)
        check(f"Host {h}: the page is served", s == 200 and token_of(b), (s, b[:80]))
    s, _, b = req(port, "/", host="")
    check("an empty Host: 400", s == 400, (s, b[:80]))
    # the rebinding flow: the page and its token, then a message
    s, _, b = req(port, "/", host=evil)
    check("Host rebind: no page, no token", s == 421 and not token_of(b), (s, b[:80]))
    token = token_of(req(port, "/")[2])
    s, _, b = req(port, "/api/mail", {"text": "Hello from the rebinding page.", "to": "ann@example.com",
                                      "attach": "none"},
                  host=evil, headers={"Origin": f"http://{evil}", "X-Presscut-Token": token})
    check("Host rebind with a good token and its own Origin: mail refused 421", s == 421, (s, b[:100]))
    time.sleep(0.3)
    check("Host rebind: nothing was sent", len(arrived(spool)) == before, arrived(spool))
    check("server stops cleanly", stop(p) == 0)

    p, port = serve(*mail, "--allowed-host", "news.example", "--allowed-host", "Other.Example",
                    "--public-url", "https://presscut.example.org:8443/app/")
    for h in ("news.example", f"news.example:{port}", "other.example", "presscut.example.org:8443"):
        s, _, b = req(port, "/", host=h)
        check(f"--allowed-host/--public-url: Host {h} served", s == 200, (s, b[:80]))
    s, _, b = req(port, "/", host="evil.news.example")
    check("a name under an allowed one is not allowed: 421", s == 421, (s, b[:80]))
    token = token_of(req(port, "/")[2])
    s, _, b = req(port, "/api/mail", {"text": "Hello from the public page.", "to": "ann@example.com",
                                      "attach": "none"},
                  host="presscut.example.org:8443",
                  headers={"Origin": "https://presscut.example.org:8443", "X-Presscut-Token": token})
    check("--public-url: mail from the public origin is sent", s == 200, (s, b[:160]))
    check("server stops cleanly", stop(p) == 0)


def recipients(tmp, spool, sport):
    """Item 11: a cap on recipients, and on messages an hour per client."""
    mail = ["--smtp", f"smtp://127.0.0.1:{sport}", "--from", "presscut <noreply@example.org>",
            "--outbox", os.path.join(tmp, "outbox-rcpt"), "--mail-per-minute", "100"]
    p, port = serve(*mail)
    token = token_of(req(port, "/")[2])
    hdr = {"Origin": f"http://127.0.0.1:{port}", "X-Presscut-Token": token}
    many = []
    while len(", ".join(many)) < 8000:
        many.append(f"{len(many)}@e.io")
    many.pop()
    before = len(arrived(spool))
    s, _, b = req(port, "/api/mail", {"text": "Hello all.", "to": ", ".join(many), "attach": "none"},
                  headers=hdr)
    err = json.loads(b) if s in (400, 422) else {}
    check(f"{len(many)} recipients: refused (400/422, one-line JSON)",
          s in (400, 422) and "error" in err and b.count(b"\n") <= 1 and b"@e.io" not in b, (s, b[:200]))
    time.sleep(0.3)
    check(f"{len(many)} recipients: nothing was sent", len(arrived(spool)) == before)
    check("the refusal is logged in one line, without the addresses",
          poll(lambda: any("recipient" in ln for ln in p.log), 5) and
          not any("@e.io" in ln for ln in p.log), p.log)
    ten = ", ".join(f"r{i}@example.com" for i in range(10))
    s, _, b = req(port, "/api/mail", {"text": "Hello ten.", "to": ten, "attach": "none"}, headers=hdr)
    check("10 recipients (the default cap): sent", s == 200, (s, b[:160]))
    s, _, b = req(port, "/api/mail", {"text": "Hello eleven.", "to": ten + ", r10@example.com",
                                      "attach": "none"}, headers=hdr)
    check("11 recipients: refused", s in (400, 422), (s, b[:160]))
    check("server stops cleanly", stop(p) == 0)

    p, port = serve(*mail, "--max-recipients", "2", "--mail-per-hour", "3")
    token = token_of(req(port, "/")[2])
    hdr = {"Origin": f"http://127.0.0.1:{port}", "X-Presscut-Token": token}
    body = {"text": "Hello.", "to": "a@example.com, b@example.com", "attach": "none"}
    s, _, b = req(port, "/api/mail", dict(body, to="a@example.com, b@example.com, c@example.com"), headers=hdr)
    check("--max-recipients 2: 3 refused", s in (400, 422), (s, b[:160]))
    hour = time.time() // 3600
    codes = [req(port, "/api/mail", body, headers=hdr)[0] for _ in range(5)]
    turned = time.time() // 3600 != hour  # the count starts again each hour
    check("--mail-per-hour 3: 3 sent, then 429", codes == [200, 200, 200, 429, 429] or
          (turned and set(codes) <= {200, 429}), codes)
    check("the hourly refusal is logged",
          poll(lambda: any("hour" in ln for ln in p.log), 5) and
          not any("@example.com" in ln for ln in p.log), p.log)
    check("server stops cleanly", stop(p) == 0)


def refused_status():
    """Item 14: refused by policy is 403 everywhere."""
    p, port = serve()
    target = f"http://127.0.0.1:{port}/healthz"
    s, _, b = req(port, "/img?u=" + urllib.parse.quote(target))
    check("/img of loopback: 403", s == 403 and b"refused" in b, (s, b[:160]))
    s, _, b = req(port, "/api/pdf", {"url": target})
    check("/api/pdf of loopback: 403", s == 403 and b"refused" in b, (s, b[:160]))
    s, _, b = req(port, "/api/quotes", {"url": target})
    check("/api/quotes of loopback: 403", s == 403 and b"refused" in b, (s, b[:160]))
    check("server stops cleanly", stop(p) == 0)


def section(name, fn, *args):
    try:
        fn(*args)
    except Exception as e:  # one section's failure does not hide the others
        check(f"{name} ran", False, repr(e)[:300])


def main():
    tmp = tempfile.mkdtemp(prefix="pc-attacks-req-")
    atexit.register(shutil.rmtree, tmp, True)
    only = os.environ.get("PC_TEST_ONLY", "")
    spool, sport = smtp(tmp)
    for name, fn, args in (("refused_status", refused_status, ()), ("host_header", host_header, (tmp, spool, sport)),
                           ("recipients", recipients, (tmp, spool, sport)), ("proxies", proxies, ()),
                           ("slow_fetches", slow_fetches, ()), ("socks", socks, ())):
        if not only or name in only.split(","):
            print(f"# {name}")
            section(name, fn, *args)
    return report()


if __name__ == "__main__":
    run_main(main, procs)
