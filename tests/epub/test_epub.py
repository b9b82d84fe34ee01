#!/usr/bin/python3
"""test_epub.py PRESSCUT REPO - presscut epub, mail --attach epub and
POST /api/epub.

Builds books from the founding article (examples/) and from pages written
here with a local image, and reads them back with Python's zipfile and XML
parser: mimetype first, stored, no extra field; every XHTML file
well-formed, no script; the image stored and referenced; --cut and
--delete honoured; language, identifier, modified date, source and
title/author in the package; the who-said-what chapter in the reading
order with the quotes marked in the text and indirect speech never in
quotation marks; a cover and contents for several articles.  Errors: a
bad output path, a bad input among several, page options refused; no
stray OUT.part.  Then the same book sent by `mail --attach epub` through
a real SMTP server (tests/mail/smtpd.py) and fetched from `serve` (POST
/api/epub, JSON and raw bodies).  epubcheck (Debian's, Java) validates
the book with an image and the mailed one (test_epubcheck.py the rest).
"""
import atexit
import email
import email.policy
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled, start_smtpd, stop, run_main  # noqa: E402

PRESSCUT, REPO = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
EPUBCHECK = "/usr/share/java/epubcheck.jar"
# epubcheck runs a few seconds: the JIT's first tier and the serial
# collector take a third of the CPU time of the defaults for such a run
JAVA_FAST = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"]
NS = {"opf": "http://www.idpf.org/2007/opf",
      "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml"}
procs = []


def run(*args, stdin=None):
    return subprocess.run([PRESSCUT, *args], capture_output=True, input=stdin,
                          timeout=scaled(120))


