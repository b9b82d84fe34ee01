/* words.c - sorted word tables of the data files: the function words of
 * every language (data/stopwords.txt, with their hash index) and the
 * month names (data/months.txt). */
#include "lang.h"

#include <stdlib.h>
#include <string.h>

static int cmp_word(const void *a, const void *b) {
  return strcmp(((const struct pc_word *)a)->w, ((const struct pc_word *)b)->w);
}

/* A growable table of words, each with a value (a language bit mask or a
 * month number), being filled from a data file. */
struct word_table {
  struct pc_word **items;
  size_t *n;
  size_t cap;
  uint32_t value; /* of the words of the line being read */
};

/* Adds the word [w, we) with the table's current value. */
static pc_status add_word(void *closure, const char *w, const char *we,
                          pc_error *err) {
  struct word_table *t = closure;
  if (*t->n == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 256;
    struct pc_word *nw = realloc(*t->items, t->cap * sizeof *nw);
    if (!nw)
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    *t->items = nw;
  }
  char *word = strndup(w, (size_t)(we - w));
  if (!word)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  (*t->items)[*t->n].w = word;
  (*t->items)[*t->n].langs = t->value;
  (*t->items)[*t->n].len = (uint32_t)(we - w);
  (*t->n)++;
  return PC_OK;
}

/*** months ****************************************************************/

/* "N name name ..." */
static pc_status month_line(void *closure, const char *s, const char *le,
                            pc_error *err) {
  struct word_table *t = closure;
  long m = strtol(s, NULL, 10);
  const char *sp = memchr(s, ' ', (size_t)(le - s));
  if (m < 1 || m > 12 || !sp)
    return PC_OK;
  t->value = (uint32_t)m;
  return pc_data_words(sp, le, add_word, t, err);
}

pc_status pc_months_parse(void *dst, const char *s, size_t n, pc_error *err) {
  pc_ctx *ctx = dst;
  struct word_table t = {&ctx->months, &ctx->nmonths, 0, 0};
  pc_status st = pc_data_lines(s, n, month_line, &t, err);
  if (st == PC_OK && ctx->nmonths)
    qsort(ctx->months, ctx->nmonths, sizeof *ctx->months, cmp_word);
  return st;
}

int pc_month_in(const pc_ctx *ctx, const char *s, size_t n) {
  uint32_t m = 0;
  if (n < 3 || n > 16 || !pc_word_find(ctx->months, ctx->nmonths, s, n, &m))
    return 0;
  return (int)m;
}

int pc_month_of(const pc_ctx *ctx, const char *word) {
  return pc_month_in(ctx, word, strlen(word));
}

/*** function words ********************************************************/

struct stop_parse {
  pc_ctx *ctx;
  struct word_table t;
};

/* "code word word ...": a language and its function words. */
static pc_status stop_line(void *closure, const char *s, const char *le,
                           pc_error *err) {
  struct stop_parse *sp_ = closure;
  pc_ctx *ctx = sp_->ctx;
  if (ctx->nlangs >= PC_MAX_LANGS)
    return PC_OK;
  const char *sp = memchr(s, ' ', (size_t)(le - s));
  if (!sp || sp - s < 2 || sp - s > 3)
    return PC_OK;
  sp_->t.value = 1u << ctx->nlangs;
  memcpy(ctx->lang_codes[ctx->nlangs], s, (size_t)(sp - s));
  ctx->lang_codes[ctx->nlangs][sp - s] = '\0';
  ctx->nlangs++;
  return pc_data_words(sp, le, add_word, &sp_->t, err);
}

/* Sorts, then merges a word shared by several languages into one entry. */
static void merge_stopwords(pc_ctx *ctx) {
  if (ctx->nstop)
    qsort(ctx->stop, ctx->nstop, sizeof *ctx->stop, cmp_word);
  size_t k = 0;
  for (size_t i = 0; i < ctx->nstop; i++) {
    if (k && strcmp(ctx->stop[k - 1].w, ctx->stop[i].w) == 0) {
      ctx->stop[k - 1].langs |= ctx->stop[i].langs;
      free(ctx->stop[i].w);
    } else {
      ctx->stop[k++] = ctx->stop[i];
    }
  }
  ctx->nstop = k;
}

pc_status pc_stopwords_parse(void *dst, const char *s, size_t n,
                             pc_error *err) {
  pc_ctx *ctx = dst;
  struct stop_parse sp = {ctx, {&ctx->stop, &ctx->nstop, 0, 0}};
  pc_status st = pc_data_lines(s, n, stop_line, &sp, err);
  if (st == PC_OK)
    merge_stopwords(ctx);
  return st;
}

bool pc_word_find(const struct pc_word *arr, size_t n, const char *s,
                  size_t len, uint32_t *value) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const struct pc_word *w = &arr[mid];
    /* strcmp order; the first byte decides most steps */
    int c = (unsigned char)w->w[0] - (unsigned char)(len ? s[0] : 0);
    if (c == 0) {
      c = memcmp(w->w, s, w->len < len ? w->len : len);
      if (c == 0)
        c = w->len < len ? -1 : w->len > len;
    }
    if (c == 0) {
      *value = w->langs;
      return true;
    }
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

static uint32_t word_hash(const char *s, size_t n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The hash index of the stopwords (a language guess looks up every word
 * of a page's first kilobytes). */
pc_status pc_stopwords_index(pc_ctx *ctx, pc_error *err) {
  size_t cap = 64;
  while (cap < 2 * ctx->nstop + 2)
    cap *= 2;
  if (!(ctx->stop_slot = calloc(cap, sizeof *ctx->stop_slot)))
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  ctx->stop_mask = cap - 1;
  for (size_t i = 0; i < ctx->nstop; i++) {
    size_t h = word_hash(ctx->stop[i].w, ctx->stop[i].len) & ctx->stop_mask;
    while (ctx->stop_slot[h])
      h = (h + 1) & ctx->stop_mask;
    ctx->stop_slot[h] = (uint32_t)i + 1;
  }
  return PC_OK;
}

uint32_t pc_stopword_langs(const pc_ctx *ctx, const char *s, size_t n) {
  if (!ctx->stop_slot)
    return 0;
  for (size_t h = word_hash(s, n) & ctx->stop_mask; ctx->stop_slot[h];
       h = (h + 1) & ctx->stop_mask) {
    const struct pc_word *w = &ctx->stop[ctx->stop_slot[h] - 1];
    if (w->len == n && memcmp(w->w, s, n) == 0)
      return w->langs;
  }
  return 0;
}

