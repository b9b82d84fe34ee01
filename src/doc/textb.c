/* textb.c - builds a block's plain text and its inline spans. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

void pc_textb_init(struct pc_textb *t) {
  memset(t, 0, sizeof *t);
  pc_buf_init(&t->text, 0);
}

void pc_textb_cleanup(struct pc_textb *t) {
  pc_buf_cleanup(&t->text);
  free(t->spans);
  t->spans = NULL;
}

void pc_textb_reset(struct pc_textb *t) {
  t->text.len = 0;
  if (t->text.data)
    t->text.data[0] = '\0';
  t->text.failed = false;
  t->nspans = 0;
  t->pending_space = false;
}

void pc_textb_add(struct pc_textb *t, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  if (t->preserve) {
    pc_buf_add(&t->text, s, n);
    return;
  }
  size_t i = 0;
  while (i < n) {
    if (p[i] > ' ' && p[i] < 0x80) { /* a run of visible ASCII, at once */
      size_t j = i + 1;
      while (j < n && p[j] > ' ' && p[j] < 0x80)
        j++;
      if (t->pending_space && t->text.len &&
          t->text.data[t->text.len - 1] != '\n')
        pc_buf_addc(&t->text, ' ');
      t->pending_space = false;
      pc_buf_add(&t->text, s + i, j - i);
      i = j;
      continue;
    }
    uint32_t cp;
    size_t k = pc_utf8_decode(p + i, n - i, &cp);
    if (!k) {
      k = 1;
      cp = 0xFFFD;
    }
    if (pc_uni_is_space(cp) && cp != 0xA0 && cp != 0x202F) {
      /* zero-width characters vanish; other spaces fold into one */
      if (cp != 0x200B && cp != 0x200C && cp != 0x200D && cp != 0xFEFF &&
          cp != 0x2060)
        t->pending_space = true;
    } else if (cp == 0xA0 || cp == 0x202F) {
      t->pending_space = true; /* NBSP reads as an ordinary space */
    } else {
      /* a soft hyphen (U+00AD) is kept as the page has it: the text
       * rendering drops it, JSON and HTML keep it */
      if (t->pending_space && t->text.len &&
          t->text.data[t->text.len - 1] != '\n')
        pc_buf_addc(&t->text, ' ');
      t->pending_space = false;
      if (k == 1 && cp == 0xFFFD)
        pc_buf_add(&t->text, "\xEF\xBF\xBD", 3);
      else
        pc_buf_add(&t->text, s + i, k);
    }
    i += k;
  }
}

void pc_textb_newline(struct pc_textb *t) {
  while (t->text.len && t->text.data[t->text.len - 1] == ' ')
    t->text.len--;
  if (t->text.len && t->text.data[t->text.len - 1] != '\n')
    pc_buf_addc(&t->text, '\n');
  t->pending_space = false;
}

size_t pc_textb_span_open(struct pc_textb *t, pc_span_type type,
                          const char *href) {
  if (t->nspans == t->capspans) {
    size_t cap = t->capspans ? t->capspans * 2 : 16;
    pc_span *ns = realloc(t->spans, cap * sizeof *ns);
    if (!ns)
      return (size_t)-1;
    t->spans = ns;
    t->capspans = cap;
  }
  /* a pending space belongs before the span, not inside it */
  if (t->pending_space && t->text.len &&
      t->text.data[t->text.len - 1] != '\n' &&
      t->text.data[t->text.len - 1] != ' ') {
    pc_buf_addc(&t->text, ' ');
    t->pending_space = false;
  }
  pc_span *s = &t->spans[t->nspans];
  s->type = type;
  s->start = t->text.len;
  s->end = (size_t)-1;
  s->href = href;
  return t->nspans++;
}

void pc_textb_span_close(struct pc_textb *t, size_t idx) {
  if (idx < t->nspans)
    t->spans[idx].end = t->text.len;
}

/* Span s of t in out's text, which starts at t's byte start: *st and *e,
 * cut to the text and without spaces at its edges; false when nothing is
 * left of it. */
static bool clip_span(const struct pc_textb *t, const pc_text *out,
                      size_t start, const pc_span *s, size_t *st,
                      size_t *e) {
  size_t b = s->start < start ? 0 : s->start - start;
  size_t f = s->end == (size_t)-1 ? t->text.len : s->end;
  f = f < start ? 0 : f - start;
  if (f > out->len)
    f = out->len;
  while (b < f && out->text[b] == ' ')
    b++;
  while (f > b && out->text[f - 1] == ' ')
    f--;
  *st = b;
  *e = f;
  return f > b;
}

bool pc_textb_finish(struct pc_textb *t, struct pc_arena *a, pc_text *out) {
  size_t len = t->text.len;
  const char *d = t->text.data ? t->text.data : "";
  size_t start = 0;
  while (start < len && (d[start] == ' ' || d[start] == '\n'))
    start++;
  while (len > start &&
         (d[len - 1] == ' ' || d[len - 1] == '\n' || d[len - 1] == '\t'))
    len--;
  if (t->preserve) { /* pre keeps inner whitespace; trim only blank lines */
    start = 0;
    while (start < len && d[start] == '\n')
      start++;
  }
  out->text = pc_arena_strndup(a, d + start, len - start);
  out->len = len - start;
  out->spans = NULL;
  out->nspans = 0;
  if (!out->text)
    return false;
  size_t keep = 0, st, e;
  for (size_t i = 0; i < t->nspans; i++)
    keep += clip_span(t, out, start, &t->spans[i], &st, &e);
  if (keep) {
    pc_span *sp = pc_arena_alloc(a, keep * sizeof *sp);
    if (!sp)
      return false;
    size_t k = 0;
    for (size_t i = 0; i < t->nspans; i++) {
      pc_span s = t->spans[i];
      if (clip_span(t, out, start, &s, &st, &e)) {
        s.start = st;
        s.end = e;
        if (s.href)
          s.href = pc_arena_strdup(a, s.href);
        sp[k++] = s;
      }
    }
    out->spans = sp;
    out->nspans = k;
  }
  return !t->text.failed;
}
