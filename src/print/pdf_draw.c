/* pdf_draw.c - the pages drawn with cairo: text lines (glyphs without the
 * soft hyphens), images, table rows, the contents, running header and
 * footer, links, the outline and the metadata. */
#include "print/pdf.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

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

/* What the attributes of a run ask for: a link's colour and underline
 * (span_attrs), a quotation's background or underline style and colour
 * (pdf_marks.c). */
struct look {
  bool fg_set, bg_set, ulc_set;
  PangoColor fg, bg, ulc;
  PangoUnderline ul;
};

static void run_look(const PangoGlyphItem *run, struct look *k) {
  memset(k, 0, sizeof *k);
  for (GSList *a = run->item->analysis.extra_attrs; a; a = a->next) {
    const PangoAttribute *at = a->data;
    const PangoColor *c = &((const PangoAttrColor *)at)->color;
    switch (at->klass->type) {
    case PANGO_ATTR_FOREGROUND: k->fg = *c, k->fg_set = true; break;
    case PANGO_ATTR_BACKGROUND: k->bg = *c, k->bg_set = true; break;
    case PANGO_ATTR_UNDERLINE_COLOR: k->ulc = *c, k->ulc_set = true; break;
    case PANGO_ATTR_UNDERLINE:
      k->ul = (PangoUnderline)((const PangoAttrInt *)at)->value;
      break;
    default: break;
    }
  }
}

static void set_colour(cairo_t *cr, const PangoColor *c) {
  cairo_set_source_rgb(cr, c->red / 65535.0, c->green / 65535.0,
                       c->blue / 65535.0);
}

/* A quotation's background behind a run of width w at baseline y. */
static void draw_background(cairo_t *cr, const struct look *k,
                            PangoFontMetrics *m, double x, double y,
                            double w) {
  double asc = (double)pango_font_metrics_get_ascent(m) / PANGO_SCALE;
  double desc = (double)pango_font_metrics_get_descent(m) / PANGO_SCALE;
  cairo_save(cr);
  set_colour(cr, &k->bg);
  cairo_rectangle(cr, x, y - asc, w, asc + desc);
  cairo_fill(cr);
  cairo_restore(cr);
}

