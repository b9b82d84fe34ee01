/* postgres.c - the archive in a PostgreSQL database (--db postgresql://...).
 *
 * The same tables, writes and queries as sqlite.c, through libpq, which is
 * loaded when first needed (src/core/dl_pq.h), as libcurl is.  The URL
 * goes to libpq as it is (postgresql:// or postgres://, its parameters:
 * host= a Unix socket directory, user, password, sslmode...).
 *
 * Schema: a meta table holds 'app' = 'presscut-archive' and 'version';
 * migrations[] brings version i to i + 1 (step 1 makes it all), in one
 * transaction under an advisory lock, so an older archive is upgraded in
 * place and two first runs do not both make it.  A database whose meta
 * table belongs to something else, or whose version is newer, is refused
 * untouched, and so is one that holds other tables but no archive.
 *
 * Text search: tsvector columns generated from the quote's text and the
 * article's title and text, with GIN indexes; the text search
 * configuration 'presscut' is unaccent then the English Snowball stemmer
 * without stop words (as close as PostgreSQL comes to FTS5's 'porter
 * unicode61 remove_diacritics 2': no stop words, accents folded).  Names
 * (--claimant, --accused, speakers NAME) are looked for with LIKE, served
 * by pg_trgm GIN indexes.
 *
 * Writes: a transaction per batch of articles (archive.c) that first
 * takes a transaction-level advisory lock: two index runs at once take
 * turns a batch at a time, and as each checks what is known inside its
 * lock, nothing is stored twice.  Readers take no lock.  A quote (with
 * its cluster), a speaker form, an article's entities are each one
 * statement, prepared once per connection, and an article's statements
 * go in one pipeline (struct pipe): a round trip is what a load waits
 * for (docs/internals/ARCHIVE.md, "Loading into PostgreSQL").
 *
 * Every value from outside is a parameter of PQexecParams; no SQL text is
 * ever made from one.  A failed connection is PC_ERR_NETWORK (exit 4), as
 * a failed fetch is; a database that is not an archive is PC_ERR_INPUT
 * (exit 3), as a file that is not one. */
#include "archive/archive.h"
#include "core/dl_pq.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define APP "presscut-archive"
/* the lock writers take, any constant of our own */
#define LOCK "SELECT pg_advisory_xact_lock(7310563220731056)"

static const char *const step1[] = {
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
    "CREATE EXTENSION IF NOT EXISTS unaccent;"
    "CREATE TEXT SEARCH DICTIONARY presscut_stem"
    " (TEMPLATE = snowball, Language = english);"
    "CREATE TEXT SEARCH CONFIGURATION presscut (COPY = pg_catalog.simple);"
    "ALTER TEXT SEARCH CONFIGURATION presscut ALTER MAPPING FOR asciiword,"
    " word, numword, asciihword, hword, numhword, hword_asciipart,"
    " hword_part, hword_numpart WITH unaccent, presscut_stem;",
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
    "INSERT INTO meta VALUES('app','" APP "');"
    "CREATE TABLE article(id BIGSERIAL PRIMARY KEY, uid TEXT NOT NULL UNIQUE,"
    " url TEXT, host TEXT, site TEXT, date TEXT, lang TEXT, title TEXT,"
    " byline TEXT, content_hash TEXT NOT NULL UNIQUE, text TEXT,"
    " tsv tsvector GENERATED ALWAYS AS (to_tsvector('presscut',"
    " coalesce(title, '') || ' ' || coalesce(text, ''))) STORED);"
    "CREATE INDEX article_host ON article(host);"
    "CREATE INDEX article_tsv ON article USING gin(tsv);"
    "CREATE TABLE article_url(url TEXT PRIMARY KEY,"
    " article_id BIGINT NOT NULL);"
    "CREATE TABLE source(doc_id TEXT PRIMARY KEY, article_id BIGINT);"
    "CREATE TABLE speaker(id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL, type TEXT, external_id TEXT);"
    "CREATE INDEX speaker_ext ON speaker(external_id);"
    "CREATE TABLE speaker_form(id BIGSERIAL PRIMARY KEY,"
    " form TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT,"
    " canon TEXT NOT NULL, cdisp TEXT NOT NULL, surname TEXT NOT NULL,"
    " bare INTEGER NOT NULL, speaker_id BIGINT);"
    "CREATE INDEX speaker_form_speaker ON speaker_form(speaker_id);"
    "CREATE INDEX speaker_form_surname ON speaker_form(surname, bare);"
    "CREATE INDEX speaker_form_canon ON speaker_form(canon);"
    "CREATE INDEX speaker_form_trgm ON speaker_form USING gin(form"
    " gin_trgm_ops);"
    "CREATE TABLE alias(name TEXT PRIMARY KEY, external_id TEXT NOT NULL,"
    " label TEXT NOT NULL);"
    "CREATE TABLE quote_cluster(id BIGSERIAL PRIMARY KEY,"
    " norm_hash TEXT NOT NULL UNIQUE, text TEXT NOT NULL, first_seen TEXT,"
    " outlets INTEGER NOT NULL DEFAULT 0, quotes INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE quote(id BIGSERIAL PRIMARY KEY,"
    " article_id BIGINT NOT NULL, qid TEXT, speaker_id BIGINT,"
    " form_id BIGINT, kind TEXT, text TEXT NOT NULL, cue TEXT, role TEXT,"
    " date TEXT, block TEXT, start BIGINT, \"end\" BIGINT, sentence TEXT,"
    " norm_hash TEXT, cluster_id BIGINT,"
    " tsv tsvector GENERATED ALWAYS AS (to_tsvector('presscut', text))"
    " STORED);"
    "CREATE INDEX quote_article ON quote(article_id);"
    "CREATE INDEX quote_speaker ON quote(speaker_id, date);"
    "CREATE INDEX quote_form ON quote(form_id);"
    "CREATE INDEX quote_date ON quote(date);"
    "CREATE INDEX quote_cluster_i ON quote(cluster_id);"
    "CREATE INDEX quote_tsv ON quote USING gin(tsv);"
    "CREATE TABLE entity(id BIGSERIAL PRIMARY KEY, key TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL, type TEXT, country TEXT);"
    "CREATE INDEX entity_trgm ON entity USING gin(key gin_trgm_ops);"
    "CREATE TABLE article_entity(article_id BIGINT NOT NULL,"
    " entity_id BIGINT NOT NULL, mentions BIGINT,"
    " PRIMARY KEY(article_id, entity_id));"
    "CREATE TABLE claim(id BIGSERIAL PRIMARY KEY, article_id BIGINT NOT NULL,"
    " claimant_id BIGINT, polarity TEXT NOT NULL, event TEXT, evidence TEXT,"
    " quote_id BIGINT, date TEXT, cameo TEXT, plover TEXT,"
    " plover_mode TEXT);"
    "CREATE INDEX claim_claimant ON claim(claimant_id);"
    "CREATE INDEX claim_date ON claim(date);"
    "CREATE TABLE claim_accused(claim_id BIGINT NOT NULL,"
    " pos INTEGER NOT NULL, entity_id BIGINT NOT NULL,"
    " PRIMARY KEY(claim_id, pos));"
    "CREATE INDEX claim_accused_entity ON claim_accused(entity_id);"
    "CREATE VIEW entity_name(id, name, type) AS SELECT e.id,"
    " coalesce((SELECT s.name FROM speaker_form f JOIN speaker s"
    " ON s.id = f.speaker_id WHERE f.canon = e.key"
    " AND (f.type IS NULL OR f.type = 'person')"
    " ORDER BY f.bare, f.id LIMIT 1), e.name), e.type FROM entity e;",
    NULL,
};
/* Version 1 -> 2, as sqlite.c's: a cluster's outlets as rows, and the
 * order of "newest first" as an index. */
static const char *const step2[] = {
    "CREATE TABLE cluster_outlet(cluster_id BIGINT NOT NULL,"
    " outlet TEXT NOT NULL, PRIMARY KEY(cluster_id, outlet));"
    "INSERT INTO cluster_outlet SELECT DISTINCT q.cluster_id,"
    " coalesce(a.host, a.site, '#' || a.id::text) FROM quote q JOIN article a"
    " ON a.id = q.article_id WHERE q.cluster_id IS NOT NULL"
    " ON CONFLICT DO NOTHING;"
    "CREATE INDEX quote_newest ON quote((date COLLATE \"C\") DESC NULLS"
    " LAST, id DESC);"
    "CREATE INDEX quote_speaker_newest ON quote(speaker_id,"
    " (date COLLATE \"C\") DESC NULLS LAST, id DESC);"
    "CREATE INDEX claim_newest ON claim((date COLLATE \"C\") DESC NULLS"
    " LAST, id DESC);",
    NULL,
};
/* Version 2 -> 3: the indexes no query uses any more (they had the date
 * in the database's collation, the queries compare it in "C", served by
 * the _newest indexes): each is one more to keep up at every insert and
 * one more the planner opens in each new connection, whose catalog
 * caches are cold (docs/internals/ARCHIVE.md, "Performance"). */
static const char *const step3[] = {
    "DROP INDEX IF EXISTS quote_date;"
    "DROP INDEX IF EXISTS quote_speaker;"
    "DROP INDEX IF EXISTS claim_date;",
    NULL,
};
/* TRGM_VERSION - 1 -> TRGM_VERSION, as sqlite.c's: the quote clusters'
 * texts under a pg_trgm index (the names have theirs since step 1), for
 * near-duplicate quotes.  Its number is this one constant (it followed
 * step 3, made at the same time). */
#define TRGM_VERSION 4
static const char *const step_trgm[] = {
    "CREATE INDEX quote_cluster_trgm ON quote_cluster USING gin(text"
    " gin_trgm_ops);",
    NULL,
};
/* Version 4 -> 5: a GIN index keeps the rows inserted since it was last
 * cleaned in a list every search reads whole (the "pending list", up to
 * gin_pending_list_limit, 4 MB by default): at a million quotes it was
 * some 430 pages, more than the rest of a common word's search.  256 kB
 * at most now, and emptied after a large load (db_link). */
