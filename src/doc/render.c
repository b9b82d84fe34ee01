/* render.c - text, Markdown, safe HTML and JSON renderings of a pc_doc. */
#include "quotes/quotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*** JSON ******************************************************************/

void pc_json_str(struct pc_buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  pc_buf_addc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0xE2)
      continue; /* the common case */
    const char *esc = NULL;
    char u[7];
    if (c == '"')
      esc = "\\\"";
    else if (c == '\\')
      esc = "\\\\";
    else if (c == '\n')
      esc = "\\n";
    else if (c == '\t')
      esc = "\\t";
    else if (c == '\r')
      esc = "\\r";
    else if (c < 0x20) {
      u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0';
      u[4] = hex[c >> 4], u[5] = hex[c & 15], u[6] = 0;
      esc = u;
    } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
               ((unsigned char)s[i + 2] == 0xA8 ||
                (unsigned char)s[i + 2] == 0xA9)) {
      /* U+2028/2029 break JavaScript string literals */
      esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
      pc_buf_add(b, s + run, i - run);
      pc_buf_adds(b, esc);
      i += 2;
      run = i + 1;
      continue;
    }
    if (esc) {
      pc_buf_add(b, s + run, i - run);
      pc_buf_adds(b, esc);
      run = i + 1;
    }
  }
  pc_buf_add(b, s + run, n - run);
  pc_buf_addc(b, '"');
}

void pc_json_cstr(struct pc_buf *b, const char *s) {
  if (s)
    pc_json_str(b, s, strlen(s));
  else
    pc_buf_adds(b, "null");
}

static void json_key(struct pc_buf *b, const char *k) {
  pc_buf_addc(b, '"');
  pc_buf_adds(b, k);
  pc_buf_adds(b, "\":");
}

static const char *type_name(pc_block_type t) {
  switch (t) {
  case PC_BLOCK_PARAGRAPH: return "paragraph";
  case PC_BLOCK_HEADING: return "heading";
  case PC_BLOCK_BLOCKQUOTE: return "blockquote";
  case PC_BLOCK_LIST: return "list";
  case PC_BLOCK_PRE: return "preformatted";
  case PC_BLOCK_FIGURE: return "figure";
  case PC_BLOCK_TABLE: return "table";
  case PC_BLOCK_RULE: return "rule";
  }
  return "paragraph";
}

/* Code points in text[0, to): counted on from the cursor's last answer
 * when `to` lies ahead of it, so offsets in text order cost one pass over
 * the text, not one pass per offset. */
struct cp_cursor {
  size_t byte, cps;
};

static size_t cp_offset(struct cp_cursor *c, const char *text, size_t to) {
  if (to < c->byte)
    c->byte = 0, c->cps = 0;
  c->cps += pc_utf8_count(text + c->byte, to - c->byte);
  c->byte = to;
  return c->cps;
}

/* Offsets in JSON are in Unicode code points, as most consumers index. */
static void json_links(struct pc_buf *b, const pc_text *t) {
  size_t nlinks = 0;
  for (size_t i = 0; i < t->nspans; i++)
    nlinks += t->spans[i].type == PC_SPAN_LINK && t->spans[i].href;
  if (!nlinks)
    return;
  pc_buf_adds(b, ",\"links\":[");
  bool first = true;
  struct cp_cursor at_start = {0, 0}, at_end = {0, 0};
  for (size_t i = 0; i < t->nspans; i++) {
    const pc_span *s = &t->spans[i];
    if (s->type != PC_SPAN_LINK || !s->href)
      continue;
    if (!first)
      pc_buf_addc(b, ',');
    first = false;
    size_t cs = cp_offset(&at_start, t->text, s->start);
    size_t ce = cp_offset(&at_end, t->text, s->end);
    pc_buf_printf(b, "{\"start\":%zu,\"end\":%zu,\"href\":", cs, ce);
    pc_json_cstr(b, s->href);
    pc_buf_addc(b, '}');
  }
  pc_buf_addc(b, ']');
}

