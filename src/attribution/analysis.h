/*
 * analysis.h - the attribution stage's shared state, private to
 * src/attribution/ (as cmark's parser.h): the tokens, quoted spans,
 * entities, quotes and claims of one document under analysis, the small
 * predicates every pass uses, and the functions the passes share.
 *
 * One struct analysis lives for one pc_attribute call (attribute.c); the
 * passes fill it in order: tokens.c (tokens, sentences, spans), entities.c,
 * speech.c with speakers.c (quotes and who said them), spans.c (quoted
 * spans no cue reported), claims.c.  Then
 * attribute.c copies the results into the document's arena.
 */
#ifndef PC_ATTRIBUTION_ANALYSIS_H
#define PC_ATTRIBUTION_ANALYSIS_H

#include "attribution/attribution.h"
#include "doc/doc.h"
#include "lang/lexicon.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*** tokens ****************************************************************/

enum { T_WORD = 1, T_PUNCT, T_QOPEN, T_QCLOSE };
enum { F_CAP = 1, F_SENT = 2 /* first word of a sentence */,
       F_WEAK = 4 /* a cue that is also a common noun */,
       F_QREQ = 8 /* a cue that reports only words in quotation marks */,
       F_CREQ = 16 /* a cue that is speech only with a clausal or quoted
                      complement: "maintains that", not "maintains rules" */,
       F_ASPECT = 32 /* an aspectual verb before "to" and a cue, the
                        start of the cue: "continued to insist" */,
       /* quotation marks: a single one (‘ ’ '), and a straight one that
        * may open or close, decided when pairing; flags is full now */
       F_SINGLE = 64, F_EITHER = 128 };

struct token {
  uint32_t s, e;     /* bytes in the block text */
  uint32_t block;
  uint8_t type, flags;
  char low[26];      /* lower-cased, "'s" kept, ’ as ' */
  int ent;           /* entity index covering it, or -1 */
  int in_span;       /* the quoted span it lies inside, or -1 */
  uint8_t cue;       /* words of the cue phrase starting here, 0 if none */
  uint8_t memo;      /* M_HASH, M_FW: which of hash and fw are known */
  int opens;         /* the span this mark opens, or -1 */
  uint32_t hash;     /* pc_lex_hash(low), built by add_token (token_hash) */
  uint64_t fw;       /* pc_lex_fw(low), once asked (fw_is) */
};
enum { M_HASH = 1, M_FW = 2 };
/* token_of finds a token of 8 * 9 bytes (64-bit targets) by its low's
 * address: 9 * TOKEN_INV9 is 1 mod 2^64 */
#define TOKEN_INV9 0x8E38E38E38E38E39ull

struct quoted_span { /* words between paired quotation marks */
  size_t o, c;       /* token indexes of the marks (c == o when open) */
  uint32_t block;
  uint32_t s, e;     /* bytes of the inner text */
  bool upper, closed;
};

struct found_entity {
  char *name;
  char *role;        /* as the article first states it, or NULL */
  pc_entity_type type;
  const char *code;
  char *aliases[8];
  size_t naliases;
  size_t mentions;
  const char *surname; /* people: last word of the name, lower case */
  char gender;         /* people: 'f', 'm' or 0 when the name does not say */
};

struct found_quote {
  uint32_t block, s, e;
  pc_quote_kind kind;
  char *speaker;
  int ent;
  char *role;
  char *cue;
  char *date;
  int parent;
  size_t t0, t1; /* sentence tokens */
};

struct found_claim {
  char *claimant;
  char *accused[8];
  size_t naccused;
  char *event;
  int deny;
  size_t t0, t1, at; /* sentence, and where the pattern matched */
  int quote;
};

/* A small string -> index hash map (open addressing, FNV-1a). */
struct strmap {
  char **key;
  int *val;
  size_t cap, n;
};

/* After the name of a person at token at: the last person named so far,
 * the last who is not known to be a woman / a man, and the last who is
 * known to be a man / a woman with where that one stood. */
struct person_mark {
  size_t at;
  int cur, cur_m, cur_f, k_m, k_f;
  size_t at_m, at_f;
};

/* What "the group", "the company" stood for when last resolved. */
struct defref {
  char head[24];
  int ent;
  size_t at; /* token where the description stood */
};
#define DEFREFS 16
#define SENTS 6 /* sentences back a pronoun looks for its antecedent */

/* The document's title is read as one more block after the body's, its
 * number TITLE_GAP past the last: no rule takes it for a neighbour of the
 * last paragraph (an unattributed quotation there continuing the last
 * speaker).  Its text is the title's. */
#define TITLE_GAP 2

