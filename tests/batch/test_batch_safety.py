#!/usr/bin/python3
"""test_batch_safety.py PRESSCUT REPO SHARED - batch on hostile file trees,
interrupted runs and a full disk (issue 22, items 1-3).  Fast: seconds.

- symbolic links that make a cycle (a directory holding links to itself)
  and links to a file or a directory already read: every file is read once
  (device and inode), the run ends, and what was not read again is counted;
- --resume: the output of a run cut after any line (and a partial line
  after it, as kill -9 mid-write leaves) and resumed holds the ids of an
  uninterrupted run, each once, with the same content twice in a
  directory, in a WARC (the same URL and payload twice) and in JSON Lines
  (one line per id: the copies are duplicates, in a plain run as in a
  resumed one; issue 19);
- a full disk (a file-size limit makes a real short write): the output
  holds only complete lines, "written" is their number, the summary adds
  up, and a resumed run completes the output.
"""
import atexit
import gzip
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PRESSCUT, REPO, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
CORPUS = os.path.join(SHARED, "corpus", "extraction")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled  # noqa: E402


def batch(*args, limit=None, timeout=60):
    """presscut batch; limit: a file-size cap (bytes) for the child.  A run
    past timeout is killed and reported as status None."""
    def cap():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write(2) fails instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        return subprocess.run([PRESSCUT, "batch"] + list(args), capture_output=True, timeout=scaled(timeout),
                              preexec_fn=cap if limit else None)
    except subprocess.TimeoutExpired as e:
        return subprocess.CompletedProcess(e.cmd, None, e.stdout or b"", e.stderr or b"")


