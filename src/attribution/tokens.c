/*
 * tokens.c - the first passes of attribution, and the lexicon matching
 * they and the later passes use.
 *  1. tokens - each text block becomes words, punctuation and quotation
 *              marks (every typographic style), with byte offsets.
 *  2. spans  - quotation marks are paired into quoted spans; one left open
 *              at a paragraph's end runs to that end.
 * Sentences are found here too: at end punctuation outside quoted spans.
 */
#include "analysis.h"

#include <utf8proc.h>

/*** tokens ****************************************************************/

/* pc_utf8_decode, pc_uni_is_word and pc_uni_is_space with ASCII inline:
 * most news text is ASCII, and these run at every byte. */
static inline size_t decode(const unsigned char *p, size_t n, uint32_t *cp) {
  if (n && p[0] < 0x80) {
    *cp = p[0];
    return 1;
  }
  return pc_utf8_decode(p, n, cp);
}

static inline bool word_cp(uint32_t cp) {
  return cp < 0x80 ? pc_ascii_is_word(cp) : pc_uni_is_word(cp);
}

static inline bool space_cp(uint32_t cp) {
  return cp < 0x80 ? pc_ascii_is_space(cp) : pc_uni_is_space(cp);
}

static bool is_upper_cp(uint32_t cp) {
  if (cp < 0x80)
    return cp >= 'A' && cp <= 'Z';
  return cp >= 0xC0 && pc_uni_is_word(cp) &&
         (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp) != cp;
}

/* Which quotation mark (if any) starts at p: returns its byte length and
 * says whether it may open or close a quotation. */
static size_t qmark(const unsigned char *p, size_t n, bool *may_open,
                    bool *may_close, bool *single) {
  *may_open = *may_close = *single = false;
  /* every mark starts with one of these bytes: the rest of the text
   * (letters, spaces) is done with at once */
  if (p[0] != '"' && p[0] != '\'' && p[0] != '`' && p[0] != 0xC2 &&
      p[0] != 0xE2)
    return 0;
  /* two single marks written for a double one (wire copy: “…’’, ``…'') */
  if (n >= 6 && p[0] == 0xE2 && p[1] == 0x80 && p[3] == 0xE2 &&
      p[4] == 0x80 && p[2] == p[5] && (p[2] == 0x98 || p[2] == 0x99)) {
    *may_open = p[2] == 0x98;
    *may_close = p[2] == 0x99;
    return 6;
  }
  if (n >= 2 && p[0] == p[1] && (p[0] == '`' || p[0] == '\'')) {
    *may_open = true;
    *may_close = p[0] == '\'';
    return 2;
  }
  if (p[0] == '"') {
    *may_open = *may_close = true;
    return 1;
  }
  if (n >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) { /* « » */
    *may_open = p[1] == 0xAB;
    *may_close = p[1] == 0xBB;
    return 2;
  }
  if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80) {
    switch (p[2]) {
    case 0x9C:
      *may_open = true;
      *may_close = true;
      return 3; /* “ (also „…“) */
    case 0x9D: *may_close = true; return 3;                   /* ” */
    case 0x9E: *may_open = true; return 3;                    /* „ */
    case 0xB9: *may_open = true; *single = true; return 3;    /* ‹ */
    case 0xBA: *may_close = true; *single = true; return 3;   /* › */
    case 0x98: *may_open = true; *single = true; return 3;    /* ‘ */
    case 0x99: *may_close = true; *single = true; return 3;   /* ’ */
    default: break;
    }
  }
  return 0;
}

/* The slot of the next token, cleared, not counted yet (NULL: out of
 * memory): ascii_word reads a word straight into it and counts it only
 * when the word is of its kind.  Inline: it runs at every token. */
static inline struct token *token_slot(struct analysis *a) {
  GROW(a, t, nt, capt);
  if (a->oom)
    return NULL;
  struct token *k = &a->t[a->nt];
  memset(k, 0, sizeof *k);
  k->ent = k->in_span = k->opens = -1;
  return k;
}

/* A new token [s, e) of the block, its word not read yet (NULL: out of
 * memory). */
static inline struct token *new_token(struct analysis *a, uint32_t block,
                                      uint32_t s, uint32_t e, uint8_t type) {
  struct token *k = token_slot(a);
  if (!k)
    return NULL;
  a->nt++;
  k->s = s, k->e = e, k->block = block, k->type = type;
  return k;
}

static void add_token(struct analysis *a, uint32_t block, uint32_t s,
                      uint32_t e, uint8_t type) {
  struct token *k = new_token(a, block, s, e, type);
  if (!k)
    return;
  const char *txt = btext(a, block);
  unsigned char c0 = (unsigned char)txt[s];
  if (e == s + 1 && c0 < 0x80 && type != T_WORD) { /* "," "." "(": most */
    unsigned char c = (unsigned)(c0 - 'A') < 26u ? c0 + 32 : c0;
    k->low[0] = (char)c;
    k->hash = pc_lex_hash_step(PC_LEX_HASH0, c);
    k->memo = M_HASH;
    return;
  }
  uint32_t cp = 0;
  decode((const unsigned char *)txt + s, e - s, &cp);
  if (type == T_WORD && is_upper_cp(cp))
    k->flags |= F_CAP;
  /* lower case straight into the token: no allocation per word; every
   * token's hash is asked for (token_hash), so it is built on the way */
  const unsigned char *p = (const unsigned char *)txt + s;
  size_t n = e - s, j = 0, i = 0;
  size_t lim = n < sizeof k->low - 1 ? n : sizeof k->low - 1;
  uint32_t h = PC_LEX_HASH0;
  for (; i < lim && p[i] < 0x80; i++) { /* ASCII first, byte for byte */
    unsigned char c = p[i];
    if ((unsigned)(c - 'A') < 26u)
      c += 32;
    k->low[i] = (char)c;
    h = pc_lex_hash_step(h, c);
  }
  size_t ascii = j = i;
  while (i < n && j + 1 < sizeof k->low) {
    if (p[i] < 0x80) {
      k->low[j++] = (char)((p[i] >= 'A' && p[i] <= 'Z') ? p[i] + 32 : p[i]);
      i++;
      continue;
    }
    uint32_t c;
    size_t len = pc_utf8_decode(p + i, n - i, &c);
    if (!len)
      break;
    i += len;
    if (c == 0x2019) { /* ’ compares as ' */
      k->low[j++] = '\'';
      continue;
    }
    char enc[4];
    utf8proc_ssize_t el = utf8proc_encode_char(
        utf8proc_tolower((utf8proc_int32_t)c), (utf8proc_uint8_t *)enc);
    if (el <= 0 || j + (size_t)el + 1 > sizeof k->low)
      break;
    memcpy(k->low + j, enc, (size_t)el);
    j += (size_t)el;
  }
  k->low[j] = '\0';
  for (; ascii < j; ascii++) /* the rest of the hash, after non-ASCII */
    h = pc_lex_hash_step(h, (unsigned char)k->low[ascii]);
  k->hash = h;
  k->memo = M_HASH;
}

/* "attacked the town in May", "spoke with Will": a modal or auxiliary
 * (data: fin) written with a capital right after a lower-case
 * preposition is a name, a month's or a person's, no verb: the word k,
 * not a sentence's first, loses the category "fin". */
static void named_modal(struct analysis *a, struct token *k) {
  const struct token *p = k - 1;
  if (p->type != T_WORD || (p->flags & F_CAP) ||
      !fw_is(a, k->low, PC_FW_FIN) || !fw_is(a, p->low, PC_FW_PREP))
    return;
  k->fw &= ~((uint64_t)1 << PC_FW_FIN); /* fw_is filled k->fw */
}

/* Words keep inner apostrophes, hyphens and dots ("wasn't", "ISIS-K",
 * "U.S"); quotation marks and other punctuation are tokens of their own. */