struct analysis {
  struct defref dr[DEFREFS];
  size_t ndr;
  const pc_ctx *ctx;
  const struct pc_lex *lex;
  pc_doc *doc;
  struct token *t;
  size_t nt, capt;
  struct quoted_span *sp;
  size_t nsp, capsp;
  struct found_entity *en;
  size_t nen, capen;
  struct found_quote *q;
  size_t nq, capq;
  struct found_claim *c;
  size_t nc, capc;
  int last_speaker_q; /* the last outermost quote with a speaker */
  int reading_span;   /* 1 + the span whose words speech_in reads as a
                         sentence (speech nested in a quotation), 0: none */
  size_t sent_q0;     /* the first quote of the sentence being read */
  size_t sent0[SENTS]; /* where the last SENTS sentences read start, */
  size_t nsent;        /* ring: sent0[(nsent - 1) % SENTS] is the latest */
  /* the last person named before a token (pc_att_index_persons): the
   * state after each person's name, in token order; a token's is the last
   * one before it (pc_att_last_person_g) */
  struct person_mark *pm;
  size_t npm, cappm;
  bool persons_indexed;
  struct strmap names, surnames; /* entity look-up */
  int year, month;    /* of the document's date, 0 unknown */
  const char *title;  /* the title's text when it is read, else NULL */
  bool foreign; /* in a language no lexicon reads: its quoted spans only */
  bool oom;
};

#define GROW(x, arr, n, cap)                                                 \
  do {                                                                       \
    if ((x)->n == (x)->cap) {                                                \
      size_t nc_ = (x)->cap ? (x)->cap * 2 : 64;                             \
      void *np_ = realloc((x)->arr, nc_ * sizeof *(x)->arr);                 \
      if (!np_) {                                                            \
        (x)->oom = true;                                                     \
        break;                                                               \
      }                                                                      \
      (x)->arr = np_;                                                        \
      (x)->cap = nc_;                                                        \
    }                                                                        \
  } while (0)

/*** speakers **************************************************************/

/* Who a noun phrase names as the speaker (malloc'd; who_free). */
struct speaker_ref {
  char *name; /* NULL: no one */
  int ent;    /* the entity, or -1 */
  char *role; /* or NULL */
};

/*** small predicates, inline in every file of the stage *******************/

/* Whether a block number is the title's (TITLE_GAP). */
static inline bool title_block(const struct analysis *a, uint32_t block) {
  return block >= a->doc->nblocks;
}

static inline const char *btext(const struct analysis *a, uint32_t block) {
  return title_block(a, block) ? a->title : a->doc->blocks[block].content.text;
}

/* Whether token k is a lower-case word of more than min bytes ending in
 * suffix ("remarking": "ing", "hysterically": "ly"). */
static inline bool lower_suffix(const struct token *k, const char *suffix,
                                size_t min) {
  size_t n = strlen(k->low), m = strlen(suffix);
  return k->type == T_WORD && !(k->flags & F_CAP) && n > min &&
         strcmp(k->low + n - m, suffix) == 0;
}

/* The first bytes compared before strcmp: most tokens a pass asks about
 * are not the word, and the first byte tells without a call. */
static inline bool low_eq(const struct token *k, const char *w) {
  return k->low[0] == w[0] && strcmp(k->low, w) == 0;
}

/* The last word of name in lower case (ASCII letters), into low (n
 * bytes): "Senate Republicans" gives "republicans".  False when the
 * word did not fit (low holds its first n - 1 bytes). */
static inline bool pc_att_last_word_low(const char *name, char *low,
                                        size_t n) {
  const char *last = strrchr(name, ' ');
  size_t l = 0;
  for (last = last ? last + 1 : name; last[l] && l + 1 < n; l++)
    low[l] = (char)(last[l] >= 'A' && last[l] <= 'Z' ? last[l] + 32 : last[l]);
  low[l] = '\0';
  return !last[l];
}

/* Whether the token is the indefinite article, "a" or "an". */
static inline bool article_a(const struct token *k) {
  return low_eq(k, "a") || low_eq(k, "an");
}

/* The token whose low is w, or NULL.  Passes look up the words of tokens
 * again and again (is it a determiner? a role?): a token remembers the
 * hash and the categories of its word once asked.  The tokens are no
 * const objects, so a pass that reads the analysis as const may still
 * fill in these memos. */