/* The underline of a run: single, double, low or wavy (error). */
static void draw_underline(cairo_t *cr, const struct look *k,
                           PangoFontMetrics *m, double x, double y,
                           double w) {
  double pos = (double)pango_font_metrics_get_underline_position(m) /
               PANGO_SCALE;
  double th = (double)pango_font_metrics_get_underline_thickness(m) /
              PANGO_SCALE;
  if (th <= 0)
    th = 0.5;
  cairo_save(cr);
  if (k->ulc_set)
    set_colour(cr, &k->ulc);
  double uy = y - pos;
  switch (k->ul) {
  case PANGO_UNDERLINE_DOUBLE:
    cairo_rectangle(cr, x, uy, w, th);
    cairo_rectangle(cr, x, uy + th * 2.5, w, th);
    cairo_fill(cr);
    break;
  case PANGO_UNDERLINE_LOW:
    cairo_rectangle(cr, x, uy + th * 3, w, th * 1.6);
    cairo_fill(cr);
    break;
  case PANGO_UNDERLINE_ERROR: {
    double step = th * 3;
    cairo_set_line_width(cr, th);
    cairo_move_to(cr, x, uy + th);
    for (double xx = x, up = 1; xx < x + w; xx += step, up = -up)
      cairo_line_to(cr, xx + step < x + w ? xx + step : x + w,
                    uy + th + up * th);
    cairo_stroke(cr);
    break;
  }
  default:
    cairo_rectangle(cr, x, uy, w, th);
    cairo_fill(cr);
    break;
  }
  cairo_restore(cr);
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
        if (i + 1 < it.end_index && pc_pdf_is_shy(text, (size_t)i)) {
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
  size_t hy = !last && s1 >= (size_t)line->start_index + 2 && pc_pdf_is_shy(t, s1 - 2)
                  ? s1 - 2
                  : SIZE_MAX;
  for (GSList *r = line->runs; r; r = r->next) {
    PangoGlyphItem *run = r->data;
    double w = (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
    struct look k;
    run_look(run, &k);
    PangoFontMetrics *m = k.bg_set || k.ul != PANGO_UNDERLINE_NONE
                              ? pango_font_get_metrics(run->item->analysis.font,
                                                       NULL)
                              : NULL;
    if (m && k.bg_set)
      draw_background(cr, &k, m, x, y, w);
    if (k.fg_set)
      set_colour(cr, &k.fg);
    show_run(cr, t, run, x, y, hy);
    if (m && k.ul != PANGO_UNDERLINE_NONE)
      draw_underline(cr, &k, m, x, y, w);
    if (m)
      pango_font_metrics_unref(m);
    if (k.fg_set)
      cairo_set_source_rgb(cr, grey, grey, grey);
    x += w;
  }
}

static void draw_text_frag(struct pdf *p, cairo_t *cr, struct box *b,
                           const struct frag *f, double ox, double oy) {
  PangoLayout *l = b->layout;
  bool rebuilt = false;
  if (!l) {
    l = pc_pdf_build_text(p, b);
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
    double y1 = oy + pc_pdf_lines_h(b, f->line0, f->line1);
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
      pc_pdf_warn(p, "image left out: %s", why);
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

/* A row of a typeset table (cols set): horizontal rules only, a heavier
 * one under the heading row, as book tables are ruled. */
static void draw_typeset_row(struct pdf *p, cairo_t *cr, struct box *b,
                             double ox, double oy) {
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  for (size_t c = 0; c < b->ncells; c++) {
    double x0 = ox + b->cols[c] * p->body_w;
    double x1 = ox + b->cols[c + 1] * p->body_w;
    cairo_save(cr);
    cairo_rectangle(cr, x0, oy, x1 - x0, b->height);
    cairo_clip(cr);
    cairo_move_to(cr, x0 + 3, oy + 2.5);
    pango_cairo_show_layout(cr, b->cell_layouts[c]);
    cairo_restore(cr);
  }
  cairo_set_source_rgb(cr, b->head_row ? 0.2 : 0.75, b->head_row ? 0.2 : 0.75,
                       b->head_row ? 0.2 : 0.75);
  cairo_set_line_width(cr, b->head_row ? 0.8 : 0.4);
  cairo_move_to(cr, ox, oy + b->height);
  cairo_line_to(cr, ox + p->body_w, oy + b->height);
  cairo_stroke(cr);
}

static void draw_row(struct pdf *p, cairo_t *cr, struct box *b, double ox,
                     double oy) {
  if (b->cols) {
    draw_typeset_row(p, cr, b, ox, oy);
    return;
  }
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

/* Dots from x0 to x1 on the baseline at y, as a contents page leads the
 * eye from a title to its page number. */
static void dot_leader(cairo_t *cr, double x0, double x1, double y) {
  const double step = 4.0;
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  cairo_new_path(cr); /* not joined to where the last text ended */
  for (double x = ceil(x0 / step) * step; x + 1 <= x1; x += step) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, 0.7, 0, 2 * G_PI);
    cairo_fill(cr);
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
  PangoLayout *n = pc_pdf_plain_layout(p, num, body, PANGO_WEIGHT_NORMAL, false, 0);
  PangoRectangle nr;
  pango_layout_get_extents(n, NULL, &nr);
  double nw = (double)nr.width / PANGO_SCALE;
  PangoLayout *t = pc_pdf_plain_layout(p, title ? title : "(untitled)", body,
                                PANGO_WEIGHT_BOLD, false,
                                p->body_w - nw - body * 3);
  pango_layout_set_ellipsize(t, PANGO_ELLIPSIZE_END);
  PangoRectangle tr;
  pango_layout_get_extents(t, NULL, &tr);
  double tw = (double)tr.width / PANGO_SCALE;
  double base = (double)pango_layout_get_baseline(t) / PANGO_SCALE;
  dot_leader(cr, ox + tw + body * 0.6, ox + p->body_w - nw - body * 0.5,
             oy + base);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_move_to(cr, ox, oy);
  pango_cairo_show_layout(cr, t);
  cairo_move_to(cr, ox + p->body_w - nw, oy);
  pango_cairo_show_layout(cr, n);
  if (site) {
    PangoLayout *s = pc_pdf_plain_layout(p, site, body * 0.8, PANGO_WEIGHT_NORMAL,
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

/* The running title at the top (not on the page that carries the title
 * itself), the URL and page numbers at the foot. */
static void header_footer(struct pdf *p, cairo_t *cr, int page, int doc,
                          bool title_page) {
  double small = 7.5;
  const pc_doc *d = doc >= 0 ? p->docs[doc] : NULL;
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  if (p->st.header && d && !title_page) {
    const char *title = pc_doc_meta(d, PC_META_TITLE);
    if (title) {
      PangoLayout *l = pc_pdf_plain_layout(p, title, small, PANGO_WEIGHT_NORMAL, true,
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
    PangoLayout *n = pc_pdf_plain_layout(p, num, small, PANGO_WEIGHT_NORMAL, false, 0);
    PangoRectangle nr;
    pango_layout_get_extents(n, NULL, &nr);
    double nw = (double)nr.width / PANGO_SCALE;
    double fy = p->st.page_h - p->st.margin + small * 1.4;
    cairo_move_to(cr, p->st.margin + p->body_w - nw, fy);
    pango_cairo_show_layout(cr, n);
    g_object_unref(n);
    /* the address only: the site is named in the article's head */
    if (d) {
      const char *url = pc_doc_meta(d, PC_META_URL);
      char src[2048];
      snprintf(src, sizeof src, "%s", url ? url : "");
      if (src[0]) {
        PangoLayout *l = pc_pdf_plain_layout(p, src, small, PANGO_WEIGHT_NORMAL,
                                      false, p->body_w - nw - 12);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_MIDDLE);
        cairo_move_to(cr, p->st.margin, fy);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
      }
    }
  }
}


cairo_status_t pc_pdf_sink_write(void *closure, const unsigned char *data,
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

void pc_pdf_render(struct pdf *p, cairo_surface_t *surf, cairo_t *cr) {
  size_t fi = 0;
  int doc_outline = CAIRO_PDF_OUTLINE_ROOT;
  for (int page = 1; page <= p->pages && p->st_err == PC_OK; page++) {
    int page_doc = -1;
    bool title_page = false;
    for (size_t k = fi; k < p->nf && p->f[k].page == page; k++) {
      const struct box *b = &p->b[p->f[k].box];
      if (b->doc >= 0 && page_doc < 0)
        page_doc = b->doc;
      title_page = title_page || (b->outline == 1 && p->f[k].line0 == 0);
    }
    header_footer(p, cr, page, page_doc, title_page);
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

void pc_pdf_metadata(struct pdf *p, cairo_surface_t *s) {
  const pc_doc *d = p->docs[0];
  const char *title = p->ndocs == 1 ? pc_doc_meta(d, PC_META_TITLE) : NULL;
  char buf[64];
  if (p->ndocs > 1) {
    snprintf(buf, sizeof buf, "%zu articles", p->ndocs);
    title = p->o->title && *p->o->title ? p->o->title : buf;
  }
  if (p->o->author && *p->o->author)
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, p->o->author);
  if (title)
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
  const char *by = pc_doc_meta(d, PC_META_BYLINE);
  if (by && p->ndocs == 1 && !(p->o->author && *p->o->author))
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
