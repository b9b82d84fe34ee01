/* phrases.c - lists of phrases from the data files (widget and boilerplate
 * lines), folded so that a line of a page matches whatever its case,
 * spacing and surrounding punctuation. */
#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* utf8proc_map's NFKC case folding of s into a malloc'd *out; its length,
 * or < 0.  utf8proc_map decomposes twice, once to size its buffer; a line
 * short enough to be matched (160 bytes) fits one on the stack, so it is
 * decomposed once, then composed and encoded the same way. */
static utf8proc_ssize_t fold_map(const char *s, size_t n, utf8proc_uint8_t **out) {
  const utf8proc_option_t opts = UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE |
                                 UTF8PROC_COMPAT | UTF8PROC_STABLE;
  utf8proc_int32_t cps[640];
  utf8proc_ssize_t k = -1;
  if (n <= 160)
    k = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                           cps, (utf8proc_ssize_t)(sizeof cps / sizeof *cps),
                           opts);
  if (k < 0 || k > (utf8proc_ssize_t)(sizeof cps / sizeof *cps))
    return utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, out,
                        opts);
  utf8proc_ssize_t len = utf8proc_reencode(cps, k, opts);
  if (len < 0)
    return len;
  if (!(*out = malloc((size_t)len + 1)))
    return UTF8PROC_ERROR_NOMEM;
  memcpy(*out, cps, (size_t)len);
  (*out)[len] = '\0';
  return len;
}

/* Case-folded, whitespace-folded form of s with leading and trailing
 * punctuation and spaces removed; malloc'd, NULL on failure. */
static char *fold(const char *s, size_t n) {
  utf8proc_uint8_t *f = NULL;
  utf8proc_ssize_t fl;
  size_t ascii = 0;
  while (ascii < n && (unsigned char)s[ascii] < 0x80)
    ascii++;
  if (ascii == n) { /* NFKC case folding of ASCII is lower case */
    if (!(f = malloc(n + 1)))
      return NULL;
    for (size_t i = 0; i < n; i++)
      f[i] = (utf8proc_uint8_t)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    f[n] = '\0';
    fl = (utf8proc_ssize_t)n;
  } else {
    fl = fold_map(s, n, &f);
    if (fl < 0)
      return NULL;
  }
  /* white space runs become one space, in place: the result is never
   * longer than what it is made of */
  unsigned char *p = f;
  size_t i = 0, len = (size_t)fl, w = 0;
  bool space = false;
  while (i < len) {
    uint32_t cp;
    size_t k = pc_utf8_decode(p + i, len - i, &cp);
    if (!k) {
      k = 1;
      cp = 0xFFFD;
    }
    if (pc_uni_is_space(cp)) {
      space = w > 0;
    } else {
      if (space)
        p[w++] = ' ';
      space = false;
      memmove(p + w, p + i, k);
      w += k;
    }
    i += k;
  }
  char *r = (char *)f;
  len = w;
  /* trim punctuation at both ends (keeps '&' and letters inside) */
  size_t a = 0;
  while (a < len && strchr(" .,;:!?|-\xE2\x80\xA2*()[]\"'>/\\", r[a]))
    a++;
  while (len > a && strchr(" .,;:!?|-*()[]\"'</\\", r[len - 1]))
    len--;
  memmove(r, r + a, len - a);
  r[len - a] = '\0';
  return r;
}

void pc_phrases_free(struct pc_phrases *p) {
  for (size_t i = 0; i < p->n; i++)
    free(p->items[i]);
  free(p->items);
  p->items = NULL;
  p->n = 0;
}

struct phrases_parse {
  struct pc_phrases *p;
  size_t cap;
};

/* Appends f (malloc'd, taken) to the list. */
static pc_status push(struct phrases_parse *pp, char *f, pc_error *err) {
  struct pc_phrases *p = pp->p;
  if (p->n == pp->cap) {
    pp->cap = pp->cap ? pp->cap * 2 : 64;
    char **ni = realloc(p->items, pp->cap * sizeof *ni);
    if (!ni) {
      free(f);
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    }
    p->items = ni;
  }
  p->items[p->n++] = f;
  return PC_OK;
}

static pc_status phrase_line(void *closure, const char *s, const char *le,
                             pc_error *err) {
  bool prefix = le - s >= 2 && le[-1] == '*' && le[-2] == ' ';
  char *f = fold(s, (size_t)(le - s) - (prefix ? 2 : 0));
  if (!f)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  if (*f == '\0') {
    free(f);
    return PC_OK;
  }
  if (prefix) { /* stored with a trailing '*' marker */
    size_t fl = strlen(f);
    char *g = realloc(f, fl + 2);
    if (!g) {
      free(f);
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    }
    f = g;
    f[fl] = '*';
    f[fl + 1] = '\0';
  }
  return push(closure, f, err);
}

pc_status pc_phrases_parse(void *dst, const char *s, size_t n,
                           pc_error *err) {
  struct phrases_parse pp = {dst, 0};
  return pc_data_lines(s, n, phrase_line, &pp, err);
}

static bool word_end(const char *f, size_t at);

/* Whether the folded line s matches a phrase of p: whole, or by a prefix
 * ("phrase*"); with words, a prefix must end at a word's end and the line
 * be at most 100 bytes. */
static bool match_folded(const struct pc_phrases *p, const char *s, size_t n,
                         bool words) {
  if (n == 0 || n > 160 || p->n == 0)
    return false;
  char *f = fold(s, n);
  if (!f)
    return false;
  bool hit = false;
  size_t fl = strlen(f);
  for (size_t i = 0; i < p->n && !hit; i++) {
    const char *ph = p->items[i];
    if (ph[0] != f[0]) /* both folded: the first bytes must agree */
      continue;
    size_t pl = strlen(ph);
    if (pl && ph[pl - 1] == '*')
      hit = fl >= pl - 1 && memcmp(f, ph, pl - 1) == 0 &&
            (!words || (fl <= 100 && word_end(f, pl - 1)));
    else
      hit = strcmp(f, ph) == 0;
  }
  free(f);
  return hit;
}

bool pc_phrases_match_line(const struct pc_phrases *p, const char *s,
                           size_t n) {
  return match_folded(p, s, n, false);
}

/*** boilerplate lists (data/<lang>/boilerplate.txt) ***********************/

struct boiler_parse {
  struct phrases_parse drop, tail;
};

static pc_status boiler_line(void *closure, const char *s, const char *le,
                             pc_error *err) {
  struct boiler_parse *bp = closure;
  if (le - s >= 2 && s[0] == '|' && s[1] == ' ')
    return phrase_line(&bp->tail, s + 2, le, err);
  return phrase_line(&bp->drop, s, le, err);
}

pc_status pc_boiler_parse(void *dst, const char *s, size_t n, pc_error *err) {
  struct pc_boiler *b = dst;
  /* the lists grow over several files: their capacity is at least n */
  struct boiler_parse bp = {{&b->drop, b->drop.n}, {&b->tail, b->tail.n}};
  return pc_data_lines(s, n, boiler_line, &bp, err);
}

void pc_boiler_free(struct pc_boiler *b) {
  pc_phrases_free(&b->drop);
  pc_phrases_free(&b->tail);
}

static bool word_end(const char *f, size_t at) {
  unsigned char c = (unsigned char)f[at];
  return c == '\0' || c == ' ' || (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z') &&
                                   !(c >= '0' && c <= '9'));
}

bool pc_boiler_match(const struct pc_phrases *p, const char *s, size_t n) {
  return match_folded(p, s, n, true);
}
