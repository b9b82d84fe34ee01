/* batch.c - presscut batch: every document of directories, files, WARC
 * archives (gzipped or not) and JSON Lines, extracted by N threads into one
 * JSON Lines file; resumable, shardable, with bounded memory.
 *
 * One reader thread walks the inputs in a fixed order and cuts them into
 * units (a file, a WARC response record, a JSON line); each unit gets a
 * sequence number.  Workers take units from a bounded queue, extract (and
 * attribute) them and hand back the line; the main thread writes lines as
 * they come, or in sequence order with --ordered (a reorder window bounded
 * by the queue).  So memory holds at most queue + workers documents.
 *
 * WARC archives are read by warc.c.
 *
 * One line per id: a worker (the writer with --ordered) claims a
 * document's id in a set (16 to 32 bytes a document) before extracting
 * (writing) it; a document whose id is claimed already is a duplicate,
 * counted and not written.  --shard keeps the documents
 * whose id (its first 64 bits) modulo N is I, so the same content is in
 * one shard and the shards add up to the whole run.
 *
 * Resume: the records (source file and offset) already in the output (and
 * errors) file are skipped ("already done"), and their ids are claimed, so
 * a resumed run writes what an uninterrupted one does, one line per id; a
 * partial last line (a kill -9 mid-write) is cut off first.  Each line goes
 * out in one write(2). */
#include "internal.h"
#include "batch/run.h"
#include "render/render.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "core/dl_glib.h"

#define QUEUE_PER_JOB 4
/* The output queue in front of a sink (index): a sink pauses at each of
 * its commits (the archive's text indexes take their transaction's
 * articles then, some 40 ms for 200), and with room for 18 documents the
 * workers stopped too; a queue this deep keeps them going, and its bytes
 * keep it from holding a crawl's largest pages at once. */
#define SINK_QUEUE_PER_JOB 64
#define SINK_QUEUE_BYTES ((size_t)64 << 20)

void pc_batch_opts_init(pc_batch_opts *o) {
  if (!o)
    return;
  memset(o, 0, sizeof *o);
}

/*** units and the queues *************************************************/

/* Frees u, and the object doc_make made of it that was never sunk. */
static void unit_free(const pc_batch_opts *o, struct unit *u) {
  if (!u)
    return;
  if (u->obj)
    o->doc_drop(o->sink_closure, u->obj);
  free(u->file);
  free(u->url);
  free(u->ctype);
  free(u->data);
  free(u->error);
  free(u->line);
  free(u);
}

static void q_init(struct queue *q, size_t cap) {
  memset(q, 0, sizeof *q);
  q->v = calloc(cap, sizeof *q->v);
  q->cap = q->v ? cap : 0;
  pthread_mutex_init(&q->m, NULL);
  pthread_cond_init(&q->not_empty, NULL);
  pthread_cond_init(&q->not_full, NULL);
}

static void q_destroy(struct queue *q) {
  free(q->v);
  pthread_mutex_destroy(&q->m);
  pthread_cond_destroy(&q->not_empty);
  pthread_cond_destroy(&q->not_full);
}

/* Adds u (taking it) and returns true; a closed queue (a failed run)
 * takes nothing: false, and u stays the caller's. */
static size_t q_weight(const struct unit *u) { return u->len + u->line_len; }

static bool q_push(struct queue *q, struct unit *u) {
  pthread_mutex_lock(&q->m);
  while ((q->n == q->cap || (q->max_bytes && q->n &&
                             q->bytes + q_weight(u) > q->max_bytes)) &&
         !q->closed)
    pthread_cond_wait(&q->not_full, &q->m);
  if (q->closed) {
    pthread_mutex_unlock(&q->m);
    return false;
  }
  q->v[(q->head + q->n) % q->cap] = u;
  q->n++;
  q->bytes += q_weight(u);
  pthread_cond_signal(&q->not_empty);
  pthread_mutex_unlock(&q->m);
  return true;
}

/* NULL when closed and empty. */
/* The unit at the head of q, taken off it, or NULL when q is empty; under
 * q->m. */
static struct unit *q_take(struct queue *q) {
  if (!q->n)
    return NULL;
  struct unit *u = q->v[q->head];
  q->head = (q->head + 1) % q->cap;
  q->n--;
  q->bytes -= q_weight(u);
  return u;
}

static struct unit *q_pop(struct queue *q) {
  pthread_mutex_lock(&q->m);
  while (q->n == 0 && !q->closed)
    pthread_cond_wait(&q->not_empty, &q->m);
  struct unit *u = q_take(q);
  if (u)
    pthread_cond_signal(&q->not_full);
  pthread_mutex_unlock(&q->m);
  return u;
}

static void q_close(struct queue *q) {
  pthread_mutex_lock(&q->m);
  q->closed = true;
  pthread_cond_broadcast(&q->not_empty);
  pthread_mutex_unlock(&q->m);
}

