#!/usr/bin/python3
"""test_dask.py PRESSCUT REPO SHARED - presscut on a real Dask cluster.

Starts a Dask scheduler and two workers on 127.0.0.1 (Debian's
python3-distributed), runs contrib/dask/presscut_dask.py over JSON Lines of
corpus pages, kills one worker (SIGKILL) while shards run, and checks the
gathered output against a single-machine `presscut batch`: the same set of
ids, no document lost, none written twice, and the counts adding up.
"""
import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PRESSCUT, REPO, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
CORPUS = os.path.join(SHARED, "corpus", "extraction")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled, wait_until  # noqa: E402
import cluster  # noqa: E402


def main():
    tmp = tempfile.mkdtemp(prefix="pc-dask-")
    atexit.register(shutil.rmtree, tmp, True)  # the run leaves nothing behind
    data = os.path.join(tmp, "pages.jsonl")
    cluster.pages_jsonl(CORPUS, data, [f"{k}/" for k in range(8)])
    single = os.path.join(tmp, "single.jsonl")
    subprocess.run([PRESSCUT, "batch", "--quiet", data, "--out", single], check=True,
                   timeout=scaled(600))
    want = [json.loads(l)["id"] for l in open(single)]

    addr, workers = cluster.start_cluster(tmp)
    out = os.path.join(tmp, "all.jsonl")
    run = subprocess.Popen(["/usr/bin/python3", os.path.join(REPO, "contrib", "dask", "presscut_dask.py"),
                            "--scheduler", addr, "--out", out, "--shards", "8", "--presscut", PRESSCUT,
                            data], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cluster.procs.append(run)
    # kill one worker (its whole process group) while shards are running
    parts = out + ".parts"
    t0 = time.time()
    wait_until(lambda: os.path.isdir(parts) and any(f.endswith(".tmp") for f in os.listdir(parts)), 60)
    time.sleep(0.3)  # not a wait for a result: the kill lands while shards run
    os.killpg(workers[0].pid, signal.SIGKILL)
    killed_at = time.time() - t0
    try:
        so, se = run.communicate(timeout=scaled(600))
    except subprocess.TimeoutExpired:
        run.kill()
        so, se = run.communicate()
    err = se.decode(errors="replace")
    check("presscut_dask finished after a worker was killed", run.returncode == 0, err[-600:])
    got = [json.loads(l)["id"] for l in open(out)] if os.path.exists(out) else []
    check(f"same documents as one machine ({len(want)}; worker killed at {killed_at:.1f} s)",
          set(got) == set(want), (len(set(got)), len(want)))
    check("no document written twice", len(got) == len(set(got)), (len(got), len(set(got))))
    check("the summary adds up", f"{len(want)} read = {len(want)} written + 0 errors + 0 skipped" in err, err[-300:])
    finals = sorted(f for f in os.listdir(parts) if f.endswith(".jsonl"))
    check("eight parts, each whole", len(finals) == 8 and all(
        os.path.exists(os.path.join(parts, f + ".done")) for f in finals), finals)
    return report()


if __name__ == "__main__":
    try:
        rc = main()
    finally:
        cluster.stop_all()
    sys.exit(rc)
