#!/usr/bin/python3
"""test_nginx.py PRESSCUT REPO - presscut serve behind Debian's real nginx.

Starts `presscut serve --base-path /presscut/ --trusted-proxy 127.0.0.1`
on 127.0.0.1 and a second one on a Unix socket (--trusted-proxy unix), and
nginx on 127.0.0.1 with a configuration written for the test (pid, logs
and temporary paths in a temporary directory, free ports; `nginx -p TMP
-c TMP/nginx.conf -g 'daemon off;'`) proxying /presscut/ to each, as
docs/deploy.md shows.  Through nginx it drives the page and its assets,
the API (extract, quotes, a PDF; a raw text/html body), /presscut/healthz
and /readyz, nginx's body-size limit, and checks the access log:
X-Forwarded-For names the client when nginx (a trusted proxy) passes the
request, a header the client forged is not believed, and a client that
talks to presscut directly with the header is named by its own address.
Clients connect from 127.0.0.2, so that they are not the trusted proxy.
Skipped (77) without nginx.
"""
import atexit
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled, stop, free_port, listening, run_main, start_serve, request, wait_until  # noqa: E402
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
ACCESS = re.compile(r"^\S+Z (\S+) (GET|POST|HEAD) (\S+) (\d{3}|-) (\d+) (\d+\.\d)ms$")
CLIENT = "127.0.0.2"  # the browser's address; nginx talks from 127.0.0.1
procs = []

CONF = """\
{user}worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log info;
events {{ worker_connections 64; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    upstream presscut_tcp {{ server 127.0.0.1:{port}; keepalive 8; }}
    upstream presscut_unix {{ server unix:{sock}; keepalive 8; }}
    server {{
        listen 127.0.0.1:{nport};
        location /presscut/ {{
            proxy_pass http://presscut_tcp;
{proxy}
        }}
    }}
    server {{
        listen 127.0.0.1:{uport};
        location /presscut/ {{
            proxy_pass http://presscut_unix;
{proxy}
        }}
    }}
}}
"""
# what docs/deploy.md puts in the location
PROXY = """\
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            client_max_body_size 10m;
            proxy_read_timeout 120s;
            proxy_send_timeout 120s;"""



def serve(*args):
    return start_serve([PRESSCUT, "serve", "--threads", "2", "--fetch-threads", "2",
                        "--base-path", "/presscut/", "--log-client"] + list(args), procs)


