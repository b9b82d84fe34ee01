/* pdf.h - the PDF typesetter's shared state (private to src/print/): the
 * boxes that blocks become, the fragments pages are cut into, and one
 * call's struct pdf.  pdf.c drives a call (pc_pdf); pdf_boxes.c lays out
 * text and turns blocks into boxes; pdf_paginate.c cuts boxes into pages;
 * pdf_draw.c draws the pages. */
#ifndef PC_PDF_H
#define PC_PDF_H

#include "print.h"
#include "render/render.h"
#include "hyph.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pthread.h>

#define KEEP_LAYOUTS 3000
#define LINE_SPACING 1.3

enum box_kind { BX_TEXT, BX_IMAGE, BX_RULE, BX_ROW, BX_TOC };

/* What a text box is made from, so its layout can be built again. */
/* A quotation in a text box's source: bytes [start, end), marked as its
 * speaker's (the index into the document's speakers). */
struct qmark {
  size_t start, end;
  int speaker;
};

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
  double indent;  /* first-line indent, points */
  double leading; /* line spacing; 0 = LINE_SPACING */
  const struct qmark *marks; /* quotations to mark (owned by the pdf) */
  size_t nmarks;
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
  /* typeset tables (the appendix): column edges as shares of the width
   * (ncells + 1 of them; NULL = equal columns, ruled all round) */
  const double *cols;
  bool head_row; /* the heading row: bold, a rule under it */
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
  int marks;          /* PC_MARKS_COLOUR, _GREY or _NONE, as resolved */
  /* the speakers of one document (pdf_marks.c): spk[i] is quote i's
   * index among names (in order of first quote), -1 for none */
  int spk_doc;        /* the document they are of; -1 none yet */
  int *spk;
  const char **names;
  size_t nnames;
  char **owned;       /* strings made here (meta lines, appendix) */
  size_t nowned, capowned;
  pc_status st_err;
  char why[256];
};

#define CACHE_DICTS 16 /* hyphenation dictionaries a cache keeps */

struct pc_pdf_cache {
  PangoFontMap *map; /* made by the first call that uses the cache */
  struct {
    char lang[16];
    void *dict; /* NULL: Debian has none for the language */
  } d[CACHE_DICTS];
  size_t nd;
};

/* pdf.c: the index of lang's dictionary in cache c, or -1. */
int pc_pdf_cache_find(const pc_pdf_cache *c, const char *lang);

/*** pdf_boxes.c ***********************************************************/

/* A warning through the caller's warn function (fmt takes one %s). */
void pc_pdf_warn(struct pdf *p, const char *fmt, const char *a);
/* The hyphenation thread's body (arg: the struct pdf). */
void *pc_pdf_hyph_loader(void *arg);
/* arr (of elem-byte items, n used of *cap) with room for one more: grown
 * by doubling from first, *cap updated; NULL (arr kept, p->st_err set) on
 * out of memory. */
void *pc_pdf_grow(struct pdf *p, void *arr, size_t n, size_t *cap,
                  size_t elem, size_t first);
/* A copy of s kept for the life of p (NULL: out of memory, noted). */
char *pc_pdf_own(struct pdf *p, const char *s);
/* A new box of kind k for document doc (-1: front matter), or NULL. */
struct box *pc_pdf_new_box(struct pdf *p, enum box_kind k, int doc);
/* A text box of t (borrowed) in the body's width; then, once its fields
 * are set, pc_pdf_finish_text lays it out and measures it. */
struct box *pc_pdf_text_box(struct pdf *p, int doc, const pc_text *t,
                            double size, int weight, bool italic);
void pc_pdf_finish_text(struct pdf *p, struct box *b);
/* s as a pc_text without spans, in *tmp. */
const pc_text *pc_pdf_text_of(const char *s, pc_text *tmp);
/* A layout of plain text; a text box's layout built (again) from its
 * source; whether t[i] starts a soft hyphen. */
PangoLayout *pc_pdf_plain_layout(struct pdf *p, const char *text, double size,
                                 int weight, bool italic, double width);
PangoLayout *pc_pdf_build_text(struct pdf *p, struct box *b);
bool pc_pdf_is_shy(const char *t, size_t i);
/* The boxes of the front matter, of document di, of its appendix. */
void pc_pdf_front_boxes(struct pdf *p);
void pc_pdf_doc_boxes(struct pdf *p, int di);
void pc_pdf_wsw_boxes(struct pdf *p, int di);

/*** pdf_marks.c: quotations marked by speaker **************************/

/* Makes p's speaker table that of document di (once per document). */
void pc_pdf_speakers(struct pdf *p, int di);
/* The index of name among the speakers of the table's document, or -1. */
int pc_pdf_speaker(const struct pdf *p, const char *name);
/* The quotations of block bi of document di as marks (owned by p), or
 * NULL. */
const struct qmark *pc_pdf_block_marks(struct pdf *p, int di, size_t bi,
                                       size_t *n);
/* Adds speaker's mark to al over bytes [s, e). */
void pc_pdf_mark_attrs(const struct pdf *p, PangoAttrList *al, int speaker,
                       size_t s, size_t e);
/* The legend under document di's head: its speakers, each as marked. */
void pc_pdf_legend_box(struct pdf *p, int di);
/* Keeps mem (malloc'd) for the life of p; false (mem freed) on failure. */
bool pc_pdf_own_mem(struct pdf *p, void *mem);

/*** pdf_paginate.c ********************************************************/

/* The height of lines [from, to) of b. */
double pc_pdf_lines_h(const struct box *b, int from, int to);
/* Cuts the boxes into page fragments. */
void pc_pdf_paginate(struct pdf *p);

/*** pdf_draw.c ************************************************************/

/* The PDF stream going to the caller's write function. */
struct sink {
  pc_write_fn write;
  void *closure;
  bool failed;
};
cairo_status_t pc_pdf_sink_write(void *closure, const unsigned char *data,
                                 unsigned int len);
/* The document metadata, then every page. */
void pc_pdf_metadata(struct pdf *p, cairo_surface_t *s);
void pc_pdf_render(struct pdf *p, cairo_surface_t *surf, cairo_t *cr);

#endif