static inline struct token *token_of(const struct analysis *a, const char *w) {
  /* unsigned: a w before the array wraps round to a large offset.  A
   * token's low lies a whole number of tokens past the first's.  Tokens
   * of 8 * 9 bytes: the 8 is shifted off, and the product by the inverse
   * of 9 (mod 2^64) is the quotient when 9 divides, else greater than any
   * token count - no division (most callers pass a token's) */
  uint64_t off = (uintptr_t)w - (uintptr_t)a->t - offsetof(struct token, low);
  uint64_t q;
  if (sizeof *a->t == 8 * 9) {
    if (off & 7u)
      return NULL;
    q = (off >> 3) * TOKEN_INV9;
  } else { /* (another size: a division) */
    if (off % sizeof *a->t)
      return NULL;
    q = off / sizeof *a->t;
  }
  return q < a->nt ? &a->t[q] : NULL;
}

static inline uint32_t token_hash(struct token *k) {
  if (!(k->memo & M_HASH)) {
    k->hash = pc_lex_hash(k->low);
    k->memo |= M_HASH;
  }
  return k->hash;
}

/* The phrases of l whose first word is token i's: [return, *end). */
static inline size_t lex_first_at(const struct analysis *a, size_t i,
                                  const struct pc_phrase_list *l,
                                  size_t *end) {
  struct token *k = &a->t[i];
  uint32_t h = l->first_cap ? token_hash(k) : 0;
  if (!pc_lex_may_start(l, h)) { /* most words: no call */
    *end = 0;
    return 0;
  }
  return pc_lex_first_h(l, k->low, h, end);
}

static inline bool in_list(const struct pc_phrase_list *l, const char *w) {
  size_t end = 0;
  for (size_t k = pc_lex_first(l, w, &end); k < end; k++)
    if (l->p[k].n == 1)
      return true;
  return false;
}

/* in_list for the word of token i. */
static inline bool in_list_at(const struct analysis *a, size_t i,
                              const struct pc_phrase_list *l) {
  size_t end = 0;
  for (size_t k = lex_first_at(a, i, l, &end); k < end; k++)
    if (l->p[k].n == 1)
      return true;
  return false;
}

/* The tag of a one-word phrase of l ('f', 'm', 'p'...), or 0. */
static inline int list_tag(const struct pc_phrase_list *l, const char *w) {
  size_t end = 0;
  for (size_t k = pc_lex_first(l, w, &end); k < end; k++)
    if (l->p[k].n == 1)
      return l->p[k].tag;
  return 0;
}

/* in_list and list_tag for a word w that is often a token's (see
 * token_of): its hash is the token's, built once, not again per list. */
static inline size_t lex_first_of(const struct analysis *a,
                                  const struct pc_phrase_list *l,
                                  const char *w, size_t *end) {
  struct token *k = l->first_cap ? token_of(a, w) : NULL;
  if (!k)
    return pc_lex_first(l, w, end);
  uint32_t h = token_hash(k);
  if (!pc_lex_may_start(l, h)) { /* most words: no call */
    *end = 0;
    return 0;
  }
  return pc_lex_first_h(l, w, h, end);
}

static inline bool in_list_of(const struct analysis *a,
                              const struct pc_phrase_list *l, const char *w) {
  size_t end = 0;
  for (size_t k = lex_first_of(a, l, w, &end); k < end; k++)
    if (l->p[k].n == 1)
      return true;
  return false;
}

static inline int list_tag_of(const struct analysis *a,
                              const struct pc_phrase_list *l, const char *w) {
  size_t end = 0;
  for (size_t k = lex_first_of(a, l, w, &end); k < end; k++)
    if (l->p[k].n == 1)
      return l->p[k].tag;
  return 0;
}

/* The next letter or digit of x from *i (ASCII folded to lower case;
 * other letters byte by byte), past punctuation, spaces and the marks
 * and dashes of U+2000-U+203F ("’", "“", "—"); 0 at n.  For comparing
 * two texts' words whatever their marks ("Roe: ‘We won’" and "Roe: “We
 * won.”"). */
static inline int pc_att_next_letter(const char *x, size_t n, size_t *i) {
  while (*i < n) {
    unsigned char c = (unsigned char)x[*i];
    if (c == 0xE2 && *i + 2 < n && (unsigned char)x[*i + 1] == 0x80) {
      *i += 3;
      continue;
    }
    (*i)++;
    if (c >= 'A' && c <= 'Z')
      return c - 'A' + 'a';
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
      return c;
  }
  return 0;
}

/* "that": the word that opens reported content (data/<lang>/). */
static inline bool is_comp(const struct analysis *a, size_t i) {
  return in_list_at(a, i, &a->lex->comps);
}

static inline bool is_role_word(const struct analysis *a, size_t i) {
  return in_list_at(a, i, &a->lex->roles);
}

