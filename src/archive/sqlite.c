/* sqlite.c - the archive in one SQLite file (the default backend).
 *
 * WAL mode: readers are never blocked by the one writer.  The schema has a
 * version (PRAGMA user_version) and a table of steps (migrations[]): step
 * i brings version i to i + 1, so an older archive is upgraded in place,
 * in one transaction.  A file that is not an SQLite database, a database
 * that is not an archive (no meta row 'app' = 'presscut-archive'), or an
 * archive of a newer version is refused before anything is written.
 *
 * Text search: FTS5 external-content tables over quotes (their text)
 * and articles (title, text), kept in step by triggers.  Every value from
 * outside reaches SQLite as a bound parameter. */
#include "archive/archive.h"
#include "core/dl_sqlite.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define APP "presscut-archive"

/* Version 0 -> 1: the tables, then the text search.  Each step is a list
 * of SQL scripts, NULL-terminated. */
static const char *const step1[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    "INSERT INTO meta VALUES('app','" APP "');"
    "CREATE TABLE article(id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE,"
    " url TEXT, host TEXT, site TEXT, date TEXT, lang TEXT, title TEXT,"
    " byline TEXT, content_hash TEXT NOT NULL UNIQUE, text TEXT);"
    "CREATE INDEX article_host ON article(host);"
    "CREATE TABLE article_url(url TEXT PRIMARY KEY,"
    " article_id INTEGER NOT NULL REFERENCES article(id));"
    "CREATE TABLE source(doc_id TEXT PRIMARY KEY,"
    " article_id INTEGER REFERENCES article(id));"
    "CREATE TABLE speaker(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL, type TEXT, external_id TEXT);"
    "CREATE INDEX speaker_ext ON speaker(external_id);"
    "CREATE TABLE speaker_form(id INTEGER PRIMARY KEY,"
    " form TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT,"
    " canon TEXT NOT NULL, cdisp TEXT NOT NULL, surname TEXT NOT NULL,"
    " bare INTEGER NOT NULL, speaker_id INTEGER REFERENCES speaker(id));"
    "CREATE INDEX speaker_form_speaker ON speaker_form(speaker_id);"
    "CREATE INDEX speaker_form_surname ON speaker_form(surname, bare);"
    "CREATE INDEX speaker_form_canon ON speaker_form(canon);"
    "CREATE TABLE alias(name TEXT PRIMARY KEY, external_id TEXT NOT NULL,"
    " label TEXT NOT NULL);"
    "CREATE TABLE quote_cluster(id INTEGER PRIMARY KEY,"
    " norm_hash TEXT NOT NULL UNIQUE, text TEXT NOT NULL, first_seen TEXT,"
    " outlets INTEGER NOT NULL DEFAULT 0, quotes INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE quote(id INTEGER PRIMARY KEY,"
    " article_id INTEGER NOT NULL REFERENCES article(id), qid TEXT,"
    " speaker_id INTEGER REFERENCES speaker(id),"
    " form_id INTEGER REFERENCES speaker_form(id), kind TEXT,"
    " text TEXT NOT NULL, cue TEXT, role TEXT, date TEXT, block TEXT,"
    " start INTEGER, end INTEGER, sentence TEXT, norm_hash TEXT,"
    " cluster_id INTEGER REFERENCES quote_cluster(id));"
    "CREATE INDEX quote_article ON quote(article_id);"
    "CREATE INDEX quote_speaker ON quote(speaker_id, date);"
    "CREATE INDEX quote_form ON quote(form_id);"
    "CREATE INDEX quote_date ON quote(date);"
    "CREATE INDEX quote_cluster_i ON quote(cluster_id);"
    "CREATE TABLE entity(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL, type TEXT, country TEXT);"
    "CREATE TABLE article_entity(article_id INTEGER NOT NULL,"
    " entity_id INTEGER NOT NULL, mentions INTEGER,"
    " PRIMARY KEY(article_id, entity_id));"
    "CREATE TABLE claim(id INTEGER PRIMARY KEY,"
    " article_id INTEGER NOT NULL REFERENCES article(id),"
    " claimant_id INTEGER REFERENCES entity(id), polarity TEXT NOT NULL,"
    " event TEXT, evidence TEXT, quote_id INTEGER REFERENCES quote(id),"
    " date TEXT, cameo TEXT, plover TEXT, plover_mode TEXT);"
    "CREATE INDEX claim_claimant ON claim(claimant_id);"
    "CREATE INDEX claim_date ON claim(date);"
    "CREATE TABLE claim_accused(claim_id INTEGER NOT NULL,"
    " pos INTEGER NOT NULL, entity_id INTEGER NOT NULL,"
    " PRIMARY KEY(claim_id, pos));"
    "CREATE INDEX claim_accused_entity ON claim_accused(entity_id);"
    /* a person entity under its speaker's name, when it spoke: claims
     * and quotes then name one person alike */
    "CREATE VIEW entity_name(id, name, type) AS SELECT e.id,"
    " coalesce((SELECT s.name FROM speaker_form f JOIN speaker s"
    " ON s.id = f.speaker_id WHERE f.canon = e.key"
    " AND (f.type IS NULL OR f.type = 'person')"
    " ORDER BY f.bare, f.id LIMIT 1), e.name), e.type FROM entity e;",
    "CREATE VIRTUAL TABLE quote_fts USING fts5(text,"
    " content='quote', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2');"
    "CREATE TRIGGER quote_ai AFTER INSERT ON quote BEGIN"
    " INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text); END;"
    "CREATE TRIGGER quote_ad AFTER DELETE ON quote BEGIN"
    " INSERT INTO quote_fts(quote_fts, rowid, text)"
    " VALUES ('delete', old.id, old.text); END;"
    "CREATE TRIGGER quote_au AFTER UPDATE OF text ON quote BEGIN"
    " INSERT INTO quote_fts(quote_fts, rowid, text)"
    " VALUES ('delete', old.id, old.text);"
    " INSERT INTO quote_fts(rowid, text) VALUES (new.id, new.text); END;"
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, text,"
    " content='article', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2');"
    "CREATE TRIGGER article_ai AFTER INSERT ON article BEGIN"
    " INSERT INTO article_fts(rowid, title, text)"
    " VALUES (new.id, new.title, new.text); END;"
    "CREATE TRIGGER article_ad AFTER DELETE ON article BEGIN"
    " INSERT INTO article_fts(article_fts, rowid, title, text)"
    " VALUES ('delete', old.id, old.title, old.text); END;"
    "CREATE TRIGGER article_au AFTER UPDATE OF title, text ON article BEGIN"
    " INSERT INTO article_fts(article_fts, rowid, title, text)"
    " VALUES ('delete', old.id, old.title, old.text);"
    " INSERT INTO article_fts(rowid, title, text)"
    " VALUES (new.id, new.title, new.text); END;",
    NULL,
};
/* Version 1 -> 2, for a million quotes: a cluster's outlets as rows (a
 * quote stored no longer reads every earlier quote of its cluster), and
 * the date index covering speaker and kind, so that "newest first" reads
 * the index alone until it has enough. */
static const char *const step2[] = {
    "CREATE TABLE cluster_outlet(cluster_id INTEGER NOT NULL,"
    " outlet TEXT NOT NULL, PRIMARY KEY(cluster_id, outlet)) WITHOUT ROWID;"
    "INSERT OR IGNORE INTO cluster_outlet SELECT q.cluster_id,"
    " coalesce(a.host, a.site, '#' || a.id) FROM quote q JOIN article a"
    " ON a.id = q.article_id WHERE q.cluster_id IS NOT NULL;"
    "DROP INDEX quote_date;"
    "CREATE INDEX quote_date ON quote(date, speaker_id, kind, article_id);"
    "CREATE INDEX quote_id_date ON quote(id, date, speaker_id, kind,"
    " article_id);",
    NULL,
};
/* TRGM_VERSION - 1 -> TRGM_VERSION: trigram tables (FTS5's trigram
 * tokenizer, SQLite 3.34 and later) over the speakers' name forms and the
 * quote clusters' texts, the candidates of the near lookups (names spelt
 * a little differently, near-duplicate quotes).  External content, but no
 * triggers: a trigger's insert into FTS5 a row at a time took some 0.4 s
 * of CPU for 450 articles, as much again as storing them; those rows are
 * never updated (a form, a cluster's text) nor deleted, so TRGM_SYNC adds
 * the rows above a mark (meta 'trgm:TABLE') in one statement a table when
 * a write commits (db_commit; at the end of a run, as it was, it was a
 * tenth of a second of one core while the workers had finished) and
 * here.  The entities (ten
 * thousand of them for 450 articles) have no table: claims' lookup by
 * similarity reads their keys.  The step's number is this one constant
 * (postgres.c has its own), so that it can follow another step made at
 * the same time. */
#define TRGM_VERSION 3
#define TRGM_ADD(t, col, src)                                                 \
  "INSERT INTO " t "(rowid, " col ") SELECT id, " col " FROM " src           \
  " WHERE id > (SELECT CAST(value AS INTEGER) FROM meta"                     \
  " WHERE key = 'trgm:" src "');"                                            \
  "UPDATE meta SET value = (SELECT coalesce(max(id), 0) FROM " src ")"       \
  " WHERE key = 'trgm:" src "';"
#define TRGM_SYNC                                                             \
  TRGM_ADD("speaker_form_trgm", "form", "speaker_form")                      \
  TRGM_ADD("quote_cluster_trgm", "text", "quote_cluster")
#define TRGM_TABLE(t, col, src)                                               \
  "CREATE VIRTUAL TABLE " t " USING fts5(" col ", content='" src "',"       \
  " content_rowid='id', tokenize='trigram', detail='none');"                \
  "INSERT OR REPLACE INTO meta VALUES('trgm:" src "', '0');"
static const char *const step_trgm[] = {
    TRGM_TABLE("speaker_form_trgm", "form", "speaker_form")
    TRGM_TABLE("quote_cluster_trgm", "text", "quote_cluster") TRGM_SYNC,
    NULL,
};
/* Version 3 -> 4, word searches newest first at a million quotes: the
 * quote text index keyed by date.  Its rowid is the quote's sort key,
 * FTS_KEY: the day (YYYYMMDD + 1) in the high bits, 0 for a quote with no
 * date, and the quote's id in the low 32, so that the index read by
 * descending rowid is "q.date DESC, q.id DESC" (dates are stored as
 * YYYY-MM-DD, ar_quote_date, and the old NULL sorts last).  A search for
 * a common word then stops at its limit instead of collecting every
 * match (quote_index).  The content is a view giving each quote its key.
 * New quotes have no insert trigger: a transaction's quotes go into the
 * index at its commit, in the order of their keys (FTS_SYNC), because
 * FTS5 writes out what it holds whenever a rowid is not above the last
 * one, and quotes come in the order of their articles, not of dates (a
 * load of 30,000 articles took 66 s with a trigger, 39 s before).
 * meta 'fts:order' says whether the key orders every quote: '0' when an
 * older archive holds a date of another form or ids of 32 bits or more,
 * and searches keep the slower plan. */
