/* archive.c - the archive's API: opening, pc_index and the queries.
 *
 * pc_index hands the inputs to pc_batch_run (its reader walks files,
 * directories, WARC and JSON Lines; its workers extract and attribute on
 * every core) with a sink: each document's JSON line comes to this one
 * thread, which stores it, a transaction per opts->per_transaction
 * articles.  --from-jsonl feeds the same sink from a file.  So a kill -9
 * loses at most the open transaction, and the same command again adds
 * what is missing (the archive knows each source, content and URL).
 *
 * What is written (text, JSON Lines, CSV, GraphML) is here too; the
 * backend (sqlite.c) only answers rows. */
#include "archive/archive.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct pc_archive {
  const struct ar_backend *be;
  struct ar_db *db;
  struct ar_lex *lex;
};

pc_status pc_archive_open(const char *path, int create, pc_archive **out,
                          pc_error *err) {
  if (!out)
    return pc_error_set(err, PC_ERR_USAGE, "archive: no result pointer");
  *out = NULL;
  if (!path || !*path)
    return pc_error_set(err, PC_ERR_USAGE, "archive: --db is required");
  bool pg = strncmp(path, "postgresql://", 13) == 0 ||
            strncmp(path, "postgres://", 11) == 0;
  if (!pg && strstr(path, "://"))
    return pc_error_set(err, PC_ERR_USAGE,
                        "archive: --db: an SQLite file or a postgresql:// "
                        "URL");
  pc_archive *a = calloc(1, sizeof *a);
  if (!a)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  a->be = pg ? &ar_postgres : &ar_sqlite;
  a->lex = ar_lex_new(err);
  pc_status st = a->lex ? a->be->open(path, create != 0, &a->db, err)
                        : PC_ERR_INTERNAL;
  if (st != PC_OK) {
    pc_archive_close(a);
    return st;
  }
  *out = a;
  return PC_OK;
}

void pc_archive_close(pc_archive *a) {
  if (!a)
    return;
  if (a->db)
    a->be->close(a->db);
  ar_lex_free(a->lex);
  free(a);
}

void pc_index_opts_init(pc_index_opts *o) {
  if (o)
    memset(o, 0, sizeof *o);
}

void pc_archive_query_init(pc_archive_query *q) {
  if (q)
    memset(q, 0, sizeof *q);
}

/*** indexing ****************************************************************/

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct sink {
  pc_archive *a;
  const pc_index_opts *o;
  pc_index_stats st;
  pc_index_stats tx; /* what the open transaction added to st */
  unsigned long long batch_errors; /* counted by pc_batch_run */
  unsigned per_tx, in_tx;
  bool open_tx;
  pc_status status;
  pc_error err;
  double t0, last;
};

/* The open transaction's additions taken back from the counts: it was
 * rolled back, or its commit failed, so they are not stored. */
static void sink_forget(struct sink *k) {
  k->st.articles -= k->tx.articles;
  k->st.quotes -= k->tx.quotes;
  k->st.claims -= k->tx.claims;
  memset(&k->tx, 0, sizeof k->tx);
}

static pc_status sink_commit(struct sink *k) {
  if (!k->open_tx)
    return PC_OK;
  k->open_tx = false;
  k->in_tx = 0;
  pc_status st = k->a->be->commit(k->a->db, &k->err);
  if (st != PC_OK)
    sink_forget(k);
  memset(&k->tx, 0, sizeof k->tx);
  return st;
}

static void sink_progress(struct sink *k, int final) {
  if (!k->o->progress)
    return;
  double t = now_s() - k->t0;
  if (!final && t - k->last < 0.5)
    return;
  k->last = t;
  pc_index_stats s = k->st;
  s.errors += k->batch_errors;
  k->o->progress(k->o->progress_closure, &s, t, final);
}

/* One article into the archive (rec is freed); non-zero stops the run. */
static int sink_record(struct sink *k, struct ar_article *rec) {
  pc_status st = PC_OK;
  if (!k->open_tx) {
    st = k->a->be->begin(k->a->db, &k->err);
    k->open_tx = st == PC_OK;
  }
  int added = 0;
  if (st == PC_OK)
    st = k->a->be->put(k->a->db, k->a->lex, rec, &added, &k->err);
  if (st == PC_OK && added) {
    k->st.articles++, k->tx.articles++;
    k->st.quotes += rec->nquotes, k->tx.quotes += rec->nquotes;
    k->st.claims += rec->nclaims, k->tx.claims += rec->nclaims;
  } else if (st == PC_OK) {
    k->st.known++;
  }
  ar_record_free(rec);
  if (st == PC_OK && ++k->in_tx >= k->per_tx)
    st = sink_commit(k);
  if (st != PC_OK) {
    k->status = st;
    return 1;
  }
  sink_progress(k, 0);
  return 0;
}

/* One JSON line into the archive (--from-jsonl); a line that is not an
 * article is an error, counted. */
static int sink_line(void *closure, const char *line, size_t len) {
  struct sink *k = closure;
  k->st.read++;
  struct ar_article rec;
  pc_error perr;
  if (ar_record_parse(line, len, &rec, &perr) != PC_OK) {
    ar_record_free(&rec);
    k->st.errors++;
    sink_progress(k, 0);
    return 0;
  }
  return sink_record(k, &rec);
}

/* A worker's document into a record (the worker's thread: the hashes are
 * made there, in parallel), for sink_doc. */
static void *make_doc(void *closure, pc_doc *doc, const char *id,
                      size_t *bytes, pc_error *err) {
  (void)closure;
  struct ar_article *rec = malloc(sizeof *rec);
  if (!rec) {
    pc_doc_free(doc);
    pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    return NULL;
  }
  if (ar_record_of_doc(doc, id, rec, err) != PC_OK) {
    ar_record_free(rec);
    free(rec);
    return NULL;
  }
  /* what waits counts against batch's cap by this guess: the document
   * (its blocks, spans, sentences and attribution) and the record's copy
   * of the text, a few times the text */
  *bytes = 4 * strlen(rec->text ? rec->text : "") + 16384;
  return rec;
}