#define GIN_INDEXES \
  "'quote_tsv', 'article_tsv', 'speaker_form_trgm', 'entity_trgm'," \
  " 'quote_cluster_trgm'"
/* The pending lists emptied (the indexes this user owns: another's are
 * left to autovacuum, which empties them too). */
#define CLEAN_PENDING \
  "SELECT count(gin_clean_pending_list(c.oid)) FROM pg_class c" \
  " WHERE c.relname IN (" GIN_INDEXES ") AND c.relkind = 'i'" \
  " AND c.relnamespace = current_schema()::regnamespace" \
  " AND pg_has_role(c.relowner, 'USAGE')"
static const char *const step5[] = {
    "ALTER INDEX quote_tsv SET (gin_pending_list_limit = 256);"
    "ALTER INDEX article_tsv SET (gin_pending_list_limit = 256);"
    "ALTER INDEX speaker_form_trgm SET (gin_pending_list_limit = 256);"
    "ALTER INDEX entity_trgm SET (gin_pending_list_limit = 256);"
    "ALTER INDEX quote_cluster_trgm SET (gin_pending_list_limit = 256);",
    CLEAN_PENDING,
    NULL,
};
/* Version 5 -> 6: an entity's display name (entity_name's) kept in the
 * entity row, dname, made again at the end of every index run (db_link:
 * a speaker's name, an entity's least name and the forms naming it only
 * change in a run), NULL for an entity stored since (its own name then
 * stands).  claims --accused and the claims' names read it instead of
 * the view, whose two tables (speaker, speaker_form) and nine indexes a
 * new connection's planner had to read from the catalog: about a third
 * of the catalog pages of planning a claims query at a million quotes. */
#define ENTITY_DNAME                                                          \
  "UPDATE entity e SET dname = v.name FROM entity_name v WHERE v.id = e.id"   \
  " AND e.dname IS DISTINCT FROM v.name;"
/* The same for what a link step can have changed (db_link, before
 * AR_LINK_DONE empties link_speaker): the entities stored or renamed
 * since (dname NULL: ENTITY_SQL and ENTITIES_SQL clear it when they
 * change a name), those named by a form of a speaker the run touched
 * (new forms and moved forms put their speakers there; a speaker renamed
 * is one of them), or all after an upgrade or aliases.  Refreshing every
 * entity read each one's forms: a cost that grew with the archive at
 * every run, however small. */
#define ENTITY_DNAME_TOUCHED                                                  \
  "UPDATE entity e SET dname = v.name FROM entity_name v WHERE v.id = e.id"   \
  " AND e.dname IS DISTINCT FROM v.name AND (e.dname IS NULL OR e.key IN"     \
  " (SELECT f.canon FROM speaker_form f WHERE f.speaker_id IN (SELECT id"     \
  " FROM link_speaker)) OR (SELECT value = '1' FROM meta WHERE key ="         \
  " 'link:all'));"
static const char *const step6[] = {
    "ALTER TABLE entity ADD COLUMN dname TEXT;" ENTITY_DNAME,
    NULL,
};
/* Version 6 -> 7: the link step relinks what a run touched (sqlite.c's
 * step_link_todo: link_surname, link_speaker, meta 'link:form' and
 * 'link:all'). */
static const char *const step7[] = {
    "CREATE TABLE link_surname(surname TEXT PRIMARY KEY);"
    "CREATE TABLE link_speaker(id BIGINT PRIMARY KEY);"
    "INSERT INTO meta VALUES('link:form', (SELECT coalesce(max(id), 0)"
    " FROM speaker_form)::text) ON CONFLICT(key) DO UPDATE SET value ="
    " excluded.value;"
    "INSERT INTO meta VALUES('link:all', '1') ON CONFLICT(key) DO UPDATE"
    " SET value = excluded.value;",
    NULL,
};
static const char *const *const migrations[] = {
    [0] = step1, [1] = step2, [2] = step3, [TRGM_VERSION - 1] = step_trgm,
    [4] = step5, [5] = step6, [6] = step7};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof *migrations))

enum { MAX_PREPARED = 12, ANALYZE_AFTER = 20000 };

struct ar_db {
  PGconn *c;
  /* the statements run for every quote or article, prepared once per
   * connection (planned once, not at each run): their SQL (constants of
   * this file, known by address) and name "pcN", N the index here */
  const char *prepared[MAX_PREPARED];
  int nprepared;
  bool tx; /* in a transaction (begin) */
  /* the speaker forms met in this transaction: "type\x1fname" -> struct
   * ar_form_hit; met again, its statement would change nothing (the same
   * spelling, and the writers' lock held), so it is not sent */
  GHashTable *forms;
  /* quotes stored through this connection: a load that stored many runs
   * ANALYZE at its end (db_link) */
  unsigned long long stored;
};

/* The first line of a libpq message, without its "ERROR:  ". */
static pc_status pg_fail(pc_error *err, pc_status st, const char *what,
                         const char *msg) {
  char line[400];
  snprintf(line, sizeof line, "%s", msg ? msg : "unknown error");
  char *nl = strchr(line, '\n');
  if (nl)
    *nl = '\0';
  const char *m = line;
  if (strncmp(m, "ERROR:  ", 8) == 0)
    m += 8;
  return pc_error_set(err, st, "PostgreSQL archive: %s: %s", what, m);
}

/* The error of a failed call on d: a lost connection is PC_ERR_NETWORK. */
static pc_status db_fail(struct ar_db *d, pc_error *err, const char *what) {
  return pg_fail(err,
                 PQstatus(d->c) == CONNECTION_OK ? PC_ERR_INTERNAL
                                                 : PC_ERR_NETWORK,
                 what, PQerrorMessage(d->c));
}

/* Runs sql with n text parameters (NULL is SQL NULL); the result when it
 * is a success, else NULL (the message stays in the connection). */
static PGresult *ex(struct ar_db *d, const char *sql, int n,
                    const char *const *p) {
  PGresult *r = PQexecParams(d->c, sql, n, NULL, p, NULL, NULL, 0);
  ExecStatusType s = PQresultStatus(r);
  if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
    return r;
  PQclear(r);
  return NULL;
}

/* ex() for a statement that answers one row: the result when it has
 * exactly one (the caller clears it), else NULL. */
static PGresult *ex_row(struct ar_db *d, const char *sql, int n,
                        const char *const *p) {
  PGresult *r = ex(d, sql, n, p);
  if (r && PQntuples(r) == 1)
    return r;
  PQclear(r);
  return NULL;
}

/* The name ("pcN") of one of the constant statements run for every
 * quote or article, prepared on first use; false when it cannot be (then
 * the message is in the connection).  Not in pipeline mode. */
static bool prepared(struct ar_db *d, const char *sql, int n, char *name) {
  int k = 0;
  while (k < d->nprepared && d->prepared[k] != sql)
    k++;
  if (k == MAX_PREPARED)
    return false;
  snprintf(name, 16, "pc%d", k);
  if (k == d->nprepared) {
    PGresult *r = PQprepare(d->c, name, sql, n, NULL);
    bool good = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!good)
      return false;
    d->prepared[d->nprepared++] = sql;
  }
  return true;
}

/* As ex, for one of the constant statements run for every quote or
 * article: prepared on first use, then only its parameters are sent. */
static PGresult *ex_again(struct ar_db *d, const char *sql, int n,
                          const char *const *p) {
  char name[16];
  if (!prepared(d, sql, n, name))
    return NULL;
  PGresult *r = PQexecPrepared(d->c, name, n, p, NULL, NULL, 0);
  ExecStatusType s = PQresultStatus(r);
  if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
    return r;
  PQclear(r);
  return NULL;
}

/* A pipeline (libpq's pipeline mode): prepared statements sent one after
 * the other without waiting for each answer, then the answers read in one
 * go.  The server runs them in order, each seeing what the ones before
 * did, so an article's rows are one round trip where each statement was
 * one; what a statement needs of an earlier one (the article's id, the
 * claim's) it finds in the server (currval, a key), not in the client.
 * After a failure the rest of the transaction fails too (and is rolled
 * back by the caller); the first message is kept. */
enum { PIPE_MAX = 256 }; /* statements before the answers are read: their
                          * answers must not fill the socket's buffers */

struct pipe {
  struct ar_db *d;
  int sent, read;  /* statements sent, answers read (in this pipe) */
  int unsynced;    /* sent since the last sync */
  char *error;     /* the first failure's message, or NULL */
  /* called with each statement's answer (the statement's number) */
  void (*answer)(void *closure, int k, PGresult *r);
  void *closure;
};

static bool pipe_open(struct pipe *p, struct ar_db *d,
                      void (*answer)(void *, int, PGresult *),
                      void *closure) {
  *p = (struct pipe){d, 0, 0, 0, NULL, answer, closure};
  return PQenterPipelineMode(d->c) == 1;
}

/* Reads the answers up to the sync that ends what was sent. */
static void pipe_sync(struct pipe *p) {
  PGconn *c = p->d->c;
  if (!p->unsynced)
    return;
  p->unsynced = 0;
  if (PQpipelineSync(c) != 1) {
    if (!p->error)
      p->error = g_strdup(PQerrorMessage(c));
    return;
  }
  for (int nulls = 0; nulls < 2 && PQstatus(c) == CONNECTION_OK;) {
    PGresult *r = PQgetResult(c);
    if (!r) { /* the end of one statement's answer */
      nulls++;
      continue;
    }
    nulls = 0;
    ExecStatusType s = PQresultStatus(r);
    if (s == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      return;
    }
    if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
      if (p->answer)
        p->answer(p->closure, p->read, r);
    } else if (!p->error && s != PGRES_PIPELINE_ABORTED) {
      p->error = g_strdup(PQresultErrorMessage(r));
    }
    p->read++;
    PQclear(r);
  }
  if (!p->error)
    p->error = g_strdup(PQerrorMessage(c));
}