#define FTS_KEY(r)                                                            \
  "CASE WHEN " r "date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"     \
  " THEN (CAST(substr(" r "date, 1, 4) || substr(" r "date, 6, 2) ||"         \
  " substr(" r "date, 9, 2) AS INTEGER) + 1) * 4294967296 + " r "id"          \
  " ELSE " r "id END"
#define FTS_ADD(r)                                                            \
  " INSERT INTO quote_fts(rowid, text) VALUES (" FTS_KEY(r) ", " r "text);"
#define FTS_DEL(r)                                                            \
  " INSERT INTO quote_fts(quote_fts, rowid, text) VALUES ('delete', "        \
  FTS_KEY(r) ", " r "text);"
#define FTS_SYNC                                                              \
  "INSERT INTO quote_fts(rowid, text) SELECT " FTS_KEY("") ", text FROM"      \
  " quote WHERE id > ?1 ORDER BY 1"
static const char *const step_fts_order[] = {
    "DROP TRIGGER quote_ai; DROP TRIGGER quote_ad; DROP TRIGGER quote_au;"
    "DROP TABLE quote_fts;"
    "CREATE VIEW quote_fts_src(skey, text) AS SELECT " FTS_KEY("")
    ", text FROM quote;"
    "CREATE VIRTUAL TABLE quote_fts USING fts5(text,"
    " content='quote_fts_src', content_rowid='skey',"
    " tokenize='porter unicode61 remove_diacritics 2');"
    "CREATE TRIGGER quote_ad AFTER DELETE ON quote BEGIN" FTS_DEL("old.")
    " END;"
    "CREATE TRIGGER quote_au AFTER UPDATE OF text, date ON quote BEGIN"
    FTS_DEL("old.") FTS_ADD("new.") " END;"
    "INSERT INTO quote_fts(quote_fts) VALUES ('rebuild');"
    "INSERT OR REPLACE INTO meta VALUES('fts:order', (SELECT CASE WHEN"
    " EXISTS (SELECT 1 FROM quote WHERE date IS NOT NULL AND date NOT GLOB"
    " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]') OR"
    " coalesce((SELECT max(id) FROM quote), 0) >= 4294967295"
    " THEN '0' ELSE '1' END));",
    NULL,
};
/* Version 4 -> 5: claims --accused finds a thousand claims of a much
 * accused entity by id and sorts them by date: each was a read of its
 * row, wide with its evidence, scattered over the file (some 10 ms of a
 * 25 ms query at a million quotes); (id, date) holds what the sort needs
 * (as quote_id_date does for quotes). */
static const char *const step_claim_date[] = {
    "CREATE INDEX claim_id_date ON claim(id, date);",
    NULL,
};
/* Version 5 -> 6: articles go into their text index at commit, as quotes
 * do (ART_SYNC), not by an insert trigger.  FTS5 writes out the terms it
 * holds at the end of every statement that writes to it inside a
 * transaction, so a trigger made one segment an article, to be merged
 * again and again: about a third of index's work beyond batch's. */
#define ART_SYNC                                                              \
  "INSERT INTO article_fts(rowid, title, text) SELECT id, title, text FROM"   \
  " article WHERE id > ?1 ORDER BY id"
static const char *const step_article_sync[] = {
    "DROP TRIGGER IF EXISTS article_ai;",
    NULL,
};
/* Version 6 -> 7: the link step relinks what a run touched, not every
 * name form of the archive (db_link): forms above meta 'link:form' are
 * new; link_surname holds the surnames whose bare forms may resolve
 * otherwise, link_speaker the speakers whose name, type or forms may have
 * changed (both written in the transaction of the change, so that a run
 * killed before its link step leaves them for the next).  'link:all' '1'
 * asks for every form again: after the upgrade, and after aliases. */
static const char *const step_link_todo[] = {
    "CREATE TABLE link_surname(surname TEXT PRIMARY KEY) WITHOUT ROWID;"
    "CREATE TABLE link_speaker(id INTEGER PRIMARY KEY);"
    "INSERT OR REPLACE INTO meta VALUES('link:form',"
    " (SELECT coalesce(max(id), 0) FROM speaker_form));"
    "INSERT OR REPLACE INTO meta VALUES('link:all', '1');",
    NULL,
};
/* Version 7 -> 8: the article text index merges its segments eight at a
 * time, not four (FTS5's 'automerge').  Each merge rewrites every term of
 * the segments merged, and index adds a segment every SYNC_EVERY
 * articles: storing the bench's 1,356 documents (--from-jsonl, callgrind)
 * took the writer (sink_record) 3,340 M instructions against 3,578 M, the
 * text indexes 1,789 M against 2,000 M.  A query reads up to twice the
 * segments; the article index is read by --about alone, which reads few
 * rows.  The quote index keeps four: its word searches have a time to
 * meet at a million quotes. */
static const char *const step_article_merge[] = {
    "INSERT INTO article_fts(article_fts, rank) VALUES('automerge', 8);",
    NULL,
};
static const char *const *const migrations[] = {
    [0] = step1, [1] = step2, [TRGM_VERSION - 1] = step_trgm,
    [TRGM_VERSION] = step_fts_order, [TRGM_VERSION + 1] = step_claim_date,
    [TRGM_VERSION + 2] = step_article_sync,
    [TRGM_VERSION + 3] = step_link_todo,
    [TRGM_VERSION + 4] = step_article_merge};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))

struct ar_db {
  sqlite3 *db;
  char *path;
  long long fts_mark; /* the last quote id in the text index, in a write */
  long long art_mark; /* the same for articles */
  unsigned unsynced;  /* articles stored above the marks */
  bool writing;       /* between db_begin and db_commit or db_rollback */
  GHashTable *stmts; /* SQL text -> prepared statement */
  GHashTable *ents;  /* entity key -> struct ent_memo, as stored */
  GHashTable *names; /* ar_form_key -> struct ar_name (ar_name_make's) */
  /* ar_form_key -> struct ar_form_hit, this transaction's forms (the link
   * step is the only writer of a form's speaker, and it runs in a
   * transaction of its own; a rollback forgets them) */
  GHashTable *forms;
};

static void name_free(gpointer p) {
  ar_name_clear(p);
  free(p);
}

#define NAME_MEMO_MAX 100000

/* An entity as the archive holds it: what entity_get needs to know
 * whether a spelling, type or country seen again changes it. */
struct ent_memo {
  long long id;
  char *name, *type, *country;
};

static void ent_memo_free(gpointer p) {
  struct ent_memo *m = p;
  free(m->name), free(m->type), free(m->country);
  free(m);
}

/* Entities are remembered across transactions (a row, once committed,
 * keeps its id, and its values only ever decrease, so a memo that is
 * behind another writer's only costs an UPDATE that changes nothing),
 * forgotten at a rollback and when there are many of them. */
#define ENT_MEMO_MAX 100000

static pc_status db_fail(struct ar_db *d, pc_error *err, const char *what) {
  int code = sqlite3_errcode(d->db);
  pc_status st = code == SQLITE_NOMEM ? PC_ERR_NOMEM
                 : code == SQLITE_CORRUPT || code == SQLITE_NOTADB
                     ? PC_ERR_INPUT
                 : code == SQLITE_FULL || code == SQLITE_IOERR ||
                         code == SQLITE_READONLY || code == SQLITE_CANTOPEN
                     ? PC_ERR_IO
                     : PC_ERR_INTERNAL;
  return pc_error_set(err, st, "%s: %s: %s", d->path, what,
                      sqlite3_errstr(code));
}

/* The statement for sql, prepared once and reset for reuse. */
static sqlite3_stmt *stmt(struct ar_db *d, const char *sql) {
  sqlite3_stmt *s = g_hash_table_lookup(d->stmts, sql);
  if (s) {
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
  }
  if (sqlite3_prepare_v3(d->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
                         NULL) != SQLITE_OK)
    return NULL;
  g_hash_table_insert(d->stmts, (gpointer)sql, s);
  return s;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v) {
  if (v)
    sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(s, i);
}

/* Runs s to its end; SQLITE_DONE or the error. */
static int run(sqlite3_stmt *s) {
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW)
    ;
  return rc;
}

/* The first column of the first row as an integer, or 0. */
static long long one_int(sqlite3_stmt *s, int *rc) {
  long long v = 0;
  int r = sqlite3_step(s);
  if (r == SQLITE_ROW)
    v = sqlite3_column_int64(s, 0), r = SQLITE_DONE;
  if (rc)
    *rc = r;
  sqlite3_reset(s);
  return v;
}

/*** opening *******************************************************************/

/* A file that exists must begin as an SQLite database does; it is read
 * here, before SQLite opens (and could write) it. */
static pc_status check_header(const char *path, bool *exists, pc_error *err) {
  struct stat sb;
  *exists = stat(path, &sb) == 0;
  if (!*exists)
    return errno == ENOENT ? PC_OK
                           : pc_error_set(err, PC_ERR_IO, "%s: %s", path,
                                          strerror(errno));
  if (!S_ISREG(sb.st_mode))
    return pc_error_set(err, PC_ERR_INPUT, "%s: not a regular file", path);
  if (sb.st_size == 0) { /* what a run killed as it began leaves: SQLite's */
    *exists = false;     /* empty database, an archive still to be made */
    return PC_OK;
  }
  FILE *f = fopen(path, "rb");
  if (!f)
    return pc_error_set(err, PC_ERR_IO, "%s: %s", path, strerror(errno));
  char head[16];
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  if (n != sizeof head || memcmp(head, "SQLite format 3", 16) != 0)
    return pc_error_set(err, PC_ERR_INPUT,
                        "%s: not a presscut archive (not an SQLite "
                        "database); left as it is", path);
  return PC_OK;
}

