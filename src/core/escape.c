/* escape.c - writing strings safely into JSON and HTML (as cmark keeps its
 * houdini_* escapers apart from the renderers): JSON string literals, HTML
 * text and attribute values, the URLs that may stand in HTML, and the
 * names the output gives quote kinds and entity types. */
#include "internal.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <string.h>

/*** JSON ******************************************************************/

void pc_json_str(struct pc_buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  pc_buf_addc(b, '"');
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
#ifdef __SSE2__
    /* sixteen bytes with nothing to escape at a time: most of a text */
    while (i + 16 <= n) {
      __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
      __m128i hit = _mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v),
                       _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
          _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                       _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2))));
      unsigned m = (unsigned)_mm_movemask_epi8(hit);
      if (m) {
        i += (size_t)__builtin_ctz(m);
        break;
      }
      i += 16;
    }
    if (i >= n)
      break;
#endif
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0xE2)
      continue; /* the common case */
    const char *esc = NULL;
    char u[7];
    if (c == '"')
      esc = "\\\"";
    else if (c == '\\')
      esc = "\\\\";
    else if (c == '\n')
      esc = "\\n";
    else if (c == '\t')
      esc = "\\t";
    else if (c == '\r')
      esc = "\\r";
    else if (c < 0x20) {
      u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0';
      u[4] = hex[c >> 4], u[5] = hex[c & 15], u[6] = 0;
      esc = u;
    } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
               ((unsigned char)s[i + 2] == 0xA8 ||
                (unsigned char)s[i + 2] == 0xA9)) {
      /* U+2028/2029 break JavaScript string literals */
      esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
      pc_buf_add(b, s + run, i - run);
      pc_buf_adds(b, esc);
      i += 2;
      run = i + 1;
      continue;
    }
    if (esc) {
      pc_buf_add(b, s + run, i - run);
      pc_buf_adds(b, esc);
      run = i + 1;
    }
  }
  pc_buf_add(b, s + run, n - run);
  pc_buf_addc(b, '"');
}

void pc_json_cstr(struct pc_buf *b, const char *s) {
  if (s)
    pc_json_str(b, s, strlen(s));
  else
    pc_buf_adds(b, "null");
}

/*** HTML ******************************************************************/

void pc_html_esc(struct pc_buf *b, const char *s, size_t n) {
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    const char *e = NULL;
    switch (s[i]) {
    case '&': e = "&amp;"; break;
    case '<': e = "&lt;"; break;
    case '>': e = "&gt;"; break;
    case '"': e = "&quot;"; break;
    case '\'': e = "&#39;"; break;
    default: break;
    }
    if (e) {
      pc_buf_add(b, s + run, i - run);
      pc_buf_adds(b, e);
      run = i + 1;
    }
  }
  pc_buf_add(b, s + run, n - run);
}

/* Only http(s), mailto and relative URLs are written; javascript:, data:
 * (except images) and anything else become "#" or are dropped. */
bool pc_html_url_safe(const char *u, bool image) {
  if (!u)
    return false;
  while (*u == ' ' || *u == '\t')
    u++;
  const char *colon = strchr(u, ':');
  const char *slash = strpbrk(u, "/?#");
  if (!colon || (slash && slash < colon))
    return true; /* relative */
  if (pc_ascii_istarts(u, "http:") || pc_ascii_istarts(u, "https:"))
    return true;
  if (!image && pc_ascii_istarts(u, "mailto:"))
    return true;
  if (image && pc_ascii_istarts(u, "data:image/") &&
      !pc_ascii_istarts(u, "data:image/svg"))
    return true;
  return false;
}

/*** names the output gives ***************************************************/

const char *pc_quote_kind_name(pc_quote_kind k) {
  return k == PC_QUOTE_DIRECT ? "direct" : k == PC_QUOTE_MIXED ? "mixed"
                                                               : "indirect";
}

const char *pc_entity_type_name(pc_entity_type t) {
  switch (t) {
  case PC_ENTITY_PERSON: return "person";
  case PC_ENTITY_ORG: return "organisation";
  case PC_ENTITY_GROUP: return "group";
  case PC_ENTITY_PLACE: return "place";
  case PC_ENTITY_COUNTRY: return "country";
  }
  return "organisation";
}