def png(w, h):
    """A real PNG (zlib, CRCs) of w x h pixels."""
    import struct
    import zlib
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"".join(b"\0" + b"\x22\x88\xcc\xff" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# A 30 x 20 lossy WebP (made once with Pillow): EPUB 3.2 has no WebP, so
# the book must hold it as a PNG of the same size.
WEBP = bytes.fromhex(
    "524946464800000057454250565038203c0000001003009d012a1e0014003e6d3496"
    "47a4232221280800800d8965007600008ab6b000fef01bdfffa146ca2629ffffda59"
    "ffd4b3ffa967f8a800000000")

PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Ein Artikel &amp; ein Bild</title>
<meta property="article:published_time" content="2024-04-02">
</head><body><article><h1>Ein Artikel &amp; ein Bild</h1>
<p>Der erste Absatz erzählt, was geschah, mit <a href="https://example.org/a b">einem Link</a>
und <em>Betonung <strong>verschachtelt</strong></em> &lt;script&gt;alert(1)&lt;/script&gt;.</p>
<figure><img src="pics/bild.png" alt="Ein Bild"><figcaption>Die Bildunterschrift &amp; mehr</figcaption></figure>
<figure><img src="pics/rot.webp" alt="Rot"></figure>
<p>Der zweite Absatz bleibt stehen, weil er wichtig ist und lang genug, um gelesen zu werden.</p>
<p>Der dritte Absatz wird gelöscht: LÖSCHMICH steht in ihm, und noch ein paar Worte dazu.</p>
<p>Der vierte Absatz schließt den Artikel mit einem letzten Gedanken und einem Punkt.</p>
<script>document.write("nope")</script>
</article></body></html>
"""


def read_book(path):
    """(zipfile, {name: bytes}) of an EPUB."""
    z = zipfile.ZipFile(path)
    return z, {i.filename: z.read(i.filename) for i in z.infolist()}


def structure(name, path):
    """The container rules and well-formed XHTML; returns the files."""
    z, files = read_book(path)
    first = z.infolist()[0]
    check(f"{name}: mimetype first, stored, no extra field",
          first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
          and first.extra == b"" and files["mimetype"] == b"application/epub+zip",
          f"{first.filename} {first.compress_type} {first.extra!r}")
    bad = []
    for n, data in files.items():
        if n.endswith((".xhtml", ".opf", ".xml")):
            try:
                root = ET.fromstring(data)
            except ET.ParseError as e:
                bad.append(f"{n}: {e}")
                continue
            if any(el.tag.endswith("}script") for el in root.iter()):
                bad.append(f"{n}: script")
    check(f"{name}: every XML file well-formed, no script", not bad, "; ".join(bad))
    return files


def opf_of(files):
    return ET.fromstring(files["OEBPS/content.opf"])


def text_of(data):
    return "".join(ET.fromstring(data).itertext())


def epubcheck(paths):
    """epubcheck on each path, two at a time; {path: (ok, output)}."""
    out, running = {}, []
    for p in paths + [None, None]:
        if p:
            running.append((p, subprocess.Popen(
                ["java", *JAVA_FAST, "-jar", EPUBCHECK, p], stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT)))
        while running and (len(running) >= 2 or p is None):
            q, pr = running.pop(0)
            o = pr.communicate(timeout=scaled(300))[0].decode(errors="replace")
            out[q] = (pr.returncode == 0 and "0 fatals / 0 errors" in o, o)
    return out


def single(tmp):
    """One article with an image, --cut, --delete, --who-said-what."""
    site = os.path.join(tmp, "site")
    os.makedirs(os.path.join(site, "pics"))
    img = png(40, 30)
    with open(os.path.join(site, "pics", "bild.png"), "wb") as f:
        f.write(img)
    with open(os.path.join(site, "pics", "rot.webp"), "wb") as f:
        f.write(WEBP)
    page = os.path.join(site, "artikel.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(PAGE)
    ids = json.loads(run("extract", "--format", "json", page).stdout)
    gone = [b["id"] for b in ids["blocks"] if "LÖSCHMICH" in b.get("text", "")]
    check("fixture: the block to delete is found", len(gone) == 1, str(ids["blocks"])[:300])
    out = os.path.join(tmp, "artikel.epub")
    r = run("epub", page, "--url", "https://example.de/artikel", "--delete", ",".join(gone),
            "-o", out)
    check("epub of a page with a local image: exit 0", r.returncode == 0, r.stderr.decode())
    files = structure("page", out)
    ch = files.get("OEBPS/a1.xhtml", b"")
    stored = [n for n in files if n.startswith("OEBPS/img/")]
    check("the local image is stored, byte for byte",
          len(stored) == 2 and files[stored[0]] == img, str(stored))
    webp = files.get(stored[-1], b"") if len(stored) == 2 else b""
    check("the WebP image is stored as a PNG of its size",
          webp[:8] == b"\x89PNG\r\n\x1a\n" and webp[16:24] == bytes.fromhex("0000001e00000014"),
          webp[:24].hex())
    check("the chapter shows it", stored and
          f'src="{stored[0][6:]}"'.encode() in ch and b'alt="Ein Bild"' in ch)
    check("--delete: the block is gone", "LÖSCHMICH" not in text_of(ch) and
          f'id="{gone[0]}"'.encode() not in ch)
    check("the caption and the escaped text are kept",
          "Die Bildunterschrift & mehr" in text_of(ch) and
          "<script>alert(1)</script>" in text_of(ch) and b"<script>" not in ch)
    check("a link with a space is percent-encoded",
          b'href="https://example.org/a%20b"' in ch, ch[:400].decode(errors="replace"))
    opf = opf_of(files)
    md = opf.find("opf:metadata", NS)
    check("dc:language de", [e.text for e in md.findall("dc:language", NS)] == ["de"])
    check("dc:source is the URL",
          [e.text for e in md.findall("dc:source", NS)] == ["https://example.de/artikel"])
    check("dc:title", md.findtext("dc:title", None, NS) == "Ein Artikel & ein Bild")
    check("dc:date", md.findtext("dc:date", None, NS) == "2024-04-02")
    ident = md.findtext("dc:identifier", "", NS)
    check("dc:identifier is a urn:uuid", re.fullmatch(
        r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}", ident), ident)
    mod = [e.text for e in md.findall("opf:meta", NS) if e.get("property") == "dcterms:modified"]
    check("dcterms:modified", len(mod) == 1 and re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", mod[0]), str(mod))
    r2 = run("epub", page, "--url", "https://example.de/artikel", "-o", out + "2")
    ident2 = opf_of(read_book(out + "2")[1]).find("opf:metadata", NS).findtext(
        "dc:identifier", "", NS)
    check("the same article, the same identifier", r2.returncode == 0 and ident2 == ident)
    html = ET.fromstring(ch)
    check("the chapter's language", html.get("{http://www.w3.org/XML/1998/namespace}lang") == "de")
    r = run("epub", page, "--images", "none", "-o", out + "3")
    f3 = read_book(out + "3")[1]
    check("--images none: no image, no caption", r.returncode == 0 and
          not [n for n in f3 if "/img/" in n] and "Bildunterschrift" not in text_of(f3["OEBPS/a1.xhtml"]))
    return out


def seed_book(tmp):
    """The founding article, cut, with who said what."""
    out = os.path.join(tmp, "seed.epub")
    full = run("extract", SEED).stdout.decode()
    cut = run("extract", "--cut", SEED).stdout.decode()
    r = run("epub", SEED, "--cut", "--who-said-what", "-o", out)
    check("seed: exit 0", r.returncode == 0, r.stderr.decode())
    files = structure("seed", out)
    ch = text_of(files["OEBPS/a1.xhtml"])
    dropped = [p for p in full.split("\n\n") if p and p not in cut]
    check("--cut: the optional passage is gone", dropped and
          all(p[:60] not in ch for p in dropped), str(dropped)[:200])
    spine = [i.get("idref") for i in opf_of(files).iter(f"{{{NS['opf']}}}itemref")]
    check("who said what is a chapter in the reading order",
          "OEBPS/wsw.xhtml" in files and spine[-1] == "f-wsw-xhtml", str(spine))
    check("the contents list it", b'href="wsw.xhtml"' in files["OEBPS/nav.xhtml"])
    quotes = json.loads(run("quotes", "--format", "json", "--cut", SEED).stdout)["quotes"]
    a1 = ET.fromstring(files["OEBPS/a1.xhtml"])
    marks = {el.get("id"): (el.get("class"), "".join(el.itertext()))
             for el in a1.iter(f"{{{NS['x']}}}span") if el.get("id", "").startswith("q")}
    top = [q for q in quotes if q.get("parent") is None]
    check("quotes marked in the text", len(marks) >= len(top) - 1 and all(
        marks[q["id"]] == ("q-" + q["kind"], q["text"]) for q in top if q["id"] in marks),
        f"{len(marks)} marks, {len(top)} quotes")
    wsw = ET.fromstring(files["OEBPS/wsw.xhtml"])
    cells = {td.get("class"): [] for td in wsw.iter(f"{{{NS['x']}}}td")}
    for td in wsw.iter(f"{{{NS['x']}}}td"):
        cells[td.get("class")].append("".join(td.itertext()))
    ind = cells.get("q-indirect", [])
    check("indirect speech is listed, never in quotation marks", ind and
          all(not re.match(r"^\s*[“\"«„]", c) and not re.search(r"[”\"»]\s*$", c) for c in ind),
          str(ind)[:300])
    direct = cells.get("q-direct", [])
    check("direct speech is in quotation marks", direct and
          all(c.startswith("“") and c.endswith("”") for c in direct))
    check("the rows link to the marked quotes",
          b'href="a1.xhtml#q1"' in files["OEBPS/wsw.xhtml"])
    return out


def book(tmp, page):
    out = os.path.join(tmp, "book.epub")
    r = run("epub", SEED, page, "--title", "Morning <reading>", "--author", "Ann & Bo",
            "-o", out)
    check("two articles: exit 0", r.returncode == 0, r.stderr.decode())
    files = structure("book", out)
    md = opf_of(files).find("opf:metadata", NS)
    check("--title and --author in the metadata",
          md.findtext("dc:title", None, NS) == "Morning <reading>" and
          md.findtext("dc:creator", None, NS) == "Ann & Bo")
    check("both languages", [e.text for e in md.findall("dc:language", NS)] == ["en", "de"])
    cover = text_of(files.get("OEBPS/cover.xhtml", b"<x/>"))
    check("a cover with title, author and the articles", "Morning <reading>" in cover and
          "Ann & Bo" in cover and "Terrorist Attack" in cover and "Ein Artikel & ein Bild" in cover, cover[:300])
    nav = files["OEBPS/nav.xhtml"]
    check("the contents list both", b'href="a1.xhtml"' in nav and b'href="a2.xhtml"' in nav)
    check("each article's image from its own folder", any(n.startswith("OEBPS/img/") for n in files))


def errors(tmp):
    out = os.path.join(tmp, "nodir", "x.epub")
    r = run("epub", SEED, "-o", out)
    check("bad output path: exit 3, one line", r.returncode == 3 and
          r.stderr.decode().count("\n") == 1 and r.stderr.startswith(b"presscut: "), r.stderr.decode())
    out = os.path.join(tmp, "fail.epub")
    r = run("epub", SEED, os.path.join(tmp, "missing.html"), "-o", out)
    check("a bad input among several: exit 3, nothing written", r.returncode == 3 and
          not os.path.exists(out) and not os.path.exists(out + ".part"), r.stderr.decode())
    r = run("epub", SEED, "--page-size", "a5", "-o", out)
    check("--page-size refused", r.returncode == 2 and b"--page-size" in r.stderr, r.stderr.decode())
    r = run("epub", SEED, "--embed-images", "-o", out)
    check("--embed-images refused", r.returncode == 2)
    r = run("epub", "-o", out)
    check("no input: exit 2", r.returncode == 2)
    r = run("epub", "--help")
    check("--help", r.returncode == 0 and b"presscut epub" in r.stdout)
    stray = [f for f in os.listdir(tmp) if f.endswith(".part")]
    check("no stray .part", not stray, str(stray))
    r = run("epub", SEED)  # stdout is a pipe: the book goes there
    check("to standard output", r.returncode == 0 and r.stdout[:4] == b"PK\x03\x04" and
          r.stdout[30:38] == b"mimetype")


def mailed(tmp):
    p, spool, port = start_smtpd(tmp, "spool")
    procs.append(p)
    r = subprocess.run([PRESSCUT, "mail", SEED, "--to", "reader@kindle.example",
                        "--from", "Ann <ann@example.org>", "--smtp", f"smtp://127.0.0.1:{port}",
                        "--tls", "off", "--attach", "epub", "--who-said-what",
                        "--outbox", os.path.join(tmp, "outbox")],
                       capture_output=True, timeout=scaled(120))
    check("mail --attach epub: exit 0", r.returncode == 0, r.stderr.decode())
    stop(p)
    emls = sorted(f for f in os.listdir(spool) if f.endswith(".eml")) if os.path.isdir(spool) else []
    check("one message received", len(emls) == 1, str(emls))
    if not emls:
        return None
    msg = email.message_from_bytes(open(os.path.join(spool, emls[0]), "rb").read(),
                                   policy=email.policy.default)
    att = [part for part in msg.iter_attachments()]
    check("an application/epub+zip attachment named .epub", len(att) == 1 and
          att[0].get_content_type() == "application/epub+zip" and
          att[0].get_filename().endswith(".epub"), str([a.get_content_type() for a in att]))
    if len(att) != 1:
        return None
    out = os.path.join(tmp, "mailed.epub")
    with open(out, "wb") as f:
        f.write(att[0].get_payload(decode=True))
    files = structure("mailed", out)
    check("the mailed book has who said what", "OEBPS/wsw.xhtml" in files)
    return out


def served(tmp):
    p = subprocess.Popen([PRESSCUT, "serve", "--listen", "127.0.0.1:0", "--threads", "2"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    procs.append(p)
    port = p.stdout.readline().decode().strip()
    check("serve started", port.isdigit(), port)
    if not port.isdigit():
        return None
    seed = open(SEED, encoding="utf-8").read()

    def post(path, data, ctype):
        rq = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data,
                                    headers={"Content-Type": ctype})
        try:
            with urllib.request.urlopen(rq, timeout=scaled(60)) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as e:
            return e.code, dict(e.headers), e.read()
    s, h, b = post("/api/epub", json.dumps({"text": seed, "cut": True,
                                            "who_said_what": True}).encode(),
                   "application/json")
    check("POST /api/epub (JSON)", s == 200 and h.get("Content-Type") == "application/epub+zip"
          and ".epub" in h.get("Content-Disposition", "") and b[:4] == b"PK\x03\x04", f"{s} {h}")
    out = os.path.join(tmp, "served.epub")
    with open(out, "wb") as f:
        f.write(b)
    if s == 200:
        files = structure("served", out)
        check("served: who said what", "OEBPS/wsw.xhtml" in files)
    s, h, b2 = post("/api/epub?images=none", PAGE.encode(), "text/html")
    check("POST /api/epub (raw HTML)", s == 200 and b2[:4] == b"PK\x03\x04", f"{s} {b2[:200]!r}")
    s, h, b3 = post("/api/epub", json.dumps({"text": seed, "text_size": 9}).encode(),
                    "application/json")
    check("POST /api/epub: a bad option is 400", s == 400, f"{s} {b3[:200]!r}")
    stop(p)
    return out if s else None


def main():
    tmp = tempfile.mkdtemp(prefix="pc-epub-")
    atexit.register(shutil.rmtree, tmp, True)
    page_book = single(tmp)
    seed_book(tmp)
    book(tmp, os.path.join(tmp, "site", "artikel.html"))
    errors(tmp)
    mail_book = mailed(tmp)
    served(tmp)
    # the founding article, the corpus and a 20-article book are checked
    # by tests/epub/test_epubcheck.py; here the image and the mailed book
    books = [b for b in (page_book, mail_book) if b and os.path.exists(b)]
    if not os.path.exists(EPUBCHECK):
        check("epubcheck is installed (Debian's epubcheck)", False, EPUBCHECK)
    else:
        for path, (ok, o) in epubcheck(books).items():
            check(f"epubcheck {os.path.basename(path)}: no errors", ok, o[-1500:])
    return report()


if __name__ == "__main__":
    run_main(main, procs)
