/* archive.h - the archive of quotes and claims (private to src/archive/).
 *
 * archive.c  the API: open, pc_index (batch's walking and workers, one
 *            writing thread), the queries and their output formats
 * record.c   a document, or its `batch --attribution` JSON line, into a
 *            struct ar_article
 * names.c    speaker names: normal form, canonical full name, surname
 * query.c    the search syntax into a tree, and the tree as FTS5
 * sqlite.c   the SQLite backend (schema, migrations, writes, queries)
 * postgres.c the PostgreSQL backend (the same, through libpq)
 * web.c      the accusation network as JSON (for serve's archive view)
 * trgm.c     trigram similarity (pg_trgm's), for names and near quotes
 *
 * The backend is a table of functions (struct ar_backend): what knows SQL
 * is there, so that a PostgreSQL backend implements the same table. */
#ifndef PC_ARCHIVE_H
#define PC_ARCHIVE_H

#include "internal.h"

#include "core/dl_glib.h"

/*** one article, as batch --attribution writes it *****************************/

struct ar_quote {
  const char *qid, *text, *kind, *speaker, *stype, *role, *cue, *date,
      *block, *sentence;
  long long start, end;
  char norm_hash[17]; /* of the normalised text */
};

struct ar_entity {
  const char *name, *type, *country;
  long long mentions;
};

struct ar_claim {
  const char *claimant, *ctype, *event, *polarity, *evidence, *quote;
  const char **accused, **atypes;
  size_t naccused;
  const char *cameo, *plover, *mode; /* event codes, or NULL */
};

struct ar_article {
  const char *doc_id; /* batch's id (URL and payload), or NULL */
  const char *url, *site, *date, *lang, *title, *byline, *text;
  char content_hash[65];
  char uid[17];
  char host[256]; /* of url, without "www.", or "" */
  struct ar_quote *quotes;
  size_t nquotes;
  struct ar_entity *entities;
  size_t nentities;
  struct ar_claim *claims;
  size_t nclaims;
  struct json_object *json; /* owns the strings (ar_record_parse) */
  pc_doc *doc;              /* or owns them (ar_record_of_doc), with */
  char *owned;              /* doc_id and text */
};

/* Reads one JSON line; PC_ERR_INPUT when it is not an article object
 * (an error line of batch has "error"). */
pc_status ar_record_parse(const char *line, size_t len, struct ar_article *a,
                          pc_error *err);
/* The same record made from doc itself (taken, and freed with the record)
 * and batch's id of it, as ar_record_parse makes it of doc's line of
 * batch --attribution: index hands documents from its workers to its
 * writer so, with no JSON written and read back. */
pc_status ar_record_of_doc(pc_doc *doc, const char *id, struct ar_article *a,
                           pc_error *err);
void ar_record_free(struct ar_article *a);
/* The date of a quote as YYYY-MM-DD: its own when full, its month and day
 * in the article's year, else the article's date (first 10 bytes); in
 * buf, the caller's (11 bytes), or NULL.  Never another form: the SQLite
 * text index orders quotes by a key made from it (sqlite.c, step 4). */
const char *ar_quote_date(const char *qdate, const char *adate, char *buf);
/* YYYYMMDD of the date s begins with when its first ten bytes are
 * YYYY-MM-DD (digits where they go), else -1: the form ar_quote_date
 * stores. */
long long ar_iso_day(const char *s);

/*** names ***********************************************************************/

struct ar_lex; /* given names and title words */
struct ar_lex *ar_lex_new(pc_error *err);
void ar_lex_free(struct ar_lex *x);

struct ar_name {
  char *form;    /* normalised: lower case, single spaces, no titles' dots;
                    a name of another type than person has its type before
                    it ("organization:twitter"), so that one form is one
                    kind of name whatever came first */
  char *canon;   /* person: from the first given name after the last
                    title word; others: form without a leading "the" */
  char *cdisp;   /* canon as written */
  char *surname; /* last word of canon */
  bool bare;     /* a person named by one word */
};

