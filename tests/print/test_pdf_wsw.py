#!/usr/bin/python3
"""test_pdf_wsw.py PRESSCUT REPO - who said what in the PDF, and the
typography of the page a reader keeps.

Runs the real binary on the founding article (examples/) and small pages
written here, and reads the PDFs back with poppler (pdftotext, its
-bbox-layout word boxes, pdftoppm pixels through PIL and numpy) and qpdf:

* the appendix is a table (speaker, role, what they said, cue, date) and
  says things honestly: a paraphrase outside quotation marks, a direct
  quote inside, no doubled marks, no "For Russian expert", no role that
  repeats its speaker, "22 March" rather than "--03-22"; the claims are a
  table of claimant -> accused;
* quotations are marked in the body: in colour by default with
  --who-said-what, in grey underlines with --marks grey (no coloured
  pixel on the page), not at all with --marks none; a legend names the
  speakers; a bad --marks is a usage error;
* book typography: a first-line indent and no space between paragraphs,
  a title whose lines stand closer than the body's, one line under the
  title with byline and site, the site named once;
* a book of several articles: a cover with --title, --author and the
  articles, a contents page with dot leaders.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled  # noqa: E402

try:
    import numpy
    from PIL import Image
except ImportError:
    print("SKIP: no PIL or numpy for /usr/bin/python3")
    sys.exit(77)

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
LQ, RQ = "\u201c", "\u201d"


def run(args, **kw):
    return subprocess.run(args, capture_output=True, timeout=scaled(300), **kw)


def pc(*args):
    return run([PRESSCUT] + list(args))


def text(pdf, *opts):
    return run(["pdftotext", "-enc", "UTF-8"] + list(opts) + [pdf, "-"]).stdout.decode()


def page_pixels(pdf, page, tmp, dpi=40):
    stem = os.path.join(tmp, "px")
    run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page),
         "-singlefile", "-png", pdf, stem])
    with Image.open(stem + ".png") as im:
        return numpy.asarray(im.convert("RGB"), dtype=numpy.int16)


def coloured(px):
    """Pixels whose channels differ: colour, not grey."""
    return int(((px.max(axis=2) - px.min(axis=2)) > 40).sum())


def lines(pdf, page):
    """The lines of a page from pdftotext -bbox-layout: (xMin, yMin, yMax,
    text) in reading order."""
    out = text(pdf, "-bbox-layout", "-f", str(page), "-l", str(page))
    res = []
    for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" '
                         r'yMax="([\d.]+)">(.*?)</line>', out, re.S):
        words = re.findall(r">([^<]*)</word>", m.group(4))
        res.append((float(m.group(1)), float(m.group(2)), float(m.group(3)),
                    " ".join(words)))
    return res


def appendix(tmp):
    out = os.path.join(tmp, "wsw.pdf")
    r = pc("pdf", "--who-said-what", SEED, "-o", out)
    check("--who-said-what: exit 0, qpdf --check", r.returncode == 0 and
          run(["qpdf", "--check", out]).returncode == 0, r.stderr.decode())
    pages = text(out).split("\f")
    start = next((i for i, p in enumerate(pages) if "Who said what" in p), None)
    check("the appendix starts a page", start is not None and start > 0)
    app = "\n".join(pages[start or 0:])
    cont = pages[start + 1] if start is not None and start + 1 < len(pages) else ""
    check("a table that carries on to a new page repeats its heading row",
          "What they said" in cont and cont.index("What they said") < cont.find("Responsibility"),
          cont[:300])
    flat = " ".join(app.split())
    for head in ("Speaker", "Role", "What they said", "Cue", "Date",
                 "Claimant", "Claim", "Accused"):
        check(f"appendix column '{head}'", head in app, app[:300])
    # (a cell's lines come interleaved with its neighbours')
    check("a direct quote in quotation marks",
          LQ + "We will get to those who masterminded" in flat and "crime." + RQ in flat, flat[:600])
    m = re.search(r"(.)the attack was carried out by Islamist terrorists", flat)
    check("a paraphrase without quotation marks", m is not None and m.group(1) not in (LQ, '"'),
          m.group(0) if m else flat[:300])
    check("no doubled quotation marks", RQ + RQ not in flat and LQ + LQ not in flat
          and RQ + '"' not in flat, flat[:300])
    check("a mixed quote keeps the article's marks around the quoted words",
          "spoken " + LQ + "without the approval of his boss" + RQ in flat, flat[:600])
    check("no stray word in a role", "For Russian expert" not in flat)
    quotes_part = flat.split("Responsibility claims")[0]
    # once in Crooke's quote, twice as the speaker of two quotes; a role
    # that repeated the name would add two more
    check("a role never repeats its speaker", quotes_part.count("spokesman for") == 3,
          quotes_part.count("spokesman for"))
    check("dates for people", "22 March" in flat and "2 April" in flat and "--03-22" not in flat)
    check("claims as claimant -> accused", re.search(r"Western states holds? responsible \u2192 ISIS-K", flat)
          is not None, flat[-600:])
    q = run(["qpdf", "--json", "--json-key=outlines", out]).stdout.decode()
    check("the outline has the appendix", "Who said what" in q, q[:200])
    first = pages[0]
    check("the legend names the speakers", "Quotations marked by speaker:" in first and
          "Alastair Crooke" in " ".join(first.split()[:60]), first[:300])
    check("colour marks: coloured pixels on page 1", coloured(page_pixels(out, 1, tmp)) > 2000)
    return out


def marks(tmp):
    out = os.path.join(tmp, "marks.pdf")
    r = pc("pdf", "--marks", "grey", SEED, "-o", out)
    t = text(out)
    check("--marks grey alone: legend, no appendix", r.returncode == 0 and
          "Quotations marked by speaker:" in t and "Who said what" not in t, r.stderr.decode())
    px = page_pixels(out, 1, tmp)
    check("--marks grey: no coloured pixel", coloured(px) == 0, coloured(px))
    plain = os.path.join(tmp, "plain.pdf")
    pc("pdf", SEED, "-o", plain)
    # the underlines darken the page where the quotations are
    check("--marks grey: quotations underlined", (px < 128).sum() >
          (page_pixels(plain, 1, tmp) < 128).sum() * 1.05)
    r = pc("pdf", "--who-said-what", "--marks", "none", SEED, "-o", out)
    t = text(out)
    check("--marks none: no legend, the appendix stays", r.returncode == 0 and
          "Quotations marked" not in t and "Who said what" in t)
    check("--marks none: no coloured pixel", coloured(page_pixels(out, 1, tmp)) == 0)
    r = pc("pdf", "--marks", "rainbow", SEED, "-o", out)
    check("--marks rainbow: usage error", r.returncode == 2 and b"--marks" in r.stderr, r.stderr)
    r = pc("pdf", "--help")
    check("pdf --help names --marks", b"--marks" in r.stdout)
    r = pc("html", "--marks", "grey", SEED)
    check("html --marks: usage error (a PDF option)", r.returncode == 2 and b"--marks" in r.stderr, r.stderr)


def typography(tmp, plain):
    ls = lines(plain, 1)
    title = [l for l in ls if l[3].startswith("Terrorist") or l[3].startswith("Masterminds")]
    body = [l for l in ls if l[3].startswith("Since the bloodbath")]
    check("the title takes two lines here", len(title) == 2 and body, title)
    if len(title) == 2 and body:
        i = ls.index(body[0])
        t_ratio = (title[1][1] - title[0][1]) / (title[0][2] - title[0][1])
        b_ratio = (ls[i + 1][1] - ls[i][1]) / (ls[i][2] - ls[i][1])
        check("a title's lines stand closer than the body's",
              t_ratio < b_ratio - 0.15, f"{t_ratio:.2f} vs {b_ratio:.2f}")
    paras = [i for i, l in enumerate(ls) if l[3].startswith("The perpetrators, it is known")]
    if check_one("second paragraph found", paras):
        i = paras[0]
        left = ls[i - 1][0]
        check("a first-line indent", ls[i][0] > left + 8, (ls[i][0], left))
        pitch_in = ls[i - 1][1] - ls[i - 2][1]
        pitch_across = ls[i][1] - ls[i - 1][1]
        check("no space between paragraphs: the line pitch goes on",
              abs(pitch_across - pitch_in) < 1.0, (pitch_in, pitch_across))
    check("no indent after the title", body and abs(body[0][0] - ls[0][0]) < 3 if body else False)
    # byline and site: one line, the site named once
    page = os.path.join(tmp, "by.html")
    with open(page, "w") as f:
        f.write("""<!doctype html><html lang="en"><head><title>A story about bylines</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="By Jane Roe">
