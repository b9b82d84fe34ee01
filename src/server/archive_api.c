/* archive_api.c - serve's archive view: the JSON of GET /api/archive/...
 * (search, speakers, speaker, claims, timeline, network) and the save of
 * an article cleaned in the page (docs/api-archive.md).
 *
 * Every answer comes from the archive's public API in its JSON Lines
 * format (one object a line), so what the page shows is what `presscut
 * search`, `claims` and `speakers` print, and every string of a request
 * reaches the database as a bound parameter there.  Here the lines are
 * put into arrays, paged (offset), and a speaker's quotes counted by
 * month.  A malformed argument is a 400 with a one-line reason; an error
 * of the database itself is logged and answered 500 without its text. */
#include "server/archive_api.h"

#include <errno.h>
#include <json-c/json.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Archives kept open between requests (more are opened when busy, and
 * closed again past this many). */
#define POOL_MAX 16
#define LIMIT_MAX 500
#define OFFSET_MAX 10000
#define SPEAKER_QUOTES 2000 /* a speaker's quotes counted by month */

struct pc_aweb {
  char *db;
  pthread_mutex_t lock; /* idle, nidle; and one save at a time */
  pthread_mutex_t save;
  pc_archive *idle[POOL_MAX];
  size_t nidle;
};

pc_status pc_aweb_open(const char *db, struct pc_aweb **out, pc_error *err) {
  *out = NULL;
  pc_archive *a = NULL;
  pc_status st = pc_archive_open(db, 0, &a, err);
  if (st != PC_OK)
    return st;
  struct pc_aweb *w = calloc(1, sizeof *w);
  if (!w || !(w->db = strdup(db))) {
    free(w);
    pc_archive_close(a);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  pthread_mutex_init(&w->lock, NULL);
  pthread_mutex_init(&w->save, NULL);
  w->idle[w->nidle++] = a;
  *out = w;
  return PC_OK;
}

void pc_aweb_free(struct pc_aweb *w) {
  if (!w)
    return;
  for (size_t i = 0; i < w->nidle; i++)
    pc_archive_close(w->idle[i]);
  pthread_mutex_destroy(&w->lock);
  pthread_mutex_destroy(&w->save);
  free(w->db);
  free(w);
}

static pc_archive *take(struct pc_aweb *w, pc_error *err) {
  pc_archive *a = NULL;
  pthread_mutex_lock(&w->lock);
  if (w->nidle)
    a = w->idle[--w->nidle];
  pthread_mutex_unlock(&w->lock);
  if (!a && pc_archive_open(w->db, 0, &a, err) != PC_OK)
    a = NULL;
  return a;
}

static void give(struct pc_aweb *w, pc_archive *a) {
  pthread_mutex_lock(&w->lock);
  if (w->nidle < POOL_MAX) {
    w->idle[w->nidle++] = a;
    a = NULL;
  }
  pthread_mutex_unlock(&w->lock);
  pc_archive_close(a);
}

/*** replies *******************************************************************/

/* A reply: its status and JSON body. */
struct reply {
  unsigned status;
  struct pc_buf b;
};

static unsigned fail(struct reply *r, unsigned status, const char *msg) {
  r->b.len = 0;
  r->b.failed = false;
  pc_buf_adds(&r->b, "{\"error\":");
  pc_json_cstr(&r->b, msg);
  pc_buf_printf(&r->b, ",\"status\":%u}", status);
  return r->status = status;
}

/* The reply to a failed query: the archive's one-line reason for a
 * malformed one (400); anything else is the server's (500), logged, its
 * text (a database's message) not sent. */
static unsigned query_failed(struct reply *r, pc_status st,
                             const pc_error *err) {
  if (st == PC_ERR_USAGE)
    return fail(r, 400, err->msg);
  fprintf(stderr, "presscut serve: archive: %s\n", err->msg);
  return fail(r, 500, "the archive could not answer; see the server's log");
}

/*** arguments ****************************************************************/

static const char *arg(const struct json_object *args, const char *k) {
  const char *v = pc_json_get_str(args, k, NULL);
  return v && *v ? v : NULL; /* an empty form field restricts nothing */
}

/* Whether every argument is one of names (NULL-terminated); else the 400. */
static bool known_args(const struct json_object *args,
                       const char *const *names, struct reply *r) {
  json_object_object_foreach((struct json_object *)args, k, v) {
    (void)v;
    size_t i = 0;
    while (names[i] && strcmp(names[i], k) != 0)
      i++;
    if (!names[i]) {
      char msg[96];
      snprintf(msg, sizeof msg, "unknown parameter '%.40s'", k);
      fail(r, 400, msg);
      return false;
    }
  }
  return true;
}

/* A whole number from lo to hi, or def when absent; else the 400. */
static bool num_arg(const struct json_object *args, const char *k, long lo,
                    long hi, long def, long *out, struct reply *r) {
  const char *v = arg(args, k);
  *out = def;
  if (!v)
    return true;
  char *end = NULL;
  errno = 0;
  long n = v[0] >= '0' && v[0] <= '9' ? strtol(v, &end, 10) : -1;
  if (errno || !end || *end || n < lo || n > hi) {
    char msg[96];
    snprintf(msg, sizeof msg, "%s: a whole number from %ld to %ld", k, lo,
             hi);
    fail(r, 400, msg);
    return false;
  }
  *out = n;
  return true;
}

/* A route's arguments: only names (NULL-terminated), "limit" from 1 to
 * max_limit (def_limit when absent) and "offset" from 0 to max_offset;
 * else false, r the 400. */
static bool page_args(struct reply *r, const struct json_object *args,
                      const char *const *names, long max_limit,
                      long def_limit, long max_offset, long *limit,
                      long *offset) {
  return known_args(args, names, r) &&
         num_arg(args, "limit", 1, max_limit, def_limit, limit, r) &&
         num_arg(args, "offset", 0, max_offset, 0, offset, r);
}

/* A JSON object of ours (a line the archive wrote), or NULL. */
static struct json_object *parse(const char *s, size_t n, int depth) {
  const char *why = NULL;
  return pc_json_parse(s, n, true, depth, &why);
}

/*** rows *********************************************************************/

/* The JSON Lines a query writes, kept whole. */
static int collect(void *closure, const unsigned char *data, size_t len) {
  return pc_buf_add(closure, (const char *)data, len) ? 0 : 1;
}

/* Appends to out, as a JSON array, the lines of rows from the offset-th
 * (0-based) on, at most limit of them; returns the number of lines. */
static size_t lines_array(struct pc_buf *out, const struct pc_buf *rows,
                          size_t offset, size_t limit) {
  size_t n = 0, kept = 0;
  pc_buf_addc(out, '[');
  const char *p = rows->data, *end = rows->data ? rows->data + rows->len
                                                : NULL;
  while (p && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (len && n >= offset && kept < limit) {
      if (kept++)
        pc_buf_addc(out, ',');
      pc_buf_add(out, p, len);
    }
    n += len > 0;
    p += len + 1;
  }
  pc_buf_addc(out, ']');
  return n;
}

enum what { SEARCH, CLAIMS, SPEAKERS, NETWORK };

/* Runs q (JSON Lines, or the network's one object) into rows. */
static pc_status run(pc_archive *a, enum what w, pc_archive_query *q,
                     struct pc_buf *rows, pc_error *err) {
  q->format = w == NETWORK ? PC_ARCHIVE_NETWORK : PC_ARCHIVE_JSON;
  pc_status st = w == SEARCH ? pc_archive_search(a, q, collect, rows, err)
                 : w == SPEAKERS
                     ? pc_archive_speakers(a, q, collect, rows, err)
                     : pc_archive_claims(a, q, collect, rows, err);
  if (st == PC_OK && rows->failed)
    st = pc_error_set(err, PC_ERR_NOMEM, "the answer is too large");
  return st;
}

/* Writes (part of) an answer onto out from the rows of its query; how
 * is the route's own. */
typedef void write_rows(struct pc_buf *out, const struct pc_buf *rows,
                        const void *how);

/* Runs q and writes its rows onto r with write; false with r's error
 * reply when the query fails. */
static bool answer_rows(struct reply *r, pc_archive *a, enum what w,
                        pc_archive_query *q, write_rows *write,
                        const void *how) {
  struct pc_buf rows;
  pc_buf_init(&rows, 0);
  pc_error err = {""};
  pc_status st = run(a, w, q, &rows, &err);
  if (st == PC_OK)
    write(&r->b, &rows, how);
  pc_buf_cleanup(&rows);
  if (st != PC_OK)
    query_failed(r, st, &err);
  return st == PC_OK;
}

/* A whole answer from the rows of q: 200, or the error's status. */
static unsigned answer(struct reply *r, pc_archive *a, enum what w,
                       pc_archive_query *q, write_rows *write,
                       const void *how) {
  if (answer_rows(r, a, w, q, write, how))
    r->status = 200;
  return r->status;
}

struct page {
  const char *key;
  long offset, limit;
};

static void write_page(struct pc_buf *out, const struct pc_buf *rows,
                       const void *how) {
  const struct page *pg = how;
  pc_buf_printf(out, "{\"%s\":", pg->key);
  size_t n = lines_array(out, rows, (size_t)pg->offset, (size_t)pg->limit);
  pc_buf_printf(out, ",\"offset\":%ld,\"limit\":%ld,\"more\":%s}",
                pg->offset, pg->limit,
                n > (size_t)(pg->offset + pg->limit) ? "true" : "false");
}

/* A paged list: {"KEY":[rows],"offset":O,"limit":L,"more":bool}. */
static unsigned paged(struct reply *r, pc_archive *a, enum what w,
                      pc_archive_query *q, const char *key, long offset,
                      long limit) {
  q->limit = (size_t)(offset + limit + 1); /* one more: is there more? */
  struct page pg = {key, offset, limit};
  return answer(r, a, w, q, write_page, &pg);
}

/*** routes *******************************************************************/

static const char *const CLAIM_ARGS[] = {"claimant", "accused", "event",
                                         "since",    "until",   "limit",
                                         "offset",   NULL};

static void claim_query(const struct json_object *args, pc_archive_query *q) {
  q->claimant = arg(args, "claimant");
  q->accused = arg(args, "accused");
  q->event = arg(args, "event");
  q->since = arg(args, "since");
  q->until = arg(args, "until");
}

static unsigned search(struct reply *r, pc_archive *a,
                       const struct json_object *args) {
  static const char *const names[] = {"q",     "speaker", "about", "kind",
                                      "since", "until",   "site",  "limit",
                                      "offset", "near",   NULL};
  long limit, offset;
  if (!page_args(r, args, names, LIMIT_MAX, 50, OFFSET_MAX, &limit, &offset))
    return r->status;
  pc_archive_query q;
  pc_archive_query_init(&q);
  q.text = arg(args, "q");
  q.speaker = arg(args, "speaker");
  q.about = arg(args, "about");
  q.kind = arg(args, "kind");
  q.since = arg(args, "since");
  q.until = arg(args, "until");
  q.site = arg(args, "site");
  q.near = arg(args, "near");
  return paged(r, a, SEARCH, &q, "quotes", offset, limit);
}

static unsigned speakers(struct reply *r, pc_archive *a,
                         const struct json_object *args) {
  static const char *const names[] = {"name", "limit", "offset", NULL};
  long limit, offset;
  if (!page_args(r, args, names, LIMIT_MAX, 50, OFFSET_MAX, &limit, &offset))
    return r->status;
  pc_archive_query q;
  pc_archive_query_init(&q);
  q.name = arg(args, "name");
  return paged(r, a, SPEAKERS, &q, "speakers", offset, limit);
}

/* The arguments of a claims route (claims, timeline, network) checked
 * and made into *q: false when they are not (r says why). */
static bool claim_args(struct reply *r, const struct json_object *args,
                       long max_limit, long def_limit, long max_offset,
                       pc_archive_query *q, long *limit, long *offset) {
  if (!page_args(r, args, CLAIM_ARGS, max_limit, def_limit, max_offset,
                 limit, offset))
    return false;
  pc_archive_query_init(q);
  claim_query(args, q);
  return true;
}

static unsigned claims(struct reply *r, pc_archive *a,
                       const struct json_object *args) {
  long limit, offset;
  pc_archive_query q;
  if (!claim_args(r, args, LIMIT_MAX, 50, OFFSET_MAX, &q, &limit, &offset))
    return r->status;
  return paged(r, a, CLAIMS, &q, "claims", offset, limit);
}

/* Whether the JSON line s (n bytes) has a "date". */
static bool dated(const char *s, size_t n) {
  struct json_object *o = parse(s, n, 16);
  bool d = pc_json_get_str(o, "date", NULL) != NULL;
  json_object_put(o);
  return d;
}

/* Appends the lines of rows (claims, newest first, the undated last) as an
 * array, oldest first, the undated still last. */
static void oldest_first(struct pc_buf *out, const struct pc_buf *rows) {
  size_t n = 0, cap = 64;
  const char **line = malloc(cap * sizeof *line);
  size_t *len = malloc(cap * sizeof *len);
  const char *p = rows->data, *end = p ? p + rows->len : NULL;
  while (line && len && p && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);
    if (l && n == cap) {
      cap *= 2;
      const char **l2 = realloc(line, cap * sizeof *line);
      size_t *n2 = l2 ? realloc(len, cap * sizeof *len) : NULL;
      line = l2 ? l2 : line;
      len = n2 ? n2 : len;
      if (!l2 || !n2)
        break;
    }
    if (l)
      line[n] = p, len[n++] = l;
    p += l + 1;
  }
  if (!line || !len || (p && p < end))
    out->failed = true; /* out of memory: answered 500 */
  size_t k = n; /* the dated, from the end; then the undated, in order */
  while (k > 0 && !dated(line[k - 1], len[k - 1]))
    k--;
  pc_buf_addc(out, '[');
  for (size_t i = k; i-- > 0;)
    pc_buf_add(out, ",", i + 1 < k), pc_buf_add(out, line[i], len[i]);
  for (size_t i = k; i < n; i++)
    pc_buf_add(out, ",", i > 0), pc_buf_add(out, line[i], len[i]);
  pc_buf_addc(out, ']');
  free(line);
  free(len);
}