/* The name of an entity of type type (NULL or "person": a person).
 * false when the name has no word at all. */
bool ar_name_make(const struct ar_lex *x, const char *name, const char *type,
                  struct ar_name *n);
void ar_name_clear(struct ar_name *n);

/* The link step's SQL that both backends read (schema 7; sqlite.c's
 * db_link): the speakers it looks at again (those of link_speaker, all of
 * them with meta 'link:all' '1'), and its ending, once they are named. */
#define AR_LINK_TOUCHED                                                       \
  " (id IN (SELECT id FROM link_speaker) OR (SELECT value = '1' FROM meta"    \
  " WHERE key = 'link:all'))"
#define AR_LINK_DONE                                                          \
  "DELETE FROM link_surname; DELETE FROM link_speaker;"                       \
  "UPDATE meta SET value = '0' WHERE key = 'link:all';"                       \
  "UPDATE meta SET value = CAST((SELECT coalesce(max(id), 0) FROM"            \
  " speaker_form) AS TEXT) WHERE key = 'link:form';"

/* The name forms a backend met in a transaction (its form_get asks its
 * database once for each spelling and type): id and speaker under
 * ar_form_key(spelling, type), a string to g_free. */
struct ar_form_hit {
  long long id, speaker;
};
char *ar_form_key(const char *name, const char *type);
/* The form kept under key: true, with *id and *speaker. */
bool ar_form_hit(GHashTable *forms, const char *key, long long *id,
                 long long *speaker);
/* Keeps id and speaker under key (taken; freed when id is 0). */
void ar_form_keep(GHashTable *forms, char *key, long long id,
                  long long speaker);
/* A backend's look-up of a form in its database (made when new). */
typedef long long (*ar_form_fn)(void *db, const struct ar_lex *x,
                                const char *name, const char *type,
                                long long *speaker);
/* The form of name and type: kept in forms, else asked of get (and
 * kept); its id, 0 on error. */
long long ar_form_get(GHashTable *forms, ar_form_fn get, void *db,
                      const struct ar_lex *x, const char *name,
                      const char *type, long long *speaker);

/*** trigrams (trgm.c) **********************************************************/

/* A text's trigrams, pg_trgm's definition, after ar_fold: sorted, each
 * once. */
struct ar_trgm {
  guint64 *t;
  size_t n;
};

/* s in lower case with its accents off (NFD, marks dropped); g_free. */
char *ar_fold(const char *s);
void ar_trgm_make(const char *s, struct ar_trgm *t);
void ar_trgm_clear(struct ar_trgm *t);
/* Shared trigrams over all trigrams of either, 0 to 1 (pg_trgm's
 * similarity()). */
double ar_trgm_similarity(const struct ar_trgm *a, const struct ar_trgm *b);
double ar_similarity(const char *a, const char *b);
/* The trigrams within words as FTS5 strings ("abc") for a table of the
 * trigram tokenizer, NULL-terminated (g_strfreev); *padded the number of
 * the others (a word's first two and last). */
char **ar_trgm_terms(const struct ar_trgm *t, size_t *padded);

/* What the near lookups are for, and the most candidates taken from the
 * index (the best by the index's own rank), before similarity decides. */
enum ar_near_what { AR_NEAR_SPEAKER, AR_NEAR_ENTITY, AR_NEAR_CLUSTER };
enum { AR_NEAR_CANDIDATES = 2000 };
/* A candidate: speaker form (key the form, text its canonical name, name
 * as written, id its speaker), entity (key, key, name, id) or quote
 * cluster (NULL, its text, NULL, its id). */
struct ar_near_row {
  const char *key, *text, *name;
  long long id;
};

/*** the query syntax ******************************************************************/

enum { AR_MAX_QUERY = 1000, AR_MAX_ITEMS = 32 };

