#!/usr/bin/python3
"""test_print.py PRESSCUT REPO - presscut html and presscut pdf, end to end.

Runs the real binary and checks its output with real tools: pdfinfo,
pdftotext, pdfimages and pdffonts (poppler-utils) and qpdf.  Covers the
options, the metadata, outline and links, several inputs (cover and
contents with right page numbers), images of every kind and broken ones,
every script a news site uses, hyphenation, the HTML's safety, and hostile
inputs (a 2,000-page document, a 100,000 x 100,000 image, a missing font,
a word longer than the line, a table wider than the page).

Python 3 standard library only.  Prints a line per check and exits 1 when
any fails.
"""
import atexit
import base64
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled  # noqa: E402



def run(args, **kw):
    return subprocess.run(args, capture_output=True, timeout=scaled(600), **kw)


def pc(*args):
    return run([PRESSCUT] + list(args))


def pdftext(pdf, *opts):
    return run(["pdftotext", "-enc", "UTF-8"] + list(opts) + [pdf, "-"]).stdout.decode()


def pdfinfo(pdf):
    out = run(["pdfinfo", pdf]).stdout.decode(errors="replace")
    return dict(re.findall(r"^([^:]+):\s*(.*)$", out, re.M))


def qpdf_ok(pdf):
    return run(["qpdf", "--check", pdf]).returncode == 0


