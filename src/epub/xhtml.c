/* xhtml.c - the chapters of the EPUB as XHTML: an article's blocks as the
 * document model holds them (the print HTML's, written as XML: every
 * element closed, every text escaped, no script), the quotes marked in
 * the text, and the who-said-what chapter.  A reading system parses these
 * files as XML and refuses a book with one error, so the writer keeps
 * tags balanced whatever the spans and quotes it is given. */
#include "epub.h"
#include "render/render.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

void pc_epub_esc(struct pc_buf *b, const char *s) {
  if (s)
    pc_html_esc(b, s, strlen(s));
}

/* A BCP 47 tag as XML and the OPF accept it: letters, digits, hyphens. */
static bool lang_ok(const char *s) {
  if (!s || !*s || strlen(s) > 35)
    return false;
  for (const char *p = s; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
          (*p >= '0' && *p <= '9') || (*p == '-' && p > s && p[1])))
      return false;
  return true;
}

void pc_epub_head(struct pc_buf *b, const char *title, const char *lang) {
  pc_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""
                 " xmlns:epub=\"http://www.idpf.org/2007/ops\"");
  if (lang_ok(lang))
    pc_buf_printf(b, " lang=\"%s\" xml:lang=\"%s\"", lang, lang);
  pc_buf_adds(b, ">\n<head>\n<meta charset=\"utf-8\"/>\n<title>");
  pc_epub_esc(b, title && *title ? title : "Untitled");
  pc_buf_adds(b, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" "
                 "href=\"style.css\"/>\n</head>\n<body>\n");
}

void pc_epub_scrub(struct pc_buf *b) {
  unsigned char *s = (unsigned char *)b->data;
  size_t w = 0;
  for (size_t r = 0; r < b->len; r++) {
    unsigned char c = s[r];
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      continue;
    if (c == 0xEF && r + 2 < b->len && s[r + 1] == 0xBF &&
        (s[r + 2] == 0xBE || s[r + 2] == 0xBF)) {
      r += 2; /* U+FFFE, U+FFFF */
      continue;
    }
    s[w++] = c;
  }
  b->len = w;
  if (b->data)
    b->data[w] = '\0';
}

/* An http(s) URL's host as a reader can parse it: a name or address in
 * ASCII, a port after it. */
static bool host_ok(const char *url) {
  const char *h = strstr(url, "//") + 2;
  size_t n = strcspn(h, "/?#");
  if (!n)
    return false;
  for (size_t i = 0; i < n; i++)
    if (!isalnum((unsigned char)h[i]) && !strchr(".-_:[]", h[i]))
      return false;
  return true;
}

bool pc_epub_href(struct pc_buf *b, const char *url) {
  if (!url)
    return false;
  bool web = pc_ascii_istarts(url, "http://") ||
             pc_ascii_istarts(url, "https://");
  if (web ? !host_ok(url) : !pc_ascii_istarts(url, "mailto:"))
    return false;
  static const char hex[] = "0123456789ABCDEF";
  bool frag = false;
  for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
    unsigned c = *p;
    bool pct_ok = c == '%' && isxdigit(p[1]) && isxdigit(p[2]);
    bool enc = c <= 0x20 || c >= 0x7F || strchr("\"<>\\^`{|}", (int)c) ||
               (c == '%' && !pct_ok) || (c == '#' && frag);
    frag = frag || c == '#';
    if (enc) {
      char e[4] = {'%', hex[c >> 4], hex[c & 15], 0};
      pc_buf_adds(b, e);
    } else if (c == '&') {
      pc_buf_adds(b, "&amp;");
    } else if (c == '\'') {
      pc_buf_adds(b, "&#39;");
    } else {
      pc_buf_addc(b, (char)c);
    }
  }
  return true;
}

/*** inline text: spans, line breaks and quote marks ***********************/

/* A span cut to the range being written. */
struct cut {
  size_t s, e, k;
};

/* Opens first by start, the longer (outer) one first, then span order. */
static int cut_cmp(const void *a, const void *b) {
  const struct cut *p = a, *q = b;
  if (p->s != q->s)
    return p->s < q->s ? -1 : 1;
  if (p->e != q->e)
    return p->e > q->e ? -1 : 1;
  return p->k < q->k ? -1 : p->k > q->k;
}