/* how: the event's words. */
static void write_timeline(struct pc_buf *out, const struct pc_buf *rows,
                           const void *how) {
  pc_buf_adds(out, "{\"event\":");
  pc_json_cstr(out, how);
  pc_buf_adds(out, ",\"claims\":");
  oldest_first(out, rows);
  pc_buf_addc(out, '}');
}

/* The claims about an event, oldest first (the undated last): who accused
 * whom, when, where. */
static unsigned timeline(struct reply *r, pc_archive *a,
                         const struct json_object *args) {
  long limit, offset;
  pc_archive_query q;
  if (!claim_args(r, args, LIMIT_MAX, 200, 0, &q, &limit, &offset))
    return r->status;
  if (!arg(args, "event"))
    return fail(r, 400, "event: the words of the event, required");
  q.limit = (size_t)limit;
  return answer(r, a, CLAIMS, &q, write_timeline, q.event);
}

/* The network's one object as it is ({} for none). */
static void write_network(struct pc_buf *out, const struct pc_buf *rows,
                          const void *how) {
  (void)how;
  size_t n = rows->len;
  while (n && rows->data[n - 1] == '\n')
    n--;
  pc_buf_add(out, rows->data ? rows->data : "{}", rows->data ? n : 2);
}

static unsigned network(struct reply *r, pc_archive *a,
                        const struct json_object *args) {
  long limit, offset;
  pc_archive_query q;
  if (!claim_args(r, args, 2000, 100, 0, &q, &limit, &offset))
    return r->status;
  q.limit = (size_t)limit;
  return answer(r, a, NETWORK, &q, write_network, NULL);
}

