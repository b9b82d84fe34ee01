/* trgm.c - trigram similarity, pg_trgm's definition, written once.
 *
 * Both backends find candidates with an index (PostgreSQL: pg_trgm's GIN
 * index and its % operator; SQLite: an FTS5 table with the trigram
 * tokenizer) and this file decides, so that the two rank alike.
 *
 * pg_trgm (contrib/pg_trgm/trgm_op.c): the text in lower case is cut
 * into words (runs of letters and digits); each word, with two spaces
 * before it and one after, gives its trigrams (three characters each);
 * a text's trigrams are a set; the similarity of two texts is the number
 * of trigrams they share over the number in either (0 when neither has
 * any).  Here the text is also folded (accents off, NFD and the marks
 * dropped) first, so that "Zelenskyy" and "Zelénskyy" are one name:
 * pg_trgm alone would count the accented trigrams as different. */
#include "archive/archive.h"

#include <stdlib.h>
#include <string.h>

char *ar_fold(const char *s) {
  char *nfd = g_utf8_normalize(s ? s : "", -1, G_NORMALIZE_NFD);
  if (!nfd) /* not valid UTF-8: the caller checked; nothing then */
    return g_strdup("");
  GString *o = g_string_new(NULL);
  for (const char *p = nfd; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (g_unichar_type(c) != G_UNICODE_NON_SPACING_MARK)
      g_string_append_unichar(o, c);
  }
  g_free(nfd);
  char *low = g_utf8_strdown(o->str, -1);
  g_string_free(o, TRUE);
  return low;
}

/* A trigram as one number: three code points of 21 bits (a space is
 * 0x20, so padding is an ordinary character). */
static guint64 pack(gunichar a, gunichar b, gunichar c) {
  return ((guint64)a << 42) | ((guint64)b << 21) | (guint64)c;
}

static int cmp64(const void *a, const void *b) {
  guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
  return x < y ? -1 : x > y;
}

void ar_trgm_make(const char *s, struct ar_trgm *t) {
  char *f = ar_fold(s);
  /* at most one trigram a character and one a word (its end) */
  guint64 *d = g_malloc_n(2 * strlen(f) + 1, sizeof *d);
  size_t len = 0;
  const char *p = f;
  while (*p) {
    while (*p && !g_unichar_isalnum(g_utf8_get_char(p)))
      p = g_utf8_next_char(p);
    if (!*p)
      break;
    gunichar w[3] = {' ', ' ', 0}; /* the last three characters */
    for (; *p && g_unichar_isalnum(g_utf8_get_char(p));
         p = g_utf8_next_char(p)) {
      w[2] = g_utf8_get_char(p);
      d[len++] = pack(w[0], w[1], w[2]);
      w[0] = w[1], w[1] = w[2];
    }
    d[len++] = pack(w[0], w[1], ' '); /* the one space after */
  }
  g_free(f);
  qsort(d, len, sizeof *d, cmp64);
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    if (n == 0 || d[n - 1] != d[i])
      d[n++] = d[i];
  t->n = n;
  t->t = d;
}

void ar_trgm_clear(struct ar_trgm *t) {
  g_free(t->t);
  t->t = NULL, t->n = 0;
}

double ar_trgm_similarity(const struct ar_trgm *a, const struct ar_trgm *b) {
  size_t i = 0, j = 0, same = 0;
  while (i < a->n && j < b->n) {
    if (a->t[i] == b->t[j])
      same++, i++, j++;
    else if (a->t[i] < b->t[j])
      i++;
    else
      j++;
  }
  size_t all = a->n + b->n - same;
  /* as pg_trgm, in single precision */
  return all ? (double)((float)same / (float)all) : 0.0;
}

double ar_similarity(const char *a, const char *b) {
  struct ar_trgm x, y;
  ar_trgm_make(a, &x);
  ar_trgm_make(b, &y);
  double s = ar_trgm_similarity(&x, &y);
  ar_trgm_clear(&x), ar_trgm_clear(&y);
  return s;
}

/* The trigrams of t within a word (no padding), each as an FTS5 string
 * ("abc") for a table of the trigram tokenizer, NULL-terminated
 * (g_strfreev); *padded the number of the others, which that tokenizer
 * does not see.  A stored text holds "abc" (three letters or digits) only
 * within a word, so a row matching it shares that trigram. */
char **ar_trgm_terms(const struct ar_trgm *t, size_t *padded) {
  char **v = g_malloc0_n(t->n + 1, sizeof *v);
  size_t k = 0;
  *padded = 0;
  for (size_t i = 0; i < t->n; i++) {
    gunichar c[3] = {(gunichar)(t->t[i] >> 42),
                     (gunichar)((t->t[i] >> 21) & 0x1fffff),
                     (gunichar)(t->t[i] & 0x1fffff)};
    if (c[0] == ' ' || c[1] == ' ' || c[2] == ' ') {
      (*padded)++;
      continue;
    }
    GString *q = g_string_new("\"");
    for (int j = 0; j < 3; j++) {
      if (c[j] == '"') /* not a letter or digit: never, but FTS5's rule */
        g_string_append(q, "\"");
      g_string_append_unichar(q, c[j]);
    }
    g_string_append(q, "\"");
    v[k++] = g_string_free(q, FALSE);
  }
  return v;
}
