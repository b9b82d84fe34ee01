#!/usr/bin/python3
"""A small HTTP server on 127.0.0.1 for the fetch tests.

Usage: httpd.py DOCROOT PORTFILE
Serves DOCROOT, plus:
  /redirect/N    302 to /redirect/N-1, and /redirect/0 to /page.html
  /gzip          page.html gzip-encoded when the client accepts it
  /latin1        a windows-1252 page declared only in the HTTP header
  /big           11 MiB of HTML (over the 10 MiB fetch cap)
  /slow          waits 30 s before answering
Writes the port it listens on to PORTFILE once ready.
"""
import gzip
import http.server
import os
import sys
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as the size cap tells it to

    def do_GET(self):
        p = self.path
        if p.startswith("/redirect/"):
            n = int(p.rsplit("/", 1)[1])
            loc = "/page.html" if n <= 0 else "/redirect/%d" % (n - 1)
            return self.send(302, b"", [("Location", loc)])
        if p == "/gzip":
            body = open(os.path.join(self.directory, "page.html"), "rb").read()
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                return self.send(406, b"gzip only")
            return self.send(200, gzip.compress(body),
                             [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
        if p == "/latin1":
            body = ("<html><body><article><p>Le caf\xe9 de la gare, o\xf9 l'on "
                    "parle fran\xe7ais, est ouvert le soir, et c'est tr\xe8s "
                    "bien ainsi pour tout le monde.</p></article></body></html>").encode("cp1252")
            return self.send(200, body, [("Content-Type", "text/html; charset=windows-1252")])
        if p == "/big":
            body = b"<html><body>" + b"<p>filler text</p>" * (11 * 1024 * 1024 // 18)
            return self.send(200, body, [("Content-Type", "text/html")])
        if p == "/slow":
            time.sleep(30)
            return self.send(200, b"late")
        return super().do_GET()


def main():
    root, portfile = sys.argv[1], sys.argv[2]
    handler = lambda *a, **k: Handler(*a, directory=root, **k)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    srv.daemon_threads = True
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