static void pipe_send(struct pipe *p, const char *sql, int n,
                      const char *const *params) {
  char name[16];
  if (p->error)
    return;
  /* prepared before the pipe was opened (prepare_pipe) */
  int k = 0;
  while (k < p->d->nprepared && p->d->prepared[k] != sql)
    k++;
  snprintf(name, sizeof name, "pc%d", k);
  if (k == p->d->nprepared ||
      PQsendQueryPrepared(p->d->c, name, n, params, NULL, NULL, 0) != 1) {
    if (!p->error)
      p->error = g_strdup(k == p->d->nprepared ? "statement not prepared"
                                               : PQerrorMessage(p->d->c));
    return;
  }
  p->sent++;
  if (++p->unsynced >= PIPE_MAX)
    pipe_sync(p);
}

/* Reads what is left and leaves pipeline mode: PC_OK, or the first
 * failure (a lost connection is PC_ERR_NETWORK). */
static pc_status pipe_close(struct pipe *p, pc_error *err,
                            const char *what) {
  pipe_sync(p);
  PQexitPipelineMode(p->d->c);
  pc_status st = PC_OK;
  if (p->error)
    st = pg_fail(err,
                 PQstatus(p->d->c) == CONNECTION_OK ? PC_ERR_INTERNAL
                                                    : PC_ERR_NETWORK,
                 what, p->error);
  g_free(p->error);
  p->error = NULL;
  return st;
}

/* Runs sql; true when it succeeded. */
static bool ok(struct ar_db *d, const char *sql, int n,
               const char *const *p) {
  PGresult *r = ex(d, sql, n, p);
  bool good = r != NULL;
  PQclear(r);
  return good;
}

/* The first column of the first row as an integer: 0 without a row (or
 * a NULL), -1 on an error. */
static long long one_int(struct ar_db *d, const char *sql, int n,
                         const char *const *p) {
  PGresult *r = ex(d, sql, n, p);
  if (!r)
    return -1;
  long long v = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0)
                    ? strtoll(PQgetvalue(r, 0, 0), NULL, 10)
                    : 0;
  PQclear(r);
  return v;
}

/* Integers as parameters: each call formats into its own slot. */
struct ints {
  char b[8][24];
  int n;
};
static const char *I(struct ints *s, long long v) {
  char *b = s->b[s->n++ % 8];
  snprintf(b, 24, "%lld", v);
  return b;
}

static pc_status exec(struct ar_db *d, const char *sql, pc_error *err,
                      const char *what) {
  PGresult *r = PQexec(d->c, sql);
  ExecStatusType s = PQresultStatus(r);
  PQclear(r);
  if (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK)
    return PC_OK;
  return db_fail(d, err, what);
}

/*** opening *******************************************************************/

/* jit off: the archive's statements are short, and once the planner
 * guesses a cost above jit_above_cost (an UPDATE of the link step over a
 * ten-thousand-entity archive does), compiling took 25 ms of a statement
 * that runs in 3. */
#define SETUP                                                                  \
  "SET client_encoding = 'UTF8'; SET client_min_messages = warning;"           \
  " SET standard_conforming_strings = on; SET jit = off"

static void quiet(void *arg, const char *message) {
  (void)arg, (void)message; /* notices (stop words, "already exists") */
}

/* The archive's version, 0 when the database has none yet (no meta
 * table); refused: a meta table of something else, a newer version. */
static pc_status check_archive(struct ar_db *d, int *version,
                               pc_error *err) {
  *version = 0;
  PGresult *r = ex(d, "SELECT to_regclass('meta') IS NOT NULL", 0, NULL);
  if (!r)
    return db_fail(d, err, "open");
  bool exists = PQntuples(r) == 1 && PQgetvalue(r, 0, 0)[0] == 't';
  PQclear(r);
  if (!exists)
    return PC_OK;
  r = ex(d, "SELECT (SELECT value FROM meta WHERE key = 'app'),"
            " (SELECT value FROM meta WHERE key = 'version')", 0, NULL);
  if (!r)
    return pc_error_set(err, PC_ERR_INPUT, "PostgreSQL archive: the "
                        "database's table meta is not a presscut "
                        "archive's; left as it is");
  bool app = !PQgetisnull(r, 0, 0) && strcmp(PQgetvalue(r, 0, 0), APP) == 0;
  *version = PQgetisnull(r, 0, 1) ? 0 : atoi(PQgetvalue(r, 0, 1));
  PQclear(r);
  if (!app || *version < 1)
    return pc_error_set(err, PC_ERR_INPUT, "PostgreSQL archive: the "
                        "database holds something else than a presscut "
                        "archive; left as it is");
  if (*version > SCHEMA_VERSION)
    return pc_error_set(err, PC_ERR_INPUT,
                        "PostgreSQL archive: schema version %d, newer than "
                        "this presscut's (%d); left as it is",
                        *version, SCHEMA_VERSION);
  return PC_OK;
}

/* Brings the schema to SCHEMA_VERSION in one transaction, under the
 * writers' lock (the version is read again inside it). */
static pc_status migrate(struct ar_db *d, bool create, pc_error *err) {
  int v = 0;
  pc_status st = check_archive(d, &v, err);
  if (st != PC_OK || v == SCHEMA_VERSION)
    return st;
  if (v == 0 && !create)
    return pc_error_set(err, PC_ERR_INPUT, "PostgreSQL archive: the "
                        "database has no archive (presscut index makes one)");
  st = exec(d, "BEGIN; " LOCK, err, "upgrade");
  if (st == PC_OK)
    st = check_archive(d, &v, err);
  if (st == PC_OK && v == 0) {
    /* an archive is made only where there is nothing else: the tables of
     * a database (schema) in use are not ours to add to */
    long long others = one_int(d, "SELECT count(*) FROM pg_class c JOIN"
                                  " pg_namespace n ON n.oid = c.relnamespace"
                                  " WHERE n.nspname = current_schema()"
                                  " AND c.relkind IN ('r', 'v', 'm', 'p')",
                               0, NULL);
    if (others < 0)
      st = db_fail(d, err, "open");
    else if (others > 0)
      st = pc_error_set(err, PC_ERR_INPUT, "PostgreSQL archive: the "
                        "database holds other tables and no archive; left "
                        "as it is (use an empty database)");
  }
  for (int i = v; st == PC_OK && i < SCHEMA_VERSION; i++) {
    for (int k = 0; st == PC_OK && migrations[i][k]; k++)
      st = exec(d, migrations[i][k], err, "make the archive");
    struct ints n = {0};
    const char *p[] = {I(&n, i + 1)};
    if (st == PC_OK &&
        !ok(d, "INSERT INTO meta VALUES ('version', $1) ON CONFLICT(key)"
               " DO UPDATE SET value = excluded.value", 1, p))
      st = db_fail(d, err, "upgrade");
  }
  if (st == PC_OK)
    return exec(d, "COMMIT", err, "upgrade");
  PQclear(PQexec(d->c, "ROLLBACK"));
  return st;
}

/* What is known of the forms holds while the lock is held. */
static void forget_forms(struct ar_db *d) {
  if (d->forms)
    g_hash_table_destroy(d->forms);
  d->forms = NULL;
}

static void db_close(struct ar_db *d) {
  if (!d)
    return;
  forget_forms(d);
  if (d->c)
    PQfinish(d->c);
  free(d);
}

/* A read outside a transaction (a query's statement) on a connection the
 * server closed (it restarted; serve keeps its connections between
 * requests): connected again, once, and sent again.  Nothing of its
 * answer was written yet, and a new session has nothing prepared. */
static PGresult *ex_read(struct ar_db *d, const char *sql, int n,
                         const char *const *p) {
  PGresult *r = ex(d, sql, n, p);
  if (r || d->tx || PQstatus(d->c) != CONNECTION_BAD)
    return r;
  PQreset(d->c);
  d->nprepared = 0;
  PGresult *s = PQstatus(d->c) == CONNECTION_OK ? PQexec(d->c, SETUP) : NULL;
  bool set = PQresultStatus(s) == PGRES_COMMAND_OK;
  PQclear(s);
  return set ? ex(d, sql, n, p) : NULL;
}

static pc_status db_open(const char *url, bool create, struct ar_db **out,
                         pc_error *err) {
  *out = NULL;
  pc_status st = pc_dl_load(PC_DL_PQ, err);
  if (st != PC_OK)
    return st;
  struct ar_db *d = calloc(1, sizeof *d);
  if (!d)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  d->c = PQconnectdb(url);
  if (!d->c) {
    free(d);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  if (PQstatus(d->c) != CONNECTION_OK) {
    st = pg_fail(err, PC_ERR_NETWORK, "cannot connect",
                 PQerrorMessage(d->c));
    db_close(d);
    return st;
  }
  PQsetNoticeProcessor(d->c, quiet, NULL);
  st = exec(d, SETUP, err, "setup");
  if (st == PC_OK)
    st = migrate(d, create, err);
  if (st != PC_OK) {
    db_close(d);
    return st;
  }
  *out = d;
  return PC_OK;
}

static pc_status db_begin(struct ar_db *d, pc_error *err) {
  forget_forms(d);
  d->tx = true;
  return exec(d, "BEGIN; " LOCK, err, "begin");
}

static pc_status db_commit(struct ar_db *d, pc_error *err) {
  forget_forms(d);
  d->tx = false;
  return exec(d, "COMMIT", err, "commit");
}

static void db_rollback(struct ar_db *d) {
  forget_forms(d);
  d->tx = false;
  PQclear(PQexec(d->c, "ROLLBACK"));
}

/*** speakers ********************************************************************/

static long long speaker_get(struct ar_db *d, const char *key,
                             const char *name, const char *type,
                             const char *ext) {
  const char *p[] = {key, name, type, ext};
  long long id = one_int(d, "SELECT id FROM speaker WHERE key = $1", 1, p);
  if (id)
    return id < 0 ? 0 : id;
  id = one_int(d, "INSERT INTO speaker(key, name, type, external_id) "
                  "VALUES ($1, $2, $3, $4) RETURNING id", 4, p);
  return id < 0 ? 0 : id;
}

/* The identifier and label the alias table gives form or canon. */
static bool alias_of(struct ar_db *d, const char *form, const char *canon,
                     char **ext, char **label) {
  const char *p[] = {form, canon};
  PGresult *r = ex_row(d, "SELECT external_id, label FROM alias "
                          "WHERE name = $1 OR name = $2 "
                          "ORDER BY name = $1 DESC LIMIT 1", 2, p);
  if (!r)
    return false;
  *ext = g_strdup(PQgetvalue(r, 0, 0));
  *label = g_strdup(PQgetvalue(r, 0, 1));
  PQclear(r);
  return true;
}

/* As in sqlite.c: by alias, by canonical full name, or (a bare surname)
 * the one full-name speaker with that surname when there is exactly one. */
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
    const char *p[] = {surname};
    PGresult *r = ex(d, "SELECT count(DISTINCT speaker_id), "
                        "min(speaker_id) FROM speaker_form "
                        "WHERE surname = $1 AND bare = 0 "
                        "AND (type IS NULL OR type = 'person')", 1, p);
    if (!r)
      return 0;
    long long n = atoll(PQgetvalue(r, 0, 0));
    long long only = PQgetisnull(r, 0, 1) ? 0 : atoll(PQgetvalue(r, 0, 1));
    PQclear(r);
    if (n == 1)
      return only;
  }
  char *key = g_strconcat(bare ? "s:" : "n:", canon, NULL);
  long long id = speaker_get(d, key, cdisp, type, NULL);
  g_free(key);
  return id;
}

