/* lexicon.h - language knowledge for attribution: the files of
 * data/<lang>/ (speech cues, roles, pronouns, claims, names, function
 * words) as phrase lists hashed by their first word.  lexicon.c reads
 * them; the attribution stage only looks them up. */
#ifndef PC_LEXICON_H
#define PC_LEXICON_H

#include "lang.h"

/* Categories of data/<lang>/function-words.txt. */
enum { PC_FW_STOP, PC_FW_DET, PC_FW_PREP, PC_FW_AUX, PC_FW_CAP, PC_FW_ORG,
       PC_FW_SUB, PC_FW_CONJ, PC_FW_CONTRAST, PC_FW_NEG, PC_FW_INF,
       PC_FW_HEDGE, PC_FW_TELL, PC_FW_OBJM, PC_FW_OBJF, PC_FW_AFTER,
       PC_FW_SUBJ, PC_FW_ORD, PC_FW_PTCP, PC_FW_PASS, PC_FW_POSS, PC_FW_REL, PC_FW_PART, PC_FW_GEN, PC_FW_PL, PC_FW_NOTPL,
       PC_FW_AGENT, PC_FW_CHARGE, PC_FW_FALSE, PC_FW_REBUT,
       PC_FW_VENUE, PC_FW_FIN, PC_FW_QUANT, PC_FW_NUM, PC_FW_WHEN, PC_FW_VPAST, PC_FW_CTL,
       PC_FW_TUNIT, PC_FW_MODAL, PC_FW_OBLIG, PC_FW_TRY, PC_FW_LABEL, PC_FW_LEAD,
       PC_FW_NTAIL, PC_FW_MAKE, PC_FW_PADJ, PC_FW_APPROX,
       PC_FW_FOCUS, PC_FW_CLMOD, PC_FW_CLNOGER, PC_FW_WH, PC_FW_PEOPLE,
       PC_FW_FIRM, PC_FW_PAIR, PC_FW_DOER, PC_FW_PARTOF, PC_FW_PRT,
       PC_FW_DEM, PC_FW_BODY, PC_FW_QWORD, PC_FW_DOC, PC_FW_BY, PC_FW_THING,
       PC_FW_IPAST, PC_FW_COUNT,
       /* categories read as lists only (in_list on fw[k]), no mask bit */
       PC_FW_PAST = PC_FW_COUNT, PC_FW_INDEF, PC_FW_AT, PC_FW_MEDIUM,
       PC_FW_FEMALE, PC_FW_MALE, PC_FW_FEEL, PC_FW_DUTY, PC_FW_ANYONE,
       PC_FW_FORGO, PC_FW_FORGOP, PC_FW_REP, PC_FW_FLOAT, PC_FW_IMP,
       PC_FW_NOBODY, PC_FW_MUTE, PC_FW_DEGREE, PC_FW_CMP, PC_FW_THINK,
       PC_FW_PEER, PC_FW_ORGPART, PC_FW_FIRST, PC_FW_NUMAB, PC_FW_QWH,
       PC_FW_NOMERIT, PC_FW_BACKS, PC_FW_LISTS };
/* a word's categories below PC_FW_COUNT are one uint64_t (pc_lex_fw) */
_Static_assert(PC_FW_COUNT <= 64, "function-word categories over 64");

/* Marks of a cue (struct pc_phrase tag in pc_lex.cues; data/en/cues.txt). */
enum { PC_CUE_WEAK = 1,  /* a form that is also a common noun */
       PC_CUE_QREQ = 2,  /* reports only words in quotation marks */
       PC_CUE_CREQ = 4,  /* speech only with a clausal or quoted complement */
       PC_CUE_NOUN = 8,  /* a speech noun ("statement") */
       PC_CUE_NOT = 16,  /* a sense of the verb that is no speech */
       PC_CUE_ASPECT = 32 }; /* an aspectual verb ("continue"): speech
                                through the verb after it or its own
                                complement */

#define PC_CLAIM_HASH 4096u /* slots: at most half filled by claims.txt's anchors */