void pc_att_mark_sentence_starts(struct analysis *a, size_t t0) {
  bool start = true;
  /* the array and its count in locals: a write to a token's flags (a
   * byte) might alias them, and they would be read again at every token */
  struct token *t = a->t;
  size_t nt = a->nt;
  for (size_t i = t0; i < nt; i++) {
    struct token *k = &t[i];
    if (k->type == T_WORD) {
      if (start)
        k->flags |= F_SENT;
      else if ((k->flags & F_CAP) && i > t0)
        named_modal(a, k);
      start = false;
    } else if (is_end_punct(k)) {
      start = true;
    }
  }
}

/* Room for the tokens of the whole document at once, a token for every
 * four bytes of its text (news text has one for every five or six):
 * growing the array block by block copied it again and again.  A huge
 * document starts with room for 64k tokens and grows from there. */
static void reserve_tokens(struct analysis *a) {
  size_t bytes = 0;
  for (size_t b = 0; b < a->doc->nblocks; b++)
    bytes += a->doc->blocks[b].content.len;
  size_t cap = bytes / 4 + 64;
  if (cap > 65536)
    cap = 65536;
  struct token *t = malloc(cap * sizeof *t);
  if (t) { /* else GROW tries, and says when memory is out */
    a->t = t;
    a->capt = cap;
  }
}

/* "said.Trump": a point glued between a lower-case word of three letters
 * or more and a capitalised one ends a sentence (not "U.S", "e.g",
 * "St.Louis"): the word [i, j) ends before it.  c2 is the character at
 * j, c3 the one after it. */
static bool glued_sentence(const unsigned char *p, size_t i, size_t j,
                           uint32_t c2, uint32_t c3) {
  if (c2 != '.' || !is_upper_cp(c3) || j < i + 3)
    return false;
  for (size_t k = j - 3; k < j; k++)
    if (p[k] < 'a' || p[k] > 'z')
      return false;
  return true;
}

/* Whether the text q (n bytes, right after a ’) goes on as a noun
 * phrase does after a possessive: a space and a letter ("voters’
 * mood"), not a closing mark or punctuation. */
static bool possessive_follows(const unsigned char *q, size_t n) {
  uint32_t c;
  size_t k = n ? decode(q, n, &c) : 0;
  if (!k || c != ' ')
    return false;
  size_t k2 = n > k ? decode(q + k, n - k, &c) : 0;
  return k2 && word_cp(c);
}

/* An ASCII letter, digit or '_': most bytes of a word, told apart with
 * one comparison for the letters. */
static inline bool ascii_word_byte(unsigned char b) {
  return (unsigned)((b | 32) - 'a') < 26u || (unsigned)(b - '0') < 10u ||
         b == '_';
}

/* Where the word that starts at i, its first character ending at j, ends
 * (n: the text's length).  single_open: a ‘ mark is not closed yet;
 * straight_open: a straight ' that may quote is not closed yet. */
static size_t word_end(const unsigned char *p, size_t i, size_t j, size_t n,
                       bool single_open, bool straight_open) {
  while (j < n) {
    if (ascii_word_byte(p[j])) {
      j++; /* ASCII letters: no decoding */
      continue;
    }
    uint32_t c2;
    size_t k2 = decode(p + j, n - j, &c2);
    if (k2 && word_cp(c2)) {
      j += k2;
      continue;
    }
    /* inner ' ’ - . followed by a word character */
    if (k2 && (c2 == '\'' || c2 == 0x2019 || c2 == '-' || c2 == '.' ||
               c2 == 0x2010)) {
      uint32_t c3;
      size_t k3 = j + k2 < n ? decode(p + j + k2, n - j - k2, &c3) : 0;
      if (k3 && word_cp(c3) && !glued_sentence(p, i, j, c2, c3)) {
        j += k2 + k3;
        continue;
      }
    }
    /* "the voters’ mood", "Sanders' campaign": the apostrophe of a
     * plural possessive is part of the word, unless a single mark is
     * open */
    if (k2 &&
        ((c2 == 0x2019 && !single_open) || (c2 == '\'' && !straight_open)) &&
        j > i &&
        (p[j - 1] == 's' || p[j - 1] == 'S') &&
        possessive_follows(p + j + k2, n - j - k2))
      j += k2;
    break;
  }
  return j;
}

/* An ASCII letter, digit or '_' after an inner ' - or . makes it part of
 * the word (word_end), as any character past ASCII may. */
static bool may_go_on(const unsigned char *p, size_t j, size_t n) {
  return j + 1 < n && (p[j + 1] >= 0x80 || ascii_word_byte(p[j + 1]));
}

/* An ASCII word byte in lower case, 0 for any other byte (and for every
 * byte past ASCII): one load per byte in the scan of most words
 * (ascii_word_byte, lower-cased). */
