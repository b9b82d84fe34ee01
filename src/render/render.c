/* render.c - pc_render: the one switch over the output formats.  Document
 * formats (text, Markdown, HTML, JSON) are written by text.c, html.c and
 * json.c; the attribution views (quotes as JSON, text, HTML) by
 * attribution.c.  Each writer sees only the document model. */
#include "render.h"

/* b's text into *out (pc_render's ending), or the error of a b that
 * went over its bound. */
static pc_status finish(struct pc_buf *b, char **out, size_t *out_len,
                        pc_error *err) {
  if (b->failed) {
    pc_buf_cleanup(b);
    return pc_error_set(err, PC_ERR_TOO_LARGE, "output over %u bytes",
                        (unsigned)PC_MAX_OUTPUT);
  }
  *out = pc_buf_steal(b, out_len);
  return *out ? PC_OK : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
}

pc_status pc_render(const pc_doc *doc, pc_format format, char **out,
                    size_t *out_len, pc_error *err) {
  if (!doc || !out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_render: NULL argument");
  *out = NULL;
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_OUTPUT);
  switch (format) {
  case PC_FORMAT_TEXT: pc_render_text(doc, &b, false); break;
  case PC_FORMAT_MARKDOWN: pc_render_text(doc, &b, true); break;
  case PC_FORMAT_HTML: pc_render_html(doc, &b); break;
  case PC_FORMAT_JSON: pc_render_json(doc, &b, true); break;
  case PC_FORMAT_QUOTES_JSON:
  case PC_FORMAT_QUOTES_TEXT:
  case PC_FORMAT_QUOTES_HTML: pc_render_attribution(doc, format, &b); break;
  default:
    return pc_error_set(err, PC_ERR_USAGE, "unknown output format %d",
                        (int)format);
  }
  return finish(&b, out, out_len, err);
}

pc_status pc_render_json_doc(const pc_doc *doc, bool blocks, char **out,
                             size_t *out_len, pc_error *err) {
  if (!doc || !out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_render: NULL argument");
  *out = NULL;
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_OUTPUT);
  pc_render_json(doc, &b, blocks);
  return finish(&b, out, out_len, err);
}
