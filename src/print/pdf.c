/* pdf.c - the article typeset as PDF with cairo and pango.
 *
 * Two passes.  Layout turns every block into boxes (a pango layout per
 * paragraph, heading, list item, table cell row or caption; images and
 * rules) and paginates them line by line: widows and orphans of fewer
 * than two lines are avoided, headings stay with what follows, a box that
 * cannot fit anywhere is split or scaled.  Render then draws each page
 * with its running header and "page N of M" footer, adds link areas, the
 * outline (bookmarks) and the document metadata.
 *
 * Hyphenation: pango 1.50 has no dictionary hyphenation, so soft hyphens
 * come from libhyphen (hyph.c), one at every hyphenation point, and
 * pango breaks lines at them.  Text lines are drawn by show_line(), not by
 * pango's renderer: it gives cairo the same glyphs but leaves the soft
 * hyphens out of the clusters' text, so they leave no trace in the PDF's
 * text, and the hyphen pango draws where it broke a line reads "-" there
 * ("hyphen-" at the line end).  One layout per paragraph: before, a second
 * layout without the unused soft hyphens was made for the text's sake,
 * which cost a sixth of the run.
 *
 * Memory: layouts of the first boxes stay alive between the passes; past
 * KEEP_LAYOUTS boxes a layout is measured, dropped and built again when
 * its page is drawn, so a 2,000-page document does not hold all of them. */
#include "print.h"
#include "render/render.h"
#include "hyph.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define KEEP_LAYOUTS 3000
#define LINE_SPACING 1.3

enum box_kind { BX_TEXT, BX_IMAGE, BX_RULE, BX_ROW, BX_TOC };

/* What a text box is made from, so its layout can be built again. */
struct src_text {
  const char *text;
  size_t len;
  const pc_span *spans;
  size_t nspans;
  const char *prefix; /* list marker "1.\t", or NULL */
  double size;        /* points */
  int weight;         /* PangoWeight */
  bool italic, mono, center, ragged, nohyph;
  double color; /* grey level, 0 = black */
};

struct link {
  size_t s, e; /* bytes in the final layout text */
  const char *href;
};

struct box {
  enum box_kind kind;
  int doc;            /* index of the article, -1 front matter */
  double x, w;        /* from the left margin; width */
  double before, after;
  bool keep_next;     /* headings */
  bool new_page;      /* articles start on a new page */
  bool bar;           /* block quotes: a rule at the left */
  int outline;        /* 0 none, 1 article title, 2 heading */
  const char *outline_text;
  /* text */
  struct src_text src;
  PangoLayout *layout;
  struct link *links;
  size_t nlinks;
  int nlines;
  double *line_y, *line_h; /* top of each line in the layout, height */
  double height;
  /* table rows: one layout per cell */
  struct src_text *cells;
  PangoLayout **cell_layouts;
  size_t ncells;
  /* images */
  const struct pc_image *img; /* borrowed from the call's pc_imgset */
  double img_w, img_h;
  /* table of contents */
  int toc_doc;
};

/* A figure's image, loaded before the typesetting lock is taken (see
 * pc_pdf): loading may fetch it over the network. */
struct preimg {
  pc_status st;
  const struct pc_image *img; /* borrowed from the call's pc_imgset */
};

struct frag {
  size_t box;
  int line0, line1; /* [line0, line1) for text */
  int page;
  double y;         /* top on the page, from the top margin */
};

struct pdf {
  const pc_print_opts *o;
  struct pc_style st;
  const pc_doc *const *docs;
  size_t ndocs;
  PangoFontMap *fontmap;
  PangoContext *pctx;
  PangoFontDescription *base;
  double body_w, body_h, top, bottom; /* text area */
  struct box *b;
  size_t nb, capb;
  struct frag *f;
  size_t nf, capf;
  int pages;
  int *doc_page;      /* first page of each article (1-based) */
  void *hyph;         /* dictionary of the current document */
  bool hyph_borrowed; /* hyph belongs to the cache */
  char hyph_lang[16];
  /* the first document's dictionary loads on a thread of its own while
   * fonts are found and the title is laid out (libhyphen takes ~6 ms) */
  pthread_t hyph_thread;
  bool hyph_pending;  /* the thread runs or is still to be joined */
  bool hyph_taken;    /* its dictionary has been taken */
  /* the thread says its dictionary is there before it exits: waiting for
   * the exit itself would wait for the allocator's thread teardown too */
  pthread_mutex_t hyph_m;
  pthread_cond_t hyph_c;
  bool hyph_ready;
  char pending_lang[16];
  void *pending_dict;
  struct preimg *pre; /* the figures' images in the order of the blocks */
  size_t npre, ipre;
  char **owned;       /* strings made here (meta lines, appendix) */
  size_t nowned, capowned;
  pc_status st_err;
  char why[256];
};

/*** the cache kept between calls (pc_pdf_cache) **************************/

#define CACHE_DICTS 16

/* Used only under typeset_lock (pc_pdf), so calls on any thread may share
 * it. */
struct pc_pdf_cache {
  PangoFontMap *map; /* made by the first call that uses the cache */
  struct {
    char lang[16];
    void *dict; /* NULL: Debian has none for the language */
  } d[CACHE_DICTS];
  size_t nd;
};

