/* pipeline.c - one input through the stages: fetch or bytes, extract,
 * cut, delete, attribute.  The command line, the server and batch all
 * call it, so the order and the error mapping are written once. */
#include "internal.h"
#include "input/input.h"

#include <stdio.h>
#include <string.h>

void pc_load_opts_init(pc_load_opts *o) {
  if (!o)
    return;
  memset(o, 0, sizeof *o);
  pc_extract_opts_init(&o->extract);
  pc_fetch_opts_init(&o->fetch);
}

/* The stages after extraction; frees *doc on failure. */
static pc_status after_extract(const pc_ctx *ctx, const pc_load_opts *o,
                               pc_doc **doc, pc_error *err) {
  pc_status st = PC_OK;
  if (o->cut)
    pc_doc_drop_optional(*doc);
  if (o->delete_ids && *o->delete_ids) {
    st = pc_doc_delete_blocks(*doc, o->delete_ids, err);
    if (st == PC_ERR_NOT_FOUND)
      st = PC_ERR_USAGE;
  }
  if (st == PC_OK && o->attribution)
    st = pc_attribute(ctx, *doc, o->date, err);
  if (st != PC_OK) {
    pc_doc_free(*doc);
    *doc = NULL;
  }
  return st;
}

pc_status pc_load(const pc_ctx *ctx, const char *data, size_t len,
                  const pc_load_opts *o, pc_doc **out, pc_error *err) {
  if (!o || !out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_load: NULL argument");
  *out = NULL;
  /* a binary, a PDF or an image would come out as pages of mojibake */
  const char *why = pc_input_refusal(data ? data : "", data ? len : 0,
                                     o->extract.content_type);
  if (why)
    return pc_error_set(err, PC_ERR_INPUT, "not HTML or text (%s)", why);
  pc_status st = pc_extract(ctx, data, len, &o->extract, out, err);
  return st == PC_OK ? after_extract(ctx, o, out, err) : st;
}

int pc_is_url(const char *url) {
  if (!url)
    return 0;
  const char *end = strstr(url, "://");
  if (!end || (size_t)(end - url) >= 16)
    return 0;
  for (const char *p = url; p < end; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
      return 0;
  return 1;
}

pc_status pc_load_url(const pc_ctx *ctx, const char *url,
                      const pc_load_opts *o, pc_doc **out, pc_error *err) {
  if (!url || !o || !out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_load_url: NULL argument");
  *out = NULL;
  if (!pc_ascii_istarts(url, "http://") && !pc_ascii_istarts(url, "https://"))
    return pc_error_set(err, PC_ERR_USAGE,
                        "only http and https URLs are fetched");
  pc_fetch_result *fr = NULL;
  pc_status st = pc_fetch(url, &o->fetch, &fr, err);
  if (st != PC_OK)
    return st;
  pc_load_opts lo = *o;
  lo.extract.url = fr->final_url;
  lo.extract.content_type = fr->content_type;
  st = pc_load(ctx, fr->body, fr->body_len, &lo, out, err);
  pc_fetch_result_free(fr);
  return st;
}