static void render_json(const pc_doc *doc, struct pc_buf *b) {
  pc_buf_addc(b, '{');
  for (int f = 0; f < PC_META_COUNT_; f++) {
    if (f)
      pc_buf_addc(b, ',');
    json_key(b, pc_meta_name((pc_meta)f));
    pc_json_cstr(b, doc->meta[f]);
  }
  pc_buf_addc(b, ',');
  if (doc->truncated)
    pc_buf_adds(b, "\"truncated\":true,");
  json_key(b, "word_count");
  pc_buf_printf(b, "%zu,", pc_doc_word_count(doc));
  json_key(b, "text");
  struct pc_buf all;
  pc_buf_init(&all, 0);
  for (size_t i = 0; i < doc->nblocks; i++) {
    if (!doc->blocks[i].content.len)
      continue;
    if (all.len)
      pc_buf_adds(&all, "\n\n");
    pc_buf_add(&all, doc->blocks[i].content.text, doc->blocks[i].content.len);
  }
  pc_json_str(b, all.data ? all.data : "", all.len);
  pc_buf_cleanup(&all);
  pc_buf_adds(b, ",\"blocks\":[");
  for (size_t i = 0; i < doc->nblocks; i++) {
    const pc_block *bl = &doc->blocks[i];
    if (i)
      pc_buf_addc(b, ',');
    pc_buf_adds(b, "{\"id\":");
    pc_json_cstr(b, bl->id);
    pc_buf_adds(b, ",\"type\":");
    pc_json_cstr(b, type_name(bl->type));
    pc_buf_printf(b, ",\"level\":%d,\"text\":", bl->level);
    pc_json_str(b, bl->content.text, bl->content.len);
    pc_buf_adds(b, bl->optional ? ",\"optional\":true" : ",\"optional\":false");
    json_links(b, &bl->content);
    if (bl->type == PC_BLOCK_LIST) {
      pc_buf_adds(b, bl->ordered ? ",\"ordered\":true" : ",\"ordered\":false");
      pc_buf_adds(b, ",\"items\":[");
      for (size_t k = 0; k < bl->nitems; k++) {
        if (k)
          pc_buf_addc(b, ',');
        pc_json_str(b, bl->items[k].text, bl->items[k].len);
      }
      pc_buf_addc(b, ']');
    }
    if (bl->type == PC_BLOCK_TABLE) {
      pc_buf_adds(b, ",\"rows\":[");
      for (size_t r = 0; r < bl->nrows; r++) {
        pc_buf_adds(b, r ? ",[" : "[");
        for (size_t c = 0; c < bl->ncols; c++) {
          if (c)
            pc_buf_addc(b, ',');
          const pc_text *cell = &bl->cells[r * bl->ncols + c];
          pc_json_str(b, cell->text, cell->len);
        }
        pc_buf_addc(b, ']');
      }
      pc_buf_addc(b, ']');
    }
    if (bl->type == PC_BLOCK_FIGURE) {
      pc_buf_adds(b, ",\"src\":");
      pc_json_cstr(b, bl->src);
      pc_buf_adds(b, ",\"alt\":");
      pc_json_cstr(b, bl->alt ? bl->alt : "");
      pc_buf_adds(b, ",\"caption\":");
      pc_json_str(b, bl->caption.text ? bl->caption.text : "", bl->caption.len);
      if (bl->href) {
        pc_buf_adds(b, ",\"href\":");
        pc_json_cstr(b, bl->href);
      }
      if (bl->width > 0 && bl->height > 0)
        pc_buf_printf(b, ",\"width\":%d,\"height\":%d", bl->width, bl->height);
    }
    pc_buf_addc(b, '}');
  }
  pc_buf_addc(b, ']');
  if (doc->attr) {
    pc_buf_addc(b, ',');
    pc_attr_json_arrays(doc, b);
  }
  pc_buf_addc(b, '}');
}

/*** plain text and Markdown ***********************************************/