/* A phrase of lower-cased words ("told the press"). */
struct pc_phrase {
  char **w;
  size_t n;
  int tag;          /* file-specific: gender, polarity, entity type... */
  int claimant;     /* claims: 0 speaker, 1 subject, 2 self */
  char *name;       /* countries, groups: the display name */
  char *code;       /* countries: ISO 3166 alpha-3 */
  size_t len0;      /* strlen(w[0]), 0 when n is 0 */
  /* claims: per word, a bit per first byte (& 63) of the words it
   * matches (pc_claim_first_bytes); NULL in other lists */
  uint64_t *wfirst;
  /* claims: per word, a bit per length (bytes, & 63) of the words it
   * matches (pc_claim_lengths); in wfirst's allocation, NULL with it */
  uint64_t *wlen;
  /* claims: per word in turn, how many bits (pc_claim_seen_bit) of the
   * words it matches follow, then those; 0 and none for a word that
   * matches words unlisted (pc_claim_seen_bits); NULL in other lists */
  uint16_t *wseen;
};

struct pc_phrase_list {
  struct pc_phrase *p;
  size_t n, cap;
  /* after sorting: open-addressing hash of the distinct first words, each
   * slot the index + 1 of the first phrase with that word (0: empty), so
   * that a look-up costs one probe, not a binary search */
  uint32_t *first;
  /* per slot: the index after the last phrase with that first word, and
   * the word's pc_lex_hash (a probe compares it before the words) */
  uint32_t *first_end, *first_hash;
  size_t first_cap; /* power of two, 0 when not built */
  /* a bit per hash of the first words, 8 * first_cap bits: most words
   * start no phrase, and a clear bit says so without a probe */
  uint64_t *first_bits;
};

/* Whether a word of pc_lex_hash h may start a phrase of sorted list l
 * (false: it starts none). */
static inline bool pc_lex_may_start(const struct pc_phrase_list *l,
                                    uint32_t h) {
  if (!l->first_cap)
    return l->n > 0;
  uint32_t b = (h ^ (h >> 15)) & (uint32_t)(8 * l->first_cap - 1);
  return (l->first_bits[b / 64] >> (b % 64)) & 1u;
}

/* Language knowledge for attribution: the files of data/<lang>/. */
struct pc_lex {
  char lang[8]; /* the data folder it came from: "en" */
  struct pc_phrase_list cues, frames, pronouns, roles, honorifics, claims,
      names, /* names: countries (tag 5) and groups/orgs (tag 2, 3) */
      given, /* given names, tag 'f' or 'm' */
      comps, /* complementizers: "that" */
      members, /* members of a party or the public: "Republicans" */
      heads,   /* last words that type a name: "County" p, "PAC" o */
      inflections; /* irregular forms: w[0] the lemma, then its forms */
  struct pc_phrase_list fw[PC_FW_LISTS]; /* function-words.txt, by category */
  /* every function word once, with the bit mask of its categories: one
   * hash probe answers "is w a stop word / determiner / ..." */
  const char **fw_key; /* borrowed from fw[] */
  uint64_t *fw_val;
  uint32_t *fw_hash;  /* pc_lex_hash of fw_key[] */
  size_t fw_cap;      /* power of two */
  /* claims by first literal word: w borrowed, langs = index in claims */
  struct pc_word *claim_first;
  size_t nclaim_first;
  /* open-addressing hash of the distinct first words: index + 1 of the
   * first claim_first entry with that word, 0 for empty */
  uint16_t claim_hash[PC_CLAIM_HASH];
  uint16_t claim_end[PC_CLAIM_HASH]; /* per slot: after its word's last entry */
  uint32_t claim_h[PC_CLAIM_HASH];   /* per slot: pc_lex_hash of its word */
  uint64_t claim_bits[PC_CLAIM_HASH / 8]; /* a bit per hash of the words */
  /* per first two letters of the lemma anchors ("blame~", slot
   * pc_claim_stem_bit), a bit per third byte (& 31) of those that start
   * so: a word whose keys have none is no form of one
   * (pc_claim_may_be_form) */
  uint32_t claim_stem[1024];
  /* a bit per pc_lex_hash of the first word of every frame (& 1023): a
   * word whose bit is clear starts no frame (pc_lex_frame_may_start) */
  uint64_t frame_first[16];
};

static inline bool pc_lex_frame_may_start(const struct pc_lex *lex,
                                          uint32_t h) {
  return (lex->frame_first[(h & 1023u) / 64] >> (h & 63u)) & 1u;
}

