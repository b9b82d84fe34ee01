/* test_threads.c - one context, many documents at once: every thread must
 * get exactly the single-threaded result, for extraction, for attribution
 * (whose data a fresh context loads on first use, here by racing threads)
 * and for PDF output.
 * Usage: test_threads FILE...  */
#define _GNU_SOURCE /* memmem */
#include "presscut.h"
#include "harness.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <zlib.h>

#define THREADS 4

struct job {
  const pc_ctx *ctx;
  char **data;
  size_t *len;
  char **want; /* single-threaded JSON per file */
  int n;
  int bad;
};

static int mode; /* 0 extract, 1 attribution, 2 pdf; set before threads */
/* pdf: the threads share a cache of fonts and dictionaries; the results
 * they are held to were made without one */
static pc_pdf_cache *cache;

struct mem {
  char *p;
  size_t n;
};

static int to_mem(void *closure, const unsigned char *d, size_t n) {
  struct mem *m = closure;
  char *np = realloc(m->p, m->n + n + 1);
  if (!np)
    return 1;
  memcpy(np + m->n, d, n);
  m->p = np;
  m->n += n;
  m->p[m->n] = '\0';
  return 0;
}

/* What the pages draw: the inflated content streams of the PDF (every
 * stream with text operators), joined.  Their glyph positions show any
 * difference in how the text was measured; the font files and their
 * subset names, which depend on what cairo cached earlier in the process,
 * are left out.  NULL on out of memory or when no page has text. */
static char *page_content(const char *pdf, size_t n) {
  struct mem out = {NULL, 0};
  const char *end = pdf + n;
  for (const char *q = pdf; q + 7 < end;) {
    const char *s = memmem(q, (size_t)(end - q), "stream\n", 7);
    if (!s)
      break;
    if (s > pdf && s[-1] == 'd') { /* "endstream\n" */
      q = s + 7;
      continue;
    }
    const char *body = s + 7;
    const char *e = memmem(body, (size_t)(end - body), "endstream", 9);
    if (!e)
      break;
    /* inflated, in a buffer grown until it fits; a stream that is not
     * deflated data (an image, a font's raw part) is passed over */
    unsigned char *buf = NULL;
    uLongf got = 0;
    int zs = Z_BUF_ERROR;
    for (uLongf cap = (uLongf)(e - body) * 8 + 4096;
         zs == Z_BUF_ERROR && cap < (64ul << 20); cap *= 4) {
      unsigned char *nb = realloc(buf, cap);
      if (!nb)
        break;
      buf = nb;
      got = cap;
      zs = uncompress(buf, &got, (const Bytef *)body, (uLong)(e - body));
    }
    bool text = zs == Z_OK &&
                (memmem(buf, got, "TJ", 2) || memmem(buf, got, "Tj", 2));
    if (text && to_mem(&out, buf, got) != 0) {
      free(buf);
      free(out.p);
      return NULL;
    }
    free(buf);
    q = e + 9;
  }
  return out.p;
}

static char *render(const pc_ctx *ctx, const char *data, size_t len) {
  pc_doc *doc = NULL;
  pc_error err;
  if (pc_extract(ctx, data, len, NULL, &doc, &err) != PC_OK)
    return NULL;
  char *js = NULL;
  size_t n;
  if (mode == 2) {
    /* the pages' content stands for the PDF: its bytes as a whole depend
     * on what cairo has cached from earlier PDFs in the process, such as
     * font subset names */
    struct mem m = {NULL, 0};
    pc_print_opts po;
    pc_print_opts_init(&po);
    po.cache = cache;
    if (pc_pdf((const pc_doc *const *)&doc, 1, &po, to_mem, &m, &err) ==
            PC_OK &&
        m.n > 6 && memcmp(m.p + m.n - 6, "%%EOF\n", 6) == 0)
      js = page_content(m.p, m.n);
    free(m.p);
  } else if (mode == 0 || pc_attribute(ctx, doc, NULL, &err) == PC_OK) {
    pc_render(doc, PC_FORMAT_JSON, &js, &n, &err);
  }
  pc_doc_free(doc);
  return js;
}

static void *worker(void *arg) {
  struct job *j = arg;
  for (int i = 0; i < j->n; i++) {
    char *got = render(j->ctx, j->data[i], j->len[i]);
    if (!got || !j->want[i] || strcmp(got, j->want[i]) != 0)
      j->bad++;
    pc_free(got);
  }
  return NULL;
}

int main(int argc, char **argv) {
  pc_ctx *ctx;
  pc_error err;
  if (pc_ctx_new(NULL, &ctx, &err) != PC_OK)
    return 1;
  int n = argc - 1;
  char **data = calloc((size_t)n + 1, sizeof *data);
  size_t *len = calloc((size_t)n + 1, sizeof *len);
  char **want = calloc((size_t)n + 1, sizeof *want);
  for (int i = 0; i < n; i++) {
    FILE *f = fopen(argv[i + 1], "rb");
    CHECK(f != NULL);
    if (!f)
      continue;
    fseek(f, 0, SEEK_END);
    len[i] = (size_t)ftell(f);
    rewind(f);
    data[i] = malloc(len[i] + 1);
    CHECK(fread(data[i], 1, len[i], f) == len[i]);
    fclose(f);
    want[i] = render(ctx, data[i], len[i]);
    CHECK(want[i] != NULL);
  }
  setenv("SOURCE_DATE_EPOCH", "0", 1);
  for (mode = 0; mode < 3; mode++) {
    /* a fresh context each round: its lazy parts start unloaded */
    pc_ctx *fresh = NULL;
    CHECK(pc_ctx_new(NULL, &fresh, &err) == PC_OK);
    int m = mode == 2 && n > 4 ? 4 : n; /* PDFs: a few files are enough */
    for (int i = 0; i < n && mode > 0; i++) {
      pc_free(want[i]);
      want[i] = i < m ? render(ctx, data[i], len[i]) : NULL;
      CHECK(i >= m || want[i] != NULL);
    }
    if (mode == 2)
      CHECK(pc_pdf_cache_new(&cache, &err) == PC_OK);
    pthread_t t[THREADS];
    struct job jobs[THREADS];
    for (int k = 0; k < THREADS; k++) {
      jobs[k] = (struct job){fresh ? fresh : ctx, data, len, want, m, 0};
      CHECK(pthread_create(&t[k], NULL, worker, &jobs[k]) == 0);
    }
    for (int k = 0; k < THREADS; k++) {
      pthread_join(t[k], NULL);

      CHECK(jobs[k].bad == 0);
    }
    pc_ctx_free(fresh);
    pc_pdf_cache_free(cache);
    cache = NULL;
  }
  CHECK(n > 0);
  for (int i = 0; i < n; i++) {
    free(data[i]);
    pc_free(want[i]);
  }
  free(data);
  free(len);
  free(want);
  pc_ctx_free(ctx);
  return h_report();
}
