/*
 * internal.h - included first by every library source file.
 *
 * Declares the library-internal helpers shared across modules.  Nothing
 * here is API: only include/presscut.h is.
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
bool pc_buf_adds(struct pc_buf *b, const char *s);
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
/* Appends s as a JSON string literal (quotes included). */
void pc_json_str(struct pc_buf *b, const char *s, size_t n);
/* The same for a NUL-terminated string; NULL becomes null. */
void pc_json_cstr(struct pc_buf *b, const char *s);
/* Appends s with HTML special characters escaped. */
void pc_html_esc(struct pc_buf *b, const char *s, size_t n);
/* Only http(s), mailto (links) and relative URLs, and data:image (not SVG)
 * for images, are safe to write into HTML. */
bool pc_html_url_safe(const char *u, bool image);
/* A text's HTML with its spans (links, emphasis, code). */
void pc_html_inline(struct pc_buf *b, const pc_text *t);
/* The HTML of the document's blocks, as pc_render writes it; img(closure,
 * block, b) writes a figure's <img> element (or nothing). */
typedef void (*pc_html_img_fn)(void *closure, const pc_block *bl,
                               struct pc_buf *b);
void pc_html_blocks(struct pc_buf *b, const pc_doc *doc, pc_html_img_fn img,
                    void *closure);

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

/*** context (core/ctx.c) ***************************************************/

/* A list of lower-cased phrases loaded from a data file. */
struct pc_phrases {
  char **items;
  size_t n;
};

#define PC_MAX_LANGS 32

struct pc_word {
  char *w;
  uint32_t langs;
  uint32_t len; /* strlen(w) */
};

struct pc_lex;
struct pc_attribution;

struct pc_ctx {
  /* Attribution lexicons.  With a --data-dir they load (and are checked)
   * in pc_ctx_new; the built-in ones load on first use (pc_ctx_lex),
   * once, under lex_lock, so that commands without attribution do not pay
   * for them.  After that they are read-only. */
  pthread_mutex_t lex_lock;
  bool lex_loaded;
  pc_status lex_status;
  struct pc_lex *lex;        /* the default attribution lexicon ("en") */
  struct pc_lex *lexes[16];  /* one per data/<lang>/ folder with cues.txt */
  size_t nlexes;
  struct pc_phrases widgets; /* data/en/widgets.txt: share/print widgets */
  /* data/stopwords.txt: function words, sorted, each with the set of
   * languages (bit i = lang_codes[i]) it belongs to */
  struct pc_word *stop;
  size_t nstop;
  /* stop's hash index: stop_slot[h] is 1 + the index of a word, 0 empty;
   * stop_mask + 1 slots */
  uint32_t *stop_slot;
  size_t stop_mask;
  char lang_codes[PC_MAX_LANGS][4];
  size_t nlangs;
  struct pc_word *months; /* data/months.txt: names, sorted; langs holds
                             the month number */
  size_t nmonths;
};

/* 1..12 when the lower-case word names a month (data/months.txt), else 0. */
int pc_month_of(const pc_ctx *ctx, const char *word);

/* Finds the first date written in text (the first one not introduced as
 * "updated", when there is one) and writes it as YYYY-MM-DD into out.
 * mdy: read 11/12/2019 month first (English pages). */
bool pc_date_find(const pc_ctx *ctx, const char *text, size_t len, bool mdy,
                  char out[11]);


/* Binary search of a sorted word table for s[0..len); its value in *value. */
bool pc_word_find(const struct pc_word *arr, size_t n, const char *s,
                  size_t len, uint32_t *value);

/* Languages (bit mask over ctx->lang_codes) of which the n bytes are a
 * function word; 0 when none. */
uint32_t pc_stopword_langs(const pc_ctx *ctx, const char *s, size_t n);

/* Passes the bytes of data file `name` (e.g. "en/cues.txt") to parse:
 * data_dir's copy when it has one, else the built-in copy. */
pc_status pc_data_load(const char *data_dir, const char *name,
                       pc_status (*parse)(void *, const char *, size_t,
                                          pc_error *),
                       void *dst, pc_error *err);

/* The attribution lexicon for a language code, or the default one. */
/* The files compiled into the library (data/ and web/), generated at
 * build time by tools/embed.cmake. */
