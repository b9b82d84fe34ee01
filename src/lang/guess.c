/*
 * lang.c - the language of an article, from its text.
 *
 * Writing systems used by one language (Hangul, kana, Thai...) decide at
 * once; otherwise function words from data/stopwords.txt are counted.
 * A confident guess overrides the page's declaration, which is often a
 * site-wide default that is wrong for the article.
 */
#include "lang.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Bytes of body text looked at: enough for a confident guess. */
#define LANG_SAMPLE 6144

static const char *by_script(const char *s, size_t n) {
  size_t letters = 0, hangul = 0, kana = 0, han = 0, arabic = 0, hebrew = 0,
         greek = 0, thai = 0, cyr = 0;
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = pc_utf8_decode(p + i, n - i, &cp);
    if (!k) {
      i++;
      continue;
    }
    i += k;
    if (cp < 0x80) {
      letters += (cp | 32) >= 'a' && (cp | 32) <= 'z';
      continue;
    }
    letters++;
    if (cp >= 0xAC00 && cp <= 0xD7AF)
      hangul++;
    else if (cp >= 0x3040 && cp <= 0x30FF)
      kana++;
    else if (cp >= 0x4E00 && cp <= 0x9FFF)
      han++;
    else if (cp >= 0x0600 && cp <= 0x06FF)
      arabic++;
    else if (cp >= 0x0590 && cp <= 0x05FF)
      hebrew++;
    else if (cp >= 0x0370 && cp <= 0x03FF)
      greek++;
    else if (cp >= 0x0E00 && cp <= 0x0E7F)
      thai++;
    else if (cp >= 0x0400 && cp <= 0x04FF)
      cyr++;
  }
  if (letters < 20)
    return NULL;
  if (hangul * 3 > letters)
    return "ko";
  if (kana * 10 > letters && (kana + han) * 3 > letters)
    return "ja";
  if (han * 3 > letters)
    return "zh";
  if (arabic * 3 > letters)
    return "ar";
  if (hebrew * 3 > letters)
    return "he";
  if (greek * 3 > letters)
    return "el";
  if (thai * 3 > letters)
    return "th";
  (void)cyr; /* Cyrillic languages are told apart by their words */
  return NULL;
}

const char *pc_lang_guess(const pc_ctx *ctx, const char *s, size_t n) {
  if (n > LANG_SAMPLE) {
    n = LANG_SAMPLE;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
      n--;
  }
  const char *sc = by_script(s, n);
  if (sc)
    return sc;
  struct pc_buf lower;
  pc_buf_init(&lower, 0);
  pc_utf8_lower(s, n, &lower);
  if (lower.failed || !lower.data) {
    pc_buf_cleanup(&lower);
    return NULL;
  }
  size_t hits[PC_MAX_LANGS] = {0};
  const unsigned char *p = (const unsigned char *)lower.data;
  size_t i = 0, len = lower.len;
  while (i < len) {
    /* next word: a run of letters */
    size_t a = i;
    while (a < len) {
      if (p[a] < 0x80) { /* a word starts at a letter or '_' */
        if (pc_ascii_is_word(p[a]) && !(p[a] >= '0' && p[a] <= '9'))
          break;
        a++;
        continue;
      }
      uint32_t cp;
      size_t k = pc_utf8_decode(p + a, len - a, &cp);
      if (k && pc_uni_is_word(cp) && !(cp >= '0' && cp <= '9'))
        break;
      a += k ? k : 1;
    }
    size_t b = a;
    while (b < len) {
      if (p[b] < 0x80) {
        if (!pc_ascii_is_word(p[b]))
          break;
        b++;
        continue;
      }
      uint32_t cp;
      size_t k = pc_utf8_decode(p + b, len - b, &cp);
      if (!k || !pc_uni_is_word(cp))
        break;
      b += k;
    }
    if (b > a && b - a < 24) {
      uint32_t m = pc_stopword_langs(ctx, (const char *)p + a, b - a);
      for (size_t l = 0; m && l < ctx->nlangs; l++, m >>= 1)
        hits[l] += m & 1u;
    }
    i = b > a ? b : a + 1;
  }
  pc_buf_cleanup(&lower);
  size_t best = 0, second = 0, bi = 0;
  for (size_t l = 0; l < ctx->nlangs; l++) {
    if (hits[l] > best) {
      second = best;
      best = hits[l];
      bi = l;
    } else if (hits[l] > second) {
      second = hits[l];
    }
  }
  if (best >= 8 && best >= 2 * second)
    return ctx->lang_codes[bi];
  return NULL;
}
