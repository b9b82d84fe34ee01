/* pdf_wsw.c - who said what in the PDF: the legend of the speakers' marks
 * under an article's head, the appendix typeset as two tables (the
 * quotations: speaker, role, what they said, cue, date; the claims:
 * claimant, claim, accused, over what), and the front matter of a book of
 * several articles (a cover, then the contents). */
#include "print/pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Column edges as shares of the text width. */
static const double QUOTE_COLS[PC_WSW_NCOLS + 1] = {0, .15, .33, .75, .89, 1};
static const double CLAIM_COLS[PC_WSW_NCLAIM + 1] = {0, .25, .47, .76, 1};
#define CELL_PAD 3.0 /* points left and right of a cell's text */

/*** the legend ************************************************************/

void pc_pdf_legend_box(struct pdf *p, int di) {
  pc_pdf_speakers(p, di);
  if (p->st_err != PC_OK || !p->nnames)
    return;
  struct qmark *m = malloc(p->nnames * sizeof *m);
  if (!m || !pc_pdf_own_mem(p, m)) {
    p->st_err = PC_ERR_NOMEM;
    return;
  }
  struct pc_buf t;
  pc_buf_init(&t, 1u << 16);
  pc_buf_adds(&t, "Quotations marked by speaker:");
  size_t n = 0;
  for (size_t k = 0; k < p->nnames; k++) {
    pc_buf_adds(&t, n ? "  \xC2\xB7  " : "  ");
    size_t s = t.len;
    pc_buf_adds(&t, p->names[k]);
    m[n++] = (struct qmark){s, t.len, (int)k};
  }
  char *text = n && t.data ? pc_pdf_own(p, t.data) : NULL;
  pc_buf_cleanup(&t);
  pc_text tmp;
  if (text && p->nb)
    p->b[p->nb - 1].after = p->st.body_pt * 0.4; /* with the meta line */
  struct box *b = text ? pc_pdf_text_box(p, di, pc_pdf_text_of(text, &tmp),
                                         p->st.body_pt * 0.8,
                                         PANGO_WEIGHT_NORMAL, false)
                       : NULL;
  if (!b)
    return;
  b->src.ragged = b->src.nohyph = true;
  b->src.color = 0.3;
  b->src.marks = m;
  b->src.nmarks = n;
  b->after = p->st.body_pt * 1.2;
  pc_pdf_finish_text(p, b);
}

/*** tables ****************************************************************/

/* A table row: cells[0..n) as text (NULL: empty) in the columns cols;
 * the cell `marked` (or -1) marked as speaker's. */
static struct box *row_box(struct pdf *p, int di, const char *const *cells,
                           size_t n, const double *cols, bool head,
                           int marked, int speaker) {
  struct box *b = pc_pdf_new_box(p, BX_ROW, di);
  if (!b)
    return NULL;
  b->cell_layouts = calloc(n, sizeof *b->cell_layouts);
  if (!b->cell_layouts) {
    p->st_err = PC_ERR_NOMEM;
    return NULL;
  }
  b->ncells = n, b->cols = cols, b->head_row = head;
  double size = p->st.body_pt * 0.8, h = 0;
  for (size_t c = 0; c < n; c++) {
    double w = (cols[c + 1] - cols[c]) * p->body_w - 2 * CELL_PAD;
    PangoLayout *l = pc_pdf_plain_layout(p, cells[c] ? cells[c] : "", size,
                                         head ? PANGO_WEIGHT_BOLD
                                              : PANGO_WEIGHT_NORMAL,
                                         false, w);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l, 1.15f);
    if ((int)c == marked && cells[c]) {
      PangoAttrList *al = pango_attr_list_new();
      pc_pdf_mark_attrs(p, al, speaker, 0, strlen(cells[c]));
      pango_layout_set_attributes(l, al);
      pango_attr_list_unref(al);
    }
    PangoRectangle lr;
    pango_layout_get_extents(l, NULL, &lr);
    if ((double)lr.height / PANGO_SCALE > h)
      h = (double)lr.height / PANGO_SCALE;
    b->cell_layouts[c] = l;
  }
  b->height = h + 5;
  if (b->height > p->body_h * 0.9) {
    b->height = p->body_h * 0.9;
    pc_pdf_warn(p, "table cell longer than a page cut short%s", NULL);
  }
  b->keep_next = head;
  return b;
}

static struct box *heading(struct pdf *p, int di, const char *text,
                           double f) {
  pc_text tmp;
  struct box *b = pc_pdf_text_box(p, di, pc_pdf_text_of(text, &tmp),
                                  p->st.body_pt * f, PANGO_WEIGHT_BOLD, false);
  if (!b)
    return NULL;
  b->keep_next = true;
  b->after = p->st.body_pt * 0.5;
  b->src.nohyph = b->src.ragged = true;
  return b;
}

static void quotes_table(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  row_box(p, di, pc_wsw_quote_heads, PC_WSW_NCOLS, QUOTE_COLS, true, -1, -1);
  for (size_t i = 0; i < pc_doc_quote_count(doc) && p->st_err == PC_OK;
       i++) {
    const pc_quote *q = pc_doc_quote(doc, i);
    const char *cell[PC_WSW_NCOLS];
    struct pc_buf said;
    char date[PC_WSW_DATE_LEN];
    pc_buf_init(&said, 1u << 20);
    pc_wsw_quote_row(doc, q, "(unknown speaker)", cell, &said, date);
    row_box(p, di, cell, PC_WSW_NCOLS, QUOTE_COLS, false, PC_WSW_SPEAKER,
            pc_pdf_speaker(p, q->speaker));
    pc_buf_cleanup(&said);
  }
}