pc_status pc_pdf_cache_new(pc_pdf_cache **out, pc_error *err) {
  if (!out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_pdf_cache_new: NULL argument");
  *out = calloc(1, sizeof **out);
  return *out ? PC_OK : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
}

void pc_pdf_cache_free(pc_pdf_cache *c) {
  if (!c)
    return;
  if (c->map)
    g_object_unref(c->map);
  for (size_t i = 0; i < c->nd; i++)
    pc_hyph_free(c->d[i].dict);
  free(c);
}

/* The index of lang's dictionary in c, or -1. */
static int cache_find(const pc_pdf_cache *c, const char *lang) {
  for (size_t i = 0; c && i < c->nd; i++)
    if (strcmp(c->d[i].lang, lang) == 0)
      return (int)i;
  return -1;
}

/* Keeps a copy of s for the life of the pdf; NULL on out of memory. */
static char *own(struct pdf *p, const char *s) {
  if (p->nowned == p->capowned) {
    size_t cap = p->capowned ? p->capowned * 2 : 32;
    char **n = realloc(p->owned, cap * sizeof *n);
    if (!n) {
      p->st_err = PC_ERR_NOMEM;
      return NULL;
    }
    p->owned = n, p->capowned = cap;
  }
  char *c = strdup(s);
  if (!c) {
    p->st_err = PC_ERR_NOMEM;
    return NULL;
  }
  p->owned[p->nowned++] = c;
  return c;
}

static void warn(struct pdf *p, const char *fmt, const char *a) {
  if (!p->o->warn)
    return;
  char msg[512];
  snprintf(msg, sizeof msg, fmt, a ? a : "");
  p->o->warn(p->o->warn_closure, msg);
}

static struct box *new_box(struct pdf *p, enum box_kind k, int doc) {
  if (p->st_err != PC_OK)
    return NULL;
  if (p->nb == p->capb) {
    size_t cap = p->capb ? p->capb * 2 : 64;
    struct box *nb = realloc(p->b, cap * sizeof *nb);
    if (!nb) {
      p->st_err = PC_ERR_NOMEM;
      return NULL;
    }
    p->b = nb, p->capb = cap;
  }
  struct box *b = &p->b[p->nb++];
  memset(b, 0, sizeof *b);
  b->kind = k, b->doc = doc, b->w = p->body_w;
  return b;
}

/*** text layout ***********************************************************/

static PangoLayout *plain_layout(struct pdf *p, const char *text, double size,
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
  pango_layout_set_line_spacing(l, (float)LINE_SPACING);
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

static bool is_shy(const char *t, size_t i) {
  return (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xAD;
}

/* Builds the final layout of a text box (see the file comment) and its
 * link areas in final byte offsets. */
static PangoLayout *build_text(struct pdf *p, struct box *b) {
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

static struct box *text_box(struct pdf *p, int doc, const pc_text *t,
                            double size, int weight, bool italic) {
  struct box *b = new_box(p, BX_TEXT, doc);
  if (!b)
    return NULL;
  b->src = (struct src_text){t->text, t->len, t->spans, t->nspans, NULL, size,
                             weight, italic, false, false, false, false, 0};
  return b;
}

static void finish_text(struct pdf *p, struct box *b) {
  PangoLayout *l = build_text(p, b);
  if (!l)
    return;
  measure(p, b, l);
  if (p->nb <= KEEP_LAYOUTS)
    b->layout = l;
  else
    g_object_unref(l);
}

/*** blocks to boxes *******************************************************/

static const pc_text *text_of(const char *s, pc_text *tmp) {
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
    warn(p, "image left out: more than %s images", "500");
    return;
  }
  if (p->ipre >= p->npre)
    return; /* not loaded: out of memory */
  struct preimg *pi = &p->pre[p->ipre++];
  if (pi->st != PC_OK)
    return; /* warned, or counted for one warning, when it was loaded */
  const struct pc_image *img = pi->img;
  struct box *b = new_box(p, BX_IMAGE, doc);
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
      struct box *b = new_box(p, BX_ROW, doc);
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
      b->cell_layouts[0] = plain_layout(p, row.data ? row.data : "", size,
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
    struct box *b = new_box(p, BX_ROW, doc);
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
      PangoLayout *l = plain_layout(p, txt ? txt : "", size,
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
      warn(p, "table cell longer than a page cut short%s", NULL);
    }
  }
  if (p->nb)
    p->b[p->nb - 1].after = size * 0.6;
}

static void *hyph_loader(void *arg) {
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

static void doc_boxes(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  const struct pc_style *st = &p->st;
  double body = st->body_pt;
  pc_text tmp;
  const char *title = pc_doc_meta(doc, PC_META_TITLE);
  struct box *b = text_box(p, di, text_of(title ? title : "(untitled)", &tmp),
                           body * 1.9, PANGO_WEIGHT_BOLD, false);
  if (!b)
    return;
  b->src.ragged = true;
  b->src.nohyph = true;
  b->new_page = p->ndocs > 1;
  b->after = body * 0.5;
  b->outline = 1;
  b->outline_text = title ? title : "(untitled)";
  b->keep_next = true;
  finish_text(p, b);
  /* byline, date, site */
  char meta[1024];
  const char *by = pc_doc_meta(doc, PC_META_BYLINE);
  const char *date = pc_doc_meta(doc, PC_META_DATE);
  const char *site = pc_doc_meta(doc, PC_META_SITE);
  /* the day is enough: "2019-11-19", not "2019-11-19T13:03:00.000Z" */
  int dl = date ? (int)strcspn(date, "T ") : 0;
  snprintf(meta, sizeof meta, "%s%s%s%.*s%s%s", by ? "By " : "", by ? by : "",
           by && (date || site) ? "  \xC2\xB7  " : "", dl, date ? date : "",
           date && site ? "  \xC2\xB7  " : "", site ? site : "");
  if (meta[0]) {
    char *m = own(p, meta);
    if (m && (b = text_box(p, di, text_of(m, &tmp), body * 0.9,
                           PANGO_WEIGHT_NORMAL, false))) {
      b->src.ragged = true;
      b->src.nohyph = true;
      b->src.color = 0.3;
      b->after = body * 1.2;
      finish_text(p, b);
    }
  }
  /* the dictionary (maybe still loading) only from here: title and
   * meta line are not hyphenated */
  const char *lang = pc_doc_meta(doc, PC_META_LANG);
  if (!lang)
    lang = "en";
  if (strncmp(p->hyph_lang, lang, sizeof p->hyph_lang - 1) != 0) {
    if (!p->hyph_borrowed)
      pc_hyph_free(p->hyph);
    p->hyph = NULL;
    p->hyph_borrowed = false;
    pc_pdf_cache *c = p->o->cache;
    int k = cache_find(c, lang);
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
  size_t nimages = 0;
  for (size_t i = 0; i < pc_doc_block_count(doc) && p->st_err == PC_OK; i++) {
    const pc_block *bl = pc_doc_block(doc, i);
    switch (bl->type) {
    case PC_BLOCK_HEADING: {
      double f = bl->level <= 2 ? 1.35 : bl->level == 3 ? 1.2 : 1.05;
      b = text_box(p, di, &bl->content, body * f, PANGO_WEIGHT_BOLD, false);
      if (!b)
        return;
      b->src.ragged = true;
      b->src.nohyph = true;
      b->before = body * 0.9;
      b->after = body * 0.35;
      b->keep_next = true;
      b->outline = 2;
      b->outline_text = bl->content.text;
      finish_text(p, b);
      break;
    }
    case PC_BLOCK_PARAGRAPH:
    case PC_BLOCK_BLOCKQUOTE:
    case PC_BLOCK_PRE:
      b = text_box(p, di, &bl->content, bl->type == PC_BLOCK_PRE ? body * 0.85
                                                                  : body,
                   PANGO_WEIGHT_NORMAL, false);
      if (!b)
        return;
      b->after = body * 0.6;
      if (bl->type == PC_BLOCK_BLOCKQUOTE) {
        b->x = body * 1.6;
        b->w = p->body_w - b->x - body * 0.8;
        b->bar = true;
      } else if (bl->type == PC_BLOCK_PRE) {
        b->src.mono = true;
        b->src.ragged = true;
        b->src.nohyph = true;
      }
      finish_text(p, b);
      break;
    case PC_BLOCK_LIST:
      for (size_t k = 0; k < bl->nitems; k++) {
        b = text_box(p, di, &bl->items[k], body, PANGO_WEIGHT_NORMAL, false);
        if (!b)
          return;
        char marker[32];
        if (bl->ordered)
          snprintf(marker, sizeof marker, "%zu.\t", k + 1);
        else
          snprintf(marker, sizeof marker, "\xE2\x80\xA2\t");
        b->src.prefix = own(p, marker);
        b->x = body * 0.8;
        b->w = p->body_w - b->x;
        b->after = k + 1 == bl->nitems ? body * 0.6 : body * 0.15;
        finish_text(p, b);
      }
      break;
    case PC_BLOCK_FIGURE: {
      size_t before_img = p->nb;
      image_box(p, di, bl, &nimages);
      /* a caption goes with its image, not alone */
      if (bl->caption.len && p->nb > before_img) {
        b = text_box(p, di, &bl->caption, body * 0.85, PANGO_WEIGHT_NORMAL,
                     true);
        if (!b)
          return;
        b->src.center = true;
        b->src.color = 0.25;
        b->after = body * 0.8;
        finish_text(p, b);
      }
      break;
    }
    case PC_BLOCK_TABLE:
      table_boxes(p, di, bl);
      break;
    case PC_BLOCK_RULE:
      b = new_box(p, BX_RULE, di);
      if (!b)
        return;
      b->height = 1;
      b->before = b->after = body * 0.6;
      break;
    }
  }
  /* the source line closes the article */
  const char *url = pc_doc_meta(doc, PC_META_URL);
  if (url || site) {
    snprintf(meta, sizeof meta, "Source: %s%s%s", site ? site : "",
             site && url ? " \xE2\x80\x94 " : "", url ? url : "");
    char *m = own(p, meta);
    if (m && (b = text_box(p, di, text_of(m, &tmp), body * 0.8,
                           PANGO_WEIGHT_NORMAL, false))) {
      b->src.ragged = true;
      b->src.nohyph = true;
      b->src.color = 0.35;
      b->before = body * 1.2;
      finish_text(p, b);
    }
  }
}

/*** who said what appendix **********************************************/

static void wsw_boxes(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  double body = p->st.body_pt;
  pc_text tmp;
  struct box *b = text_box(p, di, text_of("Who said what", &tmp), body * 1.35,
                           PANGO_WEIGHT_BOLD, false);
  if (!b)
    return;
  b->new_page = true;
  b->keep_next = true;
  b->after = body * 0.5;
  b->outline = 2;
  b->outline_text = "Who said what";
  b->src.nohyph = true;
  finish_text(p, b);
  size_t nq = pc_doc_quote_count(doc);
  if (!nq) {
    b = text_box(p, di, text_of("No quotations were found.", &tmp), body,
                 PANGO_WEIGHT_NORMAL, false);
    if (b)
      finish_text(p, b);
  }
  for (size_t i = 0; i < nq && p->st_err == PC_OK; i++) {
    const pc_quote *q = pc_doc_quote(doc, i);
    struct pc_buf t;
    pc_buf_init(&t, 1u << 20);
    const char *cell[PC_WSW_NCOLS];
    pc_wsw_quote_row(q, "(unknown speaker)", cell);
    pc_buf_adds(&t, cell[PC_WSW_SPEAKER]);
    if (cell[PC_WSW_ROLE]) {
      pc_buf_adds(&t, " (");
      pc_buf_adds(&t, cell[PC_WSW_ROLE]);
      pc_buf_adds(&t, ")");
    }
    if (cell[PC_WSW_CUE]) {
      pc_buf_adds(&t, ", ");
      pc_buf_adds(&t, cell[PC_WSW_CUE]);
    }
    pc_buf_adds(&t, ": \xE2\x80\x9C");
    pc_buf_adds(&t, cell[PC_WSW_QUOTE]);
    pc_buf_adds(&t, "\xE2\x80\x9D");
    char *s = t.data ? own(p, t.data) : NULL;
    pc_buf_cleanup(&t);
    if (!s || !(b = text_box(p, di, text_of(s, &tmp), body * 0.9,
                             PANGO_WEIGHT_NORMAL, false)))
      return;
    b->after = body * 0.4;
    finish_text(p, b);
  }
  size_t nc = pc_doc_claim_count(doc);
  if (nc) {
    b = text_box(p, di, text_of("Responsibility claims", &tmp), body * 1.2,
                 PANGO_WEIGHT_BOLD, false);
    if (!b)
      return;
    b->before = body * 0.8;
    b->keep_next = true;
    b->after = body * 0.4;
    b->src.nohyph = true;
    finish_text(p, b);
  }
  for (size_t i = 0; i < nc && p->st_err == PC_OK; i++) {
    const pc_claim *c = pc_doc_claim(doc, i);
    struct pc_buf t;
    pc_buf_init(&t, 1u << 20);
    pc_buf_adds(&t, c->claimant);
    pc_buf_adds(&t, c->deny ? " denies: " : " holds responsible: ");
    pc_wsw_accused(&t, c, ", ", NULL);
    if (c->event) {
      pc_buf_adds(&t, " (");
      pc_buf_adds(&t, c->event);
      pc_buf_adds(&t, ")");
    }
    char *s = t.data ? own(p, t.data) : NULL;
    pc_buf_cleanup(&t);
    if (!s || !(b = text_box(p, di, text_of(s, &tmp), body * 0.9,
                             PANGO_WEIGHT_NORMAL, false)))
      return;
    b->after = body * 0.3;
    finish_text(p, b);
  }
}

/*** front matter: cover and contents *************************************/

static void front_boxes(struct pdf *p) {
  double body = p->st.body_pt;
  pc_text tmp;
  char head[64];
  snprintf(head, sizeof head, "%zu articles", p->ndocs);
  char *h = own(p, head);
  struct box *b = h ? new_box(p, BX_TEXT, -1) : NULL;
  if (!b)
    return;
  b->src = (struct src_text){h, strlen(h), NULL, 0, NULL, body * 2.2,
                             PANGO_WEIGHT_BOLD, false, false, false, true,
                             true, 0};
  b->after = body * 1.5;
  finish_text(p, b);
  (void)tmp;
  for (size_t i = 0; i < p->ndocs && p->st_err == PC_OK; i++) {
    b = new_box(p, BX_TOC, -1);
    if (!b)
      return;
    b->toc_doc = (int)i;
    b->height = body * 1.9;
  }
}

/*** pagination ************************************************************/

static bool add_frag(struct pdf *p, size_t box, int l0, int l1, double y) {
  if (p->nf == p->capf) {
    size_t cap = p->capf ? p->capf * 2 : 256;
    struct frag *nf = realloc(p->f, cap * sizeof *nf);
    if (!nf) {
      p->st_err = PC_ERR_NOMEM;
      return false;
    }
    p->f = nf, p->capf = cap;
  }
  p->f[p->nf++] = (struct frag){box, l0, l1, p->pages, y};
  return true;
}

static bool new_page(struct pdf *p, double *y) {
  if (p->pages >= PC_MAX_PAGES) {
    p->st_err = PC_ERR_TOO_LARGE;
    snprintf(p->why, sizeof p->why, "the PDF would pass %d pages",
             PC_MAX_PAGES);
    return false;
  }
  p->pages++;
  *y = 0;
  return true;
}

/* Height of the first n lines of a text box (from its top). */
static double lines_h(const struct box *b, int from, int to) {
  if (to <= from)
    return 0;
  return b->line_y[to - 1] + b->line_h[to - 1] - b->line_y[from];
}

/* What must fit with a heading: its successor's first two lines. */
static double lead_h(const struct pdf *p, size_t i) {
  if (i + 1 >= p->nb)
    return 0;
  const struct box *n = &p->b[i + 1];
  if (n->kind == BX_TEXT && n->nlines > 0)
    return n->before + lines_h(n, 0, n->nlines < 2 ? n->nlines : 2);
  return n->before + n->height;
}

static void paginate(struct pdf *p) {
  double y = 0;
  p->pages = 0;
  if (!new_page(p, &y))
    return;
  bool page_fresh = true;
  for (size_t i = 0; i < p->nb && p->st_err == PC_OK; i++) {
    struct box *b = &p->b[i];
    if (b->new_page && !page_fresh) {
      if (!new_page(p, &y))
        return;
      page_fresh = true;
    }
    if (b->new_page && b->doc >= 0 && p->doc_page &&
        p->doc_page[b->doc] == 0)
      p->doc_page[b->doc] = p->pages;
    if (b->doc >= 0 && p->doc_page && p->doc_page[b->doc] == 0)
      p->doc_page[b->doc] = p->pages;
    double before = page_fresh ? 0 : b->before;
    if (b->kind != BX_TEXT) {
      double need = before + b->height + (b->keep_next ? lead_h(p, i) : 0);
      if (y + need > p->body_h && !page_fresh) {
        if (!new_page(p, &y))
          return;
        before = 0;
      }
      y += before;
      if (!add_frag(p, i, 0, 0, y))
        return;
      y += b->height + b->after;
      page_fresh = false;
      continue;
    }
    int n = b->nlines, at = 0;
    if (n == 0)
      continue;
    /* a heading with the start of what follows */
    if (b->keep_next && !page_fresh &&
        y + before + lines_h(b, 0, n) + lead_h(p, i) > p->body_h) {
      if (!new_page(p, &y))
        return;
      page_fresh = true;
      before = 0;
    }
    y += before;
    while (at < n) {
      /* how many lines fit from here */
      int k = at;
      while (k < n && y + lines_h(b, at, k + 1) <= p->body_h + 0.01)
        k++;
      int fit = k - at, left = n - at;
      if (fit < left) {
        /* orphans: no single first line at a page foot; widows: no single
         * last line at a page head */
        if (left - fit < 2 && fit > 2)
          fit = left - 2;
        if (fit < 2 && left >= 2 && !page_fresh)
          fit = 0;
        if (fit == 0 && page_fresh)
          fit = 1; /* a line taller than the page: it goes anyway */
      }
      if (fit > 0) {
        if (!add_frag(p, i, at, at + fit, y))
          return;
        y += lines_h(b, at, at + fit);
        at += fit;
        page_fresh = false;
      }
      if (at < n) {
        if (!new_page(p, &y))
          return;
        page_fresh = true;
      }
    }
    y += b->after;
  }
}

/*** rendering *************************************************************/

static void tag_escape(struct pc_buf *t, const char *s) {
  for (; *s; s++) {
    if (*s == '\'' || *s == '\\')
      pc_buf_addc(t, '\\');
    pc_buf_addc(t, *s);
  }
}

static void link_rect(cairo_t *cr, double x, double y, double w, double h,
                      const char *href) {
  struct pc_buf t;
  pc_buf_init(&t, 16384);
  pc_buf_adds(&t, "uri='");
  tag_escape(&t, href);
  pc_buf_printf(&t, "' rect=[%.2f %.2f %.2f %.2f]", x, y, w, h);
  if (!t.failed && t.data) {
    cairo_tag_begin(cr, CAIRO_TAG_LINK, t.data);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
  }
  pc_buf_cleanup(&t);
}

/* The colour and underline a link span gave a run (span_attrs). */
static bool run_style(const PangoGlyphItem *run, PangoColor *fg,
                      bool *underline) {
  bool colored = false;
  *underline = false;
  for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next) {
    const PangoAttribute *at = a->data;
    if (at->klass->type == PANGO_ATTR_FOREGROUND) {
      *fg = ((const PangoAttrColor *)at)->color;
      colored = true;
    } else if (at->klass->type == PANGO_ATTR_UNDERLINE) {
      *underline = ((const PangoAttrInt *)at)->value != PANGO_UNDERLINE_NONE;
    }
  }
  return colored;
}

/* Draws one run with its baseline origin at (x, y), as pango's cairo
 * renderer does (glyphs plus the text of each glyph cluster, so the PDF's
 * text can be copied and searched), except that the clusters' text leaves
 * out soft hyphens: the one at hy (a byte offset in text, or SIZE_MAX),
 * where the line was broken and pango drew a hyphen, reads "-".  A run
 * with a glyph the fonts lack goes to pango, which draws its box. */
static void show_run(cairo_t *cr, const char *text, PangoGlyphItem *run,
                     double x, double y, size_t hy) {
  PangoGlyphString *gs = run->glyphs;
  int n = gs->num_glyphs;
  for (int i = 0; i < n; i++)
    if ((gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) &&
        gs->glyphs[i].glyph != PANGO_GLYPH_EMPTY) {
      cairo_move_to(cr, x, y);
      pango_cairo_show_glyph_item(cr, text, run);
      return;
    }
  cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(
      (PangoCairoFont *)run->item->analysis.font);
  if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
    cairo_move_to(cr, x, y); /* pango copes (a box per glyph) */
    pango_cairo_show_glyph_item(cr, text, run);
    return;
  }
  cairo_glyph_t gbuf[256];
  cairo_text_cluster_t cbuf[256];
  char ubuf[1024];
  size_t ilen = (size_t)run->item->length;
  cairo_glyph_t *g = n <= 256 ? gbuf : malloc((size_t)n * sizeof *g);
  cairo_text_cluster_t *c = n <= 256 ? cbuf : malloc((size_t)n * sizeof *c);
  char *u = ilen < sizeof ubuf ? ubuf : malloc(ilen + 1);
  if (g && c && u) {
    int ng = 0, xo = 0;
    for (int i = 0; i < n; i++) {
      const PangoGlyphInfo *gi = &gs->glyphs[i];
      if (gi->glyph != PANGO_GLYPH_EMPTY)
        g[ng++] = (cairo_glyph_t){
            gi->glyph, x + (double)(xo + gi->geometry.x_offset) / PANGO_SCALE,
            y + (double)gi->geometry.y_offset / PANGO_SCALE};
      xo += gi->geometry.width;
    }
    int nc = 0;
    size_t nu = 0;
    PangoGlyphItemIter it;
    bool more = pango_glyph_item_iter_init_start(&it, run, text);
    while (more) {
      int k0 = it.start_glyph < it.end_glyph ? it.start_glyph : it.end_glyph + 1;
      int k1 = it.start_glyph < it.end_glyph ? it.end_glyph : it.start_glyph + 1;
      int cg = 0, cb = 0;
      for (int k = k0; k < k1; k++)
        cg += gs->glyphs[k].glyph != PANGO_GLYPH_EMPTY;
      for (int i = it.start_index; i < it.end_index; i++) {
        if (i + 1 < it.end_index && is_shy(text, (size_t)i)) {
          if ((size_t)i == hy && cg)
            u[nu++] = '-', cb++;
          i++;
          continue;
        }
        u[nu++] = text[i], cb++;
      }
      if (cg || cb)
        c[nc++] = (cairo_text_cluster_t){cb, cg};
      more = pango_glyph_item_iter_next_cluster(&it);
    }
    cairo_set_scaled_font(cr, sf);
    cairo_show_text_glyphs(cr, u, (int)nu, g, ng, c, nc,
                           run->item->analysis.level & 1
                               ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD
                               : (cairo_text_cluster_flags_t)0);
  } else {
    cairo_move_to(cr, x, y); /* out of memory: pango draws it as it is */
    pango_cairo_show_glyph_item(cr, text, run);
  }
  if (g != gbuf)
    free(g);
  if (c != cbuf)
    free(c);
  if (u != ubuf)
    free(u);
}

/* Draws a line of a text box with its baseline origin at (x, y) in the
 * box's grey; links in their colour, underlined. */
static void show_line(cairo_t *cr, PangoLayout *l, PangoLayoutLine *line,
                      double x, double y, double grey, bool last) {
  const char *t = pango_layout_get_text(l);
  size_t s1 = (size_t)line->start_index + (size_t)line->length;
  size_t hy = !last && s1 >= (size_t)line->start_index + 2 && is_shy(t, s1 - 2)
                  ? s1 - 2
                  : SIZE_MAX;
  for (GSList *r = line->runs; r; r = r->next) {
    PangoGlyphItem *run = r->data;
    double w = (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
    PangoColor fg;
    bool ul;
    bool colored = run_style(run, &fg, &ul);
    if (colored)
      cairo_set_source_rgb(cr, fg.red / 65535.0, fg.green / 65535.0,
                           fg.blue / 65535.0);
    show_run(cr, t, run, x, y, hy);
    if (ul) {
      PangoFontMetrics *m = pango_font_get_metrics(run->item->analysis.font,
                                                   NULL);
      double pos = (double)pango_font_metrics_get_underline_position(m) /
                   PANGO_SCALE;
      double th = (double)pango_font_metrics_get_underline_thickness(m) /
                  PANGO_SCALE;
      pango_font_metrics_unref(m);
      cairo_rectangle(cr, x, y - pos, w, th > 0 ? th : 0.5);
      cairo_fill(cr);
    }
    if (colored)
      cairo_set_source_rgb(cr, grey, grey, grey);
    x += w;
  }
}

static void draw_text_frag(struct pdf *p, cairo_t *cr, struct box *b,
                           const struct frag *f, double ox, double oy) {
  PangoLayout *l = b->layout;
  bool rebuilt = false;
  if (!l) {
    l = build_text(p, b);
    if (!l)
      return;
    rebuilt = true;
  }
  double grey = b->src.color;
  cairo_set_source_rgb(cr, grey, grey, grey);
  double top = b->line_y[f->line0];
  PangoLayoutIter *it = pango_layout_get_iter(l);
  int li = 0;
  do {
    if (li >= f->line0 && li < f->line1) {
      PangoLayoutLine *line = pango_layout_iter_get_line(it);
      PangoRectangle lr;
      pango_layout_iter_get_line_extents(it, NULL, &lr);
      int base = pango_layout_iter_get_baseline(it);
      double lx = ox + (double)lr.x / PANGO_SCALE;
      double ly = oy + (double)base / PANGO_SCALE - top;
      show_line(cr, l, line, lx, ly, grey, li + 1 >= b->nlines);
      /* link areas on this line */
      size_t s0 = (size_t)line->start_index;
      size_t s1 = s0 + (size_t)line->length;
      for (size_t k = 0; k < b->nlinks; k++) {
        size_t a = b->links[k].s > s0 ? b->links[k].s : s0;
        size_t e = b->links[k].e < s1 ? b->links[k].e : s1;
        if (a >= e)
          continue;
        int xa, xe;
        pango_layout_line_index_to_x(line, (int)a, 0, &xa);
        pango_layout_line_index_to_x(line, (int)e, 0, &xe);
        if (e == s1)
          xe = lr.width;
        double x0 = lx + (xa < xe ? xa : xe) / (double)PANGO_SCALE;
        double w = abs(xe - xa) / (double)PANGO_SCALE;
        double y0 = oy + b->line_y[li] - top;
        if (w > 0.5)
          link_rect(cr, x0, y0, w, b->line_h[li], b->links[k].href);
      }
    }
    li++;
  } while (li < f->line1 && pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  if (b->bar) {
    double y0 = oy + b->line_y[f->line0] - top;
    double y1 = oy + lines_h(b, f->line0, f->line1);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 1.2);
    cairo_move_to(cr, ox - p->st.body_pt * 0.8, y0);
    cairo_line_to(cr, ox - p->st.body_pt * 0.8, y1);
    cairo_stroke(cr);
  }
  if (rebuilt)
    g_object_unref(l);
}

static void draw_image(struct pdf *p, cairo_t *cr, struct box *b, double ox,
                       double oy) {
  const struct pc_image *img = b->img;
  cairo_surface_t *s = NULL;
  char why[256];
  if (img->kind == PC_IMG_JPEG) {
    /* embedded as it is: cairo writes the JPEG data (DCTDecode) and never
     * looks at the pixels, so a 1-bit surface of the size will do.  The
     * data is borrowed: the call's pc_imgset outlives the PDF surface. */
    s = cairo_image_surface_create(CAIRO_FORMAT_A1, img->width, img->height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
        cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, img->data,
                                    img->len, NULL, NULL) !=
            CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(s);
      s = NULL;
    }
  } else {
    uint32_t *px = pc_image_decode(img, why, sizeof why);
    if (px) {
      cairo_surface_t *tmp = cairo_image_surface_create_for_data(
          (unsigned char *)px, CAIRO_FORMAT_ARGB32, img->width, img->height,
          img->width * 4);
      /* a surface of its own, so the pixels can go now */
      s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, img->width,
                                     img->height);
      cairo_t *c2 = cairo_create(s);
      cairo_set_source_surface(c2, tmp, 0, 0);
      cairo_paint(c2);
      cairo_destroy(c2);
      cairo_surface_destroy(tmp);
      free(px);
    } else {
      warn(p, "image left out: %s", why);
    }
  }
  if (!s)
    return;
  cairo_save(cr);
  cairo_translate(cr, ox, oy);
  cairo_scale(cr, b->img_w / img->width, b->img_h / img->height);
  cairo_set_source_surface(cr, s, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_rectangle(cr, 0, 0, img->width, img->height);
  cairo_fill(cr);
  cairo_restore(cr);
  cairo_surface_destroy(s);
}

static void draw_row(struct pdf *p, cairo_t *cr, struct box *b, double ox,
                     double oy) {
  double cw = p->body_w / (double)b->ncells;
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  for (size_t c = 0; c < b->ncells; c++) {
    cairo_save(cr);
    cairo_rectangle(cr, ox + cw * c, oy, cw, b->height);
    cairo_clip(cr); /* a cell cut at a page never runs over the next */
    cairo_move_to(cr, ox + cw * c + 3, oy + 2);
    pango_cairo_show_layout(cr, b->cell_layouts[c]);
    cairo_restore(cr);
  }
  if (b->ncells > 1 || b->cells == NULL) {
    cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(cr, 0.5);
    cairo_rectangle(cr, ox, oy, p->body_w, b->height);
    for (size_t c = 1; c < b->ncells; c++) {
      cairo_move_to(cr, ox + cw * c, oy);
      cairo_line_to(cr, ox + cw * c, oy + b->height);
    }
    cairo_stroke(cr);
  }
}

static void draw_toc(struct pdf *p, cairo_t *cr, struct box *b, double ox,
                     double oy) {
  const pc_doc *d = p->docs[b->toc_doc];
  const char *title = pc_doc_meta(d, PC_META_TITLE);
  const char *site = pc_doc_meta(d, PC_META_SITE);
  char num[32];
  snprintf(num, sizeof num, "%d", p->doc_page[b->toc_doc]);
  double body = p->st.body_pt;
  PangoLayout *n = plain_layout(p, num, body, PANGO_WEIGHT_NORMAL, false, 0);
  PangoRectangle nr;
  pango_layout_get_extents(n, NULL, &nr);
  double nw = (double)nr.width / PANGO_SCALE;
  PangoLayout *t = plain_layout(p, title ? title : "(untitled)", body,
                                PANGO_WEIGHT_BOLD, false,
                                p->body_w - nw - body * 2);
  pango_layout_set_ellipsize(t, PANGO_ELLIPSIZE_END);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, ox, oy);
  pango_cairo_show_layout(cr, t);
  cairo_move_to(cr, ox + p->body_w - nw, oy);
  pango_cairo_show_layout(cr, n);
  if (site) {
    PangoLayout *s = plain_layout(p, site, body * 0.8, PANGO_WEIGHT_NORMAL,
                                  true, p->body_w - nw - body * 2);
    pango_layout_set_ellipsize(s, PANGO_ELLIPSIZE_END);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    cairo_move_to(cr, ox, oy + body * 1.15);
    pango_cairo_show_layout(cr, s);
    g_object_unref(s);
  }
  char dest[64];
  snprintf(dest, sizeof dest, "page=%d pos=[%.1f %.1f]",
           p->doc_page[b->toc_doc], p->st.margin, p->top);
  struct pc_buf tag;
  pc_buf_init(&tag, 256);
  pc_buf_printf(&tag, "%s rect=[%.2f %.2f %.2f %.2f]", dest, ox, oy,
                p->body_w, body * 1.2);
  if (tag.data) {
    cairo_tag_begin(cr, CAIRO_TAG_LINK, tag.data);
    cairo_tag_end(cr, CAIRO_TAG_LINK);
  }
  pc_buf_cleanup(&tag);
  g_object_unref(t);
  g_object_unref(n);
}

static void header_footer(struct pdf *p, cairo_t *cr, int page, int doc) {
  double small = 7.5;
  const pc_doc *d = doc >= 0 ? p->docs[doc] : NULL;
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  if (p->st.header && d) {
    const char *title = pc_doc_meta(d, PC_META_TITLE);
    if (title) {
      PangoLayout *l = plain_layout(p, title, small, PANGO_WEIGHT_NORMAL, true,
                                    p->body_w);
      pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
      cairo_move_to(cr, p->st.margin, p->st.margin - small * 2.6);
      pango_cairo_show_layout(cr, l);
      g_object_unref(l);
    }
  }
  if (p->st.footer) {
    char num[64];
    snprintf(num, sizeof num, "page %d of %d", page, p->pages);
    PangoLayout *n = plain_layout(p, num, small, PANGO_WEIGHT_NORMAL, false, 0);
    PangoRectangle nr;
    pango_layout_get_extents(n, NULL, &nr);
    double nw = (double)nr.width / PANGO_SCALE;
    double fy = p->st.page_h - p->st.margin + small * 1.4;
    cairo_move_to(cr, p->st.margin + p->body_w - nw, fy);
    pango_cairo_show_layout(cr, n);
    g_object_unref(n);
    if (d) {
      const char *site = pc_doc_meta(d, PC_META_SITE);
      const char *url = pc_doc_meta(d, PC_META_URL);
      char src[2048];
      snprintf(src, sizeof src, "%s%s%s", site ? site : "",
               site && url ? " \xE2\x80\x94 " : "", url ? url : "");
      if (src[0]) {
        PangoLayout *l = plain_layout(p, src, small, PANGO_WEIGHT_NORMAL,
                                      false, p->body_w - nw - 12);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_MIDDLE);
        cairo_move_to(cr, p->st.margin, fy);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
      }
    }
  }
}

struct sink {
  pc_write_fn write;
  void *closure;
  bool failed;
};

static cairo_status_t sink_write(void *closure, const unsigned char *data,
                                 unsigned int len) {
  struct sink *s = closure;
  if (s->failed || s->write(s->closure, data, len) != 0) {
    s->failed = true;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

static void outline_add(cairo_surface_t *s, int parent, const char *text,
                        int page, double y, int *id) {
  char name[512];
  /* one line of at most ~500 bytes, cut at a character boundary */
  size_t n = 0;
  for (const char *c = text; *c && n + 5 < sizeof name; c++)
    name[n++] = (*c == '\n' || *c == '\t') ? ' ' : *c;
  while (n > 0 && ((unsigned char)name[n - 1] & 0xC0) == 0x80)
    n--;
  if (n > 0 && (unsigned char)name[n - 1] >= 0xC0)
    n--;
  name[n] = '\0';
  char link[96];
  snprintf(link, sizeof link, "page=%d pos=[0 %.1f]", page, y);
  *id = cairo_pdf_surface_add_outline(s, parent, name, link, 0);
}

static void render(struct pdf *p, cairo_surface_t *surf, cairo_t *cr) {
  size_t fi = 0;
  int doc_outline = CAIRO_PDF_OUTLINE_ROOT;
  for (int page = 1; page <= p->pages && p->st_err == PC_OK; page++) {
    int page_doc = -1;
    for (size_t k = fi; k < p->nf && p->f[k].page == page; k++)
      if (p->b[p->f[k].box].doc >= 0) {
        page_doc = p->b[p->f[k].box].doc;
        break;
      }
    header_footer(p, cr, page, page_doc);
    for (; fi < p->nf && p->f[fi].page == page; fi++) {
      struct frag *f = &p->f[fi];
      struct box *b = &p->b[f->box];
      double ox = p->st.margin + b->x, oy = p->top + f->y;
      if (b->outline && f->line0 == 0) {
        int id = 0;
        if (b->outline == 1) {
          outline_add(surf, CAIRO_PDF_OUTLINE_ROOT, b->outline_text, page,
                      oy, &id);
          doc_outline = id;
        } else {
          outline_add(surf, doc_outline, b->outline_text, page, oy, &id);
        }
      }
      switch (b->kind) {
      case BX_TEXT: draw_text_frag(p, cr, b, f, ox, oy); break;
      case BX_IMAGE: draw_image(p, cr, b, ox, oy); break;
      case BX_ROW: draw_row(p, cr, b, ox, oy); break;
      case BX_TOC: draw_toc(p, cr, b, ox, oy); break;
      case BX_RULE:
        cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
        cairo_set_line_width(cr, 0.6);
        cairo_move_to(cr, ox + p->body_w * 0.3, oy + 0.5);
        cairo_line_to(cr, ox + p->body_w * 0.7, oy + 0.5);
        cairo_stroke(cr);
        break;
      }
    }
    cairo_show_page(cr);
  }
}

static void metadata(struct pdf *p, cairo_surface_t *s) {
  const pc_doc *d = p->docs[0];
  const char *title = p->ndocs == 1 ? pc_doc_meta(d, PC_META_TITLE) : NULL;
  char buf[64];
  if (p->ndocs > 1) {
    snprintf(buf, sizeof buf, "%zu articles", p->ndocs);
    title = buf;
  }
  if (title)
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
  const char *by = pc_doc_meta(d, PC_META_BYLINE);
  if (by && p->ndocs == 1)
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, by);
  const char *url = pc_doc_meta(d, PC_META_URL);
  if (url && p->ndocs == 1)
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, url);
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
                                 "presscut " PC_VERSION);
  /* SOURCE_DATE_EPOCH makes the file reproducible */
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
  struct tm tm;
  char when[32];
  if (gmtime_r(&now, &tm) &&
      strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm)) {
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, when);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, when);
  }
}