static void render_text(const pc_doc *doc, struct pc_buf *b, bool md) {
  const char *title = doc->meta[PC_META_TITLE];
  if (title) {
    if (md)
      pc_buf_adds(b, "# ");
    pc_buf_adds(b, title);
    pc_buf_adds(b, "\n\n");
  }
  if (md) {
    const char *by = doc->meta[PC_META_BYLINE], *date = doc->meta[PC_META_DATE];
    if (by || date) {
      pc_buf_addc(b, '*');
      if (by)
        pc_buf_adds(b, by);
      if (by && date)
        pc_buf_adds(b, ", ");
      if (date)
        pc_buf_adds(b, date);
      pc_buf_adds(b, "*\n\n");
    }
  }
  bool first = true;
  for (size_t i = 0; i < doc->nblocks; i++) {
    const pc_block *bl = &doc->blocks[i];
    if (!md && !bl->content.len)
      continue;
    if (!first)
      pc_buf_adds(b, "\n\n");
    first = false;
    if (!md) {
      pc_buf_add(b, bl->content.text, bl->content.len);
      continue;
    }
    switch (bl->type) {
    case PC_BLOCK_HEADING:
      for (int l = 0; l < (bl->level ? bl->level : 2) && l < 6; l++)
        pc_buf_addc(b, '#');
      pc_buf_addc(b, ' ');
      pc_buf_add(b, bl->content.text, bl->content.len);
      break;
    case PC_BLOCK_BLOCKQUOTE:
    case PC_BLOCK_PARAGRAPH: {
      bool q = bl->type == PC_BLOCK_BLOCKQUOTE;
      if (q)
        pc_buf_adds(b, "> ");
      for (size_t k = 0; k < bl->content.len; k++) {
        pc_buf_addc(b, bl->content.text[k]);
        if (q && bl->content.text[k] == '\n')
          pc_buf_adds(b, "> ");
      }
      break;
    }
    case PC_BLOCK_LIST:
      for (size_t k = 0; k < bl->nitems; k++) {
        if (k)
          pc_buf_addc(b, '\n');
        if (bl->ordered)
          pc_buf_printf(b, "%zu. ", k + 1);
        else
          pc_buf_adds(b, "- ");
        pc_buf_add(b, bl->items[k].text, bl->items[k].len);
      }
      break;
    case PC_BLOCK_PRE:
      pc_buf_adds(b, "```\n");
      pc_buf_add(b, bl->content.text, bl->content.len);
      pc_buf_adds(b, "\n```");
      break;
    case PC_BLOCK_FIGURE:
      pc_buf_adds(b, "![");
      pc_buf_adds(b, bl->alt ? bl->alt : "");
      pc_buf_adds(b, "](");
      pc_buf_adds(b, bl->src ? bl->src : "");
      pc_buf_addc(b, ')');
      if (bl->caption.len) {
        pc_buf_adds(b, "\n\n*");
        pc_buf_add(b, bl->caption.text, bl->caption.len);
        pc_buf_addc(b, '*');
      }
      break;
    case PC_BLOCK_TABLE:
      for (size_t r = 0; r < bl->nrows; r++) {
        pc_buf_adds(b, "|");
        for (size_t c = 0; c < bl->ncols; c++) {
          pc_buf_addc(b, ' ');
          const pc_text *cell = &bl->cells[r * bl->ncols + c];
          pc_buf_add(b, cell->text, cell->len);
          pc_buf_adds(b, " |");
        }
        pc_buf_addc(b, '\n');
        if (r == 0) {
          pc_buf_adds(b, "|");
          for (size_t c = 0; c < bl->ncols; c++)
            pc_buf_adds(b, " --- |");
          pc_buf_addc(b, '\n');
        }
      }
      while (b->len && b->data[b->len - 1] == '\n')
        b->len--;
      break;
    case PC_BLOCK_RULE:
      pc_buf_adds(b, "---");
      break;
    }
  }
  pc_buf_addc(b, '\n');
}

/*** safe HTML *************************************************************/

void pc_html_esc(struct pc_buf *b, const char *s, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    const char *e = NULL;
    switch (s[i]) {
    case '&': e = "&amp;"; break;
    case '<': e = "&lt;"; break;
    case '>': e = "&gt;"; break;
    case '"': e = "&quot;"; break;
    case '\'': e = "&#39;"; break;
    default: break;
    }
    if (e) {
      pc_buf_add(b, s + run, i - run);
      pc_buf_adds(b, e);
      run = i + 1;
    }
  }
  pc_buf_add(b, s + run, n - run);
}

/* Only http(s), mailto and relative URLs are written; javascript:, data:
 * (except images) and anything else become "#" or are dropped. */
bool pc_html_url_safe(const char *u, bool image) {
  if (!u)
    return false;
  while (*u == ' ' || *u == '\t')
    u++;
  const char *colon = strchr(u, ':');
  const char *slash = strpbrk(u, "/?#");
  if (!colon || (slash && slash < colon))
    return true; /* relative */
  if (pc_ascii_istarts(u, "http:") || pc_ascii_istarts(u, "https:"))
    return true;
  if (!image && pc_ascii_istarts(u, "mailto:"))
    return true;
  if (image && pc_ascii_istarts(u, "data:image/") &&
      !pc_ascii_istarts(u, "data:image/svg"))
    return true;
  return false;
}

/* A span's open or close position, for sorting (no global state: qsort
 * has no context argument in C17). */
struct span_ev {
  size_t pos, k;
};