static void claims_table(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  struct box *b = heading(p, di, "Responsibility claims", 1.2);
  if (!b)
    return;
  b->before = p->st.body_pt * 1.2;
  pc_pdf_finish_text(p, b);
  row_box(p, di, pc_wsw_claim_heads, PC_WSW_NCLAIM, CLAIM_COLS, true, -1,
          -1);
  for (size_t i = 0; i < pc_doc_claim_count(doc) && p->st_err == PC_OK;
       i++) {
    const pc_claim *c = pc_doc_claim(doc, i);
    struct pc_buf acc;
    pc_buf_init(&acc, 1u << 16);
    /* a self-claim names its claimant once */
    if (!pc_wsw_self_claim(c) || c->naccused > 1)
      pc_wsw_accused(&acc, c, ", ", " and ");
    const char *cell[PC_WSW_NCLAIM] = {c->claimant, pc_wsw_claim_verb(c),
                                       acc.data, c->event};
    row_box(p, di, cell, PC_WSW_NCLAIM, CLAIM_COLS, false, PC_WSW_CLAIMANT,
            pc_pdf_speaker(p, c->claimant));
    pc_buf_cleanup(&acc);
  }
}

void pc_pdf_wsw_boxes(struct pdf *p, int di) {
  const pc_doc *doc = p->docs[di];
  pc_pdf_speakers(p, di);
  struct box *b = heading(p, di, "Who said what", 1.35);
  if (!b)
    return;
  b->new_page = true;
  b->outline = 2;
  b->outline_text = "Who said what";
  pc_pdf_finish_text(p, b);
  if (!pc_doc_quote_count(doc)) {
    pc_text tmp;
    b = pc_pdf_text_box(p, di, pc_pdf_text_of("No quotations were found.",
                                              &tmp),
                        p->st.body_pt, PANGO_WEIGHT_NORMAL, false);
    if (b)
      pc_pdf_finish_text(p, b);
  } else {
    quotes_table(p, di);
  }
  if (pc_doc_claim_count(doc) && p->st_err == PC_OK)
    claims_table(p, di);
}

/*** front matter: cover and contents *************************************/

/* The cover's date: today, or SOURCE_DATE_EPOCH's day (reproducible). */
static void cover_date(char *out, size_t cap) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  time_t now = sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
  struct tm tm;
  char iso[16];
  out[0] = '\0';
  if (gmtime_r(&now, &tm) && strftime(iso, sizeof iso, "%Y-%m-%d", &tm))
    pc_wsw_date(out, cap, iso, NULL);
}

/* A line of the cover, centred. */
static struct box *cover_line(struct pdf *p, const char *text, double f,
                              int weight, bool italic, double after) {
  char *s = pc_pdf_own(p, text);
  pc_text tmp;
  struct box *b = s ? pc_pdf_text_box(p, -1, pc_pdf_text_of(s, &tmp),
                                      p->st.body_pt * f, weight, italic)
                    : NULL;
  if (!b)
    return NULL;
  b->src.center = b->src.nohyph = b->src.ragged = true;
  b->src.leading = 1.05;
  b->after = p->st.body_pt * after;
  pc_pdf_finish_text(p, b);
  return b;
}

void pc_pdf_front_boxes(struct pdf *p) {
  char buf[1024];
  snprintf(buf, sizeof buf, "%zu articles", p->ndocs);
  const char *title = p->o->title && *p->o->title ? p->o->title : buf;
  struct box *b = cover_line(p, title, 2.4, PANGO_WEIGHT_BOLD, false, 1.0);
  if (!b)
    return;
  b->before = p->body_h * 0.22; /* a third down the page */
  if (p->o->author && *p->o->author)
    cover_line(p, p->o->author, 1.3, PANGO_WEIGHT_NORMAL, false, 0.4);
  char day[PC_WSW_DATE_LEN];
  cover_date(day, sizeof day);
  if (day[0])
    cover_line(p, day, 1.0, PANGO_WEIGHT_NORMAL, true, 2.5);
  for (size_t i = 0; i < p->ndocs && p->st_err == PC_OK; i++) {
    const char *t = pc_doc_meta(p->docs[i], PC_META_TITLE);
    const char *site = pc_doc_meta(p->docs[i], PC_META_SITE);
    snprintf(buf, sizeof buf, "%s%s%s", t ? t : "(untitled)",
             site ? "  \xE2\x80\x94  " : "", site ? site : "");
    cover_line(p, buf, 0.95, PANGO_WEIGHT_NORMAL, false, 0.5);
  }
  b = heading(p, -1, "Contents", 1.6);
  if (!b)
    return;
  b->new_page = true;
  b->after = p->st.body_pt * 1.2;
  pc_pdf_finish_text(p, b);
  for (size_t i = 0; i < p->ndocs && p->st_err == PC_OK; i++) {
    b = pc_pdf_new_box(p, BX_TOC, -1);
    if (!b)
      return;
    b->toc_doc = (int)i;
    b->height = p->st.body_pt * 2.6;
  }
}