static const char FORM_SQL[] =
    "WITH f AS (SELECT id, speaker_id FROM speaker_form WHERE form = $1),"
    " u AS (UPDATE speaker_form SET name = least(name, $2 COLLATE \"C\"),"
    " cdisp = least(cdisp, $3 COLLATE \"C\"), type = CASE WHEN type IS NOT"
    " DISTINCT FROM $4::text THEN type END WHERE id = (SELECT id FROM f)"
    " AND (name > $2 COLLATE \"C\" OR cdisp > $3 COLLATE \"C\" OR"
    " type IS DISTINCT FROM $4::text) RETURNING surname, speaker_id),"
    /* a form that changed: its surname's bare forms and its speaker are
     * looked at again by the next link step (db_link) */
    " s AS (INSERT INTO link_surname SELECT surname FROM u"
    " ON CONFLICT DO NOTHING),"
    " k AS (INSERT INTO link_speaker SELECT speaker_id FROM u"
    " WHERE speaker_id IS NOT NULL ON CONFLICT DO NOTHING)"
    " SELECT id, speaker_id FROM f";

static long long form_get_db(void *db, const struct ar_lex *x,
                             const char *name, const char *type,
                             long long *speaker) {
  struct ar_db *d = db;
  struct ar_name n;
  if (!ar_name_make(x, name, type, &n))
    return 0;
  long long id = 0;
  /* a form seen again keeps the least of its spellings, and its type
   * while every article agrees (as sqlite.c's), in the statement that
   * finds it */
  const char *p1[] = {n.form, name, n.cdisp, type};
  PGresult *r = ex_again(d, FORM_SQL, 4, p1);
  if (r && PQntuples(r) == 1) {
    id = atoll(PQgetvalue(r, 0, 0));
    *speaker = PQgetisnull(r, 0, 1) ? 0 : atoll(PQgetvalue(r, 0, 1));
  }
  bool failed = !r;
  PQclear(r);
  if (!id && !failed) {
    *speaker = resolve(d, n.form, n.canon, n.cdisp, n.surname, n.bare, type);
    struct ints v = {0};
    const char *p[] = {n.form,    name,
                       type,      n.canon,
                       n.cdisp,   n.surname,
                       I(&v, n.bare), *speaker ? I(&v, *speaker) : NULL};
    id = one_int(d, "INSERT INTO speaker_form(form, name, type, canon, "
                    "cdisp, surname, bare, speaker_id) VALUES ($1, $2, $3,"
                    " $4, $5, $6, $7, $8) RETURNING id", 8, p);
    if (id < 0)
      id = 0;
  }
  ar_name_clear(&n);
  return id;
}

/* form_get_db, once a transaction for each spelling and type. */
static long long form_get(struct ar_db *d, const struct ar_lex *x,
                          const char *name, const char *type,
                          long long *speaker) {
  if (!d->forms)
    d->forms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     g_free);
  return ar_form_get(d->forms, form_get_db, d, x, name, type, speaker);
}

static pc_status db_put_alias(struct ar_db *d, const char *form,
                              const char *id, const char *label,
                              pc_error *err) {
  const char *p[] = {form, id, label};
  return ok(d, "INSERT INTO alias(name, external_id, label) "
               "VALUES ($1, $2, $3) ON CONFLICT(name) DO UPDATE "
               "SET external_id = excluded.external_id, "
               "label = excluded.label", 3, p) &&
                 ok(d, "UPDATE meta SET value = '1' WHERE key = 'link:all'",
                    0, NULL)
             ? PC_OK
             : db_fail(d, err, "alias");
}

/* The link step's marks: 'link:all' and 'link:form' (sqlite.c's). */
static bool link_marks(struct ar_db *d, bool *all, long long *mark) {
  PGresult *r = ex_row(d, "SELECT coalesce((SELECT value = '1' FROM meta"
                          " WHERE key = 'link:all'), true), coalesce((SELECT"
                          " value::bigint FROM meta WHERE key = 'link:form'),"
                          " 0)", 0, NULL);
  if (!r)
    return false;
  *all = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
  *mark = atoll(PQgetvalue(r, 0, 1));
  PQclear(r);
  return true;
}

/* sqlite.c's link_pass: full names that are new (pass 0), then bare
 * surnames that are new or of a noted surname; a form that resolves
 * otherwise moves, its quotes with it, and both speakers are looked at
 * again. */
static bool link_pass(struct ar_db *d, int pass, bool all, long long mark) {
  struct ints v = {0};
  const char *p[] = {pass ? "1" : "0", all ? "t" : "f", I(&v, mark)};
  PGresult *r = ex(d, "SELECT id, form, canon, cdisp, surname, type,"
                      " speaker_id FROM speaker_form WHERE bare = $1::int"
                      " AND ($2::boolean OR id > $3::bigint OR ($1::int = 1"
                      " AND surname IN (SELECT surname FROM link_surname)))"
                      " ORDER BY id", 3, p);
  bool good = r != NULL;
  for (int i = 0; good && i < PQntuples(r); i++) {
    const char *fid = PQgetvalue(r, i, 0);
    long long old = PQgetisnull(r, i, 6) ? 0 : atoll(PQgetvalue(r, i, 6));
    long long now = resolve(d, PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
                            PQgetvalue(r, i, 3), PQgetvalue(r, i, 4),
                            pass == 1,
                            PQgetisnull(r, i, 5) ? NULL : PQgetvalue(r, i, 5));
    const char *u[] = {I(&v, now), fid};
    const char *moved[] = {u[0], I(&v, old)};
    good = now != 0 &&
           (now == old ||
            (ok(d, "UPDATE speaker_form SET speaker_id = $1 WHERE id = $2",
                2, u) &&
             ok(d, "UPDATE quote SET speaker_id = $1 WHERE form_id = $2", 2,
                u) &&
             ok(d, "INSERT INTO link_speaker VALUES ($1::bigint),"
                   " ($2::bigint) ON CONFLICT DO NOTHING", 2, moved)));
  }
  PQclear(r);
  return good;
}

/* sqlite.c's db_link: the forms a run touched again (every one after an
 * upgrade or aliases), full names before bare surnames; quotes follow
 * their forms; the speakers touched without a form go, the others are
 * named by their most used full name. */
static pc_status db_link(struct ar_db *d, pc_error *err) {
  pc_status st = db_begin(d, err);
  bool all = true;
  long long mark = 0;
  if (st == PC_OK && !link_marks(d, &all, &mark))
    st = db_fail(d, err, "link");
  struct ints v = {0};
  const char *p[] = {all ? "t" : "f", I(&v, mark)};
  /* the bare pass looks at the surnames of the new full names too; the
   * speakers of the new forms are named */
  if (st == PC_OK &&
      (!link_pass(d, 0, all, mark) ||
       !ok(d, "INSERT INTO link_surname SELECT DISTINCT surname FROM"
              " speaker_form WHERE bare = 0 AND ($1::boolean OR id >"
              " $2::bigint) ON CONFLICT DO NOTHING", 2, p) ||
       !link_pass(d, 1, all, mark) ||
       !ok(d, "INSERT INTO link_speaker SELECT DISTINCT speaker_id FROM"
              " speaker_form WHERE speaker_id IS NOT NULL AND ($1::boolean"
              " OR id > $2::bigint) ON CONFLICT DO NOTHING", 2, p)))
    st = db_fail(d, err, "link");
  if (st == PC_OK)
    st = exec(d,
              "DELETE FROM speaker WHERE" AR_LINK_TOUCHED " AND id NOT IN "
              "(SELECT speaker_id FROM speaker_form "
              " WHERE speaker_id IS NOT NULL);"
              "UPDATE speaker SET name = (SELECT f.cdisp FROM speaker_form f"
              " WHERE f.speaker_id = speaker.id GROUP BY f.cdisp"
              " ORDER BY min(f.bare), count(*) DESC, f.cdisp COLLATE \"C\""
              " LIMIT 1) WHERE key NOT LIKE 'id:%' AND" AR_LINK_TOUCHED ";"
              "UPDATE speaker SET type = (SELECT min(f.type COLLATE \"C\")"
              " FROM speaker_form f WHERE f.speaker_id = speaker.id) WHERE"
              AR_LINK_TOUCHED ";" ENTITY_DNAME_TOUCHED AR_LINK_DONE,
              err, "link");
  if (st == PC_OK)
    st = db_commit(d, err);
  else
    db_rollback(d);
  /* the planner's statistics after a large load, which autovacuum would
   * bring later (the first queries after a load are planned on the
   * statistics of before: a word's count, the dates' range) */
  if (st == PC_OK && d->stored >= ANALYZE_AFTER) {
    d->stored = 0;
    st = exec(d, "ANALYZE", err, "analyze");
    if (st == PC_OK)
      st = exec(d, CLEAN_PENDING, err, "analyze");
  }
  return st;
}

