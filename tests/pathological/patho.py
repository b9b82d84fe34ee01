#!/usr/bin/python3
"""patho.py - hostile inputs through `presscut extract --format json`.

Usage: /usr/bin/python3 tests/pathological/patho.py PATH/TO/presscut
           [-j N] [-k NAME] [-t SECONDS] [-v]

Every case is generated in a temporary directory and must end, within
TIME_LIMIT seconds, either
  - with exit status 0, stdout valid UTF-8 holding one well-formed JSON
    object (the document), or
  - with exit status 3 and one clear line on stderr ("presscut: ...").
Some cases demand one of the two, or check the text that comes out (legacy
charsets must come out as the right Unicode text).

Prints one line per case ("ok name 0.12s" / "FAIL name 0.12s: why") and a
last line "N passed, M failed"; exits 1 when any case failed.
Cases run in parallel (-j, default: number of CPUs); -k runs only the
cases whose name contains NAME; -t sets the time limit per case (default
60 s, or $PRESSCUT_PATHO_TIMEOUT; 4x that for a sanitizer or coverage
build); -v adds what each passing case returned.
"""

import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import time

# Seconds per case: a hang detector, not a benchmark.  A release build
# takes under 3 s for the worst alone, but 8 s and more on a shared
# 2-core machine under load, so the limit is far above both.
# Sanitizer and coverage builds are several times slower: for them the limit
# is multiplied by INSTRUMENTED_FACTOR, unless set with -t or
# PRESSCUT_PATHO_TIMEOUT.
# Either one times $PC_TEST_TIMEOUT_SCALE (tests/README.md).
TIME_LIMIT = (float(os.environ.get("PRESSCUT_PATHO_TIMEOUT") or 60.0)
              * float(os.environ.get("PC_TEST_TIMEOUT_SCALE") or 1))
TIME_LIMIT_SET = bool(os.environ.get("PRESSCUT_PATHO_TIMEOUT"))
INSTRUMENTED_FACTOR = 4
INSTRUMENTED_MARKS = (b"__asan_init", b"__ubsan_handle_", b"__sanitizer_cov_",
                      b"__msan_init", b"__tsan_init")


def instrumented(exe):
    """True when the binary carries a sanitizer or coverage runtime."""
    try:
        with open(exe, "rb") as f:
            data = f.read()
    except OSError:
        return False
    return any(m in data for m in INSTRUMENTED_MARKS)
MIB = 1024 * 1024

LOREM = ("The council met on Tuesday, and after a long debate, the members "
         "voted to fund the new library, the bridge repairs, and a study of "
         "the river. ")

CYRILLIC_TITLE = "Новости дня"
CYRILLIC_BODY = ("Съешь же ещё этих мягких французских булок, да выпей чаю. "
                 "Широкая электрификация южных губерний даст мощный толчок "
                 "подъёму сельского хозяйства.")
JAPANESE_TITLE = "日本語のニュース"
JAPANESE_BODY = ("これは日本語の記事です。文字コードはシフトJISです、読点もあります。"
                 "東京都千代田区で会議が開かれ、新しい図書館の建設が決まりました。")
UTF16_BODY = "Little endian with a BOM: über, naïve, 漢字, Ελληνικά, \U0001F600."


def page(body, head="", title="Pathological page"):
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s"
            "</title>%s</head><body>%s</body></html>\n" % (title, head, body))


# ---------------------------------------------------------------- checks

def text_of(doc):
    """All text of the document: metadata and block texts."""
    parts = [v for v in (doc.get(k) for k in ("title", "byline", "description"))
             if isinstance(v, str)]
    parts.append(doc.get("text") or "")
    for b in doc.get("blocks") or []:
        parts.append(b.get("text") or "")
    return "\n".join(parts)


def contains(*needles):
    def check(doc):
        t = text_of(doc)
        missing = [n for n in needles if n not in t]
        if missing:
            return "output lacks %r (got %r...)" % (missing[0][:40], t[:120])
        return None
    return check


def no_nul(doc):
    return "NUL in output text" if "\x00" in text_of(doc) else None


def all_of(*checks):
    def check(doc):
        for c in checks:
            r = c(doc)
            if r:
                return r
        return None
    return check


def has_blocks(doc):
    return None if doc.get("blocks") else "no body blocks extracted"


def small_output(limit):
    def check(doc, _limit=limit):
        n = len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        return None if n <= _limit else "output %d bytes > %d" % (n, _limit)
    return check


# ---------------------------------------------------------------- inputs
# Each maker writes the input file and returns nothing; big ones stream.