static int sink_doc(void *closure, void *obj) {
  struct sink *k = closure;
  k->st.read++;
  int stop = sink_record(k, obj);
  free(obj);
  return stop;
}

static void drop_doc(void *closure, void *obj) {
  (void)closure;
  ar_record_free(obj);
  free(obj);
}

static void batch_progress(void *closure, const pc_batch_stats *st,
                           double seconds, int final) {
  struct sink *k = closure;
  (void)seconds;
  k->batch_errors = st->errors;
  if (!final)
    sink_progress(k, 0);
}

static pc_status load_jsonl(struct sink *k, const char *path, pc_error *err) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
  if (!f)
    return pc_error_set(err, PC_ERR_INPUT, "%s: %s", path, strerror(errno));
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  pc_status st = PC_OK;
  while ((n = getline(&line, &cap, f)) > 0) {
    if (strspn(line, " \t\r\n") == (size_t)n)
      continue;
    if (sink_line(k, line, (size_t)n) != 0) {
      st = k->status;
      *err = k->err;
      break;
    }
  }
  if (st == PC_OK && ferror(f))
    st = pc_error_set(err, PC_ERR_IO, "%s: %s", path, strerror(errno));
  free(line);
  if (f != stdin)
    fclose(f);
  return st;
}

/* The alias file: "name<TAB>identifier" lines ('#' comments); the first
 * name given for an identifier labels its speaker. */
static pc_status load_aliases(pc_archive *a, const char *path,
                              pc_error *err) {
  FILE *f = fopen(path, "r");
  if (!f)
    return pc_error_set(err, PC_ERR_INPUT, "%s: %s", path, strerror(errno));
  GHashTable *labels =
      g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  unsigned long lineno = 0;
  pc_status st = a->be->begin(a->db, err);
  while (st == PC_OK && (n = getline(&line, &cap, f)) > 0) {
    lineno++;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
      line[--n] = '\0';
    if (!n || line[0] == '#')
      continue;
    char *tab = strchr(line, '\t');
    char *id = tab ? g_strstrip(tab + 1) : NULL;
    if (tab)
      *tab = '\0';
    struct ar_name nm;
    if (!id || !*id || !pc_utf8_valid(line, strlen(line)) ||
        !ar_name_make(a->lex, line, NULL, &nm)) {
      st = pc_error_set(err, PC_ERR_INPUT,
                        "%s:%lu: want NAME<TAB>IDENTIFIER", path, lineno);
      break;
    }
    if (!g_hash_table_contains(labels, id))
      g_hash_table_insert(labels, g_strdup(id), g_strdup(g_strstrip(line)));
    st = a->be->put_alias(a->db, nm.form, id,
                          g_hash_table_lookup(labels, id), err);
    ar_name_clear(&nm);
  }
  free(line);
  fclose(f);
  g_hash_table_destroy(labels);
  if (st == PC_OK)
    return a->be->commit(a->db, err);
  a->be->rollback(a->db);
  return st;
}

/*** URL inputs ***************************************************************/

/* A fetched page as a JSON string of UTF-8: converted from the charset
 * its Content-Type names (else windows-1252) when it is not UTF-8
 * already, so that batch decodes the line (a <meta charset> inside the
 * page is not read: the header's is what most servers send). */
static void body_json(struct pc_buf *b, const pc_fetch_result *r) {
  if (pc_utf8_valid(r->body, r->body_len)) {
    pc_json_str(b, r->body, r->body_len);
    return;
  }
  char cs[41] = "WINDOWS-1252";
  char *ct = r->content_type ? g_ascii_strdown(r->content_type, -1) : NULL;
  const char *p = ct ? strstr(ct, "charset=") : NULL;
  if (p)
    sscanf(p + 8, "%40[a-z0-9_.:-]", cs);
  g_free(ct);
  iconv_t cd = iconv_open("UTF-8", cs);
  size_t cap = r->body_len * 4 + 8; /* a byte is at most 4 in UTF-8 */
  char *u = cd != (iconv_t)-1 ? malloc(cap) : NULL;
  if (u) {
    char *in = r->body, *out = u;
    size_t inl = r->body_len, outl = cap;
    if (iconv(cd, &in, &inl, &out, &outl) != (size_t)-1 &&
        pc_utf8_valid(u, (size_t)(out - u))) {
      pc_json_str(b, u, (size_t)(out - u));
      free(u);
      iconv_close(cd);
      return;
    }
    free(u);
  }
  if (cd != (iconv_t)-1)
    iconv_close(cd);
  struct pc_buf t;
  pc_buf_init(&t, r->body_len * 3 + 16);
  pc_utf8_sanitize(&t, r->body, r->body_len);
  pc_json_str(b, t.data ? t.data : "", t.len);
  pc_buf_cleanup(&t);
}

/* The URL inputs, fetched one after another (with the address guard unless
 * allowed), written as JSON Lines of {"url","html"} into a temporary file
 * that batch then reads as one more input: so a fetched page is
 * extracted, attributed, identified (SHA-256 of URL and payload) and
 * stored exactly as a page of a file.  *tmp is that file's path (removed
 * by the caller) or NULL when no input is a URL; *in the inputs without
 * the URLs, plus *tmp (the caller frees the array).  A URL that cannot be
 * fetched is counted in *failed and given to o->warn. */