/*** articles ********************************************************************/

/* An article is stored in a pipeline (struct pipe): its statements go
 * together and their answers come back together, one round trip where
 * each statement was one.  Before it, the speaker forms its quotes name
 * (put_forms: their ids go in the quotes' rows), in a pipeline of their
 * own; a form not in the archive yet is then made one at a time, as
 * before, since making one reads the forms made before it.  The forms
 * are other tables than the article's, so the rows and their ids are
 * those of one statement at a time (docs/internals/ARCHIVE.md). */

/* The article's id, in the statements after the article's INSERT: the
 * session's last value of its sequence (a sub-select, so that it is read
 * once and an index can use it). */
#define AID "(SELECT currval('article_id_seq'))"

/* An entity by its key: as sqlite.c's, one seen again keeps the least of
 * its spellings, types and countries.  $1 key, $2 name, $3 type, $4
 * country.  The claims that name it find it by its key. */
static const char ENTITY_SQL[] =
    "WITH old AS (SELECT id FROM entity WHERE key = $1),"
    " u AS (UPDATE entity SET name = least(name, $2 COLLATE \"C\"),"
    " dname = NULL,"
    " type = CASE WHEN type IS NULL OR $3::text < type COLLATE"
    " \"C\" THEN coalesce($3::text, type) ELSE type END,"
    " country = CASE WHEN country IS NULL OR $4::text < country"
    " COLLATE \"C\" THEN coalesce($4::text, country) ELSE country"
    " END WHERE id = (SELECT id FROM old) AND (name > $2 COLLATE \"C\" OR"
    " ($3::text IS NOT NULL AND (type IS NULL OR $3::text < type COLLATE"
    " \"C\")) OR ($4::text IS NOT NULL AND (country IS NULL OR"
    " $4::text < country COLLATE \"C\"))))"
    " INSERT INTO entity(key, name, type, country) SELECT $1, $2, $3, $4"
    " WHERE NOT EXISTS (SELECT 1 FROM old)";

/* A claim: $1 its claimant's key (NULL: none), $5 the qid of its quote in
 * the article (the first quote of that qid). */
static const char CLAIM_SQL[] =
    "INSERT INTO claim(article_id, claimant_id, polarity, event, evidence,"
    " quote_id, date, cameo, plover, plover_mode) VALUES (" AID ","
    " (SELECT id FROM entity WHERE key = $1), $2, $3, $4, (SELECT min(id)"
    " FROM quote WHERE article_id = " AID " AND qid = $5), $6, $7, $8, $9)";

/* One accused of the claim just made: $1 its place, $2 its key. */
static const char ACCUSED_SQL[] =
    "INSERT INTO claim_accused(claim_id, pos, entity_id) VALUES"
    " ((SELECT currval('claim_id_seq')), $1, (SELECT id FROM entity WHERE"
    " key = $2)) ON CONFLICT DO NOTHING";

/* Is the article known: by its source, else its id by content or URL. */
static const char KNOWN_SQL[] =
    "SELECT EXISTS (SELECT 1 FROM source WHERE doc_id = $1),"
    " coalesce((SELECT id FROM article WHERE content_hash = $2),"
    " (SELECT article_id FROM article_url WHERE url = $3))";

/* 1: known (its source and URL then noted for it), 0: new, -1: error. */
static int known(struct ar_db *d, const struct ar_article *a) {
  const char *p[] = {a->doc_id, a->content_hash, a->url};
  PGresult *r = ex_again(d, KNOWN_SQL, 3, p);
  if (!r)
    return -1;
  bool by_source = PQgetvalue(r, 0, 0)[0] == 't';
  long long id = PQgetisnull(r, 0, 1) ? 0 : atoll(PQgetvalue(r, 0, 1));
  PQclear(r);
  if (by_source)
    return 1;
  if (!id)
    return 0;
  struct ints v = {0};
  const char *u[] = {a->url, I(&v, id)}, *s[] = {a->doc_id, I(&v, id)};
  if ((a->url && !ok(d, "INSERT INTO article_url(url, article_id) VALUES "
                        "($1, $2) ON CONFLICT DO NOTHING", 2, u)) ||
      (a->doc_id && !ok(d, "INSERT INTO source(doc_id, article_id) VALUES "
                           "($1, $2) ON CONFLICT DO NOTHING", 2, s)))
    return -1;
  return 1;
}

/* The article, its URL and its source in one statement. */
static const char ARTICLE_SQL[] =
    "WITH a AS (INSERT INTO article(uid, url, host, site, date, lang, title,"
    " byline, content_hash, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
    " $9, $10) RETURNING id),"
    " u AS (INSERT INTO article_url(url, article_id) SELECT $2, id FROM a"
    " WHERE $2::text IS NOT NULL ON CONFLICT DO NOTHING),"
    " s AS (INSERT INTO source(doc_id, article_id) SELECT $11, id FROM a"
    " WHERE $11::text IS NOT NULL ON CONFLICT DO NOTHING)"
    " SELECT id FROM a";

static void send_article(struct pipe *p, const struct ar_article *a) {
  const char *v[] = {a->uid,   a->url,   a->host[0] ? a->host : NULL,
                     a->site,  a->date,  a->lang,
                     a->title, a->byline, a->content_hash,
                     a->text,  a->doc_id};
  pipe_send(p, ARTICLE_SQL, 11, v);
}

/* A quote, its cluster and the cluster's counts in one statement: as
 * sqlite.c's, one quote more, one outlet more when the article's outlet
 * is new to the cluster, the earliest date.  The sub-statements of a WITH
 * do not see each other's rows, so a new cluster is made with its counts
 * (one quote, one outlet, its date) and only a known one is updated.
 * $1..$13 the quote's columns after its article ($8 the date, $13 the
 * norm hash), $14 the cluster's text. */
static const char QUOTE_SQL[] =
    "WITH new AS (INSERT INTO quote_cluster(norm_hash, text, first_seen,"
    " outlets, quotes) VALUES ($13, $14, $8, 1, 1) ON CONFLICT(norm_hash)"
    " DO NOTHING RETURNING id),"
    " old AS (SELECT id FROM quote_cluster WHERE norm_hash = $13"
    " AND NOT EXISTS (SELECT 1 FROM new)),"
    " c AS (SELECT id FROM new UNION ALL SELECT id FROM old),"
    " o AS (INSERT INTO cluster_outlet(cluster_id, outlet)"
    " SELECT c.id, coalesce(a.host, a.site, '#' || a.id::text) FROM c,"
    " article a WHERE a.id = " AID " ON CONFLICT DO NOTHING RETURNING 1),"
    " u AS (UPDATE quote_cluster SET quotes = quotes + 1, outlets ="
    " outlets + (SELECT count(*) FROM o), first_seen = CASE WHEN"
    " first_seen IS NULL OR $8::text < first_seen COLLATE \"C\""
    " THEN $8::text ELSE first_seen END WHERE id = (SELECT id FROM old))"
    " INSERT INTO quote(article_id, qid, speaker_id, form_id, kind, text,"
    " cue, role, date, block, start, \"end\", sentence, norm_hash,"
    " cluster_id) SELECT " AID ", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
    " $11, $12, $13, c.id FROM c";

/* sp: each quote's speaker and form ids (0: none), from put_forms. */
static void send_quotes(struct pipe *p, const struct ar_article *a,
                        const long long *sp) {
  for (size_t i = 0; i < a->nquotes; i++) {
    const struct ar_quote *q = &a->quotes[i];
    char dbuf[11];
    const char *date = ar_quote_date(q->date, a->date, dbuf);
    long long speaker = sp[2 * i], form = sp[2 * i + 1];
    struct ints v = {0};
    const char *v14[] = {q->qid,
                         speaker ? I(&v, speaker) : NULL,
                         speaker ? I(&v, form) : NULL,
                         q->kind,
                         q->text,
                         q->cue,
                         q->role,
                         date,
                         q->block,
                         I(&v, q->start),
                         I(&v, q->end),
                         q->sentence,
                         q->norm_hash,
                         q->text};
    pipe_send(p, QUOTE_SQL, 14, v14);
  }
}

/* An entity of a claim (ENTITY_SQL); its key, or NULL when the name
 * makes none (*bad then set). */
static char *send_entity(struct pipe *p, const struct ar_lex *x,
                         const char *name, const char *type, bool *bad) {
  struct ar_name n;
  if (!ar_name_make(x, name, type, &n)) {
    *bad = true;
    return NULL;
  }
  const char *v[] = {n.canon, n.cdisp, type, NULL};
  pipe_send(p, ENTITY_SQL, 4, v);
  char *key = g_strdup(n.canon);
  ar_name_clear(&n);
  return key;
}

/* The claims, each after its claimant's entity and before its accused'
 * (the order the entities were numbered in before).  A claim's date is
 * its quote's, else the article's.  False: an accused makes no name. */
static bool send_claims(struct pipe *p, const struct ar_lex *x,
                        const struct ar_article *a) {
  for (size_t i = 0; i < a->nclaims; i++) {
    const struct ar_claim *c = &a->claims[i];
    bool bad = false;
    char *who = c->claimant ? send_entity(p, x, c->claimant, c->ctype, &bad)
                            : NULL;
    const struct ar_quote *q = NULL;
    for (size_t k = 0; c->quote && !q && k < a->nquotes; k++)
      if (a->quotes[k].qid && strcmp(a->quotes[k].qid, c->quote) == 0)
        q = &a->quotes[k];
    char dbuf[11];
    const char *date = ar_quote_date(q ? q->date : NULL, a->date, dbuf);
    const char *v[] = {who,         c->polarity, c->event,
                       c->evidence, q ? q->qid : NULL, date,
                       c->cameo,    c->plover,   c->mode};
    pipe_send(p, CLAIM_SQL, 9, v);
    g_free(who);
    for (size_t k = 0; k < c->naccused; k++) {
      bad = false;
      char *e = send_entity(p, x, c->accused[k], c->atypes[k], &bad);
      if (bad)
        return false;
      struct ints w = {0};
      const char *v2[] = {I(&w, (long long)k), e};
      pipe_send(p, ACCUSED_SQL, 2, v2);
      g_free(e);
    }
  }
  return true;
}

