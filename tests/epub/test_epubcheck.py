#!/usr/bin/python3
"""test_epubcheck.py PRESSCUT SHARED - epubcheck finds no error in the
EPUBs presscut makes of the founding article, of every page of the
extraction and snippet corpora, and of a 20-article book.

epubcheck (Debian's, Java) takes seconds per call whatever the book's
size, so the corpus goes into a few books of many pages (each page a
chapter, with who said what), beside single-article books for a sample;
the contents of the books are checked to hold every corpus page.  Two
epubcheck runs at a time (the machine has two cores).
"""
import os
import subprocess
import sys
import tempfile
import shutil
import atexit
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled  # noqa: E402

PRESSCUT, SHARED = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
EPUBCHECK = "/usr/share/java/epubcheck.jar"
JAVA_FAST = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"]
SEED = os.path.join(SHARED, "seed", "crocus-article.txt")
XHTML = "{http://www.w3.org/1999/xhtml}"


def pages(corpus):
    d = os.path.join(SHARED, "corpus", corpus)
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".html"))


def make(out, inputs, *opts):
    r = subprocess.run([PRESSCUT, "epub", "--quiet", *opts, *inputs, "-o", out],
                       capture_output=True, timeout=scaled(300))
    check(f"{os.path.basename(out)}: {len(inputs)} input(s), exit 0",
          r.returncode == 0 and os.path.exists(out), r.stderr.decode()[-500:])
    return out


def chapters(path):
    """The number of article chapters in a book, from its contents."""
    with zipfile.ZipFile(path) as z:
        nav = ET.fromstring(z.read("OEBPS/nav.xhtml"))
        return len([a for a in nav.iter(XHTML + "a")
                    if a.get("href", "").startswith("a")])


def epubcheck(paths):
    """epubcheck on each path, two at a time; {path: (ok, output)}."""
    out, running = {}, []
    for p in paths + [None, None]:
        if p:
            running.append((p, subprocess.Popen(
                ["java", *JAVA_FAST, "-jar", EPUBCHECK, p],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)))
        while running and (len(running) >= 2 or p is None):
            q, pr = running.pop(0)
            o = pr.communicate(timeout=scaled(600))[0].decode(errors="replace")
            out[q] = (pr.returncode == 0 and "0 fatals / 0 errors" in o, o)
    return out


def main():
    if not os.path.exists(EPUBCHECK):
        check("epubcheck is installed (Debian's epubcheck)", False, EPUBCHECK)
        return report()
    tmp = tempfile.mkdtemp(prefix="pc-epubcheck-")
    atexit.register(shutil.rmtree, tmp, True)
    ext, snip = pages("extraction"), pages("snippets")
    half = (len(snip) + 1) // 2
    books = {  # book: the inputs it must hold
        make(os.path.join(tmp, "seed.epub"), [SEED], "--cut", "--who-said-what"): [SEED],
        make(os.path.join(tmp, "twenty.epub"), [SEED] + ext[:19], "--who-said-what",
             "--title", "Twenty articles", "--author", "presscut tests"): [SEED] + ext[:19],
        make(os.path.join(tmp, "extraction.epub"), ext, "--who-said-what"): ext,
        make(os.path.join(tmp, "snippets1.epub"), snip[:half], "--who-said-what"): snip[:half],
        make(os.path.join(tmp, "snippets2.epub"), snip[half:], "--who-said-what"): snip[half:],
    }
    # single-article books for a sample: one page in 150
    for i, p in enumerate((ext + snip)[::150]):
        books[make(os.path.join(tmp, f"single{i}.epub"), [p])] = [p]
    check("every corpus page is in a book",
          {p for v in books.values() for p in v} >= set(ext + snip))
    for b, inputs in books.items():
        if os.path.exists(b):
            n = chapters(b)
            check(f"{os.path.basename(b)}: a chapter per input", n == len(inputs),
                  f"{n} chapters, {len(inputs)} inputs")
    for path, (ok, o) in epubcheck([b for b in books if os.path.exists(b)]).items():
        check(f"epubcheck {os.path.basename(path)}: no errors", ok, o[-2000:])
    return report()


if __name__ == "__main__":
    sys.exit(main())