/* An open element of the run: its span and whether it wrote a tag (a
 * link needs a usable URL and no link around it). */
struct open_el {
  const struct cut *c;
  bool tag;
};

static void open_tag(struct pc_buf *b, const pc_text *t, struct open_el *el,
                     bool in_link) {
  const pc_span *s = &t->spans[el->c->k];
  el->tag = true;
  switch (s->type) {
  case PC_SPAN_LINK: {
    size_t at = b->len;
    pc_buf_adds(b, "<a href=\"");
    if (in_link || !pc_epub_href(b, s->href)) {
      b->len = at; /* no tag */
      if (b->data)
        b->data[at] = '\0';
      el->tag = false;
    } else {
      pc_buf_adds(b, "\">");
    }
    break;
  }
  case PC_SPAN_EMPH: pc_buf_adds(b, "<em>"); break;
  case PC_SPAN_STRONG: pc_buf_adds(b, "<strong>"); break;
  case PC_SPAN_CODE: pc_buf_adds(b, "<code>"); break;
  default: el->tag = false; break;
  }
}

static void close_tag(struct pc_buf *b, const pc_text *t,
                      const struct open_el *el) {
  if (!el->tag)
    return;
  switch (t->spans[el->c->k].type) {
  case PC_SPAN_LINK: pc_buf_adds(b, "</a>"); break;
  case PC_SPAN_EMPH: pc_buf_adds(b, "</em>"); break;
  case PC_SPAN_STRONG: pc_buf_adds(b, "</strong>"); break;
  case PC_SPAN_CODE: pc_buf_adds(b, "</code>"); break;
  default: break;
  }
}

static bool link_open(const pc_text *t, const struct open_el *st, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (st[i].tag && t->spans[st[i].c->k].type == PC_SPAN_LINK)
      return true;
  return false;
}

/* Closes every open element that ends at or before pos, closing and
 * reopening the ones inside it that go on: the tags stay balanced even
 * for spans that cross. */
static void close_at(struct pc_buf *b, const pc_text *t, struct open_el *st,
                     size_t *n, size_t pos) {
  size_t low = *n;
  for (size_t i = 0; i < *n; i++)
    if (st[i].c->e <= pos) {
      low = i;
      break;
    }
  if (low == *n)
    return;
  for (size_t i = *n; i-- > low;)
    close_tag(b, t, &st[i]);
  size_t w = low;
  for (size_t i = low; i < *n; i++)
    if (st[i].c->e > pos) {
      st[w] = st[i];
      open_tag(b, t, &st[w], link_open(t, st, w));
      w++;
    }
  *n = w;
}

/* Text [from, to) of t, no line break inside, with its spans. */
static void inline_range(struct pc_buf *b, const pc_text *t, size_t from,
                         size_t to) {
  size_t nc = 0;
  struct cut *cuts = NULL;
  struct open_el *st = NULL;
  if (t->nspans) {
    cuts = malloc(t->nspans * sizeof *cuts);
    st = malloc(t->nspans * sizeof *st);
    if (!cuts || !st) {
      free(cuts);
      free(st);
      b->failed = true;
      return;
    }
  }
  for (size_t k = 0; k < t->nspans; k++) {
    const pc_span *s = &t->spans[k];
    if (s->start < to && s->end > from && s->start < s->end)
      cuts[nc++] = (struct cut){s->start > from ? s->start : from,
                                s->end < to ? s->end : to, k};
  }
  if (nc > 1)
    qsort(cuts, nc, sizeof *cuts, cut_cmp);
  size_t pos = from, oi = 0, depth = 0;
  while (pos < to || depth) {
    size_t next = oi < nc ? cuts[oi].s : to;
    for (size_t i = 0; i < depth; i++)
      if (st[i].c->e < next)
        next = st[i].c->e;
    pc_html_esc(b, t->text + pos, next - pos);
    pos = next;
    close_at(b, t, st, &depth, pos);
    for (; oi < nc && cuts[oi].s == pos; oi++) {
      st[depth].c = &cuts[oi];
      open_tag(b, t, &st[depth], link_open(t, st, depth));
      depth++;
    }
    if (pos >= to && !depth)
      break;
  }
  free(cuts);
  free(st);
}

