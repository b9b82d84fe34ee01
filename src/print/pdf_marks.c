/* pdf_marks.c - quotations marked in the PDF's body by speaker, as the web
 * page marks them: a background colour a speaker (the page's palette), or,
 * for a grey printer, an underline style a speaker (single, double, wavy,
 * low; black, then grey), and the legend that names them. */
#include "print/pdf.h"

#include <stdlib.h>
#include <string.h>

/* The web page's and the quotes HTML's colours, in order of appearance. */
static const unsigned PALETTE[] = {0xfde68a, 0xbfdbfe, 0xbbf7d0, 0xfecaca,
                                   0xddd6fe, 0xfed7aa, 0xa5f3fc, 0xf5d0fe};
#define NPAL (sizeof PALETTE / sizeof *PALETTE)
static const PangoUnderline LINES[] = {
    PANGO_UNDERLINE_SINGLE, PANGO_UNDERLINE_DOUBLE, PANGO_UNDERLINE_ERROR,
    PANGO_UNDERLINE_LOW};
#define NLINES (sizeof LINES / sizeof *LINES)

void pc_pdf_speakers(struct pdf *p, int di) {
  if (p->spk_doc == di)
    return;
  free(p->spk);
  free(p->names);
  p->spk = NULL, p->names = NULL, p->nnames = 0, p->spk_doc = di;
  const pc_doc *doc = p->docs[di];
  size_t nq = pc_doc_quote_count(doc);
  p->spk = malloc((nq ? nq : 1) * sizeof *p->spk);
  p->names = malloc((nq ? nq : 1) * sizeof *p->names);
  if (!p->spk || !p->names) {
    p->st_err = PC_ERR_NOMEM;
    return;
  }
  /* a pass over the quotes, each compared with the distinct names */
  for (size_t i = 0; i < nq; i++) {
    const char *s = pc_doc_quote(doc, i)->speaker;
    int k = pc_pdf_speaker(p, s);
    if (s && k < 0) {
      k = (int)p->nnames;
      p->names[p->nnames++] = s;
    }
    p->spk[i] = k;
  }
}

int pc_pdf_speaker(const struct pdf *p, const char *name) {
  for (size_t k = 0; name && k < p->nnames; k++)
    if (strcmp(p->names[k], name) == 0)
      return (int)k;
  return -1;
}

bool pc_pdf_own_mem(struct pdf *p, void *mem) {
  char **n = pc_pdf_grow(p, p->owned, p->nowned, &p->capowned, sizeof *n, 32);
  if (!n) {
    free(mem);
    return false;
  }
  p->owned = n;
  p->owned[p->nowned++] = mem;
  return true;
}

const struct qmark *pc_pdf_block_marks(struct pdf *p, int di, size_t bi,
                                       size_t *n) {
  const pc_doc *doc = p->docs[di];
  *n = 0;
  pc_pdf_speakers(p, di);
  if (p->st_err != PC_OK)
    return NULL;
  size_t count = 0;
  for (size_t i = 0; i < pc_doc_quote_count(doc); i++)
    count += pc_doc_quote(doc, i)->block == bi &&
             pc_doc_quote(doc, i)->speaker;
  if (!count)
    return NULL;
  struct qmark *m = malloc(count * sizeof *m);
  if (!m || !pc_pdf_own_mem(p, m)) {
    p->st_err = PC_ERR_NOMEM;
    return NULL;
  }
  /* quotes come in text order, an outer one before those it holds */
  for (size_t i = 0; i < pc_doc_quote_count(doc); i++) {
    const pc_quote *q = pc_doc_quote(doc, i);
    if (q->block == bi && q->speaker)
      m[(*n)++] = (struct qmark){q->start, q->end, p->spk[i]};
  }
  return m;
}

static void add(PangoAttrList *al, PangoAttribute *a, size_t s, size_t e) {
  a->start_index = (guint)s, a->end_index = (guint)e;
  pango_attr_list_insert(al, a);
}

void pc_pdf_mark_attrs(const struct pdf *p, PangoAttrList *al, int speaker,
                       size_t s, size_t e) {
  if (speaker < 0 || p->marks == PC_MARKS_NONE)
    return;
  size_t k = (size_t)speaker;
  if (p->marks == PC_MARKS_COLOUR) {
    unsigned c = PALETTE[k % NPAL];
    add(al, pango_attr_background_new((guint16)((c >> 16) * 257),
                                      (guint16)(((c >> 8) & 0xff) * 257),
                                      (guint16)((c & 0xff) * 257)), s, e);
    return;
  }
  /* grey: the style tells the speakers apart, then the shade */
  add(al, pango_attr_underline_new(LINES[k % NLINES]), s, e);
  guint16 g = (k / NLINES) % 2 ? 0x8c8c : 0;
  add(al, pango_attr_underline_color_new(g, g, g), s, e);
}