def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def big_page(path, size):
    """A plausible page of `size` bytes: head, then paragraphs of ~8 KiB."""
    para = ("<p>" + LOREM * 40 + "</p>\n").encode()
    head = page("", title="A very large page").split("<body>")[0].encode()
    with open(path, "wb") as f:
        first = head + b"<body><article><h1>A very large page</h1>\n"
        f.write(first)
        n = len(first)
        chunk = para * 64
        while n + len(chunk) < size:
            f.write(chunk)
            n += len(chunk)
        while n + len(para) < size:
            f.write(para)
            n += len(para)
        tail = b"</article></body></html>\n"
        f.write(b"x" * (size - n - len(tail)) + tail)


def nested(open_tag, close_tag, n, inner):
    return page(open_tag * n + inner + close_tag * n).encode()


CASES = []


def case(name, maker, expect="any", check=None, args=()):
    """expect: 'ok' (exit 0 + JSON), 'error' (exit 3), 'any' (either)."""
    CASES.append(dict(name=name, maker=maker, expect=expect, check=check,
                      args=list(args)))


case("nested-div-100k",
     lambda p: write(p, nested("<div>", "</div>", 100000,
                               "<p>%s</p>" % LOREM)))
case("nested-b-100k",
     lambda p: write(p, nested("<b>", "</b>", 100000, "<p>%s</p>" % LOREM)))
case("deep-widget-then-article-300",  # libxml2 stopped at depth 256
     lambda p: write(p, page("<article><p>%s</p>" % LOREM + "<div>" * 300 +
                             "deep" + "</div>" * 300 + "<p>AFTER %s</p>"
                             % LOREM * 3 + "</article>").encode()),
     expect="ok", check=contains("AFTER"))
case("deep-widget-then-article-100k",
     lambda p: write(p, page("<article><p>%s</p>" % LOREM + "<span>" * 100000
                             + "deep" + "</span>" * 100000 +
                             "<p>AFTER %s</p>" % LOREM * 3 + "</article>"
                             ).encode()),
     expect="ok", check=contains("AFTER"))
case("nested-b-100k-unclosed",
     lambda p: write(p, page("<p>" + LOREM + "<b>x" * 100000).encode()))
case("nested-table-10k",
     lambda p: write(p, nested("<table><tr><td>", "</td></tr></table>", 10000,
                               LOREM)))
case("nested-table-2k-unclosed",
     lambda p: write(p, page("<table><tr><td>" * 2000 + LOREM).encode()))
case("nested-list-50k",
     lambda p: write(p, nested("<ul><li>", "</li></ul>", 50000, LOREM)))
case("page-50mib-default-cap", lambda p: big_page(p, 50 * MIB),
     expect="error")
case("page-50mib-max-input-60m", lambda p: big_page(p, 50 * MIB),
     args=["--max-input", "60000000"])
case("nul-bytes-text",
     lambda p: write(p, b"Title\x00 with NUL\n\nBody\x00\x00 text with NUL "
                     b"bytes.\x00\n\n" + b"\x00" * 10000 + b"\n\nEnd.\n"),
     expect="ok", check=all_of(no_nul, contains("Body", "End.")))
case("nul-bytes-html",
     lambda p: write(p, page("<p>Para\x00graph with NUL\x00 bytes, %s</p>"
                             "<p>%s</p>" % (LOREM, LOREM)).encode()
                     + b"\x00" * 10000 + b"<p>after</p>"),
     expect="ok", check=no_nul)
case("invalid-utf8-text",
     lambda p: write(p, b"Caf\xe9 \xc3\x28 \xa0\xa1 \xe2\x28\xa1 \xf0\x28\x8c"
                     b"\xbc \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf \xff\xfe"
                     b"\n\nBody \x80\x81\x82 \xc3\xa9t\xc3\xa9 ok.\n"),
     expect="ok", check=contains("Body"))
case("invalid-utf8-html",
     lambda p: write(p, page("<p>%s</p>" % LOREM).encode().replace(
         b"council", b"co\xffun\xc3\x28cil\xed\xa0\x80") + bytes(range(256)) * 64),
     expect="ok")
case("cp1251-meta-charset",
     lambda p: write(p, ("<html><head><meta charset=windows-1251><title>%s"
                         "</title></head><body><article><h1>%s</h1><p>%s</p>"
                         "<p>%s</p></article></body></html>\n"
                         % (CYRILLIC_TITLE, CYRILLIC_TITLE, CYRILLIC_BODY,
                            CYRILLIC_BODY)).encode("cp1251")),
     expect="ok", check=contains(CYRILLIC_TITLE, "французских булок",
                                 "электрификация"))