static pc_status exec(struct ar_db *d, const char *sql, pc_error *err,
                      const char *what) {
  if (sqlite3_exec(d->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(d, err, what);
  return PC_OK;
}

/* Reads the version and the marker of an existing archive; refuses a
 * foreign or newer one before anything is written. */
static pc_status check_archive(struct ar_db *d, int *version, pc_error *err) {
  sqlite3_stmt *s = NULL;
  int rc = sqlite3_prepare_v2(d->db, "PRAGMA user_version", -1, &s, NULL);
  if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    *version = sqlite3_column_int(s, 0);
  else
    rc = sqlite3_errcode(d->db);
  sqlite3_finalize(s);
  if (rc != SQLITE_OK)
    return pc_error_set(err, PC_ERR_INPUT,
                        "%s: not a presscut archive (%s); left as it is",
                        d->path, sqlite3_errstr(rc));
  s = NULL;
  rc = sqlite3_prepare_v2(d->db, "SELECT count(*) FROM sqlite_master", -1, &s,
                          NULL);
  long long tables = rc == SQLITE_OK ? one_int(s, &rc) : 0;
  sqlite3_finalize(s);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    return pc_error_set(err, PC_ERR_INPUT,
                        "%s: damaged or not an archive (%s); left as it is",
                        d->path, sqlite3_errstr(rc));
  if (*version == 0 && tables == 0)
    return PC_OK; /* an empty database: made into an archive */
  s = NULL;
  rc = sqlite3_prepare_v2(d->db, "SELECT value FROM meta WHERE key = 'app'",
                          -1, &s, NULL);
  bool ours = rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
              sqlite3_column_text(s, 0) &&
              strcmp((const char *)sqlite3_column_text(s, 0), APP) == 0;
  sqlite3_finalize(s);
  if (!ours || *version < 1)
    return pc_error_set(err, PC_ERR_INPUT,
                        "%s: an SQLite database, but not a presscut "
                        "archive; left as it is", d->path);
  if (*version > SCHEMA_VERSION)
    return pc_error_set(err, PC_ERR_INPUT,
                        "%s: an archive of schema version %d, newer than "
                        "this presscut's (%d); left as it is",
                        d->path, *version, SCHEMA_VERSION);
  return PC_OK;
}

/* Brings the schema from version v to SCHEMA_VERSION, one step at a time,
 * in one transaction. */
static pc_status migrate(struct ar_db *d, int v, pc_error *err) {
  if (v == SCHEMA_VERSION)
    return PC_OK;
  pc_status st = exec(d, "BEGIN IMMEDIATE", err, "upgrade");
  for (int i = v; st == PC_OK && i < SCHEMA_VERSION; i++) {
    for (int k = 0; st == PC_OK && migrations[i][k]; k++)
      st = exec(d, migrations[i][k], err, "upgrade");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", i + 1);
    if (st == PC_OK)
      st = exec(d, sql, err, "upgrade");
  }
  if (st == PC_OK)
    st = exec(d, "COMMIT", err, "upgrade");
  else
    sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
  return st;
}

static void finalize_all(gpointer k, gpointer v, gpointer u) {
  (void)k, (void)u;
  sqlite3_finalize(v);
}

static void db_close(struct ar_db *d) {
  if (!d)
    return;
  if (d->stmts) {
    g_hash_table_foreach(d->stmts, finalize_all, NULL);
    g_hash_table_destroy(d->stmts);
  }
  if (d->ents)
    g_hash_table_destroy(d->ents);
  if (d->names)
    g_hash_table_destroy(d->names);
  if (d->forms)
    g_hash_table_destroy(d->forms);
  sqlite3_close(d->db);
  free(d->path);
  free(d);
}

static pc_status db_open(const char *path, bool create, struct ar_db **out,
                         pc_error *err) {
  *out = NULL;
  bool exists = false;
  pc_status st = check_header(path, &exists, err);
  if (st != PC_OK)
    return st;
  if (!exists && !create)
    return pc_error_set(err, PC_ERR_INPUT,
                        "%s: no such archive (presscut index makes one)",
                        path);
  if ((st = pc_dl_load(PC_DL_SQLITE, err)) != PC_OK)
    return st;
  struct ar_db *d = calloc(1, sizeof *d);
  if (!d)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  d->path = strdup(path);
  d->stmts = g_hash_table_new(g_direct_hash, g_direct_equal);
  d->ents = g_hash_table_new_full(g_str_hash, g_str_equal, free, ent_memo_free);
  d->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, name_free);
  d->forms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
              (exists ? 0 : SQLITE_OPEN_CREATE);
  if (sqlite3_open_v2(path, &d->db, flags, NULL) != SQLITE_OK) {
    st = pc_error_set(err, PC_ERR_IO, "%s: %s", path,
                      d->db ? sqlite3_errmsg(d->db) : "cannot open");
    db_close(d);
    return st;
  }
  sqlite3_busy_timeout(d->db, 30000);
  sqlite3_extended_result_codes(d->db, 0);
  int version = 0;
  st = check_archive(d, &version, err);
  if (st == PC_OK)
    st = exec(d, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                 "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;"
                 "PRAGMA temp_store = MEMORY",
              err, "setup");
  if (st == PC_OK)
    st = migrate(d, version, err);
  if (st != PC_OK) {
    db_close(d);
    return st;
  }
  *out = d;
  return PC_OK;
}

/* The last quote and article ids before a write (the text indexes'
 * marks); SQLITE_DONE or an error code. */
static int marks(struct ar_db *d) {
  sqlite3_stmt *s = stmt(d, "SELECT (SELECT coalesce(max(id), 0) FROM quote),"
                            " (SELECT coalesce(max(id), 0) FROM article)");
  if (!s)
    return SQLITE_ERROR;
  int rc = sqlite3_step(s);
  if (rc == SQLITE_ROW) {
    d->fts_mark = sqlite3_column_int64(s, 0);
    d->art_mark = sqlite3_column_int64(s, 1);
    rc = SQLITE_DONE;
  }
  sqlite3_reset(s);
  return rc;
}

static pc_status db_begin(struct ar_db *d, pc_error *err) {
  pc_status st = exec(d, "BEGIN IMMEDIATE", err, "begin");
  if (st == PC_OK && marks(d) != SQLITE_DONE) {
    st = db_fail(d, err, "begin");
    sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
  }
  d->writing = st == PC_OK;
  d->unsynced = 0;
  return st;
}

/* The rows above a mark into a text index: one statement (sql) for a
 * whole transaction. */
static bool sync_index(struct ar_db *d, const char *sql, long long mark) {
  sqlite3_stmt *s = stmt(d, sql);
  if (!s)
    return false;
  sqlite3_bind_int64(s, 1, mark);
  bool ok = run(s) == SQLITE_DONE;
  sqlite3_reset(s);
  return ok;
}

/* The quotes and articles stored above the marks into their text
 * indexes; the marks then move above them. */
static bool sync_text(struct ar_db *d) {
  d->unsynced = 0;
  return sync_index(d, FTS_SYNC, d->fts_mark) &&
         sync_index(d, ART_SYNC, d->art_mark) && marks(d) == SQLITE_DONE;
}

/* The articles a transaction's text indexes take at once, before its
 * commit: index's last commit, which no worker shares the cores with,
 * then has these at most to add (1,356 bench documents: that commit took
 * 70 to 77 ms with a whole transaction's 200, 16 to 22 ms now, of a run
 * of some 1.5 s).  The more segments cost 1% of index's instructions
 * (callgrind, 452 documents, --jobs 1: 8,861 M against 8,952 M), spent
 * while the workers run. */
#define SYNC_EVERY 50

/* The quotes and articles stored since the last sync_text into their
 * text indexes, then COMMIT. */
static void db_rollback(struct ar_db *d) {
  d->writing = false;
  g_hash_table_remove_all(d->ents);
  g_hash_table_remove_all(d->forms);
  sqlite3_exec(d->db, "ROLLBACK", NULL, NULL, NULL);
}

/* A commit that fails is rolled back (the entities it made may not stay),
 * so that the handle can write again (a server keeps its handles). */
static pc_status db_commit(struct ar_db *d, pc_error *err) {
  pc_status st = PC_OK;
  if (d->writing && (!sync_text(d) ||
                     sqlite3_exec(d->db, TRGM_SYNC, NULL, NULL, NULL) !=
                         SQLITE_OK))
    st = db_fail(d, err, "commit");
  else
    st = exec(d, "COMMIT", err, "commit");
  if (st != PC_OK) {
    db_rollback(d);
    return st;
  }
  d->writing = false;
  g_hash_table_remove_all(d->forms);
  return st;
}

/*** speakers ********************************************************************/

static long long speaker_get(struct ar_db *d, const char *key,
                             const char *name, const char *type,
                             const char *ext) {
  sqlite3_stmt *s = stmt(d, "SELECT id FROM speaker WHERE key = ?");
  if (!s)
    return 0;
  bind_text(s, 1, key);
  long long id = one_int(s, NULL);
  if (id)
    return id;
  s = stmt(d, "INSERT INTO speaker(key, name, type, external_id) "
              "VALUES (?, ?, ?, ?)");
  if (!s)
    return 0;
  bind_text(s, 1, key), bind_text(s, 2, name), bind_text(s, 3, type);
  bind_text(s, 4, ext);
  return run(s) == SQLITE_DONE ? sqlite3_last_insert_rowid(d->db) : 0;
}

/* The identifier and label the alias table gives form or canon, or 0. */
static bool alias_of(struct ar_db *d, const char *form, const char *canon,
                     char **ext, char **label) {
  sqlite3_stmt *s = stmt(d, "SELECT external_id, label FROM alias "
                            "WHERE name = ?1 OR name = ?2 "
                            "ORDER BY name = ?1 DESC LIMIT 1");
  if (!s)
    return false;
  bind_text(s, 1, form), bind_text(s, 2, canon);
  bool ok = sqlite3_step(s) == SQLITE_ROW;
  if (ok) {
    *ext = g_strdup((const char *)sqlite3_column_text(s, 0));
    *label = g_strdup((const char *)sqlite3_column_text(s, 1));
  }
  sqlite3_reset(s);
  return ok;
}

/* The speaker of a name form: by alias, by its canonical full name, or
 * (a bare surname) the one full-name speaker with that surname when there
 * is exactly one, else a speaker of its own. */
static long long resolve(struct ar_db *d, const char *form,
                         const char *canon, const char *cdisp,
                         const char *surname, bool bare, const char *type) {
  char *ext = NULL, *label = NULL;
  if (alias_of(d, form, canon, &ext, &label)) {
    char *key = g_strconcat("id:", ext, NULL);
    long long id = speaker_get(d, key, label, type, ext);
    g_free(key), g_free(ext), g_free(label);
    return id;
  }
  if (bare) {
    sqlite3_stmt *s = stmt(d, "SELECT count(DISTINCT speaker_id), "
                              "min(speaker_id) FROM speaker_form "
                              "WHERE surname = ? AND bare = 0 "
                              "AND (type IS NULL OR type = 'person')");
    if (!s)
      return 0;
    bind_text(s, 1, surname);
    long long n = 0, only = 0;
    if (sqlite3_step(s) == SQLITE_ROW)
      n = sqlite3_column_int64(s, 0), only = sqlite3_column_int64(s, 1);
    sqlite3_reset(s);
    if (n == 1)
      return only;
  }
  char *key = g_strconcat(bare ? "s:" : "n:", canon, NULL);
  long long id = speaker_get(d, key, cdisp, type, NULL);
  g_free(key);
  return id;
}

/* A form seen again keeps the least of its spellings (byte order:
 * "Officials" before "officials"), and its type only while every article
 * agrees on it (else none): what the archive holds does not depend on
 * the order articles came in. */
static bool form_seen(struct ar_db *d, long long id, const char *name,
                      const char *cdisp, const char *type) {
  sqlite3_stmt *s = stmt(d, "UPDATE speaker_form SET name = min(name, ?2),"
                            " cdisp = min(cdisp, ?3), type = CASE WHEN"
                            " type IS ?4 THEN type END WHERE id = ?1 AND"
                            " (name > ?2 OR cdisp > ?3 OR type IS NOT ?4)");
  if (!s)
    return false;
  sqlite3_bind_int64(s, 1, id), bind_text(s, 2, name);
  bind_text(s, 3, cdisp), bind_text(s, 4, type);
  return run(s) == SQLITE_DONE;
}

/* ar_name_make's name of a spelling and type, made once (it depends on
 * the lexicon alone): owned by d, NULL when the name has no word. */
static const struct ar_name *name_of(struct ar_db *d, const struct ar_lex *x,
                                     const char *name, const char *type) {
  char *key = ar_form_key(name, type);
  struct ar_name *n = g_hash_table_lookup(d->names, key);
  if (n) {
    g_free(key);
    return n;
  }
  n = calloc(1, sizeof *n);
  if (!n || !ar_name_make(x, name, type, n)) {
    free(n);
    g_free(key);
    return NULL;
  }
  if (g_hash_table_size(d->names) >= NAME_MEMO_MAX)
    g_hash_table_remove_all(d->names);
  g_hash_table_insert(d->names, key, n);
  return n;
}

/* A speaker the next link step looks at again (its name, type, forms). */
static bool link_speaker(struct ar_db *d, long long speaker) {
  sqlite3_stmt *s = stmt(d, "INSERT OR IGNORE INTO link_speaker(id) VALUES (?)");
  if (!s)
    return false;
  sqlite3_bind_int64(s, 1, speaker);
  return run(s) == SQLITE_DONE;
}

/* A form whose spelling or type changed: its surname's bare forms and
 * its speaker are looked at again by the next link step. */
static bool link_note(struct ar_db *d, const char *surname,
                      long long speaker) {
  sqlite3_stmt *s =
      stmt(d, "INSERT OR IGNORE INTO link_surname(surname) VALUES (?)");
  if (!s)
    return false;
  bind_text(s, 1, surname);
  return run(s) == SQLITE_DONE && link_speaker(d, speaker);
}

/* The name form's id and speaker (made when new). */
static long long form_get_db(void *db, const struct ar_lex *x,
                             const char *name, const char *type,
                             long long *speaker) {
  struct ar_db *d = db;
  const struct ar_name *n = name_of(d, x, name, type);
  if (!n)
    return 0;
  sqlite3_stmt *s = stmt(d, "SELECT id, speaker_id FROM speaker_form "
                            "WHERE form = ?");
  long long id = 0;
  if (s) {
    bind_text(s, 1, n->form);
    if (sqlite3_step(s) == SQLITE_ROW)
      id = sqlite3_column_int64(s, 0), *speaker = sqlite3_column_int64(s, 1);
    sqlite3_reset(s);
  }
  if (id && (!form_seen(d, id, name, n->cdisp, type) ||
             (sqlite3_changes(d->db) && !link_note(d, n->surname, *speaker))))
    id = 0;
  else if (!id && s) {
    *speaker =
        resolve(d, n->form, n->canon, n->cdisp, n->surname, n->bare, type);
    s = stmt(d, "INSERT INTO speaker_form(form, name, type, canon, cdisp, "
                "surname, bare, speaker_id) VALUES (?,?,?,?,?,?,?,?)");
    if (s) {
      bind_text(s, 1, n->form), bind_text(s, 2, name), bind_text(s, 3, type);
      bind_text(s, 4, n->canon), bind_text(s, 5, n->cdisp);
      bind_text(s, 6, n->surname);
      sqlite3_bind_int(s, 7, n->bare);
      sqlite3_bind_int64(s, 8, *speaker);
      if (run(s) == SQLITE_DONE)
        id = sqlite3_last_insert_rowid(d->db);
    }
  }
  return id;
}

/* form_get_db once a transaction for each spelling and type: again, the
 * form is as it was left (form_seen changes nothing the second time). */
static long long form_get(struct ar_db *d, const struct ar_lex *x,
                          const char *name, const char *type,
                          long long *speaker) {
  return ar_form_get(d->forms, form_get_db, d, x, name, type, speaker);
}

static pc_status db_put_alias(struct ar_db *d, const char *form,
                              const char *id, const char *label,
                              pc_error *err) {
  sqlite3_stmt *s = stmt(d, "INSERT INTO alias(name, external_id, label) "
                            "VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE "
                            "SET external_id = excluded.external_id, "
                            "label = excluded.label");
  if (!s)
    return db_fail(d, err, "alias");
  bind_text(s, 1, form), bind_text(s, 2, id), bind_text(s, 3, label);
  if (run(s) != SQLITE_DONE)
    return db_fail(d, err, "alias");
  return exec(d, "UPDATE meta SET value = '1' WHERE key = 'link:all'", err,
              "alias");
}

/* The forms a link step looks at (the whole archive with meta 'link:all'
 * '1'): full names that are new (ids above 'link:form'), then bare
 * surnames that are new or share a surname with a full name that is new
 * or changed.  Nothing else can resolve otherwise: a full name's speaker
 * is its alias or its canonical name's, a bare surname's the one
 * full-name speaker of its surname. */
#define LINK_COLS                                                             \
  "SELECT id, form, canon, cdisp, surname, type, speaker_id FROM speaker_form"
#define LINK_FORMS_ALL LINK_COLS " WHERE bare = ?1 ORDER BY id"
/* Without 'link:all' the new forms and the surnames' are two searches of
 * an index each; written as one condition with ORs (and 'link:all' a
 * parameter) they were a read of the whole table, twice a run. */
#define LINK_FORMS_NEW                                                        \
  LINK_COLS " WHERE bare = ?1 AND id > ?2 UNION " LINK_COLS                   \
  " WHERE ?1 = 1 AND bare = 1 AND surname IN (SELECT surname FROM"            \
  " link_surname) ORDER BY id"
/* The link step's marks: 'link:all' and 'link:form'. */
static bool link_marks(struct ar_db *d, bool *all, long long *mark) {
  sqlite3_stmt *s = stmt(d, "SELECT coalesce((SELECT value = '1' FROM meta"
                            " WHERE key = 'link:all'), 1), coalesce((SELECT"
                            " CAST(value AS INTEGER) FROM meta WHERE key ="
                            " 'link:form'), 0)");
  if (!s || sqlite3_step(s) != SQLITE_ROW) {
    if (s)
      sqlite3_reset(s);
    return false;
  }
  *all = sqlite3_column_int(s, 0) != 0;
  *mark = sqlite3_column_int64(s, 1);
  sqlite3_reset(s);
  return true;
}

/* Form fid moves from speaker old to now; its quotes follow, and both
 * speakers are looked at again. */
static bool link_move(struct ar_db *d, long long fid, long long old,
                      long long now) {
  sqlite3_stmt *u =
      stmt(d, "UPDATE speaker_form SET speaker_id = ?1 WHERE id = ?2");
  sqlite3_stmt *q =
      stmt(d, "UPDATE quote SET speaker_id = ?1 WHERE form_id = ?2");
  if (!u || !q)
    return false;
  sqlite3_bind_int64(u, 1, now), sqlite3_bind_int64(u, 2, fid);
  sqlite3_bind_int64(q, 1, now), sqlite3_bind_int64(q, 2, fid);
  return run(u) == SQLITE_DONE && run(q) == SQLITE_DONE &&
         link_speaker(d, old) && link_speaker(d, now);
}

/* One pass over the forms of LINK_FORMS: full names (pass 0) or bare
 * surnames (pass 1). */
static bool link_pass(struct ar_db *d, int pass, bool all, long long mark) {
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(d->db, all ? LINK_FORMS_ALL : LINK_FORMS_NEW, -1, &s,
                         NULL) != SQLITE_OK)
    return false;
  sqlite3_bind_int(s, 1, pass);
  if (!all)
    sqlite3_bind_int64(s, 2, mark);
  bool ok = true;
  while (ok && sqlite3_step(s) == SQLITE_ROW) {
    long long fid = sqlite3_column_int64(s, 0);
    long long old = sqlite3_column_int64(s, 6);
    long long now = resolve(d, (const char *)sqlite3_column_text(s, 1),
                            (const char *)sqlite3_column_text(s, 2),
                            (const char *)sqlite3_column_text(s, 3),
                            (const char *)sqlite3_column_text(s, 4),
                            pass == 1,
                            (const char *)sqlite3_column_text(s, 5));
    ok = now != 0 && (now == old || link_move(d, fid, old, now));
  }
  sqlite3_finalize(s);
  return ok;
}

