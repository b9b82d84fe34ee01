#!/usr/bin/python3
"""test_pooler.py PRESSCUT REPO - the archive through PgBouncer.

docs/deploy.md advises a pooler in session mode in front of an archive's
PostgreSQL server for the command line (each command is a new
connection; through the pooler it gets a server process that answered
before).  A real PostgreSQL 15 server (tests/archive/pgserver.py) and a
real PgBouncer (Debian's pgbouncer) on Unix sockets in a temporary
directory: eight gold articles indexed directly into one database and
through the pooler into another (prepared statements and pipelines
through it), then the same searches, claims and speakers on both give
the same bytes, and a second command through the pooler is answered by
the server process of the first.  Skips when pgbouncer or PostgreSQL is
not installed.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(REPO, "tests"))
sys.path.insert(0, os.path.join(REPO, "tests", "archive"))
from harness import check, report, scaled, skip, wait_until  # noqa: E402
from pgserver import PgServer  # noqa: E402

TMP = tempfile.mkdtemp(prefix="pc-pooler-")
PG = PgServer()
PORT = 6432  # on a Unix socket in TMP/pgb only: no TCP


def run(*args):
    return subprocess.run([PRESSCUT] + list(args), capture_output=True,
                          timeout=scaled(300))


def texts():
    """Eight gold articles as text files, the inputs of index."""
    d = os.path.join(TMP, "in")
    os.makedirs(d)
    gold = sorted(glob.glob(os.path.join(REPO, "tests", "fixtures", "quotes",
                                         "*.json")))[:8]
    for i, p in enumerate(gold):
        with open(os.path.join(d, "a%d.txt" % i), "w") as f:
            f.write(json.load(open(p))["text"])
    return d


def pooler_start():
    """PgBouncer in session mode in front of PG; its socket directory."""
    d = os.path.join(TMP, "pgb")
    os.makedirs(d)
    with open(os.path.join(d, "users.txt"), "w") as f:
        f.write('"presscut" ""\n')
    with open(os.path.join(d, "pgbouncer.ini"), "w") as f:
        f.write("[databases]\n* = host=%s\n[pgbouncer]\nlisten_addr =\n"
                "unix_socket_dir = %s\nlisten_port = %d\nauth_type = trust\n"
                "auth_file = %s/users.txt\npool_mode = session\n"
                "server_reset_query = DISCARD ALL\ndefault_pool_size = 2\n"
                "logfile = %s/log\npidfile = %s/pid\n" % (
                    PG.dir, d, PORT, d, d, d))
    if PG.run_as:  # the pooler runs as nobody, as the server does
        import pwd
        pw = pwd.getpwnam("nobody")
        os.chmod(TMP, 0o755)
        for x in [d] + [os.path.join(d, y) for y in os.listdir(d)]:
            os.chown(x, pw.pw_uid, pw.pw_gid)
    r = subprocess.run(PG.run_as + [shutil.which("pgbouncer") or
                                    "/usr/sbin/pgbouncer", "-d",
                                    os.path.join(d, "pgbouncer.ini")],
                       capture_output=True, text=True)
    if r.returncode != 0:
        return None, "pgbouncer: " + (r.stderr or r.stdout).strip()[-300:]
    up = wait_until(lambda: subprocess.run(
        ["pg_isready", "-q", "-h", d, "-p", str(PORT), "-U", "presscut",
         "-d", "pooled"]).returncode == 0, 60, 0.1)
    return (d, None) if up else (d, "pgbouncer did not answer")


def pooler_stop(d):
    try:
        pid = int(open(os.path.join(d, "pid")).read())
        os.kill(pid, 15)
        wait_until(lambda: not os.path.exists("/proc/%d" % pid), 30, 0.05)
    except (OSError, ValueError):
        pass


def backends(db):
    return sorted(r[0] for r in PG.rows(
        "postgres", "SELECT pid FROM pg_stat_activity WHERE datname = '%s'"
        % db))


QUERIES = [["search", "said"], ["search", "--kind", "direct", "we"],
           ["search", "--speaker", "Trump"], ["claims"],
           ["claims", "--accused", "police"], ["speakers"],
           ["search", "--since", "2020-01-01", "government"]]


def main():
    if not (shutil.which("pgbouncer") or os.path.exists("/usr/sbin/pgbouncer")):
        return skip("pgbouncer is not installed (Debian pgbouncer)")
    why = PG.start()
    if why:
        return skip("PostgreSQL: " + why)
    pgb = None
    try:
        src = texts()
        direct = PG.newdb("direct")
        PG.newdb("pooled")
        pgb, why = pooler_start()
        if why:
            check("pgbouncer starts", False, why)
            return report()
        pooled = "postgresql://presscut@/pooled?host=%s&port=%d" % (pgb, PORT)
        for name, db in (("directly", direct), ("through the pooler", pooled)):
            # one job: the articles, so the ids, in the same order
            r = run("index", "--quiet", "--jobs", "1", "--db", db, src)
            check("index %s: exit 0" % name, r.returncode == 0, r.stderr)
        r = run("index", "--db", pooled, src)
        check("index again through the pooler adds nothing",
              r.returncode == 0 and b" 0 articles added" in r.stderr,
              r.stderr[-300:])
        bad = []
        for q in QUERIES:
            a = run(q[0], "--db", direct, "--format", "json", *q[1:])
            b = run(q[0], "--db", pooled, "--format", "json", *q[1:])
            if a.returncode or b.returncode or a.stdout != b.stdout:
                bad.append((q, a.returncode, b.returncode, a.stderr[-200:],
                            b.stderr[-200:]))
        check("the same answers through the pooler (%d queries)"
              % len(QUERIES), not bad, bad)
        first = backends("pooled")
        run("search", "--db", pooled, "said")
        second = backends("pooled")
        check("a server process outlives its command, and the next command"
              " is answered by it", first and first == second,
              (first, second))
    finally:
        if pgb:
            pooler_stop(pgb)
        PG.stop()
        shutil.rmtree(TMP, True)
    return report()


if __name__ == "__main__":
    sys.exit(main())
