/*
 * internal.h - the core layer, included first by every library source file.
 *
 * Declares what src/core/ defines: status messages, byte buffers, arenas,
 * UTF-8, JSON reading and escaping, URLs and the built-in data files.
 * Each stage above it has a header of its own (lang/lang.h, doc/doc.h,
 * extract/extract.h, attribution/attribution.h, render/render.h, ...);
 * docs/internals/LAYERS.md draws them and tests/layers.txt says which may
 * include which.  Nothing here is API: only include/presscut.h is.
 */
#ifndef PC_INTERNAL_H
#define PC_INTERNAL_H

#define PC_BUILDING_LIBRARY 1
#include "presscut.h"
#include "pc_limits.h"

#include <stdarg.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define PC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PC_PRINTF(a, b)
#endif

/*** core/status.c *********************************************************/

/* Writes a formatted one-line message into err (when non-NULL) and returns
 * status, so callers can `return pc_error_set(err, PC_ERR_INPUT, "...")`. */
pc_status pc_error_set(pc_error *err, pc_status status, const char *fmt, ...)
    PC_PRINTF(3, 4);

/*** core/buf.c: growable byte buffer with a hard maximum ******************/

struct pc_buf {
  char *data; /* always NUL-terminated when non-NULL */
  size_t len;
  size_t cap;
  size_t max; /* hard cap on len; 0 means PC_MAX_OUTPUT */
  bool failed; /* sticky: an append failed (OOM or cap) */
};

void pc_buf_init(struct pc_buf *b, size_t max);
void pc_buf_cleanup(struct pc_buf *b);
/* Appends; returns false (and sets failed) when the cap or memory ran out. */
bool pc_buf_add(struct pc_buf *b, const char *s, size_t n);
/* Makes room for n bytes in all (len included), so appends up to there do
 * not reallocate. */
bool pc_buf_reserve(struct pc_buf *b, size_t n);
/* Inline: most callers append a literal, whose length the compiler knows
 * (the JSON of quotes appends a dozen per quote). */
static inline bool pc_buf_adds(struct pc_buf *b, const char *s) {
  return pc_buf_add(b, s, strlen(s));
}
bool pc_buf_addc(struct pc_buf *b, char c);
bool pc_buf_printf(struct pc_buf *b, const char *fmt, ...) PC_PRINTF(2, 3);
/* A pc_write_fn appending to the pc_buf closure (PDF into memory). */
int pc_buf_write(void *closure, const unsigned char *data, size_t len);
/* Hands the bytes to the caller (malloc'd, NUL-terminated) and resets b. */
char *pc_buf_steal(struct pc_buf *b, size_t *len);

/* Whether key is one of the n names of list, sorted in strcmp order.  A
 * binary search with the comparison inline: it runs for every tag and
 * attribute of a page, where bsearch's calls through a pointer cost more
 * than the comparisons. */
static inline bool pc_in_sorted(const char *key, const char *const *list,
                                size_t n) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const unsigned char *a = (const unsigned char *)key,
                        *b = (const unsigned char *)list[mid];
    while (*a && *a == *b) {
      a++;
      b++;
    }
    if (*a == *b)
      return true;
    if (*a < *b)
      hi = mid;
    else
      lo = mid + 1;
  }
  return false;
}

/*** core/arena.c: bump allocator owned by one document *********************/

struct pc_arena_chunk;
struct pc_arena {
  struct pc_arena_chunk *head;
  size_t total;
};

void pc_arena_init(struct pc_arena *a);
void pc_arena_cleanup(struct pc_arena *a);
/* Zeroed memory that lives until pc_arena_cleanup; NULL on OOM. */
void *pc_arena_alloc(struct pc_arena *a, size_t n);
/* NUL-terminated copy of n bytes. */
char *pc_arena_strndup(struct pc_arena *a, const char *s, size_t n);
char *pc_arena_strdup(struct pc_arena *a, const char *s);

/*** core/json.c (reading, with json-c) *************************************/

struct json_object; /* <json-c/json.h> */

/* Parses all n bytes of s as one JSON value (white space may follow it),
 * nesting at most depth deep; strict: RFC 8259 only (else json-c's lenient
 * mode, for JSON-LD found in pages, which also ignores what follows the
 * value).  The caller frees the result with
 * json_object_put.  NULL on any error, with *why a static message. */
struct json_object *pc_json_parse(const char *s, size_t n, bool strict,
                                  int depth, const char **why);
/* The two ways pc_json_parse reads, for tests and fuzzing: the fast path
 * for one flat object of strings, booleans, null and small integers (NULL
 * for anything else, error or not), and json-c. */
struct json_object *pc_json_parse_flat(const char *s, size_t n);
struct json_object *pc_json_parse_jsonc(const char *s, size_t n, bool strict,
                                        int depth, const char **why);
/* o's member k, borrowed; NULL when o is not an object or lacks k. */
struct json_object *pc_json_get(const struct json_object *o, const char *k);
/* v's string (borrowed, NUL-terminated; *len its length, NUL bytes
 * included, when len is not NULL); NULL when v is not a string. */