/* sql (all: every form; else those above ?1, the mark 'link:form'). */
static bool run_marked(struct ar_db *d, const char *sql, bool all,
                       long long mark) {
  sqlite3_stmt *s = stmt(d, sql);
  if (!s)
    return false;
  if (!all)
    sqlite3_bind_int64(s, 1, mark);
  bool ok = run(s) == SQLITE_DONE;
  sqlite3_reset(s);
  return ok;
}

#define LINK_SURNAMES(w)                                                      \
  "INSERT OR IGNORE INTO link_surname SELECT surname FROM speaker_form"       \
  " WHERE bare = 0" w
#define LINK_SPEAKERS(w)                                                      \
  "INSERT OR IGNORE INTO link_speaker SELECT speaker_id FROM speaker_form"    \
  " WHERE speaker_id IS NOT NULL" w
/* The speakers a link step touched (touched: "1" with 'link:all', every
 * one) dropped when left without a form, else named and typed again;
 * each statement a search of an index when not all (AR_LINK_TOUCHED, one
 * condition with an OR, read the whole speaker table). */
#define LINK_NAME(touched)                                                    \
  "DELETE FROM speaker WHERE " touched " AND NOT EXISTS (SELECT 1 FROM"       \
  " speaker_form f WHERE f.speaker_id = speaker.id);"                         \
  "UPDATE speaker SET name = (SELECT f.cdisp FROM speaker_form f"             \
  " WHERE f.speaker_id = speaker.id GROUP BY f.cdisp"                         \
  " ORDER BY min(f.bare), count(*) DESC, f.cdisp LIMIT 1)"                    \
  " WHERE key NOT LIKE 'id:%' AND " touched ";"                              \
  "UPDATE speaker SET type = (SELECT min(f.type) FROM"                        \
  " speaker_form f WHERE f.speaker_id = speaker.id) WHERE " touched ";"      \
  AR_LINK_DONE