/* Text [from, to) of t with its line breaks as <br/>. */
static void text_run(struct pc_buf *b, const pc_text *t, size_t from,
                     size_t to) {
  while (from < to) {
    const char *nl = memchr(t->text + from, '\n', to - from);
    size_t e = nl ? (size_t)(nl - t->text) : to;
    inline_range(b, t, from, e);
    if (nl) {
      pc_buf_adds(b, "<br/>\n");
      e++;
    }
    from = e;
  }
}

/* A byte offset moved back to the start of its UTF-8 character. */
static size_t char_start(const char *s, size_t len, size_t at) {
  if (at > len)
    at = len;
  while (at > 0 && at < len && ((unsigned char)s[at] & 0xC0) == 0x80)
    at--;
  return at;
}

static bool quotable(const pc_block *bl) {
  return bl->type == PC_BLOCK_PARAGRAPH || bl->type == PC_BLOCK_HEADING ||
         bl->type == PC_BLOCK_BLOCKQUOTE;
}

/* Quote order in a document: by block, then start, then index. */
struct qpos {
  size_t block, start, k;
};
static int qpos_cmp(const void *a, const void *b) {
  const struct qpos *p = a, *q = b;
  if (p->block != q->block)
    return p->block < q->block ? -1 : 1;
  if (p->start != q->start)
    return p->start < q->start ? -1 : 1;
  return p->k < q->k ? -1 : p->k > q->k;
}

bool *pc_epub_marks(const pc_doc *doc) {
  size_t nq = pc_doc_quote_count(doc);
  bool *mark = nq ? calloc(nq, sizeof *mark) : NULL;
  struct qpos *ord = mark ? malloc(nq * sizeof *ord) : NULL;
  if (!ord) {
    free(mark);
    return NULL;
  }
  for (size_t k = 0; k < nq; k++) {
    const pc_quote *q = pc_doc_quote(doc, k);
    ord[k] = (struct qpos){q->block, q->start, k};
  }
  qsort(ord, nq, sizeof *ord, qpos_cmp);
  size_t last_block = (size_t)-1, last_end = 0;
  for (size_t i = 0; i < nq; i++) {
    const pc_quote *q = pc_doc_quote(doc, ord[i].k);
    const pc_block *bl = pc_doc_block(doc, q->block);
    if (q->parent >= 0 || !bl || !quotable(bl) || q->start >= q->end ||
        q->end > bl->content.len)
      continue;
    if (q->block == last_block && q->start < last_end)
      continue;
    mark[ord[i].k] = true;
    last_block = q->block;
    last_end = q->end;
  }
  free(ord);
  return mark;
}

/* A block's text with its marked quotes as <span class="q-KIND">; the
 * marked quotes of the document in order are ord[*oi...]. */
static void marked_text(struct pc_buf *b, const pc_doc *doc, size_t bi,
                        const struct qpos *ord, size_t nord, size_t *oi) {
  const pc_text *t = &pc_doc_block(doc, bi)->content;
  size_t pos = 0;
  for (; *oi < nord && ord[*oi].block == bi; ++*oi) {
    const pc_quote *q = pc_doc_quote(doc, ord[*oi].k);
    size_t s = char_start(t->text, t->len, q->start);
    size_t e = char_start(t->text, t->len, q->end);
    if (s < pos || e <= s)
      continue;
    text_run(b, t, pos, s);
    pc_buf_printf(b, "<span class=\"q-%s\" id=\"%s\">",
                  pc_quote_kind_name(q->kind), q->id);
    text_run(b, t, s, e);
    pc_buf_adds(b, "</span>");
    pos = e;
  }
  text_run(b, t, pos, t->len);
}

/*** blocks ****************************************************************/

/* The file an image became, added to the book the first time; NULL when
 * it is left out (warned or counted by the image set). */
static const char *image_part(struct pc_epub *e, const pc_block *bl,
                              const char *doc_url, const char *base_dir);