struct pc_data_file {
  const char *name;
  const unsigned char *data;
  size_t len;
};
extern const struct pc_data_file pc_data_files[];
extern const size_t pc_data_nfiles;

/* The lexicon for a language (else the default), loading the built-in ones
 * on first use; NULL when they cannot be loaded (out of memory). */
const struct pc_lex *pc_ctx_lex(const pc_ctx *ctx, const char *lang);

/* ISO 639-1 code of the language of the text, or NULL when unsure. */
const char *pc_lang_guess(const pc_ctx *ctx, const char *s, size_t n);

/* True when the text, folded to lower case and trimmed of punctuation,
 * equals one of the phrases or starts with one followed by ':'/'…'. */
bool pc_phrases_match_line(const struct pc_phrases *p, const char *s,
                           size_t n);

/*** the document (doc/doc.c) ***********************************************/

struct pc_doc {
  struct pc_arena arena;
  const char *meta[PC_META_COUNT_];
  pc_block *blocks;
  size_t nblocks;
  size_t capblocks;
  unsigned next_id;
  bool truncated; /* a limit cut the body short; see pc_doc_truncated */
  struct pc_attribution *attr; /* after pc_attribute, arena-owned */
};

pc_doc *pc_doc_new(void);
/* Sets a metadata value (copied, whitespace collapsed, capped). */
void pc_doc_set_meta(pc_doc *doc, pc_meta field, const char *s, size_t n);
/* Appends a zeroed block with the next id; NULL on OOM or block cap. */
pc_block *pc_doc_add_block(pc_doc *doc, pc_block_type type);
/* Drops the last block (when it turned out empty); its id is reused. */
void pc_doc_pop_block(pc_doc *doc);

/*** text builder with spans (doc/textb.c) **********************************/

struct pc_textb {
  struct pc_buf text;
  pc_span *spans;
  size_t nspans, capspans;
  bool pending_space; /* collapse runs of whitespace into one space */
  bool preserve;      /* keep whitespace as is (pre) */
};

void pc_textb_init(struct pc_textb *t);
void pc_textb_cleanup(struct pc_textb *t);
void pc_textb_reset(struct pc_textb *t);
/* Appends text, collapsing whitespace unless preserve is set. */
void pc_textb_add(struct pc_textb *t, const char *s, size_t n);
/* A hard line break inside a block. */
void pc_textb_newline(struct pc_textb *t);
/* Opens a span at the current end; returns its index. */
size_t pc_textb_span_open(struct pc_textb *t, pc_span_type type,
                          const char *href);
void pc_textb_span_close(struct pc_textb *t, size_t idx);
/* Trims trailing whitespace, drops empty spans, and copies into a pc_text
 * whose memory belongs to the arena. */
bool pc_textb_finish(struct pc_textb *t, struct pc_arena *a, pc_text *out);

/*** input *******************************************************************/

/* Converts raw bytes to valid UTF-8 using, in order: BOM, the charset of
 * content_type, an HTML <meta> charset (when html), else UTF-8 if valid,
 * else windows-1252.  *text and *text_len get the result: data itself (a
 * BOM skipped) when it is UTF-8 that needs no repair, else the bytes
 * appended to out. */
pc_status pc_charset_to_utf8(const char *data, size_t len,
                             const char *content_type, bool html,
                             struct pc_buf *out, const char **text,
                             size_t *text_len, pc_error *err);

/* Guesses HTML vs text. */
pc_input_kind pc_sniff(const char *data, size_t len);

/* Plain text (valid UTF-8) into doc: title, paragraphs, cut markup. */
pc_status pc_text_extract(const pc_ctx *ctx, const char *s, size_t n,
                          pc_doc *doc, pc_error *err);

/* HTML (valid UTF-8) into doc. */
pc_status pc_html_extract(const pc_ctx *ctx, const char *s, size_t n,
                          const char *url, pc_doc *doc, pc_error *err);

/*** editorial cut markup (extract/cuts.c) **********************************/

/* Applies "***+OP CUT ... ****" markup to the blocks of doc: markers are
 * removed, the passages become blocks flagged optional, ids renumbered. */
pc_status pc_cuts_apply(pc_doc *doc, pc_error *err);

/* Joins a possibly relative URL onto base; result malloc'd or NULL. */
char *pc_url_resolve(const char *base, const char *rel);

#endif /* PC_INTERNAL_H */