static void pdf_free(struct pdf *p) {
  for (size_t i = 0; i < p->nb; i++) {
    struct box *b = &p->b[i];
    if (b->layout)
      g_object_unref(b->layout);
    for (size_t c = 0; c < b->ncells; c++)
      if (b->cell_layouts && b->cell_layouts[c])
        g_object_unref(b->cell_layouts[c]);
    free(b->cell_layouts);
    free(b->cells);
    free(b->links);
    free(b->line_y);
    free(b->line_h);
  }
  free(p->b);
  free(p->f);
  free(p->doc_page);
  for (size_t i = 0; i < p->nowned; i++)
    free(p->owned[i]);
  free(p->owned);
  if (p->hyph_pending) {
    pthread_join(p->hyph_thread, NULL);
    p->hyph_pending = false;
  }
  pthread_mutex_destroy(&p->hyph_m);
  pthread_cond_destroy(&p->hyph_c);
  pc_hyph_free(p->pending_dict);
  if (!p->hyph_borrowed)
    pc_hyph_free(p->hyph);
  if (p->base)
    pango_font_description_free(p->base);
  if (p->pctx)
    g_object_unref(p->pctx);
  if (p->fontmap)
    g_object_unref(p->fontmap);
}

static pc_status typeset(const pc_doc *const *docs, size_t ndocs,
                         const pc_print_opts *opts, const struct pc_style *st,
                         pc_write_fn write, void *closure, struct preimg *pre,
                         size_t npre, pc_error *err);