static void figure(struct pc_epub *e, const pc_block *bl, const char *url,
                   const char *base_dir, struct pc_buf *b) {
  if (e->o->images == PC_IMAGES_NONE)
    return;
  const char *name = NULL;
  if (bl->src && ++e->nimg_uses <= PC_MAX_IMAGES)
    name = image_part(e, bl, url, base_dir);
  else if (bl->src && e->o->warn && e->nimg_uses == PC_MAX_IMAGES + 1)
    e->o->warn(e->o->warn_closure, "image left out: more than 500 images");
  if (!name && !bl->caption.len)
    return;
  pc_buf_printf(b, "<figure id=\"%s\">", bl->id);
  if (name) {
    pc_buf_printf(b, "<img src=\"%s\" alt=\"", name);
    pc_epub_esc(b, bl->alt);
    pc_buf_adds(b, "\"/>");
  }
  if (bl->caption.len) {
    pc_buf_adds(b, "<figcaption>");
    text_run(b, &bl->caption, 0, bl->caption.len);
    pc_buf_adds(b, "</figcaption>");
  }
  pc_buf_adds(b, "</figure>\n");
}

static void table(const pc_block *bl, struct pc_buf *b) {
  if (!bl->nrows || !bl->ncols)
    return;
  pc_buf_printf(b, "<table id=\"%s\"><tbody>\n", bl->id);
  for (size_t r = 0; r < bl->nrows; r++) {
    pc_buf_adds(b, "<tr>");
    for (size_t c = 0; c < bl->ncols; c++) {
      const pc_text *t = &bl->cells[r * bl->ncols + c];
      pc_buf_adds(b, "<td>");
      text_run(b, t, 0, t->len);
      pc_buf_adds(b, "</td>");
    }
    pc_buf_adds(b, "</tr>\n");
  }
  pc_buf_adds(b, "</tbody></table>\n");
}

static void list(const pc_block *bl, struct pc_buf *b) {
  const char *tag = bl->ordered ? "ol" : "ul";
  pc_buf_printf(b, "<%s id=\"%s\">\n", tag, bl->id);
  for (size_t k = 0; k < bl->nitems; k++) {
    pc_buf_adds(b, "<li>");
    text_run(b, &bl->items[k], 0, bl->items[k].len);
    pc_buf_adds(b, "</li>\n");
  }
  pc_buf_printf(b, "</%s>\n", tag);
}

/* A paragraph, heading or block quote, its quotes marked. */
static void text_block(const pc_doc *doc, size_t bi, const struct qpos *ord,
                       size_t nord, size_t *oi, struct pc_buf *b) {
  const pc_block *bl = pc_doc_block(doc, bi);
  char tag[4] = "p";
  if (bl->type == PC_BLOCK_HEADING) { /* h2..h6: the chapter's title is h1 */
    tag[0] = 'h';
    tag[1] = (char)('0' + (bl->level < 2 ? 2 : bl->level > 6 ? 6 : bl->level));
    tag[2] = '\0';
  }
  if (bl->type == PC_BLOCK_BLOCKQUOTE)
    pc_buf_printf(b, "<blockquote id=\"%s\"><p>", bl->id);
  else
    pc_buf_printf(b, "<%s id=\"%s\">", tag, bl->id);
  marked_text(b, doc, bi, ord, nord, oi);
  if (bl->type == PC_BLOCK_BLOCKQUOTE)
    pc_buf_adds(b, "</p></blockquote>\n");
  else
    pc_buf_printf(b, "</%s>\n", tag);
}

/* The marked quotes of doc in order, into *ord (malloc'd; NULL and 0
 * when none). */
static size_t marked_order(struct pc_epub *e, const pc_doc *doc,
                           struct qpos **ord) {
  *ord = NULL;
  if (!e->o->who_said_what || !pc_doc_quote_count(doc))
    return 0;
  bool *mark = pc_epub_marks(doc);
  size_t nq = pc_doc_quote_count(doc), n = 0;
  *ord = mark ? malloc(nq * sizeof **ord) : NULL;
  if (!*ord) {
    free(mark);
    e->fatal = PC_ERR_NOMEM;
    return 0;
  }
  for (size_t k = 0; k < nq; k++)
    if (mark[k]) {
      const pc_quote *q = pc_doc_quote(doc, k);
      (*ord)[n++] = (struct qpos){q->block, q->start, k};
    }
  qsort(*ord, n, sizeof **ord, qpos_cmp);
  free(mark);
  return n;
}

