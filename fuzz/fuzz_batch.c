/*
 * fuzz_batch.c - libFuzzer target for presscut batch's readers: the bytes
 * as an input file (sniffed: a WARC, gzipped or not, JSON Lines, or one
 * document) through pc_batch_run with one worker.  Byte 0 picks the form:
 * bit 0 gzip the rest (so the compressed path is reached), bit 1 name the
 * file .jsonl.  Checks, besides the sanitizers: the run completes, the
 * counts add up (read = written + errors + skipped + duplicates + done +
 * other_shards + unwritten), and every
 * output line is a JSON object with an id.
 *
 *   build-fuzz/fuzz/fuzz_batch -dict=fuzz/dict/batch.dict \
 *         fuzz/corpus-work/batch fuzz/seeds/batch fuzz/regress/batch
 */
#include "presscut.h"

#include "fuzz_check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pc_ctx *ctx;
static char dir[64];

static void done(void) {
  pc_ctx_free(ctx);
  char p[128];
  const char *names[] = {"in.bin", "in.jsonl", "out.jsonl", "err.jsonl"};
  for (int i = 0; i < 4; i++) {
    snprintf(p, sizeof p, "%s/%s", dir, names[i]);
    unlink(p);
  }
  rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  pc_error err;
  if (!ctx && pc_ctx_new(NULL, &ctx, &err) != PC_OK)
    abort();
  snprintf(dir, sizeof dir, "/tmp/fuzz-batch-XXXXXX");
  if (!mkdtemp(dir))
    abort();
  atexit(done);
  return 0;
}

static unsigned long long check_lines(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  unsigned long long k = 0;
  while ((n = getline(&line, &cap, f)) > 0) {
    struct json_object *j = fz_json_parse(line, (size_t)n);
    CHECK(j && json_object_is_type(j, json_type_object));
    CHECK(json_object_is_type(fz_json_get(j, "id"), json_type_string));
    CHECK(json_object_is_type(fz_json_get(j, "source"), json_type_object));
    json_object_put(j);
    k++;
  }
  free(line);
  fclose(f);
  return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  unsigned mode = data[0];
  data++, size--;
  char in[128], out[128], errs[128];
  snprintf(in, sizeof in, "%s/%s", dir, (mode & 2) ? "in.jsonl" : "in.bin");
  snprintf(out, sizeof out, "%s/out.jsonl", dir);
  snprintf(errs, sizeof errs, "%s/err.jsonl", dir);
  if (mode & 1) {
    gzFile g = gzopen(in, "wb");
    CHECK(g);
    if (size)
      gzwrite(g, data, (unsigned)size);
    gzclose(g);
  } else {
    FILE *f = fopen(in, "wb");
    CHECK(f);
    if (size)
      fwrite(data, 1, size, f);
    fclose(f);
  }
  const char *inputs[1] = {in};
  pc_batch_opts bo;
  pc_batch_opts_init(&bo);
  bo.inputs = inputs;
  bo.ninputs = 1;
  bo.out = out;
  bo.errors = errs;
  bo.jobs = 1;
  bo.max_doc = 1u << 20;
  pc_batch_stats st;
  pc_error err;
  CHECK(pc_batch_run(ctx, &bo, &st, &err) == PC_OK);
  CHECK(st.read == st.written + st.errors + st.skipped + st.duplicates +
                   st.done + st.other_shards + st.unwritten);
  CHECK(check_lines(out) == st.written);
  CHECK(check_lines(errs) == st.errors);
  unlink(in);
  return 0;
}