/* Loads the images image_box() will want, in the same order and under the
 * same conditions; *n of them.  NULL when there are none, or with *oom set
 * on out of memory. */
static struct preimg *preload(const pc_doc *const *docs, size_t ndocs,
                              struct pc_imgset *set,
                              const struct pc_style *st, size_t *n,
                              bool *oom) {
  *n = 0;
  *oom = false;
  if (st->image_share <= 0)
    return NULL;
  size_t total = 0;
  for (size_t d = 0; d < ndocs; d++) {
    size_t k = 0;
    for (size_t i = 0; i < pc_doc_block_count(docs[d]); i++) {
      const pc_block *bl = pc_doc_block(docs[d], i);
      k += bl->type == PC_BLOCK_FIGURE && bl->src;
    }
    total += k < PC_MAX_IMAGES ? k : PC_MAX_IMAGES;
  }
  struct preimg *pre = total ? calloc(total, sizeof *pre) : NULL;
  if (!pre) {
    *oom = total > 0;
    return NULL;
  }
  for (size_t d = 0; d < ndocs; d++) {
    size_t k = 0;
    const char *url = pc_doc_meta(docs[d], PC_META_URL);
    const char *dir = set->o->base_dirs ? set->o->base_dirs[d]
                                        : set->o->base_dir;
    for (size_t i = 0; i < pc_doc_block_count(docs[d]); i++) {
      const pc_block *bl = pc_doc_block(docs[d], i);
      if (bl->type != PC_BLOCK_FIGURE || !bl->src || ++k > PC_MAX_IMAGES)
        continue;
      struct preimg *pi = &pre[(*n)++];
      pi->st = pc_imgset_get(set, bl->src, url, dir, &pi->img);
    }
  }
  return pre;
}

