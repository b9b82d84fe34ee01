#!/usr/bin/python3
"""test_batch.py PRESSCUT REPO SHARED - presscut batch end to end.

Directories, WARC files written by a real tool (Debian's wget --warc-file
against a local HTTP server serving corpus pages, some of them chunked and
gzip-compressed), gzipped and plain, JSON Lines, standard input, --ordered,
--shard (the shards partition the run, on directories and on WARCs
written by wget), one line per id (duplicates counted, plain and resumed),
--errors, the summary's identity, missing and unreadable inputs (exit 3
with the reason), progress lines off a terminal, bounded memory on a large
input, and --resume after kill -9 at random moments (no document lost,
none written twice).
"""
import atexit
import gzip
import hashlib
import http.server
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zlib

PRESSCUT, REPO, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
CORPUS = os.path.join(SHARED, "corpus", "extraction")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled  # noqa: E402



def batch(*args, stdin=None):
    return subprocess.run([PRESSCUT, "batch", "--quiet"] + list(args), capture_output=True,
                          timeout=scaled(600), input=stdin)


SUMMARY = re.compile(r"(\d+) read = (\d+) written \+ (\d+) errors \+ (\d+) skipped \+ (\d+) duplicates"
                     r" \+ (\d+) already done \+ (\d+) other shards \+ (\d+) not written")


def summary_counts(err):
    """The summary's counters by name, or None."""
    m = SUMMARY.search(err if isinstance(err, str) else err.decode(errors="replace"))
    names = ("read", "written", "errors", "skipped", "duplicates", "done", "shards", "unwritten")
    return dict(zip(names, (int(x) for x in m.groups()))) if m else None


