/* extract.c - pc_extract(): bytes in, document model out.  The text of
 * the model is in Unicode normalisation form C whatever the page wrote
 * (a decomposed "u" + U+0308 reads as the "\u00fc" a reader types), so
 * that search, matching and quotes see one spelling. */
#include "extract.h"
#include "input/input.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void pc_extract_opts_init(pc_extract_opts *opts) {
  memset(opts, 0, sizeof *opts);
  opts->kind = PC_INPUT_AUTO;
  opts->max_input = PC_MAX_INPUT_DEFAULT;
}

/*** NFC ******************************************************************/

/* Whether s[0..n) (valid UTF-8) may change under NFC: it holds a code point
 * from U+0300 up, outside the punctuation and currency blocks that English
 * pages are full of and NFC leaves alone; a cheap test before the work. */
static bool nfc_suspect(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      i++;
    } else if (p[i] < 0xCC) { /* U+0080..U+02FF */
      i += 2;
    } else {
      uint32_t cp;
      size_t k = pc_utf8_decode(p + i, n - i, &cp);
      if (!k)
        return true;
      if (!((cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x20A0 && cp <= 0x20CF)))
        return true;
      i += k;
    }
  }
  return false;
}

/* s[0..n) in NFC appended to b; what utf8proc refuses is copied as is. */
static void nfc_add(struct pc_buf *b, const char *s, size_t n) {
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t r =
      n ? utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &dst,
                       UTF8PROC_STABLE | UTF8PROC_COMPOSE)
        : 0;
  if (r >= 0 && dst)
    pc_buf_add(b, (const char *)dst, (size_t)r);
  else if (n)
    pc_buf_add(b, s, n);
  free(dst);
}

static int cmp_size(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

/* The new offset of old offset o: cut[] (sorted, unique, ncut entries)
 * holds every span edge, at[] where each landed. */
static size_t moved(const size_t *cut, const size_t *at, size_t ncut,
                    size_t o) {
  size_t lo = 0, hi = ncut;
  while (lo + 1 < hi) {
    size_t mid = (lo + hi) / 2;
    if (cut[mid] <= o)
      lo = mid;
    else
      hi = mid;
  }
  return at[lo];
}

/* t in NFC, in the arena; spans keep their edges (each stretch between two
 * edges is normalised on its own).  False on OOM. */
static bool nfc_text(struct pc_arena *a, pc_text *t) {
  if (!t->text || !nfc_suspect(t->text, t->len))
    return true;
  size_t ncut = 0, *cut = malloc((2 * t->nspans + 2) * sizeof *cut);
  size_t *at = malloc((2 * t->nspans + 2) * sizeof *at);
  struct pc_buf b;
  pc_buf_init(&b, 0);
  bool ok = cut && at;
  if (ok) {
    cut[ncut++] = 0;
    for (size_t i = 0; i < t->nspans; i++) {
      cut[ncut++] = t->spans[i].start <= t->len ? t->spans[i].start : t->len;
      cut[ncut++] = t->spans[i].end <= t->len ? t->spans[i].end : t->len;
    }
    cut[ncut++] = t->len;
    qsort(cut, ncut, sizeof *cut, cmp_size);
    size_t u = 0;
    for (size_t i = 0; i < ncut; i++)
      if (!u || cut[i] != cut[u - 1])
        cut[u++] = cut[i];
    ncut = u;
    for (size_t i = 0; i < ncut; i++) {
      if (i)
        nfc_add(&b, t->text + cut[i - 1], cut[i] - cut[i - 1]);
      at[i] = b.len;
    }
    ok = !b.failed;
  }
  pc_span *sp = ok && t->nspans ? pc_arena_alloc(a, t->nspans * sizeof *sp)
                                : NULL;
  char *nt = ok ? pc_arena_strndup(a, b.data ? b.data : "", b.len) : NULL;
  ok = nt && (sp || !t->nspans);
  if (ok) {
    for (size_t i = 0; i < t->nspans; i++) {
      sp[i] = t->spans[i];
      sp[i].start = moved(cut, at, ncut, sp[i].start);
      sp[i].end = moved(cut, at, ncut, sp[i].end);
    }
    t->text = nt;
    t->len = b.len;
    t->spans = sp;
  }
  free(cut);
  free(at);
  pc_buf_cleanup(&b);
  return ok;
}

/* An array of n texts copied into the arena and normalised. */
static const pc_text *nfc_texts(struct pc_arena *a, const pc_text *in,
                                size_t n, bool *ok) {
  bool any = false;
  for (size_t i = 0; i < n && !any; i++)
    any = in[i].text && nfc_suspect(in[i].text, in[i].len);
  if (!any)
    return in;
  pc_text *out = pc_arena_alloc(a, n * sizeof *out);
  if (!out) {
    *ok = false;
    return in;
  }
  for (size_t i = 0; i < n; i++) {
    out[i] = in[i];
    if (!nfc_text(a, &out[i]))
      *ok = false;
  }
  return out;
}

/* Every text of the document, metadata included, in NFC. */
static pc_status nfc_doc(pc_doc *doc, pc_error *err) {
  bool ok = true;
  for (size_t i = 0; i < doc->nblocks; i++) {
    pc_block *b = &doc->blocks[i];
    ok = nfc_text(&doc->arena, &b->content) && ok;
    ok = nfc_text(&doc->arena, &b->caption) && ok;
    if (b->nitems)
      b->items = nfc_texts(&doc->arena, b->items, b->nitems, &ok);
    if (b->nrows && b->ncols)
      b->cells = nfc_texts(&doc->arena, b->cells, b->nrows * b->ncols, &ok);
    if (b->alt && nfc_suspect(b->alt, strlen(b->alt))) {
      pc_text t = {b->alt, strlen(b->alt), NULL, 0};
      ok = nfc_text(&doc->arena, &t) && ok;
      b->alt = t.text;
    }
  }
  static const pc_meta fields[] = {PC_META_TITLE, PC_META_BYLINE,
                                   PC_META_SITE, PC_META_DESCRIPTION};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
    const char *v = doc->meta[fields[i]];
    if (v && nfc_suspect(v, strlen(v))) {
      struct pc_buf b;
      pc_buf_init(&b, 0);
      nfc_add(&b, v, strlen(v));
      if (b.data && !b.failed)
        pc_doc_set_meta(doc, fields[i], b.data, b.len);
      pc_buf_cleanup(&b);
    }
  }
  return ok ? PC_OK : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
}

