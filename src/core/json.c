/* json.c - reading JSON with json-c: a whole-input parse with a depth limit,
 * and typed look-ups that never turn a non-string into a string.
 *
 * json-c parses request bodies and JSON Lines documents, most of whose
 * bytes are one long "html" string, about ten times faster than jansson
 * did (docs/dependencies.md has the measurement). */
#include "internal.h"

#include <json-c/json.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*** the flat fast path *****************************************************
 *
 * Request bodies and JSON Lines documents are one flat object, nearly all
 * of it one long string ({"html": "<!DOCTYPE html>..."}), and json-c reads
 * a string one character at a time through its state machine, a switch of
 * state at every escape: about 0.22 ms for a 150 KB page, a sixth of the
 * server's work per request.  This path reads exactly that shape: an
 * object of strings, true, false, null and small integers, strings found
 * sixteen bytes at a time.  Anything else (nesting, fractions, a
 * surrogate escape, a control character, bad syntax) returns NULL and
 * json-c reads the input from the start, so what is accepted, rejected and
 * said about an error stays json-c's; what this path builds is the object
 * json-c would build (fuzz/fuzz_json.c checks the two against each other).
 */

static bool ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int hexval(char c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* The four hex digits at s[i], or a value past U+10FFFF when they are not
 * four hex digits. */
static uint32_t hex4(const char *s, size_t n, size_t i) {
  if (i + 4 > n)
    return UINT32_MAX;
  uint32_t cp = 0;
  for (size_t h = i; h < i + 4; h++) {
    int v = hexval(s[h]);
    if (v < 0)
      return UINT32_MAX;
    cp = cp << 4 | (uint32_t)v;
  }
  return cp;
}

#ifdef __SSE2__
/* Bit i set when byte i of v ends a run of plain string bytes: '"', '\\'
 * or a control character. */
static inline int stops(__m128i v) {
  return _mm_movemask_epi8(_mm_or_si128(
      _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                   _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
      _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v))); /* <= 0x1F */
}
#endif

/* Index of the first '"', '\\' or control character at or after i. */
static size_t string_stop(const char *s, size_t n, size_t i) {
#ifdef __SSE2__
  for (; i + 16 <= n; i += 16) {
    int m = stops(_mm_loadu_si128((const __m128i *)(s + i)));
    if (m)
      return i + (size_t)__builtin_ctz((unsigned)m);
  }
#endif
  while (i < n && s[i] != '"' && s[i] != '\\' && (unsigned char)s[i] > 0x1F)
    i++;
  return i;
}

/* o, a write position in b's bytes, with room for need more bytes after
 * it (b grown when not); NULL when out of memory. */
static char *room(struct pc_buf *b, char *o, size_t need) {
  size_t at = (size_t)(o - b->data);
  if (at + need < b->cap)
    return o;
  b->len = at; /* what is written so far survives the growth */
  return pc_buf_reserve(b, at + need) ? b->data + at : NULL;
}

/* Decodes the string whose opening quote is at s[*i] into b (cleared
 * first); false (not an error: json-c decides) for what this path leaves
 * to json-c.  Bytes are written through o, with room made before each
 * store (sixteen at a time, at most four for an escape). */