static pc_status fetch_urls(const pc_index_opts *o, char **tmp,
                            const char ***in, size_t *nin,
                            unsigned long long *failed, pc_error *err) {
  *tmp = NULL, *in = NULL, *nin = 0;
  size_t nurl = 0;
  for (size_t i = 0; i < o->ninputs; i++)
    nurl += o->inputs[i] && pc_is_url(o->inputs[i]);
  if (!nurl)
    return PC_OK;
  const char *dir = getenv("TMPDIR");
  char *path = g_strdup_printf("%s/presscut-urls-XXXXXX",
                               dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    pc_status st = pc_error_set(err, PC_ERR_IO, "a temporary file: %s",
                                strerror(errno));
    if (fd >= 0)
      close(fd), unlink(path);
    g_free(path);
    return st;
  }
  *tmp = path;
  *in = calloc(o->ninputs - nurl + 1, sizeof **in);
  if (!*in) {
    fclose(f);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  pc_fetch_opts fo;
  pc_fetch_opts_init(&fo);
  fo.deny_private = !o->allow_private_fetch;
  fo.timeout_s = o->fetch_timeout_s;
  struct pc_buf b;
  pc_buf_init(&b, (size_t)1 << 30);
  for (size_t i = 0; i < o->ninputs; i++) {
    if (!o->inputs[i] || !pc_is_url(o->inputs[i])) {
      (*in)[(*nin)++] = o->inputs[i];
      continue;
    }
    pc_fetch_result *r = NULL;
    pc_error ferr = {""};
    if (pc_fetch(o->inputs[i], &fo, &r, &ferr) != PC_OK) {
      (*failed)++;
      if (o->warn)
        o->warn(o->warn_closure, ferr.msg);
      continue;
    }
    b.len = 0;
    pc_buf_adds(&b, "{\"url\":");
    pc_json_cstr(&b, r->final_url ? r->final_url : o->inputs[i]);
    pc_buf_adds(&b, ",\"html\":");
    body_json(&b, r);
    pc_buf_adds(&b, "}\n");
    pc_fetch_result_free(r);
    if (b.failed || fwrite(b.data, 1, b.len, f) != b.len)
      break;
  }
  bool bad = b.failed;
  pc_buf_cleanup(&b);
  if (fclose(f) != 0 || bad)
    return pc_error_set(err, bad ? PC_ERR_NOMEM : PC_ERR_IO,
                        "%s: cannot write the fetched pages", path);
  (*in)[(*nin)++] = path;
  return PC_OK;
}

/* Stores the pages of the inputs (files, directories, WARC, JSON Lines,
 * URLs) through pc_batch_run's readers and workers into the sink. */
static pc_status index_inputs(struct sink *k, const pc_ctx *ctx,
                              const pc_index_opts *o, pc_error *err) {
  char *tmp = NULL;
  const char **in = NULL;
  size_t nin = 0;
  unsigned long long failed = 0;
  pc_status st = fetch_urls(o, &tmp, &in, &nin, &failed, err);
  pc_batch_opts bo;
  pc_batch_opts_init(&bo);
  bo.inputs = in ? in : o->inputs;
  bo.ninputs = in ? nin : o->ninputs;
  bo.jobs = o->jobs;
  bo.attribution = 1;
  bo.date = o->date;
  bo.max_doc = o->max_doc;
  /* the workers' documents themselves, with no JSON between */
  bo.doc_make = make_doc;
  bo.doc_sink = sink_doc;
  bo.doc_drop = drop_doc;
  bo.sink_closure = k;
  bo.progress = batch_progress;
  bo.progress_closure = k;
  pc_batch_stats bs = {0};
  if (st == PC_OK && bo.ninputs)
    st = pc_batch_run(ctx, &bo, &bs, err);
  k->batch_errors = bs.errors + failed;
  k->st.read += bs.errors + failed;
  if (k->status != PC_OK) {
    st = k->status;
    *err = k->err;
  }
  if (tmp)
    unlink(tmp);
  g_free(tmp);
  free(in);
  return st;
}

pc_status pc_index(pc_archive *a, const pc_ctx *ctx, const pc_index_opts *o,
                   pc_index_stats *stats, pc_error *err) {
  if (stats)
    memset(stats, 0, sizeof *stats);
  if (!a || !o || (!o->from_jsonl && (!ctx || !o->ninputs)))
    return pc_error_set(err, PC_ERR_USAGE, "index: inputs or --from-jsonl");
  pc_status st = o->aliases ? load_aliases(a, o->aliases, err) : PC_OK;
  struct sink k = {.a = a, .o = o, .per_tx = o->per_transaction
                                                  ? o->per_transaction
                                                  : 200};
  k.t0 = now_s();
  if (st == PC_OK && o->from_jsonl) {
    st = load_jsonl(&k, o->from_jsonl, err);
  } else if (st == PC_OK && o->ninputs) {
    st = index_inputs(&k, ctx, o, err);
  }
  if (st == PC_OK) {
    st = sink_commit(&k);
    if (st != PC_OK)
      *err = k.err;
  } else if (k.open_tx) {
    /* the open transaction may end in a half-stored article: dropped, as
     * a kill would drop it; running again stores its articles */
    a->be->rollback(a->db);
    sink_forget(&k);
  }
  if (st == PC_OK)
    st = a->be->link(a->db, err);
  sink_progress(&k, 1);
  if (stats) {
    *stats = k.st;
    stats->errors += k.batch_errors;
  }
  return st;
}

/*** queries ******************************************************************/

struct out {
  pc_write_fn write;
  void *closure;
  pc_archive_format format;
  struct pc_buf b;
  size_t rows;
  GPtrArray *edges; /* graphml: copies of the rows */
  /* the names found by similarity, not exactly (JSON and CSV: fields
   * matched_name and name_similarity), or NULL */
  GString *matched, *msim;
  GHashTable *sims; /* --near: cluster id -> its similarity */
  char row_sim[8];  /* --near: this row's, "0.82" */
};

static int flush(struct out *o) {
  int r = o->b.failed ? 1
                      : o->write(o->closure, (const unsigned char *)o->b.data,
                                 o->b.len);
  o->b.len = 0;
  if (o->b.data)
    o->b.data[0] = '\0';
  return r;
}

/* Text for a terminal: control characters become spaces. */
static void text(struct pc_buf *b, const char *s) {
  for (; s && *s; s++)
    pc_buf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

static void csv(struct pc_buf *b, const char *s, bool last) {
  pc_buf_addc(b, '"');
  for (; s && *s; s++) {
    if (*s == '"')
      pc_buf_addc(b, '"');
    pc_buf_addc(b, *s);
  }
  pc_buf_adds(b, last ? "\"\r\n" : "\",");
}

static void json_field(struct pc_buf *b, const char *k, const char *v,
                       bool first) {
  pc_buf_adds(b, first ? "{\"" : ",\"");
  pc_buf_adds(b, k);
  pc_buf_adds(b, "\":");
  if (v)
    pc_json_cstr(b, v);
  else
    pc_buf_adds(b, "null");
}

/* XML text: escaped, without the control characters XML 1.0 forbids. */
static void xml(struct pc_buf *b, const char *s) {
  /* XML 1.0 has no place for control characters but tab and line ends:
   * they go; the rest is escaped as for HTML */
  while (s && *s) {
    size_t n = 0;
    while (s[n] && ((unsigned char)s[n] >= 0x20 || s[n] == '\t' ||
                    s[n] == '\n' || s[n] == '\r'))
      n++;
    pc_html_esc(b, s, n);
    s += n;
    while (*s && (unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' &&
           *s != '\r')
      s++;
  }
}

/* The fields of a row as JSON, CSV or (names[0] NULL-terminated) */
static void fields(struct out *o, const char *const *names0,
                   const char *const *vals0, size_t n0) {
  struct pc_buf *b = &o->b;
  /* the row's fields, then those of a name matched by similarity and a
   * --near row's similarity */
  enum { ROW_MAX = 13, EXTRA = 3 }; /* the longest row (claims) has 12 */
  const char *names[ROW_MAX + EXTRA], *vals[ROW_MAX + EXTRA];
  size_t n = 0;
  if (n0 > ROW_MAX) /* a new column must grow ROW_MAX, never be cut */
    abort();
  for (; n < n0; n++)
    names[n] = names0[n], vals[n] = vals0[n];
  if (o->matched) {
    names[n] = "matched_name", vals[n++] = o->matched->str;
    names[n] = "name_similarity", vals[n++] = o->msim->str;
  }
  if (o->sims)
    names[n] = "similarity", vals[n++] = o->row_sim;
  if (o->format == PC_ARCHIVE_CSV && o->rows == 0)
    for (size_t i = 0; i < n; i++)
      csv(b, names[i], i + 1 == n);
  for (size_t i = 0; i < n; i++) {
    if (o->format == PC_ARCHIVE_CSV)
      csv(b, vals[i], i + 1 == n);
    else
      json_field(b, names[i], vals[i], i == 0);
  }
  if (o->format == PC_ARCHIVE_JSON)
    pc_buf_adds(b, "}\n");
}

/* A similarity as "0.82" (not %f, whose point is the locale's). */
static void sim_text(char out[8], double v) {
  int c = v < 0 ? 0 : v > 1 ? 100 : (int)(v * 100 + 0.5);
  snprintf(out, 8, "%d.%02d", c / 100 % 10, c % 100);
}

static int quote_out(void *closure, const void *row) {
  struct out *o = closure;
  const struct ar_quote_row *r = row;
  struct pc_buf *b = &o->b;
  if (o->sims)
    sim_text(o->row_sim, (double)GPOINTER_TO_SIZE(g_hash_table_lookup(
                             o->sims, GSIZE_TO_POINTER((gsize)r->cluster))) /
                             10000);
  if (o->format == PC_ARCHIVE_TEXT) {
    text(b, r->date ? r->date : "(no date)");
    pc_buf_adds(b, "  ");
    text(b, r->speaker ? r->speaker : "(unknown speaker)");
    if (r->role)
      pc_buf_adds(b, " ("), text(b, r->role), pc_buf_addc(b, ')');
    pc_buf_adds(b, ", "), text(b, r->kind);
    if (o->sims)
      pc_buf_adds(b, ", similarity "), pc_buf_adds(b, o->row_sim);
    pc_buf_adds(b, ":\n  \xe2\x80\x9c");
    text(b, r->text);
    pc_buf_adds(b, "\xe2\x80\x9d\n  \xe2\x80\x94 ");
    text(b, r->title ? r->title : "(untitled)");
    if (r->url)
      pc_buf_adds(b, " <"), text(b, r->url), pc_buf_addc(b, '>');
    pc_buf_adds(b, "\n\n");
  } else {
    static const char *const names[] = {"date", "speaker", "speaker_id",
                                        "role", "kind", "text", "cue",
                                        "title", "url", "site"};
    const char *vals[] = {r->date, r->speaker, r->external_id, r->role,
                          r->kind, r->text, r->cue, r->title, r->url,
                          r->site};
    fields(o, names, vals, 10);
  }
  o->rows++;
  return flush(o);
}

static int claim_out(void *closure, const void *row) {
  struct out *o = closure;
  const struct ar_claim_row *r = row;
  struct pc_buf *b = &o->b;
  if (o->format == PC_ARCHIVE_TEXT) {
    text(b, r->date ? r->date : "(no date)");
    pc_buf_adds(b, "  ");
    text(b, r->claimant ? r->claimant : "(unknown)");
    pc_buf_addc(b, ' ');
    text(b, r->polarity);
    pc_buf_adds(b, r->polarity && strcmp(r->polarity, "deny") == 0
                       ? " (that) " : ": ");
    text(b, r->accused);
    if (r->event)
      pc_buf_adds(b, " \xe2\x80\x94 "), text(b, r->event);
    if (r->cameo)
      pc_buf_adds(b, " [CAMEO "), text(b, r->cameo), pc_buf_adds(b, "]");
    pc_buf_adds(b, "\n  ");
    text(b, r->evidence);
    pc_buf_adds(b, "\n  \xe2\x80\x94 ");
    text(b, r->title ? r->title : "(untitled)");
    if (r->url)
      pc_buf_adds(b, " <"), text(b, r->url), pc_buf_addc(b, '>');
    pc_buf_adds(b, "\n\n");
  } else {
    static const char *const names[] = {
        "date", "claimant", "accused", "polarity", "event", "evidence",
        "quote", "cameo", "plover", "plover_mode", "title", "url"};
    const char *vals[] = {r->date,  r->claimant, r->accused, r->polarity,
                          r->event, r->evidence, r->quote,   r->cameo,
                          r->plover, r->mode,    r->title,   r->url};
    fields(o, names, vals, 12);
  }
  o->rows++;
  return flush(o);
}

static int speaker_out(void *closure, const void *row) {
  struct out *o = closure;
  const struct ar_speaker_row *r = row;
  struct pc_buf *b = &o->b;
  char nq[32], na[32];
  snprintf(nq, sizeof nq, "%lld", r->quotes);
  snprintf(na, sizeof na, "%lld", r->articles);
  if (o->format == PC_ARCHIVE_TEXT) {
    text(b, r->name);
    pc_buf_adds(b, " (");
    text(b, r->type ? r->type : "unknown");
    if (r->external_id)
      pc_buf_adds(b, ", "), text(b, r->external_id);
    pc_buf_printf(b, "): %s quote%s in %s article%s", nq,
                  r->quotes == 1 ? "" : "s", na,
                  r->articles == 1 ? "" : "s");
    if (r->first)
      pc_buf_adds(b, ", "), text(b, r->first), pc_buf_adds(b, " to "),
          text(b, r->last);
    if (r->aliases)
      pc_buf_adds(b, "\n  also: "), text(b, r->aliases);
    if (r->roles)
      pc_buf_adds(b, "\n  roles: "), text(b, r->roles);
    pc_buf_adds(b, "\n");
  } else if (o->format == PC_ARCHIVE_JSON) {
    json_field(b, "name", r->name, true);
    json_field(b, "type", r->type, false);
    json_field(b, "external_id", r->external_id, false);
    pc_buf_printf(b, ",\"quotes\":%s,\"articles\":%s", nq, na);
    json_field(b, "first", r->first, false);
    json_field(b, "last", r->last, false);
    json_field(b, "aliases", r->aliases, false);
    json_field(b, "roles", r->roles, false);
    if (o->matched) {
      json_field(b, "matched_name", o->matched->str, false);
      json_field(b, "name_similarity", o->msim->str, false);
    }
    pc_buf_adds(b, "}\n");
  } else {
    static const char *const names[] = {"name", "type", "external_id",
                                        "quotes", "articles", "first",
                                        "last", "aliases", "roles"};
    const char *vals[] = {r->name, r->type,    r->external_id,
                          nq,      na,         r->first,
                          r->last, r->aliases, r->roles};
    fields(o, names, vals, 9);
  }
  o->rows++;
  return flush(o);
}

static int edge_keep(void *closure, const void *row) {
  struct out *o = closure;
  const struct ar_edge_row *r = row;
  struct ar_edge_row *c = g_new0(struct ar_edge_row, 1);
  c->claimant = g_strdup(r->claimant), c->ctype = g_strdup(r->ctype);
  c->accused = g_strdup(r->accused), c->atype = g_strdup(r->atype);
  c->polarity = g_strdup(r->polarity), c->first = g_strdup(r->first);
  c->last = g_strdup(r->last), c->count = r->count;
  g_ptr_array_add(o->edges, c);
  return 0;
}

static void edge_free(gpointer p) {
  struct ar_edge_row *c = p;
  g_free((char *)c->claimant), g_free((char *)c->ctype);
  g_free((char *)c->accused), g_free((char *)c->atype);
  g_free((char *)c->polarity), g_free((char *)c->first);
  g_free((char *)c->last);
  g_free(c);
}

/* The node of name (numbered on first sight, written then). */
static int node(struct out *o, GHashTable *ids, const char *name,
                const char *type) {
  gpointer v = g_hash_table_lookup(ids, name);
  if (v)
    return GPOINTER_TO_INT(v);
  int id = (int)g_hash_table_size(ids) + 1;
  g_hash_table_insert(ids, (gpointer)name, GINT_TO_POINTER(id));
  pc_buf_printf(&o->b, "    <node id=\"n%d\"><data key=\"name\">", id);
  xml(&o->b, name);
  pc_buf_adds(&o->b, "</data><data key=\"type\">");
  xml(&o->b, type ? type : "unknown");
  pc_buf_adds(&o->b, "</data></node>\n");
  return id;
}

static int graphml(struct out *o) {
  struct pc_buf *b = &o->b;
  pc_buf_adds(b,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
      "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
      "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n"
      "  <key id=\"polarity\" for=\"edge\" attr.name=\"polarity\" attr.type=\"string\"/>\n"
      "  <key id=\"first\" for=\"edge\" attr.name=\"first\" attr.type=\"string\"/>\n"
      "  <key id=\"last\" for=\"edge\" attr.name=\"last\" attr.type=\"string\"/>\n"
      "  <graph id=\"accusations\" edgedefault=\"directed\">\n");
  GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal);
  int *ends = g_new0(int, 2 * o->edges->len + 1);
  for (guint i = 0; i < o->edges->len; i++) {
    const struct ar_edge_row *e = g_ptr_array_index(o->edges, i);
    ends[2 * i] = node(o, ids, e->claimant ? e->claimant : "", e->ctype);
    ends[2 * i + 1] = node(o, ids, e->accused ? e->accused : "", e->atype);
  }
  for (guint i = 0; i < o->edges->len; i++) {
    const struct ar_edge_row *e = g_ptr_array_index(o->edges, i);
    pc_buf_printf(b, "    <edge id=\"e%u\" source=\"n%d\" target=\"n%d\">"
                     "<data key=\"count\">%lld</data><data key=\"polarity\">",
                  i + 1, ends[2 * i], ends[2 * i + 1], e->count);
    xml(b, e->polarity);
    pc_buf_adds(b, "</data><data key=\"first\">");
    xml(b, e->first);
    pc_buf_adds(b, "</data><data key=\"last\">");
    xml(b, e->last);
    pc_buf_adds(b, "</data></edge>\n");
  }
  pc_buf_adds(b, "  </graph>\n</graphml>\n");
  g_free(ends);
  g_hash_table_destroy(ids);
  return flush(o);
}

static bool is_date(const char *s) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
    return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit(s[i]))
      return false;
  return true;
}

