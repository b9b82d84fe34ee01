"""feedserver.py - the HTTP server of the feed tests: Python's http.server
on 127.0.0.1 (a free port), in a thread of the test.

/feeds/NAME   tests/feed/data/NAME with @BASE@ replaced by the server's
              own http://127.0.0.1:PORT (feeds name the pages they list)
/pages/NAME   tests/feed/data/pages/NAME
/huge.xml     an endless RSS feed, chunked, up to 1 GB: the client must
              stop it by its cap (the bytes sent are counted)
anything else 404.  Every path asked for is logged in `paths`.
"""
import http.server
import os
import threading

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
TYPES = {".xml": "application/rss+xml", ".rdf": "application/rdf+xml",
         ".opml": "text/x-opml", ".html": "text/html; charset=utf-8"}


class FeedServer:
    def __init__(self):
        srv = self
        self.paths = []
        self.huge_sent = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def send_body(self, body, ctype):
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def huge(self):
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                item = (b"<item><title>Endless</title><link>http://example.org/x"
                        b"</link><description>" + b"x" * 4000 +
                        b"</description></item>\n")
                chunk = b"<rss version=\"2.0\"><channel><title>Huge</title>\n" + item * 15
                try:
                    while srv.huge_sent < (1 << 30):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        srv.huge_sent += len(chunk)
                        chunk = item * 16
                    self.wfile.write(b"0\r\n\r\n")
                except OSError:
                    pass  # the client hung up: what the test wants
                self.close_connection = True

            def do_GET(self):
                srv.paths.append(self.path)
                path = self.path.split("?")[0]
                if path == "/huge.xml":
                    return self.huge()
                parts = path.strip("/").split("/")
                name = parts[-1]
                if len(parts) == 2 and parts[0] in ("feeds", "pages") and \
                        not name.startswith(".") and name:
                    sub = DATA if parts[0] == "feeds" else os.path.join(DATA, "pages")
                    f = os.path.join(sub, name)
                    if os.path.isfile(f):
                        body = open(f, "rb").read()
                        if parts[0] == "feeds":
                            body = body.replace(b"@BASE@", srv.base.encode())
                        ext = os.path.splitext(name)[1]
                        return self.send_body(body, TYPES.get(ext, "application/xml"))
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def feed(self, name):
        return f"{self.base}/feeds/{name}"

    def text(self, name):
        """A fixture feed as the server sends it."""
        with open(os.path.join(DATA, name), "rb") as f:
            return f.read().replace(b"@BASE@", self.base.encode())

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
