/* test_quotes.c - the attribution API beyond the examples: a language is
 * a data folder (--data-dir), a bad lexicon file is a clear error, and a
 * headline's quote stands in no block.
 * Who said what in given sentences (each kind of quote, each way a speaker
 * is found, each claim pattern family, the cases that must not be
 * reported) are the examples of the tests/spec folder, run by
 * tests/spec/run_spec.py. */
#include "presscut.h"
#include "harness.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* The quote whose text starts with `prefix`, or NULL. */
static const pc_quote *find(const pc_doc *doc, const char *prefix) {
  for (size_t i = 0; i < pc_doc_quote_count(doc); i++)
    if (strncmp(pc_doc_quote(doc, i)->text, prefix, strlen(prefix)) == 0)
      return pc_doc_quote(doc, i);
  return NULL;
}

/* text extracted and attributed with c; NULL when either fails (the
 * document then freed). */
static pc_doc *analysed(pc_ctx *c, const char *text) {
  pc_extract_opts o;
  pc_extract_opts_init(&o);
  pc_doc *d = NULL;
  pc_error err;
  if (pc_extract(c, text, strlen(text), &o, &d, &err) == PC_OK &&
      pc_attribute(c, d, NULL, &err) == PC_OK)
    return d;
  pc_doc_free(d);
  return NULL;
}

/* A language is a data folder: a German lexicon in --data-dir, picked by
 * the document's language, with no code change. */
static void test_language_folder(void) {
  char dir[] = "/tmp/pc-lex-XXXXXX";
  if (!mkdtemp(dir)) {
    CHECK(0);
    return;
  }
  char path[256];
  snprintf(path, sizeof path, "%s/de", dir);
  CHECK(mkdir(path, 0700) == 0);
  static const char *const files[] = {"cues.txt", "frames.txt",
                                      "pronouns.txt", "roles.txt",
                                      "honorifics.txt", "claims.txt",
                                      "countries.txt", "groups.txt",
                                      "given-names.txt", "complementizers.txt",
                                      "members.txt", "heads.txt",
                                      "function-words.txt"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    snprintf(path, sizeof path, "%s/de/%s", dir, files[i]);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
      continue;
    if (strcmp(files[i], "cues.txt") == 0)
      fputs("sagte\nerklärte\n", f);
    if (strcmp(files[i], "pronouns.txt") == 0)
      fputs("er m\nsie f\n", f);
    if (strcmp(files[i], "roles.txt") == 0)
      fputs("sprecher\nministerin\n", f);
    if (strcmp(files[i], "complementizers.txt") == 0)
      fputs("dass\n", f);
    if (strcmp(files[i], "function-words.txt") == 0)
      fputs("det der die das dem den des\nstop dass und ist sind war\n"
            "prep für bei auf von mit\ncap der die das titel\n", f);
    fclose(f);
  }
  pc_ctx *de = NULL;
  pc_error err;
  CHECK(pc_ctx_new(dir, &de, &err) == PC_OK);
  const char *text = "Titel\n\nAnna Schmidt, die Ministerin, sagte, dass der "
                     "Plan für die Brücke nicht mehr zu retten ist und dass "
                     "die Stadt bei dem Bau auf die Hilfe des Landes wartet.\n";
  pc_doc *d = de ? analysed(de, text) : NULL;
  if (d) {
    CHECK_STR(pc_doc_meta(d, PC_META_LANG), "de");
    const pc_quote *q = find(d, "der Plan");
    CHECK(q != NULL);
    CHECK_STR(q ? q->speaker : NULL, "Anna Schmidt");
    CHECK_STR(q ? q->cue : NULL, "sagte");
  } else {
    CHECK(0);
  }
  pc_doc_free(d);
  pc_ctx_free(de);
  /* a line with an unknown category is a clear error, not lost words */
  snprintf(path, sizeof path, "%s/de/function-words.txt", dir);
  FILE *bad = fopen(path, "a");
  if (bad) {
    fputs("detr der\n", bad);
    fclose(bad);
  }
  de = NULL;
  CHECK(pc_ctx_new(dir, &de, &err) == PC_ERR_INPUT);
  CHECK(de == NULL && strstr(err.msg, "detr") != NULL);
  pc_ctx_free(de);
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    snprintf(path, sizeof path, "%s/de/%s", dir, files[i]);
    remove(path);
  }
  snprintf(path, sizeof path, "%s/de", dir);
  rmdir(path);
  rmdir(dir);
}

/* A headline's quote is in no block: its block is PC_QUOTE_TITLE, for
 * which pc_doc_block gives NULL, and its offsets are the title's bytes;
 * the JSON says "block":"title" with code point offsets into "title".
 * It comes after the body's quotes, whose ids it leaves as they were. */
static void test_title_quote(void) {
  pc_ctx *ctx = NULL;
  pc_error err;
  CHECK(pc_ctx_new(NULL, &ctx, &err) == PC_OK);
  const char *text = "Senator Jane Ro\xC3\xA9 says the bridge will reopen\n\n"
                     "Jane Ro\xC3\xA9 spoke on Monday. \xE2\x80\x9CWe are "
                     "nearly done,\xE2\x80\x9D Ro\xC3\xA9 said.\n";
  pc_doc *d = ctx ? analysed(ctx, text) : NULL;
  if (d) {
    CHECK(pc_doc_quote_count(d) == 2);
    const pc_quote *body = find(d, "We are");
    CHECK(body != NULL && body->block == 0 && strcmp(body->id, "q1") == 0);
    const pc_quote *q = find(d, "the bridge");
    const char *title = pc_doc_meta(d, PC_META_TITLE);
    CHECK(q != NULL && q->block == PC_QUOTE_TITLE);
    CHECK(q && pc_doc_block(d, q->block) == NULL);
    CHECK(q && title && q->end == strlen(title) &&
          strncmp(title + q->start, q->text, q->end - q->start) == 0);
    CHECK_STR(q ? q->speaker : NULL, "Jane Ro\xC3\xA9");
    char *out = NULL;
    size_t len = 0;
    CHECK(pc_render(d, PC_FORMAT_QUOTES_JSON, &out, &len, &err) == PC_OK);
    /* "Senator Jane Roé says " is 22 code points (23 bytes) */
    CHECK(out &&
          strstr(out, "\"block\":\"title\",\"start\":22,\"end\":44") != NULL);
    pc_free(out);
    CHECK(pc_render(d, PC_FORMAT_QUOTES_HTML, &out, &len, &err) == PC_OK);
    CHECK(out && strstr(out, "says <mark") != NULL);
    pc_free(out);
  } else {
    CHECK(0);
  }
  pc_doc_free(d);
  pc_ctx_free(ctx);
}

int main(void) {
  test_language_folder();
  test_title_quote();
  return h_report();
}