/* An article's entities in one statement, where each took three: $1 a
 * JSON array of {k: key, n: name, t: type, c: country, m: mentions, o:
 * order}, a parameter as any other.  As ENTITY_SQL one at a time: a key
 * seen again keeps the least of its names, types and countries (so the
 * least of each over the article's entities of that key), and a new
 * entity is numbered in the order the article names it; the article's
 * mentions of a key are those of its first entity of that key (the
 * later ones were "ON CONFLICT DO NOTHING").  The parts of a WITH do
 * not see each other's rows, so the ids are those the INSERT returns and
 * those that were there before.  The known entities are looked up one
 * key at a time (a LATERAL sub-select with OFFSET 0, which the planner
 * keeps as a loop over the key index): estimating the JSON's rows at a
 * hundred, a join read the whole entity table twice an article. */
static const char ENTITIES_SQL[] =
    "WITH r AS (SELECT * FROM json_to_recordset($1::json) AS r(k text,"
    " n text, t text, c text, m bigint, o int)),"
    " g AS (SELECT k, min(n COLLATE \"C\") AS n, min(t COLLATE \"C\") AS t,"
    " min(c COLLATE \"C\") AS c, min(o) AS o FROM r GROUP BY k),"
    " old AS (SELECT y.id, y.key, g.n, g.t, g.c FROM g, LATERAL (SELECT"
    " id, key FROM entity WHERE key = g.k OFFSET 0) y),"
    " u AS (UPDATE entity x SET name = least(x.name, g.n), dname = NULL,"
    " type = CASE WHEN"
    " x.type IS NULL OR g.t < x.type COLLATE \"C\" THEN coalesce(g.t,"
    " x.type) ELSE x.type END, country = CASE WHEN x.country IS NULL OR"
    " g.c < x.country COLLATE \"C\" THEN coalesce(g.c, x.country) ELSE"
    " x.country END FROM old g WHERE x.id = g.id AND x.id = ANY (ARRAY("
    " SELECT id FROM old)) AND (x.name > g.n OR (g.t IS NOT NULL AND"
    " (x.type IS NULL OR g.t < x.type COLLATE \"C\")) OR (g.c IS NOT NULL"
    " AND (x.country IS NULL OR g.c < x.country COLLATE \"C\")))),"
    /* only the new are offered: an INSERT's conflicts use up numbers */
    " new AS (INSERT INTO entity(key, name, type, country) SELECT k, n, t,"
    " c FROM g WHERE k NOT IN (SELECT key FROM old) ORDER BY o"
    " RETURNING id, key),"
    " ids AS (SELECT id, key FROM new UNION ALL SELECT id, key FROM old)"
    " INSERT INTO article_entity(article_id, entity_id, mentions) SELECT "
    AID ", ids.id, f.m FROM (SELECT DISTINCT ON (k) k, m FROM r ORDER BY k,"
    " o) f JOIN ids ON ids.key = f.k ON CONFLICT DO NOTHING";

/* The JSON of ENTITIES_SQL; false when a name makes no key. */
static bool entities_json(const struct ar_lex *x, const struct ar_article *a,
                          struct pc_buf *j) {
  bool good = pc_buf_addc(j, '[');
  for (size_t i = 0; good && i < a->nentities; i++) {
    const struct ar_entity *e = &a->entities[i];
    struct ar_name n;
    if (!ar_name_make(x, e->name, e->type, &n))
      return false;
    pc_buf_adds(j, i ? ",{\"k\":" : "{\"k\":");
    pc_json_cstr(j, n.canon);
    pc_buf_adds(j, ",\"n\":");
    pc_json_cstr(j, n.cdisp);
    pc_buf_adds(j, ",\"t\":");
    pc_json_cstr(j, e->type);
    pc_buf_adds(j, ",\"c\":");
    pc_json_cstr(j, e->country);
    good = pc_buf_printf(j, ",\"m\":%lld,\"o\":%zu}", e->mentions, i);
    ar_name_clear(&n);
  }
  return good && pc_buf_addc(j, ']') && !j->failed;
}

/* What put_forms asked in its pipeline: the cache key of each statement
 * sent, in order. */
struct form_ask {
  struct ar_db *d;
  GPtrArray *keys;
};

static void form_answer(void *closure, int k, PGresult *r) {
  struct form_ask *f = closure;
  if (PQntuples(r) != 1 || k >= (int)f->keys->len)
    return;
  ar_form_keep(f->d->forms, g_strdup(f->keys->pdata[k]),
               atoll(PQgetvalue(r, 0, 0)),
               PQgetisnull(r, 0, 1) ? 0 : atoll(PQgetvalue(r, 0, 1)));
}

/* Each quote's speaker and form ids into sp (two a quote): the forms of
 * the archive in one pipeline (FORM_SQL, which is form_get_db's first
 * statement), then form_get for each quote, which finds those in its
 * cache and makes the others one at a time in the quotes' order. */
static pc_status put_forms(struct ar_db *d, const struct ar_lex *x,
                           const struct ar_article *a, long long *sp,
                           pc_error *err) {
  if (!d->forms)
    d->forms = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     g_free);
  struct form_ask f = {d, g_ptr_array_new_with_free_func(g_free)};
  struct pipe p;
  if (!pipe_open(&p, d, form_answer, &f)) {
    g_ptr_array_free(f.keys, TRUE);
    return db_fail(d, err, "store speakers");
  }
  for (size_t i = 0; i < a->nquotes; i++) {
    const struct ar_quote *q = &a->quotes[i];
    struct ar_name n;
    char *key = q->speaker ? ar_form_key(q->speaker, q->stype) : NULL;
    bool asked = false;
    for (guint k = 0; key && !asked && k < f.keys->len; k++)
      asked = strcmp(f.keys->pdata[k], key) == 0;
    if (!key || asked || g_hash_table_contains(d->forms, key) ||
        !ar_name_make(x, q->speaker, q->stype, &n)) {
      g_free(key);
      continue;
    }
    const char *v[] = {n.form, q->speaker, n.cdisp, q->stype};
    pipe_send(&p, FORM_SQL, 4, v);
    g_ptr_array_add(f.keys, key);
    ar_name_clear(&n);
  }
  pc_status st = pipe_close(&p, err, "store speakers");
  g_ptr_array_free(f.keys, TRUE);
  for (size_t i = 0; st == PC_OK && i < a->nquotes; i++) {
    const struct ar_quote *q = &a->quotes[i];
    sp[2 * i] = 0;
    sp[2 * i + 1] =
        q->speaker ? form_get(d, x, q->speaker, q->stype, &sp[2 * i]) : 0;
  }
  return st;
}

/* The statements of the pipelines, prepared before they are opened. */
static bool prepare_pipes(struct ar_db *d) {
  static const struct {
    const char *sql;
    int n;
  } all[] = {{FORM_SQL, 4},  {ARTICLE_SQL, 11}, {ENTITIES_SQL, 1},
             {QUOTE_SQL, 14}, {ENTITY_SQL, 4},   {CLAIM_SQL, 9},
             {ACCUSED_SQL, 2}};
  char name[16];
  for (size_t i = 0; i < sizeof all / sizeof *all; i++)
    if (!prepared(d, all[i].sql, all[i].n, name))
      return false;
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
  if (!prepare_pipes(d))
    return db_fail(d, err, "store");
  long long *sp = calloc(2 * a->nquotes + 1, sizeof *sp);
  if (!sp)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  pc_status st = put_forms(d, x, a, sp, err);
  struct pc_buf j;
  pc_buf_init(&j, 0);
  struct pipe p;
  if (st == PC_OK && !pipe_open(&p, d, NULL, NULL))
    st = db_fail(d, err, "store article");
  if (st == PC_OK) {
    send_article(&p, a);
    bool good = !a->nentities || entities_json(x, a, &j);
    if (good && a->nentities) {
      const char *v[] = {j.data};
      pipe_send(&p, ENTITIES_SQL, 1, v);
    }
    send_quotes(&p, a, sp);
    good = good && send_claims(&p, x, a);
    st = pipe_close(&p, err, "store article");
    if (st == PC_OK && !good)
      st = pc_error_set(err, PC_ERR_INTERNAL, "PostgreSQL archive: store "
                        "article: a name that makes no key");
  }
  pc_buf_cleanup(&j);
  free(sp);
  if (st == PC_OK) {
    *added = 1;
    d->stored += a->nquotes + 1;
  }
  return st;
}

/*** queries *********************************************************************/

enum { MAX_ARGS = 16 };

/* A query being built: its SQL and its parameters ($1, $2... in order). */
struct qb {
  GString *sql;
  const char *args[MAX_ARGS];
  char *owned[MAX_ARGS]; /* the args made here (LIKE patterns) */
  int nargs;
  bool where;
};

/* Appends clause, whose "?" are the next parameters, from the list (each
 * "?" written as $n). */
static void vappend(struct qb *b, const char *clause, va_list ap) {
  for (const char *c = clause; *c; c++) {
    if (*c == '?' && b->nargs < MAX_ARGS) {
      b->args[b->nargs] = va_arg(ap, const char *);
      g_string_append_printf(b->sql, "$%d", ++b->nargs);
    } else {
      g_string_append_c(b->sql, *c);
    }
  }
}

static void where(struct qb *b, const char *clause, int n, ...) {
  va_list ap;
  va_start(ap, n);
  g_string_append(b->sql, b->where ? " AND " : " WHERE ");
  b->where = true;
  vappend(b, clause, ap);
  (void)n;
  va_end(ap);
}