static void blocks(struct pc_epub *e, const pc_doc *doc, const char *url,
                   const char *base_dir, struct pc_buf *b) {
  struct qpos *ord;
  size_t nord = marked_order(e, doc, &ord), oi = 0;
  for (size_t i = 0; i < pc_doc_block_count(doc); i++) {
    const pc_block *bl = pc_doc_block(doc, i);
    switch (bl->type) {
    case PC_BLOCK_LIST: list(bl, b); break;
    case PC_BLOCK_TABLE: table(bl, b); break;
    case PC_BLOCK_FIGURE: figure(e, bl, url, base_dir, b); break;
    case PC_BLOCK_RULE: pc_buf_printf(b, "<hr id=\"%s\"/>\n", bl->id); break;
    case PC_BLOCK_PRE:
      pc_buf_printf(b, "<pre id=\"%s\">", bl->id);
      pc_html_esc(b, bl->content.text, bl->content.len);
      pc_buf_adds(b, "</pre>\n");
      break;
    default: text_block(doc, i, ord, nord, &oi, b); break;
    }
  }
  free(ord);
}

/* "By BYLINE · DATE · SITE" under the title. */
static void byline(const pc_doc *doc, struct pc_buf *b) {
  const char *by = pc_doc_meta(doc, PC_META_BYLINE);
  const char *date = pc_doc_meta(doc, PC_META_DATE);
  const char *site = pc_doc_meta(doc, PC_META_SITE);
  if (!by && !date && !site)
    return;
  pc_buf_adds(b, "<p class=\"pc-meta\">");
  const char *sep = "";
  if (by) {
    pc_buf_adds(b, "By ");
    pc_epub_esc(b, by);
    sep = " \xC2\xB7 ";
  }
  if (date) {
    pc_buf_adds(b, sep);
    pc_html_esc(b, date, strcspn(date, "T ")); /* the day */
    sep = " \xC2\xB7 ";
  }
  if (site) {
    pc_buf_adds(b, sep);
    pc_epub_esc(b, site);
  }
  pc_buf_adds(b, "</p>\n");
}

static void source_line(const pc_doc *doc, struct pc_buf *b) {
  const char *site = pc_doc_meta(doc, PC_META_SITE);
  const char *url = pc_doc_meta(doc, PC_META_URL);
  if (!site && !url)
    return;
  pc_buf_adds(b, "<footer class=\"pc-source\"><p>Source: ");
  pc_epub_esc(b, site);
  if (url) {
    size_t at = b->len;
    pc_buf_adds(b, site ? " \xE2\x80\x94 <a href=\"" : "<a href=\"");
    if (pc_epub_href(b, url)) {
      pc_buf_adds(b, "\">");
      pc_epub_esc(b, url);
      pc_buf_adds(b, "</a>");
    } else {
      b->len = at; /* not a link a reader can follow */
      if (b->data)
        b->data[at] = '\0';
    }
  }
  pc_buf_adds(b, "</p></footer>\n");
}

void pc_epub_chapter(struct pc_epub *e, const pc_doc *doc, size_t di,
                     const char *base_dir, struct pc_buf *b) {
  const char *title = pc_doc_meta(doc, PC_META_TITLE);
  const char *url = pc_doc_meta(doc, PC_META_URL);
  e->nimg_uses = 0; /* PC_MAX_IMAGES is per document, as in the PDF */
  pc_epub_head(b, title, pc_doc_meta(doc, PC_META_LANG));
  pc_buf_printf(b, "<section epub:type=\"chapter\" id=\"article%zu\">\n"
                   "<header>\n<h1>", di + 1);
  pc_epub_esc(b, title && *title ? title : "Untitled");
  pc_buf_adds(b, "</h1>\n");
  byline(doc, b);
  pc_buf_adds(b, "</header>\n");
  blocks(e, doc, url, base_dir, b);
  source_line(doc, b);
  pc_buf_adds(b, "</section>\n</body>\n</html>\n");
  pc_epub_scrub(b);
}