/* One PDF at a time in a process.  Pango 1.50 with cairo 1.16 (Debian 12)
 * measures text wrongly when two threads load fonts at the same time, even
 * through font maps and contexts of their own: glyph advances come out of
 * another size of the same face (cairo shares one FreeType face per font
 * file).  tests/unit/test_threads.c typesets on four threads and compares
 * the pages' glyph positions with a single thread's; without this lock
 * they differ.  The lock is the library's only shared state: it guards
 * theirs. */
static pthread_mutex_t typeset_lock = PTHREAD_MUTEX_INITIALIZER;

pc_status pc_pdf(const pc_doc *const *docs, size_t ndocs,
                 const pc_print_opts *opts, pc_write_fn write, void *closure,
                 pc_error *err) {
  if (!docs || !ndocs || !write)
    return pc_error_set(err, PC_ERR_USAGE, "pc_pdf: no documents or no writer");
  for (size_t i = 0; i < ndocs; i++)
    if (!docs[i])
      return pc_error_set(err, PC_ERR_USAGE, "pc_pdf: NULL document");
  pc_print_opts defaults;
  if (!opts) {
    pc_print_opts_init(&defaults);
    opts = &defaults;
  }
  struct pc_style style;
  pc_style_from(opts, &style);
  if (style.page_w - 2 * style.margin < 72 ||
      style.page_h - 2 * style.margin < 72)
    return pc_error_set(err, PC_ERR_USAGE, "margins leave no room for text");
  /* images first, outside the lock: a slow fetch holds up no one else */
  size_t npre = 0;
  bool oom = false;
  struct pc_imgset set; /* each distinct image once; the call's limits */
  pc_imgset_init(&set, opts);
  struct preimg *pre = preload(docs, ndocs, &set, &style, &npre, &oom);
  pc_imgset_report(&set);
  pc_status st = PC_OK;
  if (oom) {
    st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  } else {
    pthread_mutex_lock(&typeset_lock);
    st = typeset(docs, ndocs, opts, &style, write, closure, pre, npre, err);
    pthread_mutex_unlock(&typeset_lock);
  }
  free(pre);
  pc_imgset_cleanup(&set); /* after the PDF surface, which borrowed them */
  return st;
}

