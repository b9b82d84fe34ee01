#!/usr/bin/python3
"""test_pipe.py PRESSCUT REPO SHARED - the map-step protocol of docs/scale.md.

Spark's RDD.pipe (and Hadoop Streaming) write one input path a line to the
process's standard input and read its standard output as records.  This
test drives `presscut batch --inputs-from - --out - --quiet --jobs 1`
exactly that way, the way contrib/spark/presscut_spark.py does, with WARC
files (gzipped and plain) and checks one JSON object a line comes out, the
same documents as `presscut batch FILES --out FILE`, nothing on stdout but
JSON Lines, and an empty partition giving an empty output.
"""
import atexit
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

PRESSCUT, REPO, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
CORPUS = os.path.join(SHARED, "corpus", "extraction")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled  # noqa: E402



def warc_record(uri, html):
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: " + str(len(html)).encode() + b"\r\n\r\n" + html)
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def main():
    tmp = tempfile.mkdtemp(prefix="pc-pipe-")
    atexit.register(shutil.rmtree, tmp, True)  # the run leaves nothing behind
    pages = sorted(f for f in os.listdir(CORPUS) if f.endswith(".html"))
    paths = []
    for k in range(3):
        recs = b"".join(warc_record(f"https://example.com/{k}/{p}", open(os.path.join(CORPUS, p), "rb").read())
                        for p in pages[k * 10:(k + 1) * 10])
        path = os.path.join(tmp, f"part{k}.warc" + (".gz" if k % 2 == 0 else ""))
        with (gzip.open(path, "wb") if k % 2 == 0 else open(path, "wb")) as f:
            f.write(recs)
        paths.append(path)
    cmd = [PRESSCUT, "batch", "--inputs-from", "-", "--out", "-", "--quiet", "--jobs", "1"]
    r = subprocess.run(cmd, input=("\n".join(paths) + "\n").encode(), capture_output=True, timeout=scaled(300))
    out = r.stdout.decode().splitlines()
    objs = []
    for l in out:
        try:
            objs.append(json.loads(l))
        except ValueError:
            objs.append(None)
    check("exit 0", r.returncode == 0, r.stderr[-200:])
    check("stdout is JSON Lines only", all(o is not None for o in objs) and len(objs) == 30, len(objs))
    ref = os.path.join(tmp, "ref.jsonl")
    subprocess.run([PRESSCUT, "batch", "--quiet"] + paths + ["--out", ref], check=True, timeout=scaled(300))
    want = {json.loads(l)["id"] for l in open(ref)}
    check("the same documents as a file run", {o["id"] for o in objs if o} == want)
    check("each line names its WARC and record", all(o["source"]["file"] in paths for o in objs if o))
    check("--quiet: nothing on stderr", r.stderr == b"", r.stderr[-200:])
    r = subprocess.run(cmd, input=b"", capture_output=True, timeout=scaled(60))
    check("an empty partition: exit 0, nothing on stdout", r.returncode == 0 and r.stdout == b"")
    r = subprocess.run([PRESSCUT, "batch", "--out", "-"], capture_output=True, timeout=scaled(60))
    check("no inputs at all: usage error", r.returncode == 2)
    return report()


if __name__ == "__main__":
    sys.exit(main())