/*** images ****************************************************************/

/* cairo's PNG writer appends to a pc_buf. */
static cairo_status_t png_out(void *closure, const unsigned char *data,
                              unsigned int len) {
  return pc_buf_add(closure, (const char *)data, len)
             ? CAIRO_STATUS_SUCCESS
             : CAIRO_STATUS_WRITE_ERROR;
}

/* A WebP image as PNG bytes (malloc'd), or NULL with why set. */
static unsigned char *webp_to_png(const struct pc_image *img, size_t *len,
                                  char *why, size_t why_len) {
  uint32_t *px = pc_image_decode(img, why, why_len);
  if (!px)
    return NULL;
  cairo_surface_t *s = cairo_image_surface_create_for_data(
      (unsigned char *)px, CAIRO_FORMAT_ARGB32, img->width, img->height,
      img->width * 4);
  struct pc_buf b;
  pc_buf_init(&b, (size_t)img->width * (size_t)img->height * 5 + 4096);
  cairo_status_t cs = cairo_surface_write_to_png_stream(s, png_out, &b);
  cairo_surface_destroy(s);
  free(px);
  if (cs != CAIRO_STATUS_SUCCESS || b.failed) {
    snprintf(why, why_len, "cannot write it as PNG");
    pc_buf_cleanup(&b);
    return NULL;
  }
  return (unsigned char *)pc_buf_steal(&b, len);
}

static const char *ext_of(enum pc_img_kind k) {
  return k == PC_IMG_JPEG ? "jpg" : k == PC_IMG_GIF ? "gif" : "png";
}

static const char *image_part(struct pc_epub *e, const pc_block *bl,
                              const char *doc_url, const char *base_dir) {
  const struct pc_image *img = NULL;
  pc_status st = pc_imgset_get(&e->set, bl->src, doc_url, base_dir, &img);
  if (st == PC_ERR_NOMEM)
    e->fatal = PC_ERR_NOMEM;
  if (st != PC_OK)
    return NULL;
  for (size_t i = 0; i < e->nimgs; i++)
    if (e->imgs[i].img == img)
      return e->parts[e->imgs[i].part].name;
  if (e->nimgs == e->imgcap) {
    size_t cap = e->imgcap ? 2 * e->imgcap : 16;
    struct pc_epub_img *n = realloc(e->imgs, cap * sizeof *n);
    if (!n) {
      e->fatal = PC_ERR_NOMEM;
      return NULL;
    }
    e->imgs = n;
    e->imgcap = cap;
  }
  char name[48];
  snprintf(name, sizeof name, "img/i%zu.%s", e->nimgs + 1, ext_of(img->kind));
  unsigned char *data = img->data;
  size_t len = img->len;
  bool owned = img->kind == PC_IMG_WEBP;
  if (owned) {
    char why[200];
    data = webp_to_png(img, &len, why, sizeof why);
    if (!data) {
      if (e->o->warn) {
        char msg[512];
        snprintf(msg, sizeof msg, "image left out: %.200s: %s", bl->src, why);
        e->o->warn(e->o->warn_closure, msg);
      }
      return NULL;
    }
  }
  const char *media = img->kind == PC_IMG_JPEG  ? "image/jpeg"
                      : img->kind == PC_IMG_GIF ? "image/gif"
                                                : "image/png";
  struct pc_epub_part *p = pc_epub_add(e, name, media, data, len, owned);
  if (!p)
    return NULL;
  p->store = true; /* already compressed */
  e->imgs[e->nimgs++] = (struct pc_epub_img){img, e->nparts - 1};
  return p->name;
}

/*** who said what *********************************************************/