/* pc_pdf's work under the lock; style is opts', its margins checked. */
static pc_status typeset(const pc_doc *const *docs, size_t ndocs,
                         const pc_print_opts *opts,
                         const struct pc_style *style, pc_write_fn write,
                         void *closure, struct preimg *pre, size_t npre,
                         pc_error *err) {
  struct pdf p;
  memset(&p, 0, sizeof p);
  p.pre = pre;
  p.npre = npre;
  p.o = opts;
  p.docs = docs;
  p.ndocs = ndocs;
  p.st = *style;
  p.body_w = p.st.page_w - 2 * p.st.margin;
  p.top = p.st.margin;
  p.body_h = p.st.page_h - 2 * p.st.margin;
  p.doc_page = calloc(ndocs, sizeof *p.doc_page);

  struct sink sink = {write, closure, false};
  cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(
      sink_write, &sink, p.st.page_w, p.st.page_h);
  cairo_t *cr = cairo_create(surf);
  if (!p.doc_page || cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
    cairo_destroy(cr);
    cairo_surface_destroy(surf);
    free(p.doc_page);
    return pc_error_set(err, PC_ERR_NOMEM, "cannot start the PDF");
  }
  /* the first dictionary loads while the fonts are found */
  const char *lang0 = pc_doc_meta(docs[0], PC_META_LANG);
  snprintf(p.pending_lang, sizeof p.pending_lang, "%s", lang0 ? lang0 : "en");
  pthread_mutex_init(&p.hyph_m, NULL);
  pthread_cond_init(&p.hyph_c, NULL);
  if (cache_find(opts->cache, p.pending_lang) < 0)
    p.hyph_pending =
        pthread_create(&p.hyph_thread, NULL, hyph_loader, &p) == 0;
  /* pango measures in points on a PDF surface: 72 dpi, no hinting */
  /* a font map of this call's own, released at the end, unless the
   * caller keeps one in a cache */
  if (opts->cache && !opts->cache->map)
    opts->cache->map = pango_cairo_font_map_new();
  p.fontmap = opts->cache ? g_object_ref(opts->cache->map)
                          : pango_cairo_font_map_new();
  p.pctx = pango_font_map_create_context(p.fontmap);
  pango_cairo_update_context(cr, p.pctx);
  pango_cairo_context_set_resolution(p.pctx, 72);
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(p.pctx, fo);
  cairo_font_options_destroy(fo);
  p.base = pango_font_description_from_string(p.st.family);
  if (!pango_font_description_get_family(p.base))
    pango_font_description_set_family(p.base, "serif");
  if (ndocs > 1)
    front_boxes(&p);
  for (size_t i = 0; i < ndocs && p.st_err == PC_OK; i++) {
    doc_boxes(&p, (int)i);
    if (opts->who_said_what && p.st_err == PC_OK)
      wsw_boxes(&p, (int)i);
  }
  if (p.st_err == PC_OK)
    paginate(&p);
  if (p.st_err == PC_OK) {
    metadata(&p, surf);
    /* cairo 1.16 leaves a link's structure element unwritten (a damaged
     * file) unless a structure element holds it: the whole document is
     * one */
    cairo_tag_begin(cr, "Document", NULL);
    render(&p, surf, cr);
    cairo_tag_end(cr, "Document");
  }
  /* a drawing error leaves cr (not the surface) in an error state, and
   * the rest of the page blank: it fails the call too */
  cairo_status_t cs = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surf);
  if (cs == CAIRO_STATUS_SUCCESS)
    cs = cairo_surface_status(surf);
  cairo_surface_destroy(surf);
  pc_status st = p.st_err;
  char why[256];
  snprintf(why, sizeof why, "%s", p.why);
  pdf_free(&p);
  if (st != PC_OK)
    return pc_error_set(err, st, "%s", why[0] ? why : pc_strerror(st));
  if (sink.failed)
    return pc_error_set(err, PC_ERR_IO, "cannot write the PDF");
  if (cs != CAIRO_STATUS_SUCCESS)
    return pc_error_set(err, PC_ERR_INTERNAL, "cairo: %s",
                        cairo_status_to_string(cs));
  return PC_OK;
}
