#!/usr/bin/python3
"""test_images.py PRESSCUT REPO - where the images of html, pdf and mail
come from (issue 22, items 8 and 17).

Local files: a saved page in site/sub/ names images outside its folder (an
absolute path, ../../secret/photo.png, root-relative /photo.png, a symlink
and a symlinked folder pointing out, file://); only the images inside the
page's folder tree (symlinks resolved) are embedded by html
--embed-images, pdf and mail, and the rest is told in ONE warning line.
With a <base href> or a canonical URL, relative and root-relative sources
are web addresses (fetched only with --fetch-images); stdin has no folder;
several inputs each read their own folder; serve never reads a local
file.

Fetches: a page with 300 <img> of one URL and 150 distinct ones makes one
request for the repeated URL and at most 50 in all; a stalling image server
costs at most the request's shared budget, not 10 s an image.

The image servers listen on 127.0.0.1 / 127.0.0.2 port 0, count the
requests, and stop at the end.  Python 3 standard library only.
"""
import atexit
import email
import email.policy
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zlib

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled  # noqa: E402

PARA = ("<p>This is a paragraph of the article with enough ordinary words in it "
        "to be kept as body text by the extractor, number {}.</p>\n")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, timeout=scaled(300), **kw)


def pc(*args, **kw):
    return run([PRESSCUT] + list(args), **kw)


