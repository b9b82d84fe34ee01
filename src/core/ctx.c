/* ctx.c - the read-only context: language data loaded once at start-up. */
#include "quotes/quotes.h"

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <utf8proc.h>


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
    fl = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f,
                      UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                          UTF8PROC_STABLE);
    if (fl < 0)
      return NULL;
  }
  struct pc_buf b;
  pc_buf_init(&b, 0);
  const unsigned char *p = f;
  size_t i = 0, len = (size_t)fl;
  bool space = false;
  while (i < len) {
    uint32_t cp;
    size_t k = pc_utf8_decode(p + i, len - i, &cp);
    if (!k) {
      k = 1;
      cp = 0xFFFD;
    }
    if (pc_uni_is_space(cp)) {
      space = b.len > 0;
    } else {
      if (space)
        pc_buf_addc(&b, ' ');
      space = false;
      pc_buf_add(&b, (const char *)p + i, k);
    }
    i += k;
  }
  free(f);
  /* trim punctuation at both ends (keeps '&' and letters inside) */
  char *r = pc_buf_steal(&b, &len);
  if (!r)
    return NULL;
  size_t a = 0;
  while (a < len && strchr(" .,;:!?|-\xE2\x80\xA2*()[]\"'>/\\", r[a]))
    a++;
  while (len > a && strchr(" .,;:!?|-*()[]\"'</\\", r[len - 1]))
    len--;
  memmove(r, r + a, len - a);
  r[len - a] = '\0';
  return r;
}

static void phrases_free(struct pc_phrases *p) {
  for (size_t i = 0; i < p->n; i++)
    free(p->items[i]);
  free(p->items);
  p->items = NULL;
  p->n = 0;
}

static pc_status phrases_parse(struct pc_phrases *p, const char *s, size_t n,
                               pc_error *err) {
  size_t cap = 0;
  const char *end = s + n;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *le = nl ? nl : end;
    if (le > s && *s != '#') {
      bool prefix = le - s >= 2 && le[-1] == '*' && le[-2] == ' ';
      char *f = fold(s, (size_t)(le - s) - (prefix ? 2 : 0));
      if (!f)
        return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
      if (*f == '\0') {
        free(f);
      } else {
        if (p->n == cap) {
          cap = cap ? cap * 2 : 64;
          char **ni = realloc(p->items, cap * sizeof *ni);
          if (!ni) {
            free(f);
            return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
          }
          p->items = ni;
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
        p->items[p->n++] = f;
      }
    }
    s = nl ? nl + 1 : end;
  }
  return PC_OK;
}

static pc_status parse_stopwords(pc_ctx *ctx, const char *s, size_t n,
                                 pc_error *err);
static int cmp_word(const void *a, const void *b);

typedef pc_status (*parse_fn)(void *dst, const char *s, size_t n,
                              pc_error *err);

static pc_status parse_phrases_cb(void *dst, const char *s, size_t n,
                                  pc_error *err) {
  return phrases_parse(dst, s, n, err);
}

/* A growable table of words, each with a value (a language bit mask or a
 * month number). */
struct word_table {
  struct pc_word **items;
  size_t *n;
  size_t cap;
};

/* Adds every space-separated word of [w, le) with the value. */
static pc_status add_words(struct word_table *t, const char *w,
                           const char *le, uint32_t value, pc_error *err) {
  while (w < le) {
    while (w < le && *w == ' ')
      w++;
    const char *we = w;
    while (we < le && *we != ' ')
      we++;
    if (we > w) {
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
      (*t->items)[*t->n].langs = value;
      (*t->items)[*t->n].len = (uint32_t)(we - w);
      (*t->n)++;
    }
    w = we;
  }
  return PC_OK;
}

/* data/months.txt: "N name name ..." lines. */
static pc_status parse_months_cb(void *dst, const char *s, size_t n,
                                 pc_error *err) {
  pc_ctx *ctx = dst;
  const char *end = s + n;
  struct word_table t = {&ctx->months, &ctx->nmonths, 0};
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *le = nl ? nl : end;
    if (le > s && *s != '#') {
      long m = strtol(s, NULL, 10);
      const char *sp = memchr(s, ' ', (size_t)(le - s));
      if (m >= 1 && m <= 12 && sp) {
        pc_status st = add_words(&t, sp, le, (uint32_t)m, err);
        if (st != PC_OK)
          return st;
      }
    }
    s = nl ? nl + 1 : end;
  }
  if (ctx->nmonths)
    qsort(ctx->months, ctx->nmonths, sizeof *ctx->months, cmp_word);
  return PC_OK;
}

