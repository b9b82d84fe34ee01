#!/usr/bin/python3
"""Run readability-lxml over every page of a manifest, in this one process.

Usage:
    /usr/bin/python3 bench/peers/readability_lxml.py --manifest PAGES.tsv --out DIR

PAGES.tsv has one line per page: ID <TAB> HTML_PATH <TAB> URL.  For each page
this writes DIR/ID.txt, the extracted body as plain text (paragraphs split by
a blank line), then prints one JSON summary line on stdout:
    {"tool": ..., "version": ..., "pages": N, "errors": E, "loop_seconds": S}

loop_seconds is the sum over pages of Document(html, url=URL).summary(), which
parses the page with lxml and returns the article as HTML.  Reading the file,
turning the article into text and writing ID.txt are not timed.  A page whose
extraction raises gets an empty ID.txt and counts as an error.

readability-lxml comes from Debian's python3-readability (bench/setup), so run
this with Debian's /usr/bin/python3.
"""
import argparse
import json
import logging
import os
import re
import sys
import time

try:
    import lxml.html
    from lxml import etree
    from readability import Document
except ImportError as exc:  # pragma: no cover - reported by bench/run
    print(f"readability_lxml: {exc} (run bench/setup)", file=sys.stderr)
    sys.exit(3)

# The same rules as htmlToText in js_peer.mjs, so that all peers are scored on
# text made the same way: block elements become paragraph breaks, <br> a line
# break, table cells a space; whitespace inside text collapses.
BLOCK = frozenset((
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li "
    "main nav ol p pre section summary table tbody tfoot thead tr ul").split())
SKIP = frozenset(("script", "style", "noscript", "template", "svg", "math"))
SPACE = re.compile(r"\s+")


def html_to_text(html):
    """Plain text of an HTML fragment, with a blank line between blocks."""
    if not html or not html.strip():
        return ""
    root = lxml.html.fromstring(html)
    out = []
    # Explicit stack, not recursion: article trees can nest deeper than
    # Python's stack.  Entries are elements to enter, or strings to emit.
    # (Iterating an element yields its comments too, so their tails are kept.)
    stack = [root]
    while stack:
        el = stack.pop()
        if isinstance(el, str):
            out.append(el)
            continue
        tail = SPACE.sub(" ", el.tail or "") if el is not root else ""
        tag = el.tag.rsplit("}", 1)[-1].lower() if isinstance(el.tag, str) else ""
        if not tag or tag in SKIP:  # comment, processing instruction, script...
            out.append(tail)
            continue
        if tag == "br":
            out.append("\n" + tail)
            continue
        sep = "\n\n" if tag in BLOCK else " " if tag in ("td", "th") else ""
        out.append(sep + SPACE.sub(" ", el.text or ""))
        stack.append(sep + tail)
        stack.extend(reversed(el))
    text = "".join(out)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def version():
    try:
        from importlib.metadata import version as dist_version
        v = dist_version("readability-lxml")
    except Exception:
        import readability
        v = getattr(readability, "__version__", "?")
    return f"{v} (lxml {etree.__version__}, python {sys.version.split()[0]})"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--manifest", required=True, help="TSV of ID, HTML path, URL")
    ap.add_argument("--out", required=True, help="directory for ID.txt predictions")
    args = ap.parse_args(argv)

    # readability-lxml logs its retries and failures; the summary counts errors.
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    logging.getLogger("readability.readability").setLevel(logging.CRITICAL)

    with open(args.manifest, encoding="utf-8") as f:
        pages = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    os.makedirs(args.out, exist_ok=True)

    loop = 0.0
    errors = 0
    for page_id, path, url in pages:
        with open(path, "rb") as f:
            html = f.read().decode("utf-8", errors="replace")
        text = ""
        try:
            t0 = time.perf_counter()
            summary = Document(html, url=url or None).summary()
            loop += time.perf_counter() - t0
            text = html_to_text(summary)
        except Exception as exc:  # noqa: BLE001 - any failure is one failed page
            errors += 1
            print(f"readability_lxml: {page_id}: {type(exc).__name__}: {str(exc)[:200]}",
                  file=sys.stderr)
        with open(os.path.join(args.out, page_id + ".txt"), "w", encoding="utf-8") as f:
            f.write(text + "\n" if text else "")

    print(json.dumps({"tool": "readability-lxml", "version": version(), "pages": len(pages),
                      "errors": errors, "loop_seconds": loop}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