static bool flat_string(const char *s, size_t n, size_t *i, struct pc_buf *b) {
  b->len = 0;
  if (!pc_buf_reserve(b, 64))
    return false;
  char *o = b->data;
  size_t k = *i + 1;
  for (;;) {
    size_t e = k;
#ifdef __SSE2__
    /* copy sixteen bytes at a time, then keep only those before the first
     * '"', '\\' or control character; most runs between escapes in a page
     * are short, and this copies them without a call */
    for (;;) {
      if (!(o = room(b, o, 16)))
        return false;
      if (e + 16 > n) { /* the last bytes, fewer than sixteen */
        size_t e0 = e;
        e = string_stop(s, n, e0);
        memcpy(o, s + e0, e - e0);
        o += e - e0;
        break;
      }
      __m128i v = _mm_loadu_si128((const __m128i *)(s + e));
      _mm_storeu_si128((__m128i *)o, v);
      int m = stops(v);
      if (m) {
        size_t z = (size_t)__builtin_ctz((unsigned)m);
        e += z;
        o += z;
        break;
      }
      e += 16;
      o += 16;
    }
#else
    e = string_stop(s, n, k);
    if (!(o = room(b, o, e - k)))
      return false;
    memcpy(o, s + k, e - k);
    o += e - k;
#endif
    if (e >= n || !(o = room(b, o, 4)))
      return false;
    if (s[e] == '"') {
      *i = e + 1;
      b->len = (size_t)(o - b->data);
      *o = '\0';
      return true;
    }
    if (s[e] != '\\' || e + 1 >= n)
      return false; /* a control character */
    k = e + 2;
    switch (s[e + 1]) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '/': *o++ = '/'; break;
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case 'n': *o++ = '\n'; break;
    case 'r': *o++ = '\r'; break;
    case 't': *o++ = '\t'; break;
    case 'u': {
      uint32_t cp = hex4(s, n, e + 2);
      k = e + 6;
      if (cp >= 0xD800 && cp <= 0xDBFF && k + 1 < n && s[k] == '\\' &&
          s[k + 1] == 'u') { /* a pair: one character */
        uint32_t lo = hex4(s, n, k + 2);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          k += 6;
        }
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return false; /* bad hex, a lone surrogate: json-c's rules */
      if (cp < 0x80) {
        *o++ = (char)cp;
      } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
      } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
      } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
      }
      break;
    }
    default:
      return false;
    }
  }
}

/* The value at s[*i]: a string, true, false, null (NULL, as json-c has it)
 * or an integer of at most 18 digits; *ok false for anything else. */
static struct json_object *flat_value(const char *s, size_t n, size_t *i,
                                      struct pc_buf *b, bool *ok) {
  *ok = false;
  if (s[*i] == '"') {
    if (!flat_string(s, n, i, b))
      return NULL;
    struct json_object *v =
        json_object_new_string_len(b->data ? b->data : "", (int)b->len);
    *ok = v != NULL;
    return v;
  }
  static const char *const words[] = {"true", "false", "null"};
  for (int w = 0; w < 3; w++) {
    size_t l = strlen(words[w]);
    if (n - *i >= l && memcmp(s + *i, words[w], l) == 0) {
      *i += l;
      struct json_object *v = w == 2 ? NULL : json_object_new_boolean(w == 0);
      *ok = w == 2 || v != NULL;
      return v;
    }
  }
  bool neg = s[*i] == '-';
  size_t d = *i + neg, k = d;
  while (k < n && s[k] >= '0' && s[k] <= '9')
    k++;
  if (k == d || k - d > 18 || (s[d] == '0' && k - d > 1) ||
      (k < n && (s[k] == '.' || s[k] == 'e' || s[k] == 'E')))
    return NULL;
  int64_t v = 0;
  for (size_t h = d; h < k; h++)
    v = v * 10 + (s[h] - '0');
  *i = k;
  struct json_object *o = json_object_new_int64(neg ? -v : v);
  *ok = o != NULL;
  return o;
}