/* Links the name forms a run touched (LINK_FORMS: every one after an
 * upgrade or aliases), full names before bare surnames (which look at
 * them), moves the quotes of the forms that changed, drops the speakers
 * left without a form and names each speaker touched by its most used
 * full name.  Order-free: the result depends on the forms, not on when
 * each came, and is what relinking every form would give. */
static pc_status db_link(struct ar_db *d, pc_error *err) {
  pc_status st = db_begin(d, err);
  bool all = true;
  long long mark = 0;
  if (st == PC_OK && !link_marks(d, &all, &mark))
    st = db_fail(d, err, "link");
  /* the bare pass looks at the surnames of the new full names too; the
   * speakers of the new forms are named */
  if (st == PC_OK &&
      (!link_pass(d, 0, all, mark) ||
       !run_marked(d, all ? LINK_SURNAMES("") : LINK_SURNAMES(" AND id > ?1"),
                   all, mark) ||
       !link_pass(d, 1, all, mark) ||
       !run_marked(d, all ? LINK_SPEAKERS("") : LINK_SPEAKERS(" AND id > ?1"),
                   all, mark)))
    st = db_fail(d, err, "link");
  if (st == PC_OK)
    st = exec(d, all ? LINK_NAME("1")
                     : LINK_NAME("id IN (SELECT id FROM link_speaker)"),
              err, "link");
  if (st == PC_OK)
    return db_commit(d, err);
  db_rollback(d);
  return st;
}

/*** articles ********************************************************************/

/* An entity seen again keeps the least of its spellings, types and
 * countries (as form_seen); entity_update says whether one changes it. */
static bool less(const char *v, const char *than) {
  return v && (!than || strcmp(v, than) < 0);
}

static bool entity_update(const struct ent_memo *m, const char *name,
                          const char *type, const char *country) {
  return strcmp(name, m->name) < 0 || less(type, m->type) ||
         less(country, m->country);
}