static pc_status parse_stop_cb(void *dst, const char *s, size_t n,
                               pc_error *err) {
  return parse_stopwords(dst, s, n, err);
}

static pc_status load(const char *data_dir, const char *name, parse_fn parse,
                      void *dst, pc_error *err);

/* Passes the bytes of a data file to a parser: data_dir's copy when there
 * is one, else the built-in one. */
pc_status pc_data_load(const char *data_dir, const char *name,
                       pc_status (*parse)(void *, const char *, size_t,
                                          pc_error *),
                       void *dst, pc_error *err) {
  return load(data_dir, name, parse, dst, err);
}

static pc_status load(const char *data_dir, const char *name, parse_fn parse,
                      void *dst, pc_error *err) {
  if (data_dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", data_dir, name);
    FILE *f = fopen(path, "rb");
    if (f) {
      struct pc_buf b;
      pc_buf_init(&b, 16u * 1024u * 1024u);
      char tmp[8192];
      size_t k;
      while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        pc_buf_add(&b, tmp, k);
      bool bad = ferror(f) || b.failed;
      fclose(f);
      pc_status st = bad ? pc_error_set(err, PC_ERR_IO, "cannot read %s", path)
                         : parse(dst, b.data ? b.data : "", b.len, err);
      pc_buf_cleanup(&b);
      return st;
    }
  }
  for (size_t i = 0; i < pc_data_nfiles; i++)
    if (strcmp(pc_data_files[i].name, name) == 0)
      return parse(dst, (const char *)pc_data_files[i].data,
                   pc_data_files[i].len, err);
  return pc_error_set(err, PC_ERR_INTERNAL, "built-in data %s missing", name);
}

static int cmp_word(const void *a, const void *b) {
  return strcmp(((const struct pc_word *)a)->w, ((const struct pc_word *)b)->w);
}