def png(w, h, rgba=b"\x22\x88\xcc\xff"):
    raw = b"".join(b"\x00" + rgba * w for _ in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def page(srcs, head=""):
    body = "".join(PARA.format(i) + f'<figure><img src="{s}" alt="i{i}"></figure>\n'
                   for i, s in enumerate(srcs))
    return (f"<!doctype html><html lang=\"en\"><head><title>Images</title>{head}</head>"
            f"<body><article><h1>Images</h1>{body}{PARA.format('last')}</article></body></html>")


def sizes(pdf):
    """(width, height) of every image drawn in the PDF (pdfimages -list)."""
    out = run(["pdfimages", "-list", pdf]).stdout.decode()
    return [(int(m.group(1)), int(m.group(2)))
            for m in re.finditer(r"^\s*\d+\s+\d+\s+\w+\s+(\d+)\s+(\d+)\s", out, re.M)]


def warnings(stderr):
    return [ln for ln in stderr.decode().splitlines() if "warning" in ln]


class Images(http.server.BaseHTTPRequestHandler):
    """Counts requests by path; /stall/ answers after the test is over."""
    counts = {}
    lock = threading.Lock()
    stop = threading.Event()

    def log_message(self, *a):
        pass

    def do_GET(self):
        with Images.lock:
            Images.counts[self.path] = Images.counts.get(self.path, 0) + 1
        if self.path.startswith("/stall/"):
            Images.stop.wait(60)  # bounded: the test sets stop at its end
            return
        body = png(20, 20)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def image_server(host):
    srv = http.server.ThreadingHTTPServer((host, 0), Images)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    atexit.register(srv.shutdown)
    return srv, f"http://{host}:{srv.server_address[1]}"


def counts(prefix=""):
    with Images.lock:
        return {k: v for k, v in Images.counts.items() if k.startswith(prefix)}


def mail_pdf_sizes(eml, tmp):
    """(width, height) of the images of the PDF attached to eml, and the
    number of image parts and data:image URIs in the message."""
    msg = email.message_from_bytes(open(eml, "rb").read(), policy=email.policy.default)
    found, imgs, datas = [], 0, 0
    for part in msg.walk():
        ct = part.get_content_type()
        if ct == "application/pdf":
            p = os.path.join(tmp, "att.pdf")
            with open(p, "wb") as f:
                f.write(part.get_payload(decode=True))
            found = sizes(p)
        elif ct.startswith("image/"):
            imgs += 1
        elif ct == "text/html":
            datas += part.get_content().count("data:image/")
    return found, imgs, datas


def local_files(tmp):
    """The tree of item 17; returns (page path, secret photo path)."""
    secret = os.path.join(tmp, "secret")
    sub = os.path.join(tmp, "site", "sub")
    os.makedirs(secret)
    os.makedirs(os.path.join(sub, "pics"))
    with open(os.path.join(secret, "photo.png"), "wb") as f:
        f.write(png(50, 50, b"\xff\x00\x00\xff"))   # must never show up
    with open(os.path.join(tmp, "site", "photo.png"), "wb") as f:
        f.write(png(50, 50, b"\xff\x00\x00\xff"))   # the "site root": not ours either
    with open(os.path.join(sub, "img.png"), "wb") as f:
        f.write(png(40, 30))
    with open(os.path.join(sub, "pics", "img2.png"), "wb") as f:
        f.write(png(41, 31))
    os.symlink(os.path.join(secret, "photo.png"), os.path.join(sub, "link.png"))
    os.symlink(secret, os.path.join(sub, "linkdir"))
    return sub, os.path.join(secret, "photo.png")


BAD_SIZE = (50, 50)
GOOD = [(40, 30), (41, 31)]


def test_local(tmp):
    sub, secret = local_files(tmp)
    srcs = ["img.png", "pics/img2.png", secret, "../../secret/photo.png", "../photo.png",
            "/photo.png", "link.png", "linkdir/photo.png", "pics/../../../secret/photo.png",
            "file://" + secret]
    html_in = os.path.join(sub, "page.html")
    with open(html_in, "w") as f:
        f.write(page(srcs))
    out = os.path.join(tmp, "out.pdf")

    r = pc("html", html_in, "--embed-images")
    h = r.stdout.decode()
    check("html --embed-images: exit 0", r.returncode == 0, r.stderr.decode())
    check("html --embed-images: only the two images of the page's folder",
          h.count('src="data:image/') == 2, h.count('src="data:image/'))
    w = warnings(r.stderr)
    check("html --embed-images: one warning line for the images left out",
          len(w) == 1 and "8 images left out" in w[0], w)

    r = pc("pdf", html_in, "-o", out)
    s = sizes(out)
    check("pdf: exit 0", r.returncode == 0, r.stderr.decode())
    check("pdf: only the two images of the page's folder", sorted(s) == GOOD, s)
    check("pdf: one warning line", len(warnings(r.stderr)) == 1, r.stderr.decode())

    eml = os.path.join(tmp, "m.eml")
    r = pc("mail", html_in, "--to", "ann@example.org", "--from", "bob@example.org",
           "--dry-run", "-o", eml)
    check("mail --dry-run: exit 0", r.returncode == 0, r.stderr.decode())
    s, nparts, ndata = mail_pdf_sizes(eml, tmp)
    check("mail: the attached PDF holds only the two images of the folder", sorted(s) == GOOD, s)
    check("mail: no image part or data: URI from outside", nparts == 0 and ndata == 0, (nparts, ndata))

    # stdin has no folder: no local image at all
    with open(html_in, "rb") as f:
        r = pc("pdf", "-", "-o", out, stdin=f)
    check("stdin: no local images", r.returncode == 0 and sizes(out) == [], (r.stderr.decode(), sizes(out)))
    check("stdin: one warning line", len(warnings(r.stderr)) == 1, r.stderr.decode())
    return sub


def test_two_folders(tmp):
    """Several inputs: each document's images come from its own folder."""
    a, b = os.path.join(tmp, "two", "a"), os.path.join(tmp, "two", "b")
    os.makedirs(a)
    os.makedirs(b)
    with open(os.path.join(a, "x.png"), "wb") as f:
        f.write(png(40, 30))
    with open(os.path.join(a, "y.png"), "wb") as f:
        f.write(png(50, 50, b"\xff\x00\x00\xff"))  # a's, not b's
    with open(os.path.join(b, "z.png"), "wb") as f:
        f.write(png(41, 31))
    with open(os.path.join(a, "page.html"), "w") as f:
        f.write(page(["x.png"]))
    with open(os.path.join(b, "page.html"), "w") as f:
        f.write(page(["y.png", "z.png"]))
    out = os.path.join(tmp, "two.pdf")
    r = pc("pdf", os.path.join(a, "page.html"), os.path.join(b, "page.html"), "-o", out)
    check("two inputs in two folders: each one's images from its own folder",
          r.returncode == 0 and sorted(sizes(out)) == GOOD, (r.stderr.decode(), sizes(out)))


def test_base(tmp, sub, base):
    """<base href> and canonical URLs make relative sources web addresses."""
    srcs = ["img.png", "/photo.png", "../../secret/photo.png", "link.png"]
    b_in = os.path.join(sub, "based.html")
    with open(b_in, "w") as f:
        f.write(page(srcs, f'<base href="{base}/b/c/">'))
    out = os.path.join(tmp, "base.pdf")
    r = pc("pdf", b_in, "--no-fetch-images", "-o", out)
    check("<base href>, no fetching: no local file read",
          r.returncode == 0 and sizes(out) == [], (r.stderr.decode(), sizes(out)))
    check("<base href>, no fetching: one warning line", len(warnings(r.stderr)) == 1, r.stderr.decode())
    before = counts()
    r = pc("pdf", b_in, "--fetch-images", "-o", out)
    got = {k: v - before.get(k, 0) for k, v in counts().items() if v != before.get(k, 0)}
    check("<base href> + --fetch-images: sources resolved against it",
          set(got) == {"/b/c/img.png", "/photo.png", "/secret/photo.png", "/b/c/link.png"}, got)
    check("<base href> + --fetch-images: the fetched images only",
          r.returncode == 0 and sizes(out) == [(20, 20)] * 4, (r.stderr.decode(), sizes(out)))

    c_in = os.path.join(sub, "canon.html")
    with open(c_in, "w") as f:
        f.write(page(srcs, f'<link rel="canonical" href="{base}/news/story.html">'))
    r = pc("pdf", c_in, "--no-fetch-images", "-o", out)
    # img.png is under the page's own web folder: the saved copy beside it
    check("canonical URL, no fetching: only the saved image beside the page",
          r.returncode == 0 and sizes(out) == [GOOD[0]], (r.stderr.decode(), sizes(out)))
    check("canonical URL: one warning line", len(warnings(r.stderr)) == 1, r.stderr.decode())


def test_fanout(tmp, base):
    same = f"{base}/same.png"
    srcs = [same if i % 3 else f"{base}/d/{i}.png" for i in range(450)]
    f_in = os.path.join(tmp, "fanout.html")
    with open(f_in, "w") as f:
        f.write(page(srcs))
    n = len(json.loads(pc("extract", "--format", "json", f_in).stdout)["blocks"])
    check("the fan-out page keeps its 450 figures", n >= 900, n)
    out = os.path.join(tmp, "fan.pdf")
    for cmd in (["pdf", f_in, "--fetch-images", "-o", out],
                ["html", f_in, "--fetch-images", "--embed-images", "-o", out + ".html"]):
        before = counts()
        r = pc(*cmd)
        got = {k: v - before.get(k, 0) for k, v in counts().items() if v != before.get(k, 0)}
        check(f"{cmd[0]}: exit 0", r.returncode == 0, r.stderr.decode()[-300:])
        check(f"{cmd[0]}: the repeated image is fetched once", got.get("/same.png") == 1, got.get("/same.png"))
        check(f"{cmd[0]}: at most 50 fetches in one call", sum(got.values()) <= 50, sum(got.values()))
        w = warnings(r.stderr)
        check(f"{cmd[0]}: the fetch cap is told in one line",
              len([x for x in w if "fetch" in x]) == 1, w[:5])
    check("pdf: the repeated image is drawn each time", len(sizes(out)) >= 300, len(sizes(out)))

    # a stalling server: 8 images, 10 s each before; the call's budget now
    srcs = [f"{base}/stall/{i}.png" for i in range(8)]
    s_in = os.path.join(tmp, "stall.html")
    with open(s_in, "w") as f:
        f.write(page(srcs))
    t0 = time.monotonic()
    r = pc("pdf", s_in, "--fetch-images", "-o", out)
    took = time.monotonic() - t0
    check("stalling images: the PDF is made", r.returncode == 0, r.stderr.decode())
    check("stalling images: the call's fetch budget bounds the time (< 50 s, was 80)",
          took < scaled(50), f"{took:.1f} s")


def serve(env):
    e = dict(os.environ)
    e.update(env)
    p = subprocess.Popen([PRESSCUT, "serve", "--listen", "127.0.0.1:0", "--threads", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e)
    atexit.register(lambda: (p.terminate(), p.wait(scaled(10))))
    line = p.stdout.readline().decode().strip()
    if not line.isdigit():
        raise RuntimeError("serve did not start: " + p.stderr.read().decode())
    return int(line)


def api_pdf(port, html, tmp):
    r = urllib.request.Request(f"http://127.0.0.1:{port}/api/pdf", data=json.dumps({"html": html}).encode(),
                               headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=scaled(120)) as resp:
        body = resp.read()
    p = os.path.join(tmp, "api.pdf")
    with open(p, "wb") as f:
        f.write(body)
    return sizes(p)


def test_serve(tmp, sub, secret, base2):
    port = serve({"PRESSCUT_FETCH_ALLOW": "127.0.0.2"})
    local = [secret, "file://" + secret, os.path.join(sub, "img.png"), "img.png", "/photo.png"]
    s = api_pdf(port, page(local), tmp)
    check("serve /api/pdf never reads a local file", s == [], s)
    before = counts()
    s = api_pdf(port, page([f"{base2}/same.png"] * 300 + local), tmp)
    got = {k: v - before.get(k, 0) for k, v in counts().items() if v != before.get(k, 0)}
    check("serve /api/pdf: the repeated image is fetched once", got == {"/same.png": 1}, got)
    check("serve /api/pdf: only the fetched images", set(s) == {(20, 20)} and len(s) == 300, (set(s), len(s)))


def main():
    tmp = tempfile.mkdtemp(prefix="pc-images-")
    atexit.register(shutil.rmtree, tmp, True)  # the run leaves nothing behind
    atexit.register(Images.stop.set)           # stalled handlers end
    _, base = image_server("127.0.0.1")
    _, base2 = image_server("127.0.0.2")
    sub = test_local(tmp)
    test_two_folders(tmp)
    test_base(tmp, sub, base)
    test_fanout(tmp, base)
    test_serve(tmp, sub, os.path.join(tmp, "secret", "photo.png"), base2)
    return report()


if __name__ == "__main__":
    sys.exit(main())
