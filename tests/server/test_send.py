#!/usr/bin/python3
"""test_send.py PRESSCUT - POST /send, the route of the page's bookmarklet.

The bookmarklet posts a form (application/x-www-form-urlencoded: "url",
and "html" for a page behind a login) from any site; the answer is the
page with that input in its pc-incoming <meta>, HTML-escaped, under the
page's own strict CSP.  Checks: the form round-trips (UTF-8, '+', %XX),
markup in the sent HTML stays inert text of an attribute, a url that is
not http(s), a missing url, a broken %-escape and another Content-Type
are refused, a body over --max-body is 413, the pc-mail <meta> says
whether mail is configured, GET /send is not a page.
"""
import html
import http.client
import json
import os
import re
import sys
import urllib.parse

PRESSCUT = sys.argv[1]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, run_main, start_serve, request  # noqa: E402
procs = []
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def incoming(page):
    m = re.search(rb'<meta name="pc-incoming" content="([^"]*)">', page)
    return json.loads(html.unescape(m.group(1).decode())) if m and m.group(1) else None


def main():
    _, port = start_serve([PRESSCUT, "serve", "--listen", "127.0.0.1:0", "--max-body", "200000"], procs)
    conn = lambda: http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)  # noqa: E731
    st, h, page = request(conn(), "/")
    check("GET /: no input, mail off", st == 200 and incoming(page) is None and
          b'<meta name="pc-mail" content="">' in page, page[:400])
    sent = "<p>Привет, \"мир\" & <script>alert(1)</script></p>"
    body = urllib.parse.urlencode({"url": "https://news.example/a?b=1&c=2", "html": sent}).encode()
    st, h, page = request(conn(), "/send", raw=body, headers=FORM)
    got = incoming(page)
    check("the form round-trips into the page", st == 200 and got == {"url": "https://news.example/a?b=1&c=2", "html": sent}, got)
    check("the sent markup stays inert (escaped in an attribute)", b"<script>alert" not in page and b"<p>" not in page.split(b"pc-incoming")[1][:200])
    check("the same strict CSP as GET /", "script-src 'self';" in h.get("Content-Security-Policy", ""), h)
    check("the page has its mail token", re.search(rb'name="pc-token" content="[0-9a-f]', page) is not None)
    st, _, page = request(conn(), "/send", raw=b"url=https%3A%2F%2Fa.example%2Fx+y", headers=FORM)
    check("url only, '+' a space", st == 200 and incoming(page) == {"url": "https://a.example/x y"}, incoming(page))
    for name, raw, want in [("javascript: url", b"url=javascript%3Aalert(1)", 400),
                            ("no url", b"html=%3Cp%3Ex%3C%2Fp%3E", 400),
                            ("broken %-escape", b"url=https%3A%2F%2Fa.example%2&html=x", 400),
                            ("a url over 4096 bytes", b"url=https%3A%2F%2Fa.example%2F" + b"x" * 5000, 400)]:
        st, _, page = request(conn(), "/send", raw=raw, headers=FORM)
        check("refused: " + name, st == want, (st, page[:200]))
    st, _, _ = request(conn(), "/send", raw=b"url=https%3A%2F%2Fa.example%2F", headers={"Content-Type": "text/plain"})
    check("refused: another Content-Type (415)", st == 415, st)
    big = b"url=https%3A%2F%2Fa.example%2F&html=" + b"x" * 300000
    st, _, _ = request(conn(), "/send", raw=big, headers=FORM)
    check("refused: a body over --max-body (413)", st == 413, st)
    st, _, _ = request(conn(), "/send")
    check("GET /send is not a page", st == 404, st)
    return report()


run_main(main, procs)
