/* pdf_paginate.c - boxes cut into pages line by line: widows and orphans,
 * headings kept with what follows, boxes split or scaled. */
#include "print/pdf.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*** pagination ************************************************************/

static bool add_frag(struct pdf *p, size_t box, int l0, int l1, double y) {
  struct frag *nf = pc_pdf_grow(p, p->f, p->nf, &p->capf, sizeof *nf, 256);
  if (!nf)
    return false;
  p->f = nf;
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
double pc_pdf_lines_h(const struct box *b, int from, int to) {
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
    return n->before + pc_pdf_lines_h(n, 0, n->nlines < 2 ? n->nlines : 2);
  return n->before + n->height;
}

/* A typeset table's row that starts a page: its heading row again above
 * it, as a book's table carries on. */
static bool repeat_head(struct pdf *p, size_t i, double *y) {
  const struct box *b = &p->b[i];
  if (b->kind != BX_ROW || !b->cols || b->head_row)
    return true;
  size_t h = i;
  while (h > 0 && p->b[h - 1].kind == BX_ROW && p->b[h - 1].cols == b->cols &&
         !p->b[h - 1].head_row)
    h--;
  if (h == 0 || !p->b[h - 1].head_row || p->b[h - 1].cols != b->cols)
    return true;
  if (!add_frag(p, h - 1, 0, 0, *y))
    return false;
  *y += p->b[h - 1].height;
  return true;
}

void pc_pdf_paginate(struct pdf *p) {
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
    /* the space before a box goes at a page's head, but on the cover */
    double before = page_fresh && b->doc >= 0 ? 0 : b->before;
    if (b->kind != BX_TEXT) {
      double need = before + b->height + (b->keep_next ? lead_h(p, i) : 0);
      if (y + need > p->body_h && !page_fresh) {
        if (!new_page(p, &y))
          return;
        before = 0;
        if (!repeat_head(p, i, &y))
          return;
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
        y + before + pc_pdf_lines_h(b, 0, n) + lead_h(p, i) > p->body_h) {
      if (!new_page(p, &y))
        return;
      page_fresh = true;
      before = 0;
    }
    y += before;
    while (at < n) {
      /* how many lines fit from here */
      int k = at;
      while (k < n && y + pc_pdf_lines_h(b, at, k + 1) <= p->body_h + 0.01)
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
        y += pc_pdf_lines_h(b, at, at + fit);
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