def raw_lines(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")


def lines(path):
    return [json.loads(x) for x in raw_lines(path) if x.strip()]


def identity(path):
    """(file, offset, id) of every line, sorted: source and record (or the
    start of a line that is not JSON)."""
    got = []
    for x in raw_lines(path):
        try:
            d = json.loads(x) if x.strip() else None
        except ValueError:
            d = {"source": {"file": "not JSON: " + x[:60].decode(errors="replace"), "offset": -1}, "id": ""}
        if d:
            got.append((d["source"]["file"], d["source"]["offset"], d["id"]))
    return sorted(got)


def summary(stderr):
    """{counter: n} from the summary line 'N read = W written + E errors + ...'."""
    m = re.search(rb"(\d+) read = ([^;\n]*)", stderr)
    if not m:
        return None
    got = {"read": int(m.group(1))}
    for n, name in re.findall(rb"(\d+) ([a-z][a-z -]*[a-z])", m.group(2)):
        got[name.decode()] = int(n)
    return got


def ids(path):
    """The ids of a JSON Lines output, sorted (a line that is not JSON
    counts as an id of its own)."""
    got = []
    for x in raw_lines(path):
        if x.strip():
            try:
                got.append(json.loads(x)["id"])
            except ValueError:
                got.append("not JSON: " + x[:60].decode(errors="replace"))
    return sorted(got)


def adds_up(s):
    return s is not None and s["read"] == sum(v for k, v in s.items() if k != "read")


def page(i):
    pages = sorted(f for f in os.listdir(CORPUS) if f.endswith(".html"))
    with open(os.path.join(CORPUS, pages[i % len(pages)]), "rb") as f:
        return f.read()


def links(tmp):
    top = os.path.join(tmp, "cycle")
    os.makedirs(os.path.join(top, "sub"))
    with open(os.path.join(top, "page.html"), "wb") as f:
        f.write(page(0))
    with open(os.path.join(top, "sub", "other.html"), "wb") as f:
        f.write(page(1))
    os.symlink(".", os.path.join(top, "s1"))
    os.symlink(".", os.path.join(top, "s2"))
    os.symlink("..", os.path.join(top, "sub", "up"))
    os.symlink("sub", os.path.join(top, "zalias"))           # a directory twice
    os.symlink("page.html", os.path.join(top, "zagain.html"))  # a file twice
    os.link(os.path.join(top, "page.html"), os.path.join(top, "zhard.html"))
    out = os.path.join(tmp, "cycle.jsonl")
    r = batch(top, "--out", out, "--jobs", "2", timeout=30)
    check("links: a directory linking to itself ends", r.returncode == 0, (r.returncode, r.stderr[-300:]))
    got = lines(out) if r.returncode == 0 else []
    files = sorted(os.path.relpath(d["source"]["file"], top) for d in got)
    check("links: each file read once (device and inode)", files == ["page.html", "sub/other.html"], files[:6])
    s = summary(r.stderr)
    check("links: summary adds up", adds_up(s), r.stderr[-300:])
    m = re.search(rb"(\d+) reached again", r.stderr)
    # s1, s2, sub/up, zalias (directories) and zagain.html, zhard.html (files)
    check("links: what was not read again is counted", m and int(m.group(1)) == 6, r.stderr[-300:])
    r = batch(top, "--out", out, "--progress", timeout=30)  # its size estimate walks the tree too
    check("links: --progress ends too", r.returncode == 0 and len(lines(out)) == 2, (r.returncode, r.stderr[-300:]))
    # the same file named twice on the command line is read once too
    r = batch(os.path.join(top, "page.html"), os.path.join(top, "zhard.html"), "--out", out)
    check("links: a file named twice is read once", r.returncode == 0 and len(lines(out)) == 1, r.stderr[-300:])


def warc_record(url, payload):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return head.encode() + http + b"\r\n\r\n"


def resume_matches(name, inputs, tmp):
    """Cuts a complete run after each of its lines (with half the next line
    left, as kill -9 mid-write does), resumes, compares the ids: the same,
    each once (which copy of a duplicate is kept may differ)."""
    full = os.path.join(tmp, name + "-full.jsonl")
    r = batch(*inputs, "--out", full, "--ordered", "--jobs", "1")
    whole = [x for x in raw_lines(full) if x]
    want = ids(full)
    s = summary(r.stderr)
    check(f"resume {name}: a clean run writes one line per id, the copies counted as duplicates",
          r.returncode == 0 and len(whole) >= 2 and len(set(want)) == len(want) and s and
          s.get("duplicates", 0) >= 1 and adds_up(s), (r.returncode, len(whole), r.stderr[-200:]))
    bad = []
    for k in range(len(whole)):
        out = os.path.join(tmp, f"{name}-cut{k}.jsonl")
        with open(out, "wb") as f:
            f.write(b"".join(x + b"\n" for x in whole[:k]) + whole[k][:len(whole[k]) // 2])
        r = batch(*inputs, "--out", out, "--resume", "--jobs", "2")
        if r.returncode != 0 or ids(out) != want or not adds_up(summary(r.stderr)):
            bad.append((k, r.returncode, identity(out)))
    check(f"resume {name}: cut after any line, resumed = the clean run's ids, each once", not bad and whole,
          bad[:1])


def killed(tmp):
    """Real kill -9 at a few points of a run over a directory where every
    page is there five times: resumed, the ids of a clean run, once each."""
    d = os.path.join(tmp, "fives")
    os.makedirs(d)
    for i in range(30):
        with open(os.path.join(d, f"p{i:02}.html"), "wb") as f:
            f.write(page(i // 5 + 5))
    full = os.path.join(tmp, "fives-full.jsonl")
    batch(d, "--out", full, "--jobs", "2")
    want = ids(full)
    out = os.path.join(tmp, "fives.jsonl")
    for at in (1, 3, 5):  # kill once the output holds `at` lines (polled, bounded)
        p = subprocess.Popen([PRESSCUT, "batch", "--quiet", d, "--out", out, "--resume", "--jobs", "1"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + scaled(30)
        while p.poll() is None and time.monotonic() < deadline:
            if os.path.exists(out) and open(out, "rb").read().count(b"\n") >= at:
                break
            time.sleep(0.005)
        p.send_signal(signal.SIGKILL)
        p.wait()
    r = batch(d, "--out", out, "--resume")
    got = ids(out)
    check("resume after kill -9, same content five times: the clean run's ids, once each",
          r.returncode == 0 and got == want and len(want) == 6, (len(got), len(want), r.stderr[-200:]))


def resume(tmp):
    d = os.path.join(tmp, "same")
    os.makedirs(d)
    for n, i in (("a.html", 2), ("b.html", 2), ("c.html", 3), ("d.html", 2)):
        with open(os.path.join(d, n), "wb") as f:
            f.write(page(i))
    resume_matches("directory", [d], tmp)
    check("rule: a clean run writes a line per id: four files, two contents, two lines",
          len(lines(os.path.join(tmp, "directory-full.jsonl"))) == 2)
    w = os.path.join(tmp, "twice.warc")
    with open(w, "wb") as f:
        for url, i in (("https://example.com/a", 2), ("https://example.com/a", 2),
                       ("https://example.com/b", 3), ("https://example.com/a", 2)):
            f.write(warc_record(url, page(i)))
    resume_matches("warc", [w], tmp)
    got = lines(os.path.join(tmp, "warc-full.jsonl"))
    check("rule: a WARC's same URL and payload thrice: one line (two in all, two ids)",
          len(got) == 2 and len({d["id"] for d in got}) == 2)
    with open(w, "rb") as f, open(w + ".gz", "wb") as g:  # a gzip member a record, as crawlers write
        for rec in f.read().split(b"WARC/1.0\r\n")[1:]:
            g.write(gzip.compress(b"WARC/1.0\r\n" + rec))
    resume_matches("warc.gz", [w + ".gz"], tmp)
    j = os.path.join(tmp, "twice.jsonl")
    with open(j, "w") as f:
        for i in (2, 2, 3, 2):
            f.write(json.dumps({"url": "https://example.com/x", "html": page(i).decode("utf-8", "replace")}) + "\n")
    resume_matches("jsonl", [j], tmp)


def full_disk(tmp):
    d = os.path.join(tmp, "many")
    os.makedirs(d)
    for i in range(24):
        with open(os.path.join(d, f"p{i:02}.html"), "wb") as f:
            f.write(page(i) + f"<!-- {i} -->".encode())
    full = os.path.join(tmp, "disk-full.jsonl")
    batch(d, "--out", full, "--ordered", "--jobs", "1")
    whole = [x for x in raw_lines(full) if x]
    cut = sum(len(x) + 1 for x in whole[:9]) + min(200, len(whole[9]) // 2)  # inside line 10
    out = os.path.join(tmp, "disk.jsonl")
    r = batch(d, "--out", out, "--ordered", "--jobs", "2", limit=cut)
    check("full disk: exit 3, the cause in one line", r.returncode == 3 and
          len([x for x in r.stderr.splitlines() if b"cannot write" in x]) == 1, (r.returncode, r.stderr[-300:]))
    data = open(out, "rb").read()
    check("full disk: only complete lines stay", data.endswith(b"\n") and data.count(b"\n") == 9,
          (len(data), data.count(b"\n"), data[-40:]))
    s = summary(r.stderr)
    check("full disk: written = complete lines", s is not None and s.get("written") == data.count(b"\n"),
          r.stderr[-300:])
    check("full disk: the summary adds up", adds_up(s) and s["read"] <= 24, r.stderr[-300:])
    r = batch(d, "--out", out, "--resume", "--jobs", "2")
    check("full disk: --resume completes it", r.returncode == 0 and
          sorted(x for x in raw_lines(out) if x) == sorted(whole), r.stderr[-300:])


def main():
    tmp = tempfile.mkdtemp(prefix="pc-batch-safety-")
    atexit.register(shutil.rmtree, tmp, True)
    links(tmp)
    resume(tmp)
    killed(tmp)
    full_disk(tmp)
    return report()


if __name__ == "__main__":
    sys.exit(main())