static void filter_clear(struct ar_filter *f) {
  pc_free(f->fts);
  pc_free(f->about);
  pc_free(f->tsq), pc_free(f->about_tsq);
  g_free(f->speaker_form), g_free(f->speaker_canon);
  g_free(f->claimant), g_free(f->accused);
  g_free(f->near_ids);
}

/* A name from the command line, normalised as the archive keys it. */
static bool norm_name(const pc_archive *a, const char *name, char **form,
                      char **canon) {
  struct ar_name n;
  if (!ar_name_make(a->lex, name, NULL, &n))
    return false;
  *form = g_strdup(n.form);
  if (canon)
    *canon = g_strdup(n.canon);
  ar_name_clear(&n);
  return true;
}

static pc_status filter_make(const pc_archive *a, const pc_archive_query *q,
                             struct ar_filter *f, pc_error *err) {
  memset(f, 0, sizeof *f);
  f->q = q;
  f->limit = q->limit ? q->limit : 100;
  if ((q->since && !is_date(q->since)) || (q->until && !is_date(q->until)))
    return pc_error_set(err, PC_ERR_USAGE,
                        "--since and --until: want YYYY-MM-DD");
  if (q->kind && strcmp(q->kind, "direct") && strcmp(q->kind, "mixed") &&
      strcmp(q->kind, "indirect"))
    return pc_error_set(err, PC_ERR_USAGE,
                        "--kind: direct, mixed or indirect");
  if (q->similarity < 0 || q->similarity > 1 || q->similarity != q->similarity)
    return pc_error_set(err, PC_ERR_USAGE, "--similarity: 0 to 1");
  const char *strs[] = {q->text, q->speaker, q->about, q->site, q->claimant,
                        q->accused, q->event, q->name, q->near};
  for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
    if (strs[i] && (!pc_utf8_valid(strs[i], strlen(strs[i])) ||
                    strlen(strs[i]) > AR_MAX_QUERY))
      return pc_error_set(err, PC_ERR_USAGE,
                          "an argument is not valid UTF-8 or is over %d "
                          "bytes", AR_MAX_QUERY);
  pc_status st = PC_OK;
  if (q->text && *q->text)
    st = pc_archive_parse_query(q->text, &f->fts, err);
  if (st == PC_OK && q->text && *q->text)
    st = ar_parse_query_ts(q->text, &f->tsq, err);
  if (st == PC_OK && q->about)
    st = pc_archive_parse_query(q->about, &f->about, err);
  if (st == PC_OK && q->about)
    st = ar_parse_query_ts(q->about, &f->about_tsq, err);
  const char *who = q->speaker ? q->speaker : q->name;
  if (st == PC_OK && who &&
      !norm_name(a, who, &f->speaker_form, &f->speaker_canon))
    st = pc_error_set(err, PC_ERR_USAGE, "a name needs a word");
  if (st == PC_OK && q->claimant && !norm_name(a, q->claimant,
                                              &f->claimant, NULL))
    st = pc_error_set(err, PC_ERR_USAGE, "--claimant needs a word");
  if (st == PC_OK && q->accused && !norm_name(a, q->accused,
                                             &f->accused, NULL))
    st = pc_error_set(err, PC_ERR_USAGE, "--accused needs a word");
  return st;
}