/* Appends ,"months":[{"month":"YYYY-MM","quotes":N}...] oldest first, from
 * the dates of rows (quotes, newest first; the undated last, not
 * counted). */
static void months(struct pc_buf *out, const struct pc_buf *rows) {
  char (*month)[8] = calloc(SPEAKER_QUOTES + 1, sizeof *month);
  long *count = calloc(SPEAKER_QUOTES + 1, sizeof *count);
  size_t n = 0;
  const char *p = rows->data, *end = p ? p + rows->len : NULL;
  while (month && count && p && p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
    struct json_object *o = len ? parse(p, len, 16) : NULL;
    const char *d = pc_json_get_str(o, "date", NULL);
    if (d && strlen(d) >= 7 && n <= SPEAKER_QUOTES) {
      if (!n || strncmp(month[n - 1], d, 7) != 0)
        snprintf(month[n++], sizeof *month, "%.7s", d);
      count[n - 1]++;
    }
    json_object_put(o);
    p += len + 1;
  }
  pc_buf_adds(out, ",\"months\":[");
  for (size_t i = n; i-- > 0;) {
    pc_buf_adds(out, i + 1 < n ? ",{\"month\":" : "{\"month\":");
    pc_json_cstr(out, month[i]);
    pc_buf_printf(out, ",\"quotes\":%ld}", count[i]);
  }
  pc_buf_addc(out, ']');
  free(month);
  free(count);
}

