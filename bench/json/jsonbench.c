/* jsonbench.c - how fast the JSON libraries in Debian parse presscut's
 * inputs: request bodies and JSON Lines documents, {"html": "..."}, whose
 * bytes are nearly all one long string.  Built and run by bench/json/run.
 *
 *   jsonbench FILE.json...
 *
 * Parses every file REPEAT (20) times with the library it was built for,
 * building the whole tree and freeing it, and prints milliseconds per
 * document and MB/s. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPEAT 20

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* One library a build (their names clash): -DLIB_JANSSON, -DLIB_JSONC
 * (FLAGS: json-c tokener flags), -DLIB_CJSON or -DLIB_YAJL. */
#if defined(LIB_JANSSON)
#include <jansson.h>
#define NAME "jansson 2.14"
static int parse(const char *s, size_t n) {
  json_error_t e;
  json_t *j = json_loadb(s, n, JSON_REJECT_DUPLICATES, &e);
  json_decref(j);
  return j != NULL;
}
#elif defined(LIB_JSONC)
#include <json-c/json.h>
#define NAME (FLAGS & JSON_TOKENER_VALIDATE_UTF8 ? "json-c 0.16 (strict, UTF-8 checked)" \
                                                 : "json-c 0.16 (strict)")
static int parse(const char *s, size_t n) {
  struct json_tokener *t = json_tokener_new_ex(16);
  json_tokener_set_flags(t, FLAGS);
  struct json_object *o = json_tokener_parse_ex(t, s, (int)n);
  json_tokener_free(t);
  json_object_put(o);
  return o != NULL;
}
#elif defined(LIB_CJSON)
#include <cjson/cJSON.h>
#define NAME "cJSON 1.7.15"
static int parse(const char *s, size_t n) {
  cJSON *j = cJSON_ParseWithLength(s, n);
  cJSON_Delete(j);
  return j != NULL;
}
#elif defined(LIB_YAJL)
#include <yajl/yajl_tree.h>
#define NAME "yajl 2.1.0"
static int parse(const char *s, size_t n) {
  (void)n; /* yajl_tree_parse wants a NUL-terminated string */
  char eb[128];
  yajl_val v = yajl_tree_parse(s, eb, sizeof eb);
  yajl_tree_free(v);
  return v != NULL;
}
#else
#error "define one of LIB_JANSSON, LIB_JSONC, LIB_CJSON, LIB_YAJL"
#endif

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: jsonbench FILE.json...\n");
    return 2;
  }
  size_t nf = (size_t)argc - 1, total = 0;
  char **data = calloc(nf, sizeof *data);
  size_t *len = calloc(nf, sizeof *len);
  for (size_t i = 0; i < nf; i++) {
    FILE *f = fopen(argv[i + 1], "rb");
    if (!f || fseek(f, 0, SEEK_END) != 0) {
      fprintf(stderr, "jsonbench: %s: cannot read\n", argv[i + 1]);
      return 1;
    }
    long n = ftell(f);
    rewind(f);
    data[i] = malloc((size_t)n + 1);
    len[i] = fread(data[i], 1, (size_t)n, f);
    data[i][len[i]] = '\0';
    fclose(f);
    total += len[i];
  }
  double t0 = now();
  for (int r = 0; r < REPEAT; r++)
    for (size_t i = 0; i < nf; i++)
      if (!parse(data[i], len[i])) {
        fprintf(stderr, "jsonbench: %s failed on %s\n", NAME, argv[i + 1]);
        return 1;
      }
  double dt = now() - t0;
  printf("%-38s %8.3f ms/doc %8.1f MB/s  (%zu docs, %.1f KB on average)\n",
         NAME, dt * 1000 / REPEAT / (double)nf,
         (double)total * REPEAT / dt / 1e6, nf,
         (double)total / (double)nf / 1000);
  for (size_t i = 0; i < nf; i++)
    free(data[i]);
  free(data);
  free(len);
  return 0;
}
