/* utf8.c - UTF-8 decoding, repair, and Unicode classes (via utf8proc). */
#include "internal.h"

#include <string.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static inline bool cont_byte(unsigned char b) { return (b & 0xC0) == 0x80; }

/* One branch per length, no loop: language guessing, the text builder and
 * the tokenizer decode every non-ASCII character of every article. */
size_t pc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  if (n == 0)
    return 0;
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  if (c >= 0xC2 && c <= 0xDF) { /* never overlong: c >= 0xC2 */
    if (n < 2 || !cont_byte(s[1]))
      return 0;
    *cp = ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || !cont_byte(s[1]) || !cont_byte(s[2]))
      return 0;
    uint32_t v = ((uint32_t)(c & 0x0F) << 12) |
                 ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3Fu);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
      return 0; /* overlong, or a surrogate */
    *cp = v;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || !cont_byte(s[1]) || !cont_byte(s[2]) || !cont_byte(s[3]))
      return 0;
    uint32_t v = ((uint32_t)(c & 0x07) << 18) |
                 ((uint32_t)(s[1] & 0x3F) << 12) |
                 ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3Fu);
    if (v < 0x10000 || v > 0x10FFFF)
      return 0; /* overlong, or past Unicode */
    *cp = v;
    return 4;
  }
  return 0;
}

bool pc_utf8_put(struct pc_buf *b, uint32_t cp) {
  char tmp[4];
  utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp,
                                            (utf8proc_uint8_t *)tmp);
  return n > 0 && pc_buf_add(b, tmp, (size_t)n);
}

bool pc_utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) { /* ASCII without NUL, eight bytes at a time */
      uint64_t w;
      memcpy(&w, p + i, 8);
      const uint64_t hi = 0x8080808080808080ull, ones = 0x0101010101010101ull;
      if ((w & hi) || ((w - ones) & ~w & hi))
        break;
      i += 8;
    }
    if (i >= n)
      break;
    if (p[i] >= 0x01 && p[i] < 0x80) {
      i++;
      continue;
    }
    uint32_t cp;
    size_t k = pc_utf8_decode(p + i, n - i, &cp);
    if (k == 0)
      return false;
    i += k;
  }
  return true;
}

size_t pc_utf8_clean_prefix(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  const uint64_t hi = 0x8080808080808080ull, ones = 0x0101010101010101ull;
  size_t i = 0;
  while (i < n) {
#ifdef __SSE2__
    /* printable ASCII, tabs and line ends, sixty-four and then sixteen
     * bytes at a time: the raw page, scripts and indentation included,
     * passes through here.  A signed compare puts bytes of 0x80 and up
     * below 0x20 too, so one compare finds both them and the controls. */
    const __m128i sp = _mm_set1_epi8(0x20), tab = _mm_set1_epi8('\t'),
                  lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                  del = _mm_set1_epi8(0x7F);
#define PC_BAD16(v)                                                         \
  _mm_or_si128(                                                             \
      _mm_andnot_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab),    \
                                                 _mm_cmpeq_epi8(v, lf)),    \
                                    _mm_cmpeq_epi8(v, cr)),                 \
                       _mm_cmplt_epi8(v, sp)),                              \
      _mm_cmpeq_epi8(v, del))
    while (i + 64 <= n) {
      const __m128i *q = (const __m128i *)(p + i);
      __m128i a = _mm_loadu_si128(q), b = _mm_loadu_si128(q + 1),
              c = _mm_loadu_si128(q + 2), d = _mm_loadu_si128(q + 3);
      __m128i bad = _mm_or_si128(_mm_or_si128(PC_BAD16(a), PC_BAD16(b)),
                                 _mm_or_si128(PC_BAD16(c), PC_BAD16(d)));
      if (_mm_movemask_epi8(bad))
        break;
      i += 64;
    }
    if (i >= n)
      break; /* the steps of 64 can end at n */
    if (i + 16 <= n) {
      __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
      unsigned m = (unsigned)_mm_movemask_epi8(PC_BAD16(v));
      if (!m) {
        i += 16;
        continue;
      }
      i += (size_t)__builtin_ctz(m); /* to the byte that needs a look */
    }
