/*
 * fuzz_quotes.c - libFuzzer target for the attribution stage: bytes as
 * plain text through pc_extract, pc_attribute, then the three quote
 * renderings.  Byte 0: bit 0 sniff instead of plain text, bit 1 pass a
 * --date.  Checks, besides the sanitizers: every quote lies inside its
 * block, speakers and texts are valid UTF-8, the JSON parses and lists
 * every quote, entity and claim.
 *
 *   build-fuzz/fuzz/fuzz_quotes -dict=fuzz/dict/quotes.dict \
 *         fuzz/corpus-work/quotes fuzz/seeds/quotes fuzz/regress/quotes
 */
#include "presscut.h"

#include "fuzz_check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pc_ctx *ctx;

static void done(void) { pc_ctx_free(ctx); }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  pc_error err;
  if (!ctx && pc_ctx_new(NULL, &ctx, &err) != PC_OK)
    abort();
  atexit(done);
  return 0;
}

static int utf8_ok(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  while (*p) {
    int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3
                                               : (*p >> 3) == 30 ? 4 : 0;
    if (!n)
      return 0;
    for (int i = 1; i < n; i++)
      if ((p[i] & 0xC0) != 0x80)
        return 0;
    p += n;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!ctx)
    LLVMFuzzerInitialize(NULL, NULL);
  if (size < 1)
    return 0;
  unsigned opt = data[0];
  pc_extract_opts o;
  pc_extract_opts_init(&o);
  o.kind = (opt & 1) ? PC_INPUT_AUTO : PC_INPUT_TEXT;
  pc_doc *doc = NULL;
  pc_error err;
  if (pc_extract(ctx, (const char *)data + 1, size - 1, &o, &doc, &err) !=
      PC_OK)
    return 0;
  pc_status st = pc_attribute(ctx, doc, (opt & 2) ? "2024-04-05" : NULL, &err);
  CHECK(st == PC_OK || st == PC_ERR_NOMEM);
  for (size_t i = 0; i < pc_doc_quote_count(doc); i++) {
    const pc_quote *q = pc_doc_quote(doc, i);
    const pc_block *b = pc_doc_block(doc, q->block);
    /* a headline's quote has no block: its offsets are the title's */
    const char *title = pc_doc_meta(doc, PC_META_TITLE);
    size_t len = b                                     ? b->content.len
                 : q->block == PC_QUOTE_TITLE && title ? strlen(title)
                                                       : 0;
    CHECK((b || len) && q->start < q->end && q->end <= len);
    CHECK(b || memcmp(title + q->start, q->text, q->end - q->start) == 0);
    CHECK(utf8_ok(q->text) && strlen(q->text) == q->end - q->start);
    CHECK(!q->speaker || utf8_ok(q->speaker));
    CHECK(q->parent < (int)i || q->parent == -1 || q->parent < (int)pc_doc_quote_count(doc));
    CHECK(q->speaker_entity < (int)pc_doc_entity_count(doc));
  }
  for (size_t i = 0; i < pc_doc_claim_count(doc); i++) {
    const pc_claim *c = pc_doc_claim(doc, i);
    CHECK(c->claimant && c->naccused > 0 && utf8_ok(c->claimant));
  }
  static const pc_format fmts[] = {PC_FORMAT_QUOTES_JSON, PC_FORMAT_QUOTES_TEXT,
                                   PC_FORMAT_QUOTES_HTML, PC_FORMAT_JSON};
  for (size_t f = 0; f < 4; f++) {
    char *out = NULL;
    size_t len = 0;
    if (pc_render(doc, fmts[f], &out, &len, &err) != PC_OK)
      continue;
    CHECK(out[len] == '\0' && strlen(out) == len && utf8_ok(out));
    if (fmts[f] == PC_FORMAT_QUOTES_JSON) {
      struct json_object *j = fz_json_parse(out, len);
      CHECK(j != NULL);
      CHECK(fz_json_array_len(j, "quotes") == (long)pc_doc_quote_count(doc));
      CHECK(fz_json_array_len(j, "claims") == (long)pc_doc_claim_count(doc));
      CHECK(fz_json_array_len(j, "entities") ==
            (long)pc_doc_entity_count(doc));
      json_object_put(j);
    }
    pc_free(out);
  }
  pc_doc_free(doc);
  return 0;
}
