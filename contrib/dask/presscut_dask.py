#!/usr/bin/python3
"""presscut_dask.py - presscut batch on a Dask cluster, one task per shard.

    presscut_dask.py --scheduler tcp://HOST:8786 --out ALL.jsonl
                     [--shards N] [--parts DIR] [--retries R]
                     [--presscut PATH] [--attribution] [--jobs J]
                     [--index DB] INPUT...

Submits N tasks (default: twice the workers' threads); task I runs

    presscut batch --shard I/N --out PART --errors PART.errors INPUT...

on a worker.  Each attempt writes to a name of its own and renames it to
DIR/part-I.jsonl only when presscut finished, so a retried task (a worker
lost mid-run: Dask resubmits, up to --retries more times) never mixes with
a dead attempt's output, and a presscut whose worker died is killed with
it (PR_SET_PDEATHSIG).  At the end the parts are gathered in shard order
into --out (and --out.errors), and the summed counts printed:
read = written + errors + skipped + duplicates.  With --index DB (which
implies --attribution) the gathered lines are then stored in the archive
DB by one `presscut index --db DB --from-jsonl ALL.jsonl` on this machine
(DB: an SQLite file here, or postgresql://... that every machine may
share): the workers compute, one step stores.  A document's shard is
decided by its id (presscut batch --shard), so a page met twice is in one
shard, written once.  Inputs (and --parts, default beside
--out) must be paths every worker can see (a shared file system).

Needs Debian's python3-distributed (run with /usr/bin/python3).
"""
import argparse
import ctypes
import os
import re
import signal
import subprocess
import sys
import uuid


def run_shard(i, n, inputs, parts, presscut, extra):
    """One shard on a worker: returns the part's paths and its counts."""
    final = os.path.join(parts, f"part-{i:05d}.jsonl")
    if os.path.exists(final) and os.path.exists(final + ".done"):
        return final, open(final + ".done").read()  # done by an earlier attempt
    tmp = f"{final}.{uuid.uuid4().hex}.tmp"

    def die_with_parent():
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    r = subprocess.run([presscut, "batch", "--shard", f"{i}/{n}", "--out", tmp,
                        "--errors", tmp + ".errors"] + extra + list(inputs),
                       capture_output=True, preexec_fn=die_with_parent)
    if r.returncode != 0:
        raise RuntimeError(f"shard {i}/{n}: presscut exited {r.returncode}: "
                           f"{r.stderr.decode(errors='replace')[-300:]}")
    summary = r.stderr.decode(errors="replace").strip().splitlines()[-1]
    os.replace(tmp + ".errors", final + ".errors")
    os.replace(tmp, final)
    with open(final + ".done", "w") as f:
        f.write(summary)
    return final, summary


def counts(summary):
    """(read, written, errors, skipped, duplicates) of a shard's summary."""
    m = re.search(r"(\d+) read = (\d+) written \+ (\d+) errors \+ (\d+) skipped"
                  r"(?: \+ (\d+) duplicates)?", summary)
    return tuple(int(x or 0) for x in m.groups()) if m else (0, 0, 0, 0, 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scheduler", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--shards", type=int, default=0)
    ap.add_argument("--parts")
    ap.add_argument("--retries", type=int, default=3)
    ap.add_argument("--presscut", default="presscut")
    ap.add_argument("--attribution", action="store_true")
    ap.add_argument("--jobs", type=int, default=1, help="presscut threads per task")
    ap.add_argument("--index", metavar="DB", help="then load ALL.jsonl into this archive")
    ap.add_argument("inputs", nargs="+")
    a = ap.parse_args()
    from distributed import Client, as_completed

    client = Client(a.scheduler, timeout=30)
    threads = sum(client.nthreads().values()) or 1
    n = a.shards or 2 * threads
    parts = a.parts or a.out + ".parts"
    os.makedirs(parts, exist_ok=True)
    presscut = os.path.abspath(a.presscut) if os.path.sep in a.presscut else a.presscut
    inputs = [os.path.abspath(p) for p in a.inputs]
    attribution = a.attribution or a.index
    extra = ["--jobs", str(a.jobs)] + (["--attribution"] if attribution else [])
    futures = [client.submit(run_shard, i, n, inputs, os.path.abspath(parts), presscut, extra,
                             key=f"presscut-shard-{i}-of-{n}-{uuid.uuid4().hex[:8]}",
                             retries=a.retries, pure=False)
               for i in range(n)]
    done = {}
    for fut in as_completed(futures):
        path, summary = fut.result()
        done[path] = summary
        print(f"presscut_dask: {os.path.basename(path)}: {summary}", file=sys.stderr)
    total = [0, 0, 0, 0, 0]
    with open(a.out, "wb") as out, open(a.out + ".errors", "wb") as errs:
        for i in range(n):
            path = os.path.join(os.path.abspath(parts), f"part-{i:05d}.jsonl")
            with open(path, "rb") as f:
                out.write(f.read())
            with open(path + ".errors", "rb") as f:
                errs.write(f.read())
            for k, v in enumerate(counts(done[path])):
                total[k] += v
    # every shard reads every record and skips the same non-documents;
    # each document is written (or failed, or a duplicate) in one shard
    read, skipped = total[0] // n, total[3] // n
    written, errors, dups = total[1], total[2], total[4]
    print(f"presscut_dask: {n} shards: {read} read = {written} written + {errors} errors + "
          f"{skipped} skipped + {dups} duplicates", file=sys.stderr)
    client.close()
    if a.index:
        r = subprocess.run([presscut, "index", "--db", a.index, "--from-jsonl", a.out],
                           stderr=subprocess.PIPE)
        summary = r.stderr.decode(errors="replace").strip()
        print(f"presscut_dask: index: {summary.splitlines()[-1] if summary else ''}",
              file=sys.stderr)
        if r.returncode != 0:
            return r.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