/* A section of a speaker's answer: ,"KEY":[rows] (at most limit), then
 * for quotes their count and their months. */
struct section {
  const char *key;
  size_t limit;
  bool quotes;
};

static void write_section(struct pc_buf *out, const struct pc_buf *rows,
                          const void *how) {
  const struct section *sc = how;
  pc_buf_printf(out, ",\"%s\":", sc->key);
  size_t n = lines_array(out, rows, 0, sc->limit);
  if (sc->quotes) {
    pc_buf_printf(out, ",\"quote_count\":%zu", n);
    months(out, rows);
  }
}

/* Appends the section of q; false with the reply set when the query
 * fails. */
static bool section(struct reply *r, pc_archive *a, enum what w,
                    pc_archive_query *q, const char *key, size_t limit) {
  struct section sc = {key, limit, w == SEARCH};
  return answer_rows(r, a, w, q, write_section, &sc);
}

/* One speaker: the speakers row of the best match of name, their quotes
 * (newest first) and their number by month, the claims they make and the
 * claims made against them. */
static unsigned speaker(struct reply *r, pc_archive *a,
                        const struct json_object *args) {
  static const char *const names[] = {"name", "limit", NULL};
  long limit;
  if (!known_args(args, names, r) ||
      !num_arg(args, "limit", 1, LIMIT_MAX, 50, &limit, r))
    return r->status;
  if (!arg(args, "name"))
    return fail(r, 400, "name: a speaker's name, required");
  pc_archive_query q;
  pc_archive_query_init(&q);
  q.name = arg(args, "name");
  q.limit = 1;
  struct pc_buf row;
  pc_buf_init(&row, 0);
  pc_error err = {""};
  pc_status st = run(a, SPEAKERS, &q, &row, &err);
  struct json_object *sp =
      st == PC_OK && row.len ? parse(row.data, row.len, 16)
                             : NULL;
  const char *canon = pc_json_get_str(sp, "name", NULL);
  if (st != PC_OK)
    query_failed(r, st, &err);
  else if (!canon)
    fail(r, 404, "no speaker of that name in the archive");
  bool ok = st == PC_OK && canon;
  if (ok) {
    while (row.len && row.data[row.len - 1] == '\n')
      row.data[--row.len] = '\0';
    pc_buf_adds(&r->b, "{\"speaker\":");
    pc_buf_add(&r->b, row.data, row.len);
  }
  pc_archive_query_init(&q);
  q.speaker = canon;
  q.limit = SPEAKER_QUOTES;
  ok = ok && section(r, a, SEARCH, &q, "quotes", (size_t)limit);
  pc_archive_query_init(&q);
  q.claimant = canon;
  q.limit = LIMIT_MAX;
  ok = ok && section(r, a, CLAIMS, &q, "claims_made", LIMIT_MAX);
  pc_archive_query_init(&q);
  q.accused = canon;
  q.limit = LIMIT_MAX;
  ok = ok && section(r, a, CLAIMS, &q, "claims_received", LIMIT_MAX);
  if (ok) {
    pc_buf_addc(&r->b, '}');
    r->status = 200;
  }
  json_object_put(sp);
  pc_buf_cleanup(&row);
  return r->status;
}