def req(port, path, body=None, headers=None, raw=None, method=None):
    """One request from CLIENT to 127.0.0.1:port: (status, headers, body)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=scaled(120), source_address=(CLIENT, 0))
    return request(c, path, body, headers, method, raw)



def drive(nport, seed, label):
    """The page, its assets and the API through nginx on nport."""
    s, h, b = req(nport, "/presscut")
    check(f"{label}: /presscut redirects to /presscut/",
          s in (301, 308) and h.get("Location", "").endswith("/presscut/"), (s, h.get("Location")))
    s, h, page = req(nport, "/presscut/")
    check(f"{label}: the page", s == 200 and b"<main" in page and "script-src 'self'" in
          h.get("Content-Security-Policy", ""), s)
    for a in re.findall(rb'(?:href|src)="([^":#]+)"', page):
        url = urllib.parse.urljoin("/presscut/", a.decode())
        s, h, b = req(nport, url)
        # archive-save.js is a one-line comment without --db
        check(f"{label}: asset {url}", s == 200 and (len(b) > 1000 or a == b"archive-save.js"), s)
    s, h, b = req(nport, "/presscut/api/extract", {"text": seed})
    check(f"{label}: POST /presscut/api/extract",
          s == 200 and json.loads(b)["title"].startswith("Terrorist Attack"), (s, b[:100]))
    s, h, b = req(nport, "/presscut/api/quotes", {"text": seed})
    check(f"{label}: POST /presscut/api/quotes",
          s == 200 and any(c["claimant"] == "Alexander Bortnikov" for c in json.loads(b).get("claims", [])), s)
    s, h, b = req(nport, "/presscut/api/pdf", {"text": seed, "images": "none"})
    check(f"{label}: POST /presscut/api/pdf", s == 200 and b.startswith(b"%PDF-") and
          "attachment" in h.get("Content-Disposition", ""), s)
    html = ("<html><head><title>Through nginx</title></head><body><article><h1>Through nginx</h1>"
            + "".join(f"<p>Paragraph {i} of a page sent raw through the proxy, long enough.</p>" for i in range(5))
            + "</article></body></html>")
    s, h, b = req(nport, "/presscut/api/extract?base_url=https://news.example/a", raw=html.encode(),
                  headers={"Content-Type": "text/html; charset=utf-8"})
    check(f"{label}: a raw text/html body with query options", s == 200 and
          json.loads(b).get("title") == "Through nginx", (s, b[:100]))
    for path in ("/presscut/healthz", "/presscut/readyz"):
        s, h, b = req(nport, path)
        check(f"{label}: {path}", s == 200, s)
    s, h, b = req(nport, "/presscut/api/extract", raw=b"{" + b" " * (11 << 20) + b"}")
    check(f"{label}: nginx's body limit: 413", s == 413, s)
    s, h, b = req(nport, "/elsewhere")
    check(f"{label}: outside /presscut/: nginx's 404", s == 404, s)


def main():
    if not NGINX:
        print("SKIP: no nginx")
        return 77
    tmp = tempfile.mkdtemp(prefix="pc-nginx-")
    atexit.register(shutil.rmtree, tmp, True)
    os.chmod(tmp, 0o755)
    seed = open(SEED).read()
    sock = os.path.join(tmp, "presscut.sock")
    p, port = serve("--listen", "127.0.0.1:0", "--trusted-proxy", "127.0.0.1")
    port = int(port)
    pu, _ = serve("--listen", "unix:" + sock, "--trusted-proxy", "unix")
    nport, uport = free_port(), free_port()
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers read the 0660 socket
    conf = os.path.join(tmp, "nginx.conf")
    open(conf, "w").write(CONF.format(user=user, tmp=tmp, port=port, sock=sock, nport=nport,
                                      uport=uport, proxy=PROXY))
    ng = subprocess.Popen([NGINX, "-p", tmp, "-c", conf, "-g", "daemon off;"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    procs.append(ng)
    if not wait_until(lambda: ng.poll() is not None or (listening(nport) and listening(uport)), 30) or ng.poll() is not None:
        err = ng.stderr.read().decode() if ng.poll() is not None else ""
        check("nginx starts", False, err + open(os.path.join(tmp, "error.log")).read()[-600:])
        return report()
    check("nginx starts", True)

    drive(nport, seed, "nginx -> TCP")
    drive(uport, seed, "nginx -> unix")
    # a forged X-Forwarded-For through nginx, and one sent to presscut directly
    req(nport, "/presscut/healthz", headers={"X-Forwarded-For": "203.0.113.50"})
    req(uport, "/presscut/healthz", headers={"X-Forwarded-For": "203.0.113.51"})
    req(port, "/presscut/readyz", headers={"X-Forwarded-For": "203.0.113.52"})

    stop(ng)
    check("presscut (TCP): SIGTERM, exit 0", stop(p) == 0)
    check("presscut (unix): SIGTERM, exit 0", stop(pu) == 0)
    for name, proc in (("TCP", p), ("unix", pu)):
        proc.reader.join(scaled(10))
        log = [m.groups() for m in map(ACCESS.match, proc.log) if m]
        check(f"access log ({name}): a line per request through nginx, the client from X-Forwarded-For",
              len(log) >= 10 and all(g[0] == CLIENT for g in log if g[2] != "/presscut/readyz"),
              [g for g in log if g[0] != CLIENT][:4])
        check(f"access log ({name}): the API through nginx",
              {("POST", "/presscut/api/extract", "200"), ("POST", "/presscut/api/pdf", "200"),
               ("POST", "/presscut/api/quotes", "200")} <= {g[1:4] for g in log}, log[:6])
        check(f"access log ({name}): a forged X-Forwarded-For is not believed",
              not any(g[0].startswith("203.0.113.") for g in log), log)
    direct = [m.groups() for m in map(ACCESS.match, p.log) if m and m.group(3) == "/presscut/readyz"]
    check("a client talking to presscut directly is named by its own address, its header ignored",
          [g[0] for g in direct] == [CLIENT] * 2, direct)
    return report()


if __name__ == "__main__":
    run_main(main, procs)
