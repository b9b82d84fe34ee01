/* pdf_boxes.c - text layout (pango, soft hyphens) and blocks into boxes:
 * paragraphs, headings, lists, tables, images, the who-said-what appendix
 * and the front matter. */
#include "print/pdf.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void *pc_pdf_grow(struct pdf *p, void *arr, size_t n, size_t *cap,
                  size_t elem, size_t first) {
  if (n < *cap)
    return arr;
  size_t c = *cap ? *cap * 2 : first;
  void *grown = realloc(arr, c * elem);
  if (!grown) {
    p->st_err = PC_ERR_NOMEM;
    return NULL;
  }
  *cap = c;
  return grown;
}

/* Keeps a copy of s for the life of the pdf; NULL on out of memory. */
char *pc_pdf_own(struct pdf *p, const char *s) {
  char *c = strdup(s);
  if (!c) {
    p->st_err = PC_ERR_NOMEM;
    return NULL;
  }
  return pc_pdf_own_mem(p, c) ? c : NULL;
}

void pc_pdf_warn(struct pdf *p, const char *fmt, const char *a) {
  if (!p->o->warn)
    return;
  char msg[512];
  snprintf(msg, sizeof msg, fmt, a ? a : "");
  p->o->warn(p->o->warn_closure, msg);
}

struct box *pc_pdf_new_box(struct pdf *p, enum box_kind k, int doc) {
  if (p->st_err != PC_OK)
    return NULL;
  struct box *nb = pc_pdf_grow(p, p->b, p->nb, &p->capb, sizeof *nb, 64);
  if (!nb)
    return NULL;
  p->b = nb;
  struct box *b = &p->b[p->nb++];
  memset(b, 0, sizeof *b);
  b->kind = k, b->doc = doc, b->w = p->body_w;
  return b;
}

/*** text layout ***********************************************************/

PangoLayout *pc_pdf_plain_layout(struct pdf *p, const char *text, double size,
                                 int weight, bool italic, double width) {
  PangoLayout *l = pango_layout_new(p->pctx);
  PangoFontDescription *fd = pango_font_description_copy(p->base);
  pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
  pango_font_description_set_weight(fd, (PangoWeight)weight);
  if (italic)
    pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  if (width > 0)
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
  pango_layout_set_text(l, text, -1);
  return l;
}

/* Attributes for the spans, mapped through map (input byte -> text). */
static PangoAttrList *span_attrs(const struct src_text *s, size_t shift,
                                 const size_t *map, size_t map_n) {
  PangoAttrList *al = pango_attr_list_new();
  for (size_t i = 0; i < s->nspans; i++) {
    const pc_span *sp = &s->spans[i];
    if (sp->start >= sp->end || sp->end > s->len)
      continue;
    size_t a = shift + (map ? map[sp->start] : sp->start);
    size_t e = shift + (map ? map[sp->end < map_n ? sp->end : map_n - 1]
                            : sp->end);
    PangoAttribute *at = NULL, *at2 = NULL;
    switch (sp->type) {
    case PC_SPAN_EMPH: at = pango_attr_style_new(PANGO_STYLE_ITALIC); break;
    case PC_SPAN_STRONG: at = pango_attr_weight_new(PANGO_WEIGHT_BOLD); break;
    case PC_SPAN_CODE: at = pango_attr_family_new("DejaVu Sans Mono"); break;
    case PC_SPAN_LINK:
      if (sp->href && pc_html_url_safe(sp->href, false)) {
        at = pango_attr_foreground_new(0x1a1a, 0x4d4d, 0x8f8f);
        at2 = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
      }
      break;
    }
    if (at) {
      at->start_index = (guint)a, at->end_index = (guint)e;
      pango_attr_list_insert(al, at);
    }
    if (at2) {
      at2->start_index = (guint)a, at2->end_index = (guint)e;
      pango_attr_list_insert(al, at2);
    }
  }
  return al;
}

static void set_font(struct pdf *p, PangoLayout *l, const struct src_text *s) {
  PangoFontDescription *fd = pango_font_description_copy(p->base);
  if (s->mono)
    pango_font_description_set_family(fd, p->st.mono);
  pango_font_description_set_size(fd, (gint)(s->size * PANGO_SCALE));
  pango_font_description_set_weight(fd, (PangoWeight)s->weight);
  if (s->italic)
    pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
}