def lines(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


class Pages(http.server.BaseHTTPRequestHandler):
    """The corpus over HTTP; odd pages chunked, pages whose name starts
    with a digit below 8 gzip-compressed."""
    root = ""

    def log_message(self, *a):
        pass

    def do_GET(self):
        name = self.path.lstrip("/") or "index.html"
        path = os.path.join(Pages.root, name)
        if not os.path.isfile(path):
            self.send_error(404)
            return
        body = open(path, "rb").read()
        gz = name[0] in "01234567"
        chunked = hash(name) % 2 == 1 or name.startswith("0")
        if gz:
            body = gzip.compress(body)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if gz:
            self.send_header("Content-Encoding", "gzip")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, len(body), 4000):
                part = body[i:i + 4000]
                self.wfile.write(b"%x\r\n" % len(part) + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


def main():
    tmp = tempfile.mkdtemp(prefix="pc-batch-")
    atexit.register(shutil.rmtree, tmp, True)  # the run leaves nothing behind
    pages = sorted(f for f in os.listdir(CORPUS) if f.endswith(".html"))

    # --- a directory ------------------------------------------------------
    out = os.path.join(tmp, "dir.jsonl")
    r = subprocess.run([PRESSCUT, "batch", CORPUS, "--out", out], capture_output=True, timeout=scaled(600))
    got = lines(out) if r.returncode == 0 else []
    check("directory: every page one line", r.returncode == 0 and len(got) == len(pages), (r.returncode, len(got), r.stderr[-300:]))
    ids = [d["id"] for d in got]
    check("ids unique and SHA-256", len(set(ids)) == len(ids) and all(len(i) == 64 for i in ids))
    check("extract's fields plus source", all("blocks" in d and "title" in d and d["source"]["file"].endswith(".html") for d in got))
    err = r.stderr.decode()
    check("summary: read = written + errors + skipped",
          f"{len(pages)} read = {len(pages)} written + 0 errors + 0 skipped" in err, err)
    r2 = batch(CORPUS, "--out", os.path.join(tmp, "dir2.jsonl"), "--jobs", "1", "--ordered")
    ordered = [d["source"]["file"] for d in lines(os.path.join(tmp, "dir2.jsonl"))]
    check("--ordered keeps input order", ordered == sorted(ordered) and len(ordered) == len(pages))
    check("same ids with one job", set(d["id"] for d in lines(os.path.join(tmp, "dir2.jsonl"))) == set(ids))

    # --- WARC written by wget ---------------------------------------------------
    site = os.path.join(tmp, "site")
    os.makedirs(site)
    sample = pages[:12]
    for p in sample:
        shutil.copy(os.path.join(CORPUS, p), site)
    with open(os.path.join(site, "index.html"), "w") as f:
        f.write("<html><body>" + "".join(f'<a href="{p}">{p}</a> ' for p in sample) + "</body></html>")
    Pages.root = site
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    warc = os.path.join(tmp, "crawl")
    w = subprocess.run(["wget", "-q", "-r", "-l", "1", "-P", os.path.join(tmp, "dl"), "--warc-file=" + warc,
                        f"http://127.0.0.1:{srv.server_address[1]}/"], capture_output=True, timeout=scaled(120))
    srv.shutdown()
    check("wget wrote a WARC", os.path.exists(warc + ".warc.gz"), w.stderr[-200:])
    wout = os.path.join(tmp, "warc.jsonl")
    r = subprocess.run([PRESSCUT, "batch", warc + ".warc.gz", "--out", wout, "--errors",
                        os.path.join(tmp, "warc-err.jsonl")], capture_output=True, timeout=scaled(300))
    wl = lines(wout)
    titles = {d.get("title") for d in wl}
    want = {d["title"] for d in got if os.path.basename(d["source"]["file"]) in sample}
    check("WARC: every corpus page of the crawl", want <= titles, sorted(want - titles)[:3])
    check("WARC: chunked and gzip bodies decoded (bodies match the files)",
          all(any(g["title"] == d["title"] and g["word_count"] == d["word_count"] for g in wl)
              for d in got if os.path.basename(d["source"]["file"]) in sample))
    err = r.stderr.decode()
    check("WARC: request and warcinfo records skipped and counted", " skipped" in err and " 0 skipped" not in err, err)
    nums = summary_counts(err)
    check("WARC: read = written + errors + skipped + duplicates + ...",
          nums and nums["read"] == sum(v for k, v in nums.items() if k != "read"), err)
    check("WARC: record offsets in source", all(d["source"]["offset"] > 0 for d in wl))

    def record_at(path, offset, gz):
        """(WARC-Type, target file name) of the record at offset (a gzip
        member's when gz)."""
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read(1 << 16)
        if gz:
            try:
                data = zlib.decompressobj(16 + 15).decompress(data)
            except zlib.error:
                return None
        head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
        if not head.startswith("WARC/1."):
            return None
        t = re.search(r"WARC-Type: (\w+)", head)
        uri = re.search(r"WARC-Target-URI: <?([^>\r\n]+)", head)
        return t and t.group(1), uri and uri.group(1).rsplit("/", 1)[-1]

    title_of = {os.path.basename(d["source"]["file"]): d["title"] for d in got}
    title_of[""] = title_of["index.html"] = None

    def points_home(path, gz, docs):
        """Every document's offset is its own response record."""
        bad = []
        for d in docs:
            rec = record_at(path, d["source"]["offset"], gz)
            if not rec or rec[0] != "response" or title_of.get(rec[1]) not in (d.get("title"), None):
                bad.append((d["source"]["offset"], rec, d.get("title")))
        return bad

    bad = points_home(warc + ".warc.gz", True, wl)
    check("WARC: a .warc.gz offset is its record's gzip member (seek and inflate)", not bad, bad[:2])
    plain = os.path.join(tmp, "crawl.warc")
    with gzip.open(warc + ".warc.gz", "rb") as fi, open(plain, "wb") as fo:
        fo.write(fi.read())
    r = batch(plain, "--out", os.path.join(tmp, "plain.jsonl"))
    pl = lines(os.path.join(tmp, "plain.jsonl"))
    check("an uncompressed WARC gives the same ids", {d["id"] for d in pl} == {d["id"] for d in wl})
    bad = points_home(plain, False, pl)
    check("WARC: a plain .warc offset is its record's first byte", not bad, bad[:2])
    # a gzipped WARC that arrives a few bytes at a time on a pipe is still
    # sniffed as a WARC
    p = subprocess.Popen([PRESSCUT, "batch", "--quiet", "-", "--out", os.path.join(tmp, "slow.jsonl")],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    raw = open(warc + ".warc.gz", "rb").read()
    for piece in (raw[:1], raw[1:3], raw[3:12]):
        p.stdin.write(piece)
        p.stdin.flush()
        time.sleep(0.2)
    p.stdin.write(raw[12:])
    p.stdin.close()
    p.wait(scaled(120))
    check("a gzipped WARC trickling in on a pipe",
          {d["id"] for d in lines(os.path.join(tmp, "slow.jsonl"))} == {d["id"] for d in wl})
    # a file that is gzip in name and magic only: one error, not silence
    bad = os.path.join(tmp, "bad.warc.gz")
    open(bad, "wb").write(b"\x1f\x8b\x08\x00" + b"\x00garbage" * 10)
    r = batch(bad, "--out", os.path.join(tmp, "bad.jsonl"), "--errors", os.path.join(tmp, "bad-err.jsonl"))
    be = lines(os.path.join(tmp, "bad-err.jsonl"))
    check("damaged gzip data from the first byte: one error",
          len(be) == 1 and "damaged gzip" in be[0]["error"], (be, r.stderr[-200:]))
    # a gzipped WARC cut inside a member: what came before is kept, the
    # damage is an error, and nothing hangs
    cut = os.path.join(tmp, "cut.warc.gz")
    raw = open(warc + ".warc.gz", "rb").read()
    open(cut, "wb").write(raw[: len(raw) * 2 // 3])
    r = batch(cut, "--out", os.path.join(tmp, "cut.jsonl"), "--errors", os.path.join(tmp, "cut-err.jsonl"))
    cl, ce = lines(os.path.join(tmp, "cut.jsonl")), lines(os.path.join(tmp, "cut-err.jsonl"))
    check("a cut .warc.gz: the records before the cut, and one error", 0 < len(cl) < len(wl) and len(ce) == 1,
          (len(cl), len(wl), ce))
    r = batch("-", "--out", os.path.join(tmp, "stdin.jsonl"), stdin=open(warc + ".warc.gz", "rb").read())
    check("a gzipped WARC on standard input",
          {d["id"] for d in lines(os.path.join(tmp, "stdin.jsonl"))} == {d["id"] for d in wl}, r.stderr[-200:])

    # --- shards of a WARC written by wget: documents, not records -------------
    wall = sorted(d["id"] for d in wl)
    for n in (2, 3):
        parts = []
        for i in range(n):
            o = os.path.join(tmp, f"wshard{i}of{n}.jsonl")
            r = subprocess.run([PRESSCUT, "batch", warc + ".warc.gz", "-o", o, "--shard", f"{i}/{n}"],
                               capture_output=True, timeout=300)
            parts.append([d["id"] for d in lines(o)] if r.returncode == 0 else [])
            c = summary_counts(r.stderr)
            check(f"WARC --shard {i}/{n}: other shards counted apart from skipped records",
                  c and c["shards"] == len(wall) - len(parts[-1]) and c["read"] == sum(
                      v for k, v in c.items() if k != "read"), r.stderr[-300:])
            check(f"WARC --shard {i}/{n}: its ids are those with id % {n} == {i}",
                  all(int(x[:16], 16) % n == i for x in parts[-1]))
        # each shard holds exactly the documents whose id falls to it (ids
        # hash the URL, whose port is new each run: a shard may by chance
        # have none, so that is not asked; a shard that drops what is its
        # own, as --shard 1/2 once wrote nothing, fails here)
        own = [sorted(x for x in wall if int(x[:16], 16) % n == i) for i in range(n)]
        check(f"WARC --shard I/{n}: each shard its own documents, together the unsharded run, none twice",
              [sorted(p) for p in parts] == own and sum(map(len, own)) == len(wall),
              [len(p) for p in parts] + [len(x) for x in own])

    # --- one line per id, plain and resumed -------------------------------------
    mixed = os.path.join(tmp, "mixed")
    os.makedirs(os.path.join(mixed, "again"))
    for p in pages[:15]:
        shutil.copy(os.path.join(CORPUS, p), mixed)
    for p in pages[5:20]:  # ten of them twice, five new
        shutil.copy(os.path.join(CORPUS, p), os.path.join(mixed, "again"))
    shutil.copy(warc + ".warc.gz", os.path.join(mixed, "a.warc.gz"))
    shutil.copy(warc + ".warc.gz", os.path.join(mixed, "again", "b.warc.gz"))  # the same crawl again
    mo = os.path.join(tmp, "mixed.jsonl")
    r = subprocess.run([PRESSCUT, "batch", mixed, "-o", mo, "--jobs", "2"], capture_output=True, timeout=300)
    ml = [d["id"] for d in lines(mo)]
    c = summary_counts(r.stderr)
    check("a directory holding pages and a crawl twice: one line per id",
          r.returncode == 0 and len(ml) == len(set(ml)) == 20 + len(wl), (len(ml), len(set(ml)), 20 + len(wl)))
    check("duplicates counted apart from skipped records, and the summary adds up",
          c and c["duplicates"] == 10 + len(wl) and c["skipped"] > 0 and
          c["read"] == sum(v for k, v in c.items() if k != "read"), r.stderr[-300:])
    o1, o2 = os.path.join(tmp, "mixed-o1.jsonl"), os.path.join(tmp, "mixed-o2.jsonl")
    subprocess.run([PRESSCUT, "batch", "--quiet", mixed, "-o", o1, "--ordered", "--jobs", "1"], timeout=300)
    subprocess.run([PRESSCUT, "batch", "--quiet", mixed, "-o", o2, "--ordered", "--jobs", "2"], timeout=300)
    first = {}
    for d in lines(o1):
        first.setdefault(d["id"], d["source"])
    check("--ordered: the copy kept is the first in input order, whatever --jobs (the same bytes)",
          open(o1, "rb").read() == open(o2, "rb").read() and len(first) == len(ml) and
          all(os.path.dirname(v["file"]) == mixed or "again" not in v["file"] or
              os.path.basename(v["file"]) not in pages[:15] for v in first.values()))
    r = subprocess.run([PRESSCUT, "batch", mixed, "-o", mo, "--resume"], capture_output=True, timeout=300)
    c = summary_counts(r.stderr)
    check("--resume of the finished run: written 0, the written records already done, the same duplicates",
          c and c["written"] == 0 and c["done"] == len(ml) and c["duplicates"] == 10 + len(wl) and
          sorted(d["id"] for d in lines(mo)) == sorted(ml), r.stderr[-300:])
    cut = open(mo).read().splitlines(True)
    open(mo, "w").write("".join(cut[: len(cut) // 2]))
    r = subprocess.run([PRESSCUT, "batch", mixed, "-o", mo, "--resume", "--jobs", "2"], capture_output=True,
                       timeout=300)
    got = [d["id"] for d in lines(mo)]
    check("--resume of a run cut in half: the same ids, each once",
          sorted(got) == sorted(ml), (len(got), len(set(got)), len(ml)))
    # shards of the mixed directory: the duplicates stay in one shard
    parts = []
    for i in range(3):
        o = os.path.join(tmp, f"mshard{i}.jsonl")
        subprocess.run([PRESSCUT, "batch", "--quiet", mixed, "--output", o, "--shard", f"{i}/3"], timeout=300)
        parts.append([d["id"] for d in lines(o)])
    check("--shard I/3 with duplicates: together the unsharded run, none twice",
          sorted(x for p in parts for x in p) == sorted(ml), [len(p) for p in parts])

    # --- missing and unreadable inputs --------------------------------------------
    r = subprocess.run([PRESSCUT, "batch", os.path.join(tmp, "no-such-dir"), mixed, "-o",
                        os.path.join(tmp, "miss.jsonl")], capture_output=True, timeout=60)
    err = r.stderr.decode()
    check("a missing input: exit 3, its reason in one line, nothing read",
          r.returncode == 3 and err.count("\n") == 1 and "no-such-dir: No such file or directory" in err and
          not os.path.exists(os.path.join(tmp, "miss.jsonl")), (r.returncode, err))
    os.symlink(os.path.join(tmp, "nowhere.html"), os.path.join(mixed, "dangling.html"))
    r = subprocess.run([PRESSCUT, "batch", mixed, "-o", os.path.join(tmp, "dang.jsonl")],
                       capture_output=True, timeout=300)
    err = r.stderr.decode()
    check("an unreadable file in the walk: warned with its reason without --errors, the rest written, exit 3",
          r.returncode == 3 and "dangling.html: No such file or directory" in err and
          len(lines(os.path.join(tmp, "dang.jsonl"))) == len(ml) and "1 input could not be read" in err,
          (r.returncode, err[-400:]))
    os.unlink(os.path.join(mixed, "dangling.html"))

    # --- JSON Lines -----------------------------------------------------------
    jl = os.path.join(tmp, "pages.jsonl")
    with open(jl, "w") as f:
        for p in pages[:20]:
            f.write(json.dumps({"url": "https://example.com/" + p, "html": open(os.path.join(CORPUS, p), errors="replace").read()}) + "\n")
        f.write("not json\n")
    r = batch(jl, "--out", os.path.join(tmp, "jl.jsonl"), "--errors", os.path.join(tmp, "jl-err.jsonl"))
    check("JSON Lines: 20 documents", len(lines(os.path.join(tmp, "jl.jsonl"))) == 20)
    p0 = pages[0]
    want = hashlib.sha256(("https://example.com/" + p0).encode() + b"\0" +
                          open(os.path.join(CORPUS, p0), errors="replace").read().encode()).hexdigest()
    check("id = SHA-256 of URL, NUL and payload",
          any(d["id"] == want for d in lines(os.path.join(tmp, "jl.jsonl"))), want)
    errs = lines(os.path.join(tmp, "jl-err.jsonl"))
    check("a bad line goes to --errors with its place and the parser's reason",
          len(errs) == 1 and errs[0]["source"]["offset"] == 21 and
          errs[0]["error"].startswith("not a JSON object") and "(" in errs[0]["error"], errs)
    r = batch("-", "--out", os.path.join(tmp, "jl-stdin.jsonl"), stdin=open(jl, "rb").read())
    check("JSON Lines on standard input", len(lines(os.path.join(tmp, "jl-stdin.jsonl"))) == 20, r.stderr[-200:])
    r = batch(jl, "--out", os.path.join(tmp, "small.jsonl"), "--errors", os.path.join(tmp, "small-err.jsonl"), "--max-doc", "20000")
    big = [e for e in lines(os.path.join(tmp, "small-err.jsonl")) if "cap" in e["error"]]
    check("--max-doc: oversized documents are errors, not lost", len(big) >= 1 and
          len(big) + len(lines(os.path.join(tmp, "small.jsonl"))) + 1 == 21)

    # --- shards partition the run ----------------------------------------------
    parts = []
    for i in range(3):
        o = os.path.join(tmp, f"shard{i}.jsonl")
        batch(CORPUS, "--out", o, "--shard", f"{i}/3")
        parts.append({d["id"] for d in lines(o)})
    union = set().union(*parts)
    check("--shard I/3: disjoint, together the whole run",
          union == set(ids) and sum(len(p) for p in parts) == len(ids), [len(p) for p in parts])
    r = batch(CORPUS, "--out", os.path.join(tmp, "x.jsonl"), "--shard", "3/3")
    check("--shard 3/3 is a usage error", r.returncode == 2)

    # --- resume after kill -9 ------------------------------------------------------
    many = os.path.join(tmp, "many.jsonl")
    with open(many, "w") as f:
        for k in range(6):
            for p in pages:
                f.write(json.dumps({"url": f"https://example.com/{k}/{p}",
                                    "html": open(os.path.join(CORPUS, p), errors="replace").read()}) + "\n")
    full = os.path.join(tmp, "full.jsonl")
    batch(many, "--out", full)
    want_ids = sorted((d["source"]["file"], d["source"]["offset"], d["id"]) for d in lines(full))

    # --- progress off a terminal: lines, percent and ETA of a gzipped input ---------
    manygz = many + ".gz"
    with open(many, "rb") as fi, gzip.open(manygz, "wb") as fo:
        fo.write(fi.read())
    r = subprocess.run([PRESSCUT, "batch", manygz, "-o", os.path.join(tmp, "prog.jsonl"), "--jobs", "1",
                        "--progress=0.2"], capture_output=True, timeout=600)
    err = r.stderr.decode()
    prog = [l for l in err.splitlines() if " docs, " in l]
    check("--progress off a terminal: lines ending in a newline, no carriage return",
          r.returncode == 0 and "\r" not in err and err.endswith("\n") and len(prog) >= 1, err[-400:])
    check("--progress of a .jsonl.gz: percent and ETA (compressed bytes against the file's size)",
          prog and all(re.search(r", \d+% of [\d.]+ MB, ETA \d+:\d\d", l) for l in prog), prog[:3])
    rnd = random.Random(7)
    for attempt in range(6):
        out = os.path.join(tmp, f"resumed{attempt}.jsonl")
        kills = 0
        for _ in range(4):
            p = subprocess.Popen([PRESSCUT, "batch", "--quiet", many, "--out", out, "--resume", "--jobs", "2"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rnd.uniform(0.05, 0.6))
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                kills += 1
            p.wait()
        r = batch(many, "--out", out, "--resume")
        raw = open(out).read()
        got_ids = [(d["source"]["file"], d["source"]["offset"], d["id"])
                   for d in (json.loads(l) for l in raw.splitlines() if l.strip())]
        check(f"resume after {kills} kill -9: every record (source, offset, id) once",
              sorted(got_ids) == want_ids and len(got_ids) == len(set(got_ids)) and raw.endswith("\n"),
              (len(got_ids), len(set(got_ids)), len(want_ids)))

    # --- memory does not grow with the input ------------------------------------------
    def peak(path):
        # under AddressSanitizer freed memory waits in its quarantine
        # (256 MB by default), which grows with the input: kept small here
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"), "quarantine_size_mb=8"]))
        r = subprocess.run(["/usr/bin/time", "-f", "%M", PRESSCUT, "batch", "--quiet", path, "--out",
                            os.path.join(tmp, "mem.jsonl"), "--jobs", "2"], capture_output=True,
                           timeout=scaled(600), env=env)
        return int(r.stderr.decode().strip().splitlines()[-1])
    small_in = os.path.join(tmp, "small-in.jsonl")
    with open(small_in, "w") as f, open(many) as src:
        for i, l in enumerate(src):
            if i < 100:
                f.write(l)
    big_in = os.path.join(tmp, "big-in.jsonl")
    with open(big_in, "w") as f:
        for k in range(4):
            f.write(open(many).read())
    a, b = peak(small_in), peak(big_in)
    size_mb = os.path.getsize(big_in) / 1e6
    check(f"memory: {size_mb:.0f} MB in {b / 1024:.0f} MiB peak, 100 docs in {a / 1024:.0f} MiB",
          b < a * 1.6 + 20000, (a, b))
    return report()


if __name__ == "__main__":
    sys.exit(main())
