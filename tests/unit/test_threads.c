/* test_threads.c - one context, many documents at once: every thread must
 * get exactly the single-threaded result.
 * Usage: test_threads FILE...  */
#include "presscut.h"
#include "harness.h"

#include <pthread.h>
#include <stdlib.h>

#define THREADS 4

struct job {
  const pc_ctx *ctx;
  char **data;
  size_t *len;
  char **want; /* single-threaded JSON per file */
  int n;
  int bad;
};

static char *render(const pc_ctx *ctx, const char *data, size_t len) {
  pc_doc *doc = NULL;
  pc_error err;
  if (pc_extract(ctx, data, len, NULL, &doc, &err) != PC_OK)
    return NULL;
  char *js = NULL;
  size_t n;
  pc_render(doc, PC_FORMAT_JSON, &js, &n, &err);
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
  pthread_t t[THREADS];
  struct job jobs[THREADS];
  for (int k = 0; k < THREADS; k++) {
    jobs[k] = (struct job){ctx, data, len, want, n, 0};
    CHECK(pthread_create(&t[k], NULL, worker, &jobs[k]) == 0);
  }
  for (int k = 0; k < THREADS; k++) {
    pthread_join(t[k], NULL);
    CHECK(jobs[k].bad == 0);
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