static PangoLayout *new_text_layout(struct pdf *p, const struct src_text *s,
                                    double width) {
  PangoLayout *l = pango_layout_new(p->pctx);
  set_font(p, l, s);
  pango_layout_set_width(l, (int)(width * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR); /* a word wider than the
                                                     line still breaks */
  pango_layout_set_line_spacing(l, (float)(s->leading > 0 ? s->leading
                                                          : LINE_SPACING));
  if (s->indent > 0 && !s->prefix)
    pango_layout_set_indent(l, (int)(s->indent * PANGO_SCALE));
  if (s->center)
    pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
  else
    pango_layout_set_justify(l, p->st.justify && !s->ragged);
  if (s->prefix) {
    /* a hanging list marker: "1." then a tab to the text's left edge */
    double hang = s->size * 1.8;
    pango_layout_set_indent(l, (int)(-hang * PANGO_SCALE));
    PangoTabArray *tabs = pango_tab_array_new_with_positions(
        1, FALSE, PANGO_TAB_LEFT, (int)(hang * PANGO_SCALE));
    pango_layout_set_tabs(l, tabs);
    pango_tab_array_free(tabs);
  }
  return l;
}

bool pc_pdf_is_shy(const char *t, size_t i) {
  return (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xAD;
}

/* Builds the final layout of a text box (see the file comment) and its
 * link areas in final byte offsets. */
PangoLayout *pc_pdf_build_text(struct pdf *p, struct box *b) {
  const struct src_text *s = &b->src;
  size_t plen = s->prefix ? strlen(s->prefix) : 0;
  size_t alen = 0, *map = NULL;
  char *hy = pc_hyphenate(s->nohyph ? NULL : p->hyph, s->text, s->len, &alen,
                          &map);
  if (!hy) {
    p->st_err = PC_ERR_NOMEM;
    return NULL;
  }
  /* A: prefix + hyphenated text */
  char *a = malloc(plen + alen + 1);
  if (!a) {
    free(hy), free(map);
    p->st_err = PC_ERR_NOMEM;
    return NULL;
  }
  if (plen)
    memcpy(a, s->prefix, plen);
  memcpy(a + plen, hy, alen + 1);
  free(hy);
  alen += plen;
  PangoLayout *l = new_text_layout(p, s, b->w);
  pango_layout_set_text(l, a, (int)alen);
  PangoAttrList *al = span_attrs(s, plen, map, s->len + 1);
  /* in order: a quotation nested in another comes later and wins */
  for (size_t i = 0; i < s->nmarks; i++)
    if (s->marks[i].start < s->marks[i].end && s->marks[i].end <= s->len)
      pc_pdf_mark_attrs(p, al, s->marks[i].speaker,
                        plen + map[s->marks[i].start],
                        plen + map[s->marks[i].end]);
  pango_layout_set_attributes(l, al);
  pango_attr_list_unref(al);
  /* justification spreads a line with no space letter by letter: a word
   * longer than the line makes its paragraph ragged instead */
  bool spaceless = false;
  if (pango_layout_get_justify(l)) {
    int nl0 = pango_layout_get_line_count(l);
    for (int li = 0; li + 1 < nl0 && !spaceless; li++) {
      PangoLayoutLine *line = pango_layout_get_line_readonly(l, li);
      spaceless = memchr(a + line->start_index, ' ', (size_t)line->length) ==
                  NULL;
    }
    if (spaceless)
      pango_layout_set_justify(l, FALSE);
  }
  /* links in final offsets */
  free(b->links);
  b->links = NULL;
  b->nlinks = 0;
  size_t nlink = 0;
  for (size_t i = 0; i < s->nspans; i++)
    nlink += s->spans[i].type == PC_SPAN_LINK && s->spans[i].href &&
             pc_html_url_safe(s->spans[i].href, false) &&
             s->spans[i].start < s->spans[i].end && s->spans[i].end <= s->len;
  if (nlink) {
    b->links = calloc(nlink, sizeof *b->links);
    for (size_t i = 0; b->links && i < s->nspans; i++) {
      const pc_span *sp = &s->spans[i];
      if (sp->type != PC_SPAN_LINK || !sp->href ||
          !pc_html_url_safe(sp->href, false) || sp->start >= sp->end ||
          sp->end > s->len)
        continue;
      size_t x0 = plen + map[sp->start], x1 = plen + map[sp->end];
      b->links[b->nlinks++] = (struct link){x0, x1, sp->href};
    }
  }
  free(map);
  free(a);
  return l;
}

/* Line tops and heights of a built layout, in points. */
static bool measure(struct pdf *p, struct box *b, PangoLayout *l) {
  int n = pango_layout_get_line_count(l);
  free(b->line_y);
  free(b->line_h);
  b->line_y = malloc((size_t)(n > 0 ? n : 1) * sizeof *b->line_y);
  b->line_h = malloc((size_t)(n > 0 ? n : 1) * sizeof *b->line_h);
  if (!b->line_y || !b->line_h) {
    p->st_err = PC_ERR_NOMEM;
    return false;
  }
  PangoLayoutIter *it = pango_layout_get_iter(l);
  int i = 0;
  do {
    int y0, y1;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    if (i < n) {
      b->line_y[i] = (double)y0 / PANGO_SCALE;
      b->line_h[i] = (double)(y1 - y0) / PANGO_SCALE;
    }
    i++;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  b->nlines = n;
  PangoRectangle lr;
  pango_layout_get_extents(l, NULL, &lr);
  b->height = (double)lr.height / PANGO_SCALE;
  return true;
}

struct box *pc_pdf_text_box(struct pdf *p, int doc, const pc_text *t,
                            double size, int weight, bool italic) {
  struct box *b = pc_pdf_new_box(p, BX_TEXT, doc);
  if (!b)
    return NULL;
  b->src = (struct src_text){t->text,  t->len, t->spans, t->nspans, NULL,
                             size,     weight, italic,   false,     false,
                             false,    false,  0,        0,         0,
                             NULL,     0};
  return b;
}

void pc_pdf_finish_text(struct pdf *p, struct box *b) {
  PangoLayout *l = pc_pdf_build_text(p, b);
  if (!l)
    return;
  measure(p, b, l);
  if (p->nb <= KEEP_LAYOUTS)
    b->layout = l;
  else
    g_object_unref(l);
}

/*** blocks to boxes *******************************************************/

const pc_text *pc_pdf_text_of(const char *s, pc_text *tmp) {
  tmp->text = s;
  tmp->len = strlen(s);
  tmp->spans = NULL;
  tmp->nspans = 0;
  return tmp;
}

static void image_box(struct pdf *p, int doc, const pc_block *bl,
                      size_t *nimages) {
  if (p->st.image_share <= 0 || !bl->src)
    return;
  if (++*nimages > PC_MAX_IMAGES) {
    pc_pdf_warn(p, "image left out: more than %s images", "500");
    return;
  }
  if (p->ipre >= p->npre)
    return; /* not loaded: out of memory */
  struct preimg *pi = &p->pre[p->ipre++];
  if (pi->st != PC_OK)
    return; /* warned, or counted for one warning, when it was loaded */
  const struct pc_image *img = pi->img;
  struct box *b = pc_pdf_new_box(p, BX_IMAGE, doc);
  if (!b)
    return;
  b->img = img;
  double w = p->body_w * p->st.image_share;
  /* small images are not blown up: at most 1.5 times their size at 150
   * dpi */
  double natural = img->width * 72.0 / 150.0 * 1.5;
  if (natural < w)
    w = natural;
  double h = w * img->height / img->width;
  double maxh = p->body_h * 0.85;
  if (h > maxh) {
    w *= maxh / h;
    h = maxh;
  }
  b->img_w = w, b->img_h = h;
  b->x = (p->body_w - w) / 2;
  b->before = p->st.body_pt * 0.4;
  b->after = p->st.body_pt * 0.3;
  b->height = h;
}

static void table_boxes(struct pdf *p, int doc, const pc_block *bl) {
  double size = p->st.body_pt * 0.9;
  if (bl->ncols == 0 || bl->nrows == 0)
    return;
  if (bl->ncols > 6) {
    /* too many columns for the page: each row a paragraph, cells kept */
    for (size_t r = 0; r < bl->nrows; r++) {
      struct box *b = pc_pdf_new_box(p, BX_ROW, doc);
      if (!b)
        return;
      b->cells = calloc(1, sizeof *b->cells);
      b->cell_layouts = calloc(1, sizeof *b->cell_layouts);
      if (!b->cells || !b->cell_layouts) {
        p->st_err = PC_ERR_NOMEM;
        return;
      }
      /* joined on the fly: the row's cells separated by " | " */
      struct pc_buf row;
      pc_buf_init(&row, 1u << 20);
      for (size_t c = 0; c < bl->ncols; c++) {
        const pc_text *t = &bl->cells[r * bl->ncols + c];
        if (c)
          pc_buf_adds(&row, " | ");
        pc_buf_add(&row, t->text, t->len);
      }
      b->ncells = 1;
      b->cell_layouts[0] = pc_pdf_plain_layout(p, row.data ? row.data : "", size,
                                        PANGO_WEIGHT_NORMAL, false, p->body_w);
      pango_layout_set_wrap(b->cell_layouts[0], PANGO_WRAP_WORD_CHAR);
      pc_buf_cleanup(&row);
      PangoRectangle lr;
      pango_layout_get_extents(b->cell_layouts[0], NULL, &lr);
      b->height = (double)lr.height / PANGO_SCALE + 2;
    }
    return;
  }
  double cw = p->body_w / (double)bl->ncols;
  for (size_t r = 0; r < bl->nrows; r++) {
    struct box *b = pc_pdf_new_box(p, BX_ROW, doc);
    if (!b)
      return;
    b->ncells = bl->ncols;
    b->cell_layouts = calloc(bl->ncols, sizeof *b->cell_layouts);
    if (!b->cell_layouts) {
      p->st_err = PC_ERR_NOMEM;
      return;
    }
    double h = 0;
    for (size_t c = 0; c < bl->ncols; c++) {
      const pc_text *t = &bl->cells[r * bl->ncols + c];
      char *txt = strndup(t->text, t->len);
      PangoLayout *l = pc_pdf_plain_layout(p, txt ? txt : "", size,
                                    PANGO_WEIGHT_NORMAL, false, cw - 6);
      free(txt);
      pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
      PangoRectangle lr;
      pango_layout_get_extents(l, NULL, &lr);
      double ch = (double)lr.height / PANGO_SCALE;
      if (ch > h)
        h = ch;
      b->cell_layouts[c] = l;
    }
    b->height = h + 4;
    if (b->height > p->body_h * 0.9) {
      /* a cell taller than a page: it is cut, and the reader told */
      b->height = p->body_h * 0.9;
      pc_pdf_warn(p, "table cell longer than a page cut short%s", NULL);
    }
  }
  if (p->nb)
    p->b[p->nb - 1].after = size * 0.6;
}

void *pc_pdf_hyph_loader(void *arg) {
  struct pdf *p = arg;
  void *d = pc_hyph_load(p->pending_lang);
  pthread_mutex_lock(&p->hyph_m);
  p->pending_dict = d;
  p->hyph_ready = true;
  pthread_cond_signal(&p->hyph_c);
  pthread_mutex_unlock(&p->hyph_m);
  return NULL;
}

/* The loading thread's dictionary, once it is there. */
static void *hyph_take(struct pdf *p) {
  pthread_mutex_lock(&p->hyph_m);
  while (!p->hyph_ready)
    pthread_cond_wait(&p->hyph_c, &p->hyph_m);
  void *d = p->pending_dict;
  p->pending_dict = NULL;
  pthread_mutex_unlock(&p->hyph_m);
  p->hyph_taken = true;
  return d;
}

/* The head's line under the title: byline, readable date, site, e.g.
 * "By Jane Roe · 22 March 2024 · AP News" (an AP byline brings its own
 * "By"; a site the byline already names is not named again). */
static void meta_line(const pc_doc *doc, char *out, size_t cap) {
  const char *by = pc_doc_meta(doc, PC_META_BYLINE);
  const char *date = pc_doc_meta(doc, PC_META_DATE);
  const char *site = pc_doc_meta(doc, PC_META_SITE);
  char day[PC_WSW_DATE_LEN];
  if (!pc_wsw_date(day, sizeof day, date, NULL))
    day[0] = '\0';
  if (by && site && strstr(by, site))
    site = NULL;
  bool own_by = by && strncasecmp(by, "by ", 3) == 0;
  const char *sep = "  \xC2\xB7  ";
  snprintf(out, cap, "%s%s%s%s%s%s", by && !own_by ? "By " : "",
           by ? by : "", by && day[0] ? sep : "", day,
           (by || day[0]) && site ? sep : "", site ? site : "");
}

/* A line of small grey text (the meta line under the head, the source
 * line at the end), ragged and not hyphenated; its size and the space
 * before and after it in body sizes. */
static void grey_line(struct pdf *p, int di, const char *text, double size,
                      double color, double before, double after) {
  double body = p->st.body_pt;
  pc_text tmp;
  char *m = pc_pdf_own(p, text);
  struct box *b = m ? pc_pdf_text_box(p, di, pc_pdf_text_of(m, &tmp),
                                      body * size, PANGO_WEIGHT_NORMAL, false)
                    : NULL;
  if (!b)
    return;
  b->src.ragged = true;
  b->src.nohyph = true;
  b->src.color = color;
  b->before = body * before;
  b->after = body * after;
  pc_pdf_finish_text(p, b);
}

/* The title, then the byline, date and site line. */
static bool head_boxes(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  double body = p->st.body_pt;
  pc_text tmp;
  const char *title = pc_doc_meta(doc, PC_META_TITLE);
  struct box *b = pc_pdf_text_box(p, di, pc_pdf_text_of(title ? title : "(untitled)", &tmp),
                           body * 1.9, PANGO_WEIGHT_BOLD, false);
  if (!b)
    return false;
  b->src.ragged = true;
  b->src.nohyph = true;
  b->src.leading = 1.0; /* a title's lines hold together */
  b->new_page = p->ndocs > 1;
  b->after = body * 0.5;
  b->outline = 1;
  b->outline_text = title ? title : "(untitled)";
  b->keep_next = true;
  pc_pdf_finish_text(p, b);
  char meta[1024];
  meta_line(doc, meta, sizeof meta);
  if (meta[0])
    grey_line(p, di, meta, 0.9, 0.3, 0, 1.2);
  if (p->marks != PC_MARKS_NONE && pc_doc_quote_count(doc))
    pc_pdf_legend_box(p, di);
  return true;
}

/* The hyphenation dictionary of document di's language (maybe still
 * loading): only from its body on, title and meta line are not
 * hyphenated. */
static void use_dictionary(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  const char *lang = pc_doc_meta(doc, PC_META_LANG);
  if (!lang)
    lang = "en";
  if (strncmp(p->hyph_lang, lang, sizeof p->hyph_lang - 1) != 0) {
    if (!p->hyph_borrowed)
      pc_hyph_free(p->hyph);
    p->hyph = NULL;
    p->hyph_borrowed = false;
    pc_pdf_cache *c = p->o->cache;
    int k = pc_pdf_cache_find(c, lang);
    if (k >= 0) {
      p->hyph = c->d[k].dict;
      p->hyph_borrowed = true;
    } else {
      if (p->hyph_pending && !p->hyph_taken &&
          strcmp(p->pending_lang, lang) == 0)
        p->hyph = hyph_take(p);
      else
        p->hyph = pc_hyph_load(lang);
      if (c && c->nd < CACHE_DICTS && strlen(lang) < sizeof c->d[0].lang) {
        snprintf(c->d[c->nd].lang, sizeof c->d[0].lang, "%s", lang);
        c->d[c->nd++].dict = p->hyph;
        p->hyph_borrowed = true;
      }
    }
    snprintf(p->hyph_lang, sizeof p->hyph_lang, "%s", lang);
  }
}

/* The leading a layout puts between its own lines, which pango leaves
 * off after the last: paragraphs in a row keep the same line pitch. */
static double para_gap(const struct box *b, double body) {
  if (b->nlines < 2)
    return body * (LINE_SPACING - 1) * 1.2;
  double pitch = b->line_y[1] - b->line_y[0];
  double last = b->height - b->line_y[b->nlines - 1];
  return pitch > last ? pitch - last : 0;
}

/* The boxes of block bi; false when out of memory.  Paragraphs are set as
 * in a book: no space between them, a first-line indent in a paragraph
 * that follows another (*para: the previous block was one), and space
 * again where something else follows. */
static bool block_boxes(struct pdf *p, int di, size_t bi, size_t *nimages,
                        bool *para) {
  const pc_block *bl = pc_doc_block(p->docs[di], bi);
  double body = p->st.body_pt;
  struct box *b;
  switch (bl->type) {
  case PC_BLOCK_HEADING: {
    double f = bl->level <= 2 ? 1.35 : bl->level == 3 ? 1.2 : 1.05;
    b = pc_pdf_text_box(p, di, &bl->content, body * f, PANGO_WEIGHT_BOLD, false);
    if (!b)
      return false;
    b->src.ragged = true;
    b->src.nohyph = true;
    b->before = body * 0.9;
    b->after = body * 0.35;
    b->keep_next = true;
    b->outline = 2;
    b->outline_text = bl->content.text;
    pc_pdf_finish_text(p, b);
    break;
  }
  case PC_BLOCK_PARAGRAPH:
  case PC_BLOCK_BLOCKQUOTE:
  case PC_BLOCK_PRE:
    b = pc_pdf_text_box(p, di, &bl->content, bl->type == PC_BLOCK_PRE ? body * 0.85
                                                                : body,
                 PANGO_WEIGHT_NORMAL, false);
    if (!b)
      return false;
    b->after = body * 0.6;
    if (bl->type != PC_BLOCK_PRE && p->marks != PC_MARKS_NONE)
      b->src.marks = pc_pdf_block_marks(p, di, bi, &b->src.nmarks);
    if (bl->type == PC_BLOCK_PARAGRAPH) {
      b->after = 0;
      b->src.indent = *para ? body * 1.5 : 0;
    } else if (bl->type == PC_BLOCK_BLOCKQUOTE) {
      b->x = body * 1.6;
      b->w = p->body_w - b->x - body * 0.8;
      b->bar = true;
    } else if (bl->type == PC_BLOCK_PRE) {
      b->src.mono = true;
      b->src.ragged = true;
      b->src.nohyph = true;
    }
    pc_pdf_finish_text(p, b);
    if (bl->type == PC_BLOCK_PARAGRAPH)
      b->after = para_gap(b, body);
    break;
  case PC_BLOCK_LIST:
    for (size_t k = 0; k < bl->nitems; k++) {
      b = pc_pdf_text_box(p, di, &bl->items[k], body, PANGO_WEIGHT_NORMAL, false);
      if (!b)
        return false;
      char marker[32];
      if (bl->ordered)
        snprintf(marker, sizeof marker, "%zu.\t", k + 1);
      else
        snprintf(marker, sizeof marker, "\xE2\x80\xA2\t");
      b->src.prefix = pc_pdf_own(p, marker);
      b->x = body * 0.8;
      b->w = p->body_w - b->x;
      b->after = k + 1 == bl->nitems ? body * 0.6 : body * 0.15;
      pc_pdf_finish_text(p, b);
    }
    break;
  case PC_BLOCK_FIGURE: {
    size_t before_img = p->nb;
    image_box(p, di, bl, nimages);
    /* a caption goes with its image, not alone */
    if (bl->caption.len && p->nb > before_img) {
      b = pc_pdf_text_box(p, di, &bl->caption, body * 0.85, PANGO_WEIGHT_NORMAL,
                   true);
      if (!b)
        return false;
      b->src.center = true;
      b->src.color = 0.25;
      b->after = body * 0.8;
      pc_pdf_finish_text(p, b);
    }
    break;
  }
  case PC_BLOCK_TABLE:
    table_boxes(p, di, bl);
    break;
  case PC_BLOCK_RULE:
    b = pc_pdf_new_box(p, BX_RULE, di);
    if (!b)
      return false;
    b->height = 1;
    b->before = b->after = body * 0.6;
    break;
  }
  return true;
}

/* The source line that closes the article. */
static void source_box(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  char meta[1024];
  const char *site = pc_doc_meta(doc, PC_META_SITE);
  const char *url = pc_doc_meta(doc, PC_META_URL);
  if (url || site) {
    /* the head names the site: the address is enough here */
    snprintf(meta, sizeof meta, "Source: %s", url ? url : site);
    grey_line(p, di, meta, 0.8, 0.35, 1.2, 0);
  }
}

void pc_pdf_doc_boxes(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  if (!head_boxes(p, di))
    return;
  use_dictionary(p, di);
  size_t nimages = 0;
  bool para = false;
  for (size_t i = 0; i < pc_doc_block_count(doc) && p->st_err == PC_OK; i++) {
    bool is_para = pc_doc_block(doc, i)->type == PC_BLOCK_PARAGRAPH;
    if (para && !is_para && p->nb)
      p->b[p->nb - 1].after = p->st.body_pt * 0.6;
    if (!block_boxes(p, di, i, &nimages, &para))
      return;
    para = is_para;
  }
  if (para && p->nb)
    p->b[p->nb - 1].after = p->st.body_pt * 0.6;
  source_box(p, di);
}