/*** near: names spelt a little differently, near-duplicate quotes ***********/

/* A name is found by similarity (trgm.c) when the archive has no exact
 * one: at least NAME_SIMILARITY, and no other person (speaker or entity)
 * within NAME_MARGIN of it, or the name is ambiguous and nothing is
 * found ("Johnson" between Boris and Mike Johnson: a lookup never picks
 * one of two people on a surname). */
#define NAME_SIMILARITY 0.5
#define NAME_MARGIN 0.1
/* --near's default least similarity (docs/cmd/search.md: measured on
 * the corpus) */
#define NEAR_SIMILARITY 0.5

struct cand {
  double sim;
  char *key, *canon, *name;
};

static void cand_free(gpointer p) {
  struct cand *c = p;
  g_free(c->key), g_free(c->canon), g_free(c->name);
  g_free(c);
}

/* The candidates of one near lookup, scored here. */
struct pick {
  enum ar_near_what what;
  struct ar_trgm q;
  double least;
  const char *skip_eq, *skip_eq2, *skip_in; /* what the exact query had */
  GHashTable *best; /* id -> struct cand (names) or double (clusters) */
};

static int pick_row(void *closure, const void *row) {
  struct pick *p = closure;
  const struct ar_near_row *r = row;
  const char *t = r->text ? r->text : "";
  const char *colon = p->what == AR_NEAR_ENTITY ? strchr(t, ':') : NULL;
  if (colon && !memchr(t, ' ', (size_t)(colon - t)))
    t = colon + 1; /* "organization:twitter": its name only */
  struct ar_trgm x;
  ar_trgm_make(t, &x);
  double sim = ar_trgm_similarity(&p->q, &x);
  ar_trgm_clear(&x);
  gpointer id = GSIZE_TO_POINTER((gsize)r->id);
  if (sim < p->least)
    return 0;
  if (p->what == AR_NEAR_CLUSTER) { /* the similarity in 1/10000 */
    g_hash_table_insert(p->best, id,
                        GSIZE_TO_POINTER((gsize)(sim * 10000 + 0.5)));
    return 0;
  }
  const char *k = r->key ? r->key : "";
  if ((p->skip_eq && (strcmp(k, p->skip_eq) == 0 ||
                      strcmp(r->text ? r->text : "", p->skip_eq) == 0)) ||
      (p->skip_eq2 && strcmp(r->text ? r->text : "", p->skip_eq2) == 0) ||
      (p->skip_in && strstr(k, p->skip_in)))
    return 0; /* the exact query had it: not a different spelling */
  struct cand *c = g_hash_table_lookup(p->best, id);
  if (c && (c->sim > sim ||
            (c->sim == sim && strcmp(c->name, r->name ? r->name : k) <= 0)))
    return 0;
  c = g_new0(struct cand, 1);
  c->sim = sim, c->key = g_strdup(k), c->canon = g_strdup(r->text);
  c->name = g_strdup(r->name ? r->name : k);
  g_hash_table_insert(p->best, id, c);
  return 0;
}