#undef PC_BAD16
#endif
    /* eight printable ASCII bytes at a time */
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, p + i, 8);
      if (!((w & hi) || ((w - 0x20 * ones) & ~w & hi) ||
            (((w ^ (0x7F * ones)) - ones) & ~(w ^ (0x7F * ones)) & hi))) {
        i += 8;
        continue;
      }
    }
    unsigned c = p[i];
    if ((c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r') {
      i++;
      continue;
    }
    /* two- and three-byte sequences inline (pc_utf8_decode's rules) */
    if (c >= 0xC2 && c <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;
      continue;
    }
    if (c >= 0xE0 && c <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
        (p[i + 2] & 0xC0) == 0x80 && (c != 0xE0 || p[i + 1] >= 0xA0) &&
        (c != 0xED || p[i + 1] < 0xA0)) {
      i += 3;
      continue;
    }
    uint32_t cp;
    size_t k = c >= 0x80 ? pc_utf8_decode(p + i, n - i, &cp) : 0;
    if (!k)
      break;
    i += k;
  }
  return i;
}

bool pc_utf8_sanitize(struct pc_buf *b, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t k = pc_utf8_clean_prefix(s + i, n - i);
    if (!pc_buf_add(b, s + i, k))
      return false;
    i += k;
    if (i >= n)
      break;
    /* a bad byte: a broken sequence becomes U+FFFD, a NUL or other
     * control character goes */
    if ((unsigned char)s[i] >= 0x80 && !pc_buf_add(b, "\xEF\xBF\xBD", 3))
      return false;
    i++;
  }
  return true;
}

bool pc_uni_is_space(uint32_t cp) {
  if (cp < 0x80)
    return pc_ascii_is_space(cp);
  if (cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF ||
      cp == 0x2060)
    return true; /* zero-width characters are treated as nothing */
  utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
  return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
         cat == UTF8PROC_CATEGORY_ZP || cp == 0x85;
}

bool pc_uni_is_word(uint32_t cp) {
  if (cp < 0x80)
    return pc_ascii_is_word(cp);
  if (cp == 0xAD)
    return true; /* a soft hyphen only ever stands inside a word */
  utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
  switch (cat) {
  case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
  case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
  case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    return true;
  default:
    return false;
  }
}

/* Eight bytes at a time: the JSON of quotes converts every offset into
 * its block with this, and a byte loop was a visible share of it. */
size_t pc_utf8_count(const char *s, size_t n) {
  const uint64_t high = 0x8080808080808080u;
  size_t c = 0, i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, sizeof x);
    /* continuation bytes (10xxxxxx): bit 7 set, bit 6 clear */
    uint64_t cont = x & ~(x << 1) & high;
    /* the multiplication sums the eight 0/1 bytes into the top one */
    c += 8 - (size_t)(((cont >> 7) * 0x0101010101010101u) >> 56);
  }
  for (; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80)
      c++;
  return c;
}

size_t pc_utf8_words(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t words = 0, i = 0;
  bool in = false;
  while (i < n) {
    bool w;
    size_t k = 1;
    if (p[i] < 0x80) {
      w = pc_ascii_is_word(p[i]);
    } else {
      uint32_t cp;
      k = pc_utf8_decode(p + i, n - i, &cp);
      if (k == 0) {
        k = 1;
        cp = 0xFFFD;
      }
      w = pc_uni_is_word(cp);
    }
    if (w && !in)
      words++;
    in = w;
    i += k;
  }
  return words;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool pc_ascii_ieq(const char *a, const char *b) {
  while (*a && *b && lower((unsigned char)*a) == lower((unsigned char)*b))
    a++, b++;
  return *a == '\0' && *b == '\0';
}

bool pc_ascii_istarts(const char *s, const char *prefix) {
  while (*prefix && lower((unsigned char)*s) == lower((unsigned char)*prefix))
    s++, prefix++;
  return *prefix == '\0';
}

const char *pc_ascii_istr(const char *hay, const char *needle) {
  size_t nl = strlen(needle);
  if (nl == 0)
    return hay;
  for (; *hay; hay++)
    if (lower((unsigned char)*hay) == lower((unsigned char)*needle) &&
        pc_ascii_istarts(hay, needle))
      return hay;
  return NULL;
}

void pc_utf8_lower(const char *s, size_t n, struct pc_buf *out) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) { /* an ASCII run, in one append */
      size_t e = i, at = out->len;
      while (e < n && p[e] < 0x80)
        e++;
      if (!pc_buf_add(out, s + i, e - i))
        return;
      for (char *q = out->data + at; q < out->data + out->len; q++)
        if (*q >= 'A' && *q <= 'Z')
          *q = (char)(*q + 32);
      i = e;
      continue;
    }
    uint32_t cp;
    size_t k = pc_utf8_decode(p + i, n - i, &cp);
    if (!k) {
      pc_buf_add(out, "\xEF\xBF\xBD", 3);
      i++;
      continue;
    }
    pc_utf8_put(out, (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp));
    i += k;
  }
}
