/* style.c - print options with their defaults, and the measures both the
 * HTML and the PDF take from them. */
#include "print.h"

#include <string.h>

void pc_print_opts_init(pc_print_opts *o) {
  if (!o)
    return;
  memset(o, 0, sizeof *o);
  o->page_size = PC_PAGE_A4;
  o->margin_mm = 18;
  o->text_size = 3;
  o->images = PC_IMAGES_FULL;
  o->max_image_fetches = PC_MAX_IMAGE_FETCHES;
  o->max_image_total = PC_MAX_IMAGE_TOTAL;
  o->image_budget_s = PC_IMAGE_BUDGET_S;
}

void pc_style_from(const pc_print_opts *o, struct pc_style *st) {
  static const double sizes[5] = {9, 10, 11, 12.5, 14}; /* points */
  static const double shares[5] = {1.0, 0.75, 0.5, 0.3, 0};
  memset(st, 0, sizeof *st);
  switch (o->page_size) {
  case PC_PAGE_LETTER: st->page_w = 612, st->page_h = 792; break;
  case PC_PAGE_A5: st->page_w = 419.53, st->page_h = 595.28; break;
  default: st->page_w = 595.28, st->page_h = 841.89; break;
  }
  double mm = o->margin_mm > 0 ? o->margin_mm : 18;
  if (mm > 60)
    mm = 60; /* leaves room for text on A5 */
  st->margin = mm * 72.0 / 25.4;
  int ts = o->text_size >= 1 && o->text_size <= 5 ? o->text_size : 3;
  st->body_pt = sizes[ts - 1];
  const char *f = o->font && *o->font ? o->font : "serif";
  if (strcmp(f, "serif") == 0)
    st->family = "Noto Serif,DejaVu Serif,serif";
  else if (strcmp(f, "sans") == 0)
    st->family = "Noto Sans,DejaVu Sans,sans-serif";
  else
    st->family = f;
  st->mono = "DejaVu Sans Mono,Noto Sans Mono,monospace";
  int im = (int)o->images;
  st->image_share = im >= 0 && im <= 4 ? shares[im] : 1.0;
  st->justify = !o->ragged;
  st->header = !o->no_header;
  st->footer = !o->no_footer;
}
