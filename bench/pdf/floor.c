/* floor.c - the least a cairo + pango PDF of an article costs.
 *
 *     floor TEXT... OUT.pdf
 *
 * Each TEXT is an article as plain text (paragraphs separated by blank
 * lines, the first one the title).  They are set one after another, each
 * from a new page, in Noto Serif: a bold title, then the paragraphs
 * justified at 11 pt, on A4 with 18 mm margins, through pango's own
 * renderer, into one PDF.  That is the smallest program that does the
 * work presscut's PDF stage does with the same libraries: no extraction,
 * no hyphenation, no running header or footer, no links, outline or
 * metadata.  bench/pdf/floor times it beside presscut.
 *
 * Built by bench/pdf/floor, not by the project's build. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN 51.0

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  char *b = malloc(cap);
  size_t got;
  while (b && (got = fread(b + n, 1, cap - n - 1, f)) > 0) {
    n += got;
    if (cap - n < 2) {
      char *nb = realloc(b, cap *= 2);
      if (!nb)
        free(b);
      b = nb;
    }
  }
  fclose(f);
  if (b)
    b[n] = '\0';
  return b;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: floor TEXT... OUT.pdf\n");
    return 2;
  }
  cairo_surface_t *s = cairo_pdf_surface_create(argv[argc - 1], PAGE_W, PAGE_H);
  cairo_t *cr = cairo_create(s);
  PangoContext *ctx = pango_cairo_create_context(cr);
  pango_cairo_context_set_resolution(ctx, 72);
  double y = MARGIN;
  for (int a = 1; a < argc - 1; a++) {
    char *text = slurp(argv[a]);
    if (!text) {
      fprintf(stderr, "floor: cannot read %s\n", argv[a]);
      return 3;
    }
    if (a > 1)
      cairo_show_page(cr), y = MARGIN;
    int para = 0;
    for (char *p = text; *p;) {
      char *end = strstr(p, "\n\n");
      size_t len = end ? (size_t)(end - p) : strlen(p);
      if (len) {
        PangoLayout *l = pango_layout_new(ctx);
        PangoFontDescription *fd = pango_font_description_from_string(
            para++ == 0 ? "Noto Serif Bold 20.9" : "Noto Serif 11");
        pango_layout_set_font_description(l, fd);
        pango_font_description_free(fd);
        pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN) * PANGO_SCALE));
        pango_layout_set_justify(l, TRUE);
        pango_layout_set_text(l, p, (int)len);
        int w, h;
        pango_layout_get_size(l, &w, &h);
        if (y > MARGIN && y + h / PANGO_SCALE > PAGE_H - MARGIN)
          cairo_show_page(cr), y = MARGIN;
        cairo_move_to(cr, MARGIN, y);
        pango_cairo_show_layout(cr, l);
        y += h / PANGO_SCALE + 8;
        g_object_unref(l);
      }
      p = end ? end + 2 : p + len;
    }
    free(text);
  }
  cairo_show_page(cr);
  g_object_unref(ctx);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  int bad = cairo_surface_status(s) != CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(s);
  return bad ? 5 : 0;
}