static bool entity_seen(struct ar_db *d, long long id, const char *name,
                        const char *type, const char *country) {
  sqlite3_stmt *s = stmt(
      d, "UPDATE entity SET name = min(name, ?2),"
         " type = CASE WHEN type IS NULL OR ?3 < type THEN coalesce(?3, type)"
         " ELSE type END, country = CASE WHEN country IS NULL OR ?4 < country"
         " THEN coalesce(?4, country) ELSE country END WHERE id = ?1 AND"
         " (name > ?2 OR (?3 IS NOT NULL AND (type IS NULL OR ?3 < type)) OR"
         " (?4 IS NOT NULL AND (country IS NULL OR ?4 < country)))");
  if (!s)
    return false;
  sqlite3_bind_int64(s, 1, id), bind_text(s, 2, name);
  bind_text(s, 3, type), bind_text(s, 4, country);
  return run(s) == SQLITE_DONE;
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static void set_least(char **v, const char *seen) {
  if (less(seen, *v)) {
    free(*v);
    *v = strdup(seen);
  }
}

/* The memo of key, made from the row (or the values just inserted) when
 * absent, then given what was seen now. */
static void ent_remember(struct ar_db *d, const char *key, long long id,
                         sqlite3_stmt *row, const char *name,
                         const char *type, const char *country) {
  struct ent_memo *m = g_hash_table_lookup(d->ents, key);
  if (!m) {
    if (g_hash_table_size(d->ents) >= ENT_MEMO_MAX)
      g_hash_table_remove_all(d->ents);
    m = calloc(1, sizeof *m);
    if (!m)
      return;
    m->id = id;
    const char *col[3] = {name, type, country};
    for (int i = 0; row && i < 3; i++)
      col[i] = (const char *)sqlite3_column_text(row, i + 1);
    m->name = dup_or_null(col[0]), m->type = dup_or_null(col[1]);
    m->country = dup_or_null(col[2]);
    if (!m->name) {
      ent_memo_free(m);
      return;
    }
    g_hash_table_insert(d->ents, strdup(key), m);
  }
  set_least(&m->name, name), set_least(&m->type, type);
  set_least(&m->country, country);
}

/* The stored entity of key: its id (0 when none or an error), its row
 * left on *row for its columns until the statement is reset. */
static long long entity_row(struct ar_db *d, const char *key,
                            sqlite3_stmt **row) {
  sqlite3_stmt *s = stmt(d, "SELECT id, name, type, country FROM entity"
                            " WHERE key = ?");
  *row = s;
  if (!s)
    return 0;
  bind_text(s, 1, key);
  return sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
}

static long long entity_insert(struct ar_db *d, const struct ar_name *n,
                               const char *type, const char *country) {
  sqlite3_stmt *s = stmt(d, "INSERT INTO entity(key, name, type, country) "
                            "VALUES (?, ?, ?, ?)");
  if (!s)
    return 0;
  bind_text(s, 1, n->canon), bind_text(s, 2, n->cdisp);
  bind_text(s, 3, type), bind_text(s, 4, country);
  return run(s) == SQLITE_DONE ? sqlite3_last_insert_rowid(d->db) : 0;
}

/* The id of the entity named name (made when new), keyed by its
 * canonical name; what the memo knows is not asked of SQLite again. */
static long long entity_get(struct ar_db *d, const struct ar_lex *x,
                            const char *name, const char *type,
                            const char *country) {
  const struct ar_name *n = name_of(d, x, name, type);
  if (!n)
    return 0;
  struct ent_memo *m = g_hash_table_lookup(d->ents, n->canon);
  long long id = m ? m->id : 0;
  if (!m || entity_update(m, n->cdisp, type, country)) {
    sqlite3_stmt *row = NULL;
    id = m ? m->id : entity_row(d, n->canon, &row);
    if (id)
      ent_remember(d, n->canon, id, row, n->cdisp, type, country);
    if (row)
      sqlite3_reset(row);
    if (id && !entity_seen(d, id, n->cdisp, type, country))
      id = 0;
    else if (!id && (id = entity_insert(d, n, type, country)) != 0)
      ent_remember(d, n->canon, id, NULL, n->cdisp, type, country);
  }
  return id;
}

/* 1: the archive has it already (its source, content or URL); the source
 * and URL are then noted for it.  0: new.  -1: an error. */
static int known(struct ar_db *d, const struct ar_article *a) {
  sqlite3_stmt *s = stmt(d, "SELECT 1 FROM source WHERE doc_id = ?");
  if (!s)
    return -1;
  bind_text(s, 1, a->doc_id);
  if (a->doc_id && one_int(s, NULL))
    return 1;
  s = stmt(d, "SELECT id FROM article WHERE content_hash = ?");
  if (!s)
    return -1;
  bind_text(s, 1, a->content_hash);
  long long id = one_int(s, NULL);
  if (!id && a->url) {
    s = stmt(d, "SELECT article_id FROM article_url WHERE url = ?");
    if (!s)
      return -1;
    bind_text(s, 1, a->url);
    id = one_int(s, NULL);
  }
  if (!id)
    return 0;
  s = stmt(d, "INSERT OR IGNORE INTO article_url(url, article_id) "
              "VALUES (?, ?)");
  if (!s)
    return -1;
  if (a->url) {
    bind_text(s, 1, a->url), sqlite3_bind_int64(s, 2, id);
    run(s);
  }
  s = stmt(d, "INSERT OR IGNORE INTO source(doc_id, article_id) "
              "VALUES (?, ?)");
  if (!s)
    return -1;
  if (a->doc_id) {
    bind_text(s, 1, a->doc_id), sqlite3_bind_int64(s, 2, id);
    run(s);
  }
  return 1;
}

static long long article_insert(struct ar_db *d, const struct ar_article *a) {
  sqlite3_stmt *s = stmt(d, "INSERT INTO article(uid, url, host, site, "
                            "date, lang, title, byline, content_hash, text) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?)");
  if (!s)
    return 0;
  bind_text(s, 1, a->uid), bind_text(s, 2, a->url);
  bind_text(s, 3, a->host[0] ? a->host : NULL);
  bind_text(s, 4, a->site), bind_text(s, 5, a->date), bind_text(s, 6, a->lang);
  bind_text(s, 7, a->title), bind_text(s, 8, a->byline);
  bind_text(s, 9, a->content_hash), bind_text(s, 10, a->text);
  if (run(s) != SQLITE_DONE)
    return 0;
  long long id = sqlite3_last_insert_rowid(d->db);
  if (a->url && (s = stmt(d, "INSERT OR IGNORE INTO article_url(url, "
                             "article_id) VALUES (?, ?)")) != NULL) {
    bind_text(s, 1, a->url), sqlite3_bind_int64(s, 2, id);
    run(s);
  }
  if (a->doc_id && (s = stmt(d, "INSERT OR IGNORE INTO source(doc_id, "
                                "article_id) VALUES (?, ?)")) != NULL) {
    bind_text(s, 1, a->doc_id), sqlite3_bind_int64(s, 2, id);
    run(s);
  }
  return id;
}

/* The outlet a quote of article aid counts for in its cluster: the
 * article's host, else its site, else the article itself (as
 * coalesce(host, site, '#' || id) of its row, which step2 reads). */
static const char *outlet_of(const struct ar_article *a, long long aid,
                             char *buf, size_t n) {
  if (a->host[0])
    return a->host;
  if (a->site)
    return a->site;
  snprintf(buf, n, "#%lld", aid);
  return buf;
}

/* A new cluster of a quote's normalised text, counted with its first
 * quote already (one quote, one outlet, its date): most quotes are the
 * first of their text, and this spares them the cluster's reading back
 * and update.  0 when the text has a cluster, -1 on an error. */
static long long cluster_new(struct ar_db *d, const struct ar_quote *q,
                             const char *outlet, const char *date) {
  sqlite3_stmt *s = stmt(d, "INSERT INTO quote_cluster(norm_hash, text, "
                            "first_seen, quotes, outlets) VALUES (?, ?, ?,"
                            " 1, 1) ON CONFLICT(norm_hash) DO NOTHING"
                            " RETURNING id");
  if (!s)
    return -1;
  bind_text(s, 1, q->norm_hash), bind_text(s, 2, q->text);
  bind_text(s, 3, date);
  int rc = 0;
  long long id = one_int(s, &rc);
  if (rc != SQLITE_DONE)
    return -1;
  if (!id)
    return 0;
  s = stmt(d, "INSERT INTO cluster_outlet(cluster_id, outlet) VALUES (?, ?)");
  if (!s)
    return -1;
  sqlite3_bind_int64(s, 1, id), bind_text(s, 2, outlet);
  return run(s) == SQLITE_DONE ? id : -1;
}

/* The cluster of a quote's normalised text, made when new (*counted:
 * its counts include the quote); else found, and cluster_count counts
 * the quote once it is in. */
static long long cluster_get(struct ar_db *d, const struct ar_quote *q,
                             const char *outlet, const char *date,
                             bool *counted) {
  long long id = cluster_new(d, q, outlet, date);
  *counted = id > 0;
  if (id)
    return id > 0 ? id : 0;
  sqlite3_stmt *s = stmt(d, "SELECT id FROM quote_cluster WHERE norm_hash = ?");
  if (!s)
    return 0;
  bind_text(s, 1, q->norm_hash);
  return one_int(s, NULL);
}

/* The counts of cluster cid once a quote (of outlet, dated date) is in:
 * one quote more, one outlet more when the outlet is new to the cluster,
 * the earliest date. */
static bool cluster_count(struct ar_db *d, long long cid, const char *outlet,
                          const char *date) {
  sqlite3_stmt *s = stmt(d, "INSERT OR IGNORE INTO cluster_outlet(cluster_id,"
                            " outlet) VALUES (?, ?) RETURNING 1");
  if (!s)
    return false;
  sqlite3_bind_int64(s, 1, cid), bind_text(s, 2, outlet);
  int rc = 0;
  int added = (int)one_int(s, &rc);
  if (rc != SQLITE_DONE)
    return false;
  s = stmt(d, "UPDATE quote_cluster SET quotes = quotes + 1, outlets ="
              " outlets + ?2, first_seen = CASE WHEN first_seen IS NULL OR"
              " ?3 < first_seen THEN ?3 ELSE first_seen END WHERE id = ?1");
  if (!s)
    return false;
  sqlite3_bind_int64(s, 1, cid), sqlite3_bind_int(s, 2, added);
  bind_text(s, 3, date);
  return run(s) == SQLITE_DONE;
}

static bool put_quotes(struct ar_db *d, const struct ar_lex *x,
                       const struct ar_article *a, long long aid,
                       long long *qids) {
  char obuf[24];
  const char *outlet = outlet_of(a, aid, obuf, sizeof obuf);
  for (size_t i = 0; i < a->nquotes; i++) {
    const struct ar_quote *q = &a->quotes[i];
    char dbuf[11];
    const char *date = ar_quote_date(q->date, a->date, dbuf);
    long long speaker = 0;
    long long form = q->speaker ? form_get(d, x, q->speaker, q->stype,
                                           &speaker) : 0;
    bool counted = false;
    long long cid = cluster_get(d, q, outlet, date, &counted);
    sqlite3_stmt *s = stmt(d, "INSERT INTO quote(article_id, qid, "
                              "speaker_id, form_id, kind, text, cue, role, "
                              "date, block, start, end, sentence, norm_hash,"
                              " cluster_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,"
                              "?,?,?)");
    if (!s || !cid)
      return false;
    sqlite3_bind_int64(s, 1, aid), bind_text(s, 2, q->qid);
    if (speaker)
      sqlite3_bind_int64(s, 3, speaker), sqlite3_bind_int64(s, 4, form);
    bind_text(s, 5, q->kind), bind_text(s, 6, q->text);
    bind_text(s, 7, q->cue), bind_text(s, 8, q->role), bind_text(s, 9, date);
    bind_text(s, 10, q->block);
    sqlite3_bind_int64(s, 11, q->start), sqlite3_bind_int64(s, 12, q->end);
    bind_text(s, 13, q->sentence), bind_text(s, 14, q->norm_hash);
    sqlite3_bind_int64(s, 15, cid);
    if (run(s) != SQLITE_DONE)
      return false;
    qids[i] = sqlite3_last_insert_rowid(d->db);
    if (!counted && !cluster_count(d, cid, outlet, date))
      return false;
  }
  return true;
}

static long long quote_by_qid(const struct ar_article *a,
                              const long long *qids, const char *qid) {
  for (size_t i = 0; qid && i < a->nquotes; i++)
    if (a->quotes[i].qid && strcmp(a->quotes[i].qid, qid) == 0)
      return qids[i];
  return 0;
}

static bool put_claims(struct ar_db *d, const struct ar_lex *x,
                       const struct ar_article *a, long long aid,
                       const long long *qids) {
  for (size_t i = 0; i < a->nclaims; i++) {
    const struct ar_claim *c = &a->claims[i];
    long long who = c->claimant ? entity_get(d, x, c->claimant, c->ctype,
                                             NULL) : 0;
    long long qid = quote_by_qid(a, qids, c->quote);
    char dbuf[11];
    const char *date = NULL;
    for (size_t k = 0; qid && k < a->nquotes; k++)
      if (qids[k] == qid)
        date = ar_quote_date(a->quotes[k].date, a->date, dbuf);
    if (!date)
      date = ar_quote_date(NULL, a->date, dbuf);
    sqlite3_stmt *s = stmt(d, "INSERT INTO claim(article_id, claimant_id, "
                              "polarity, event, evidence, quote_id, date, "
                              "cameo, plover, plover_mode) VALUES "
                              "(?,?,?,?,?,?,?,?,?,?)");
    if (!s)
      return false;
    sqlite3_bind_int64(s, 1, aid);
    if (who)
      sqlite3_bind_int64(s, 2, who);
    bind_text(s, 3, c->polarity), bind_text(s, 4, c->event);
    bind_text(s, 5, c->evidence);
    if (qid)
      sqlite3_bind_int64(s, 6, qid);
    bind_text(s, 7, date), bind_text(s, 8, c->cameo);
    bind_text(s, 9, c->plover), bind_text(s, 10, c->mode);
    if (run(s) != SQLITE_DONE)
      return false;
    long long cid = sqlite3_last_insert_rowid(d->db);
    for (size_t k = 0; k < c->naccused; k++) {
      long long e = entity_get(d, x, c->accused[k], c->atypes[k], NULL);
      s = stmt(d, "INSERT OR IGNORE INTO claim_accused(claim_id, pos, "
                  "entity_id) VALUES (?, ?, ?)");
      if (!s || !e)
        return false;
      sqlite3_bind_int64(s, 1, cid), sqlite3_bind_int64(s, 2, (long long)k);
      sqlite3_bind_int64(s, 3, e);
      if (run(s) != SQLITE_DONE)
        return false;
    }
  }
  return true;
}

static bool put_entities(struct ar_db *d, const struct ar_lex *x,
                         const struct ar_article *a, long long aid) {
  for (size_t i = 0; i < a->nentities; i++) {
    const struct ar_entity *e = &a->entities[i];
    long long id = entity_get(d, x, e->name, e->type, e->country);
    sqlite3_stmt *s = stmt(d, "INSERT OR IGNORE INTO article_entity("
                              "article_id, entity_id, mentions) "
                              "VALUES (?, ?, ?)");
    if (!s || !id)
      return false;
    sqlite3_bind_int64(s, 1, aid), sqlite3_bind_int64(s, 2, id);
    sqlite3_bind_int64(s, 3, e->mentions);
    if (run(s) != SQLITE_DONE)
      return false;
  }
  return true;
}

static pc_status db_put(struct ar_db *d, const struct ar_lex *x,
                        const struct ar_article *a, int *added,
                        pc_error *err) {
  *added = 0;
  int k = known(d, a);
  if (k < 0)
    return db_fail(d, err, "store");
  if (k > 0)
    return PC_OK;
  if (d->unsynced >= SYNC_EVERY && !sync_text(d))
    return db_fail(d, err, "store");
  long long aid = article_insert(d, a);
  if (!aid)
    return db_fail(d, err, "store article");
  d->unsynced++;
  long long *qids = calloc(a->nquotes + 1, sizeof *qids);
  if (!qids)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  bool ok = put_entities(d, x, a, aid) && put_quotes(d, x, a, aid, qids) &&
            put_claims(d, x, a, aid, qids);
  free(qids);
  if (!ok)
    return db_fail(d, err, "store quotes");
  *added = 1;
  return PC_OK;
}

/*** queries *********************************************************************/

/* A query being built: its SQL and its parameters, bound in order. */
struct qb {
  GString *sql;
  const char *args[16];
  int nargs;
  bool where;        /* a WHERE is written */
  char until_hi[16]; /* --until and a byte above any of UTF-8 */
};

/* Appends clause, whose "?" are the next parameters, from the list. */
static void where(struct qb *b, const char *clause, int n, ...) {
  va_list ap;
  va_start(ap, n);
  g_string_append(b->sql, b->where ? " AND " : " WHERE ");
  b->where = true;
  g_string_append(b->sql, clause);
  for (int i = 0; i < n && b->nargs < 16; i++)
    b->args[b->nargs++] = va_arg(ap, const char *);
  va_end(ap);
}

static pc_status qb_run(struct ar_db *d, struct qb *b, size_t limit,
                        int (*row)(sqlite3_stmt *, ar_row_fn, void *),
                        ar_row_fn fn, void *closure, pc_error *err) {
  if (limit)
    g_string_append_printf(b->sql, " LIMIT %zu", limit);
  sqlite3_stmt *s = NULL;
  if (sqlite3_prepare_v2(d->db, b->sql->str, -1, &s, NULL) != SQLITE_OK)
    return db_fail(d, err, "query");
  for (int i = 0; i < b->nargs; i++)
    bind_text(s, i + 1, b->args[i]);
  int rc;
  pc_status st = PC_OK;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW)
    if (row(s, fn, closure) != 0) {
      st = pc_error_set(err, PC_ERR_IO, "cannot write the output");
      break;
    }
  if (st == PC_OK && rc != SQLITE_DONE)
    st = db_fail(d, err, "query");
  sqlite3_finalize(s);
  return st;
}

#define COL(s, i) ((const char *)sqlite3_column_text((s), (i)))

static int quote_row(sqlite3_stmt *s, ar_row_fn fn, void *closure) {
  struct ar_quote_row r = {COL(s, 0), COL(s, 1), COL(s, 2), COL(s, 3),
                           COL(s, 4), COL(s, 5), COL(s, 6), COL(s, 7),
                           COL(s, 8), COL(s, 9), sqlite3_column_int64(s, 10)};
  return fn(closure, &r);
}

/* The dates of --since and --until on column col. */
static void dates(struct qb *b, const struct ar_filter *f, const char *col) {
  char *c;
  if (f->q->since) {
    c = g_strdup_printf("%s >= ?", col);
    where(b, c, 1, f->q->since);
    g_free(c);
  }
  if (f->q->until) {
    c = g_strdup_printf("substr(%s, 1, 10) <= ?", col);
    where(b, c, 1, f->q->until);
    g_free(c);
  }
  /* the same bound as the index can use it: a date whose first 10 bytes
   * are at most until (of 10 bytes at most) is below until "\xff" */
  if (f->q->until && strlen(f->q->until) <= 10) {
    snprintf(b->until_hi, sizeof b->until_hi, "%s\xff", f->q->until);
    c = g_strdup_printf("%s < ?", col);
    where(b, c, 1, b->until_hi);
    g_free(c);
  }
}