def png(w, h, rgba=b"\xcc\x22\x22\xff"):
    raw = b"".join(b"\x00" + rgba * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# a 1x1 GIF and a 1x1 WebP, the smallest valid files of their formats
GIF = base64.b64decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")
WEBP = base64.b64decode("UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=")


def main():
    tmp = tempfile.mkdtemp(prefix="pc-print-")
    atexit.register(shutil.rmtree, tmp, True)  # the run leaves nothing behind
    out = os.path.join(tmp, "out.pdf")

    # --- the founding article -------------------------------------------
    r = pc("pdf", SEED, "-o", out)
    check("pdf of the seed exits 0", r.returncode == 0, r.stderr.decode())
    check("qpdf --check passes", qpdf_ok(out))
    info = pdfinfo(out)
    check("Title metadata", info.get("Title") == "Terrorist Attack Near Moscow: Who Masterminds ISIS-K?", info.get("Title"))
    check("Creator metadata", info.get("Creator", "").startswith("presscut"), info.get("Creator"))
    check("CreationDate metadata", bool(info.get("CreationDate")))
    check("A4 pages", "595.28 x 841.89" in info.get("Page size", ""), info.get("Page size"))
    text = pdftext(out)
    check("no soft hyphen in the PDF's text", "\u00ad" not in text)
    check("footer 'page 1 of N'", re.search(r"page 1 of \d+", text) is not None)
    check("hyphenation breaks some words", re.search(r"\w-\n\w", pdftext(out, "-raw")) is not None)
    # the same input a second time: same page count (layout is stable)
    r = pc("pdf", SEED, "-o", out + "2")
    check("stable output", pdfinfo(out + "2").get("Pages") == info.get("Pages"))

    # --- options ----------------------------------------------------------
    r = pc("pdf", SEED, "--page-size", "letter", "--no-header", "--no-footer", "-o", out)
    t = pdftext(out)
    check("--page-size letter", "612 x 792" in pdfinfo(out).get("Page size", ""))
    check("--no-footer drops page numbers", "page 1 of" not in t)
    full = "Terrorist Attack Near Moscow: Who Masterminds ISIS-K?"
    check("--no-header drops the running title", full not in t.split("\n"), t[:200])
    pages = pdftext(out + "2").split("\f")
    check("the running title is there by default (page 2)",
          len(pages) > 1 and full in pages[1].split("\n"), pages[1][:200] if len(pages) > 1 else "")
    check("no running title on the page that carries the title",
          full not in pages[0].split("\n") and pages[0].lstrip().startswith("Terrorist Attack"), pages[0][:200])
    pc("pdf", SEED, "--page-size", "a5", "--text-size", "5", "-o", out)
    big = int(pdfinfo(out).get("Pages", 0))
    pc("pdf", SEED, "--page-size", "a5", "--text-size", "1", "-o", out)
    small = int(pdfinfo(out).get("Pages", 0))
    check("--text-size 5 takes more pages than 1", big > small, f"{big} vs {small}")
    r = pc("pdf", SEED, "--font", "sans", "--ragged", "--margins", "10", "-o", out)
    fonts = run(["pdffonts", out]).stdout.decode()
    check("--font sans uses a sans font", "Sans" in fonts, fonts)
    r = pc("pdf", SEED, "--font", "No Such Font 12345", "-o", out)
    check("a missing font falls back, valid PDF", r.returncode == 0 and qpdf_ok(out), r.stderr.decode())
    r = pc("pdf", SEED, "--who-said-what", "-o", out)
    t = pdftext(out)
    check("--who-said-what appendix", "Who said what" in t and "Bortnikov" in t and "holds responsible" in t)
    ids = json.loads(pc("extract", "--format", "json", SEED).stdout)["blocks"]
    first = ids[0]["id"]
    gone = ids[0]["text"][:40]
    pc("pdf", SEED, "--delete", first, "-o", out)
    check("--delete removes the block", gone not in pdftext(out).replace("\n", " "))
    for bad in (["--page-size", "b5"], ["--text-size", "9"], ["--images", "huge"], ["--margins", "-3"]):
        r = pc("pdf", SEED, *bad, "-o", out)
        check(f"usage error for {' '.join(bad)}", r.returncode == 2, r.returncode)
    r = pc("pdf", "--help")
    check("pdf --help", r.returncode == 0 and b"--page-size" in r.stdout)
    r = pc("html", "--help")
    check("html --help", r.returncode == 0 and b"--embed-images" in r.stdout)
    r = pc("pdf", os.path.join(tmp, "missing.txt"), "-o", out)
    check("missing input: exit 3, no output left", r.returncode == 3 and not os.path.exists(out + ".part"))

    # --- several inputs: cover, contents, outline --------------------------
    a = os.path.join(tmp, "a.txt")
    b = os.path.join(tmp, "b.txt")
    with open(a, "w") as f:
        f.write("Alpha article title\n\n" + "Alpha words go here and on. " * 400 + "\n")
    with open(b, "w") as f:
        f.write("Beta article title\n\n" + "Beta words go here too. " * 30 + "\n")
    r = pc("pdf", a, b, SEED, "-o", out)
    check("three inputs: one PDF", r.returncode == 0 and qpdf_ok(out), r.stderr.decode())
    pages = pdftext(out).split("\f")
    check("cover lists the articles", "3 articles" in pages[0] and "Beta article title" in pages[0])
    check("the contents are a page of their own", pages[1].lstrip().startswith("Contents")
          and "Beta article title" in pages[1], pages[1][:200])
    where = {}
    for i, p in enumerate(pages[2:], 3):
        for title in ("Alpha article title", "Beta article title", "Terrorist Attack Near Moscow"):
            if title not in where and p.lstrip().startswith(title):
                where[title] = i
    toc = {t: int(n) for t, n in re.findall(
        r"^(Alpha article title|Beta article title|Terrorist Attack Near Moscow)[^\n]*?\s+(\d+)$",
        pdftext(out, "-layout").split("\f")[1], re.M)}
    check("contents page numbers are right", len(where) == 3 and toc == where, f"{where} vs {toc}")
    q = run(["qpdf", "--json", "--json-key=outlines", out]).stdout.decode()
    check("outline has the three articles", q.count('"title"') >= 3 and "Beta article title" in q, q[:300])

    # --- HTML input: links, tables, images ----------------------------------
    img_dir = os.path.join(tmp, "site")
    os.makedirs(img_dir)
    with open(os.path.join(img_dir, "red.png"), "wb") as f:
        f.write(png(40, 30))
    with open(os.path.join(img_dir, "one.gif"), "wb") as f:
        f.write(GIF)
    with open(os.path.join(img_dir, "one.webp"), "wb") as f:
        f.write(WEBP)
    # a JPEG made by a real encoder: poppler renders a page of our PDF
    run(["pdftoppm", "-jpeg", "-r", "20", "-f", "1", "-l", "1", "-singlefile",
         out, os.path.join(img_dir, "page")])
    with open(os.path.join(img_dir, "huge.png"), "wb") as f:
        f.write(png(1, 1)[:16] + struct.pack(">II", 100000, 100000) + png(1, 1)[24:])
    with open(os.path.join(img_dir, "broken.jpg"), "wb") as f:
        f.write(b"\xff\xd8\xff\xe0 not really a jpeg")
    cells = "".join(f"<td>cell{c}-with-a-rather-long-content-{c}</td>" for c in range(20))
    longword = "x" * 400
    page = f"""<!doctype html><html lang="en"><head><title>Images and tables</title>
<meta property="og:site_name" content="Example News">
<link rel="canonical" href="https://example.com/news/images">
<script>alert(1)</script></head><body onload="alert(2)"><article>
<h1>Images and tables</h1>
<p>First paragraph with <a href="https://example.org/target">a link to somewhere</a>
and <a href="javascript:alert(3)">a bad link</a> and more words to fill the line.</p>
<figure><img src="page.jpg" alt="a page"><figcaption>A JPEG caption</figcaption></figure>
<p>Second paragraph of the article, long enough to be body text for the extractor.</p>
<figure><img src="red.png" alt="red"><figcaption>A PNG caption</figcaption></figure>
<figure><img src="one.gif" alt="gif"></figure>
<figure><img src="one.webp" alt="webp"></figure>
<figure><img src="huge.png" alt="huge"></figure>
<figure><img src="broken.jpg" alt="broken"></figure>
<figure><img src="data:image/png;base64,{base64.b64encode(png(8, 8)).decode()}" alt="inline"></figure>
<p>A word longer than the line: {longword} and the paragraph goes on after it.</p>
<table><tr>{cells}</tr><tr>{cells}</tr></table>
<p>Last paragraph of the article, which also has enough words to be kept as body text.</p>
</article></body></html>"""
    html_in = os.path.join(img_dir, "page.html")
    with open(html_in, "w") as f:
        f.write(page)
    r = pc("pdf", html_in, "-o", out)
    err = r.stderr.decode()
    check("HTML page with images: exit 0, valid", r.returncode == 0 and qpdf_ok(out), err)
    check("oversized image skipped with a warning", "100000x100000" in err, err)
    check("broken image skipped with a warning", "broken.jpg" in err, err)
    lst = run(["pdfimages", "-list", out]).stdout.decode()
    encs = re.findall(r"^\s*\d+\s+\d+\s+\w+\s+\d+\s+\d+\s+\w+\s+\d+\s+\d+\s+(\w+)", lst, re.M)
    check("JPEG embedded as JPEG (DCT)", "jpeg" in encs, lst)
    check("PNG, GIF, WebP and data: images decoded", encs.count("image") >= 4, lst)
    t = pdftext(out)
    check("captions under images", "A JPEG caption" in t and "A PNG caption" in t)
    check("the long word is kept", t.replace("\n", "").count("x" * 100) >= 1)
    check("a table wider than the page is kept", "cell19" in t.replace("\n", ""))
    qdf = os.path.join(tmp, "q.pdf")
    run(["qpdf", "--qdf", "--object-streams=disable", out, qdf])
    raw = open(qdf, "rb").read()
    check("link annotation to the target", b"/URI (https://example.org/target)" in raw)
    check("no javascript: link", b"javascript" not in raw)
    info = pdfinfo(out)
    check("Subject = source URL", info.get("Subject") == "https://example.com/news/images", info.get("Subject"))
    r = pc("pdf", html_in, "--images", "none", "-o", out)
    check("--images none: no images", run(["pdfimages", "-list", out]).stdout.decode().count("\n") <= 2)
    r = pc("pdf", html_in, "--no-fetch-images", "-o", out)
    check("local images are read next to the input", r.returncode == 0)

    # --- print HTML --------------------------------------------------------
    r = pc("html", html_in, "--embed-images", "--images", "medium")
    h = r.stdout.decode()
    check("html exits 0", r.returncode == 0, r.stderr.decode())
    check("html: @page rule", "@page { size: A4;" in h)
    check("html: no script, no handlers, no javascript:",
          "<script" not in h.lower() and "onload" not in h.lower() and "javascript:" not in h.lower())
    check("html: images embedded as data: URIs", h.count('src="data:image/') >= 4)
    check("html: link kept", 'href="https://example.org/target"' in h)
    check("html: source line", "Example News" in h and "https://example.com/news/images" in h)
    check("html: medium images", "max-width: 50%" in h)
    hostile = os.path.join(tmp, "hostile.html")
    with open(hostile, "w") as f:
        f.write('<html><head><title>T&lt;/style&gt;&lt;script&gt;x()&lt;/script&gt;</title></head><body><article>'
                '<h1>Bad title</h1><p>Body text that is long enough to count as an article paragraph here.</p>'
                '<p><img src="x" onerror="alert(1)"><a href="JaVaScRiPt:alert(1)">click</a> more body text to keep.</p>'
                '</article></body></html>')
    h = pc("html", hostile).stdout.decode()
    check("html: a title cannot close <style> or open <script>",
          "<script" not in h.lower() and h.lower().count("</style>") == 1)
    check("html: no event handler or javascript: URL", "onerror" not in h and "javascript:" not in h.lower())

    # --- every script ------------------------------------------------------
    scripts = os.path.join(tmp, "scripts.txt")
    with open(scripts, "w") as f:
        f.write("Scripts of the world\n\n"
                "Latin: naïve café. Cyrillic: Привет, мир. Greek: Καλημέρα κόσμε.\n\n"
                "مرحبا بالعالم، هذه جملة عربية.\n\n"
                "שלום עולם, זה משפט בעברית.\n\n"
                "你好，世界。这是一个中文句子。日本語の文です。한국어 문장입니다.\n")
    r = pc("pdf", scripts, "-o", out)
    t = pdftext(out)
    fonts = run(["pdffonts", out]).stdout.decode()
    check("all scripts: valid PDF", r.returncode == 0 and qpdf_ok(out))
    for word in ("Привет", "Καλημέρα", "你好", "한국어"):
        check(f"script text kept: {word}", word in t, t[:300])
    check("Arabic text kept", all(c in t for c in "مرحبا"), t)
    check("Hebrew text kept", all(c in t for c in "שלום"), t)
    check("no missing-glyph boxes (hex codes) in the text", re.search(r"\b0[0-9A-F]{3,5}\b", t) is None, t)
    check("fallback fonts for Arabic, Hebrew and CJK",
          "Hebrew" in fonts and "CJK" in fonts, fonts)

    # --- German hyphenation (an ISO 8859-1 dictionary) ----------------------
    de = os.path.join(tmp, "de.txt")
    with open(de, "w") as f:
        f.write("Ein deutscher Artikel\n\n" + ("Die Bundesregierung hat die Donaudampfschifffahrtsgesellschaft "
                "und die Rechtsschutzversicherungsgesellschaften über die Verkehrsinfrastrukturfinanzierung "
                "informiert, und das Bundesverfassungsgericht prüft die Angelegenheit. ") * 20 + "\n")
    r = pc("pdf", de, "-o", out)
    raw_t = pdftext(out, "-raw")
    check("German words hyphenated at line ends", re.search(r"[a-zäöüß]-\n[a-zäöüß]", raw_t) is not None, raw_t[:400])

    # --- a 2,000-page document ----------------------------------------------
    long_in = os.path.join(tmp, "long.txt")
    words = ("the of and to in a is that for it as was with be by on not this are or from at which but have an "
             "they were there been one all their has would when if so no will can more about").split()
    with open(long_in, "w") as f:
        f.write("A very long document\n\n")
        for i in range(7000):
            f.write(" ".join(words[(i * 7 + k * 3) % len(words)] for k in range(60)) + ".\n\n")
    r = pc("pdf", long_in, "--page-size", "a5", "--text-size", "5", "-o", out)
    n = int(pdfinfo(out).get("Pages", 0)) if r.returncode == 0 else 0
    check("a 2,000-page document gives a valid PDF", r.returncode == 0 and n >= 2000 and qpdf_ok(out),
          f"rc {r.returncode} pages {n} {r.stderr.decode()[:200]}")

    return report()


if __name__ == "__main__":
    sys.exit(main())