const char *pc_json_string(const struct json_object *v, size_t *len);
/* pc_json_string(pc_json_get(o, k), len). */
const char *pc_json_get_str(const struct json_object *o, const char *k,
                            size_t *len);
/* The length of an array; 0 for anything else. */
size_t pc_json_array_len(const struct json_object *v);

/*** core/utf8.c ************************************************************/

/* Decodes one code point at s[0..n); returns its byte length (1..4) and
 * stores it in *cp, or returns 0 for an invalid sequence. */
size_t pc_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Appends cp encoded as UTF-8. */
bool pc_utf8_put(struct pc_buf *b, uint32_t cp);
/* True when the n bytes are valid UTF-8 (no NUL bytes either). */
bool pc_utf8_valid(const char *s, size_t n);
/* Appends s with invalid sequences replaced by U+FFFD and NUL bytes and C0
 * controls other than \t \n \r dropped. */
bool pc_utf8_sanitize(struct pc_buf *b, const char *s, size_t n);
/* Length of the longest prefix of s that pc_utf8_sanitize copies as it is
 * (n when s needs no repair). */
size_t pc_utf8_clean_prefix(const char *s, size_t n);
/* Appends s lower-cased code point by code point (ASCII fast path); the
 * simple, length-keeping case mapping, enough for word look-ups. */
void pc_utf8_lower(const char *s, size_t n, struct pc_buf *out);
/* Unicode whitespace, including NBSP and the zero-width ones. */
bool pc_uni_is_space(uint32_t cp);
/* Letter or digit (for word counts and token shingles). */
bool pc_uni_is_word(uint32_t cp);
/* pc_uni_is_word and pc_uni_is_space for an ASCII byte, inline for the
 * loops that take ASCII without decoding it. */
static inline bool pc_ascii_is_word(unsigned c) {
  return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') ||
         c == '_';
}
static inline bool pc_ascii_is_space(unsigned c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D);
}
/* Number of code points in s[0..n). */
size_t pc_utf8_count(const char *s, size_t n);
/* Counts words: maximal runs of letters/digits. */
size_t pc_utf8_words(const char *s, size_t n);
/* Case-insensitive ASCII compare helpers. */
bool pc_ascii_ieq(const char *a, const char *b);
bool pc_ascii_istarts(const char *s, const char *prefix);
const char *pc_ascii_istr(const char *hay, const char *needle);

/*** core/escape.c: strings written into JSON and HTML ********************/

/* Appends s as a JSON string literal (quotes included). */
void pc_json_str(struct pc_buf *b, const char *s, size_t n);
/* The same for a NUL-terminated string; NULL becomes null. */
void pc_json_cstr(struct pc_buf *b, const char *s);
/* Appends s with HTML special characters escaped. */
void pc_html_esc(struct pc_buf *b, const char *s, size_t n);
/* Only http(s), mailto (links) and relative URLs, and data:image (not SVG)
 * for images, are safe to write into HTML. */
bool pc_html_url_safe(const char *u, bool image);
/* The names the output gives a quote's kind ("direct", "mixed",
 * "indirect") and an entity's type ("person", "organisation", ...);
 * static. */
const char *pc_quote_kind_name(pc_quote_kind k);
const char *pc_entity_type_name(pc_entity_type t);

/*** core/digest.c *************************************************************/

#define PC_SHA256_HEX 65 /* 64 hex digits and the NUL */
/* SHA-256 of n parts (parts[i], lens[i] bytes) in lower-case hex, by
 * libcrypto; false when it cannot be loaded or fails. */
bool pc_sha256_hex(const void *const *parts, const size_t *lens, size_t n,
                   char out[PC_SHA256_HEX]);

/*** core/url.c ***************************************************************/

/* Joins a possibly relative URL onto base; result malloc'd or NULL. */
char *pc_url_resolve(const char *base, const char *rel);

/*** core/data.c: the built-in data files and their line format ************/

/* The files compiled into the library (data/ and web/), generated at
 * build time by tools/embed.cmake. */
struct pc_data_file {
  const char *name;
  const unsigned char *data;
  size_t len;
};
extern const struct pc_data_file pc_data_files[];
extern const size_t pc_data_nfiles;

/* Passes the bytes of data file `name` (e.g. "en/cues.txt") to parse:
 * data_dir's copy when it has one, else the built-in copy. */
pc_status pc_data_load(const char *data_dir, const char *name,
                       pc_status (*parse)(void *, const char *, size_t,
                                          pc_error *),
                       void *dst, pc_error *err);

/* The data files' line format: lines end at '\n', and empty lines and
 * lines starting with '#' are comments.  Calls line(closure, s, e) for
 * every other line [s, e), in order, and stops at the first status other
 * than PC_OK, which it returns. */
pc_status pc_data_lines(const char *s, size_t n,
                        pc_status (*line)(void *, const char *, const char *,
                                          pc_error *),
                        void *closure, pc_error *err);
/* Calls word(closure, w, we) for every space-separated word [w, we) of
 * [s, e), in order; stops at the first status other than PC_OK. */
pc_status pc_data_words(const char *s, const char *e,
                        pc_status (*word)(void *, const char *, const char *,
                                          pc_error *),
                        void *closure, pc_error *err);

#endif /* PC_INTERNAL_H */