/* Asks the backend for the candidates near text (p->q made of it). */
static pc_status pick_run(pc_archive *a, struct pick *p, const char *text,
                          double floor, pc_error *err) {
  ar_trgm_make(text, &p->q);
  char *folded = ar_fold(text);
  pc_status st = a->be->near(a->db, p->what, folded, &p->q,
                             floor < 0.05 ? 0.05 : floor, pick_row, p, err);
  g_free(folded);
  ar_trgm_clear(&p->q);
  return st;
}

static int cand_order(const void *x, const void *y) {
  const struct cand *a = *(struct cand *const *)x,
                    *b = *(struct cand *const *)y;
  return a->sim != b->sim ? (a->sim < b->sim ? 1 : -1)
                          : strcmp(a->name, b->name);
}

static void add_value(gpointer k, gpointer v, gpointer all) {
  (void)k;
  g_ptr_array_add(all, v);
}

/* The name near raw (what the user gave) of the kind of what, into *key
 * and *canon (g_free), a line for the text output added to note.  false,
 * the note saying so, when none is near enough or two are. */
static pc_status name_near(pc_archive *a, struct pick *p, const char *raw,
                           char **key, char **canon, struct out *o,
                           GString *note, pc_error *err) {
  struct ar_name n;
  *key = *canon = NULL;
  if (!ar_name_make(a->lex, raw, NULL, &n))
    return PC_OK;
  p->best = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                  cand_free);
  p->least = NAME_SIMILARITY - NAME_MARGIN;
  pc_status st = pick_run(a, p, n.canon, p->least, err);
  ar_name_clear(&n);
  GPtrArray *all = g_ptr_array_new_with_free_func(NULL);
  g_hash_table_foreach(p->best, add_value, all);
  if (all->len > 1) /* an empty array's pdata is NULL */
    qsort(all->pdata, all->len, sizeof(gpointer), cand_order);
  const struct cand *c = all->len ? all->pdata[0] : NULL,
                    *c2 = all->len > 1 ? all->pdata[1] : NULL;
  char s1[8], s2[8];
  if (st == PC_OK && c && c->sim >= NAME_SIMILARITY) {
    sim_text(s1, c->sim);
    if (c2 && c2->sim > c->sim - NAME_MARGIN) {
      sim_text(s2, c2->sim);
      g_string_append_printf(note, "(\"%s\" is not a name of the archive;"
                             " as near: %s %s, %s %s: give more of the "
                             "name)\n\n", raw, c->name, s1, c2->name, s2);
    } else {
      g_string_append_printf(note, "(\"%s\" is not a name of the archive;"
                             " the nearest: %s, similarity %s)\n\n", raw,
                             c->name, s1);
      *key = g_strdup(c->key), *canon = g_strdup(c->canon);
      if (!o->matched)
        o->matched = g_string_new(NULL), o->msim = g_string_new(NULL);
      else
        g_string_append(o->matched, "; "), g_string_append(o->msim, "; ");
      g_string_append(o->matched, c->name), g_string_append(o->msim, s1);
    }
  }
  g_ptr_array_free(all, TRUE);
  g_hash_table_destroy(p->best);
  return st;
}