/* The query as a PostgreSQL tsquery text (for to_tsquery), the same items
 * and errors as pc_archive_parse_query. */
pc_status ar_parse_query_ts(const char *query, char **tsq, pc_error *err);

/*** the network as JSON (web.c) *********************************************/

struct ar_edge_row;
/* The edges (struct ar_edge_row *, the most claims first) as one JSON
 * object {"nodes": [...], "edges": [...]} and a newline, the first limit
 * edges only (0: all). */
void ar_network_json(struct pc_buf *b, const GPtrArray *edges, size_t limit);

/*** the backend ***********************************************************************/

struct ar_db;

struct ar_quote_row {
  const char *speaker, *role, *date, *kind, *text, *cue, *title, *url, *site,
      *external_id;
  long long cluster; /* the quote's cluster id */
};

struct ar_claim_row {
  const char *claimant, *accused, *polarity, *event, *evidence, *date, *title,
      *url, *cameo, *plover, *mode, *quote;
};

struct ar_edge_row {
  const char *claimant, *ctype, *accused, *atype, *polarity, *first, *last;
  long long count;
};

struct ar_speaker_row {
  const char *name, *type, *external_id, *aliases, *roles, *first, *last;
  long long quotes, articles;
};

/* The filters of a query, checked and parsed (fts, about: FTS5
 * expressions; tsq, about_tsq: the same as tsquery texts). */
struct ar_filter {
  const pc_archive_query *q;
  char *fts;   /* text, or NULL */
  char *about; /* about, or NULL */
  char *tsq, *about_tsq;
  char *speaker_form, *speaker_canon; /* normalised --speaker */
  char *claimant, *accused;           /* normalised */
  size_t limit;
  char *near_ids; /* --near: the clusters as a JSON array "[1,2]", or NULL */
};

typedef int (*ar_row_fn)(void *closure, const void *row);

struct ar_backend {
  const char *name;
  pc_status (*open)(const char *path, bool create, struct ar_db **out,
                    pc_error *err);
  void (*close)(struct ar_db *db);
  pc_status (*begin)(struct ar_db *db, pc_error *err);
  pc_status (*commit)(struct ar_db *db, pc_error *err);
  void (*rollback)(struct ar_db *db);
  /* Stores one article (inside begin/commit): *added 0 when the archive
   * already had it. */
  pc_status (*put)(struct ar_db *db, const struct ar_lex *x,
                   const struct ar_article *a, int *added, pc_error *err);
  pc_status (*put_alias)(struct ar_db *db, const char *form, const char *id,
                         const char *label, pc_error *err);
  /* Every name form to its speaker again (aliases, surnames). */
  pc_status (*link)(struct ar_db *db, pc_error *err);
  pc_status (*quotes)(struct ar_db *db, const struct ar_filter *f,
                      ar_row_fn row, void *closure, pc_error *err);
  pc_status (*claims)(struct ar_db *db, const struct ar_filter *f,
                      ar_row_fn row, void *closure, pc_error *err);
  pc_status (*edges)(struct ar_db *db, const struct ar_filter *f,
                     ar_row_fn row, void *closure, pc_error *err);
  pc_status (*speakers)(struct ar_db *db, const struct ar_filter *f,
                        ar_row_fn row, void *closure, pc_error *err);
  /* Candidates near text (struct ar_near_row): those sharing trigrams
   * with it, at most AR_NEAR_CANDIDATES, the most alike first by the
   * index's measure; t is text's trigrams, floor the least similarity
   * the caller may keep (the index's threshold). */
  pc_status (*near)(struct ar_db *db, enum ar_near_what what,
                    const char *text, const struct ar_trgm *t, double floor,
                    ar_row_fn row, void *closure, pc_error *err);
};

extern const struct ar_backend ar_sqlite;
extern const struct ar_backend ar_postgres;

#endif
