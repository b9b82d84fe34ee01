"""cluster.py - what the Dask tests share (test_dask.py,
test_archive_dask.py): the corpus pages as JSON Lines, a real Dask
scheduler and workers on 127.0.0.1 (Debian's python3-distributed), each in
a process group of its own, and their end.

    pages = cluster.pages_jsonl(corpus, data)
    addr, workers = cluster.start_cluster(tmp)
    ...
    cluster.stop_all()         # in a finally: every process started
"""
import json
import os
import signal
import subprocess

from harness import check, free_port, listening, scaled, wait_until

procs = []  # every process started here, for stop_all()


def pages_jsonl(corpus, path, prefixes=("",)):
    """The corpus's HTML pages into path as JSON Lines of {"url", "html"},
    once for each of prefixes (https://example.com/PREFIX PAGE: another
    URL, another document); returns the pages' names."""
    pages = sorted(f for f in os.listdir(corpus) if f.endswith(".html"))
    with open(path, "w") as f:
        for k in prefixes:
            for p in pages:
                f.write(json.dumps({"url": f"https://example.com/{k}{p}",
                                    "html": open(os.path.join(corpus, p), errors="replace").read()}) + "\n")
    return pages


def start(args, log):
    """python3 -m ARGS in a new process group, its output to log."""
    p = subprocess.Popen(["/usr/bin/python3", "-m"] + args, stdout=log, stderr=subprocess.STDOUT,
                         start_new_session=True)
    procs.append(p)
    return p


def workers_joined(addr, n):
    """Polls the scheduler until n workers have joined (its own deadline,
    scaled); True when they have."""
    from distributed import Client
    try:
        with Client(addr, timeout=scaled(60)) as c:
            c.wait_for_workers(n, timeout=scaled(120))
        return True
    except Exception as e:  # a timeout, or the scheduler gone
        print("workers:", repr(e)[:300])
        return False


def start_cluster(tmp):
    """A scheduler on a free port and two workers of one thread each
    (checked: it listens, they joined; the log in tmp/cluster.log);
    returns its address and the workers' processes."""
    port = free_port()
    addr = f"tcp://127.0.0.1:{port}"
    log = open(os.path.join(tmp, "cluster.log"), "w")
    start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
           "--dashboard-address", ":0"], log)
    check("the scheduler listens", wait_until(lambda: listening(port), 60))
    workers = [start(["distributed.cli.dask_worker", addr, "--nworkers", "1", "--nthreads", "1",
                      "--dashboard-address", ":0", "--local-directory", os.path.join(tmp, f"w{i}")], log)
               for i in range(2)]
    check("both workers joined", workers_joined(addr, 2), open(log.name).read()[-600:])
    return addr, workers


def stop_all():
    """Kills every process started (its whole group) and waits for it."""
    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            if p.poll() is None:
                p.kill()
    for p in procs:
        p.wait()