/* Appends text, whose "?" are the next parameters, as where does. */
static void append(struct qb *b, const char *text, int n, ...) {
  va_list ap;
  va_start(ap, n);
  vappend(b, text, ap);
  (void)n;
  va_end(ap);
}

/* "%s%" for LIKE, with \, % and _ escaped: s anywhere in the value. */
static const char *like(struct qb *b, const char *s) {
  GString *g = g_string_new("%");
  for (; *s; s++) {
    if (*s == '\\' || *s == '%' || *s == '_')
      g_string_append_c(g, '\\');
    g_string_append_c(g, *s);
  }
  g_string_append_c(g, '%');
  for (int i = 0; i < MAX_ARGS; i++)
    if (!b->owned[i]) {
      b->owned[i] = g_string_free(g, FALSE);
      return b->owned[i];
    }
  g_string_free(g, TRUE);
  return "";
}

static void qb_free(struct qb *b) {
  g_string_free(b->sql, TRUE);
  for (int i = 0; i < MAX_ARGS; i++)
    g_free(b->owned[i]);
}

#define COL(r, i, k) (PQgetisnull(r, i, k) ? NULL : PQgetvalue(r, i, k))

static pc_status rows_out(PGresult *r,
                          int (*row)(PGresult *, int, ar_row_fn, void *),
                          ar_row_fn fn, void *closure, pc_error *err) {
  for (int i = 0; i < PQntuples(r); i++)
    if (row(r, i, fn, closure) != 0)
      return pc_error_set(err, PC_ERR_IO, "cannot write the output");
  return PC_OK;
}

static pc_status qb_run(struct ar_db *d, struct qb *b, size_t limit,
                        int (*row)(PGresult *, int, ar_row_fn, void *),
                        ar_row_fn fn, void *closure, pc_error *err) {
  if (limit)
    g_string_append_printf(b->sql, " LIMIT %zu", limit);
  PGresult *r = ex_read(d, b->sql->str, b->nargs, b->args);
  if (!r)
    return db_fail(d, err, "query");
  pc_status st = rows_out(r, row, fn, closure, err);
  PQclear(r);
  return st;
}

static int quote_row(PGresult *r, int i, ar_row_fn fn, void *closure) {
  struct ar_quote_row q = {COL(r, i, 0), COL(r, i, 1), COL(r, i, 2),
                           COL(r, i, 3), COL(r, i, 4), COL(r, i, 5),
                           COL(r, i, 6), COL(r, i, 7), COL(r, i, 8),
                           COL(r, i, 9), atoll(PQgetvalue(r, i, 10))};
  return fn(closure, &q);
}

static void dates(struct qb *b, const struct ar_filter *f, const char *col) {
  char *c;
  if (f->q->since) {
    c = g_strdup_printf("%s COLLATE \"C\" >= ?", col);
    where(b, c, 1, f->q->since);
    g_free(c);
  }
  if (f->q->until) {
    c = g_strdup_printf("substr(%s, 1, 10) COLLATE \"C\" <= ?", col);
    where(b, c, 1, f->q->until);
    g_free(c);
  }
  /* the same bound as the index can use it: a date whose first ten bytes
   * are at most until (ten ASCII bytes) is below until with its last
   * byte one higher */
  size_t n = f->q->until ? strlen(f->q->until) : 0;
  for (int i = 0; n == 10 && i < MAX_ARGS; i++)
    if (!b->owned[i]) {
      b->owned[i] = g_strdup(f->q->until);
      b->owned[i][9]++;
      c = g_strdup_printf("%s COLLATE \"C\" < ?", col);
      where(b, c, 1, b->owned[i]);
      g_free(c);
      break;
    }
}

/* The ORDER BY of "newest first" (quote_newest, quote_speaker_newest) */
#define NEWEST(q) \
  " ORDER BY " q ".date COLLATE \"C\" DESC NULLS LAST, " q ".id DESC"

static void limit(struct qb *b, size_t n) {
  if (n)
    g_string_append_printf(b->sql, " LIMIT %zu", n);
}

/* The SQL of a quote search: the ids of the newest matching quotes (the
 * limit applied to the quotes alone, then their article and speaker
 * joined for those only).  after: a bound on the date (the window of a
 * word search, below), or NULL; fence: the matches found first and
 * sorted after (a word's index, then a sort), not read in date order. */
static void quotes_sql(struct qb *b, const struct ar_filter *f,
                       const char *after, bool fence) {
  const pc_archive_query *q = f->q;
  g_string_append(b->sql, "SELECT s.name, q.role, q.date, q.kind, q.text,"
                          " q.cue, a.title, a.url, coalesce(a.site, a.host),"
                          " s.external_id, q.cluster_id FROM"
                          " (SELECT q.id FROM ");
  /* --speaker: the speakers the name may be, then the newest quotes of
   * each (quote_speaker_newest read in order, up to the limit), then the
   * newest of those: a much quoted speaker's quotes are not all read and
   * sorted, as "speaker_id IN (...)" had them */
  if (f->speaker_form)
    append(b, "(SELECT speaker_id AS id FROM speaker_form WHERE form = ?"
              " OR canon = ? OR (surname = ? AND bare = 1) UNION SELECT id"
              " FROM speaker WHERE external_id = ? OR lower(name) = ?) sp,"
              " LATERAL (SELECT q.id, q.date FROM ", 5, f->speaker_form,
           f->speaker_canon, f->speaker_form, q->speaker, f->speaker_form);
  g_string_append(b->sql, fence ? "(SELECT q.id, q.date FROM quote q"
                                : "quote q");
  if (q->site || f->about_tsq)
    g_string_append(b->sql, " JOIN article a ON a.id = q.article_id");
  if (f->speaker_form)
    where(b, "q.speaker_id = sp.id", 0);
  if (f->tsq)
    where(b, "q.tsv @@ to_tsquery('presscut', ?)", 1, f->tsq);
  if (f->about_tsq)
    where(b, "a.tsv @@ to_tsquery('presscut', ?)", 1, f->about_tsq);
  if (q->kind)
    where(b, "q.kind = ?", 1, q->kind);
  dates(b, f, "q.date");
  if (after)
    where(b, "q.date COLLATE \"C\" >= ?", 1, after);
  if (q->site)
    where(b, "(a.host = lower(?) OR lower(a.site) = lower(?) OR"
             " right(a.host, length(?) + 1) = '.' || lower(?))",
          4, q->site, q->site, q->site, q->site);
  if (f->near_ids)
    where(b, "q.cluster_id IN (SELECT v::bigint FROM"
             " json_array_elements_text(?::json) v)", 1, f->near_ids);
  if (fence) /* OFFSET 0: a sub-query the planner keeps whole */
    g_string_append(b->sql, " OFFSET 0) q");
  g_string_append(b->sql, NEWEST("q"));
  limit(b, f->limit);
  if (f->speaker_form) {
    g_string_append(b->sql, ") q" NEWEST("q"));
    limit(b, f->limit);
  }
  g_string_append(b->sql, ") t JOIN quote q ON q.id = t.id"
                          " JOIN article a ON a.id = q.article_id"
                          " LEFT JOIN speaker s ON s.id = q.speaker_id"
                          NEWEST("q"));
}

/* The quotes of one design (quotes_sql), or NULL (the message in the
 * connection). */
static PGresult *quotes_try(struct ar_db *d, const struct ar_filter *f,
                            const char *after, bool fence) {
  struct qb b = {g_string_new(NULL), {0}, {0}, 0, false};
  quotes_sql(&b, f, after, fence);
  PGresult *r = ex_read(d, b.sql->str, b.nargs, b.args);
  qb_free(&b);
  return r;
}

/* The date from which the newest `rows` quotes are, about: that of the
 * quote `rows` ids below the last (ids are given in the order quotes are
 * stored, which is mostly the order of their dates; when it is not, the
 * window holds more or fewer quotes, and the answer is the same).  Into
 * after (of size n); *last the last id; false when there is none (a
 * smaller archive, an undated quote there). */
static bool window_from(struct ar_db *d, long long rows, char *after,
                        size_t n, long long *last) {
  struct ints v = {0};
  const char *p[] = {I(&v, rows)};
  PGresult *r = ex_read(d, "SELECT m, (SELECT date FROM quote WHERE id <= m - $1"
                      " ORDER BY id DESC LIMIT 1) FROM (SELECT max(id) AS m"
                      " FROM quote) s", 1, p);
  bool found = r && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) &&
            !PQgetisnull(r, 0, 1) && strlen(PQgetvalue(r, 0, 1)) < n;
  if (found) {
    *last = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    snprintf(after, n, "%s", PQgetvalue(r, 0, 1));
  }
  PQclear(r);
  return found;
}

/* A word search's designs, in the order tried (docs/internals/ARCHIVE.md,
 * "A word's newest quotes"): the newest WINDOW times the limit quotes,
 * their rows found through the date index and the word's index together
 * (a common word has its limit there); when they hold fewer, k, a window
 * as much wider as k promises the limit in, when reading its part of the
 * date index (ENTRIES a page) costs less than reading every match (a
 * page each, as the matches are about k * last / window); else every
 * match, found by the word's index and sorted.  A window that holds the
 * limit holds the answer of the whole archive: every quote outside it
 * is older (the bound is on the date), or undated, which comes last. */
enum { WINDOW = 100, ENTRIES = 120 };

static PGresult *word_search(struct ar_db *d, const struct ar_filter *f) {
  long long want = (long long)f->limit, rows = want * WINDOW, last = 0;
  char after[64];
  if (!window_from(d, rows, after, sizeof after, &last))
    return quotes_try(d, f, NULL, true);
  PGresult *r = quotes_try(d, f, after, false);
  if (!r || PQntuples(r) >= want)
    return r;
  long long k = PQntuples(r);
  PQclear(r);
  double wider = 1.5 * (double)rows * (double)want / (double)(k ? k : 1);
  double matches = (double)k * (double)last / (double)rows;
  if (k && wider < (double)last && wider / ENTRIES + 1.5 * want < matches &&
      window_from(d, (long long)wider, after, sizeof after, &last)) {
    if (!(r = quotes_try(d, f, after, false)) || PQntuples(r) >= want)
      return r;
    PQclear(r);
  }
  return quotes_try(d, f, NULL, true);
}