/* One name of f replaced by the one near it: *form (and *canon) freed
 * and replaced when found; *found set then. */
static pc_status swap_near(pc_archive *a, struct pick *p, const char *raw,
                           char **form, char **canon, bool *found,
                           struct out *o, GString *note, pc_error *err) {
  char *k = NULL, *c = NULL;
  pc_status st = name_near(a, p, raw, &k, &c, o, note, err);
  if (k) {
    g_free(*form), *form = k;
    if (canon)
      g_free(*canon), *canon = c;
    else
      g_free(c);
    *found = true;
  }
  return st;
}

enum what { W_QUOTES, W_CLAIMS, W_SPEAKERS };

/* After a query that found nothing: the names asked for spelt a little
 * differently.  *again when one was found (the query is run again); the
 * note (text output) is written either way. */
static pc_status names_near(pc_archive *a, enum what w, struct ar_filter *f,
                            struct out *o, bool *again, pc_error *err) {
  const pc_archive_query *q = f->q;
  GString *note = g_string_new(NULL);
  pc_status st = PC_OK;
  *again = false;
  if (w != W_CLAIMS && f->speaker_form) {
    struct pick p = {AR_NEAR_SPEAKER, {0}, 0, NULL, NULL, NULL, NULL};
    if (w == W_SPEAKERS) /* speakers NAME: a form holding it */
      p.skip_in = f->speaker_form;
    else
      p.skip_eq = f->speaker_form, p.skip_eq2 = f->speaker_canon;
    st = swap_near(a, &p, w == W_SPEAKERS ? q->name : q->speaker,
                   &f->speaker_form, &f->speaker_canon, again, o, note, err);
  }
  for (int i = 0; i < 2 && st == PC_OK && w == W_CLAIMS; i++) {
    char **v = i ? &f->accused : &f->claimant;
    struct pick p = {AR_NEAR_ENTITY, {0}, 0, NULL, NULL, *v, NULL};
    if (*v)
      st = swap_near(a, &p, i ? q->accused : q->claimant, v, NULL, again, o,
                     note, err);
  }
  if (st == PC_OK && note->len && o->format == PC_ARCHIVE_TEXT &&
      o->write(o->closure, (const unsigned char *)note->str, note->len))
    st = pc_error_set(err, PC_ERR_IO, "cannot write the output");
  g_string_free(note, TRUE);
  return st;
}

