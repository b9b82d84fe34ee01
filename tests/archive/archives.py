"""archives.py - what the archive tests share (tests/archive/test_archive.py,
tests/server/test_archive_api.py): the page of a hand-made article, and
the archives of one backend, SQLite files in a folder or databases of a
real PostgreSQL 15 server of their own (pgserver.py).

    arch = archives.Archives("postgresql", tmp)
    why = arch.start()         # None, or why PostgreSQL cannot run (skip)
    db = arch.newdb("name")    # a --db: a file name, or a new database
    rows = arch.sql(db, "SELECT count(*) FROM quote")
    arch.stop()
"""
import json
import os
import sqlite3

from pgserver import PgServer

PAGE = """<!doctype html><html><head><title>{title}</title>
<link rel="canonical" href="{url}">
<meta property="article:published_time" content="{date}T10:00:00Z">
</head><body><article><h1>{title}</h1>
{body}
</article></body></html>
"""


def write_pages(folder, articles):
    """Each of articles ({file name: dict(title, url, date, body)}) as a
    PAGE in folder (made when missing); returns folder."""
    os.makedirs(folder, exist_ok=True)
    for name, a in articles.items():
        with open(os.path.join(folder, name), "w") as f:
            f.write(PAGE.format(**a))
    return folder


def jlines(out):
    """The objects of JSON Lines text."""
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def dbname(db):
    """The database's name in a postgresql:// --db."""
    return db.split("?")[0].split("/")[-1]


class Archives:
    """The archives of one backend ("sqlite" or "postgresql")."""

    def __init__(self, backend, tmp):
        self.backend, self.tmp = backend, tmp
        self.pg = PgServer()  # started only for "postgresql"

    def start(self):
        """The PostgreSQL server: None, or why it cannot run."""
        return self.pg.start()

    def stop(self):
        self.pg.stop()

    def psql(self, name, query):
        """Rows of query on the PostgreSQL database name (values as text,
        NULL as None)."""
        return self.pg.rows(name, query)

    def newdb(self, name):
        """A new archive's --db: a file name, or a new empty database."""
        if self.backend == "sqlite":
            return os.path.join(self.tmp, name + ".db")
        return self.pg.newdb(name)

    def sql(self, db, query):
        """Rows of query on the archive db (SQLite's SQL: group_concat is
        string_agg on PostgreSQL)."""
        if self.backend == "sqlite":
            c = sqlite3.connect(db)
            rows = c.execute(query).fetchall()
            c.close()
            return rows
        return self.psql(dbname(db),
                         query.replace("group_concat(", "string_agg("))
