#!/usr/bin/python3
"""test_deploy.py PRESSCUT REPO - presscut serve as deployed (docs/deploy.md).

Starts `presscut serve` on 127.0.0.1 and on a Unix socket and checks:
--base-path (the page, its assets and the API under /presscut/, a 308
from /presscut, nothing outside it but /healthz and /readyz, bad paths
refused); --trusted-proxy (X-Forwarded-For names the client for the mail
rate and the access log only when the peer is a trusted proxy, the
right-most untrusted hop, never a forged left-most one); the Unix socket
(mode 0660, answers, a second server refused with exit 4, a stale socket
file replaced, the file removed at exit, "unix" as a trusted proxy);
sd_notify (READY=1 once listening, STOPPING=1 on SIGTERM, read from a
datagram socket given as NOTIFY_SOCKET).  A real SMTP server
(tests/mail/smtpd.py) takes the mail.
"""
import atexit
import http.client
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import urllib.parse

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled, start_smtpd, stop, run_main, start_serve, request, wait_until  # noqa: E402
procs = []
ACCESS = re.compile(r"^\S+Z (?:(\S+) )?(GET|POST|HEAD) (\S+) (\d{3}|-) (\d+) (\d+\.\d)ms$")


def serve(*args, listen="127.0.0.1:0", env=None):
    """presscut serve; its first stdout line (the port, or the socket's
    path) and its stderr lines, collected."""
    return start_serve([PRESSCUT, "serve", "--listen", listen, "--threads", "2",
                        "--fetch-threads", "2"] + list(args), procs, env)


def access(p):
    """The access-log lines of a stopped server, split into fields."""
    p.reader.join(scaled(10))
    return [m.groups() for m in map(ACCESS.match, p.log) if m]


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=60):
        super().__init__("localhost", timeout=scaled(timeout))
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.path)


def req(where, path, body=None, headers=None, method=None, raw=None):
    """One request to a port (int) or a Unix socket (str); (status,
    headers, body)."""
    c = UnixConnection(where) if isinstance(where, str) else \
        http.client.HTTPConnection("127.0.0.1", where, timeout=scaled(60))
    return request(c, path, body, headers, method, raw)


def base_path(seed):
    p, port = serve("--base-path", "/presscut")
    port = int(port)
    check("start line: the URL with the base path",
          wait_until(lambda: f"presscut: serving on http://127.0.0.1:{port}/presscut/" in p.log, 30), p.log[:2])
    s, h, b = req(port, "/presscut")
    check("/presscut: 308 to /presscut/", s == 308 and h.get("Location") == "/presscut/", (s, h.get("Location")))
    s, h, page = req(port, "/presscut/")
    check("/presscut/: the page", s == 200 and b"<main" in page, s)
    assets = re.findall(rb'(?:href|src)="([^":#]+)"', page)
    check("the page's assets are relative",
          sorted(assets) == [b"app.css", b"app.js", b"archive-save.js"], assets)
    for a in assets:
        url = urllib.parse.urljoin("/presscut/", a.decode())
        s, h, b = req(port, url)
        # archive-save.js is a one-line comment without --db
        check(f"asset {url}: 200", s == 200 and (len(b) > 1000 or a == b"archive-save.js"), s)
    s, h, b = req(port, "/presscut/api/extract", {"text": seed})
    check("POST /presscut/api/extract", s == 200 and json.loads(b)["title"].startswith("Terrorist Attack"), (s, b[:80]))
    s, h, b = req(port, "/presscut/api/pdf", {"text": seed, "images": "none"})
    check("POST /presscut/api/pdf", s == 200 and b.startswith(b"%PDF-"), s)
    for path in ("/", "/app.js", "/api/extract", "/presscutx/", "/other/presscut/"):
        s, h, b = req(port, path)
        check(f"outside the base path: {path} 404", s == 404, s)
    for path in ("/healthz", "/readyz", "/presscut/healthz", "/presscut/readyz"):
        s, h, b = req(port, path)
        check(f"{path}: 200", s == 200, s)
    stop(p)
    logged = [g[2] for g in access(p)]
    check("the access log has the full path", "/presscut/api/extract" in logged, logged)
    js = open(os.path.join(REPO, "web", "app.js")).read()
    check("app.js asks for no absolute path", not re.search(r"""['"]/(api|img)""", js))
    for bad in ("/a/../b", "/a?b", "/a//b", "/a b"):
        r = subprocess.run([PRESSCUT, "serve", "--base-path", bad], capture_output=True, timeout=scaled(60))
        check(f"--base-path {bad!r}: exit 2, one line", r.returncode == 2 and r.stderr.count(b"\n") == 1,
              (r.returncode, r.stderr))