/* That the server has an archive (the main page shows its links then). */
static unsigned status(struct reply *r, pc_archive *a,
                       const struct json_object *args) {
  static const char *const names[] = {NULL};
  (void)a;
  if (!known_args(args, names, r))
    return r->status;
  pc_buf_adds(&r->b, "{\"archive\":true}");
  return r->status = 200;
}

static const struct {
  const char *name;
  unsigned (*fn)(struct reply *, pc_archive *, const struct json_object *);
} routes[] = {{"search", search},     {"speakers", speakers},
              {"speaker", speaker},   {"claims", claims},
              {"timeline", timeline}, {"network", network},
              {"status", status}};

/* r's body for the caller (a last 500 when it could not be built). */
static unsigned hand_over(struct reply *r, char **body, size_t *len) {
  if (r->b.failed)
    fail(r, 500, "the answer is too large");
  *body = pc_buf_steal(&r->b, len);
  if (!*body)
    pc_buf_cleanup(&r->b);
  return r->status;
}

unsigned pc_aweb_get(struct pc_aweb *w, const char *route,
                     const struct json_object *args, char **body,
                     size_t *len) {
  struct reply r = {500, {0}};
  pc_buf_init(&r.b, 0);
  size_t i = 0, n = sizeof routes / sizeof *routes;
  while (i < n && strcmp(routes[i].name, route) != 0)
    i++;
  if (i == n) {
    fail(&r, 404, "not found: the archive's routes are search, speakers, "
                  "speaker, claims, timeline, network, status and save");
    return hand_over(&r, body, len);
  }
  pc_error err = {""};
  pc_archive *a = take(w, &err);
  if (!a) {
    fprintf(stderr, "presscut serve: archive: %s\n", err.msg);
    fail(&r, 503, "the archive cannot be opened; see the server's log");
    return hand_over(&r, body, len);
  }
  routes[i].fn(&r, a, args);
  give(w, a);
  return hand_over(&r, body, len);
}

