"""pgserver.py - a real PostgreSQL 15 server for a test, in a temporary
directory: initdb, pg_ctl start on a Unix socket there (no TCP), as the
user nobody when run as root (initdb refuses root); stop() removes it.

    srv = pgserver.PgServer()
    why = srv.start()          # None, or why it cannot run (then skip)
    url = srv.newdb("name")    # postgresql://presscut@/name?host=DIR
    srv.stop()
"""
import os
import shutil
import subprocess
import tempfile

from harness import wait_until

PG_BIN = "/usr/lib/postgresql/15/bin"


class PgServer:
    def __init__(self):
        self.dir, self.run_as, self.started = None, [], False

    def start(self):
        if not os.path.exists(os.path.join(PG_BIN, "initdb")):
            return "no %s/initdb (Debian postgresql-15)" % PG_BIN
        self.dir = tempfile.mkdtemp(prefix="pc-pg-")
        if os.geteuid() == 0:
            import pwd
            try:
                pw = pwd.getpwnam("nobody")
            except KeyError:
                return "running as root and there is no user nobody"
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self.run_as = ["runuser", "-u", "nobody", "--"]
        data = os.path.join(self.dir, "data")
        r = subprocess.run(self.run_as + [
            os.path.join(PG_BIN, "initdb"), "-D", data, "-U", "presscut", "-E",
            "UTF8", "--locale=C.UTF-8", "-A", "trust"],
            capture_output=True, text=True)
        if r.returncode != 0:
            return "initdb failed: " + r.stderr.strip()[-300:]
        r = subprocess.run(self.run_as + [
            os.path.join(PG_BIN, "pg_ctl"), "-D", data, "-l",
            os.path.join(self.dir, "log"), "-o",
            "-c listen_addresses='' -k %s -c fsync=off" % self.dir, "start"],
            capture_output=True, text=True)
        if r.returncode != 0:
            return "pg_ctl start failed: " + r.stderr.strip()[-300:]
        self.started = True
        if wait_until(lambda: subprocess.run(  # polled: scaled(60) s at most
                ["pg_isready", "-q", "-h", self.dir, "-d", "postgres", "-U",
                 "presscut"]).returncode == 0, 60, 0.1):
            return None
        return "the server did not come up"

    def psql(self, dbname, sql):
        r = subprocess.run(["psql", "-X", "-qAt", "-v", "ON_ERROR_STOP=1",
                            "-h", self.dir, "-U", "presscut", "-d", dbname,
                            "-c", sql], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        return r.stdout

    def rows(self, dbname, sql):
        """Rows of sql on the database dbname, as tuples of text (NULL as
        None)."""
        r = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                            "-F", "\x1f", "-R", "\x1e", "-P", "null=\x1d",
                            "-h", self.dir, "-U", "presscut", "-d", dbname,
                            "-c", sql], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        return [tuple(None if v == "\x1d" else v for v in row.split("\x1f"))
                for row in r.stdout.rstrip("\n").split("\x1e") if row != ""]

    def newdb(self, name):
        self.psql("postgres", 'CREATE DATABASE "%s"' % name)
        return "postgresql://presscut@/%s?host=%s" % (name, self.dir)

    def stop(self):
        if self.started:
            subprocess.run(self.run_as + [
                os.path.join(PG_BIN, "pg_ctl"), "-D",
                os.path.join(self.dir, "data"), "-m", "immediate", "stop"],
                capture_output=True)
            self.started = False
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
