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
#include "print/pdf.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*** the cache kept between calls (pc_pdf_cache) **************************/


/* Used only under typeset_lock (pc_pdf), so calls on any thread may share
 * it. */


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
int pc_pdf_cache_find(const pc_pdf_cache *c, const char *lang) {
  for (size_t i = 0; c && i < c->nd; i++)
    if (strcmp(c->d[i].lang, lang) == 0)
      return (int)i;
  return -1;
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
  free(p->spk);
  free(p->names);
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
  p.spk_doc = -1;
  p.marks = opts->marks != PC_MARKS_DEFAULT ? opts->marks
            : opts->who_said_what ? PC_MARKS_COLOUR : PC_MARKS_NONE;

  struct sink sink = {write, closure, false};
  cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(
      pc_pdf_sink_write, &sink, p.st.page_w, p.st.page_h);
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
  if (pc_pdf_cache_find(opts->cache, p.pending_lang) < 0)
    p.hyph_pending =
        pthread_create(&p.hyph_thread, NULL, pc_pdf_hyph_loader, &p) == 0;
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
    pc_pdf_front_boxes(&p);
  for (size_t i = 0; i < ndocs && p.st_err == PC_OK; i++) {
    pc_pdf_doc_boxes(&p, (int)i);
    if (opts->who_said_what && p.st_err == PC_OK)
      pc_pdf_wsw_boxes(&p, (int)i);
  }
  if (p.st_err == PC_OK)
    pc_pdf_paginate(&p);
  if (p.st_err == PC_OK) {
    pc_pdf_metadata(&p, surf);
    /* cairo 1.16 leaves a link's structure element unwritten (a damaged
     * file) unless a structure element holds it: the whole document is
     * one */
    cairo_tag_begin(cr, "Document", NULL);
    pc_pdf_render(&p, surf, cr);
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