/* Opens: by start, then in span order. */
static int ev_open_cmp(const void *a, const void *b) {
  const struct span_ev *p = a, *q = b;
  if (p->pos != q->pos)
    return p->pos < q->pos ? -1 : 1;
  return p->k < q->k ? -1 : p->k > q->k;
}

/* Closes: by end, then innermost (last opened) first. */
static int ev_close_cmp(const void *a, const void *b) {
  const struct span_ev *p = a, *q = b;
  if (p->pos != q->pos)
    return p->pos < q->pos ? -1 : 1;
  return p->k > q->k ? -1 : p->k < q->k;
}

void pc_html_inline(struct pc_buf *b, const pc_text *t) {
  /* spans are properly nested or disjoint: emit open/close tags by offset.
   * Opens and closes are visited in sorted order, so a paragraph with many
   * spans costs O(len + n log n), not O(len * n). */
  size_t ns = t->nspans;
  struct span_ev *opens = ns ? malloc(2 * ns * sizeof *opens) : NULL;
  struct span_ev *closes = opens ? opens + ns : NULL;
  if (ns && !opens) {
    b->failed = true;
    return;
  }
  for (size_t k = 0; k < ns; k++) {
    opens[k].pos = t->spans[k].start;
    closes[k].pos = t->spans[k].end;
    opens[k].k = closes[k].k = k;
  }
  if (ns > 1) {
    qsort(opens, ns, sizeof *opens, ev_open_cmp);
    qsort(closes, ns, sizeof *closes, ev_close_cmp);
  }
  size_t pos = 0, oi = 0, ci = 0;
  for (size_t i = 0; i <= t->len; i++) {
    for (; ci < ns && closes[ci].pos <= i; ci++) {
      const pc_span *s = &t->spans[closes[ci].k];
      if (s->end == i && s->start < i) {
        pc_html_esc(b, t->text + pos, i - pos);
        pos = i;
        switch (s->type) {
        case PC_SPAN_LINK: pc_buf_adds(b, pc_html_url_safe(s->href, false) ? "</a>" : ""); break;
        case PC_SPAN_EMPH: pc_buf_adds(b, "</em>"); break;
        case PC_SPAN_STRONG: pc_buf_adds(b, "</strong>"); break;
        case PC_SPAN_CODE: pc_buf_adds(b, "</code>"); break;
        }
      }
    }
    for (; oi < ns && opens[oi].pos <= i; oi++) {
      const pc_span *s = &t->spans[opens[oi].k];
      if (s->start == i && s->end > i) {
        pc_html_esc(b, t->text + pos, i - pos);
        pos = i;
        switch (s->type) {
        case PC_SPAN_LINK:
          if (pc_html_url_safe(s->href, false)) {
            pc_buf_adds(b, "<a href=\"");
            pc_html_esc(b, s->href, strlen(s->href));
            pc_buf_adds(b, "\">");
          }
          break;
        case PC_SPAN_EMPH: pc_buf_adds(b, "<em>"); break;
        case PC_SPAN_STRONG: pc_buf_adds(b, "<strong>"); break;
        case PC_SPAN_CODE: pc_buf_adds(b, "<code>"); break;
        }
      }
    }
    if (i < t->len && t->text[i] == '\n') {
      pc_html_esc(b, t->text + pos, i - pos);
      pc_buf_adds(b, "<br>\n");
      pos = i + 1;
    }
  }
  pc_html_esc(b, t->text + pos, t->len - pos);
  free(opens);
}

static void default_img(void *closure, const pc_block *bl, struct pc_buf *b) {
  (void)closure;
  if (!pc_html_url_safe(bl->src, true))
    return;
  pc_buf_adds(b, "<img src=\"");
  pc_html_esc(b, bl->src, strlen(bl->src));
  pc_buf_adds(b, "\" alt=\"");
  if (bl->alt)
    pc_html_esc(b, bl->alt, strlen(bl->alt));
  pc_buf_adds(b, "\">");
}

