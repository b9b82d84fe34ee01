/* hello.c - a program of a library user, built against an installed
 * presscut with pkg-config (tests/install/test_install.sh): reads an
 * article, extracts and attributes it, prints its title and counts. */
#include <presscut.h>

#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0, k;
  char *b = malloc(cap);
  while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
    n += k;
    if (n == cap) {
      char *nb = realloc(b, cap *= 2);
      if (!nb) {
        free(b);
        b = NULL;
      }
      b = nb;
    }
  }
  fclose(f);
  *len = n;
  return b;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: hello FILE\n");
    return 2;
  }
  size_t len = 0;
  char *data = slurp(argv[1], &len);
  if (!data) {
    fprintf(stderr, "hello: cannot read %s\n", argv[1]);
    return 3;
  }
  pc_error err = {{0}};
  pc_ctx *ctx = NULL;
  pc_doc *doc = NULL;
  pc_load_opts o;
  pc_load_opts_init(&o);
  o.attribution = 1;
  pc_status st = pc_ctx_new(NULL, &ctx, &err);
  if (st == PC_OK)
    st = pc_load(ctx, data, len, &o, &doc, &err);
  free(data);
  if (st != PC_OK) {
    fprintf(stderr, "hello: %s: %s\n", pc_strerror(st), err.msg);
    pc_ctx_free(ctx);
    return 5;
  }
  const char *title = pc_doc_meta(doc, PC_META_TITLE);
  printf("presscut %s\ntitle: %s\nblocks: %zu\nquotes: %zu\n", pc_version(),
         title ? title : "", pc_doc_block_count(doc), pc_doc_quote_count(doc));
  pc_doc_free(doc);
  pc_ctx_free(ctx);
  return 0;
}