/* The function-word categories of w (see token_of). */
static inline uint64_t fw_of(const struct analysis *a, const char *w) {
  struct token *k = token_of(a, w);
  if (!k)
    return pc_lex_fw(a->lex, w);
  if (!(k->memo & M_FW)) {
    k->fw = pc_lex_fw_h(a->lex, k->low, token_hash(k));
    k->memo |= M_FW;
  }
  return k->fw;
}

/* Whether w is a function word of the category (data: function-words.txt). */
static inline bool fw_is(const struct analysis *a, const char *w, int cat) {
  return (fw_of(a, w) >> cat) & 1u;
}

/* Capitalised words that start sentences or name no one. */
static inline bool function_cap(const struct analysis *a, const char *w) {
  return fw_is(a, w, PC_FW_CAP);
}

static inline bool org_head(const struct analysis *a, const char *w) {
  return fw_is(a, w, PC_FW_ORG);
}

/* Initials written together: "J.M" of "J.M. Berger" (single letters
 * joined by dots; the last dot is a token of its own). */
static inline bool initials(const char *w) {
  size_t letters = 0;
  for (size_t i = 0;; i++) {
    if (!(w[i] >= 'a' && w[i] <= 'z'))
      return false;
    letters++;
    if (!w[++i])
      return letters >= 2;
    if (w[i] != '.')
      return false;
  }
}

static inline bool is_punct(const struct token *k, const char *p) {
  return k->type == T_PUNCT && low_eq(k, p);
}

/* . ? ! or an ellipsis (…): byte by byte, as it runs at every token */
static inline bool is_end_punct(const struct token *k) {
  const char *w = k->low;
  if (k->type != T_PUNCT)
    return false;
  if (w[0] == '.' || w[0] == '?' || w[0] == '!')
    return w[1] == '\0';
  return (unsigned char)w[0] == 0xE2 && (unsigned char)w[1] == 0x80 &&
         (unsigned char)w[2] == 0xA6 && w[3] == '\0';
}

/* The span (index) that token i lies strictly inside, or -1. */
static inline int span_of(const struct analysis *a, size_t i, size_t sp0,
                          size_t sp1) {
  (void)sp0, (void)sp1;
  int s = a->t[i].in_span;
  return s >= 0 && s + 1 == a->reading_span ? -1 : s;
}

static inline void who_free(struct speaker_ref *w) {
  free(w->name);
  free(w->role);
  w->name = w->role = NULL;
}

static inline bool stop_word(const struct analysis *a, const char *w) {
  return fw_is(a, w, PC_FW_STOP);
}

static inline bool aux_word(const struct analysis *a, const char *w) {
  return fw_is(a, w, PC_FW_AUX);
}

static inline bool determiner(const struct analysis *a, const char *w) {
  return fw_is(a, w, PC_FW_DET);
}

static inline bool preposition(const struct analysis *a, const char *w) {
  return fw_is(a, w, PC_FW_PREP);
}

/*** functions shared between the files of the stage ***********************/

/* tokens.c */
void pc_att_tokenize_block(struct analysis *a, uint32_t block);
/* The title's words, as a block numbered TITLE_GAP past the last. */
void pc_att_tokenize_title(struct analysis *a);
void pc_att_mark_sentence_starts(struct analysis *a, size_t t0);
void pc_att_pair_block(struct analysis *a, size_t t0, size_t t1);
size_t pc_att_match_list(const struct analysis *a, size_t i, size_t lim,
                         const struct pc_phrase_list *l, size_t *which);
char *pc_att_text_of(const struct analysis *a, size_t t0, size_t t1);
size_t pc_att_ending(const struct analysis *a, const char *w, int cat,
                     size_t stem);
void pc_att_strip_possessive(const struct analysis *a, char *s);

/* Whether the lower-cased word w is a possessive: "Roe's" (data: gen),
 * or a plural's apostrophe alone ("Fox News’", "the Joneses'"). */
static inline bool pc_att_possessive(const struct analysis *a, const char *w) {
  size_t l = strlen(w);
  return pc_att_ending(a, w, PC_FW_GEN, 1) ||
         (l > 2 && w[l - 1] == '\'' && w[l - 2] == 's') ||
         (l > 4 && strcmp(w + l - 3, "\xE2\x80\x99") == 0 && w[l - 4] == 's');
}
/* Whether the lower-cased word w ends as a plural ("voters", "unions";
 * data: pl) and not in an ending that only looks plural ("boss",
 * "Lee's"; data: notpl). */
static inline bool pc_att_plural(const struct analysis *a, const char *w) {
  return pc_att_ending(a, w, PC_FW_PL, 3) &&
         !pc_att_ending(a, w, PC_FW_NOTPL, 1);
}
/* "we've", "she's" (lower case, ’ written '): a subject pronoun with its
 * contracted auxiliary (data: subj); the length of the pronoun before
 * the apostrophe, 0 for any other word. */
