/* lang.h - the language layer: the data files of data/ read into the
 * context (function words of every language, month names, widget phrases,
 * the attribution lexicons) and what is looked up in them.  Extraction and
 * attribution both sit above it; it knows nothing of either. */
#ifndef PC_LANG_H
#define PC_LANG_H

#include "internal.h"

/*** lang/phrases.c: lines of a data file, folded for matching *************/

/* A list of lower-cased phrases loaded from a data file. */
struct pc_phrases {
  char **items;
  size_t n;
};

/* Parses data lines into p (a pc_data_load parser: dst is p); a line
 * ending in " *" matches as a prefix. */
pc_status pc_phrases_parse(void *dst, const char *s, size_t n, pc_error *err);
void pc_phrases_free(struct pc_phrases *p);

/* True when the text, folded to lower case and trimmed of punctuation,
 * equals one of the phrases or starts with one followed by ':'/'…'. */
bool pc_phrases_match_line(const struct pc_phrases *p, const char *s,
                           size_t n);

/* The boilerplate lines of data/<lang>/boilerplate.txt, all languages in
 * one list: drop (the block alone) and tail (the block and all after it;
 * lines starting with "| ").  pc_boiler_parse is a pc_data_load parser
 * (dst is a struct pc_boiler) that appends to the lists. */
struct pc_boiler {
  struct pc_phrases drop, tail;
};
pc_status pc_boiler_parse(void *dst, const char *s, size_t n, pc_error *err);
void pc_boiler_free(struct pc_boiler *b);
/* Like pc_phrases_match_line, but a prefix phrase matches only up to the
 * end of a word and in a line of at most 100 bytes. */
bool pc_boiler_match(const struct pc_phrases *p, const char *s, size_t n);

/*** lang/words.c: sorted word tables **************************************/

#define PC_MAX_LANGS 32

struct pc_word {
  char *w;
  uint32_t langs;
  uint32_t len; /* strlen(w) */
};

/* Binary search of a sorted word table for s[0..len); its value in *value. */
bool pc_word_find(const struct pc_word *arr, size_t n, const char *s,
                  size_t len, uint32_t *value);

/*** lang/ctx.c: the context ***********************************************/

struct pc_lex;

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
  struct pc_boiler boiler;   /* data/<lang>/boilerplate.txt, all languages */
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

/* The lexicon for a language (else the default), loading the built-in ones
 * on first use; NULL when they cannot be loaded (out of memory). */
const struct pc_lex *pc_ctx_lex(const pc_ctx *ctx, const char *lang);

/*** lang/words.c: function words and month names *************************/

/* data/stopwords.txt and data/months.txt into ctx (pc_data_load parsers:
 * dst is the context), and the stop words' hash index. */
pc_status pc_stopwords_parse(void *dst, const char *s, size_t n,
                             pc_error *err);
pc_status pc_stopwords_index(pc_ctx *ctx, pc_error *err);
pc_status pc_months_parse(void *dst, const char *s, size_t n, pc_error *err);

/* Languages (bit mask over ctx->lang_codes) of which the n bytes are a
 * function word; 0 when none. */
uint32_t pc_stopword_langs(const pc_ctx *ctx, const char *s, size_t n);

/* 1..12 when the lower-case word s[0..n) names a month (data/months.txt),
 * else 0. */
int pc_month_in(const pc_ctx *ctx, const char *s, size_t n);
/* The same for a NUL-terminated word. */
int pc_month_of(const pc_ctx *ctx, const char *word);

/*** lang/guess.c ***********************************************************/

/* ISO 639-1 code of the language of the text, or NULL when unsure. */
const char *pc_lang_guess(const pc_ctx *ctx, const char *s, size_t n);

#endif