static inline unsigned pc_claim_stem_bit(const char *w) {
  return ((unsigned char)w[0] * 31u + (unsigned char)w[1]) & 1023u;
}

/* Whether the lower-cased word w may be a form of a lemma anchor: a key
 * made of it (claims.c lemma_keys) is its stem of two bytes or more, what
 * comes back ("e", "y") and "~", so the key's first two bytes are w's and
 * its third w's third (a stem of three or more), 'e', 'y' or '~'. */
static inline bool pc_claim_may_be_form(const struct pc_lex *lex,
                                        const char *w) {
  uint32_t third = lex->claim_stem[pc_claim_stem_bit(w)];
  return third & ((1u << (w[2] & 31)) | (1u << ('e' & 31)) |
                  (1u << ('y' & 31)) | (1u << ('~' & 31)));
}

/* FNV-1a of a word's bytes; a word's hash may also be built a byte at a
 * time (PC_LEX_HASH0, then pc_lex_hash_step per byte), as the tokenizer
 * and the lemma keys of claims do. */
#define PC_LEX_HASH0 2166136261u
static inline uint32_t pc_lex_hash_step(uint32_t h, unsigned char c) {
  return (h ^ c) * 16777619u;
}
uint32_t pc_lex_hash(const char *s);

/* The word of a claims pattern it is looked up by: its longest literal
 * word that is not a set of alternatives ("was|were"), the first of
 * equals; "blame~" stands for the lemma's forms.  p->n when none. */
size_t pc_claim_anchor(const struct pc_phrase *p);

/* A bit per first byte (& 63) a text word matching the claims pattern
 * word w may have: of each alternative ("was|were"), of a lemma's stem
 * ("blame~"), every byte for a suffix ("*ing").  A word whose first byte
 * has no bit matches none of them. */
uint64_t pc_claim_first_bytes(const char *w);
uint64_t pc_claim_lengths(const char *w);

/* A sentence's bit set of the hashes of its words, PC_CLAIM_SEEN bits
 * long, a bit per word at pc_claim_seen_bit. */
#define PC_CLAIM_SEEN 8192u
static inline unsigned pc_claim_seen_bit(uint32_t h) {
  return (h ^ (h >> 16)) & (PC_CLAIM_SEEN - 1);
}
/* Writes to out the bits of the words the claims.txt word w matches:
 * how many, then each alternative's ("was|were"), then each one's with
 * "n't" (a pattern word matches an auxiliary with its negation: "wasn't"
 * as "was"; a token writes "n’t" as "n't"); only a 0 when one is a lemma
 * ("blame~"), a suffix ("*ing") or the empty word, which match words
 * unlisted.  out has room for the count and 2 per alternative.  Returns
 * how many were written. */
size_t pc_claim_seen_bits(const char *w, uint16_t *out);

/* Categories (bit 1 << PC_FW_...) the word w belongs to. */
uint64_t pc_lex_fw(const struct pc_lex *lex, const char *w);
/* The same for w whose pc_lex_hash is h (computed once per token). */
uint64_t pc_lex_fw_h(const struct pc_lex *lex, const char *w, uint32_t h);

/* The phrases of a sorted list whose first word is w: [return, *end). */
size_t pc_lex_first(const struct pc_phrase_list *l, const char *w,
                    size_t *end);
/* The same for w whose pc_lex_hash is h. */
size_t pc_lex_first_h(const struct pc_phrase_list *l, const char *w,
                      uint32_t h, size_t *end);

/* Whether a word of pc_lex_hash h may anchor a claims pattern (false:
 * it anchors none). */
static inline bool pc_lex_claim_may_anchor(const struct pc_lex *lex,
                                           uint32_t h) {
  uint32_t b = (h ^ (h >> 15)) & (PC_CLAIM_HASH * 8u - 1);
  return (lex->claim_bits[b / 64] >> (b % 64)) & 1u;
}

/* The entries of claim_first whose word is w (pc_lex_hash h):
 * [return, *end). */
size_t pc_lex_claim_first(const struct pc_lex *lex, const char *w, uint32_t h,
                          size_t *end);

/* Loads data/<lang>/ (every file there must exist, built in or in
 * data_dir). */
pc_status pc_lex_load(const char *data_dir, const char *lang,
                      struct pc_lex *lex, pc_error *err);
void pc_lex_free(struct pc_lex *lex);

#endif