static inline size_t pc_att_clitic_cut(const struct analysis *a,
                                       const char *w) {
  const char *ap = strchr(w, '\'');
  return ap && ap > w && ap - w <= 4 && fw_is(a, w, PC_FW_SUBJ)
             ? (size_t)(ap - w)
             : 0;
}
size_t pc_att_sentence_end(const struct analysis *a, size_t t0, size_t t1,
                           size_t sp0, size_t sp1);
void pc_att_mark_cues(struct analysis *a, size_t t0);
bool pc_att_clausal_after(const struct analysis *a, size_t j, size_t t1);
/* Where a title written right before word k starts, not before lo: "Mr."
 * (two tokens) or "Mr" (one; data: honorifics); k when there is none. */
size_t pc_att_title_start(const struct analysis *a, size_t lo, size_t k);
/* Whether the block around token i is in title case ("Trump Says He
 * Will Win"): a headline, whose capitalised verbs are still verbs. */
bool pc_att_title_case(const struct analysis *a, size_t i);

/* entities.c */
void pc_att_entities(struct analysis *a);
void pc_att_map_free(struct strmap *m);
int pc_att_org_word(struct analysis *a, size_t k);

/* speakers.c */
char *pc_att_np_text(const struct analysis *a, size_t t0, size_t t1);
const char *pc_att_clean_role(const struct analysis *a, const char *name,
                              const char *role);
int pc_att_last_person_g(const struct analysis *a, size_t i, int gender);
void pc_att_index_persons(struct analysis *a);
struct speaker_ref pc_att_resolve_np(struct analysis *a, size_t n0, size_t n1);
size_t pc_att_title_after(const struct analysis *a, size_t n0, size_t n1);
size_t pc_att_np_start(const struct analysis *a, size_t lo, size_t end);
size_t pc_att_skip_adverbs(const struct analysis *a, size_t lo, size_t at);
/* Whether word i is a unit of time in lower case, singular or plural
 * ("week", "months", "days"). */
bool pc_att_time_unit(const struct analysis *a, size_t i);
/* "Gov. Jane Roe (R-Ohio)": the end of the phrase before a short
 * parenthesis that ends at e, or e. */
size_t pc_att_paren_tag(const struct analysis *a, size_t lo, size_t e);
struct speaker_ref pc_att_speaker_left(struct analysis *a, size_t lo, size_t c);

/* speech.c */
int pc_att_push_quote(struct analysis *a, uint32_t block, uint32_t s,
                      uint32_t e, pc_quote_kind kind,
                      const struct speaker_ref *w, const char *cue,
                      int parent, size_t t0, size_t t1);
void pc_att_speech_in(struct analysis *a, size_t t0, size_t t1, size_t sp0,
                      size_t sp1, int parent, int depth);
void pc_att_speech_in_quote(struct analysis *a, size_t sp, int q);
/* A headline's "Label: words" with a label naming a person or an
 * organisation: one quote of the words; true when it found one. */
bool pc_att_headline_label(struct analysis *a, size_t t0, size_t t1);

/* spans.c: quoted spans no cue reported, after speech_in */
void pc_att_spans_in(struct analysis *a, size_t t0, size_t t1, size_t q0);
/* Text in a language no lexicon reads: each quotation's speaker by the
 * shapes that need no words of the language ('„…“, sagte Neubauer',
 * 'Rohde: „…“'). */
void pc_att_foreign_speakers(struct analysis *a);
/* The same for a headline: a quotation that opens it, before a colon or
 * an attribution ("‘...’: Mayor vows", "‘...,’ exec says") */
void pc_att_title_spans_in(struct analysis *a, size_t t0, size_t t1,
                           size_t q0);
/* Whether quoted span si is a title inside a noun phrase ("the show
 * “Night Court,” said"), not a quotation. */
bool pc_att_title_span(const struct analysis *a, size_t si);
/* Whether quoted span si holds a title's words: up to max words, each
 * one of more than three letters capitalised. */
bool pc_att_title_words(const struct analysis *a, size_t si, size_t max);

/* transcript.c */
void pc_att_transcript(struct analysis *a, bool *turn);
/* paragraphs quoted from the source named on a line after them */
void pc_att_source_lines(struct analysis *a);

/* claims.c */
void pc_att_claims_in(struct analysis *a, size_t t0, size_t t1);
void pc_att_rebuttals_in(struct analysis *a, size_t t0, size_t t1);

#endif