static uint64_t key_of(const char *hex) {
  uint64_t k = 0;
  for (int i = 0; i < 16 && hex[i]; i++) {
    char c = hex[i];
    k = k << 4 | (uint64_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  return k ? k : 1;
}

static bool ks_has(const struct keyset *s, uint64_t k) {
  if (!s->cap)
    return false;
  for (size_t h = (size_t)(k * 0x9E3779B97F4A7C15ull) & (s->cap - 1);
       s->v[h]; h = (h + 1) & (s->cap - 1))
    if (s->v[h] == k)
      return true;
  return false;
}

/* Adds k (when missing); false on out of memory. */
static bool ks_add(struct keyset *s, uint64_t k) {
  if ((s->n + 1) * 2 > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *nv = calloc(cap, sizeof *nv);
    if (!nv)
      return false;
    for (size_t i = 0; i < s->cap; i++) {
      uint64_t v = s->v[i];
      if (!v)
        continue;
      size_t h = (size_t)(v * 0x9E3779B97F4A7C15ull) & (cap - 1);
      while (nv[h])
        h = (h + 1) & (cap - 1);
      nv[h] = v;
    }
    free(s->v);
    s->v = nv, s->cap = cap;
  }
  if (ks_has(s, k))
    return true;
  size_t h = (size_t)(k * 0x9E3779B97F4A7C15ull) & (s->cap - 1);
  while (s->v[h])
    h = (h + 1) & (s->cap - 1);
  s->v[h] = k;
  s->n++;
  return true;
}

/* The key of a record's place: its source file (as the output names it:
 * UTF-8, a byte that is not becomes U+FFFD) and its offset. */
static uint64_t place_key(const char *file, size_t flen,
                          unsigned long long off) {
  GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
  char place[32];
  int pl = snprintf(place, sizeof place, "%c%llu", '\0', off);
  g_checksum_update(c, (const guchar *)file, (gssize)flen);
  g_checksum_update(c, (const guchar *)place, pl);
  uint64_t k = key_of(g_checksum_get_string(c));
  g_checksum_free(c);
  return k;
}

/* The place key of an output line, from its "source" object, and the key
 * of its id (*id, 0 when it has none); false when the line has no source
 * (not ours).  Inside a JSON string a quote is always escaped, so the last
 * raw "source":{ is the line's own source, and the first raw },"id":"
 * after it closes that object. */
static bool line_place(const char *line, uint64_t *key, uint64_t *id) {
  static const char tag[] = "\"source\":{";
  const char *src = NULL;
  for (const char *p = strstr(line, tag); p; p = strstr(p + 1, tag))
    src = p;
  const char *end = src ? strstr(src, "},\"id\":\"") : NULL;
  if (!end)
    return false;
  const char *obj = src + sizeof tag - 2; /* at the '{' */
  const char *why = NULL;
  struct json_object *j =
      pc_json_parse(obj, (size_t)(end + 1 - obj), true, 4, &why);
  size_t fl = 0;
  const char *file = pc_json_get_str(j, "file", &fl);
  struct json_object *off = NULL;
  bool ok = file && json_object_object_get_ex(j, "offset", &off) &&
            json_object_is_type(off, json_type_int);
  if (ok)
    *key = place_key(file, fl, (unsigned long long)json_object_get_uint64(off));
  json_object_put(j);
  const char *hex = end + 8; /* after },"id":" */
  *id = strspn(hex, "0123456789abcdef") >= 16 ? key_of(hex) : 0;
  return ok;
}

/* The records (source file and offset) a JSON Lines output file already
 * holds, after cutting a partial last line. */
static pc_status load_done(struct run *r, const char *path, pc_error *err) {
  int fd = open(path, O_RDWR | O_CLOEXEC);
  if (fd < 0)
    return errno == ENOENT ? PC_OK
                           : pc_error_set(err, PC_ERR_IO, "%s: %s", path,
                                          strerror(errno));
  FILE *f = fdopen(fd, "r+");
  if (!f) {
    close(fd);
    return pc_error_set(err, PC_ERR_IO, "%s: %s", path, strerror(errno));
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  off_t good = 0;
  pc_status st = PC_OK;
  while ((n = getline(&line, &cap, f)) > 0) {
    if (line[n - 1] != '\n')
      break; /* the partial last line of an interrupted run */
    good += n;
    uint64_t k, id;
    if (line_place(line, &k, &id) &&
        (!ks_add(&r->done, k) || (id && !ks_add(&r->ids, id)))) {
      st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
      break;
    }
  }
  free(line);
  if (st == PC_OK && ftruncate(fd, good) != 0)
    st = pc_error_set(err, PC_ERR_IO, "%s: %s", path, strerror(errno));
  fclose(f);
  return st;
}

/* A unit that is not written, by why; under r->stat_m. */
static void count_skip(struct run *r, const struct unit *u) {
  switch (u->why) {
  case SKIP_RECORD: r->st.skipped++; break;
  case SKIP_DONE: r->st.done++; break;
  case SKIP_DUPLICATE: r->st.duplicates++; break;
  case SKIP_SHARD: r->st.other_shards++; break;
  }
}

/* A unit read but never written (the output failed, the run stops):
 * counted, so that read = written + errors + skipped + unwritten, and
 * freed. */
static void drop_unit(struct run *r, struct unit *u) {
  if (!u)
    return;
  pthread_mutex_lock(&r->stat_m);
  if (u->skip)
    count_skip(r, u); /* never meant to be written */
  else
    r->st.unwritten++;
  pthread_mutex_unlock(&r->stat_m);
  unit_free(r->o, u);
}

/* The run has stopped (the output failed): the reader reads no more. */
bool pc_batch_stopped(struct run *r) {
  pthread_mutex_lock(&r->in.m);
  bool c = r->in.closed;
  pthread_mutex_unlock(&r->in.m);
  return c;
}

/*** reading ******************************************************************/

static void emit_ex(struct run *r, const char *file, unsigned long long off,
                    char *url, char *ctype, char *data, size_t len,
                    const char *error, bool jsonl) {
  struct unit *u = calloc(1, sizeof *u);
  if (!u) {
    free(url), free(ctype), free(data);
    return;
  }
  u->seq = r->next_seq++;
  u->file = strdup(file);
  u->offset = off;
  u->url = url;
  u->ctype = ctype;
  u->data = data;
  u->len = len;
  u->error = error ? strdup(error) : NULL;
  u->jsonl = jsonl;
  pthread_mutex_lock(&r->stat_m);
  r->st.read++;
  r->st.bytes += len;
  r->st.taken = r->taken_before + pc_stream_taken(r->cur);
  pthread_mutex_unlock(&r->stat_m);
  if (!q_push(&r->in, u))
    drop_unit(r, u);
}

void pc_batch_emit(struct run *r, const char *file, unsigned long long off,
                 char *url, char *ctype, char *data, size_t len,
                 const char *error) {
  emit_ex(r, file, off, url, ctype, data, len, error, false);
}

/* A record that is not a document: counted read and skipped. */
void pc_batch_skip_record(struct run *r, const char *file,
                        unsigned long long off) {
  struct unit *u = calloc(1, sizeof *u);
  if (!u)
    return;
  u->seq = r->next_seq++;
  u->file = strdup(file);
  u->offset = off;
  u->skip = true;
  pthread_mutex_lock(&r->stat_m);
  r->st.read++;
  r->st.taken = r->taken_before + pc_stream_taken(r->cur);
  pthread_mutex_unlock(&r->stat_m);
  if (!q_push(&r->in, u))
    drop_unit(r, u);
}

static void read_jsonl(struct run *r, struct pc_stream *g, const char *file) {
  unsigned long long lineno = 0;
  size_t len;
  bool over;
  char *line;
  while (!pc_batch_stopped(r) &&
         (line = pc_stream_line(g, r->max_doc + 4096, &len, &over)) != NULL) {
    lineno++;
    if (!over && strspn(line, " \t\r\n") == len) {
      free(line);
      continue; /* a blank line is no document */
    }
    if (over) {
      free(line);
      pc_batch_emit(r, file, lineno, NULL, NULL, NULL, 0, "line over the document size cap");
      continue;
    }
    /* decoding is the worker's: the reader only cuts lines */
    emit_ex(r, file, lineno, NULL, NULL, line, len, NULL, true);
  }
  if (pc_stream_failed(g))
    pc_batch_emit(r, file, lineno + 1, NULL, NULL, NULL, 0, STREAM_FAILED);
}

static void read_whole(struct run *r, struct pc_stream *g, const char *file) {
  struct pc_buf b;
  pc_buf_init(&b, r->max_doc);
  char buf[65536];
  size_t k;
  bool over = false;
  while ((k = pc_stream_read(g, buf, sizeof buf)) > 0)
    if (!pc_buf_add(&b, buf, k)) {
      over = true;
      break;
    }
  if (over || pc_stream_failed(g)) {
    pc_buf_cleanup(&b);
    pc_batch_emit(r, file, 0, NULL, NULL, NULL, 0,
         over ? "file over the document size cap" : STREAM_FAILED);
    return;
  }
  size_t n = 0;
  if (!b.data)
    pc_buf_add(&b, "", 0);
  char *d = pc_buf_steal(&b, &n);
  pc_batch_emit(r, file, 0, NULL, NULL, d, n, d ? NULL : "out of memory");
}

/* A file or directory that cannot be opened or read: warned (once, its
 * reason), counted, and an error line for its place. */
static void unreadable(struct run *r, const char *path, int e) {
  pthread_mutex_lock(&r->stat_m);
  r->st.unreadable++;
  pthread_mutex_unlock(&r->stat_m);
  if (r->o->warn) {
    char msg[4200];
    snprintf(msg, sizeof msg, "%s: %s", path, strerror(e));
    r->o->warn(r->o->warn_closure, msg);
  }
  pc_batch_emit(r, path, 0, NULL, NULL, NULL, 0, strerror(e));
}

static void read_file(struct run *r, const char *path) {
  int fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    unreadable(r, path, errno);
    return;
  }
  struct pc_stream *g = pc_stream_open(fd);
  if (!g) {
    pc_batch_emit(r, path, 0, NULL, NULL, NULL, 0, "out of memory");
    return;
  }
  pthread_mutex_lock(&r->stat_m);
  r->st.files++;
  pthread_mutex_unlock(&r->stat_m);
  r->cur = g;
  char head[8];
  size_t k = pc_stream_peek(g, head, 5);
  if (k == 5 && memcmp(head, "WARC/", 5) == 0) {
    pc_batch_read_warc(r, g, path);
  } else if (k > 0 && (head[0] == '{' || (strlen(path) > 6 &&
                       strcmp(path + strlen(path) - 6, ".jsonl") == 0))) {
    read_jsonl(r, g, path);
  } else if (k > 0) {
    read_whole(r, g, path);
  } else if (pc_stream_failed(g)) { /* nothing readable at all */
    pc_batch_emit(r, path, 0, NULL, NULL, NULL, 0, STREAM_FAILED);
  }
  r->cur = NULL;
  r->taken_before += pc_stream_taken(g);
  pc_stream_close(g);
  pthread_mutex_lock(&r->stat_m);
  r->st.taken = r->taken_before;
  pthread_mutex_unlock(&r->stat_m);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories in sorted order, so every run (and every shard) sees the
 * same sequence. */
/* Inside directories only these are read; a file named on the command
 * line is always read, its kind sniffed. */
static bool input_name(const char *n) {
  static const char *const ext[] = {".html", ".htm", ".xhtml", ".txt",
                                    ".text", ".warc", ".warc.gz", ".jsonl",
                                    ".jsonl.gz", ".html.gz", NULL};
  size_t l = strlen(n);
  for (int i = 0; ext[i]; i++) {
    size_t e = strlen(ext[i]);
    if (l > e && g_ascii_strcasecmp(n + l - e, ext[i]) == 0)
      return true;
  }
  return false;
}

struct devino {
  dev_t dev;
  ino_t ino;
};

static guint devino_hash(gconstpointer p) {
  const struct devino *k = p;
  return (guint)(k->ino * 0x9E3779B97F4A7C15ull >> 32) ^ (guint)k->dev;
}

static gboolean devino_equal(gconstpointer a, gconstpointer b) {
  const struct devino *x = a, *y = b;
  return x->dev == y->dev && x->ino == y->ino;
}

/* True (and counted) when the file or directory of sb was reached before
 * through another name: a link, a cycle, a name given twice.  Else it is
 * remembered (the key is the table's). */
static bool seen_before(struct run *r, const struct stat *sb) {
  struct devino k = {sb->st_dev, sb->st_ino};
  if (!g_hash_table_contains(r->seen, &k)) {
    struct devino *nk = g_new(struct devino, 1);
    *nk = k;
    g_hash_table_add(r->seen, nk);
    return false;
  }
  pthread_mutex_lock(&r->stat_m);
  r->st.repeats++;
  pthread_mutex_unlock(&r->stat_m);
  return true;
}

static void walk(struct run *r, const char *path, int depth) {
  if (pc_batch_stopped(r))
    return;
  struct stat sb;
  bool known = strcmp(path, "-") != 0 && stat(path, &sb) == 0;
  if (known && seen_before(r, &sb))
    return;
  if (known && S_ISDIR(sb.st_mode)) {
    if (depth > 64)
      return;
    DIR *d = opendir(path);
    if (!d) {
      unreadable(r, path, errno);
      return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
      if (e->d_name[0] == '.')
        continue;
      char *full = g_build_filename(path, e->d_name, NULL);
      struct stat s2;
      bool dir = stat(full, &s2) == 0 && S_ISDIR(s2.st_mode);
      g_free(full);
      if (!dir && !input_name(e->d_name))
        continue;
      if (n == cap) {
        size_t nc = cap ? cap * 2 : 64;
        char **nn = realloc(names, nc * sizeof *nn);
        if (!nn)
          break;
        names = nn, cap = nc;
      }
      names[n++] = g_build_filename(path, e->d_name, NULL);
    }
    closedir(d);
    if (n > 1)
      qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
      walk(r, names[i], depth + 1);
      g_free(names[i]);
    }
    free(names);
    return;
  }
  read_file(r, path);
}

/* The file bytes walk() would read under path (the same files, each
 * once) added to *sum; false when they cannot be known (standard input). */
static bool input_size(const char *path, int depth, GHashTable *seen,
                       unsigned long long *sum) {
  struct stat sb;
  if (strcmp(path, "-") == 0)
    return false;
  if (stat(path, &sb) != 0 || depth > 64)
    return true;
  struct devino k = {sb.st_dev, sb.st_ino};
  if (g_hash_table_contains(seen, &k))
    return true;
  struct devino *nk = g_new(struct devino, 1);
  *nk = k;
  g_hash_table_add(seen, nk);
  if (!S_ISDIR(sb.st_mode)) {
    *sum += S_ISREG(sb.st_mode) ? (unsigned long long)sb.st_size : 0;
    return S_ISREG(sb.st_mode); /* a pipe or a device: not known */
  }
  DIR *d = opendir(path);
  if (!d)
    return true;
  bool known = true;
  for (struct dirent *e; known && (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.')
      continue;
    char *full = g_build_filename(path, e->d_name, NULL);
    struct stat s2;
    bool dir = stat(full, &s2) == 0 && S_ISDIR(s2.st_mode);
    if (dir || input_name(e->d_name))
      known = input_size(full, depth + 1, seen, sum);
    g_free(full);
  }
  closedir(d);
  return known;
}

static void *reader(void *arg) {
  struct run *r = arg;
  if (r->o->progress) { /* the total, for the progress's percent */
    GHashTable *seen =
        g_hash_table_new_full(devino_hash, devino_equal, g_free, NULL);
    unsigned long long sum = 0;
    bool known = true;
    for (size_t i = 0; known && i < r->o->ninputs; i++)
      known = input_size(r->o->inputs[i], 0, seen, &sum);
    g_hash_table_destroy(seen);
    pthread_mutex_lock(&r->stat_m);
    r->st.total = known ? sum : 0;
    pthread_mutex_unlock(&r->stat_m);
  }
  for (size_t i = 0; i < r->o->ninputs; i++)
    walk(r, r->o->inputs[i], 0);
  q_close(&r->in);
  return NULL;
}

/*** working ******************************************************************/

/* The id: SHA-256 of URL and payload; a record that could not be read
 * has no payload, and is named by its place instead (pc_sha256_hex:
 * libcrypto's, the payload being the whole page).  NULL on OOM. */
static char *digest(const struct unit *u) {
  char place[64];
  snprintf(place, sizeof place, "%llu", u->offset);
  const char *url = u->url ? u->url : "";
  const void *parts[] = {url, "", u->data ? u->data : u->file, place};
  size_t lens[] = {strlen(url), 1, u->data ? u->len : strlen(u->file),
                   strlen(place)};
  char hex[PC_SHA256_HEX];
  return pc_sha256_hex(parts, lens, u->data ? 3 : 4, hex) ? strdup(hex)
                                                            : NULL;
}

/* A string from the input (a file name, a WARC header's URL) as JSON:
 * bytes that are not UTF-8 become U+FFFD, so every line stays valid. */
static void json_text(struct pc_buf *b, const char *s) {
  if (!s) {
    pc_buf_adds(b, "null");
    return;
  }
  struct pc_buf t;
  pc_buf_init(&t, strlen(s) * 3 + 16);
  pc_utf8_sanitize(&t, s, strlen(s));
  pc_json_str(b, t.data ? t.data : "", t.len);
  pc_buf_cleanup(&t);
}

static void source_json(struct pc_buf *b, const struct unit *u,
                        const char *id) {
  pc_buf_adds(b, "\"source\":{\"file\":");
  json_text(b, u->file);
  pc_buf_printf(b, ",\"offset\":%llu},\"id\":", u->offset);
  pc_json_cstr(b, id);
}

/* A JSON line {"url", "html"} into the unit's url and payload. */
static void decode_line(struct unit *u) {
  const char *why = NULL;
  size_t hl = 0;
  struct json_object *j = pc_json_parse(u->data, u->len, true, 16, &why);
  const char *html = pc_json_get_str(j, "html", &hl);
  const char *url = pc_json_get_str(j, "url", NULL);
  free(u->data);
  u->data = NULL;
  u->len = 0;
  if (url)
    u->url = strdup(url);
  if (!html) {
    char msg[160];
    snprintf(msg, sizeof msg, "not a JSON object with an \"html\" string%s%s%s",
             why ? " (" : "", why ? why : "", why ? ")" : "");
    u->error = strdup(msg);
  } else {
    u->data = malloc(hl + 1);
    if (u->data) {
      memcpy(u->data, html, hl + 1);
      u->len = hl;
      u->ctype = strdup("text/html; charset=utf-8");
    } else {
      u->error = strdup("out of memory");
    }
  }
  json_object_put(j);
}

/* The unit's place key, as line_place reads it back from its line. */
static uint64_t unit_place(const struct unit *u) {
  struct pc_buf t;
  pc_buf_init(&t, strlen(u->file) * 3 + 16);
  pc_utf8_sanitize(&t, u->file, strlen(u->file));
  uint64_t k = place_key(t.data ? t.data : "", t.len, u->offset);
  pc_buf_cleanup(&t);
  return k;
}

/* Claims u's id: false when it is claimed already (a duplicate).  Out of
 * memory for the set: claimed, and the document fails. */
static bool claim_id(struct run *r, struct unit *u) {
  bool fresh = true;
  pthread_mutex_lock(&r->ids_m);
  if (ks_has(&r->ids, u->key))
    fresh = false;
  else if (!ks_add(&r->ids, u->key) && !u->error)
    u->error = strdup("out of memory");
  pthread_mutex_unlock(&r->ids_m);
  return fresh;
}

/* doc_make's object of doc (taken) for u, instead of a line. */
static pc_status make_obj(struct run *r, struct unit *u, pc_doc *doc,
                          const char *id, pc_error *err) {
  size_t bytes = 0;
  err->msg[0] = '\0';
  u->obj = r->o->doc_make(r->o->sink_closure, doc, id, &bytes, err);
  if (!u->obj)
    return err->msg[0] ? PC_ERR_INPUT
                       : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  u->line_len = bytes;
  return PC_OK;
}

static void work_one(struct run *r, struct unit *u) {
  if (u->skip)
    return;
  if (u->jsonl)
    decode_line(u);
  char *id = digest(u);
  if (!id)
    return;
  /* Not written: a record the output holds (--resume), another shard's
   * document (by its id, so that the same content is always in the same
   * shard), or an id written already (by this run or the one resumed):
   * one line per id. */
  uint64_t key = key_of(id);
  if (r->done.n && ks_has(&r->done, unit_place(u)))
    u->skip = true, u->why = SKIP_DONE;
  else if (r->o->shard_n && key % r->o->shard_n != r->o->shard_i)
    u->skip = true, u->why = SKIP_SHARD;
  u->key = key;
  if (!u->skip && !r->o->ordered && !claim_id(r, u))
    u->skip = true, u->why = SKIP_DUPLICATE;
  if (u->skip) {
    free(id);
    return;
  }
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_OUTPUT);
  pc_error err = {""};
  pc_status st = PC_OK;
  if (u->error) {
    st = PC_ERR_INPUT;
    snprintf(err.msg, sizeof err.msg, "%s", u->error);
  }
  pc_doc *doc = NULL;
  if (st == PC_OK) {
    pc_load_opts lo;
    pc_load_opts_init(&lo);
    lo.extract.url = u->url;
    lo.extract.content_type = u->ctype;
    lo.extract.max_input = r->max_doc;
    lo.attribution = r->o->attribution;
    lo.date = r->o->date;
    st = pc_load(r->ctx, u->data, u->len, &lo, &doc, &err);
  }
  if (st == PC_OK && r->o->doc_make) {
    st = make_obj(r, u, doc, id, &err);
    doc = NULL; /* doc_make's */
    if (st == PC_OK) {
      free(id);
      free(u->data);
      u->data = NULL;
      u->len = 0;
      return;
    }
  }
  char *js = NULL;
  size_t jl = 0;
  if (st == PC_OK)
    st = pc_render_json_doc(doc, !r->o->no_blocks, &js, &jl, &err);
  if (st == PC_OK && jl >= 2 && js[jl - 1] == '}') {
    /* the document's object, with "source" and "id" added at its end */
    pc_buf_add(&b, js, jl - 1);
    pc_buf_addc(&b, ',');
    source_json(&b, u, id);
    pc_buf_adds(&b, "}\n");
  } else {
    u->failed = true;
    pc_buf_addc(&b, '{');
    source_json(&b, u, id);
    pc_buf_adds(&b, ",\"url\":");
    json_text(&b, u->url);
    pc_buf_adds(&b, ",\"error\":");
    json_text(&b, err.msg[0] ? err.msg : pc_strerror(st));
    pc_buf_adds(&b, "}\n");
  }
  pc_free(js);
  pc_doc_free(doc);
  free(id);
  u->line = b.failed ? NULL : pc_buf_steal(&b, &u->line_len);
  if (!u->line) {
    pc_buf_cleanup(&b);
    u->failed = true;
  }
  /* the payload is not needed any more: memory back at once */
  free(u->data);
  u->data = NULL;
  u->len = 0;
}

static void *worker(void *arg) {
  struct run *r = arg;
  struct unit *u;
  while ((u = q_pop(&r->in)) != NULL) {
    work_one(r, u);
    if (!q_push(&r->out, u)) /* never: out is not closed */
      drop_unit(r, u);
  }
  pthread_mutex_lock(&r->out.m);
  r->live--;
  pthread_cond_broadcast(&r->out.not_empty);
  pthread_mutex_unlock(&r->out.m);
  return NULL;
}

/* Writes the line; on a short write (a full disk, a file-size limit) the
 * part that went out is cut off again, so the file holds whole lines only
 * (when it can be truncated: not a pipe), and errno tells why. */
static bool write_line(int fd, const char *s) {
  size_t n = strlen(s), done = 0;
  while (done < n) {
    ssize_t w = write(fd, s + done, n - done);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0) {
      int e = w < 0 ? errno : ENOSPC;
      off_t end = done ? lseek(fd, 0, SEEK_END) : -1;
      if (end >= (off_t)done && ftruncate(fd, end - (off_t)done) != 0) {
        /* a pipe or a device: the partial line stays; resume cuts it */
      }
      errno = e;
      return false;
    }
    done += (size_t)w;
  }
  return true;
}

/* Writes a finished unit's line (unless an earlier write failed: *failed)
 * and counts it: written or errors only once the whole line is out, else
 * unwritten.  Frees u.  A failed write sets *failed and *why (errno). */
static void put_unit(struct run *r, struct unit *u, int ofd, int efd,
                     bool *failed, int *why) {
  int fd = u->failed ? efd : ofd;
  /* --ordered: the id is claimed here, in input order, so the copy kept
   * of a duplicate is always the first */
  if (r->o->ordered && !u->skip && u->key && !claim_id(r, u))
    u->skip = true, u->why = SKIP_DUPLICATE;
  if (*failed && !u->skip) {
    drop_unit(r, u);
    return;
  }
  const pc_batch_opts *o = r->o;
  bool ok = true, sunk = false;
  if (!u->skip && u->obj && !u->failed) {
    void *obj = u->obj;
    u->obj = NULL; /* doc_sink's now, whatever it says */
    ok = sunk = o->doc_sink(o->sink_closure, obj) == 0;
    errno = ok ? 0 : EIO;
  } else if (!u->skip && u->line && !u->failed && o->sink) {
    ok = o->sink(o->sink_closure, u->line, strlen(u->line)) == 0;
    errno = ok ? 0 : EIO;
  } else if (!u->skip && u->line && fd >= 0) {
    ok = write_line(fd, u->line);
  }
  if (!ok) {
    *failed = true;
    *why = errno;
    drop_unit(r, u);
    return;
  }
  pthread_mutex_lock(&r->stat_m);
  if (u->skip)
    count_skip(r, u);
  else if ((u->line || sunk) && !u->failed)
    r->st.written++;
  else
    r->st.errors++;
  pthread_mutex_unlock(&r->stat_m);
  unit_free(r->o, u);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The state of one pc_batch_run, shared by its parts. */
struct batch {
  const pc_batch_opts *o;
  struct run *r;
  int ofd, efd;
  bool to_stdout;
  pthread_t rd, *ws;
  int started; /* workers started */
  /* the writer's */
  double t0, last;
  unsigned long long next, finished;
  struct unit **window; /* --ordered: units waiting for their turn */
  size_t wcap;
  bool io_failed;
  int io_errno;
  const char *io_file;
};

/* What the run owns besides its queues and threads. */
static void run_free(struct run *r) {
  free(r->done.v);
  free(r->ids.v);
  g_hash_table_destroy(r->seen);
  pthread_mutex_destroy(&r->stat_m);
  pthread_mutex_destroy(&r->ids_m);
  free(r);
}

/* Every input named (not "-") exists and can be opened: a typo in a
 * path fails at once, before anything is read or written. */
static pc_status check_inputs(const pc_batch_opts *o, pc_error *err) {
  for (size_t i = 0; i < o->ninputs; i++) {
    const char *p = o->inputs[i];
    if (!p || strcmp(p, "-") == 0)
      continue;
    struct stat sb;
    bool ok = stat(p, &sb) == 0;
    if (ok && S_ISDIR(sb.st_mode)) {
      DIR *d = opendir(p);
      ok = d != NULL;
      if (d)
        closedir(d);
    } else if (ok) {
      int fd = open(p, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
      ok = fd >= 0;
      if (fd >= 0)
        close(fd);
    }
    if (!ok)
      return pc_error_set(err, PC_ERR_INPUT, "%s: %s", p, strerror(errno));
  }
  return PC_OK;
}

/* Checks the options, makes the run (b->r), reads the ids already written
 * (--resume) and opens the output files (b->ofd, b->efd).  On failure
 * nothing is left open or allocated. */
static pc_status batch_open(const pc_ctx *ctx, struct batch *b,
                            pc_error *err) {
  const pc_batch_opts *o = b->o;
  if (!ctx || !o || (!o->out && !o->sink && !o->doc_sink) || !o->inputs ||
      !o->ninputs)
    return pc_error_set(err, PC_ERR_USAGE, "batch: inputs and --out are needed");
  bool any = o->doc_make || o->doc_sink || o->doc_drop;
  if (any && (!o->doc_make || !o->doc_sink || !o->doc_drop || o->sink))
    return pc_error_set(err, PC_ERR_USAGE, "batch: doc_make, doc_sink and "
                                           "doc_drop go together, not with sink");
  if (o->shard_n && o->shard_i >= o->shard_n)
    return pc_error_set(err, PC_ERR_USAGE, "--shard I/N: I from 0 to N-1");
  pc_status lst = pc_dl_load(PC_DL_CRYPTO, err); /* digest() */
  if (lst != PC_OK)
    return lst;
  lst = check_inputs(o, err);
  if (lst != PC_OK)
    return lst;
  struct run *r = calloc(1, sizeof *r);
  if (!r)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  r->ctx = ctx;
  r->o = o;
  r->max_doc = o->max_doc ? o->max_doc : 32u << 20;
  r->seen = g_hash_table_new_full(devino_hash, devino_equal, g_free, NULL);
  pthread_mutex_init(&r->stat_m, NULL);
  pthread_mutex_init(&r->ids_m, NULL);
  pc_status st = PC_OK;
  if (o->resume) {
    st = load_done(r, o->out, err);
    if (st == PC_OK && o->errors)
      st = load_done(r, o->errors, err);
  }
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (o->resume ? O_APPEND : O_TRUNC);
  bool to_stdout = o->out && strcmp(o->out, "-") == 0; /* a map step's */
  if ((to_stdout || !o->out) && o->resume)
    st = pc_error_set(err, PC_ERR_USAGE, "--resume needs --out FILE, not -");
  int ofd = st != PC_OK || !o->out ? -1
            : to_stdout            ? dup(1)
                                   : open(o->out, flags, 0644);
  if (st == PC_OK && o->out && ofd < 0)
    st = pc_error_set(err, PC_ERR_IO, "%s: %s", o->out, strerror(errno));
  int efd = -1;
  if (st == PC_OK && o->errors) {
    efd = open(o->errors, flags, 0644);
    if (efd < 0)
      st = pc_error_set(err, PC_ERR_IO, "%s: %s", o->errors, strerror(errno));
  }
  if (st != PC_OK) {
    if (ofd >= 0)
      close(ofd);
    run_free(r);
    return st;
  }
  b->r = r;
  b->ofd = ofd;
  b->efd = efd;
  b->to_stdout = to_stdout;
  return PC_OK;
}

/* Makes the queues and starts the reader and the workers (--jobs, else
 * one a core; 256 at most).  b->ws and b->started tell what ran. */
static pc_status batch_start(struct batch *b, pc_error *err) {
  struct run *r = b->r;
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  int jobs = b->o->jobs > 0 ? b->o->jobs : cores > 0 ? (int)cores : 2;
  if (jobs > 256)
    jobs = 256;
  q_init(&r->in, (size_t)jobs * QUEUE_PER_JOB);
  bool sink = b->o->sink || b->o->doc_sink;
  q_init(&r->out, (size_t)jobs * (sink ? SINK_QUEUE_PER_JOB
                                       : QUEUE_PER_JOB * 2) + 2);
  r->out.max_bytes = sink ? SINK_QUEUE_BYTES : 0;
  b->ws = calloc((size_t)jobs, sizeof *b->ws);
  b->started = 0;
  if (!b->ws || !r->in.cap || !r->out.cap ||
      pthread_create(&b->rd, NULL, reader, r) != 0)
    return pc_error_set(err, PC_ERR_NOMEM, "cannot start the threads");
  pthread_mutex_lock(&r->out.m);
  r->live = jobs; /* before any worker can end */
  pthread_mutex_unlock(&r->out.m);
  for (; b->started < jobs; b->started++)
    if (pthread_create(&b->ws[b->started], NULL, worker, r) != 0)
      break;
  /* the ones that did not start never run: a worker may already have
   * ended (and counted itself out), so subtract, never assign */
  pthread_mutex_lock(&r->out.m);
  r->live -= jobs - b->started;
  pthread_mutex_unlock(&r->out.m);
  return PC_OK;
}

/* The next finished unit from the out queue, or NULL after 0.1 s
 * without one. */
static struct unit *out_pop_wait(struct run *r) {
  pthread_mutex_lock(&r->out.m);
  while (r->out.n == 0) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 100000000L;
    if (ts.tv_nsec >= 1000000000L)
      ts.tv_sec++, ts.tv_nsec -= 1000000000L;
    if (pthread_cond_timedwait(&r->out.not_empty, &r->out.m, &ts) == ETIMEDOUT)
      break;
  }
  struct unit *u = q_take(&r->out);
  if (u)
    pthread_cond_signal(&r->out.not_full);
  pthread_mutex_unlock(&r->out.m);
  return u;
}

/* Takes a finished unit: written at once, or (--ordered) kept in the
 * window until every earlier one is in, then written with the ones that
 * follow it.  Out of memory for the window: u is dropped. */
static pc_status batch_take(struct batch *b, struct unit *u, pc_error *err) {
  const pc_batch_opts *o = b->o;
  b->finished++;
  if (o->ordered) {
    size_t slot = (size_t)(u->seq - b->next);
    if (slot >= b->wcap) {
      size_t nc = b->wcap ? b->wcap : 64;
      while (nc <= slot)
        nc *= 2;
      struct unit **nw = realloc(b->window, nc * sizeof *nw);
      if (!nw) {
        pc_status st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
        drop_unit(b->r, u);
        return st;
      }
      memset(nw + b->wcap, 0, (nc - b->wcap) * sizeof *nw);
      b->window = nw, b->wcap = nc;
    }
    b->window[slot] = u;
  }
  struct unit *todo = o->ordered ? NULL : u;
  for (;;) {
    if (o->ordered) {
      if (!b->wcap || !b->window[0])
        break;
      todo = b->window[0];
      memmove(b->window, b->window + 1, (b->wcap - 1) * sizeof *b->window);
      b->window[b->wcap - 1] = NULL;
      b->next++;
    }
    bool was = b->io_failed, to_errors = todo->failed;
    put_unit(b->r, todo, b->ofd, b->efd, &b->io_failed, &b->io_errno);
    if (b->io_failed && !was)
      b->io_file = to_errors ? o->errors : o->out ? o->out : "the sink";
    if (!o->ordered)
      break;
  }
  return PC_OK;
}

/* The main thread writes: as lines come, or in sequence (--ordered),
 * until every unit read is written or a write fails. */
static pc_status batch_write(struct batch *b, pc_error *err) {
  struct run *r = b->r;
  const pc_batch_opts *o = b->o;
  while (b->started > 0) {
    pthread_mutex_lock(&r->in.m);
    bool reader_done = r->in.closed;
    pthread_mutex_unlock(&r->in.m);
    pthread_mutex_lock(&r->stat_m);
    unsigned long long read = r->st.read;
    pthread_mutex_unlock(&r->stat_m);
    if (reader_done && b->finished == read)
      break;
    struct unit *u = out_pop_wait(r);
    if (u) {
      pc_status st = batch_take(b, u, err);
      if (st != PC_OK)
        return st;
    }
    double t = now_s() - b->t0;
    if (o->progress && t - b->last >= 0.1) {
      pthread_mutex_lock(&r->stat_m);
      pc_batch_stats snap = r->st;
      pthread_mutex_unlock(&r->stat_m);
      o->progress(o->progress_closure, &snap, t, 0);
      b->last = t;
    }
    if (b->io_failed)
      return pc_error_set(err, PC_ERR_IO, "cannot write %s: %s", b->io_file,
                          strerror(b->io_errno));
  }
  return PC_OK;
}

/* Drain on failure: the in queue is closed and emptied, so the reader
 * and the workers end. */
static void drain_in(struct run *r) {
  q_close(&r->in);
  for (;;) {
    pthread_mutex_lock(&r->in.m);
    struct unit *u = q_take(&r->in);
    pthread_cond_broadcast(&r->in.not_full);
    pthread_mutex_unlock(&r->in.m);
    if (!u)
      break;
    drop_unit(r, u);
  }
}

/* On failure, workers may be blocked on a full out queue: empty it until
 * every one has ended. */
static void drain_out(struct run *r) {
  for (;;) {
    pthread_mutex_lock(&r->out.m);
    int live = r->live;
    struct unit *u = q_take(&r->out);
    if (u) {
      pthread_cond_signal(&r->out.not_full);
    } else if (live > 0) {
      struct timespec ts;
      clock_gettime(CLOCK_REALTIME, &ts);
      ts.tv_nsec += 10000000L;
      if (ts.tv_nsec >= 1000000000L)
        ts.tv_sec++, ts.tv_nsec -= 1000000000L;
      pthread_cond_timedwait(&r->out.not_empty, &r->out.m, &ts);
    }
    pthread_mutex_unlock(&r->out.m);
    drop_unit(r, u);
    if (!u && live == 0)
      break;
  }
}

/* Ends the threads (st: how the writing went) and drops the units still
 * waiting in the window. */
static void batch_stop(struct batch *b, pc_status st) {
  struct run *r = b->r;
  if (st != PC_OK)
    drain_in(r);
  drain_out(r);
  for (int k = 0; k < b->started; k++)
    pthread_join(b->ws[k], NULL);
  if (b->started > 0 || b->ws) {
    q_close(&r->in);
    if (b->started > 0)
      pthread_join(b->rd, NULL);
  }
  for (size_t i = 0; i < b->wcap; i++)
    drop_unit(r, b->window ? b->window[i] : NULL);
  free(b->window);
}

/* Syncs and closes the output files, reports the final counts and frees
 * the run; returns st, or the sync's failure. */
static pc_status batch_finish(struct batch *b, pc_status st,
                              pc_batch_stats *stats, pc_error *err) {
  struct run *r = b->r;
  const pc_batch_opts *o = b->o;
  if (b->ofd >= 0 && !b->to_stdout && fsync(b->ofd) != 0 && st == PC_OK &&
      errno != EINVAL)
    st = pc_error_set(err, PC_ERR_IO, "%s: %s", o->out, strerror(errno));
  if (b->ofd >= 0)
    close(b->ofd);
  if (b->efd >= 0)
    close(b->efd);
  pthread_mutex_lock(&r->stat_m);
  pc_batch_stats fin = r->st;
  pthread_mutex_unlock(&r->stat_m);
  if (o->progress)
    o->progress(o->progress_closure, &fin, now_s() - b->t0, 1);
  if (stats)
    *stats = fin;
  free(b->ws);
  q_destroy(&r->in);
  q_destroy(&r->out);
  run_free(r);
  return st;
}

pc_status pc_batch_run(const pc_ctx *ctx, const pc_batch_opts *o,
                       pc_batch_stats *stats, pc_error *err) {
  if (stats)
    memset(stats, 0, sizeof *stats);
  struct batch b = {.o = o, .ofd = -1, .efd = -1};
  pc_status st = batch_open(ctx, &b, err);
  if (st != PC_OK)
    return st;
  st = batch_start(&b, err);
  b.t0 = now_s();
  b.io_file = o->out ? o->out : "the sink";
  if (st == PC_OK)
    st = batch_write(&b, err);
  batch_stop(&b, st);
  return batch_finish(&b, st, stats, err);
}