static void wsw_quotes(const pc_doc *doc, size_t di, struct pc_buf *b) {
  bool *mark = pc_epub_marks(doc);
  pc_buf_adds(b, "<table class=\"pc-wsw\">\n<thead><tr>");
  for (size_t i = 0; i < PC_WSW_NCOLS; i++)
    pc_buf_printf(b, "<th>%s</th>", pc_wsw_quote_heads[i]);
  pc_buf_adds(b, "</tr></thead>\n<tbody>\n");
  for (size_t k = 0; k < pc_doc_quote_count(doc); k++) {
    const pc_quote *q = pc_doc_quote(doc, k);
    const char *cell[PC_WSW_NCOLS];
    struct pc_buf said;
    char date[PC_WSW_DATE_LEN];
    pc_buf_init(&said, 1u << 20);
    /* what they said comes with its marks: a direct quote in them,
     * reported speech never put in the speaker's mouth (render/wsw.c) */
    pc_wsw_quote_row(doc, q, "(unknown)", cell, &said, date);
    /* where it stands: its own mark, or the mark of the quote it is in */
    const pc_quote *at = q;
    if (q->parent >= 0 && (size_t)q->parent < pc_doc_quote_count(doc))
      at = pc_doc_quote(doc, (size_t)q->parent);
    size_t ai = at == q ? k : (size_t)q->parent;
    pc_buf_adds(b, "<tr>");
    for (size_t c = 0; c < PC_WSW_NCOLS; c++) {
      pc_buf_printf(b, "<td class=\"%s\">",
                    c != PC_WSW_QUOTE                 ? "pc-cell"
                    : q->kind == PC_QUOTE_DIRECT      ? "q-direct"
                    : q->kind == PC_QUOTE_MIXED       ? "q-mixed"
                                                      : "q-indirect");
      bool link = c == PC_WSW_QUOTE && mark && mark[ai];
      if (link)
        pc_buf_printf(b, "<a href=\"a%zu.xhtml#%s\">", di + 1, at->id);
      pc_epub_esc(b, cell[c]);
      pc_buf_adds(b, link ? "</a></td>" : "</td>");
    }
    pc_buf_adds(b, "</tr>\n");
    pc_buf_cleanup(&said);
  }
  pc_buf_adds(b, "</tbody>\n</table>\n");
  free(mark);
}

static void wsw_claims(const pc_doc *doc, struct pc_buf *b) {
  pc_buf_adds(b, "<h3>Responsibility claims</h3>\n<table class=\"pc-wsw\">\n"
                 "<thead><tr>");
  for (size_t i = 0; i < PC_WSW_NCLAIM; i++)
    pc_buf_printf(b, "<th>%s</th>", pc_wsw_claim_heads[i]);
  pc_buf_adds(b, "</tr></thead>\n<tbody>\n");
  for (size_t i = 0; i < pc_doc_claim_count(doc); i++) {
    const pc_claim *c = pc_doc_claim(doc, i);
    struct pc_buf acc;
    pc_buf_init(&acc, 0);
    if (!pc_wsw_self_claim(c) || c->naccused > 1)
      pc_wsw_accused(&acc, c, ", ", " and ");
    /* the columns of the PDF's claims table (render/wsw.c) */
    const char *cell[PC_WSW_NCLAIM] = {c->claimant, pc_wsw_claim_verb(c),
                                       acc.data, c->event};
    pc_print_table_row(b, cell, PC_WSW_NCLAIM);
    pc_buf_cleanup(&acc);
  }
  pc_buf_adds(b, "</tbody>\n</table>\n");
}

void pc_epub_wsw(const pc_doc *const *docs, size_t n, struct pc_buf *b) {
  pc_epub_head(b, "Who said what", n ? pc_doc_meta(docs[0], PC_META_LANG)
                                     : NULL);
  pc_buf_adds(b, "<section epub:type=\"chapter\" id=\"wsw\">\n"
                 "<h1>Who said what</h1>\n");
  for (size_t i = 0; i < n; i++) {
    const char *title = pc_doc_meta(docs[i], PC_META_TITLE);
    if (n > 1) {
      pc_buf_adds(b, "<h2>");
      pc_epub_esc(b, title && *title ? title : "Untitled");
      pc_buf_adds(b, "</h2>\n");
    }
    if (!pc_doc_quote_count(docs[i]))
      pc_buf_adds(b, "<p>No quotations were found.</p>\n");
    else
      wsw_quotes(docs[i], i, b);
    if (pc_doc_claim_count(docs[i]))
      wsw_claims(docs[i], b);
  }
  pc_buf_adds(b, "</section>\n</body>\n</html>\n");
  pc_epub_scrub(b);
}