/*** save ************************************************************************/

/* line (a `batch --attribution` JSON line) into a new temporary file,
 * whose name goes into path. */
static bool temp_line(const char *line, size_t n, char *path, size_t cap) {
  const char *dir = getenv("TMPDIR");
  snprintf(path, cap, "%s/presscut-save-XXXXXX", dir && *dir ? dir : "/tmp");
  int fd = mkstemp(path);
  if (fd < 0)
    return false;
  bool ok = true;
  for (size_t off = 0; ok && off < n;) {
    ssize_t k = write(fd, line + off, n - off);
    ok = k > 0 || (k < 0 && errno == EINTR);
    off += k > 0 ? (size_t)k : 0;
  }
  ok = close(fd) == 0 && ok;
  if (!ok)
    unlink(path);
  return ok;
}

/* pc_index of the line in path, one save at a time (index's writes take
 * the archive's write lock anyway; this keeps two saves from waiting on
 * each other inside it). */
static pc_status index_line(struct pc_aweb *w, const char *path,
                            pc_index_stats *stats, pc_error *err) {
  pc_archive *a = take(w, err);
  if (!a)
    return PC_ERR_IO;
  pc_index_opts io;
  pc_index_opts_init(&io);
  io.from_jsonl = path;
  pthread_mutex_lock(&w->save);
  pc_status st = pc_index(a, NULL, &io, stats, err);
  pthread_mutex_unlock(&w->save);
  give(w, a);
  return st;
}

unsigned pc_aweb_save(struct pc_aweb *w, const pc_doc *doc, char **body,
                      size_t *len) {
  struct reply r = {500, {0}};
  pc_buf_init(&r.b, 0);
  char *js = NULL;
  size_t jl = 0;
  pc_error err = {""};
  pc_status st = pc_render(doc, PC_FORMAT_JSON, &js, &jl, &err);
  struct json_object *o = st == PC_OK ? parse(js, jl, 64)
                                      : NULL;
  char path[4096];
  pc_index_stats stats = {0};
  if (st == PC_OK && o && pc_buf_add(&r.b, js, jl) && pc_buf_addc(&r.b, '\n') &&
      temp_line(r.b.data, r.b.len, path, sizeof path)) {
    st = index_line(w, path, &stats, &err);
    unlink(path);
  } else {
    st = st == PC_OK ? pc_error_set(&err, PC_ERR_IO, "no temporary file: %s",
                                    strerror(errno))
                     : st;
  }
  r.b.len = 0;
  if (st != PC_OK || stats.errors) {
    fprintf(stderr, "presscut serve: archive: save: %s\n",
            err.msg[0] ? err.msg : "the article was not stored");
    fail(&r, 500, "the article could not be stored; see the server's log");
  } else {
    pc_buf_printf(&r.b, "{\"saved\":true,\"added\":%s,\"quotes\":%llu,"
                        "\"claims\":%llu,\"title\":",
                  stats.articles ? "true" : "false", stats.quotes,
                  stats.claims);
    pc_json_cstr(&r.b, pc_json_get_str(o, "title", NULL));
    pc_buf_adds(&r.b, ",\"url\":");
    pc_json_cstr(&r.b, pc_json_get_str(o, "url", NULL));
    pc_buf_addc(&r.b, '}');
    r.status = 200;
  }
  json_object_put(o);
  pc_free(js);
  return hand_over(&r, body, len);
}
