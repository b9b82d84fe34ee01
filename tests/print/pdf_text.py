#!/usr/bin/python3
"""pdf_text.py PRESSCUT INPUT... - the PDF keeps every word of the article.

For each INPUT: `presscut pdf` makes a PDF, `qpdf --check` must pass, and
`pdftotext` (poppler) must give back the words of `presscut extract
--format text` in reading order: token F1 >= 0.99, where the PDF's text
has its running header (the title at the top of each page) and footer
(source line and "page N of M") left out, words broken at line ends with
a hyphen rejoined, and the lines the PDF adds by design (byline/date/site
under the title, the closing source line) left out.  Reading order is
checked too: the longest common subsequence of the two token lists must
cover 99% of the article's tokens.

Prints one line per input and a summary; exit status 1 when any fails.
Python 3 standard library only.
"""
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import scaled  # noqa: E402

WORD = re.compile(r"\w+", re.UNICODE)
MIN_F1 = 0.99


def cjk(c):
    o = ord(c)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x9FFF or
            0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF)


def tokens(s):
    """Words, lower case; Chinese, Japanese and Korean text a character a
    token (lines break inside its words)."""
    out = []
    for t in WORD.findall(s):
        t = t.lower()
        if any(cjk(c) for c in t):
            run = ""
            for c in t:
                if cjk(c):
                    if run:
                        out.append(run)
                        run = ""
                    out.append(c)
                else:
                    run += c
            if run:
                out.append(run)
        else:
            out.append(t)
    return out


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=scaled(120), **kw)


def pdf_body(pdf, meta, pages_header, pages_footer, known, vocab):
    """pdftotext's text (content order, -raw) without the running header
    (first line of a page: the title, maybe ellipsized; not on page 1,
    which carries the title itself) and footer ("page N of M" and the
    page's address after it)."""
    out = run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"]).stdout.decode("utf-8")
    title = (meta.get("title") or "").strip()
    body = []
    for n, pg in enumerate(out.split("\f")):
        lines = pg.split("\n")
        if pages_header and title and n > 0:
            for i, l in enumerate(lines):
                if not l.strip():
                    continue
                head = l.strip().rstrip("…").strip()
                if head and title.startswith(head):
                    del lines[i]
                break
        if pages_footer:
            kept, skip_next = [], False
            for l in lines:
                if re.fullmatch(r"\s*page \d+ of \d+\s*", l):
                    skip_next = bool(meta.get("url"))
                    continue
                if skip_next and l.strip():
                    skip_next = False
                    continue
                kept.append(l)
            lines = kept
        body.append("\n".join(lines))
    text = "\n".join(body)
    # words hyphenated at line ends are rejoined; a hyphen the text itself
    # has ("so-called", a URL's) stays
    def join(m):
        whole = m.group(1) + "-" + m.group(2)
        return whole if whole.lower() in known else m.group(1) + m.group(2)
    text = re.sub(r"(\w+)-\n(\w+)", join, text)
    # a word longer than the line is broken with no hyphen: rejoined when
    # only the whole is a word of the article
    def glue(m):
        a, b = m.group(1).lower(), m.group(2).lower()
        if (a + b) in vocab and (a not in vocab or b not in vocab):
            return m.group(1) + m.group(2)
        return m.group(0)
    text = re.sub(r"(\w+)\n(\w+)", glue, text)
    return text


MONTHS = ("January February March April May June July August September "
          "October November December").split()


def readable_date(iso):
    """The PDF's form of an ISO date: "2019-11-20..." -> "20 November 2019"."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", iso)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return iso[:10]
    return f"{int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def lcs_len(a, b):
    """Tokens of a found in b in the same order (difflib's matching blocks,
    near-linear on two versions of the same text)."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks())


def check(presscut, inp, tmp):
    pdf = os.path.join(tmp, "out.pdf")
    r = run([presscut, "pdf", inp, "-o", pdf])
    if r.returncode != 0:
        return False, f"presscut pdf exited {r.returncode}: {r.stderr.decode()[:200]}"
    q = run(["qpdf", "--check", pdf])
    if q.returncode != 0:
        return False, "qpdf --check failed: " + q.stdout.decode()[-200:]
    ref = run([presscut, "extract", "--format", "text", inp]).stdout.decode()
    meta = json.loads(run([presscut, "extract", "--format", "json", inp]).stdout)
    known = " ".join([ref] + [str(v) for v in meta.values() if isinstance(v, str)]).lower()
    text = pdf_body(pdf, meta, True, True, known, set(tokens(known)))
    got = Counter(tokens(text))
    # lines the PDF adds by design: "By BYLINE · 2 April 2024 · SITE"
    # under the title, "Source: URL" (or SITE) at the end
    extra = []
    if meta.get("byline"):
        extra += ["by"] + tokens(meta["byline"])
    extra += tokens(readable_date(meta.get("date") or ""))
    if meta.get("site"):
        extra += tokens(meta["site"])
    if meta.get("site") or meta.get("url"):
        extra += ["source"] + tokens(meta.get("url") or meta.get("site"))
    # ordered list numbers (captions go with images, which file inputs
    # leave out here: remote images are not fetched)
    for bl in meta.get("blocks", []):
        if bl.get("type") == "list" and bl.get("ordered"):
            extra += [str(k + 1) for k in range(len(bl.get("items", [])))]
    got_l = tokens(text)
    for t in extra:
        if got[t] > 0:
            got[t] -= 1
    want_l = tokens(ref)
    want = Counter(want_l)
    common = sum((got & want).values())
    p = common / max(1, sum(got.values()))
    rc = common / max(1, sum(want.values()))
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    order = lcs_len(want_l, got_l)
    ordered = order is None or order >= 0.99 * len(want_l)
    ok = f1 >= MIN_F1 and ordered
    detail = f"F1 {f1:.4f} (P {p:.4f} R {rc:.4f})"
    if order is not None:
        detail += f", in order {order}/{len(want_l)}"
    if not ok:
        missing = (want - got).most_common(8)
        extra_t = (got - want).most_common(8)
        detail += f" missing {missing} extra {extra_t}"
    return ok, detail


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    presscut = sys.argv[1]
    fails = 0
    f1s = []
    with tempfile.TemporaryDirectory() as tmp:
        for inp in sys.argv[2:]:
            ok, detail = check(presscut, inp, tmp)
            m = re.search(r"F1 ([0-9.]+)", detail)
            if m:
                f1s.append(float(m.group(1)))
            print(f"{'ok  ' if ok else 'FAIL'} {os.path.basename(inp)[:24]:24} {detail}")
            fails += not ok
    n = len(sys.argv) - 2
    if f1s:
        print(f"mean F1 {sum(f1s) / len(f1s):.4f}, min {min(f1s):.4f}")
    print(f"{n - fails} passed, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