#define LW4(c) LW(c), LW((c) + 1), LW((c) + 2), LW((c) + 3)
#define LW16(c) LW4(c), LW4((c) + 4), LW4((c) + 8), LW4((c) + 12)
#define LW(c)                                                                  \
  ((c) >= 'A' && (c) <= 'Z'   ? (c) + 32                                       \
   : ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') || (c) == '_'   \
       ? (c)                                                                   \
       : 0)
static const unsigned char low_word_byte[256] = {
    LW16(0), LW16(16), LW16(32), LW16(48), LW16(64), LW16(80), LW16(96),
    LW16(112)}; /* 128-255: 0 */
#undef LW
#undef LW16
#undef LW4

/* Most words are ASCII letters and digits ended by a space or plain
 * punctuation: such a word [i, ...) is scanned, lower-cased and hashed in
 * one pass and added; returns its end.  0: the word is another kind (a
 * character past ASCII, an inner ' - . before more word, longer than a
 * token's low), for word_end and add_token, and nothing was added. */
static size_t ascii_word(struct analysis *a, uint32_t block,
                         const unsigned char *p, size_t i, size_t n) {
  struct token *k = token_slot(a); /* the word goes straight into it */
  if (!k)
    return 0;
  char *low = k->low;
  uint32_t h = PC_LEX_HASH0;
  size_t j = i;
  size_t lim = n - i < sizeof k->low ? n : i + sizeof k->low - 1;
  unsigned char c;
  for (; j < lim && (c = low_word_byte[p[j]]) != 0; j++) {
    low[j - i] = (char)c;
    h = pc_lex_hash_step(h, c);
  }
  if (j == i + sizeof k->low - 1 && j < n && ascii_word_byte(p[j]))
    return 0; /* longer than a token's low */
  /* (a straight ' may also end a plural possessive: word_end) */
  if (j < n && (p[j] >= 0x80 || p[j] == '\'' ||
                ((p[j] == '-' || p[j] == '.') && may_go_on(p, j, n))))
    return 0;
  low[j - i] = '\0'; /* counted: as add_token would have read it */
  a->nt++;
  k->s = (uint32_t)i, k->e = (uint32_t)j, k->block = block, k->type = T_WORD;
  k->hash = h;
  k->memo = M_HASH;
  if (p[i] >= 'A' && p[i] <= 'Z')
    k->flags |= F_CAP;
  return j;
}

/* Whether the text at p (n bytes) opens with a word character. */
static bool word_after(const unsigned char *p, size_t n) {
  uint32_t cp;
  return n && decode(p, n, &cp) && word_cp(cp);
}

/* "a '' string literal", "write b'' or u''": two straight single marks
 * with nothing quoted between them, after a word and a space (or a
 * one-letter lower-case prefix after those) and before a space or
 * punctuation, are an empty string literal of code, no quotation mark. */
static bool empty_literal(const unsigned char *p, size_t i, size_t n) {
  if (i + 1 >= n || p[i] != '\'' || p[i + 1] != '\'')
    return false;
  if (i + 2 < n && (ascii_word_byte(p[i + 2]) || p[i + 2] >= 0x80 ||
                    p[i + 2] == '\''))
    return false;
  size_t b = i;
  if (b > 0 && p[b - 1] >= 'a' && p[b - 1] <= 'z')
    b--; /* the prefix letter: b'' u'' r'' */
  /* after a word and a space: wire copy closes after punctuation and a
   * space ("coalitions, '' said", "'Manhattan poor,' '' she said") */
  return b >= 2 && (p[b - 1] == ' ' || p[b - 1] == '(') &&
         (ascii_word_byte(p[b - 2]) || p[b - 2] >= 0x80);
}

static void tokenize(struct analysis *a, uint32_t block, const char *text,
                     size_t n) {
  const unsigned char *p = (const unsigned char *)text;
  size_t i = 0, nt0 = a->nt;
  bool single_open = false; /* a ‘ mark not closed yet */
  /* a straight ' before a word in this sentence, not closed yet: it may
   * quote ('a total failure'), and a ' after a word then closes it */
  bool straight_open = false;
  if (!a->t)
    reserve_tokens(a);
  while (i < n && !a->oom) {
    if (p[i] == ' ') { /* most bytes between words */
      i++;
      continue;
    }
    uint32_t cp;
    size_t k = decode(p + i, n - i, &cp);
    if (!k) {
      i++;
      continue;
    }
    if (space_cp(cp) || cp == 0xA0) {
      i += k;
      continue;
    }
    /* a word first: no quotation mark starts with a word character */
    if (word_cp(cp)) {
      size_t j = cp < 0x80 ? ascii_word(a, block, p, i, n) : 0;
      if (!j) {
        j = word_end(p, i, i + k, n, single_open, straight_open);
        add_token(a, block, (uint32_t)i, (uint32_t)j, T_WORD);
      }
      i = j;
      continue;
    }
    /* "on 'Fox and Friends,''' said": a straight single mark opened
     * before a word closes first; the two marks after it close the
     * quotation (wire copy writes a double mark as two single ones) */
    if (straight_open && cp == '\'' && i + 2 < n && p[i + 1] == '\'' &&
        p[i + 2] == '\'') {
      straight_open = false;
      add_token(a, block, (uint32_t)i, (uint32_t)(i + 1), T_PUNCT);
      i++;
      continue;
    }
    if (cp == '\'' && empty_literal(p, i, n)) {
      add_token(a, block, (uint32_t)i, (uint32_t)(i + 2), T_PUNCT);
      i += 2;
      continue;
    }
    bool mo, mc, single;
    size_t qm = qmark(p + i, n - i, &mo, &mc, &single);
    /* '”Fear. I am afraid ...” ― Name': a closing double mark that opens
     * the paragraph closes nothing; it is an opening one mistyped */
    if (qm && a->nt == nt0 && mc && !mo && !single) {
      mo = true;
      mc = false;
    }
    /* 'said: ”Bird flu ...”': a closing double mark after a space and
     * before a word may be an opening one mistyped; pairing decides */
    if (qm && mc && !mo && !single && i > 0 && space_cp(p[i - 1]) &&
        word_after(p + i + qm, n - i - qm))
      mo = true;
    if (qm) {
      if (single)
        single_open = mo && !mc;
      add_token(a, block, (uint32_t)i, (uint32_t)(i + qm),
                mo && !mc ? T_QOPEN : mc && !mo ? T_QCLOSE : T_QOPEN);
      /* ambiguous marks (" “) are decided when pairing */
      a->t[a->nt - 1].flags |= (uint8_t)((mo && mc) ? F_EITHER : 0) |
                               (uint8_t)(single ? F_SINGLE : 0);
      i += qm;
    } else {
      if (cp == '\'')
        straight_open = i == 0 || space_cp(p[i - 1]);
      else if (cp == '.' || cp == '!' || cp == '?')
        straight_open = false;
      add_token(a, block, (uint32_t)i, (uint32_t)(i + k), T_PUNCT);
      i += k;
    }
  }
}

void pc_att_tokenize_block(struct analysis *a, uint32_t block) {
  const pc_text *tx = &a->doc->blocks[block].content;
  tokenize(a, block, tx->text, tx->len);
}

/* "'We will rebuild': Mayor vows ...": a headline writes single marks
 * as apostrophes too.  One that opens a word after a space or at the
 * start is an opening single mark, one right after a word before a
 * space, punctuation or the end a closing one (pair_singles pairs them;
 * a plural's possessive left alone pairs with nothing). */
static void title_apostrophes(struct analysis *a, size_t t0) {
  const char *tx = a->title;
  size_t n = strlen(tx);
  for (size_t i = t0; i < a->nt; i++) {
    struct token *k = &a->t[i];
    if (k->type != T_PUNCT || strcmp(k->low, "'") != 0)
      continue;
    bool before = k->s > 0 && tx[k->s - 1] != ' ';
    bool after = k->e < n && tx[k->e] != ' ';
    bool word_after = i + 1 < a->nt && a->t[i + 1].type == T_WORD &&
                      a->t[i + 1].s == k->e;
    /* (or a comma or a stop inside: "'We won,' Roe says") */
    const struct token *p = i > t0 ? &a->t[i - 1] : NULL;
    bool word_before = p && p->e == k->s &&
                       (p->type == T_WORD || is_punct(p, ",") ||
                        is_end_punct(p));
    if (!before && word_after)
      k->type = T_QOPEN;
    else if (word_before && !(after && a->t[i + 1].type == T_WORD))
      k->type = T_QCLOSE;
    else
      continue;
    k->flags |= F_SINGLE;
  }
}

void pc_att_tokenize_title(struct analysis *a) {
  size_t t0 = a->nt;
  tokenize(a, (uint32_t)a->doc->nblocks + TITLE_GAP, a->title,
           strlen(a->title));
  title_apostrophes(a, t0);
}

/*** spans *****************************************************************/

static void add_span(struct analysis *a, size_t open, size_t i) {
  GROW(a, sp, nsp, capsp);
  if (a->oom)
    return;
  struct quoted_span *sp = &a->sp[a->nsp++];
  sp->o = open, sp->c = i, sp->block = a->t[i].block;
  sp->s = a->t[open].e, sp->e = a->t[i].s;
  sp->closed = true;
  sp->upper = open + 1 < i && (a->t[open + 1].flags & F_CAP);
  a->t[open].opens = (int)(a->nsp - 1);
  for (size_t k2 = open + 1; k2 < i; k2++)
    a->t[k2].in_span = (int)(a->nsp - 1);
}

/* A headline quotes in single marks ("Mayor calls plan ‘a disgrace’"):
 * in the title, a single opening mark outside a span pairs with the next
 * single closing one.  A mark left open pairs with nothing: it may be an
 * apostrophe. */
static void pair_singles(struct analysis *a, size_t t0, size_t t1) {
  size_t open = (size_t)-1;
  for (size_t i = t0; i < t1 && !a->oom; i++) {
    struct token *k = &a->t[i];
    if (!(k->flags & F_SINGLE) || k->in_span >= 0 || k->opens >= 0)
      continue;
    if (k->type == T_QOPEN && !(k->flags & F_EITHER)) {
      open = i;
    } else if (k->type == T_QCLOSE && open != (size_t)-1) {
      add_span(a, open, i);
      open = (size_t)-1;
    }
  }
}

/* Pairs the quotation marks of one block [t0, t1).  Double marks pair
 * with double marks; single ones only nest inside a double pair (an
 * apostrophe is never taken for one outside), but in a headline.  A mark
 * left open runs to the block's end. */
void pc_att_pair_block(struct analysis *a, size_t t0, size_t t1) {
  size_t open = (size_t)-1, nsp0 = a->nsp;
  struct token *t = a->t; /* in a local: see pc_att_mark_sentence_starts */
  for (size_t i = t0; i < t1; i++) {
    struct token *k = &t[i];
    if (k->type != T_QOPEN && k->type != T_QCLOSE)
      continue;
    if (a->oom)
      break;
    bool single = k->flags & F_SINGLE, both = k->flags & F_EITHER;
    if (single)
      continue; /* nested marks stay inside their span */
    if (open == (size_t)-1) {
      if (k->type == T_QOPEN || both) {
        k->type = T_QOPEN;
        open = i;
      }
      continue;
    }
    if (k->type == T_QCLOSE || both) {
      k->type = T_QCLOSE;
      add_span(a, open, i);
      open = (size_t)-1;
    } else {
      open = i; /* a second opener: the first was stray */
    }
  }
  if (open != (size_t)-1 && open + 1 < t1) {
    GROW(a, sp, nsp, capsp);
    if (a->oom)
      return;
    struct quoted_span *sp = &a->sp[a->nsp++];
    sp->o = open, sp->c = t1 - 1, sp->block = a->t[open].block;
    sp->s = a->t[open].e;
    sp->e = a->t[t1 - 1].e;
    sp->closed = false;
    sp->upper = a->t[open + 1].flags & F_CAP;
    a->t[open].opens = (int)(a->nsp - 1);
    for (size_t k2 = open + 1; k2 < t1; k2++)
      a->t[k2].in_span = (int)(a->nsp - 1);
  }
  /* the spans stay in reading order: single marks only in a headline
   * without double ones */
  if (a->nsp == nsp0 && t0 < t1 && title_block(a, a->t[t0].block))
    pair_singles(a, t0, t1);
}

/*** lexicon matching ******************************************************/

/* Words of phrase p matched at token i (no slots); returns its length. */
static size_t match_phrase(const struct analysis *a, size_t i, size_t lim,
                           const struct pc_phrase *p) {
  if (i + p->n > lim)
    return 0;
  for (size_t k = 0; k < p->n; k++)
    if (!low_eq(&a->t[i + k], p->w[k]))
      return 0;
  return p->n;
}

/* Longest phrase of l at i; index in *which. */
size_t pc_att_match_list(const struct analysis *a, size_t i, size_t lim,
                         const struct pc_phrase_list *l, size_t *which) {
  size_t best = 0, end = 0;
  for (size_t k = lex_first_at(a, i, l, &end); k < end; k++) {
    size_t m = match_phrase(a, i, lim, &l->p[k]);
    if (m > best) {
      best = m;
      if (which)
        *which = k;
    }
  }
  return best;
}
/*** names: text, endings, possessives *************************************/

char *pc_att_text_of(const struct analysis *a, size_t t0, size_t t1) {
  if (t1 <= t0)
    return strdup("");
  const char *txt = btext(a, a->t[t0].block);
  uint32_t s = a->t[t0].s, e = a->t[t1 - 1].e;
  return strndup(txt + s, e - s);
}
/* Whether w ends with one of the endings in category cat (data), w
 * keeping at least `stem` bytes before it; its length, 0 if none. */
size_t pc_att_ending(const struct analysis *a, const char *w, int cat,
                     size_t stem) {
  const struct pc_phrase_list *l = &a->lex->fw[cat];
  size_t wl = strlen(w);
  for (size_t k = 0; k < l->n; k++) {
    size_t sl = l->p[k].len0, m = 0;
    if (wl < sl + stem)
      continue;
    const char *x = w + wl - sl, *y = l->p[k].w[0];
    while (m < sl && x[m] == y[m]) /* endings are a few bytes: no call */
      m++;
    if (m == sl)
      return sl;
  }
  return 0;
}

/* The possessive ending of a name ("'s", data: gen) does not belong to the
 * name; the text may write its apostrophe as ’, which tokens read as '. */
void pc_att_strip_possessive(const struct analysis *a, char *s) {
  size_t g = pc_att_ending(a, s, PC_FW_GEN, 1);
  if (g) {
    s[strlen(s) - g] = '\0';
    return;
  }
  const struct pc_phrase_list *l = &a->lex->fw[PC_FW_GEN];
  size_t n = strlen(s);
  for (size_t k = 0; k < l->n; k++) {
    const char *e = l->p[k].w[0];
    if (e[0] != '\'')
      continue;
    size_t el = strlen(e) - 1; /* after the apostrophe */
    if (n > el + 3 && memcmp(s + n - el - 3, "\xE2\x80\x99", 3) == 0 &&
        strcmp(s + n - el, e + 1) == 0) {
      s[n - el - 3] = '\0';
      return;
    }
  }
}

/*** sentences *************************************************************/

/* End (exclusive) of the sentence starting at t0 within [t0, t1): at end
 * punctuation outside quoted spans (or just after a closing mark that
 * follows it), not after an abbreviation. */
size_t pc_att_sentence_end(const struct analysis *a, size_t t0, size_t t1,
                           size_t sp0, size_t sp1) {
  for (size_t i = t0; i < t1; i++) {
    const struct token *k = &a->t[i];
    if (k->type == T_QOPEN) {
      if (k->opens >= 0) { /* skip the whole span */
        i = a->sp[k->opens].c;
        if (i + 1 >= t1)
          return t1;
        /* "„Wir bauen neu.“ Pierre said": a sentence ended inside */
        if (i > 0 && is_end_punct(&a->t[i - 1]) &&
            ((a->t[i + 1].type == T_WORD && (a->t[i + 1].flags & F_CAP)) ||
             a->t[i + 1].type == T_QOPEN))
          return i + 1;
      }
      continue;
    }
    if (!is_end_punct(k) || span_of(a, i, sp0, sp1) >= 0)
      continue;
    if (strcmp(k->low, ".") == 0 && i > t0) {
      const struct token *p = &a->t[i - 1];
      const struct token *nx = i + 1 < t1 ? &a->t[i + 1] : NULL;
      /* "No. 5": "no" is an abbreviation before a numeral only ("kept
       * telling me no. When she ...", data: numab) */
      if ((in_list_of(a, &a->lex->honorifics, p->low) &&
           !(!(nx && nx->low[0] >= '0' && nx->low[0] <= '9') &&
             in_list_of(a, &a->lex->fw[PC_FW_NUMAB], p->low))) ||
          (p->type == T_WORD && strlen(p->low) == 1 && (p->flags & F_CAP)))
        continue;
      /* "(R-Wis.) said", "Inc., the maker": an abbreviation's point
       * before a closing parenthesis, a comma or a lower-case word */
      /* "a D.C.-based host": a hyphen right after the point joins */
      if (nx && p->type == T_WORD &&
          (is_punct(nx, ")") || is_punct(nx, ",") ||
           (is_punct(nx, "-") && nx->s == k->e) ||
           (nx->type == T_WORD && !(nx->flags & F_CAP) &&
            !(nx->low[0] >= '0' && nx->low[0] <= '9'))))
        continue;
    }
    size_t e = i + 1;
    while (e < t1 && (is_end_punct(&a->t[e]) || a->t[e].type == T_QCLOSE))
      e++;
    return e;
  }
  return t1;
}

/*** cues ******************************************************************/

/* A progressive cue ("are urging", "was telling") starts at its form of
 * "be", so that the speaker stands right before it: the cue at i (len
 * words, an -ing form) and its flags go to the word before too. */
static void progressive_cue(struct analysis *a, size_t t0, size_t i,
                            size_t len) {
  if (i <= t0 || a->t[i - 1].type != T_WORD || len + 2 >= 255 ||
      !pc_att_ending(a, a->t[i].low, PC_FW_PTCP, 3))
    return;
  /* "is also asking", "are now urging": an adverb between (data: aux) */
  size_t b = i - 1;
  if (b > t0 && fw_is(a, a->t[b].low, PC_FW_AUX) &&
      !fw_is(a, a->t[b].low, PC_FW_FIN) && a->t[b - 1].type == T_WORD &&
      fw_is(a, a->t[b - 1].low, PC_FW_PASS))
    b--;
  if (!fw_is(a, a->t[b].low, PC_FW_PASS))
    return;
  a->t[b].cue = (uint8_t)(len + i - b);
  a->t[b].flags |= a->t[i].flags & (F_WEAK | F_QREQ | F_CREQ);
}

/* "continued to insist that ...": the cue at i (len words) after an
 * aspectual verb and "to" (F_ASPECT, aspect_sense) starts at that verb,
 * so that the speaker stands right before it (and at its form of "be":
 * "is continuing to insist"). */
static void aspect_cue(struct analysis *a, size_t t0, size_t i,
                       size_t len) {
  if (i < t0 + 2 || !(a->t[i - 2].flags & F_ASPECT) || len + 2 >= 255 ||
      !fw_is(a, a->t[i - 1].low, PC_FW_INF))
    return;
  a->t[i - 2].cue = (uint8_t)(len + 2);
  a->t[i - 2].flags |= a->t[i].flags & (F_WEAK | F_QREQ | F_CREQ);
  progressive_cue(a, t0, i - 2, len + 2);
}

/* Whether punctuation or a quotation mark stands within four tokens
 * from j ("..., he noted Tuesday."). */
static bool punct_near(const struct analysis *a, size_t j) {
  for (size_t k = j; k < a->nt && k < j + 4; k++)
    if (a->t[k].type != T_WORD)
      return true;
  return false;
}

/* Whether the token at k opens quoted words or a clause after a comma:
 * a quotation mark (also a single one: "saying, 'No.'"), a colon,
 * "that" or a subject pronoun. */
static bool opens_report(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  return t->type == T_QOPEN || (t->flags & F_SINGLE) || is_punct(t, "'") ||
         is_punct(t, ":") ||
         (t->type == T_WORD && (is_comp(a, k) || fw_is(a, t->low, PC_FW_SUBJ)));
}

/* "Having said that, there are ...": a perfect participle that opens the
 * sentence, with "that" and a comma after it, is a connective; "that"
 * stands for what came before, and nothing is reported. */
static bool having_said_that(const struct analysis *a, size_t t0, size_t i,
                             size_t len) {
  size_t j = i + len;
  return i > t0 && (a->t[i - 1].flags & F_SENT) &&
         low_eq(&a->t[i - 1], "having") && j + 1 < a->nt && is_comp(a, j) &&
         is_punct(&a->t[j + 1], ",");
}

/* Whether the -ing cue form at i (len words) stands right before a comma
 * with no quotation or colon after it, nor a clause after an inset
 * ("explaining, as she often does, that ...", "saying, if elected, she
 * would ..."): a participle or a gerund of a list or an adjunct, which
 * reports nothing ("with all precincts reporting, the race ...",
 * "sticky, repeating, or dead keys", "reading, travel and time with my
 * family"); "saying, “...”" reports. */
static bool ing_before_comma(const struct analysis *a, size_t i, size_t len) {
  enum { INSET_REACH = 8 };
  size_t j = i + len;
  if (j + 1 >= a->nt || !is_punct(&a->t[j], ",") ||
      !pc_att_ending(a, a->t[i].low, PC_FW_PTCP, 3) ||
      (a->t[j + 1].type != T_WORD && opens_report(a, j + 1)))
    return false;
  /* (a progressive form is a finite verb: "what voters are saying, and
   * that ...", "what he was talking about, and") */
  if (i > 0 && a->t[i - 1].type == T_WORD &&
      fw_is(a, a->t[i - 1].low, PC_FW_PASS))
    return false;
  for (size_t k = j + 1; k + 1 < a->nt && k < j + INSET_REACH; k++)
    if (is_punct(&a->t[k], ",") && opens_report(a, k + 1))
      return false;
  return true;
}

/* "..., he wrote in a blog post.", "..., Roe noted in an essay for the
 * magazine.": a cue after a comma and a subject of up to three words,
 * then an adjunct that opens with a preposition (data: after) and runs
 * to the sentence's end within eight words: an attribution after the
 * speech. */
static bool adjunct_to_end(const struct analysis *a, size_t t0, size_t i,
                           size_t len) {
  enum { SUBJECT_MAX = 3, ADJUNCT_MAX = 8 };
  size_t b = i;
  while (b > t0 && b + SUBJECT_MAX > i && a->t[b - 1].type == T_WORD)
    b--;
  /* (not a relative clause: "..., who's viewed as honest by most",
   * "..., which he claimed as his own") */
  for (size_t k = b; k < i; k++)
    if (fw_is(a, a->t[k].low, PC_FW_REL) || strchr(a->t[k].low, '\''))
      return false;
  size_t j = i + len;
  if (b == i || b <= t0 || !is_punct(&a->t[b - 1], ",") || j >= a->nt ||
      a->t[j].type != T_WORD || !fw_is(a, a->t[j].low, PC_FW_AFTER))
    return false;
  for (size_t k = j; k < a->nt && k < j + ADJUNCT_MAX; k++)
    if (a->t[k].type != T_WORD)
      return is_end_punct(&a->t[k]);
  return false;
}

/* Whether the cue at i follows a closing quotation mark within a few
 * words ("“...,” she wrote last October", "“...,” Mrs. Roe wrote on her
 * Facebook page", "“...,” the party's nominee, Tom Roe, tweeted after
 * the vote": a role and a name in commas): an attribution after the
 * speech, which needs no clause of its own.  A title's or an initial's
 * dot is inside a name.  A longer apposition ('“...,” Jo Ames, a law
 * professor at the University of Dover, Kent, wrote in a blog post')
 * reaches further, with no cue of its own on the way. */
static bool after_quote(const struct analysis *a, size_t t0, size_t i) {
  enum { NEAR = 12, APPOS_REACH = 22 };
  for (size_t k = i; k > t0 && k + APPOS_REACH > i; k--) {
    const struct token *t = &a->t[k - 1];
    if (t->type == T_QCLOSE)
      return true;
    if (k + NEAR <= i && t->cue)
      return false;
    bool dot = is_punct(t, ".") && k - 1 > t0 &&
               a->t[k - 2].type == T_WORD && (a->t[k - 2].flags & F_CAP) &&
               (strlen(a->t[k - 2].low) == 1 ||
                in_list_of(a, &a->lex->honorifics, a->t[k - 2].low));
    if (t->type != T_WORD && !is_punct(t, ",") && !dot)
      return false;
  }
  return false;
}

/* Whether the word at i (not the first) is a past form in -ed after a
 * determiner, a possessive, a preposition other than "to", or a number
 * (in figures or data: num), which make it an adjective ("of pledged
 * delegates"), not a verb. */
static bool past_adjective(const struct analysis *a, size_t i) {
  const struct token *t = &a->t[i], *p = &a->t[i - 1];
  size_t n = strlen(t->low);
  if (n < 5 || strcmp(t->low + n - 2, "ed") != 0)
    return false;
  return determiner(a, p->low) || fw_is(a, p->low, PC_FW_POSS) ||
         (preposition(a, p->low) && !fw_is(a, p->low, PC_FW_INF)) ||
         fw_is(a, p->low, PC_FW_NUM) || (p->low[0] >= '0' && p->low[0] <= '9');
}

/* Whether the word at i opens a noun phrase: a determiner other than a
 * demonstrative ("those describing themselves"), a possessive other than
 * "her" (also an object: "a video of her slamming ..."), or a name's
 * genitive ("Trump's", not "he's" or "who's"). */
static bool np_opener(const struct analysis *a, size_t i) {
  const struct token *p = &a->t[i];
  if (p->type != T_WORD || fw_is(a, p->low, PC_FW_DEM) ||
      fw_is(a, p->low, PC_FW_OBJF) || fw_is(a, p->low, PC_FW_SUBJ))
    return false;
  if (determiner(a, p->low) || fw_is(a, p->low, PC_FW_POSS))
    return true;
  size_t g = pc_att_ending(a, p->low, PC_FW_GEN, 1), n = strlen(p->low);
  char stem[32];
  if (!g || n - g >= sizeof stem)
    return false;
  memcpy(stem, p->low, n - g);
  stem[n - g] = '\0';
  return !stop_word(a, stem) && !fw_is(a, stem, PC_FW_WH) &&
         !fw_is(a, stem, PC_FW_SUBJ);
}

/* Whether the word at j is a lower-case word a noun phrase goes on with
 * ("continuing ability", "a threatening letter"): no function word, no
 * verb form in -ed ("its reporting indicated"). */
static bool np_goes_on(const struct analysis *a, size_t j) {
  if (j >= a->nt || a->t[j].type != T_WORD || (a->t[j].flags & F_CAP))
    return false;
  const char *w = a->t[j].low;
  size_t n = strlen(w);
  return !stop_word(a, w) && !determiner(a, w) && !preposition(a, w) &&
         !fw_is(a, w, PC_FW_POSS) && !fw_is(a, w, PC_FW_SUBJ) &&
         !fw_is(a, w, PC_FW_OBJM) && !fw_is(a, w, PC_FW_FIN) &&
         !fw_is(a, w, PC_FW_IPAST) && !(n > 3 && strcmp(w + n - 2, "ed") == 0);
}

/* Whether an adverb of degree that follows a word stands before i ("the
 * most telling sign", "perhaps most telling, ...", "the most pledged
 * delegates"), not one after a preposition or nothing, where "most"
 * counts people ("with most saying they ...").  (English words:
 * function-words.txt has no room for another category.) */
static bool degree_before(const struct analysis *a, size_t t0, size_t i) {
  static const char *const degree[] = {"most", "more", "very", "less",
                                       "least"};
  if (i < t0 + 2 || a->t[i - 2].type != T_WORD ||
      preposition(a, a->t[i - 2].low))
    return false;
  for (size_t k = 0; k < sizeof degree / sizeof *degree; k++)
    if (low_eq(&a->t[i - 1], degree[k]))
      return true;
  return false;
}

/* Whether the cue form at i (len words), an -ing form or a past form in
 * -ed, is an adjective: an -ing form between a determiner, a possessive
 * or a name's genitive and the noun it qualifies ("the party's
 * continuing ability", "a threatening letter"; a past form after "'s"
 * may be a verb after "has": "Roe's proposed new rules"), or either
 * after an adverb of degree ("the most pledged delegates",
 * degree_before). */
static bool ing_adjective(const struct analysis *a, size_t t0, size_t i,
                          size_t len) {
  const char *w = a->t[i].low;
  size_t n = strlen(w);
  bool ing = pc_att_ending(a, w, PC_FW_PTCP, 3) > 0,
       ed = n >= 5 && strcmp(w + n - 2, "ed") == 0;
  if (i <= t0 || !(ing || ed))
    return false;
  if ((ing || !pc_att_ending(a, a->t[i - 1].low, PC_FW_GEN, 1)) &&
      np_opener(a, i - 1) && np_goes_on(a, i + len))
    return true;
  return degree_before(a, t0, i);
}

/* Whether the noun form of a weak cue at i (len words, after t0) is the
 * subject of the verb after it: a finite auxiliary or modal ("the remarks
 * were aired"), a relative pronoun with one ("remarks that were aired"),
 * or a past form in -ed before a preposition, a determiner or a wh-word
 * ("the states underscored how ..."); a verb of speech is followed by
 * its complement, not by another verb.  Only after a comma ("...,
 * remarks that were aired") or a lower-case word that is no subject:
 * "which he estimates will", "the Tax Foundation estimates would" are
 * verbs whose clause lost its subject. */
static bool weak_subject(const struct analysis *a, size_t t0, size_t i,
                         size_t len) {
  size_t j = i + len;
  if (i <= t0 || j >= a->nt || a->t[j].type != T_WORD)
    return false;
  const struct token *p = &a->t[i - 1];
  if (!is_punct(p, ",") &&
      (p->type != T_WORD || (p->flags & F_CAP) ||
       fw_is(a, p->low, PC_FW_SUBJ) || fw_is(a, p->low, PC_FW_REL) ||
       fw_is(a, p->low, PC_FW_WH) || is_comp(a, i - 1)))
    return false;
  const char *w = a->t[j].low;
  if (fw_is(a, w, PC_FW_FIN) && !fw_is(a, w, PC_FW_SUBJ))
    return true;
  const struct token *n = j + 1 < a->nt ? &a->t[j + 1] : NULL;
  if (!n || n->type != T_WORD)
    return false;
  if ((fw_is(a, w, PC_FW_REL) || is_comp(a, j)) &&
      fw_is(a, n->low, PC_FW_FIN) &&
      !fw_is(a, n->low, PC_FW_SUBJ))
    return true;
  size_t m = strlen(w);
  return m > 4 && strcmp(w + m - 2, "ed") == 0 && !(a->t[j].flags & F_CAP) &&
         (preposition(a, n->low) || determiner(a, n->low) ||
          fw_is(a, n->low, PC_FW_WH));
}

/* What the aspectual cue at i (len words, "~" in cues.txt) is: a verb
 * whose cue right after it reports instead, with "to" (ASPECT_INF:
 * "continued to insist that ...", aspect_cue) or without (ASPECT_CUE:
 * "continued saying ..."); speech of its own (ASPECT_OWN) with a
 * complement of its own, "that", a quotation or a colon ("She
 * continued: ..."), at the end of the speech ("..., she continued."),
 * before a speech noun ("his continued insistence that") or a verb with
 * "that" a few words on ("continued to defend the notion that"); or no
 * speech (ASPECT_NONE): "The group continues to monitor the island",
 * "continued his assault", "will continue screening people". */
enum { ASPECT_NONE, ASPECT_OWN, ASPECT_CUE, ASPECT_INF };
static int aspect_sense(const struct analysis *a, size_t t0, size_t i,
                        size_t len) {
  enum { THAT_REACH = 6 };
  size_t j = i + len;
  /* "Fires have continued, showing that the ban failed": a participle
   * after the comma is a predicate of its own (a cue reports itself:
   * "continued, saying that ..."), but after the speech ('“...,” he
   * continued, citing ...') */
  if (j + 1 < a->nt && is_punct(&a->t[j], ",") && !after_quote(a, t0, i) &&
      a->t[j + 1].type == T_WORD &&
      pc_att_ending(a, a->t[j + 1].low, PC_FW_PTCP, 3))
    return ASPECT_NONE;
  if (j >= a->nt || a->t[j].type != T_WORD || is_comp(a, j) ||
      punct_near(a, j) || after_quote(a, t0, i))
    return ASPECT_OWN;
  bool inf = fw_is(a, a->t[j].low, PC_FW_INF) && j + 1 < a->nt &&
             a->t[j + 1].type == T_WORD;
  /* ("..., Roe continued in a statement.", not the "to" of a verb) */
  if (!inf && adjunct_to_end(a, t0, i, len))
    return ASPECT_OWN;
  j += inf;
  const struct pc_phrase_list *l = &a->lex->cues;
  size_t which = 0;
  if (pc_lex_may_start(l, token_hash(&a->t[j])) &&
      pc_att_match_list(a, j, a->nt, l, &which) &&
      !(l->p[which].tag & (PC_CUE_NOT | PC_CUE_ASPECT)))
    return l->p[which].tag & PC_CUE_NOUN ? ASPECT_OWN
           : inf                          ? ASPECT_INF
                                          : ASPECT_CUE;
  for (size_t k = j + 1; k < a->nt && k < j + THAT_REACH; k++) {
    if (a->t[k].type != T_WORD)
      break;
    if (is_comp(a, k))
      return ASPECT_OWN;
  }
  return ASPECT_NONE;
}

/* The cue phrase starting at each word of the block from t0 (its length
 * in t.cue) and its marks as flags (data: cues.txt). */
void pc_att_mark_cues(struct analysis *a, size_t t0) {
  const struct pc_phrase_list *l = &a->lex->cues;
  struct token *t = a->t; /* no token is added here: see */
  size_t nt = a->nt;      /* pc_att_mark_sentence_starts */
  for (size_t i = t0; i < nt; i++) {
    if (t[i].type != T_WORD)
      continue;
    if (!pc_lex_may_start(l, token_hash(&t[i]))) {
      t[i].cue = 0; /* most words start no cue: no call */
      continue;
    }
    size_t which = 0;
    size_t len = pc_att_match_list(a, i, a->nt, l, &which);
    a->t[i].cue = (uint8_t)(len < 255 ? len : 0);
    if (!a->t[i].cue)
      continue;
    int tag = l->p[which].tag;
    /* speech nouns ("statement") are listed for the passes that read
     * nouns; alone they are no cue: "his testimony and slammed ..." */
    if (tag & PC_CUE_NOUN) {
      a->t[i].cue = 0;
      continue;
    }
    /* "contend with", "add up to": a verb and particle of another sense
     * (marked "-" in cues.txt) */
    if (tag & PC_CUE_NOT) {
      a->t[i].cue = 0;
      continue;
    }
    /* "the most telling sign", "their remarks were aired": a form that
     * reads as an adjective or as the subject noun of another verb */
    /* "the New York state attorney general", "their state senator": a
     * weak cue's noun form right before a role word (data: roles)
     * names the role's place, no speech */
    if (ing_adjective(a, t0, i, len) ||
        ((tag & PC_CUE_WEAK) && weak_subject(a, t0, i, len)) ||
        ((tag & PC_CUE_WEAK) && i + len < a->nt &&
         a->t[i + len].type == T_WORD && !(a->t[i + len].flags & F_CAP) &&
         in_list_at(a, i + len, &a->lex->roles))) {
      a->t[i].cue = 0;
      continue;
    }
    /* "the claim", "his view", "the ministry's claim", "for comment",
     * "two states": a verb's noun form after a determiner, a possessive,
     * a preposition (not the "to" of an infinitive) or a number (data:
     * num) is the noun */
    if ((tag & PC_CUE_WEAK) && !(tag & PC_CUE_NOUN) && i > t0 &&
        a->t[i - 1].type == T_WORD &&
        (determiner(a, a->t[i - 1].low) ||
         fw_is(a, a->t[i - 1].low, PC_FW_POSS) ||
         (preposition(a, a->t[i - 1].low) &&
          !fw_is(a, a->t[i - 1].low, PC_FW_INF)) ||
         fw_is(a, a->t[i - 1].low, PC_FW_NUM) ||
         pc_att_ending(a, a->t[i - 1].low, PC_FW_GEN, 1))) {
      a->t[i].cue = 0;
      continue;
    }
    /* "the former general counsel": a verb's bare noun form (no "-s")
     * right after a singular role word is that role's head noun; a
     * singular subject takes the "-s" form ("the general counsels");
     * a collective body (data: agent) is plural ("police charge him") */
    if ((tag & PC_CUE_WEAK) && !(tag & PC_CUE_NOUN) && i > t0 &&
        a->t[i - 1].type == T_WORD && is_role_word(a, i - 1) &&
        !(a->t[i - 1].flags & F_CAP) &&
        !pc_att_ending(a, a->t[i - 1].low, PC_FW_PL, 3) &&
        !fw_is(a, a->t[i - 1].low, PC_FW_AGENT) &&
        a->t[i].low[strlen(a->t[i].low) - 1] != 's') {
      a->t[i].cue = 0;
      continue;
    }
    /* "a majority of pledged delegates", "300 pledged delegates", "the
     * promised wall": a past form after a determiner, a possessive, a
     * preposition (not "to") or a number is an adjective */
    if (i > t0 && a->t[i - 1].type == T_WORD && past_adjective(a, i)) {
      a->t[i].cue = 0;
      continue;
    }
    if (ing_before_comma(a, i, len) || having_said_that(a, t0, i, len)) {
      a->t[i].cue = 0;
      continue;
    }
    /* "maintains strict rules on imports": a cue that needs a clause
     * and has none, nor punctuation close after it for an attribution
     * that ends the speech ("..., he noted"), is no cue at all */
    if ((tag & PC_CUE_CREQ) && !punct_near(a, i + len) &&
        !after_quote(a, t0, i) && !adjunct_to_end(a, t0, i, len) &&
        !pc_att_clausal_after(a, i + len, a->nt)) {
      a->t[i].cue = 0;
      continue;
    }
    int aspect = tag & PC_CUE_ASPECT ? aspect_sense(a, t0, i, len)
                                     : ASPECT_OWN;
    if (aspect != ASPECT_OWN) {
      a->t[i].cue = 0;
      if (aspect == ASPECT_INF)
        a->t[i].flags |= F_ASPECT;
      continue;
    }
    if (tag & PC_CUE_WEAK)
      a->t[i].flags |= F_WEAK;
    if (tag & PC_CUE_QREQ)
      a->t[i].flags |= F_QREQ;
    if (tag & PC_CUE_CREQ)
      a->t[i].flags |= F_CREQ;
    progressive_cue(a, t0, i, len);
    aspect_cue(a, t0, i, len);
  }
}

/* Whether the words of the block around i are in title case ("Trump
 * Says He Will Win"): every word of more than three letters within
 * twenty tokens is capitalised, and there are at least three. */
bool pc_att_title_case(const struct analysis *a, size_t i) {
  enum { REACH = 20, LONG = 3 };
  size_t lo = i > REACH ? i - REACH : 0, hi = i + REACH, n = 0;
  for (size_t k = lo; k < a->nt && k < hi; k++) {
    const struct token *t = &a->t[k];
    if (t->block != a->t[i].block || t->type != T_WORD ||
        strlen(t->low) <= LONG)
      continue;
    if (!(t->flags & F_CAP))
      return false;
    n++;
  }
  return n >= 3;
}

/* Whether token k is a finite verb of a clause of its own: an auxiliary
 * or modal (data: fin), or a past form in -ed after a noun ("5,000
 * people entered"), not after a determiner ("the coveted prize"). */
static bool finite_at(const struct analysis *a, size_t j, size_t k) {
  const struct token *t = &a->t[k], *p = &a->t[k - 1];
  if (k <= j)
    return false;
  /* ("from February through May 2017": a capitalised word inside the
   * sentence is a name, the month, not the modal; but in a headline's
   * title case) */
  if (fw_is(a, t->low, PC_FW_FIN))
    return !(t->flags & F_CAP) || (t->flags & F_SENT) ||
           pc_att_title_case(a, k);
  size_t n = strlen(t->low);
  /* a past form in -ed, or an irregular one ("said the team won") */
  return ((n > 4 && strcmp(t->low + n - 2, "ed") == 0) ||
          fw_is(a, t->low, PC_FW_IPAST)) &&
         p->type == T_WORD &&
         !determiner(a, p->low) && !fw_is(a, p->low, PC_FW_POSS) &&
         !preposition(a, p->low) && !stop_word(a, p->low);
}

/* A plural noun in lower case at k ("floods", not "boss" or "Paris"). */
static bool plural_at(const struct analysis *a, size_t k) {
  const char *h = a->t[k].low;
  size_t n = strlen(h);
  return a->t[k].type == T_WORD && !(a->t[k].flags & F_CAP) && n > 3 &&
         pc_att_plural(a, h) && !stop_word(a, h) &&
         !determiner(a, h) && !preposition(a, h) &&
         !fw_is(a, h, PC_FW_TUNIT);
}

/* "suggested the Paris attacks highlight the threat", "say officers
 * still patrol the area": from j a noun phrase of up to four words (a
 * determiner first, or a bare plural) that ends in a plural noun, an
 * adverb or two (data: aux), and at k a plain form of a verb in lower
 * case with a determiner after it. */
static bool plural_np_verb(const struct analysis *a, size_t j, size_t k,
                           size_t t1) {
  enum { NP_WORDS = 4 };
  if (k < j + 1 || k + 1 >= t1 || a->t[k].type != T_WORD ||
      a->t[k + 1].type != T_WORD ||
      !(determiner(a, a->t[k + 1].low) ||
        fw_is(a, a->t[k + 1].low, PC_FW_POSS)))
    return false;
  const char *w = a->t[k].low;
  size_t n = strlen(w);
  if ((a->t[k].flags & F_CAP) || n <= 3 || w[n - 1] == 's' ||
      stop_word(a, w) || preposition(a, w) ||
      pc_att_ending(a, w, PC_FW_PTCP, 2) ||
      (w[n - 2] == 'e' && w[n - 1] == 'd') ||
      (w[n - 2] == 'l' && w[n - 1] == 'y'))
    return false;
  size_t h = k - 1;
  while (h > j && a->t[h].type == T_WORD && aux_word(a, a->t[h].low) &&
         !fw_is(a, a->t[h].low, PC_FW_FIN))
    h--;
  if (!plural_at(a, h) || h > j + NP_WORDS - 1 ||
      (h > j && !determiner(a, a->t[j].low)))
    return false;
  /* (not "the values parents teach their children": a plural before the
   * last noun ends the phrase, and the words after it qualify it) */
  for (size_t z = j + 1; z < h; z++)
    if (a->t[z].type != T_WORD || stop_word(a, a->t[z].low) ||
        plural_at(a, z))
      return false;
  return true;
}

/* "argued the economy needs a boost": a present form in -s right after
 * a determiner and a noun (tokens j, j+1), with a determiner after it;
 * not "maintains the strict rules for ...". */
static bool present_after_np(const struct analysis *a, size_t j, size_t k,
                             size_t t1) {
  if (plural_np_verb(a, j, k, t1))
    return true;
  if (k != j + 2 || k + 1 >= t1 || a->t[j + 1].type != T_WORD ||
      a->t[k + 1].type != T_WORD || !determiner(a, a->t[j].low) ||
      stop_word(a, a->t[j + 1].low) || determiner(a, a->t[j + 1].low))
    return false;
  const char *w = a->t[k].low;
  size_t n = strlen(w);
  return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
         w[n - 2] != 'i' && !stop_word(a, w) &&
         (determiner(a, a->t[k + 1].low) ||
          fw_is(a, a->t[k + 1].low, PC_FW_POSS) ||
          (!stop_word(a, a->t[k + 1].low) &&
           !preposition(a, a->t[k + 1].low)));
}

/* Whether token t is a word that starts with a digit. */
static bool digit_word(const struct token *t) {
  return t->type == T_WORD && t->low[0] >= '0' && t->low[0] <= '9';
}

/* Whether a cue's complement from token j on (to t1) is a clause or
 * quoted words, as a cue with other senses needs ("+" in cues.txt):
 * quotation marks or a colon within a few words; "that" after at most a
 * time or an addressee ("reported Wednesday that") or a prepositional
 * phrase ("noted in a report that"); a gerund or a subject pronoun right
 * after the cue ("reported being logged off", "maintains he is ..."); a
 * clause with its own finite verb ("concluded the evidence was weak").
 * Not "maintains strict rules", "claimed victory in the race", "reported
 * for duty", "concluded its hearing on Monday". */
size_t pc_att_title_start(const struct analysis *a, size_t lo, size_t k) {
  if (k > lo + 1 && is_punct(&a->t[k - 1], ".") &&
      in_list_of(a, &a->lex->honorifics, a->t[k - 2].low))
    return k - 2;
  if (k > lo && in_list_of(a, &a->lex->honorifics, a->t[k - 1].low))
    return k - 1;
  return k;
}

bool pc_att_clausal_after(const struct analysis *a, size_t j, size_t t1) {
  bool prep = false, det = false;
  for (size_t k = j; k < t1 && k < j + 12; k++) {
    const struct token *t = &a->t[k];
    if (t->type == T_QOPEN || is_punct(t, ":"))
      return true;
    if (is_punct(t, ".") && k + 1 < t1 && a->t[k + 1].type == T_WORD &&
        (!(a->t[k + 1].flags & F_CAP) ||
         (k > j && in_list_of(a, &a->lex->honorifics, a->t[k - 1].low))))
      continue; /* "U.S. forces", "suggested Mr. Trump had": an
                   abbreviation inside the sentence */
    /* "reported 5,000 people entered": the comma inside a number */
    if (is_punct(t, ",") && k > j && k + 1 < t1 && t->s == a->t[k - 1].e &&
        a->t[k + 1].s == t->e && digit_word(&a->t[k - 1]) &&
        digit_word(&a->t[k + 1]))
      continue;
    if (t->type != T_WORD) {
      if (!is_punct(t, ",") || k + 1 >= t1)
        return false;
      if (k == j) /* "As Herbert notes, being able to ..." */
        return true;
      /* "noted, “...”", "noted at the time, Trump's ..." */
      if (a->t[k + 1].type == T_QOPEN || is_comp(a, k + 1))
        return true;
      if (!prep)
        return false;
      continue;
    }
    /* "declined to comment but said ...": a conjunction right after the
     * verb starts another predicate, not its complement */
    if (k == j && (fw_is(a, t->low, PC_FW_CONJ) ||
                   fw_is(a, t->low, PC_FW_CONTRAST)))
      return false;
    if (is_comp(a, k))
      return prep || (k < j + 4 && !det);
    /* a gerund: "reported being logged off", "accused X of hiding" */
    if ((k == j || preposition(a, a->t[k - 1].low)) &&
        pc_att_ending(a, t->low, PC_FW_PTCP, 2))
      return true;
    /* (a subject with its contracted verb is a clause whatever follows:
     * "said he's with the mayor") */
    if ((k == j || (k == j + 1 && j > 0 &&
                    fw_is(a, a->t[j - 1].low, PC_FW_TELL))) &&
        fw_is(a, t->low, PC_FW_SUBJ) && k + 1 < t1 &&
        a->t[k + 1].type == T_WORD &&
        ((!preposition(a, a->t[k + 1].low) &&
          !determiner(a, a->t[k + 1].low)) ||
         strchr(t->low, '\'')))
      return true;
    if (present_after_np(a, j, k, t1))
      return true;
    /* "called for the city to act", "encouraged residents to stay": an
     * object and "to" with a verb */
    if (k > j && k < j + 6 && k + 1 < t1 && fw_is(a, t->low, PC_FW_INF) &&
        !prep && a->t[k + 1].type == T_WORD &&
        !(a->t[k + 1].flags & F_CAP) && !determiner(a, a->t[k + 1].low) &&
        !fw_is(a, a->t[k + 1].low, PC_FW_POSS) &&
        !fw_is(a, a->t[k + 1].low, PC_FW_QUANT) &&
        !stop_word(a, a->t[k + 1].low))
      return true;
    /* "responded to molecules secreted by ...": a past form after a
     * prepositional phrase or before "by" is a participle */
    if (finite_at(a, j, k) &&
        (fw_is(a, t->low, PC_FW_FIN) ||
         (!prep && !(k + 1 < t1 && low_eq(&a->t[k + 1], "by")))))
      return true;
    if (fw_is(a, t->low, PC_FW_CONJ) || fw_is(a, t->low, PC_FW_REL) ||
        fw_is(a, t->low, PC_FW_SUB) || fw_is(a, t->low, PC_FW_CONTRAST))
      return false;
    /* (not the "at" of "at least 5,000 people", data: approx) */
    prep |= preposition(a, t->low) &&
            !(k + 1 < t1 && fw_is(a, a->t[k + 1].low, PC_FW_APPROX));
    /* ("noted this week that": a determiner of a time, data: tunit, opens
     * no object the "that" could qualify) */
    det |= (determiner(a, t->low) &&
            !(k + 1 < t1 && fw_is(a, a->t[k + 1].low, PC_FW_TUNIT))) ||
           fw_is(a, t->low, PC_FW_POSS);
  }
  return false;
}
