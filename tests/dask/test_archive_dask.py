#!/usr/bin/python3
"""test_archive_dask.py PRESSCUT REPO SHARED - the archive built on a Dask
cluster, loaded into a real PostgreSQL server.

Starts a PostgreSQL 15 server (tests/archive/pgserver.py: initdb into a
temporary directory, a Unix socket there), a Dask scheduler and two
workers on 127.0.0.1 (Debian's python3-distributed).  The corpus pages, as
JSON Lines of {"url","html"}, go through contrib/dask/presscut_dask.py
--index: each worker runs `presscut batch --attribution --shard` into a
part, the parts are gathered, and one `presscut index --from-jsonl` stores
them in the server.  The same pages indexed on one machine (`presscut
index` of the JSON Lines into another database of the server) must give
the same archive: search, claims and speakers in JSON, the same lines
(those of one date in the order they were stored, which differs).
"""
import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PRESSCUT, REPO, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
CORPUS = os.path.join(SHARED, "corpus", "extraction")
sys.path.insert(0, os.path.join(REPO, "tests"))
sys.path.insert(0, os.path.join(REPO, "tests", "archive"))
from harness import check, report, scaled, skip  # noqa: E402
from pgserver import PgServer  # noqa: E402
import cluster  # noqa: E402


def answers(db):
    """What the archive says through the commands, in JSON."""
    out = {}
    for name, args in (("search", ["search", "--limit", "1000000"]),
                       ("search attack", ["search", "attack", "--limit", "1000"]),
                       ("claims", ["claims", "--limit", "1000000"]),
                       ("speakers", ["speakers", "--limit", "1000000"])):
        r = subprocess.run([PRESSCUT] + args[:1] + ["--db", db, "--format", "json"] + args[1:],
                           capture_output=True, text=True, timeout=scaled(300))
        check(f"{name}: exit 0", r.returncode == 0, r.stderr[-300:])
        out[name] = [json.loads(l) for l in r.stdout.splitlines() if l.strip()]
    return out


def main(srv, tmp):
    data = os.path.join(tmp, "pages.jsonl")
    pages = cluster.pages_jsonl(CORPUS, data)
    single = srv.newdb("single")
    r = subprocess.run([PRESSCUT, "index", "--quiet", "--db", single, data],
                       capture_output=True, text=True, timeout=scaled(600))
    check("one machine: index exit 0", r.returncode == 0, r.stderr[-300:])

    addr, _ = cluster.start_cluster(tmp)
    archive = srv.newdb("cluster")
    out = os.path.join(tmp, "all.jsonl")
    r = subprocess.run(["/usr/bin/python3", os.path.join(REPO, "contrib", "dask", "presscut_dask.py"),
                        "--scheduler", addr, "--out", out, "--shards", "4", "--presscut", PRESSCUT,
                        "--index", archive, data], capture_output=True, text=True,
                       timeout=scaled(900))
    check("presscut_dask --index: exit 0", r.returncode == 0, r.stderr[-600:])
    parts = sorted(f for f in os.listdir(out + ".parts") if f.endswith(".jsonl"))
    check("the workers wrote four parts", len(parts) == 4, parts)
    n = sum(1 for _ in open(out))
    check(f"the parts hold every page ({n} of {len(pages)})", n == len(pages), n)
    m = re.search(r"index: presscut: (\d+) read: (\d+) articles added .* (\d+) errors", r.stderr)
    check("presscut_dask --index: one index --from-jsonl read every line, no error",
          m and int(m.group(1)) == n and int(m.group(2)) > 0 and m.group(3) == "0",
          r.stderr[-400:])

    want, got = answers(single), answers(archive)
    check("there is something to compare",
          len(want["search"]) > 50 and len(want["speakers"]) > 20 and want["claims"],
          {k: len(v) for k, v in want.items()})
    # Quotes and claims of one date come in the order they were stored
    # (their ids), which the order the workers finished decides: the
    # same lines, each list newest first.
    for k in want:
        g = sorted(json.dumps(x, sort_keys=True) for x in got[k])
        w = sorted(json.dumps(x, sort_keys=True) for x in want[k])
        check(f"{k}: the Dask archive equals one machine's ({len(want[k])} lines)",
              g == w, [x for x in g if x not in w][:2] + [x for x in w if x not in g][:2])
        if k != "speakers":
            dates = [x.get("date") or "" for x in got[k]]
            check(f"{k}: newest first", all(a >= b for a, b in zip(dates, dates[1:]) if b),
                  dates[:10])
    return report()


if __name__ == "__main__":
    srv = PgServer()
    why = srv.start()
    if why:
        srv.stop()
        sys.exit(skip("PostgreSQL: " + why))
    tmp = tempfile.mkdtemp(prefix="pc-archive-dask-")
    atexit.register(shutil.rmtree, tmp, True)
    try:
        rc = main(srv, tmp)
    finally:
        cluster.stop_all()
        srv.stop()
    sys.exit(rc)
