/* extract.c - pc_extract(): bytes in, document model out. */
#include "extract.h"
#include "input/input.h"

#include <string.h>

void pc_extract_opts_init(pc_extract_opts *opts) {
  memset(opts, 0, sizeof *opts);
  opts->kind = PC_INPUT_AUTO;
  opts->max_input = PC_MAX_INPUT_DEFAULT;
}

pc_status pc_extract(const pc_ctx *ctx, const char *data, size_t len,
                     const pc_extract_opts *opts, pc_doc **out,
                     pc_error *err) {
  if (!ctx || !out || (!data && len))
    return pc_error_set(err, PC_ERR_USAGE, "pc_extract: NULL argument");
  *out = NULL;
  pc_extract_opts def;
  if (!opts) {
    pc_extract_opts_init(&def);
    opts = &def;
  }
  size_t max = opts->max_input ? opts->max_input : PC_MAX_INPUT_DEFAULT;
  if (len > max)
    return pc_error_set(err, PC_ERR_TOO_LARGE,
                        "input is %zu bytes, over the limit of %zu", len, max);
  pc_input_kind kind = opts->kind;
  if (kind == PC_INPUT_AUTO)
    kind = pc_sniff(data ? data : "", len);

  struct pc_buf u8;
  pc_buf_init(&u8, max * 4 + 16);
  const char *s;
  size_t n;
  pc_status st = pc_charset_to_utf8(data ? data : "", len, opts->content_type,
                                    kind == PC_INPUT_HTML, &u8, &s, &n, err);
  if (st != PC_OK) {
    pc_buf_cleanup(&u8);
    return st;
  }
  /* UTF-16 input is only recognisable after conversion */
  if (opts->kind == PC_INPUT_AUTO && kind == PC_INPUT_TEXT)
    kind = pc_sniff(s, n);

  pc_doc *doc = pc_doc_new();
  if (!doc) {
    pc_buf_cleanup(&u8);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  if (kind == PC_INPUT_HTML)
    st = pc_html_extract(ctx, s, n, opts->url, doc, err);
  else
    st = pc_text_extract(ctx, s, n, doc, err);
  pc_buf_cleanup(&u8);
  if (st == PC_OK)
    st = pc_cuts_apply(doc, err);
  if (st == PC_OK) {
    /* The article's own language beats a site-wide declaration. */
    struct pc_buf sample;
    pc_buf_init(&sample, 0);
    for (size_t i = 0; i < doc->nblocks && sample.len < 16384; i++) {
      pc_buf_add(&sample, doc->blocks[i].content.text,
                 doc->blocks[i].content.len);
      pc_buf_addc(&sample, '\n');
    }
    const char *g =
        sample.data ? pc_lang_guess(ctx, sample.data, sample.len) : NULL;
    if (g)
      pc_doc_set_meta(doc, PC_META_LANG, g, strlen(g));
    pc_buf_cleanup(&sample);
  }
  if (st == PC_OK && opts->url && !doc->meta[PC_META_URL])
    pc_doc_set_meta(doc, PC_META_URL, opts->url, strlen(opts->url));
  if (st != PC_OK) {
    pc_doc_free(doc);
    return st;
  }
  *out = doc;
  return PC_OK;
}