case("shift-jis-http-equiv",
     lambda p: write(p, ("<html><head><meta http-equiv=\"Content-Type\" "
                         "content=\"text/html; charset=Shift_JIS\"><title>%s"
                         "</title></head><body><article><p>%s</p><p>%s</p>"
                         "</article></body></html>\n"
                         % (JAPANESE_TITLE, JAPANESE_BODY, JAPANESE_BODY)
                         ).encode("shift_jis")),
     expect="ok", check=contains(JAPANESE_TITLE, "新しい図書館"))
case("utf16le-bom-html",
     lambda p: write(p, b"\xff\xfe" + page(
         "<article><p>%s</p><p>%s</p></article>" % (UTF16_BODY, LOREM),
         title="UTF-16 page").replace(
             "<meta charset=\"utf-8\">", "").encode("utf-16-le")),
     expect="ok", check=contains("UTF-16 page", "漢字", "\U0001F600"))
case("utf16le-bom-text",
     lambda p: write(p, b"\xff\xfe" + ("UTF-16 text\n\n%s\n" % UTF16_BODY)
                     .encode("utf-16-le")),
     expect="ok", check=contains("UTF-16 text", "Ελληνικά"))
case("unterminated-comment",
     lambda p: write(p, ("<html><head><title>Comment</title></head><body>"
                         "<p>%s</p><!-- never closed <p>hidden</p>" % LOREM
                         + "x" * 100000).encode()))
case("attr-value-1mib",
     lambda p: write(p, page("<article><p><a href=\"https://example.com/%s\">"
                             "link</a> %s</p><img src=\"data:image/png;base64,"
                             "%s\" alt=\"%s\"><p title=\"%s\">%s</p>"
                             "</article>" % ("a" * MIB, LOREM, "A" * MIB,
                                             "b" * MIB, "c" * MIB, LOREM)
                             ).encode()),
     check=small_output(MIB))
case("attr-value-unterminated-1mib",
     lambda p: write(p, page("<p class=\"" + "x" * MIB + LOREM).encode()))
case("quotes-100k-text",
     lambda p: write(p, b"Quotes\n\n" + b"\"" * 100000 + b"\n"),
     expect="ok")
case("quotes-100k-html",
     lambda p: write(p, page("<p>" + "\"" * 100000 + "</p><p title=" +
                             "\"" * 100000 + ">" + LOREM + "</p>").encode()))
case("p-tags-1m",
     lambda p: write(p, page("<p>" * 1000000).encode()))
case("p-tags-1m-with-text",
     lambda p: write(p, page("<p>word " * 1000000).encode()))
case("empty-file", lambda p: write(p, b""))
case("whitespace-only",
     lambda p: write(p, b" \t\r\n\f\v" * 10000 + b"\n"))
case("asterisks-1m",  # cut-marker scan was quadratic in a run of '*'
     lambda p: write(p, b"Stars\n\n" + b"*" * 1000000 + b"\n"), expect="ok")
case("asterisks-run-then-opener",
     lambda p: write(p, b"Stars\n\n***+OP CUT a\n\nb " + b"*" * 1000000
                     + b"+OP CUT x\n"), expect="ok")
case("links-100k-one-paragraph",  # JSON link offsets were quadratic
     lambda p: write(p, page("<article><p>" + "<a href=\"/x\">ab</a> " * 100000
                             + "</p></article>").encode()))
case("links-and-cuts-one-paragraph",  # pieces x spans memory in cuts
     lambda p: write(p, page("<article><p>" + "<em>ab</em> " * 20000 +
                             "***+OP CUT x **** " * 10000 +
                             "</p></article>").encode()))
case("jsonld-deep-100k",
     lambda p: write(p, page("<p>%s</p>" % LOREM, head=(
         "<script type=\"application/ld+json\">" + "[" * 100000 +
         "{\"@type\":\"NewsArticle\"}" + "]" * 100000 + "</script>"
         "<script type=\"application/ld+json\">" + "{\"a\":" * 100000 +
         "1" + "}" * 100000 + "</script>")).encode()))
case("attributes-100k-one-tag",  # libxml2 is quadratic in attributes
     lambda p: write(p, page("<p " + " ".join("a%d=\"v\"" % i
                                              for i in range(100000))
                             + ">" + LOREM + "</p>").encode()))
case("attributes-100k-data-names",
     lambda p: write(p, page("<p " + " ".join("data-src%d=\"v\"" % i
                                              for i in range(100000))
                             + ">" + LOREM + "</p>").encode()))