<link rel="canonical" href="https://example.com/news/bylines"></head><body><article>
<h1>A story about bylines</h1>
<p>First paragraph of the story, long enough to be the body of an article people keep.</p>
<p>Second paragraph, which says more about the story, and carries on so that it wraps.</p>
</article></body></html>""")
    out = os.path.join(tmp, "by.pdf")
    r = pc("pdf", page, "-o", out)
    t = text(out)
    check("byline and site on one line", r.returncode == 0 and
          re.search(r"^By Jane Roe\s+\u00b7\s+Example News$", t, re.M) is not None, t[:300])
    check("no 'By By'", "By By" not in t)
    check("the site named once", t.count("Example News") == 1, t.count("Example News"))
    check("the address at the foot and in the source line",
          t.count("https://example.com/news/bylines") == 2, t[-300:])


def check_one(name, cond):
    check(name, bool(cond))
    return bool(cond)


def book(tmp):
    out = os.path.join(tmp, "book.pdf")
    r = pc("pdf", "--title", "Moscow, spring 2024", "--author", "A. Reader", SEED, SEED, "-o", out)
    check("a book of two: exit 0, qpdf --check", r.returncode == 0 and
          run(["qpdf", "--check", out]).returncode == 0, r.stderr.decode())
    pages = text(out).split("\f")
    cover = pages[0]
    check("the cover: title, author, the articles", "Moscow, spring 2024" in cover and
          "A. Reader" in cover and cover.count("Terrorist Attack Near Moscow") == 2, cover[:300])
    check("the cover: a date", re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|"
                                         r"August|September|October|November|December) \d{4}\b",
                                         cover) is not None, cover[:300])
    info = run(["pdfinfo", out]).stdout.decode()
    check("metadata: the book's title and author", "Moscow, spring 2024" in info and "A. Reader" in info, info)
    check("contents on page 2", pages[1].lstrip().startswith("Contents"), pages[1][:100])
    ls = lines(out, 2)
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(\d+)</word>',
                       text(out, "-bbox-layout", "-f", "2", "-l", "2"))
    nums = [(float(a), float(b), float(c), d) for a, b, c, d in words]
    entries = [l for l in ls if l[3].startswith("Terrorist")]
    if check_one("contents: an entry and its number", nums and entries):
        px = page_pixels(out, 2, tmp, dpi=144)  # 2 pixels a point
        y0, y1 = int(nums[0][1] * 2), int(nums[0][2] * 2) + 1
        x1 = int(nums[0][0] * 2) - 24
        band = px[y0:y1, x1 - 120:x1]
        dark = (band.min(axis=2) < 200).any(axis=0)
        # dots: dark and light columns alternate, 8 pixels apart
        runs = int((dark[1:] & ~dark[:-1]).sum())
        check("contents: dot leaders before the page number", 10 <= runs <= 20,
              (runs, int(dark.sum())))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        appendix(tmp)
        marks(tmp)
        typography(tmp, os.path.join(tmp, "plain.pdf"))
        book(tmp)
    return report()


if __name__ == "__main__":
    sys.exit(main())