static struct json_object *flat_object(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && ws(s[i]))
    i++;
  if (i >= n || s[i] != '{')
    return NULL;
  i++;
  struct json_object *o = json_object_new_object();
  struct pc_buf key, val;
  pc_buf_init(&key, 0);
  pc_buf_init(&val, 0); /* a string is never longer than its JSON */
  bool good = o != NULL, first = true;
  while (good) {
    while (i < n && ws(s[i]))
      i++;
    if (i < n && s[i] == '}' && first) {
      i++;
      break;
    }
    /* "key" : value */
    if (i >= n || s[i] != '"' || !flat_string(s, n, &i, &key)) {
      good = false;
      break;
    }
    while (i < n && ws(s[i]))
      i++;
    if (i >= n || s[i] != ':') {
      good = false;
      break;
    }
    i++;
    while (i < n && ws(s[i]))
      i++;
    bool ok = false;
    struct json_object *v = i < n ? flat_value(s, n, &i, &val, &ok) : NULL;
    if (!ok || !pc_buf_addc(&key, '\0') ||
        memchr(key.data, '\0', key.len - 1) != NULL || /* a key with \u0000 */
        json_object_object_add(o, key.data, v) != 0) {
      json_object_put(v);
      good = false;
      break;
    }
    first = false;
    while (i < n && ws(s[i]))
      i++;
    if (i < n && s[i] == ',') {
      i++;
      continue;
    }
    if (i < n && s[i] == '}') {
      i++;
      break;
    }
    good = false;
  }
  while (good && i < n && ws(s[i]))
    i++;
  pc_buf_cleanup(&key);
  pc_buf_cleanup(&val);
  if (!good || i != n) {
    json_object_put(o);
    return NULL;
  }
  return o;
}

struct json_object *pc_json_parse_flat(const char *s, size_t n) {
  return s && n <= (size_t)INT32_MAX ? flat_object(s, n) : NULL;
}

struct json_object *pc_json_parse(const char *s, size_t n, bool strict,
                                  int depth, const char **why) {
  struct json_object *o = strict && depth >= 1 ? pc_json_parse_flat(s, n) : NULL;
  if (o) {
    *why = NULL;
    return o;
  }
  return pc_json_parse_jsonc(s, n, strict, depth, why);
}

struct json_object *pc_json_parse_jsonc(const char *s, size_t n, bool strict,
                                        int depth, const char **why) {
  *why = NULL;
  if (n > (size_t)INT32_MAX) {
    *why = "too large";
    return NULL;
  }
  struct json_tokener *tok = json_tokener_new_ex(depth);
  if (!tok) {
    *why = "out of memory";
    return NULL;
  }
  if (strict)
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  struct json_object *o = json_tokener_parse_ex(tok, s ? s : "", (int)n);
  enum json_tokener_error e = json_tokener_get_error(tok);
  if (!o && !strict && e == json_tokener_continue) {
    /* lenient: a comment after the value waits for more; a NUL ends it */
    o = json_tokener_parse_ex(tok, "", 1);
    e = json_tokener_get_error(tok);
  }
  if (!o && e == json_tokener_success)
    e = json_tokener_error_parse_eof; /* the input was "null" */
  if (o && e == json_tokener_success) {
    /* only white space may follow the value (JSON-LD in a page, read
     * leniently, may carry a comment or a stray character after it) */
    size_t end = json_tokener_get_parse_end(tok);
    while (strict && end < n && s[end] && strchr(" \t\r\n", s[end]))
      end++;
    if (strict && end < n) {
      json_object_put(o);
      o = NULL;
      *why = "text after the JSON value";
    }
  } else {
    json_object_put(o);
    o = NULL;
    *why = e == json_tokener_continue ? "unexpected end of input"
                                      : json_tokener_error_desc(e);
  }
  json_tokener_free(tok);
  return o;
}

struct json_object *pc_json_get(const struct json_object *o, const char *k) {
  struct json_object *v = NULL;
  if (!o || !json_object_is_type(o, json_type_object) ||
      !json_object_object_get_ex(o, k, &v))
    return NULL;
  return v;
}

const char *pc_json_string(const struct json_object *v, size_t *len) {
  if (!v || !json_object_is_type(v, json_type_string))
    return NULL;
  if (len)
    *len = (size_t)json_object_get_string_len(v);
  return json_object_get_string((struct json_object *)v);
}

const char *pc_json_get_str(const struct json_object *o, const char *k,
                            size_t *len) {
  return pc_json_string(pc_json_get(o, k), len);
}

size_t pc_json_array_len(const struct json_object *v) {
  return v && json_object_is_type(v, json_type_array)
             ? json_object_array_length(v)
             : 0;
}