static void add_id(gpointer k, gpointer v, gpointer ids) {
  GString *g = ids;
  (void)v;
  g_string_append_printf(g, "%s%zu", g->len > 1 ? "," : "",
                         (size_t)GPOINTER_TO_SIZE(k));
}

/* --near: the clusters whose text is near q->near, into f->near_ids and
 * (their similarities) o->sims. */
static pc_status clusters_near(pc_archive *a, struct ar_filter *f,
                               struct out *o, pc_error *err) {
  double least = f->q->similarity > 0 ? f->q->similarity : NEAR_SIMILARITY;
  struct pick p = {AR_NEAR_CLUSTER, {0}, least, NULL, NULL, NULL, NULL};
  p.best = g_hash_table_new(g_direct_hash, g_direct_equal);
  o->sims = p.best;
  struct ar_trgm t;
  ar_trgm_make(f->q->near, &t);
  size_t padded;
  char **terms = ar_trgm_terms(&t, &padded);
  bool words = terms[0] != NULL;
  ar_trgm_clear(&t);
  g_strfreev(terms);
  if (!words)
    return pc_error_set(err, PC_ERR_USAGE,
                        "--near: a word of three letters at least");
  pc_status st = pick_run(a, &p, f->q->near, least * 0.7, err);
  GString *ids = g_string_new("[");
  g_hash_table_foreach(p.best, add_id, ids);
  g_string_append(ids, "]");
  f->near_ids = g_string_free(ids, FALSE);
  return st;
}

/* The query of w with f, its rows to o. */
static pc_status ask(pc_archive *a, enum what w, bool graph,
                     struct ar_filter *f, struct out *o, pc_error *err) {
  if (w == W_QUOTES)
    return a->be->quotes(a->db, f, quote_out, o, err);
  if (w == W_SPEAKERS)
    return a->be->speakers(a->db, f, speaker_out, o, err);
  if (!graph)
    return a->be->claims(a->db, f, claim_out, o, err);
  return PC_OK;
}

static pc_status query(pc_archive *a, const pc_archive_query *q,
                       enum what w, pc_write_fn write, void *closure,
                       pc_error *err) {
  if (!a || !q || !write)
    return pc_error_set(err, PC_ERR_USAGE, "archive: a query and a writer");
  bool graph = q->format == PC_ARCHIVE_GRAPHML ||
               q->format == PC_ARCHIVE_NETWORK;
  if (graph && w != W_CLAIMS)
    return pc_error_set(err, PC_ERR_USAGE,
                        "--format graphml: for claims only");
  if (q->near && w != W_QUOTES)
    return pc_error_set(err, PC_ERR_USAGE, "--near: for search only");
  struct ar_filter f;
  pc_status st = filter_make(a, q, &f, err);
  struct out o = {write, closure, q->format, {0}, 0, NULL, NULL, NULL, NULL,
                  ""};
  pc_buf_init(&o.b, 0);
  if (st == PC_OK && q->near)
    st = clusters_near(a, &f, &o, err);
  if (st == PC_OK)
    st = ask(a, w, graph, &f, &o, err);
  bool again = false;
  if (st == PC_OK && o.rows == 0 && !graph)
    st = names_near(a, w, &f, &o, &again, err);
  if (st == PC_OK && again)
    st = ask(a, w, graph, &f, &o, err);
  if (st == PC_OK && graph) {
    o.edges = g_ptr_array_new_with_free_func(edge_free);
    st = a->be->edges(a->db, &f, edge_keep, &o, err);
    if (st == PC_OK && q->format == PC_ARCHIVE_NETWORK)
      ar_network_json(&o.b, o.edges, f.limit);
    if (st == PC_OK && (q->format == PC_ARCHIVE_NETWORK ? flush(&o)
                                                        : graphml(&o)) != 0)
      st = pc_error_set(err, PC_ERR_IO, "cannot write the output");
    g_ptr_array_free(o.edges, TRUE);
  }
  pc_buf_cleanup(&o.b);
  filter_clear(&f);
  if (o.matched)
    g_string_free(o.matched, TRUE), g_string_free(o.msim, TRUE);
  if (o.sims)
    g_hash_table_destroy(o.sims);
  return st;
}

pc_status pc_archive_search(pc_archive *a, const pc_archive_query *q,
                            pc_write_fn write, void *closure,
                            pc_error *err) {
  return query(a, q, W_QUOTES, write, closure, err);
}

pc_status pc_archive_claims(pc_archive *a, const pc_archive_query *q,
                            pc_write_fn write, void *closure,
                            pc_error *err) {
  return query(a, q, W_CLAIMS, write, closure, err);
}

pc_status pc_archive_speakers(pc_archive *a, const pc_archive_query *q,
                              pc_write_fn write, void *closure,
                              pc_error *err) {
  return query(a, q, W_SPEAKERS, write, closure, err);
}