/* data/stopwords.txt: "code word word ..." lines. */
static pc_status parse_stopwords(pc_ctx *ctx, const char *s, size_t n,
                                 pc_error *err) {
  const char *end = s + n;
  struct word_table t = {&ctx->stop, &ctx->nstop, 0};
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    const char *le = nl ? nl : end;
    if (le > s && *s != '#' && ctx->nlangs < PC_MAX_LANGS) {
      const char *sp = memchr(s, ' ', (size_t)(le - s));
      if (sp && sp - s >= 2 && sp - s <= 3) {
        uint32_t bit = 1u << ctx->nlangs;
        memcpy(ctx->lang_codes[ctx->nlangs], s, (size_t)(sp - s));
        ctx->lang_codes[ctx->nlangs][sp - s] = '\0';
        ctx->nlangs++;
        pc_status st = add_words(&t, sp, le, bit, err);
        if (st != PC_OK)
          return st;
      }
    }
    s = nl ? nl + 1 : end;
  }
  /* sort, then merge a word shared by several languages into one entry */
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
  return PC_OK;
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
static pc_status index_stopwords(pc_ctx *ctx, pc_error *err) {
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

/* Adds the language of data folder `lang` once. */
static pc_status add_lexicon(pc_ctx *ctx, const char *data_dir,
                             const char *lang, size_t n, pc_error *err) {
  char code[8];
  if (n == 0 || n >= sizeof code)
    return PC_OK;
  memcpy(code, lang, n);
  code[n] = '\0';
  for (size_t i = 0; i < ctx->nlexes; i++)
    if (strcmp(ctx->lexes[i]->lang, code) == 0)
      return PC_OK;
  if (ctx->nlexes >= sizeof ctx->lexes / sizeof *ctx->lexes)
    return PC_OK;
  struct pc_lex *lx = calloc(1, sizeof *lx);
  if (!lx)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  ctx->lexes[ctx->nlexes++] = lx;
  pc_status st = pc_lex_load(data_dir, code, lx, err);
  if (st == PC_OK && strcmp(code, "en") == 0)
    ctx->lex = lx;
  return st;
}

/* A lexicon for every data/<lang>/ with a cues.txt: the built-in ones and
 * those of data_dir.  Adding a language is adding a folder. */
static pc_status load_lexicons(pc_ctx *ctx, const char *data_dir,
                               pc_error *err) {
  pc_status st = PC_OK;
  for (size_t i = 0; i < pc_data_nfiles && st == PC_OK; i++) {
    const char *nm = pc_data_files[i].name, *sl = strchr(nm, '/');
    if (sl && strcmp(sl, "/cues.txt") == 0)
      st = add_lexicon(ctx, data_dir, nm, (size_t)(sl - nm), err);
  }
  DIR *d = data_dir && st == PC_OK ? opendir(data_dir) : NULL;
  for (struct dirent *e; d && st == PC_OK && (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/cues.txt", data_dir, e->d_name);
    if (access(path, R_OK) == 0)
      st = add_lexicon(ctx, data_dir, e->d_name, strlen(e->d_name), err);
  }
  if (d)
    closedir(d);
  if (st == PC_OK && !ctx->lex && ctx->nlexes)
    ctx->lex = ctx->lexes[0];
  if (st == PC_OK && !ctx->lex)
    st = pc_error_set(err, PC_ERR_INTERNAL, "no attribution lexicon");
  return st;
}

const struct pc_lex *pc_ctx_lex(const pc_ctx *cctx, const char *lang) {
  /* the one lazy part of a context, guarded by its own lock */
  pc_ctx *ctx = (pc_ctx *)cctx;
  pthread_mutex_lock(&ctx->lex_lock);
  if (!ctx->lex_loaded) {
    pc_error err;
    ctx->lex_status = load_lexicons(ctx, NULL, &err);
    ctx->lex_loaded = true;
  }
  pthread_mutex_unlock(&ctx->lex_lock);
  if (ctx->lex_status != PC_OK)
    return NULL;
  for (size_t i = 0; lang && i < ctx->nlexes; i++)
    if (strncmp(ctx->lexes[i]->lang, lang, 2) == 0)
      return ctx->lexes[i];
  return ctx->lex;
}

pc_status pc_ctx_new(const char *data_dir, pc_ctx **out, pc_error *err) {
  if (!out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_ctx_new: out is NULL");
  *out = NULL;
  /* libxml2 sets up its own tables once; done here, before any thread
   * extracts, as its documentation asks. */
  xmlInitParser();
  pc_ctx *ctx = calloc(1, sizeof *ctx);
  if (!ctx)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  if (pthread_mutex_init(&ctx->lex_lock, NULL) != 0) {
    free(ctx);
    return pc_error_set(err, PC_ERR_INTERNAL, "cannot create a lock");
  }
  pc_status st = load(data_dir, "en/widgets.txt", parse_phrases_cb,
                      &ctx->widgets, err);
  if (st == PC_OK)
    st = load(data_dir, "stopwords.txt", parse_stop_cb, ctx, err);
  if (st == PC_OK)
    st = index_stopwords(ctx, err);
  if (st == PC_OK)
    st = load(data_dir, "months.txt", parse_months_cb, ctx, err);
  /* user data is checked now; the built-in lexicons wait for their
   * first use */
  if (st == PC_OK && data_dir) {
    st = load_lexicons(ctx, data_dir, err);
    ctx->lex_loaded = true;
    ctx->lex_status = st;
  }
  if (st != PC_OK) {
    pc_ctx_free(ctx);
    return st;
  }
  *out = ctx;
  return PC_OK;
}

void pc_ctx_free(pc_ctx *ctx) {
  if (!ctx)
    return;
  for (size_t i = 0; i < ctx->nlexes; i++) {
    pc_lex_free(ctx->lexes[i]);
    free(ctx->lexes[i]);
  }
  pthread_mutex_destroy(&ctx->lex_lock);
  phrases_free(&ctx->widgets);
  for (size_t i = 0; i < ctx->nstop; i++)
    free(ctx->stop[i].w);
  free(ctx->stop);
  free(ctx->stop_slot);
  for (size_t i = 0; i < ctx->nmonths; i++)
    free(ctx->months[i].w);
  free(ctx->months);
  free(ctx);
}

bool pc_phrases_match_line(const struct pc_phrases *p, const char *s,
                           size_t n) {
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
      hit = fl >= pl - 1 && memcmp(f, ph, pl - 1) == 0;
    else
      hit = strcmp(f, ph) == 0;
  }
  free(f);
  return hit;
}