def trusted_proxy(tmp, seed):
    smtpd, spool, smtp_port = start_smtpd(tmp)
    procs.append(smtpd)
    mail = ["--smtp", f"smtp://127.0.0.1:{smtp_port}", "--from", "noreply@example.org",
            "--outbox", os.path.join(tmp, "outbox"), "--mail-per-minute", "1", "--log-client"]
    results = {}
    for name, extra in (("trusted", ["--trusted-proxy", "10.9.9.9,127.0.0.0/8"]), ("untrusted", [])):
        p, port = serve(*(mail + extra))
        port = int(port)
        s, h, page = req(port, "/")
        token = re.search(rb'name="pc-token" content="([^"]+)"', page).group(1).decode()
        hdr = {"X-Presscut-Token": token, "Origin": f"http://127.0.0.1:{port}"}
        body = {"text": seed, "to": "reader@example.com", "attach": "none"}
        codes = []
        # client A twice (its second is over the rate), then client B, whose
        # header also carries a forged left-most hop naming A
        for xff in ("203.0.113.1", "203.0.113.1", "203.0.113.1, 203.0.113.2"):
            codes.append(req(port, "/api/mail", body, headers=dict(hdr, **{"X-Forwarded-For": xff}))[0])
        stop(p)
        results[name] = (codes, access(p))
    codes, log = results["trusted"]
    check("trusted proxy: the mail rate counts each forwarded client", codes == [200, 429, 200], codes)
    mails = [(g[0], g[3]) for g in log if g[2] == "/api/mail"]
    check("trusted proxy: the log names the right-most untrusted hop",
          mails == [("203.0.113.1", "200"), ("203.0.113.1", "429"), ("203.0.113.2", "200")], mails)
    codes, log = results["untrusted"]
    check("untrusted peer: X-Forwarded-For ignored for the rate", codes == [200, 429, 429], codes)
    check("untrusted peer: the log names the peer",
          {g[0] for g in log if g[2] == "/api/mail"} == {"127.0.0.1"}, log)
    r = subprocess.run([PRESSCUT, "serve", "--trusted-proxy", "127.0.0.1,nginx"], capture_output=True, timeout=scaled(60))
    check("--trusted-proxy with a name: exit 2", r.returncode == 2 and b"'nginx'" in r.stderr, r.stderr)


def unix_socket(tmp):
    sock = os.path.join(tmp, "run", "presscut.sock")
    os.makedirs(os.path.dirname(sock))
    p, first = serve("--log-client", listen="unix:" + sock)
    check("unix: the path on stdout", first == sock, first)
    check("unix: the start line", wait_until(lambda: f"presscut: serving on unix:{sock} (the page at /)" in p.log, 30), p.log)
    mode = stat.S_IMODE(os.stat(sock).st_mode)
    check("unix: the socket is mode 0660", mode == 0o660, oct(mode))
    s, h, b = req(sock, "/healthz")
    check("unix: /healthz", s == 200, s)
    s, h, b = req(sock, "/", headers={"Host": "localhost"})
    check("unix: the page", s == 200 and b"<main" in b, s)
    s, h, b = req(sock, "/readyz", headers={"X-Forwarded-For": "198.51.100.4"})
    check("unix: /readyz", s == 200, s)
    r = subprocess.run([PRESSCUT, "serve", "--listen", "unix:" + sock], capture_output=True, timeout=scaled(60))
    check("unix: a socket in use: exit 4, one line",
          r.returncode == 4 and r.stderr == f"presscut: serve: unix:{sock}: address already in use\n".encode(),
          (r.returncode, r.stderr))
    check("unix: SIGTERM: exit 0", stop(p) == 0)
    check("unix: the socket file is removed", not os.path.exists(sock))
    check("unix: no X-Forwarded-For trusted by default, the client is 'unix'",
          [g[0] for g in access(p)] == ["unix"] * 3, access(p))
    # a socket file left by a server that is gone is replaced
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(sock)
    dead.close()
    p, first = serve("--trusted-proxy", "unix", "--log-client", listen="unix:" + sock)
    s, h, b = req(sock, "/healthz", headers={"X-Forwarded-For": "198.51.100.4"})
    check("unix: a stale socket file is replaced", s == 200, s)
    req(sock, "/healthz", headers={"X-Forwarded-For": "198.51.100.9, [2001:db8::8]"})
    req(sock, "/healthz", headers={"X-Forwarded-For": "198.51.100.9, not-an-address"})
    stop(p)
    check("unix: --trusted-proxy unix: X-Forwarded-For names the client (IPv6 too; "
          "a hop that is no address stops at the proxy)",
          [g[0] for g in access(p)] == ["198.51.100.4", "2001:db8::8", "unix"], access(p))
    r = subprocess.run([PRESSCUT, "serve", "--listen", "unix:" + "/x" * 80], capture_output=True, timeout=scaled(60))
    check("unix: a path too long: exit 2", r.returncode == 2 and r.stderr.count(b"\n") == 1, r.stderr)


def sd_notify(tmp):
    path = os.path.join(tmp, "notify")
    ns = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ns.bind(path)
    ns.settimeout(0.2)
    got = []

    def heard(word):
        try:
            got.extend(ns.recv(4096).decode().split("\n"))
        except socket.timeout:
            pass
        return word in got
    p, port = serve(env={"NOTIFY_SOCKET": path})
    check("sd_notify: READY=1 once listening", wait_until(lambda: heard("READY=1"), 30), got)
    s, h, b = req(int(port), "/readyz")
    check("sd_notify: ready means /readyz 200", s == 200, s)
    p.terminate()
    check("sd_notify: STOPPING=1 on SIGTERM", wait_until(lambda: heard("STOPPING=1"), 30), got)
    p.wait(scaled(30))
    check("sd_notify: exit 0", p.returncode == 0, p.returncode)
    p.reader.join(scaled(10))
    check("sd_notify: nothing reported wrong", not any("systemd" in ln for ln in p.log), p.log)
    ns.close()
    p, port = serve()
    stop(p)
    check("no NOTIFY_SOCKET: nothing sent, nothing said", not any("systemd" in ln for ln in p.log), p.log)


def main():
    tmp = tempfile.mkdtemp(prefix="pc-deploy-")
    atexit.register(shutil.rmtree, tmp, True)
    seed = open(SEED).read()
    base_path(seed)
    trusted_proxy(tmp, seed)
    unix_socket(tmp)
    sd_notify(tmp)
    return report()


if __name__ == "__main__":
    run_main(main, procs)