/* The count of sql's rows (sql: "SELECT 1 ... LIMIT ?1", the other
 * parameters from ?2), cap when it cannot tell. */
static long long count_upto(struct ar_db *d, const char *sql, long long cap,
                            int n, const char *const *args) {
  sqlite3_stmt *s = stmt(d, sql);
  if (!s)
    return cap;
  sqlite3_bind_int64(s, 1, cap);
  for (int i = 0; i < n; i++)
    bind_text(s, i + 2, args[i]);
  int rc = 0;
  long long v = one_int(s, &rc);
  return rc == SQLITE_DONE ? v : cap;
}

/* The speakers --speaker names (5 parameters). */
#define SPEAKER_IDS                                                          \
  "SELECT speaker_id FROM speaker_form WHERE form = ? OR canon = ? OR"       \
  " (surname = ? AND bare = 1) UNION SELECT id FROM speaker WHERE"           \
  " external_id = ? OR lower(name) = ?"
#define SPEAKER_IDS2                                                         \
  "SELECT speaker_id FROM speaker_form WHERE form = ?2 OR canon = ?3 OR"     \
  " (surname = ?4 AND bare = 1) UNION SELECT id FROM speaker WHERE"          \
  " external_id = ?5 OR lower(name) = ?6"

/* The quote filters of f as a WHERE into b. */
static void quote_filters(struct qb *b, const struct ar_filter *f) {
  const pc_archive_query *q = f->q;
  if (f->fts)
    /* the id is the key's low 32 bits (FTS_KEY): archives of fewer than
     * 2^32 quotes, as 'fts:order' assumes */
    where(b, "q.id IN (SELECT rowid & 4294967295 FROM quote_fts"
             " WHERE quote_fts MATCH ?)", 1, f->fts);
  if (f->about)
    where(b, "q.article_id IN (SELECT rowid FROM article_fts"
             " WHERE article_fts MATCH ?)", 1, f->about);
  if (q->kind)
    where(b, "q.kind = ?", 1, q->kind);
  dates(b, f, "q.date");
  if (q->site)
    where(b, "(a.host = lower(?) OR a.site = ? COLLATE NOCASE OR"
             " substr(a.host, -length(?) - 1) = '.' || lower(?))",
          4, q->site, q->site, q->site, q->site);
  if (f->speaker_form)
    where(b, "q.speaker_id IN (" SPEAKER_IDS ")", 5, f->speaker_form,
          f->speaker_canon, f->speaker_form, q->speaker, f->speaker_form);  if (f->near_ids)
    where(b, "q.cluster_id IN (SELECT value FROM json_each(?))", 1,
          f->near_ids);
}

/* Which index answers the quote query of f fastest, as an INDEXED BY
 * clause.  Each selective filter (text, speaker, --about) counts its
 * quotes, up to sparse, through an index of its own.  Few (a rare word,
 * a speaker seldom quoted): those quotes are found and sorted by date (a
 * word's through quote_id_date, which holds the date), each a cold read
 * of an index page scattered over the file (some 20 us in a new process);
 * many (a common word, the most quoted speaker, no filter): the date index
 * (holding speaker, kind, article) is read newest first, its pages in a
 * row, each entry tested, until the limit: for n matches among N quotes
 * some 100 N / n entries, 100 to a page.  The two cost about the same
 * near n = sqrt(N) / 2 (measured at 450,000 quotes: some 40 ms of CPU
 * each for a word in 1,000), which is sparse.  SQLite's NULL is below
 * every value, so the index read backwards is "newest first, no date
 * last". */
static const char *quote_index(struct ar_db *d, const struct ar_filter *f) {
  if (f->near_ids)
    return ""; /* a few clusters: their quotes through quote_cluster_i */
  sqlite3_stmt *m = stmt(d, "SELECT max(id) FROM quote");
  long long total = m ? one_int(m, NULL) : 0, sparse = 128;
  while (4 * sparse * sparse < total)
    sparse *= 2; /* about sqrt(total) / 2, at least 128 */
  const char *spk[] = {f->speaker_form, f->speaker_canon, f->speaker_form,
                       f->q->speaker, f->speaker_form};
  const char *fts[] = {f->fts}, *about[] = {f->about};
  if (f->fts && count_upto(d, "SELECT count(*) FROM (SELECT 1 FROM quote_fts"
                              " WHERE quote_fts MATCH ?2 LIMIT ?1)",
                           sparse, 1, fts) < sparse)
    return " INDEXED BY quote_id_date";
  /* a speaker's quotes are side by side in quote_speaker (speaker,
   * date), so reading c of them costs about what the date index costs
   * for limit * N / c entries: the same near c = sqrt(limit * N) */
  long long side = sparse, want = f->limit ? (long long)f->limit : 100;
  while (side * side < want * total)
    side *= 2;
  if ((f->speaker_form &&
       count_upto(d, "SELECT count(*) FROM (SELECT 1 FROM quote WHERE"
                     " speaker_id IN (" SPEAKER_IDS2 ") LIMIT ?1)",
                  side, 5, spk) < side) ||
      (f->about &&
       count_upto(d, "SELECT count(*) FROM (SELECT 1 FROM quote WHERE"
                     " article_id IN (SELECT rowid FROM article_fts WHERE"
                     " article_fts MATCH ?2) LIMIT ?1)",
                  sparse, 1, about) < sparse))
    return ""; /* the planner's choice: by speaker or article */
  return (f->q->since || f->q->until) && !f->fts && !f->speaker_form &&
                 !f->about
             ? "" /* a date range: the date index anyway */
             : " INDEXED BY quote_date";
}

/* Whether the text index, read by descending rowid (FTS_KEY), gives the
 * quotes of f newest first: a word, with no filter that has an index of
 * its own, in an archive whose keys order every quote (meta 'fts:order'). */
static bool fts_ordered(struct ar_db *d, const struct ar_filter *f) {
  if (!f->fts || f->speaker_form || f->about || f->near_ids)
    return false;
  sqlite3_stmt *s = stmt(d, "SELECT count(*) FROM meta"
                            " WHERE key = 'fts:order' AND value = '1'");
  return s && one_int(s, NULL) == 1;
}

/* YYYYMMDD of a date written YYYY-MM-DD and nothing more, or -1. */
static long long day_number(const char *s) {
  return s && strlen(s) == 10 ? ar_iso_day(s) : -1;
}

/* The quotes of f by the text index, newest first: each match's quote is
 * read and tested in the index's order until the limit, so a common word
 * costs its limit, not its matches.  --since and --until, when whole
 * dates, also bound the keys (FTS_KEY: day + 1 in the high 32 bits). */
static void fts_newest(struct qb *b, const struct ar_filter *f) {
  struct ar_filter rest = *f;
  rest.fts = NULL;
  g_string_append(b->sql, "SELECT q.id FROM quote_fts JOIN quote q ON q.id ="
                          " quote_fts.rowid & 4294967295");
  if (f->q->site)
    g_string_append(b->sql, " JOIN article a ON a.id = q.article_id");
  where(b, "quote_fts MATCH ?", 1, f->fts);
  long long since = day_number(f->q->since), until = day_number(f->q->until);
  if (since >= 0)
    g_string_append_printf(b->sql, " AND quote_fts.rowid >= %lld",
                           (since + 1) << 32);
  if (until >= 0)
    g_string_append_printf(b->sql, " AND quote_fts.rowid < %lld",
                           (until + 2) << 32);
  quote_filters(b, &rest);
  g_string_append(b->sql, " ORDER BY quote_fts.rowid DESC");
}

static pc_status db_quotes(struct ar_db *d, const struct ar_filter *f,
                           ar_row_fn fn, void *closure, pc_error *err) {
  struct qb w = {g_string_new(""), {0}, 0, false, ""};
  if (fts_ordered(d, f)) {
    fts_newest(&w, f);
  } else {
    quote_filters(&w, f);
    GString *sql = g_string_new(NULL);
    g_string_printf(sql, "SELECT q.id FROM quote q%s%s%s"
                    " ORDER BY q.date DESC, q.id DESC", quote_index(d, f),
                    f->q->site ? " JOIN article a ON a.id = q.article_id" : "",
                    w.sql->str);
    g_string_free(w.sql, TRUE);
    w.sql = sql;
  }
  struct qb b = w;
  b.sql = g_string_new(NULL);
  /* the limit first, on the quotes alone; then their article and
   * speaker, for those only */
  g_string_printf(b.sql,
                  "SELECT s.name, q.role, q.date, q.kind, q.text, q.cue,"
                  " a.title, a.url, coalesce(a.site, a.host), s.external_id,"
                  " q.cluster_id FROM (%s", w.sql->str);
  if (f->limit)
    g_string_append_printf(b.sql, " LIMIT %zu", f->limit);
  g_string_append(b.sql, ") t JOIN quote q ON q.id = t.id"
                         " JOIN article a ON a.id = q.article_id"
                         " LEFT JOIN speaker s ON s.id = q.speaker_id"
                         " ORDER BY q.date DESC, q.id DESC");
  g_string_free(w.sql, TRUE);
  pc_status st = qb_run(d, &b, 0, quote_row, fn, closure, err);
  g_string_free(b.sql, TRUE);
  return st;
}

static int claim_row(sqlite3_stmt *s, ar_row_fn fn, void *closure) {
  struct ar_claim_row r = {COL(s, 0), COL(s, 1), COL(s, 2),  COL(s, 3),
                           COL(s, 4), COL(s, 5), COL(s, 6),  COL(s, 7),
                           COL(s, 8), COL(s, 9), COL(s, 10), COL(s, 11)};
  return fn(closure, &r);
}

/* The --claimant, --accused and --event filters of claims (c, ce, cn):
 * the entity's key or its speaker's name holds the name. */
static void claim_filters(struct qb *b, const struct ar_filter *f) {
  if (f->claimant)
    where(b, "(instr(ce.key, ?) > 0 OR instr(lower(cn.name), ?) > 0)", 2,
          f->claimant, f->claimant);
  /* the entities named first (a few thousand), then their claims */
  if (f->accused)
    /* (the first test, cheap, keeps the entities whose key, name or a
     * speaker's name holds it; the second, the view's name, is then
     * computed for those only) */
    where(b, "c.id IN (SELECT x.claim_id FROM claim_accused x WHERE"
             " x.entity_id IN (SELECT xe.id FROM entity xe JOIN entity_name"
             " xn ON xn.id = xe.id WHERE (instr(xe.key, ?) > 0 OR"
             " instr(lower(xe.name), ?) > 0 OR xe.key IN (SELECT f.canon"
             " FROM speaker_form f JOIN speaker s ON s.id = f.speaker_id"
             " WHERE instr(lower(s.name), ?) > 0)) AND (instr(xe.key, ?) > 0"
             " OR instr(lower(xn.name), ?) > 0)))", 5, f->accused,
          f->accused, f->accused, f->accused, f->accused);
  if (f->q->event)
    where(b, "instr(lower(c.event), lower(?)) > 0", 1, f->q->event);
  dates(b, f, "c.date");
}