case("attributes-100k-same-name",
     lambda p: write(p, page("<p " + "class=\"x\" " * 100000 + ">" + LOREM
                             + "</p>").encode()))
case("many-cut-markers",
     lambda p: write(p, b"Cuts\n\n" + b"***+OP CUT a **** " * 50000
                     + b"\n\n" + b"***+OP CUT\n\n" * 20000),
     check=no_nul)


# ---------------------------------------------------------------- runner

def run_case(exe, tmp, c):
    path = os.path.join(tmp, c["name"] + ".in")
    try:
        c["maker"](path)
        cmd = [exe, "extract", "--format", "json"] + c["args"] + [path]
        t0 = time.monotonic()
        try:
            r = subprocess.run(cmd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=TIME_LIMIT)
        except subprocess.TimeoutExpired:
            return False, TIME_LIMIT, "no result after %gs" % TIME_LIMIT
        dt = time.monotonic() - t0
        ok, why = judge(c, r)
        return ok, dt, why
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


def judge(c, r):
    err = r.stderr.decode("utf-8", "replace")
    if r.returncode == 0:
        if c["expect"] == "error":
            return False, "exit 0, expected exit 3"
        try:
            out = r.stdout.decode("utf-8")  # strict: valid UTF-8 only
        except UnicodeDecodeError as e:
            return False, "stdout is not valid UTF-8: %s" % e
        if not out.endswith("\n") or out.count("\n") != 1:
            return False, "stdout is not one JSON line"
        try:
            doc = json.loads(out)
        except ValueError as e:
            return False, "stdout is not JSON: %s" % e
        if not isinstance(doc, dict) or not isinstance(doc.get("blocks"), list):
            return False, "JSON is not a document object"
        if c["check"]:
            why = c["check"](doc)
            if why:
                return False, why
        return True, "exit 0, %d blocks, %d bytes" % (len(doc["blocks"]),
                                                      len(r.stdout))
    if r.returncode == 3:
        if c["expect"] == "ok":
            return False, "exit 3, expected success: %s" % err.strip()[:200]
        line = err.rstrip("\n")
        if not line or "\n" in line or not line.startswith("presscut: "):
            return False, "exit 3 without one clear stderr line: %r" % err[:300]
        if r.stdout:
            return False, "exit 3 but something on stdout"
        return True, "exit 3: %s" % line[:120]
    if r.returncode < 0:
        return False, "killed by signal %d; stderr: %s" % (-r.returncode,
                                                           err[-300:])
    return False, "exit %d; stderr: %s" % (r.returncode, err[-300:])


def main(argv):
    args = argv[1:]
    jobs = os.cpu_count() or 2
    only = None
    exe = None
    verbose = False
    while args:
        a = args.pop(0)
        if a == "-j" and args:
            jobs = max(1, int(args.pop(0)))
        elif a == "-t" and args:
            global TIME_LIMIT, TIME_LIMIT_SET
            TIME_LIMIT = float(args.pop(0))
            TIME_LIMIT_SET = True
        elif a == "-v":
            verbose = True
        elif a == "-k" and args:
            only = args.pop(0)
        elif exe is None:
            exe = a
        else:
            exe = None
            break
    if not exe:
        sys.stderr.write("usage: patho.py PATH/TO/presscut [-j N] [-k NAME] [-t SECONDS] [-v]\n")
        return 2
    exe = os.path.abspath(exe)
    if not os.access(exe, os.X_OK):
        sys.stderr.write("patho.py: %s is not an executable\n" % exe)
        return 2
    if not TIME_LIMIT_SET and instrumented(exe):
        TIME_LIMIT *= INSTRUMENTED_FACTOR
        sys.stderr.write("patho.py: instrumented build, time limit %gs\n"
                         % TIME_LIMIT)
    cases = [c for c in CASES if not only or only in c["name"]]
    passed = failed = 0
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="presscut-patho-") as tmp:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futs = [pool.submit(run_case, exe, tmp, c) for c in cases]
            for c, f in zip(cases, futs):
                try:
                    ok, dt, why = f.result()
                except Exception as e:  # a bug in this script, not presscut
                    ok, dt, why = False, 0.0, "harness error: %r" % (e,)
                if ok:
                    passed += 1
                    print("ok %s %.2fs" % (c["name"], dt)
                          + ("  (%s)" % why if verbose else ""))
                else:
                    failed += 1
                    print("FAIL %s %.2fs: %s" % (c["name"], dt, why))
                sys.stdout.flush()
    sys.stderr.write("patho.py: total %.1fs with %d jobs\n"
                     % (time.monotonic() - t0, jobs))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