pc_status pc_extract(const pc_ctx *ctx, const char *data, size_t len,
                     const pc_extract_opts *opts, pc_doc **out,
                     pc_error *err) {
  if (!ctx || !out || (!data && len))
    return pc_error_set(err, PC_ERR_USAGE, "pc_extract: NULL argument");
  *out = NULL;
  pc_extract_opts def;
  if (!opts) {
    pc_extract_opts_init(&def);
    opts = &def;
  }
  size_t max = opts->max_input ? opts->max_input : PC_MAX_INPUT_DEFAULT;
  if (len > max)
    return pc_error_set(err, PC_ERR_TOO_LARGE,
                        "input is %zu bytes, over the limit of %zu", len, max);
  pc_input_kind kind = opts->kind;
  if (kind == PC_INPUT_AUTO)
    kind = pc_sniff(data ? data : "", len);

  struct pc_buf u8;
  pc_buf_init(&u8, max * 4 + 16);
  const char *s;
  size_t n;
  pc_status st = pc_charset_to_utf8(data ? data : "", len, opts->content_type,
                                    kind == PC_INPUT_HTML, &u8, &s, &n, err);
  if (st != PC_OK) {
    pc_buf_cleanup(&u8);
    return st;
  }
  /* UTF-16 input is only recognisable after conversion */
  if (opts->kind == PC_INPUT_AUTO && kind == PC_INPUT_TEXT)
    kind = pc_sniff(s, n);

  pc_doc *doc = pc_doc_new();
  if (!doc) {
    pc_buf_cleanup(&u8);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  if (kind == PC_INPUT_HTML)
    st = pc_html_extract(ctx, s, n, opts->url, doc, err);
  else
    st = pc_text_extract(ctx, s, n, doc, err);
  pc_buf_cleanup(&u8);
  if (st == PC_OK)
    st = pc_cuts_apply(doc, err);
  if (st == PC_OK)
    st = nfc_doc(doc, err);
  if (st == PC_OK) {
    /* The article's own language beats a site-wide declaration. */
    struct pc_buf sample;
    pc_buf_init(&sample, 0);
    for (size_t i = 0; i < doc->nblocks && sample.len < 16384; i++) {
      pc_buf_add(&sample, doc->blocks[i].content.text,
                 doc->blocks[i].content.len);
      pc_buf_addc(&sample, '\n');
    }
    const char *g =
        sample.data ? pc_lang_guess(ctx, sample.data, sample.len) : NULL;
    if (g)
      pc_doc_set_meta(doc, PC_META_LANG, g, strlen(g));
    pc_buf_cleanup(&sample);
  }
  if (st == PC_OK && opts->url && !doc->meta[PC_META_URL])
    pc_doc_set_meta(doc, PC_META_URL, opts->url, strlen(opts->url));
  if (st != PC_OK) {
    pc_doc_free(doc);
    return st;
  }
  *out = doc;
  return PC_OK;
}
