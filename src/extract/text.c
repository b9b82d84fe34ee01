/*
 * text.c - plain text into the document model.
 *
 * The first non-empty line is the title; blank lines separate paragraphs;
 * the lines of one paragraph are joined with a space.  A line that is only
 * share/print widget text (data/en/widgets.txt) is dropped.
 */
#include "extract.h"

#include <string.h>

static bool blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' &&
        s[i] != '\v')
      return false;
  return true;
}

static pc_status flush(pc_doc *doc, struct pc_textb *t, pc_error *err) {
  pc_text txt;
  if (!pc_textb_finish(t, &doc->arena, &txt))
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  pc_textb_reset(t);
  if (!txt.len)
    return PC_OK;
  pc_block *b = pc_doc_add_block(doc, PC_BLOCK_PARAGRAPH);
  if (!b)
    return doc->truncated ? PC_OK
                          : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  b->content = txt;
  return PC_OK;
}

pc_status pc_text_extract(const pc_ctx *ctx, const char *s, size_t n,
                          pc_doc *doc, pc_error *err) {
  struct pc_textb t;
  pc_textb_init(&t);
  bool have_title = false;
  pc_status st = PC_OK;
  const char *end = s + n;
  while (s < end && st == PC_OK && !doc->truncated) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *le = nl ? nl : end;
    size_t ll = (size_t)(le - s);
    if (ll && s[ll - 1] == '\r')
      ll--;
    if (blank(s, ll)) {
      st = flush(doc, &t, err);
    } else if (!have_title) {
      pc_doc_set_meta(doc, PC_META_TITLE, s, ll);
      have_title = true;
    } else if (!pc_phrases_match_line(&ctx->widgets, s, ll)) {
      if (t.text.len)
        t.pending_space = true;
      pc_textb_add(&t, s, ll);
    }
    s = nl ? nl + 1 : end;
  }
  if (st == PC_OK)
    st = flush(doc, &t, err);
  pc_textb_cleanup(&t);
  return st;
}