static pc_status db_claims(struct ar_db *d, const struct ar_filter *f,
                           ar_row_fn fn, void *closure, pc_error *err) {
  /* the limit first, on the claims alone (and the claimant's names when
   * asked for); then the rest of each, for those only */
  struct qb b = {g_string_new(
      "SELECT cn.name, (SELECT group_concat(name, '; ') FROM (SELECT e.name"
      " FROM claim_accused x JOIN entity_name e ON e.id = x.entity_id"
      " WHERE x.claim_id = c.id ORDER BY x.pos)), c.polarity, c.event,"
      " c.evidence, c.date, a.title, a.url, c.cameo, c.plover,"
      " c.plover_mode, q.text FROM (SELECT c.id FROM claim c"),
                 {0}, 0, false, ""};
  if (f->accused && !f->claimant) /* the claims of the entities named */
    g_string_append(b.sql, " INDEXED BY claim_id_date");
  if (f->claimant)
    g_string_append(b.sql, " LEFT JOIN entity ce ON ce.id = c.claimant_id"
                           " LEFT JOIN entity_name cn ON"
                           " cn.id = c.claimant_id");
  claim_filters(&b, f);
  g_string_append(b.sql, " ORDER BY c.date DESC, c.id DESC");
  if (f->limit)
    g_string_append_printf(b.sql, " LIMIT %zu", f->limit);
  g_string_append(b.sql, ") t JOIN claim c ON c.id = t.id"
                         " JOIN article a ON a.id = c.article_id"
                         " LEFT JOIN entity_name cn ON cn.id = c.claimant_id"
                         " LEFT JOIN quote q ON q.id = c.quote_id"
                         " ORDER BY c.date DESC, c.id DESC");
  pc_status st = qb_run(d, &b, 0, claim_row, fn, closure, err);
  g_string_free(b.sql, TRUE);
  return st;
}

static int edge_row(sqlite3_stmt *s, ar_row_fn fn, void *closure) {
  struct ar_edge_row r = {COL(s, 0), COL(s, 1), COL(s, 2),
                          COL(s, 3), COL(s, 4), COL(s, 5),
                          COL(s, 6), sqlite3_column_int64(s, 7)};
  return fn(closure, &r);
}

static pc_status db_edges(struct ar_db *d, const struct ar_filter *f,
                          ar_row_fn fn, void *closure, pc_error *err) {
  struct qb b = {g_string_new(
      "SELECT cn.name, min(cn.type), an.name, min(an.type), c.polarity,"
      " min(c.date), max(c.date), count(*) FROM claim c"
      " JOIN entity ce ON ce.id = c.claimant_id"
      " JOIN entity_name cn ON cn.id = c.claimant_id"
      " JOIN claim_accused ca ON ca.claim_id = c.id"
      " JOIN entity_name an ON an.id = ca.entity_id"), {0}, 0, false, ""};
  claim_filters(&b, f);
  g_string_append(b.sql, " GROUP BY cn.name, an.name, c.polarity"
                         " ORDER BY count(*) DESC, cn.name, an.name");
  pc_status st = qb_run(d, &b, 0, edge_row, fn, closure, err);
  g_string_free(b.sql, TRUE);
  return st;
}

static int speaker_row(sqlite3_stmt *s, ar_row_fn fn, void *closure) {
  struct ar_speaker_row r = {COL(s, 0), COL(s, 1), COL(s, 2),
                             COL(s, 3), COL(s, 4), COL(s, 5),
                             COL(s, 6), sqlite3_column_int64(s, 7),
                             sqlite3_column_int64(s, 8)};
  return fn(closure, &r);
}

static pc_status db_speakers(struct ar_db *d, const struct ar_filter *f,
                             ar_row_fn fn, void *closure, pc_error *err) {
  struct qb b = {g_string_new(
      "SELECT s.name, s.type, s.external_id, (SELECT group_concat(name,"
      " '; ') FROM (SELECT DISTINCT f.name FROM speaker_form f"
      " WHERE f.speaker_id = s.id AND f.name <> s.name ORDER BY f.name)),"
      " (SELECT group_concat(role, '; ') FROM (SELECT DISTINCT role"
      " FROM quote WHERE speaker_id = s.id AND role IS NOT NULL"
      " ORDER BY role)), min(q.date), max(q.date), count(q.id),"
      " count(DISTINCT q.article_id) FROM speaker s"
      " LEFT JOIN quote q ON q.speaker_id = s.id"), {0}, 0, false, ""};
  if (f->speaker_form)
    where(&b, "(s.id IN (SELECT speaker_id FROM speaker_form"
              " WHERE instr(form, ?) > 0) OR s.external_id = ?)", 2,
          f->speaker_form, f->q->name);
  g_string_append(b.sql, " GROUP BY s.id ORDER BY count(q.id) DESC, s.name,"
                         " s.id");
  pc_status st = qb_run(d, &b, f->limit, speaker_row, fn, closure, err);
  g_string_free(b.sql, TRUE);
  return st;
}

/* A row of a trigram table and how many of the text's trigrams it holds. */
struct hits {
  long long id, n;
};

static int hits_order(const void *x, const void *y) {
  const struct hits *a = x, *b = y;
  if (a->n != b->n)
    return a->n < b->n ? 1 : -1;
  return (a->id > b->id) - (a->id < b->id);
}

struct hit_list {
  struct hits *h;
  size_t n, cap;
};

static void hits_add(gpointer k, gpointer v, gpointer list) {
  struct hit_list *l = list;
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 256;
    struct hits *h = realloc(l->h, cap * sizeof *h);
    if (!h)
      return; /* out of memory: fewer candidates */
    l->h = h, l->cap = cap;
  }
  l->h[l->n].id = (long long)GPOINTER_TO_SIZE(k);
  l->h[l->n++].n = (long long)GPOINTER_TO_SIZE(v);
}

/* The rows of trigram table sql (a MATCH of one term) holding at least
 * need of the terms, the most first, at most AR_NEAR_CANDIDATES (free
 * l->h).  Each term's rows are read by their own query (one posting list
 * each); bm25 over an OR of them all took 0.27 s of CPU for 43,000
 * clusters. */
static bool hits_of(struct ar_db *d, const char *sql, char **terms,
                    long long need, struct hit_list *l) {
  GHashTable *count = g_hash_table_new(g_direct_hash, g_direct_equal);
  bool ok = true;
  for (size_t i = 0; ok && terms[i]; i++) {
    sqlite3_stmt *s = stmt(d, sql);
    if (!s) {
      ok = false;
      break;
    }
    bind_text(s, 1, terms[i]);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      gpointer k = GSIZE_TO_POINTER((gsize)sqlite3_column_int64(s, 0));
      gsize c = GPOINTER_TO_SIZE(g_hash_table_lookup(count, k));
      g_hash_table_insert(count, k, GSIZE_TO_POINTER(c + 1));
    }
    ok = rc == SQLITE_DONE;
    sqlite3_reset(s);
  }
  memset(l, 0, sizeof *l);
  g_hash_table_foreach(count, hits_add, l);
  g_hash_table_destroy(count);
  if (l->n)
    qsort(l->h, l->n, sizeof *l->h, hits_order);
  size_t k = 0;
  while (k < l->n && k < AR_NEAR_CANDIDATES && l->h[k].n >= need)
    k++;
  l->n = k;
  return ok;
}

/* The candidates of a near lookup: the rows of the trigram table holding
 * the most of the text's trigrams within words, and at least as many as
 * a similarity of floor needs (shared >= floor * |text's trigrams|, of
 * which the padded ones may be all); the entities all. */
static pc_status db_near(struct ar_db *d, enum ar_near_what w,
                         const char *text, const struct ar_trgm *t,
                         double floor, ar_row_fn fn, void *closure,
                         pc_error *err) {
  static const char *const terms_sql[] = {
      [AR_NEAR_SPEAKER] = "SELECT rowid FROM speaker_form_trgm"
                          " WHERE speaker_form_trgm MATCH ?",
      [AR_NEAR_CLUSTER] = "SELECT rowid FROM quote_cluster_trgm"
                          " WHERE quote_cluster_trgm MATCH ?",
  };
  static const char *const row_sql[] = {
      [AR_NEAR_SPEAKER] = "SELECT form, canon, name, speaker_id FROM"
                          " speaker_form WHERE id = ?",
      /* every entity (no trigram table: see TRGM_VERSION) */
      [AR_NEAR_ENTITY] = "SELECT key, key, name, id FROM entity",
      [AR_NEAR_CLUSTER] = "SELECT NULL, text, NULL, id FROM quote_cluster"
                          " WHERE id = ?",
  };
  (void)text;
  bool ok = true;
  struct hit_list l = {NULL, 1, 0}; /* the entities: one query */
  if (w != AR_NEAR_ENTITY) {
    size_t padded;
    char **terms = ar_trgm_terms(t, &padded);
    long long need = (long long)(floor * (double)t->n) - (long long)padded;
    ok = hits_of(d, terms_sql[w], terms, need < 1 ? 1 : need, &l);
    g_strfreev(terms);
  }
  const struct hits *h = l.h;
  size_t n = l.n;
  pc_status st = ok ? PC_OK : db_fail(d, err, "near");
  for (size_t i = 0; st == PC_OK && i < n; i++) {
    sqlite3_stmt *s = stmt(d, row_sql[w]);
    if (!s) {
      st = db_fail(d, err, "near");
      break;
    }
    if (h)
      sqlite3_bind_int64(s, 1, h[i].id);
    int rc = SQLITE_DONE;
    while (st == PC_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
      struct ar_near_row r = {COL(s, 0), COL(s, 1), COL(s, 2),
                              sqlite3_column_int64(s, 3)};
      if (fn(closure, &r) != 0)
        st = pc_error_set(err, PC_ERR_IO, "cannot write the output");
    }
    if (st == PC_OK && rc != SQLITE_DONE)
      st = db_fail(d, err, "near");
    sqlite3_reset(s);
  }
  free(l.h);
  return st;
}

const struct ar_backend ar_sqlite = {
    "sqlite",     db_open,   db_close,      db_begin,
    db_commit,    db_rollback, db_put,      db_put_alias,
    db_link,      db_quotes, db_claims,     db_edges,
    db_speakers,  db_near,
};