void pc_html_blocks(struct pc_buf *b, const pc_doc *doc, pc_html_img_fn img,
                    void *closure) {
  if (!img)
    img = default_img;
  for (size_t i = 0; i < doc->nblocks; i++) {
    const pc_block *bl = &doc->blocks[i];
    char open[64];
    const char *tag = "p";
    switch (bl->type) {
    case PC_BLOCK_HEADING: tag = bl->level == 1 ? "h2" : bl->level == 2 ? "h2"
                               : bl->level == 3 ? "h3" : bl->level == 4 ? "h4"
                               : bl->level == 5 ? "h5" : "h6"; break;
    case PC_BLOCK_BLOCKQUOTE: tag = "blockquote"; break;
    case PC_BLOCK_LIST: tag = bl->ordered ? "ol" : "ul"; break;
    case PC_BLOCK_PRE: tag = "pre"; break;
    case PC_BLOCK_FIGURE: tag = "figure"; break;
    case PC_BLOCK_TABLE: tag = "table"; break;
    case PC_BLOCK_RULE: tag = "hr"; break;
    case PC_BLOCK_PARAGRAPH: tag = "p"; break;
    }
    snprintf(open, sizeof open, "<%s id=\"%s\"%s>", tag, bl->id,
             bl->optional ? " class=\"optional\"" : "");
    pc_buf_adds(b, open);
    switch (bl->type) {
    case PC_BLOCK_RULE:
      pc_buf_addc(b, '\n');
      continue;
    case PC_BLOCK_LIST:
      for (size_t k = 0; k < bl->nitems; k++) {
        pc_buf_adds(b, "<li>");
        pc_html_inline(b, &bl->items[k]);
        pc_buf_adds(b, "</li>");
      }
      break;
    case PC_BLOCK_TABLE:
      for (size_t r = 0; r < bl->nrows; r++) {
        pc_buf_adds(b, "<tr>");
        for (size_t c = 0; c < bl->ncols; c++) {
          pc_buf_adds(b, "<td>");
          pc_html_inline(b, &bl->cells[r * bl->ncols + c]);
          pc_buf_adds(b, "</td>");
        }
        pc_buf_adds(b, "</tr>");
      }
      break;
    case PC_BLOCK_FIGURE:
      img(closure, bl, b);
      if (bl->caption.len) {
        pc_buf_adds(b, "<figcaption>");
        pc_html_inline(b, &bl->caption);
        pc_buf_adds(b, "</figcaption>");
      }
      break;
    case PC_BLOCK_PRE:
      pc_html_esc(b, bl->content.text, bl->content.len);
      break;
    default:
      pc_html_inline(b, &bl->content);
      break;
    }
    pc_buf_adds(b, "</");
    pc_buf_adds(b, tag);
    pc_buf_adds(b, ">\n");
  }
}

static void render_html(const pc_doc *doc, struct pc_buf *b) {
  const char *lang = doc->meta[PC_META_LANG];
  const char *title = doc->meta[PC_META_TITLE];
  pc_buf_adds(b, "<!DOCTYPE html>\n<html");
  if (lang) {
    pc_buf_adds(b, " lang=\"");
    pc_html_esc(b, lang, strlen(lang));
    pc_buf_addc(b, '"');
  }
  pc_buf_adds(b, ">\n<head>\n<meta charset=\"utf-8\">\n<title>");
  if (title)
    pc_html_esc(b, title, strlen(title));
  pc_buf_adds(b, "</title>\n</head>\n<body>\n<article>\n");
  if (title) {
    pc_buf_adds(b, "<h1>");
    pc_html_esc(b, title, strlen(title));
    pc_buf_adds(b, "</h1>\n");
  }
  pc_html_blocks(b, doc, NULL, NULL);
  pc_buf_adds(b, "</article>\n</body>\n</html>\n");
}

pc_status pc_render(const pc_doc *doc, pc_format format, char **out,
                    size_t *out_len, pc_error *err) {
  if (!doc || !out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_render: NULL argument");
  *out = NULL;
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_OUTPUT);
  switch (format) {
  case PC_FORMAT_TEXT: render_text(doc, &b, false); break;
  case PC_FORMAT_MARKDOWN: render_text(doc, &b, true); break;
  case PC_FORMAT_HTML: render_html(doc, &b); break;
  case PC_FORMAT_JSON: render_json(doc, &b); break;
  case PC_FORMAT_QUOTES_JSON:
  case PC_FORMAT_QUOTES_TEXT:
  case PC_FORMAT_QUOTES_HTML: pc_attr_render(doc, format, &b); break;
  default:
    return pc_error_set(err, PC_ERR_USAGE, "unknown output format %d",
                        (int)format);
  }
  if (b.failed) {
    pc_buf_cleanup(&b);
    return pc_error_set(err, PC_ERR_TOO_LARGE, "output over %u bytes",
                        (unsigned)PC_MAX_OUTPUT);
  }
  *out = pc_buf_steal(&b, out_len);
  return *out ? PC_OK : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
}