static pc_status db_quotes(struct ar_db *d, const struct ar_filter *f,
                           ar_row_fn fn, void *closure, pc_error *err) {
  bool word = f->tsq && !f->speaker_form && !f->near_ids && f->limit &&
              f->limit <= 1000000; /* want * WINDOW fits */
  PGresult *r = word ? word_search(d, f) : quotes_try(d, f, NULL, false);
  if (!r)
    return db_fail(d, err, "query");
  pc_status st = rows_out(r, quote_row, fn, closure, err);
  PQclear(r);
  return st;
}

static int claim_row(PGresult *r, int i, ar_row_fn fn, void *closure) {
  struct ar_claim_row c = {COL(r, i, 0), COL(r, i, 1),  COL(r, i, 2),
                           COL(r, i, 3), COL(r, i, 4),  COL(r, i, 5),
                           COL(r, i, 6), COL(r, i, 7),  COL(r, i, 8),
                           COL(r, i, 9), COL(r, i, 10), COL(r, i, 11)};
  return fn(closure, &c);
}

/* An entity's display name (step6): the one made at the last index run,
 * else its own. */
#define DNAME(e) "coalesce(" e ".dname, " e ".name)"

/* --claimant, --accused (anywhere in the entity's key or its speaker's
 * name: LIKE, served by the trigram index) and --event. */
static void claim_filters(struct qb *b, const struct ar_filter *f) {
  if (f->claimant) {
    const char *p = like(b, f->claimant);
    where(b, "(ce.key LIKE ? OR lower(" DNAME("ce") ") LIKE ?)", 2, p, p);
  }
  if (f->accused) {
    const char *p = like(b, f->accused);
    /* the entities named first, by key or display name (DNAME), then
     * their claims */
    where(b, "c.id IN (SELECT x.claim_id FROM claim_accused x WHERE"
             " x.entity_id IN (SELECT id FROM entity WHERE key LIKE ? OR"
             " lower(" DNAME("entity") ") LIKE ?))", 2, p, p);
  }
  if (f->q->event)
    where(b, "strpos(lower(c.event), lower(?)) > 0", 1, f->q->event);
  dates(b, f, "c.date");
}

static pc_status db_claims(struct ar_db *d, const struct ar_filter *f,
                           ar_row_fn fn, void *closure, pc_error *err) {
  /* the limit first, on the claims' ids (claim_newest), then their
   * names, article and quote for those only: made for every claim of a
   * much accused entity before the sort, they were most of the time.
   * The article is not joined before the limit: every claim has its
   * article (none is deleted), and the join read its key for each claim
   * of a much accused entity (a quarter of the time at a million) */
  struct qb b = {g_string_new(
      "SELECT " DNAME("cn") ", (SELECT string_agg(" DNAME("e") ", '; '"
      " ORDER BY x.pos) FROM claim_accused x JOIN entity e ON"
      " e.id = x.entity_id WHERE x.claim_id = c.id), c.polarity, c.event,"
      " c.evidence, c.date, a.title, a.url, c.cameo, c.plover,"
      " c.plover_mode, q.text FROM (SELECT c.id FROM claim c"), {0}, {0},
      0, false};
  if (f->claimant)
    g_string_append(b.sql, " LEFT JOIN entity ce ON ce.id = c.claimant_id");
  claim_filters(&b, f);
  g_string_append(b.sql, NEWEST("c"));
  limit(&b, f->limit);
  g_string_append(b.sql, ") t JOIN claim c ON c.id = t.id"
                         " JOIN article a ON a.id = c.article_id"
                         " LEFT JOIN entity cn ON cn.id = c.claimant_id"
                         " LEFT JOIN quote q ON q.id = c.quote_id"
                         NEWEST("c"));
  pc_status st = qb_run(d, &b, 0, claim_row, fn, closure, err);
  qb_free(&b);
  return st;
}

static int edge_row(PGresult *r, int i, ar_row_fn fn, void *closure) {
  struct ar_edge_row e = {COL(r, i, 0), COL(r, i, 1), COL(r, i, 2),
                          COL(r, i, 3), COL(r, i, 4), COL(r, i, 5),
                          COL(r, i, 6), atoll(PQgetvalue(r, i, 7))};
  return fn(closure, &e);
}

static pc_status db_edges(struct ar_db *d, const struct ar_filter *f,
                          ar_row_fn fn, void *closure, pc_error *err) {
  struct qb b = {g_string_new(
      "SELECT cn.name, min(cn.type COLLATE \"C\"), an.name,"
      " min(an.type COLLATE \"C\"), c.polarity,"
      " min(c.date COLLATE \"C\"), max(c.date COLLATE \"C\"), count(*)"
      " FROM claim c"
      " JOIN entity ce ON ce.id = c.claimant_id"
      " JOIN entity_name cn ON cn.id = c.claimant_id"
      " JOIN claim_accused ca ON ca.claim_id = c.id"
      " JOIN entity_name an ON an.id = ca.entity_id"), {0}, {0}, 0, false};
  claim_filters(&b, f);
  g_string_append(b.sql, " GROUP BY cn.name, an.name, c.polarity"
                         " ORDER BY count(*) DESC, cn.name COLLATE \"C\","
                         " an.name COLLATE \"C\"");
  pc_status st = qb_run(d, &b, 0, edge_row, fn, closure, err);
  qb_free(&b);
  return st;
}

static int speaker_row(PGresult *r, int i, ar_row_fn fn, void *closure) {
  struct ar_speaker_row s = {COL(r, i, 0), COL(r, i, 1), COL(r, i, 2),
                             COL(r, i, 3), COL(r, i, 4), COL(r, i, 5),
                             COL(r, i, 6), atoll(PQgetvalue(r, i, 7)),
                             atoll(PQgetvalue(r, i, 8))};
  return fn(closure, &s);
}

static pc_status db_speakers(struct ar_db *d, const struct ar_filter *f,
                             ar_row_fn fn, void *closure, pc_error *err) {
  struct qb b = {g_string_new(
      "SELECT s.name, s.type, s.external_id, (SELECT string_agg(n, '; '"
      " ORDER BY n COLLATE \"C\") FROM (SELECT DISTINCT f.name AS n"
      " FROM speaker_form f WHERE f.speaker_id = s.id AND f.name <> s.name)"
      " x), (SELECT string_agg(r, '; ' ORDER BY r COLLATE \"C\") FROM"
      " (SELECT DISTINCT role AS r FROM quote WHERE speaker_id = s.id"
      " AND role IS NOT NULL) y), min(q.date COLLATE \"C\"),"
      " max(q.date COLLATE \"C\"), count(q.id),"
      " count(DISTINCT q.article_id) FROM speaker s"
      " LEFT JOIN quote q ON q.speaker_id = s.id"), {0}, {0}, 0, false};
  if (f->speaker_form) {
    const char *p = like(&b, f->speaker_form);
    where(&b, "(s.id IN (SELECT speaker_id FROM speaker_form"
              " WHERE form LIKE ?) OR s.external_id = ?)", 2, p,
          f->q->name);
  }
  g_string_append(b.sql, " GROUP BY s.id ORDER BY count(q.id) DESC,"
                         " s.name COLLATE \"C\", s.id");
  pc_status st = qb_run(d, &b, f->limit, speaker_row, fn, closure, err);
  qb_free(&b);
  return st;
}

/* The candidates of a near lookup: pg_trgm's % over the GIN index (its
 * threshold set to floor for this session), the most similar first; the
 * entities all. */
static pc_status db_near(struct ar_db *d, enum ar_near_what w,
                         const char *text, const struct ar_trgm *t,
                         double floor,
                         ar_row_fn fn, void *closure, pc_error *err) {
  static const char *const sql[] = {
      [AR_NEAR_SPEAKER] = "SELECT form, canon, name, speaker_id FROM"
                          " speaker_form WHERE form % $1 ORDER BY"
                          " similarity(form, $1) DESC, id LIMIT $2",
      /* every entity, as sqlite.c (a key "organization:x" is compared
       * by its name x, which % on the key would not see) */
      [AR_NEAR_ENTITY] = "SELECT key, key, name, id FROM entity"
                         " WHERE $1::text IS NOT NULL AND $2::int > 0",
      [AR_NEAR_CLUSTER] = "SELECT NULL, text, NULL, id FROM quote_cluster"
                          " WHERE text % $1 ORDER BY similarity(text, $1)"
                          " DESC, id LIMIT $2",
  };
  (void)t;
  char lim[32], most[32];
  int milli = (int)(floor * 1000 + 0.5); /* not %f: the locale's point */
  snprintf(lim, sizeof lim, "%d.%03d", milli / 1000, milli % 1000);
  snprintf(most, sizeof most, "%d", AR_NEAR_CANDIDATES);
  const char *a1[] = {lim}, *a2[] = {text, most};
  PGresult *r = ex_read(d, "SELECT set_limit($1::real)", 1, a1);
  if (!r)
    return db_fail(d, err, "near");
  PQclear(r);
  if (!(r = ex(d, sql[w], 2, a2)))
    return db_fail(d, err, "near");
  pc_status st = PC_OK;
  for (int i = 0; i < PQntuples(r); i++) {
    struct ar_near_row n = {COL(r, i, 0), COL(r, i, 1), COL(r, i, 2),
                            atoll(PQgetvalue(r, i, 3))};
    if (fn(closure, &n) != 0) {
      st = pc_error_set(err, PC_ERR_IO, "cannot write the output");
      break;
    }
  }
  PQclear(r);
  return st;
}

const struct ar_backend ar_postgres = {
    "postgresql", db_open,     db_close, db_begin,
    db_commit,    db_rollback, db_put,   db_put_alias,
    db_link,      db_quotes,   db_claims, db_edges,
    db_speakers,  db_near,
};
