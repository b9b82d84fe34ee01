/*
 * attr.c - who said what: quotations, speakers, entities and claims.
 *
 * Works on the document model, so every input kind gets it.  In order:
 *  1. tokens   - each text block becomes words, punctuation and quotation
 *                marks (every typographic style), with byte offsets.
 *  2. spans    - quotation marks are paired into quoted spans; one left
 *                open at a paragraph's end runs to that end.
 *  3. entities - names of countries and groups from the lexicon (ISO 3166
 *                included), runs of capitalised words as people and
 *                organisations, surnames and demonyms merged into them.
 *  4. speech   - per sentence: a cue verb with its subject, a frame
 *                ("according to X", "In X's view", "For X,"), or none; the
 *                reported clause after the cue, split where ", and that"
 *                starts a second one, searched again for speech reported
 *                inside it; quoted spans become direct or mixed quotes.
 *  5. speakers - names stand for their entity, pronouns for the last
 *                person named, role phrases for themselves; a quote with
 *                no cue continues the last speaker.
 *  6. claims   - data/en/claims.txt patterns, owned by the speaker of the
 *                innermost quote they stand in.
 * All passes are linear in the number of tokens, times small constants.
 */
#include "quotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*** tokens ****************************************************************/

enum { T_WORD = 1, T_PUNCT, T_QOPEN, T_QCLOSE };
enum { F_CAP = 1, F_SENT = 2 /* first word of a sentence */,
       F_WEAK = 4 /* a cue that is also a common noun */,
       F_QREQ = 8 /* a cue that reports only words in quotation marks */ };

struct tk {
  uint32_t s, e;     /* bytes in the block text */
  uint32_t block;
  uint8_t type, flags;
  char low[26];      /* lower-cased, "'s" kept, ’ as ' */
  int ent;           /* entity index covering it, or -1 */
  int in_span;       /* the quoted span it lies inside, or -1 */
  uint8_t cue;       /* words of the cue phrase starting here, 0 if none */
  int opens;         /* the span this mark opens, or -1 */
};

struct span {        /* a quoted span */
  size_t o, c;       /* token indexes of the marks (c == o when open) */
  uint32_t block;
  uint32_t s, e;     /* bytes of the inner text */
  bool upper, closed;
};

struct ent {
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

struct qt {
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

struct cl {
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

static uint64_t fnv(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static int map_get(const struct strmap *m, const char *k) {
  if (!m->cap)
    return -1;
  for (size_t i = fnv(k) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (!m->key[i])
      return -1;
    if (strcmp(m->key[i], k) == 0)
      return m->val[i];
  }
}

static bool map_put(struct strmap *m, const char *k, int v) {
  if ((m->n + 1) * 2 > m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 64;
    char **nk = calloc(cap, sizeof *nk);
    int *nv = calloc(cap, sizeof *nv);
    if (!nk || !nv) {
      free(nk);
      free(nv);
      return false;
    }
    for (size_t i = 0; i < m->cap; i++)
      if (m->key[i]) {
        size_t j = fnv(m->key[i]) & (cap - 1);
        while (nk[j])
          j = (j + 1) & (cap - 1);
        nk[j] = m->key[i];
        nv[j] = m->val[i];
      }
    free(m->key);
    free(m->val);
    m->key = nk, m->val = nv, m->cap = cap;
  }
  size_t i = fnv(k) & (m->cap - 1);
  while (m->key[i]) {
    if (strcmp(m->key[i], k) == 0) {
      m->val[i] = v;
      return true;
    }
    i = (i + 1) & (m->cap - 1);
  }
  if (!(m->key[i] = strdup(k)))
    return false;
  m->val[i] = v;
  m->n++;
  return true;
}

static void map_free(struct strmap *m) {
  for (size_t i = 0; i < m->cap; i++)
    free(m->key[i]);
  free(m->key);
  free(m->val);
  memset(m, 0, sizeof *m);
}

/* What "the group", "the company" stood for when last resolved. */
struct defref {
  char head[24];
  int ent;
  size_t at; /* token where the description stood */
};
#define DEFREFS 16

struct at {
  struct defref dr[DEFREFS];
  size_t ndr;
  const pc_ctx *ctx;
  const struct pc_lex *lex;
  pc_doc *doc;
  struct tk *t;
  size_t nt, capt;
  struct span *sp;
  size_t nsp, capsp;
  struct ent *en;
  size_t nen, capen;
  struct qt *q;
  size_t nq, capq;
  struct cl *c;
  size_t nc, capc;
  int last_speaker_q; /* the last outermost quote with a speaker */
  size_t sent_q0;     /* the first quote of the sentence being read */
  int *lastp;         /* per token: the last person named before it */
  int *lastp_m, *lastp_f; /* ... who is not known to be a woman / a man */
  int *lastk_m, *lastk_f; /* ... who is known to be a man / a woman */
  size_t *lastk_m_at, *lastk_f_at; /* where that one was last named */
  struct strmap names, surnames; /* entity look-up */
  int year, month;    /* of the document's date, 0 unknown */
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

static const char *btext(const struct at *a, uint32_t block) {
  return a->doc->blocks[block].content.text;
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
    case 0x9C: *may_open = true; *may_close = true; return 3; /* “ (also „…“) */
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

static void add_token(struct at *a, uint32_t block, uint32_t s, uint32_t e,
                      uint8_t type) {
  GROW(a, t, nt, capt);
  if (a->oom)
    return;
  struct tk *k = &a->t[a->nt++];
  memset(k, 0, sizeof *k);
  k->s = s, k->e = e, k->block = block, k->type = type, k->ent = -1;
  k->in_span = k->opens = -1;
  const char *txt = btext(a, block);
  uint32_t cp = 0;
  pc_utf8_decode((const unsigned char *)txt + s, e - s, &cp);
  if (type == T_WORD && is_upper_cp(cp))
    k->flags |= F_CAP;
  /* lower case straight into the token: no allocation per word */
  const unsigned char *p = (const unsigned char *)txt + s;
  size_t n = e - s, j = 0;
  for (size_t i = 0; i < n && j + 1 < sizeof k->low;) {
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
}

static bool word_cp(uint32_t cp) { return pc_uni_is_word(cp); }

/* Words keep inner apostrophes, hyphens and dots ("wasn't", "ISIS-K",
 * "U.S"); quotation marks and other punctuation are tokens of their own. */
static void mark_sentence_starts(struct at *a, size_t t0) {
  bool start = true;
  for (size_t i = t0; i < a->nt; i++) {
    struct tk *k = &a->t[i];
    if (k->type == T_WORD) {
      if (start)
        k->flags |= F_SENT;
      start = false;
    } else if (k->type == T_PUNCT && (strcmp(k->low, ".") == 0 ||
                                      strcmp(k->low, "?") == 0 ||
                                      strcmp(k->low, "!") == 0 ||
                                      strcmp(k->low, "\xE2\x80\xA6") == 0)) {
      start = true;
    }
  }
}

static void tokenize_block(struct at *a, uint32_t block) {
  const pc_text *tx = &a->doc->blocks[block].content;
  const unsigned char *p = (const unsigned char *)tx->text;
  size_t n = tx->len, i = 0;
  while (i < n && !a->oom) {
    uint32_t cp;
    size_t k = pc_utf8_decode(p + i, n - i, &cp);
    if (!k) {
      i++;
      continue;
    }
    if (pc_uni_is_space(cp) || cp == 0xA0) {
      i += k;
      continue;
    }
    bool mo, mc, single;
    size_t qm = qmark(p + i, n - i, &mo, &mc, &single);
    if (word_cp(cp)) {
      size_t j = i + k;
      while (j < n) {
        unsigned char b = p[j];
        if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
            (b >= '0' && b <= '9') || b == '_') {
          j++; /* ASCII letters: no decoding */
          continue;
        }
        uint32_t c2;
        size_t k2 = pc_utf8_decode(p + j, n - j, &c2);
        if (k2 && word_cp(c2)) {
          j += k2;
          continue;
        }
        /* inner ' ’ - . followed by a word character */
        if (k2 && (c2 == '\'' || c2 == 0x2019 || c2 == '-' || c2 == '.' ||
                   c2 == 0x2010)) {
          uint32_t c3;
          size_t k3 = j + k2 < n ? pc_utf8_decode(p + j + k2, n - j - k2, &c3) : 0;
          if (k3 && word_cp(c3)) {
            j += k2 + k3;
            continue;
          }
        }
        break;
      }
      add_token(a, block, (uint32_t)i, (uint32_t)j, T_WORD);
      i = j;
    } else if (qm) {
      add_token(a, block, (uint32_t)i, (uint32_t)(i + qm),
                mo && !mc ? T_QOPEN : mc && !mo ? T_QCLOSE : T_QOPEN);
      /* ambiguous marks (" “) are decided when pairing */
      a->t[a->nt - 1].flags |= (uint8_t)((mo && mc) ? 0x80 : 0) |
                               (uint8_t)(single ? 0x40 : 0);
      i += qm;
    } else {
      add_token(a, block, (uint32_t)i, (uint32_t)(i + k), T_PUNCT);
      i += k;
    }
  }
}

/*** spans *****************************************************************/

/* Pairs the quotation marks of one block [t0, t1).  Double marks pair
 * with double marks; single ones only nest inside a double pair (an
 * apostrophe is never taken for one outside).  A mark left open runs to
 * the block's end. */
static void pair_block(struct at *a, size_t t0, size_t t1) {
  size_t open = (size_t)-1;
  for (size_t i = t0; i < t1 && !a->oom; i++) {
    struct tk *k = &a->t[i];
    if (k->type != T_QOPEN && k->type != T_QCLOSE)
      continue;
    bool single = k->flags & 0x40, both = k->flags & 0x80;
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
      GROW(a, sp, nsp, capsp);
      if (a->oom)
        return;
      struct span *sp = &a->sp[a->nsp++];
      sp->o = open, sp->c = i, sp->block = k->block;
      sp->s = a->t[open].e, sp->e = k->s;
      sp->closed = true;
      sp->upper = open + 1 < i && (a->t[open + 1].flags & F_CAP);
      a->t[open].opens = (int)(a->nsp - 1);
      for (size_t k2 = open + 1; k2 < i; k2++)
        a->t[k2].in_span = (int)(a->nsp - 1);
      open = (size_t)-1;
    } else {
      open = i; /* a second opener: the first was stray */
    }
  }
  if (open != (size_t)-1 && open + 1 < t1) {
    GROW(a, sp, nsp, capsp);
    if (a->oom)
      return;
    struct span *sp = &a->sp[a->nsp++];
    sp->o = open, sp->c = t1 - 1, sp->block = a->t[open].block;
    sp->s = a->t[open].e;
    sp->e = a->t[t1 - 1].e;
    sp->closed = false;
    sp->upper = a->t[open + 1].flags & F_CAP;
    a->t[open].opens = (int)(a->nsp - 1);
    for (size_t k2 = open + 1; k2 < t1; k2++)
      a->t[k2].in_span = (int)(a->nsp - 1);
  }
}

/*** lexicon matching ******************************************************/


static bool low_eq(const struct tk *k, const char *w) {
  return strcmp(k->low, w) == 0;
}

/* Words of phrase p matched at token i (no slots); returns its length. */
static size_t match_phrase(const struct at *a, size_t i, size_t lim,
                           const struct pc_phrase *p) {
  if (i + p->n > lim)
    return 0;
  for (size_t k = 0; k < p->n; k++)
    if (!low_eq(&a->t[i + k], p->w[k]))
      return 0;
  return p->n;
}

/* Longest phrase of l at i; index in *which. */
static size_t match_list(const struct at *a, size_t i, size_t lim,
                         const struct pc_phrase_list *l, size_t *which) {
  size_t best = 0, end = 0;
  for (size_t k = pc_lex_first(l, a->t[i].low, &end); k < end; k++) {
    size_t m = match_phrase(a, i, lim, &l->p[k]);
    if (m > best) {
      best = m;
      if (which)
        *which = k;
    }
  }
  return best;
}

static bool in_list(const struct pc_phrase_list *l, const char *w) {
  size_t end = 0;
  for (size_t k = pc_lex_first(l, w, &end); k < end; k++)
    if (l->p[k].n == 1)
      return true;
  return false;
}

/* The tag of a one-word phrase of l ('f', 'm', 'p'...), or 0. */
static int list_tag(const struct pc_phrase_list *l, const char *w) {
  size_t end = 0;
  for (size_t k = pc_lex_first(l, w, &end); k < end; k++)
    if (l->p[k].n == 1)
      return l->p[k].tag;
  return 0;
}

/* "that": the word that opens reported content (data/<lang>/). */
static bool is_comp(const struct at *a, size_t i) {
  return in_list(&a->lex->comps, a->t[i].low);
}

static bool is_role_word(const struct at *a, size_t i) {
  return in_list(&a->lex->roles, a->t[i].low);
}

static bool stop_word(const struct at *a, const char *w);
static bool determiner(const struct at *a, const char *w);
static bool is_end_punct(const struct tk *k);

/* Whether w is a function word of the category (data: function-words.txt). */
static bool fw_is(const struct at *a, const char *w, int cat) {
  return (pc_lex_fw(a->lex, w) >> cat) & 1u;
}

/*** entities **************************************************************/

static char *text_of(const struct at *a, size_t t0, size_t t1) {
  if (t1 <= t0)
    return strdup("");
  const char *txt = btext(a, a->t[t0].block);
  uint32_t s = a->t[t0].s, e = a->t[t1 - 1].e;
  return strndup(txt + s, e - s);
}

static int find_entity(struct at *a, const char *name) {
  return map_get(&a->names, name);
}

static int add_entity(struct at *a, const char *name, pc_entity_type type,
                      const char *code) {
  int e = find_entity(a, name);
  if (e >= 0 || a->nen >= PC_MAX_ENTITIES)
    return e;
  GROW(a, en, nen, capen);
  if (a->oom)
    return -1;
  struct ent *x = &a->en[a->nen];
  memset(x, 0, sizeof *x);
  x->name = strdup(name);
  if (!x->name) {
    a->oom = true;
    return -1;
  }
  x->type = type;
  x->code = code;
  if (type == PC_ENTITY_PERSON) {
    const char *sp = strrchr(x->name, ' ');
    x->surname = sp ? sp + 1 : x->name;
    char first[32];
    size_t fl = 0;
    for (const char *c = x->name; *c && *c != ' ' && fl + 1 < sizeof first; c++)
      first[fl++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
    first[fl] = '\0';
    int g = list_tag(&a->lex->given, first);
    x->gender = g == 'f' || g == 'm' ? (char)g : 0;
    if (map_get(&a->surnames, x->surname) < 0 &&
        !map_put(&a->surnames, x->surname, (int)a->nen))
      a->oom = true;
  }
  if (!map_put(&a->names, x->name, (int)a->nen))
    a->oom = true;
  return (int)a->nen++;
}

static void add_alias(struct ent *x, const char *form) {
  if (strcmp(form, x->name) == 0 || x->naliases >= 8)
    return;
  for (size_t i = 0; i < x->naliases; i++)
    if (strcmp(x->aliases[i], form) == 0)
      return;
  char *d = strdup(form);
  if (d)
    x->aliases[x->naliases++] = d;
}

static void mark_tokens(struct at *a, size_t t0, size_t t1, int e) {
  for (size_t i = t0; i < t1; i++)
    a->t[i].ent = e;
  if (e >= 0) {
    a->en[e].mentions++;
    char *form = text_of(a, t0, t1);
    if (form) {
      add_alias(&a->en[e], form);
      free(form);
    }
  }
}

/* Capitalised words that start sentences or name no one. */
static bool function_cap(const struct at *a, const char *w) {
  return fw_is(a, w, PC_FW_CAP);
}

static bool org_head(const struct at *a, const char *w) {
  return fw_is(a, w, PC_FW_ORG);
}

static bool all_caps(const struct at *a, size_t i) {
  const char *txt = btext(a, a->t[i].block);
  size_t letters = 0;
  for (uint32_t k = a->t[i].s; k < a->t[i].e; k++) {
    char c = txt[k];
    if (c >= 'a' && c <= 'z')
      return false;
    letters += c >= 'A' && c <= 'Z';
  }
  return letters >= 2;
}

/* Whether w ends with one of the endings in category cat (data), w
 * keeping at least `stem` bytes before it; its length, 0 if none. */
static size_t ending(const struct at *a, const char *w, int cat, size_t stem) {
  const struct pc_phrase_list *l = &a->lex->fw[cat];
  size_t wl = strlen(w);
  for (size_t k = 0; k < l->n; k++) {
    size_t sl = strlen(l->p[k].w[0]);
    if (wl >= sl + stem && strcmp(w + wl - sl, l->p[k].w[0]) == 0)
      return sl;
  }
  return 0;
}

/* The possessive ending of a name ("'s", data: gen) does not belong to the
 * name; the text may write its apostrophe as ’, which tokens read as '. */
static void strip_possessive(const struct at *a, char *s) {
  size_t g = ending(a, s, PC_FW_GEN, 1);
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

static bool is_punct(const struct tk *k, const char *p) {
  return k->type == T_PUNCT && strcmp(k->low, p) == 0;
}

static bool is_role_word(const struct at *a, size_t i);
static char *np_text(const struct at *a, size_t t0, size_t t1);

/* The role stated with a person's first mention: an apposition after the
 * name (", director of the Conflicts Forum,") or the words before it
 * ("former senior British diplomat"). */
static char *person_role(const struct at *a, size_t run0, size_t s, size_t j,
                         size_t lim) {
  if (j + 1 < lim && is_punct(&a->t[j], ",")) {
    size_t e = j + 1;
    bool role = false;
    while (e < lim && e < j + 14 && a->t[e].type == T_WORD) {
      role = role || is_role_word(a, e);
      e++;
    }
    if (role && e < lim && (is_punct(&a->t[e], ",") || is_end_punct(&a->t[e])))
      return np_text(a, j + 1, e);
  }
  size_t b = s;
  while (b > 0 && b + 6 > s && a->t[b - 1].type == T_WORD &&
         a->t[b - 1].block == a->t[s].block && !stop_word(a, a->t[b - 1].low) &&
         !determiner(a, a->t[b - 1].low))
    b--;
  for (size_t k = b; k < s; k++)
    if (is_role_word(a, k))
      return np_text(a, b, s);
  (void)run0;
  return NULL;
}

static void entities(struct at *a) {
  const struct pc_lex *lx = a->lex;
  size_t i = 0, lim_for = 0;
  while (i < a->nt && !a->oom) {
    struct tk *k = &a->t[i];
    if (k->type != T_WORD || !(k->flags & F_CAP)) {
      i++;
      continue;
    }
    /* block limit for phrases, found once per block */
    if (i >= lim_for || a->t[lim_for - 1].block != k->block) {
      lim_for = i;
      while (lim_for < a->nt && a->t[lim_for].block == k->block)
        lim_for++;
    }
    size_t lim = lim_for;
    size_t which = 0;
    size_t m = match_list(a, i, lim, &lx->names, &which);
    if (m) {
      const struct pc_phrase *p = &lx->names.p[which];
      int e = add_entity(a, p->name, (pc_entity_type)p->tag, p->code);
      mark_tokens(a, i, i + m, e);
      i += m;
      continue;
    }
    /* a run of capitalised words */
    size_t j = i;
    while (j < lim && !(j > i && match_list(a, j, lim, &lx->names, NULL))) {
      if (a->t[j].type == T_WORD && (a->t[j].flags & F_CAP)) {
        j++;
        continue;
      }
      /* a particle inside a name: "Monica de Bolle" */
      if (j > i && a->t[j].type == T_WORD && fw_is(a, a->t[j].low, PC_FW_PART) &&
          j + 1 < lim && a->t[j + 1].type == T_WORD &&
          (a->t[j + 1].flags & F_CAP)) {
        j++;
        continue;
      }
      /* an initial: "Mary E. Lovely" */
      if (j > i && is_punct(&a->t[j], ".") && strlen(a->t[j - 1].low) == 1 &&
          j + 1 < lim && (a->t[j + 1].flags & F_CAP) &&
          a->t[j + 1].type == T_WORD) {
        j++;
        continue;
      }
      break;
    }
    size_t s = i;
    while (s < j && function_cap(a, a->t[s].low))
      s++;
    /* leading role words ("President", "Senator") are not the name */
    size_t titled = s;
    while (s < j && (in_list(&lx->roles, a->t[s].low) ||
                     in_list(&lx->honorifics, a->t[s].low)))
      s++;
    bool after_title = s > titled;
    /* "Indiana State Teachers Association President Keith Gambill": the
     * name follows the last title inside the run */
    for (size_t r = j; r-- > s + 1;)
      if (in_list(&lx->roles, a->t[r].low) && r + 1 < j) {
        char *org = text_of(a, s, r);
        if (org) {
          int e = add_entity(a, org, PC_ENTITY_ORG, NULL);
          mark_tokens(a, s, r, e);
          free(org);
        }
        s = r + 1;
        after_title = true;
        break;
      }
    if (s < j) {
      char *name = text_of(a, s, j);
      if (!name) {
        a->oom = true;
        return;
      }
      strip_possessive(a, name);
      bool org = org_head(a, a->t[j - 1].low) || (j - s == 1 && all_caps(a, s));
      /* "the Joint Chiefs", "the Big Machine deal": a determiner does not
       * stand before a personal name */
      if (j - s >= 2 && s == i && i > 0 && a->t[i - 1].block == k->block &&
          a->t[i - 1].type == T_WORD && determiner(a, a->t[i - 1].low))
        org = true;
      if (j - s >= 2 && j - s <= 4 && !org) {
        int e = add_entity(a, name, PC_ENTITY_PERSON, NULL);
        mark_tokens(a, s, j, e);
        if (e >= 0 && !a->en[e].role)
          a->en[e].role = person_role(a, i, s, j, lim);
      } else if (org) {
        int e = add_entity(a, name, PC_ENTITY_ORG, NULL);
        mark_tokens(a, s, j, e);
      } else if (j - s == 1) {
        /* a surname of someone named before */
        int known = map_get(&a->surnames, name);
        if (known >= 0)
          mark_tokens(a, s, j, known);
        if (a->t[s].ent < 0 && after_title) {
          int e = add_entity(a, name, PC_ENTITY_PERSON, NULL);
          mark_tokens(a, s, j, e);
        }
      }
      free(name);
    }
    i = j > i ? j : i + 1;
  }
}

/*** sentences *************************************************************/

static bool is_end_punct(const struct tk *k) {
  return k->type == T_PUNCT &&
         (strcmp(k->low, ".") == 0 || strcmp(k->low, "?") == 0 ||
          strcmp(k->low, "!") == 0 || strcmp(k->low, "\xE2\x80\xA6") == 0);
}

/* The span (index) that token i lies strictly inside, or -1. */
static int span_of(const struct at *a, size_t i, size_t sp0, size_t sp1) {
  (void)sp0, (void)sp1;
  return a->t[i].in_span;
}

/* End (exclusive) of the sentence starting at t0 within [t0, t1): at end
 * punctuation outside quoted spans (or just after a closing mark that
 * follows it), not after an abbreviation. */
static size_t sentence_end(const struct at *a, size_t t0, size_t t1,
                           size_t sp0, size_t sp1) {
  for (size_t i = t0; i < t1; i++) {
    const struct tk *k = &a->t[i];
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
      const struct tk *p = &a->t[i - 1];
      if (in_list(&a->lex->honorifics, p->low) ||
          (p->type == T_WORD && strlen(p->low) == 1 && (p->flags & F_CAP)))
        continue;
    }
    size_t e = i + 1;
    while (e < t1 && (is_end_punct(&a->t[e]) || a->t[e].type == T_QCLOSE))
      e++;
    return e;
  }
  return t1;
}

/*** speakers **************************************************************/

struct who {
  char *name;
  int ent;
  char *role;
};

static void who_free(struct who *w) {
  free(w->name);
  free(w->role);
  w->name = w->role = NULL;
}


static bool stop_word(const struct at *a, const char *w) {
  return fw_is(a, w, PC_FW_STOP);
}

static bool aux_word(const struct at *a, const char *w) {
  return fw_is(a, w, PC_FW_AUX);
}

static bool determiner(const struct at *a, const char *w) {
  return fw_is(a, w, PC_FW_DET);
}

/* Text of [t0, t1) without a leading determiner; NULL when empty. */
static char *np_text(const struct at *a, size_t t0, size_t t1) {
  while (t0 < t1 && (determiner(a, a->t[t0].low) || a->t[t0].type != T_WORD))
    t0++;
  while (t1 > t0 && a->t[t1 - 1].type != T_WORD)
    t1--;
  if (t1 <= t0)
    return NULL;
  char *s = text_of(a, t0, t1);
  if (s)
    strip_possessive(a, s);
  return s;
}

static bool preposition(const struct at *a, const char *w) {
  return fw_is(a, w, PC_FW_PREP);
}

/* The last person named before token i, leaving out names governed by a
 * preposition ("an article for Al Mayadeen"): a pronoun refers back to a
 * subject or an appositive far more often. */
/* The last person named before token i (of the pronoun's gender when the
 * given name tells it), leaving out names governed by a preposition ("an
 * article for Al Mayadeen"): precomputed per token in pc_attribute. */
static int last_person_g(const struct at *a, size_t i, int gender) {
  /* a person whose name tells the gender wins over a nearer one whose
   * name does not ("Big Machine" is not "she") */
  enum { NEAR = 100 }; /* tokens: a few sentences back */
  if (gender == 'm' && a->lastk_m && a->lastk_m[i] >= 0 &&
      i - a->lastk_m_at[i] <= NEAR)
    return a->lastk_m[i];
  if (gender == 'f' && a->lastk_f && a->lastk_f[i] >= 0 &&
      i - a->lastk_f_at[i] <= NEAR)
    return a->lastk_f[i];
  if (gender == 'm' && a->lastp_m)
    return a->lastp_m[i];
  if (gender == 'f' && a->lastp_f)
    return a->lastp_f[i];
  return a->lastp ? a->lastp[i] : -1;
}


static struct who resolve_np_ex(struct at *a, size_t n0, size_t n1,
                                bool groups);

/* Whether the person named at i owns what follows ("Trump's lawyer",
 * "Nisan Ahmado's source"): a possessive ending, then a word, before n1. */
static bool owned_phrase(const struct at *a, size_t i, size_t n1) {
  int e = a->t[i].ent;
  while (i + 1 < n1 && a->t[i + 1].ent == e)
    i++;
  return e >= 0 && i + 1 < n1 && a->t[i + 1].type == T_WORD &&
         ending(a, a->t[i].low, PC_FW_GEN, 1);
}

static struct who resolve_np(struct at *a, size_t n0, size_t n1) {
  return resolve_np_ex(a, n0, n1, true);
}

/* groups: whether a plural noun phrase ("Backers of tariffs") may name a
 * speaker and "the president" the person last named with that role; not
 * for the words between commas, which are appositions. */
static struct who resolve_np_ex(struct at *a, size_t n0, size_t n1,
                                bool groups) {
  struct who w = {NULL, -1, NULL};
  if (n1 <= n0)
    return w;
  for (size_t i = n0; i < n1; i++) {
    int e = a->t[i].ent;
    /* "a teacher at Gibson Southern": a name after a preposition only
     * modifies the phrase */
    /* also after lower-case words that follow a preposition: "head of
     * the group Full Fact" (not "Secretary of State Mike Pompeo") */
    size_t pb = i;
    while (pb > n0 && a->t[pb - 1].type == T_WORD &&
           !(a->t[pb - 1].flags & F_CAP) && !preposition(a, a->t[pb - 1].low))
      pb--;
    if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON && pb > n0 &&
        a->t[pb - 1].ent != e && preposition(a, a->t[pb - 1].low)) {
      while (i + 1 < n1 && a->t[i + 1].ent == e)
        i++; /* the whole name, not only its first word */
      continue;
    }
    if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON) {
      /* "Trump's lawyer said": the name's owner is not the speaker, the
       * phrase is */
      if (owned_phrase(a, i, n1)) {
        w.name = np_text(a, n0, n1);
        w.role = w.name ? strdup(w.name) : NULL;
        return w;
      }
      /* "Oklahoma City coach Billy Donovan": a name, lower-case words,
       * then another name: the last is the head */
      size_t j = i;
      while (j < n1 && a->t[j].ent == e)
        j++;
      size_t m = j;
      while (m < n1 && a->t[m].type == T_WORD && !(a->t[m].flags & F_CAP) &&
             !stop_word(a, a->t[m].low) && !fw_is(a, a->t[m].low, PC_FW_CONJ))
        m++;
      if (m > j && m < n1 && a->t[m].ent >= 0 && a->t[m].ent != e &&
          a->en[a->t[m].ent].type == PC_ENTITY_PERSON) {
        i = m - 1;
        continue;
      }
      w.ent = e;
      w.name = strdup(a->en[e].name);
      size_t r = i;
      while (r > n0 && a->t[r - 1].ent == e)
        r--;
      w.role = np_text(a, n0, r);
      if (!w.role && a->en[e].role)
        w.role = strdup(a->en[e].role);
      return w;
    }
  }
  if (n1 - n0 == 1 && in_list(&a->lex->pronouns, a->t[n0].low)) {
    int g = list_tag(&a->lex->pronouns, a->t[n0].low);
    int e = last_person_g(a, n0, g);
    /* "Figgins, who represents Thomas, said ... He said": one only named
     * in the sentence of the last speaker does not take over from them */
    if (e >= 0 && (g == 'm' || g == 'f') && a->nq) {
      const struct qt *q = &a->q[a->nq - 1];
      size_t at = n0; /* where e was named last (1-based), 0: not found */
      while (at > 0 && at + 200 > n0 && a->t[at - 1].ent != e)
        at--;
      bool found = at > 0 && a->t[at - 1].ent == e;
      if (found && q->ent >= 0 && q->ent != e && q->t1 <= n0 &&
          q->t1 + 80 >= n0 && a->en[q->ent].type == PC_ENTITY_PERSON &&
          (a->en[q->ent].gender == g || a->en[q->ent].gender == 0) &&
          at > q->t0 && at <= q->t1)
        e = q->ent;
    }
    if (e >= 0) {
      w.ent = e;
      w.name = strdup(a->en[e].name);
      if (a->en[e].role)
        w.role = strdup(a->en[e].role);
    }
    return w;
  }
  /* "the president says": the person last named with that role
   * ("President Donald Trump") */
  if (groups && n1 - n0 >= 2 && n1 - n0 <= 3 && determiner(a, a->t[n0].low) &&
      !fw_is(a, a->t[n0].low, PC_FW_POSS) && a->t[n1 - 1].type == T_WORD &&
      is_role_word(a, n1 - 1)) {
    const char *rw = a->t[n1 - 1].low;
    for (size_t k = n0; k-- > 0 && k + 600 > n0;) {
      int e = a->t[k].ent;
      if (e < 0 || a->en[e].type != PC_ENTITY_PERSON || !a->en[e].role)
        continue;
      char low[128];
      size_t j = 0;
      for (const char *c = a->en[e].role; *c && j + 1 < sizeof low; c++)
        low[j++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
      low[j] = '\0';
      const char *hit = strstr(low, rw);
      size_t rl = strlen(rw);
      if (hit && (hit == low || hit[-1] == ' ') &&
          (hit[rl] == '\0' || hit[rl] == ' ')) {
        w.ent = e;
        w.name = strdup(a->en[e].name);
        w.role = strdup(a->en[e].role);
        return w;
      }
    }
  }
  for (size_t i = n0; i < n1; i++)
    if (a->t[i].type == T_WORD && in_list(&a->lex->roles, a->t[i].low)) {
      w.name = np_text(a, n0, n1);
      w.role = w.name ? strdup(w.name) : NULL;
      return w;
    }
  for (size_t i = n0; i < n1; i++)
    if (a->t[i].ent >= 0) {
      if (a->en[a->t[i].ent].type == PC_ENTITY_PERSON) {
        /* only a name after a preposition ("CEO of Ceres Robotics"): the
         * phrase is a role, and the person may stand before it */
        w.name = np_text(a, n0, n1);
        w.role = w.name ? strdup(w.name) : NULL;
        return w;
      }
      if (a->t[n1 - 1].ent != a->t[i].ent) {
        /* "the US military", "Afghan Taliban": the name only modifies the
         * phrase's head, which is the speaker */
        w.name = np_text(a, n0, n1);
        w.role = w.name ? strdup(w.name) : NULL;
        return w;
      }
      w.ent = a->t[i].ent;
      w.name = strdup(a->en[w.ent].name);
      return w;
    }
  /* "the company", "the ministry": the organisation named last, else the
   * phrase itself */
  if (n1 - n0 <= 3 && determiner(a, a->t[n0].low) &&
      a->t[n1 - 1].type == T_WORD && org_head(a, a->t[n1 - 1].low)) {
    /* the same description as before stands for the same one: "The
     * group announced ... a deal with JLL. The group said" */
    const char *head = a->t[n1 - 1].low;
    bool poss = fw_is(a, a->t[n0].low, PC_FW_POSS);
    int e = -1;
    for (size_t d = a->ndr; !poss && d-- > 0 && e < 0;)
      if (a->dr[d].at < n0 && n0 - a->dr[d].at < 600 &&
          strcmp(a->dr[d].head, head) == 0)
        e = a->dr[d].ent;
    /* not "his office": that is someone's, not the last one named */
    for (size_t k = n0; e < 0 && !poss && k-- > 0 && k + 600 > n0;) {
      int ke = a->t[k].ent;
      if (ke >= 0 && (a->en[ke].type == PC_ENTITY_ORG ||
                      a->en[ke].type == PC_ENTITY_GROUP))
        e = ke;
    }
    if (e >= 0) {
      bool known = false;
      for (size_t d = 0; d < a->ndr && !known; d++)
        known = a->dr[d].at == n0;
      if (!known && strlen(head) < sizeof a->dr[0].head) {
        if (a->ndr == DEFREFS) { /* the oldest goes */
          memmove(a->dr, a->dr + 1, (DEFREFS - 1) * sizeof *a->dr);
          a->ndr--;
        }
        struct defref *r = &a->dr[a->ndr++];
        memcpy(r->head, head, strlen(head) + 1);
        r->ent = e, r->at = n0;
      }
      w.ent = e;
      w.name = strdup(a->en[e].name);
      w.role = np_text(a, n0, n1);
      return w;
    }
    w.name = np_text(a, n0, n1);
    return w;
  }
  /* a name not known as anything: "Nomura said" */
  bool caps = n1 - n0 <= 4;
  for (size_t i = n0; i < n1 && caps; i++)
    caps = a->t[i].type == T_WORD && (a->t[i].flags & F_CAP) &&
           !function_cap(a, a->t[i].low) && !stop_word(a, a->t[i].low);
  if (caps) {
    w.name = np_text(a, n0, n1);
    return w;
  }
  /* a group named by a plural noun: "Backers of tariffs", "Both sides" */
  const char *head = a->t[n1 - 1].low;
  size_t hl = strlen(head);
  if (groups && n1 - n0 <= 6 && a->t[n1 - 1].type == T_WORD && hl > 3 &&
      ending(a, head, PC_FW_PL, 3) && !ending(a, head, PC_FW_NOTPL, 1) &&
      !stop_word(a, a->t[n0].low) && !function_cap(a, head)) {
    w.name = np_text(a, n0, n1);
    return w;
  }
  return w;
}

/* Start of the noun phrase ending at `end` (exclusive), not before lo. */
static bool is_role_word(const struct at *a, size_t i);

/* A word written in capitals ("WHO", "IT"): a name, not the function word
 * it spells. */
static bool acronym(const struct at *a, size_t i) {
  const struct tk *k = &a->t[i];
  if (k->type != T_WORD || k->e - k->s < 2)
    return false;
  const char *t = btext(a, k->block);
  for (uint32_t j = k->s; j < k->e; j++)
    if (t[j] >= 'a' && t[j] <= 'z')
      return false;
  return true;
}

/* A relative pronoun that is its clause's subject ("who", "which"; not
 * "whose lawyer said", "where officials say"), not an acronym ("WHO"). */
static bool subject_rel(const struct at *a, size_t i) {
  return a->t[i].type == T_WORD && fw_is(a, a->t[i].low, PC_FW_REL) &&
         (strcmp(a->t[i].low, "who") == 0 || strcmp(a->t[i].low, "which") == 0) &&
         !acronym(a, i);
}

static size_t np_start(const struct at *a, size_t lo, size_t end) {
  size_t b = end;
  while (b > lo) {
    const struct tk *k = &a->t[b - 1];
    /* "China's ambassador to Britain": a role word's preposition stays */
    if (k->type == T_WORD && stop_word(a, k->low) && preposition(a, k->low) &&
        b - 1 > lo && b < end && a->t[b - 2].type == T_WORD &&
        is_role_word(a, b - 2)) {
      b--;
      continue;
    }
    /* "though officials said": a subordinator opens no name */
    if (k->type != T_WORD ||
        ((stop_word(a, k->low) || fw_is(a, k->low, PC_FW_SUB)) &&
         !acronym(a, b - 1)))
      break;
    b--;
  }
  return b;
}

static bool boundary_tok(const struct tk *k) {
  return k->type == T_QOPEN || k->type == T_QCLOSE ||
         (k->type == T_PUNCT && strchr(".;:?!()", k->low[0]) != NULL);
}

/* boundary_tok, but not the dot of an abbreviation ("U.S.", "Nov.") */
static bool hard_boundary(const struct at *a, size_t i) {
  if (is_punct(&a->t[i], ".") && i > 0 && a->t[i - 1].type == T_WORD &&
      in_list(&a->lex->honorifics, a->t[i - 1].low))
    return false;
  return boundary_tok(&a->t[i]);
}

/* Start of the auxiliaries and adverbs, with the commas that set an adverb
 * off, that stand before token at: "The Afghan Taliban, however, claimed",
 * "He has consistently denied". */
static size_t skip_adverbs(const struct at *a, size_t lo, size_t at) {
  size_t start = at;
  while (at > lo) {
    const struct tk *k = &a->t[at - 1];
    if (k->type == T_WORD && aux_word(a, k->low)) {
      at--;
    } else if (is_punct(k, ",") &&
               ((at - 1 > lo && a->t[at - 2].type == T_WORD &&
                 aux_word(a, a->t[at - 2].low)) ||
                (at < start && aux_word(a, a->t[at].low)))) {
      at--;
    } else {
      break;
    }
  }
  return at;
}

/* The speaker left of a cue at token c (the sentence starts at lo). */
static struct who speaker_left(struct at *a, size_t lo, size_t c) {
  size_t end = skip_adverbs(a, lo, c);
  if (end > lo && is_punct(&a->t[end - 1], ",")) {
    /* "Montell Figgins, who represents Thomas, said": a relative clause
     * between commas describes the name before it */
    size_t rs = end - 1;
    while (rs > lo && !is_punct(&a->t[rs - 1], ",") && !hard_boundary(a, rs - 1) &&
           end - rs < 24)
      rs--;
    if (rs > lo + 1 && rs + 1 < end && is_punct(&a->t[rs - 1], ",") &&
        a->t[rs].type == T_WORD && subject_rel(a, rs)) {
      size_t nb = np_start(a, lo, rs - 1);
      struct who p = resolve_np(a, nb, rs - 1);
      if (p.name)
        return p;
      who_free(&p);
    }
    /* "the head of X, Alexander Bortnikov, told ..." */
    size_t e2 = end - 1, b2 = np_start(a, lo, e2);
    struct who w = resolve_np_ex(a, b2, e2, false);
    if (w.name && w.ent < 0 && b2 > lo && is_punct(&a->t[b2 - 1], ",")) {
      /* "John Smith, the minister, said": the person, with the role */
      size_t nb = np_start(a, lo, b2 - 1);
      struct who p = resolve_np(a, nb, b2 - 1);
      if (p.name && p.ent >= 0 && a->en[p.ent].type == PC_ENTITY_PERSON) {
        free(p.role);
        p.role = w.role ? strdup(w.role) : np_text(a, b2, e2);
        who_free(&w);
        return p;
      }
      who_free(&p);
    }
    if (!w.name || w.ent < 0 ||
        a->en[w.ent].type != PC_ENTITY_PERSON) {
      /* "Omar Lamrani, a senior analyst at Stratfor, the Texas-based
       * firm, told ...": the person among up to four appositions */
      size_t seg_e = b2;
      if (!(seg_e > lo && is_punct(&a->t[seg_e - 1], ","))) {
        /* "Charles Simpson, program administrator ... at Tufts
         * University's Center, told": the apposition holds more than one
         * noun phrase; start from the comma that opens it */
        size_t s = b2;
        while (s > lo && !is_punct(&a->t[s - 1], ",") &&
               !hard_boundary(a, s - 1) && e2 - s < 32)
          s--;
        if (s > lo && is_punct(&a->t[s - 1], ","))
          seg_e = s;
      }
      for (int k = 0; k < 4 && seg_e > lo &&
                      is_punct(&a->t[seg_e - 1], ","); k++) {
        size_t se = seg_e - 1, sb = se;
        while (sb > lo && !is_punct(&a->t[sb - 1], ",") &&
               !hard_boundary(a, sb - 1) && se - sb < 16)
          sb--;
        size_t nb = np_start(a, sb, se);
        /* the whole segment is the name: not "After meeting Putin, the
         * Kremlin said" */
        bool whole = true;
        for (size_t z = sb; z < nb && whole; z++)
          whole = (a->t[z].type == T_WORD &&
                   ((stop_word(a, a->t[z].low) &&
                     !preposition(a, a->t[z].low)) ||
                    in_list(&a->lex->honorifics, a->t[z].low) ||
                    is_role_word(a, z))) ||
                  is_punct(&a->t[z], "."); /* "but General X", "Dr. X" */
        struct who p = {NULL, -1, NULL};
        if (whole)
          p = resolve_np(a, nb, se);
        bool owned = false;
        for (size_t z = nb; z < se && !owned; z++)
          owned = a->t[z].ent >= 0 &&
                  a->en[a->t[z].ent].type == PC_ENTITY_PERSON &&
                  owned_phrase(a, z, se);
        if (p.name && owned) { /* "X's source inside the camp, a refugee" */
          who_free(&w);
          return p;
        }
        if (p.name && p.ent >= 0 && a->en[p.ent].type == PC_ENTITY_PERSON) {
          size_t re = se + 1;
          while (re < e2 && !is_punct(&a->t[re], ","))
            re++;
          free(p.role);
          p.role = np_text(a, se + 1, re);
          if (!p.role && a->en[p.ent].role)
            p.role = strdup(a->en[p.ent].role);
          who_free(&w);
          return p;
        }
        who_free(&p);
        seg_e = sb;
      }
    }
    if (!w.name) {
      /* "Mayer, Disney's chairman of ..., said": the name before the
       * role in commas */
      size_t cm = e2;
      while (cm > lo && cm + 14 > e2 && !is_punct(&a->t[cm - 1], ","))
        cm--;
      if (cm > lo && is_punct(&a->t[cm - 1], ",")) {
        size_t nb = np_start(a, lo, cm - 1);
        who_free(&w);
        w = resolve_np(a, nb, cm - 1);
        if (w.name && w.ent >= 0) {
          free(w.role);
          w.role = np_text(a, cm, e2);
        } else {
          who_free(&w);
        }
      }
      return w;
    }
    if (w.name && b2 > lo && is_punct(&a->t[b2 - 1], ",")) {
      size_t rb = np_start(a, lo, b2 - 1);
      char *role = np_text(a, rb, b2 - 1);
      if (role) {
        free(w.role);
        w.role = role;
      }
    }
    return w;
  }
  /* "analysts who have done the calculations say": the subject is what
   * the relative pronoun refers to */
  for (size_t r = end; r > lo + 1 && r + 8 > end; r--) {
    const struct tk *k = &a->t[r - 1];
    if (k->type != T_WORD)
      break;
    if (!subject_rel(a, r - 1))
      continue;
    if (a->t[r - 2].type == T_WORD && !stop_word(a, a->t[r - 2].low)) {
      size_t nb = np_start(a, lo, r - 1);
      struct who p = resolve_np(a, nb, r - 1);
      if (p.name)
        return p;
      who_free(&p);
    }
    break;
  }
  size_t b = np_start(a, lo, end);
  /* "At the time she described": a pronoun right before the cue is the
   * subject, whatever stands before it */
  if (end > b + 1 && a->t[end - 1].type == T_WORD &&
      in_list(&a->lex->pronouns, a->t[end - 1].low))
    b = end - 1;
  return resolve_np(a, b, end);
}

static bool participle_form(const struct at *a, const char *w);

/* A cue at i (outside spans): its length, 0 if none. */
static size_t cue_at(const struct at *a, size_t i, size_t lim, size_t sp0,
                     size_t sp1) {
  if (a->t[i].type != T_WORD || span_of(a, i, sp0, sp1) >= 0)
    return 0;
  /* "States" in "United States" is a name, not a verb */
  if ((a->t[i].flags & F_CAP) && !(a->t[i].flags & F_SENT))
    return 0;
  size_t len = a->t[i].cue; /* looked up once per token, in pc_attribute */
  /* "he was told", "X was accused of": a passive cue's subject is not the
   * speaker ("was saying" is no passive) */
  if (len && i > 0 && a->t[i - 1].type == T_WORD &&
      a->t[i - 1].block == a->t[i].block &&
      fw_is(a, a->t[i - 1].low, PC_FW_PASS) &&
      !participle_form(a, a->t[i].low))
    return 0;
  return i + len <= lim ? len : 0;
}

/*** speech ****************************************************************/

static int add_quote(struct at *a, uint32_t block, size_t c0, size_t c1,
                     pc_quote_kind kind, const struct who *w, const char *cue,
                     int parent, size_t t0, size_t t1) {
  if (c1 <= c0 || a->nq >= PC_MAX_QUOTES)
    return -1;
  GROW(a, q, nq, capq);
  if (a->oom)
    return -1;
  struct qt *q = &a->q[a->nq];
  memset(q, 0, sizeof *q);
  /* bytes: inside the marks when the content is exactly one span */
  q->block = block;
  q->s = a->t[c0].s;
  q->e = a->t[c1 - 1].e;
  /* the marks go when they enclose the whole quote, else both stay */
  int sp = a->t[c0].opens;
  if (sp >= 0 && a->sp[sp].c == c1 - 1 && a->sp[sp].closed) {
    q->s = a->t[c0].e;
    q->e = a->t[c1 - 1].s;
  } else if (sp >= 0 && !a->sp[sp].closed && a->sp[sp].c == c1 - 1) {
    q->s = a->t[c0].e; /* open to the paragraph's end */
  }
  while (q->e > q->s && (btext(a, block)[q->e - 1] == ',' ||
                         btext(a, block)[q->e - 1] == ' '))
    q->e--;
  if (q->e <= q->s)
    return -1;
  q->kind = kind;
  q->speaker = w && w->name ? strdup(w->name) : NULL;
  q->ent = w ? w->ent : -1;
  q->role = w && w->role ? strdup(w->role) : NULL;
  q->cue = cue ? strdup(cue) : NULL;
  q->parent = parent;
  q->t0 = t0, q->t1 = t1;
  return (int)a->nq++;
}

/* Spans lying inside [c0, c1). */
static int spans_inside(const struct at *a, size_t c0, size_t c1, size_t sp0,
                        size_t sp1, size_t *only) {
  int n = 0;
  (void)sp0, (void)sp1;
  for (size_t i = c0; i < c1; i++) {
    int s = a->t[i].opens;
    if (s >= 0 && a->sp[s].c < c1) {
      n++;
      *only = (size_t)s;
      i = a->sp[s].c;
    }
  }
  return n;
}

/* Where reported content after a cue ends: the sentence's end, or ", but",
 * ";" or a second "that" clause (", and that"). */
static size_t cue_at(const struct at *a, size_t i, size_t lim, size_t sp0,
                     size_t sp1);


/* True when a quoted span opens in (i, t1): the clause still reports. */
static bool span_after(const struct at *a, size_t i, size_t t1) {
  for (size_t k = i + 1; k < t1; k++)
    if (a->t[k].opens >= 0)
      return true;
  return false;
}

static size_t clause_end(const struct at *a, size_t c0, size_t t1, size_t sp0,
                         size_t sp1) {
  bool nested = false; /* ", and that" then belongs to the inner speaker */
  for (size_t i = c0; i < t1; i++) {
    /* 'its claim “is false,” and that “...”': the comma inside the marks */
    if (!nested && a->t[i].type == T_QCLOSE && i > c0 &&
        is_punct(&a->t[i - 1], ",") && i + 2 < t1 &&
        fw_is(a, a->t[i + 1].low, PC_FW_CONJ) && is_comp(a, i + 2))
      return i + 1;
    if (span_of(a, i, sp0, sp1) >= 0 || a->t[i].type == T_QOPEN)
      continue;
    /* "described this as X and accused him of Y": a second cue of the
     * same subject ends the first report */
    if (!nested && i > c0 && fw_is(a, a->t[i - 1].low, PC_FW_CONJ) &&
        cue_at(a, i, t1, sp0, sp1) &&
        !fw_is(a, a->t[i].low, PC_FW_TELL))
      return i - 1;
    /* "revealed the news, noting that ...": a participle cue after a comma
     * reports a second thing */
    if (!nested && is_punct(&a->t[i], ",") && i + 1 < t1 &&
        cue_at(a, i + 1, t1, sp0, sp1) &&
        participle_form(a, a->t[i + 1].low))
      return i;
    if (!nested && cue_at(a, i, t1, sp0, sp1))
      nested = true;
    if (is_punct(&a->t[i], ";"))
      return i;
    /* "says his approach has created leverage — and in some cases, he is
     * right": the writer's own words after a dash */
    if ((is_punct(&a->t[i], "\xE2\x80\x94") ||
         is_punct(&a->t[i], "\xE2\x80\x93")) && i > c0 && i + 1 < t1 &&
        (fw_is(a, a->t[i + 1].low, PC_FW_CONJ) ||
         fw_is(a, a->t[i + 1].low, PC_FW_CONTRAST)))
      return i;
    if (is_punct(&a->t[i], ",") && i + 1 < t1 &&
        fw_is(a, a->t[i + 1].low, PC_FW_SUB) && !span_after(a, i, t1))
      return i;
    if (is_punct(&a->t[i], ",") && i + 1 < t1 &&
        (fw_is(a, a->t[i + 1].low, PC_FW_CONTRAST) ||
         (!nested && fw_is(a, a->t[i + 1].low, PC_FW_CONJ) && i + 2 < t1 &&
          is_comp(a, i + 2))))
      return i;
  }
  return t1;
}

static void speech_in(struct at *a, size_t t0, size_t t1, size_t sp0,
                      size_t sp1, int parent, int depth);

/* Reported content [c0, c1) by w: one quote, and speech reported in it. */
static void content(struct at *a, size_t c0, size_t c1, const struct who *w,
                    const char *cue, int parent, size_t t0, size_t t1,
                    size_t sp0, size_t sp1, int depth) {
  while (c0 < c1 && (is_punct(&a->t[c0], ",") || is_punct(&a->t[c0], ":") ||
                     is_comp(a, c0)))
    c0++;
  while (c1 > c0 && a->t[c1 - 1].type == T_PUNCT)
    c1--;
  if (c1 <= c0)
    return;
  size_t only = 0;
  int n = spans_inside(a, c0, c1, sp0, sp1, &only);
  pc_quote_kind kind = PC_QUOTE_INDIRECT;
  if (n == 1 && a->sp[only].o == c0 && a->sp[only].c + 1 >= c1) {
    /* a whole sentence in the marks is direct; words without a sentence's
     * end are part of the reported clause */
    size_t last = a->sp[only].c;
    while (last > c0 && a->t[last - 1].type == T_QCLOSE)
      last--;
    bool sentence = last > c0 && (is_end_punct(&a->t[last - 1]) ||
                                  is_punct(&a->t[last - 1], ","));
    kind = a->sp[only].upper && sentence ? PC_QUOTE_DIRECT : PC_QUOTE_MIXED;
  }
  else if (n > 0)
    kind = PC_QUOTE_MIXED;
  int q = add_quote(a, a->t[c0].block, c0, c1, kind, w, cue, parent, t0, t1);
  if (q >= 0 && depth == 0)
    speech_in(a, c0, c1, sp0, sp1, q, depth + 1);
}

/* The cue phrase's text as written, lower case. */
static char *cue_text(const struct at *a, size_t i, size_t len) {
  char *s = text_of(a, i, i + len);
  if (s)
    for (char *p = s; *p; p++)
      if (*p >= 'A' && *p <= 'Z')
        *p = (char)(*p + 32);
  return s;
}

/* Speech in the sentence [t0, t1): cue verbs, frames, quoted spans. */
/* After a cue at the end of speech ("..., Cook said Tuesday.") only a few
 * words follow before the sentence or clause ends. */
static bool attribution_ends(const struct at *a, size_t after, size_t t1) {
  if (after < t1 && a->t[after].type == T_WORD &&
      fw_is(a, a->t[after].low, PC_FW_AFTER))
    return true; /* "said of that on-ramp", "noted as she left" */
  size_t k = after;
  while (k < t1 && k < after + 3 && a->t[k].type == T_WORD &&
         !stop_word(a, a->t[k].low))
    k++;
  if (k >= t1)
    return true;
  if (is_end_punct(&a->t[k]))
    return true;
  if (is_punct(&a->t[k], ","))
    /* "sagte, dass ..." and "said, “...”" go on reporting */
    return !(k + 1 < t1 && (is_comp(a, k + 1) || a->t[k + 1].type == T_QOPEN));
  /* "noted as she left", "said Tuesday at ...", but not "assailed
   * Williams as part of ..." or "said he's proud of ...": the words
   * skipped are a time or an adverb */
  for (size_t z = after; z < k; z++)
    if (!(a->t[z].flags & F_CAP) && !aux_word(a, a->t[z].low) &&
        !(a->t[z].low[0] >= '0' && a->t[z].low[0] <= '9'))
      return false;
  /* "Cook said while visiting ...", "Dempsey said, adding ..." */
  return fw_is(a, a->t[k].low, PC_FW_AFTER);
}

/* Whether the noun phrase before token i follows a preposition: "posted
 * on Twitter accusing ..." (Twitter is not who accuses). */
static bool after_prep(const struct at *a, size_t t0, size_t i) {
  size_t b = np_start(a, t0, i);
  return b < i && b > t0 && a->t[b - 1].type == T_WORD &&
         preposition(a, a->t[b - 1].low);
}

/* Whether a relative pronoun stands in [t0, t1): "a refugee who feared
 * ... and asked" has "who" for its subject, not the sentence's. */
static bool rel_between(const struct at *a, size_t t0, size_t t1) {
  for (size_t k = t0; k < t1; k++)
    if (a->t[k].type == T_WORD && fw_is(a, a->t[k].low, PC_FW_REL))
      return true;
  return false;
}

/* A word with a participle ending (data: ptcp), such as "saying". */
static bool participle_form(const struct at *a, const char *w) {
  const struct pc_phrase_list *l = &a->lex->fw[PC_FW_PTCP];
  size_t wl = strlen(w);
  for (size_t k = 0; k < l->n; k++) {
    size_t sl = strlen(l->p[k].w[0]);
    if (wl > sl + 2 && strcmp(w + wl - sl, l->p[k].w[0]) == 0)
      return true;
  }
  return false;
}

/* Literal words of a frame (slots such as {S} left out). */
static size_t literals(const struct pc_phrase *p) {
  size_t n = 0;
  for (size_t k = 0; k < p->n; k++)
    n += p->w[k][0] != '{';
  return n;
}

static void speech_in(struct at *a, size_t t0, size_t t1, size_t sp0,
                      size_t sp1, int parent, int depth) {
  bool found = false;
  /* a frame at the start: "According to X, ...", "In X's view, ..." */
  for (size_t f = 0; f < a->lex->frames.n && !found && depth == 0; f++) {
    const struct pc_phrase *p = &a->lex->frames.p[f];
    size_t i = t0, k = 0, s0 = 0, s1 = 0;
    bool ok = true;
    for (; k < p->n && ok; k++) {
      if (strcmp(p->w[k], "{s}") == 0) {
        s0 = i;
        const char *next = k + 1 < p->n ? p->w[k + 1] : ",";
        while (i < t1 && i - s0 < 10 && strcmp(a->t[i].low, next) != 0 &&
               !(strcmp(next, ",") != 0 && is_punct(&a->t[i], ",")))
          i++;
        s1 = i;
        ok = s1 > s0 && i < t1;
      } else {
        ok = i < t1 && strcmp(a->t[i].low, p->w[k]) == 0;
        i++;
      }
    }
    if (!ok)
      continue;
    if (strcmp(p->w[p->n - 1], "{s}") == 0) { /* "for {S}" ends at ',' */
      if (i >= t1 || !is_punct(&a->t[i], ","))
        continue;
    } else if (i < t1 && is_punct(&a->t[i], ",")) {
      /* fine */
    }
    struct who w = resolve_np(a, s0, s1);
    if (!w.name && literals(p) >= 2) {
      w.name = np_text(a, s0, s1); /* "According to the Pentagon, ..." */
      w.role = w.name ? strdup(w.name) : NULL;
    }
    if (!w.name || (w.ent < 0 && !w.role)) {
      who_free(&w);
      continue;
    }
    /* the cue is the frame's head word: "according", "view" */
    char *cue = p->w[p->n - 1][0] != '{' ? strdup(p->w[p->n - 1])
                                         : cue_text(a, t0, 1);
    size_t c1 = clause_end(a, i, t1, sp0, sp1);
    size_t first = a->nq;
    content(a, i, c1, &w, cue, parent, t0, t1, sp0, sp1, depth);
    if (parent < 0 && a->nq > first)
      a->last_speaker_q = (int)first;
    free(cue);
    who_free(&w);
    found = true;
  }
  /* "..., according to X." and "X, according to Y, did ...": frames of
   * two or more words that end with the speaker, inside a sentence */
  for (size_t i = t0 + 1; i + 2 < t1 && !found && depth == 0; i++) {
    const struct pc_phrase *fp = NULL;
    for (size_t f = 0; f < a->lex->frames.n && !fp; f++) {
      const struct pc_phrase *p = &a->lex->frames.p[f];
      if (literals(p) < 2 || p->w[p->n - 1][0] != '{' || i + p->n > t1)
        continue;
      size_t k = 0;
      while (k + 1 < p->n && strcmp(a->t[i + k].low, p->w[k]) == 0)
        k++;
      if (k + 1 == p->n)
        fp = p;
    }
    if (!fp || span_of(a, i, sp0, sp1) >= 0)
      continue;
    size_t s0 = i + fp->n - 1, s1 = s0;
    while (s1 < t1 && s1 < s0 + 8 && a->t[s1].type == T_WORD &&
           (!stop_word(a, a->t[s1].low) || preposition(a, a->t[s1].low)))
      s1++;
    struct who w = resolve_np(a, s0, s1);
    if (!w.name && s1 > s0) {
      w.name = np_text(a, s0, s1); /* "a new case report" */
    }
    if (!w.name) {
      who_free(&w);
      continue;
    }
    bool at_end = s1 >= t1 || is_end_punct(&a->t[s1]);
    size_t c1 = at_end && is_punct(&a->t[i - 1], ",") ? i - 1 : t1;
    size_t first = a->nq;
    content(a, t0, c1, &w, fp->w[0], parent, t0, t1, sp0, sp1, depth);
    if (parent < 0 && a->nq > first)
      a->last_speaker_q = (int)first;
    who_free(&w);
    found = true;
  }
  /* "Afterward, Sondland said he had ..., Morrison testified.": an
   * attribution that ends the sentence reports all before it, and the
   * cues inside are nested speech */
  size_t last_comma = 0;
  if (depth == 0 && !found) {
    size_t e = t1;
    while (e > t0 && (is_end_punct(&a->t[e - 1]) ||
                      a->t[e - 1].type == T_QCLOSE))
      e--;
    size_t c = e;
    while (c > t0 && c + 4 > e && a->t[c - 1].type == T_WORD &&
           !cue_at(a, c - 1, t1, sp0, sp1))
      c--; /* "Tuesday" */
    if (c > t0 + 1 && cue_at(a, c - 1, t1, sp0, sp1) == 1 &&
        !fw_is(a, a->t[c - 1].low, PC_FW_TELL)) {
      size_t n = c - 1, b = n;
      while (b > t0 && n - b < 4 && a->t[b - 1].type == T_WORD)
        b--;
      if (b < n && b > t0 + 2 && is_punct(&a->t[b - 1], ",")) {
        struct who w = resolve_np(a, b, n);
        if (w.ent >= 0 && a->en[w.ent].type == PC_ENTITY_PERSON)
          last_comma = b - 1;
        who_free(&w);
      }
    }
  }
  struct who prev = {NULL, -1, NULL}; /* the last speaker in this sentence */
  for (size_t i = t0; i < t1 && (!found || prev.name); i++) {
    size_t len = cue_at(a, i, t1, sp0, sp1);
    if (!len || i < last_comma)
      continue;
    size_t consumed = i + len; /* where the next cue may start */
    size_t after = i + len, np_b = i;
    bool post = false; /* "..., X said" or "..., said X": speech before */
    struct who w = {NULL, -1, NULL};
    bool participle = len == 1 && participle_form(a, a->t[i].low);
    if (i > t0 && prev.name && fw_is(a, a->t[i - 1].low, PC_FW_CONJ)) {
      /* "she described this as ... and accused him of ...": the same
       * subject */
      w.name = strdup(prev.name);
      w.ent = prev.ent;
      w.role = prev.role ? strdup(prev.role) : NULL;
    } else
    if (participle && i > t0 && is_punct(&a->t[i - 1], ",") && prev.name) {
      /* "..., Dempsey said, adding that ...": the same speaker */
      w.name = strdup(prev.name);
      w.ent = prev.ent;
      w.role = prev.role ? strdup(prev.role) : NULL;
    } else if ((participle && i > t0 && is_punct(&a->t[i - 1], ",")) ||
               (i > t0 + 1 && (fw_is(a, a->t[i - 1].low, PC_FW_CONJ) ||
                               fw_is(a, a->t[i - 1].low, PC_FW_CONTRAST)) &&
                !rel_between(a, t0, i)) ||
               (participle && after_prep(a, t0, i))) {
      /* "X expressed confidence, saying ...", "X touched upon it and
       * noted ...", "..., but said ...": the sentence's subject, a
       * person when one is named before the cue */
      for (size_t k = t0; k < i && !w.name; k++) {
        int e = a->t[k].ent;
        if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON &&
            !(k > t0 && preposition(a, a->t[k - 1].low))) {
          w.ent = e;
          w.name = strdup(a->en[e].name);
          if (a->en[e].role)
            w.role = strdup(a->en[e].role);
        }
      }
      for (size_t k = t0; k + 1 < i && !w.name; k++) {
        if (a->t[k].type != T_WORD)
          continue;
        size_t e = k;
        while (e < i && a->t[e].type == T_WORD && !stop_word(a, a->t[e].low))
          e++;
        /* "The US welcomed the exchange, saying": a name that opens the
         * phrase is its subject; the words after it are the predicate */
        size_t n = k;
        while (n < e && determiner(a, a->t[n].low))
          n++;
        if (n < e && a->t[n].ent >= 0) {
          size_t ne = n;
          while (ne < e && a->t[ne].ent == a->t[n].ent)
            ne++;
          if (ne < e && a->t[ne].type == T_WORD && !(a->t[ne].flags & F_CAP))
            e = ne;
        }
        w = resolve_np(a, k, e > k ? e : k + 1);
        k = e;
      }
    } else {
      w = speaker_left(a, t0, i);
      if (w.name) {
        np_b = np_start(a, t0, i);
        while (np_b > t0 && a->t[np_b - 1].type == T_WORD &&
               aux_word(a, a->t[np_b - 1].low))
          np_b--;
        /* '“...,” Steve Clarke, deputy administrator, said of ...': the
         * quotation that opens the sentence, before the apposition */
        int lead = a->t[t0].opens;
        if (np_b == i && lead >= 0 && a->sp[lead].c + 1 < i &&
            attribution_ends(a, after, t1)) {
          np_b = a->sp[lead].c + 1;
          if (is_punct(&a->t[np_b], ","))
            np_b++;
        }
        size_t words = 0, dummy1;
        for (size_t z = t0; z < np_b; z++)
          words += a->t[z].type == T_WORD;
        /* "Over the weekend, Trump assailed ...": too short to be speech */
        post = (words >= 4 || spans_inside(a, t0, np_b, sp0, sp1, &dummy1) > 0) &&
               np_b > t0 + 2 && np_b < i && (is_punct(&a->t[np_b - 1], ",") ||
                                 a->t[np_b - 1].type == T_QCLOSE) &&
               attribution_ends(a, after, t1);
      }
    }
    /* "..., said Scott Paul" (not "told X": X is who was told) */
    bool tells = fw_is(a, a->t[i].low, PC_FW_TELL);
    if (!tells && i > t0 &&
        (is_punct(&a->t[i - 1], ",") || a->t[i - 1].type == T_QCLOSE)) {
      /* "..., said Scott Paul, who heads ..." */
      size_t e = after;
      while (e < t1 && a->t[e].type == T_WORD && !stop_word(a, a->t[e].low))
        e++;
      struct who r = resolve_np(a, after, e);
      bool person = r.ent >= 0 && a->en[r.ent].type == PC_ENTITY_PERSON;
      /* "..., said another witness in the probe, former adviser Fiona
       * Hill.": the person in the apposition */
      size_t ce = e;
      while (!person && ce < t1 && ce < e + 12 && a->t[ce].type == T_WORD)
        ce++;
      if (!person && ce + 1 < t1 && is_punct(&a->t[ce], ",")) {
        size_t pe = ce + 1;
        while (pe < t1 && pe < ce + 10 && a->t[pe].type == T_WORD &&
               !stop_word(a, a->t[pe].low))
          pe++;
        struct who p = resolve_np(a, ce + 1, pe);
        if (p.ent >= 0 && a->en[p.ent].type == PC_ENTITY_PERSON &&
            (pe >= t1 || is_end_punct(&a->t[pe]) ||
             is_punct(&a->t[pe], ","))) {
          free(p.role);
          p.role = np_text(a, after, ce);
          who_free(&r);
          r = p;
          e = pe;
          person = true;
        } else {
          who_free(&p);
        }
      }
      /* a person named right of the cue wins over a phrase left of the
       * comma ("... envoy in Brussels, said Hill.") when the attribution
       * ends there */
      if (r.name && (!w.name || (person && attribution_ends(a, e, t1)))) {
        who_free(&w);
        w = r;
        post = true;
        np_b = i;
        after = e;
      } else {
        who_free(&r);
      }
    }
    /* "Other estimates are ...", "Republican state schools ...": a cue
     * that is also a noun needs a speaker known as one */
    if (!w.name || ((a->t[i].flags & F_WEAK) && w.ent < 0 && !w.role)) {
      who_free(&w);
      continue;
    }
    /* "the Syrian claims are false": a form of "be" right after a weak cue
     * makes it the noun */
    if ((a->t[i].flags & F_WEAK) && i + len < t1 &&
        a->t[i + len].type == T_WORD && fw_is(a, a->t[i + len].low, PC_FW_PASS)) {
      who_free(&w);
      continue;
    }
    /* "called his death “a crisis”": such a cue reports only quoted
     * words that follow the thing it names within a few words (not
     * "called for", "called her", nor "a group called “Friends of X”") */
    if (a->t[i].flags & F_QREQ) {
      size_t qo = i + len;
      while (qo < t1 && qo < i + len + 8 && a->t[qo].type == T_WORD)
        qo++;
      if (post || qo == i + len || qo >= t1 || a->t[qo].type != T_QOPEN) {
        who_free(&w);
        continue;
      }
    }
    char *cue = cue_text(a, i, len);
    size_t first = a->nq;
    if (post) {
      /* the speech stands before the attribution */
      size_t c1 = np_b - 1;
      if (a->t[c1].type == T_QCLOSE)
        c1++;
      size_t k = after;
      while (k < t1 && a->t[k].type == T_WORD && k < after + 3 &&
             !stop_word(a, a->t[k].low))
        k++; /* "Tuesday", "jokingly" */
      size_t dummy0;
      bool inset = np_b < i && after == i + len; /* ", he said," */
      if (inset && k + 1 < t1 && is_punct(&a->t[k], ",") && np_b < t0 + 6 &&
          a->t[np_b - 1].type != T_QCLOSE &&
          spans_inside(a, t0, t1, sp0, sp1, &dummy0) == 0 &&
          !fw_is(a, a->t[k + 1].low, PC_FW_CONJ) &&
          !cue_at(a, k + 1, t1, sp0, sp1) && !is_comp(a, k + 1) &&
          t1 > k + 3) {
        /* "The larger landers, he said, could deliver ...": the
         * attribution stands inside one report, which is the sentence */
        content(a, t0, t1, &w, cue, parent, t0, t1, sp0, sp1,
                depth + 1); /* not again as speech inside itself */
        consumed = t1;
        goto reported;
      }
      content(a, t0, c1, &w, cue, parent, t0, t1, sp0, sp1, depth);
      /* "..., Mayer said, and “patched” ...": a second part after it */
      if (k < t1 && is_punct(&a->t[k], ",")) {
        k++;
        if (k < t1 && fw_is(a, a->t[k].low, PC_FW_CONJ))
          k++;
        size_t dummy;
        /* "..., Benioff said, ever since he did ...": a clause after an
         * inset attribution goes on reporting */
        if (spans_inside(a, k, t1, sp0, sp1, &dummy) > 0 ||
            (inset && t1 > k + 3 && !cue_at(a, k, t1, sp0, sp1) &&
             !is_comp(a, k) && a->t[k].type == T_WORD &&
             !participle_form(a, a->t[k].low))) {
          content(a, k, t1, &w, cue, parent, t0, t1, sp0, sp1, depth);
          k = t1;
        }
      }
      consumed = k > consumed ? k : consumed;
    } else {
      /* skip an object or adverbial up to "that" */
      size_t c0 = after;
      bool that = false;
      /* "told VOA correspondent Carla Babb on Nov. 12 that": the
       * addressee and a time may stand before "that" */
      size_t reach = fw_is(a, a->t[i].low, PC_FW_TELL) ? 10 : 7;
      for (size_t k = after; k < t1 && k < after + reach; k++) {
        /* "on that front": "that" after a preposition is no
         * complementizer */
        if (is_comp(a, k) &&
            !(k > after && preposition(a, a->t[k - 1].low))) {
          c0 = k + 1;
          that = true;
          break;
        }
        if (is_punct(&a->t[k], ".") && k > after &&
            in_list(&a->lex->honorifics, a->t[k - 1].low))
          continue; /* "told X on Nov. 12 that" */
        if (a->t[k].type != T_WORD)
          break;
      }
      if (!that && fw_is(a, a->t[i].low, PC_FW_TELL)) {
        /* "told lawmakers it was ...": the addressee is not the speech */
        size_t k = c0;
        while (k < t1 && k < c0 + 5 && a->t[k].type == T_WORD &&
               !determiner(a, a->t[k].low) &&
               !fw_is(a, a->t[k].low, PC_FW_SUBJ))
          k++;
        if (k < t1 && k > c0 && a->t[k].type == T_WORD)
          c0 = k;
        else if (k < t1 && k > c0 && is_punct(&a->t[k], ":"))
          c0 = k + 1; /* "told Newsweek: ..." */
      }
      /* "Mr. Trump said on Nov. 8.", "said at a Nov. 6 event in
       * Washington.": a time or a place alone is no speech */
      if (!that && c0 < t1 && a->t[c0].type == T_WORD &&
          (preposition(a, a->t[c0].low) ||
           fw_is(a, a->t[c0].low, PC_FW_AFTER))) {
        size_t k = c0;
        while (k < t1 && ((a->t[k].type == T_WORD &&
                           (preposition(a, a->t[k].low) ||
                            fw_is(a, a->t[k].low, PC_FW_AFTER) ||
                            determiner(a, a->t[k].low) ||
                            (a->t[k].flags & F_CAP) ||
                            (a->t[k].low[0] >= '0' && a->t[k].low[0] <= '9') ||
                            fw_is(a, a->t[k].low, PC_FW_VENUE))) ||
                          (is_punct(&a->t[k], ".") && k > c0 &&
                           in_list(&a->lex->honorifics, a->t[k - 1].low)) ||
                          is_punct(&a->t[k], ",")))
          k++;
        if (k >= t1 || is_end_punct(&a->t[k]))
          c0 = t1;
      }
      if (c0 < t1 && !is_end_punct(&a->t[c0])) {
        size_t c1 = clause_end(a, c0, t1, sp0, sp1);
        /* "While X said the trip was ..., he did not ...": a clause that
         * opens with a subordinator ends at its comma */
        bool sub = a->t[t0].type == T_WORD && fw_is(a, a->t[t0].low, PC_FW_SUB);
        for (size_t k = t0; k < i && sub; k++)
          sub = !is_punct(&a->t[k], ","); /* the cue is in that clause */
        if (sub)
          for (size_t k = c0; k < c1; k++)
            if (is_punct(&a->t[k], ",") && span_of(a, k, sp0, sp1) < 0) {
              c1 = k;
              break;
            }
        content(a, c0, c1, &w, cue, parent, t0, t1, sp0, sp1, depth);
        /* ", and that ..." reports a second thing */
        for (;;) {
          size_t k = c1;
          if (k < t1 && is_punct(&a->t[k], ","))
            k++;
          if (!(k + 1 < t1 && fw_is(a, a->t[k].low, PC_FW_CONJ) &&
                is_comp(a, k + 1)))
            break;
          size_t c2 = clause_end(a, k + 2, t1, sp0, sp1);
          content(a, k + 2, c2, &w, cue, parent, t0, t1, sp0, sp1, depth);
          c1 = c2;
        }
        consumed = c1 > consumed ? c1 : consumed;
      }
    }
  reported:
    if (a->nq == first && !found) {
      /* the quoted spans of the sentence are the speech */
      for (size_t k = t0; k < t1; k++) {
        int sidx = a->t[k].opens;
        if (sidx < 0 || a->sp[sidx].c >= t1)
          continue;
        add_quote(a, a->sp[sidx].block, a->sp[sidx].o, a->sp[sidx].c + 1,
                  a->sp[sidx].upper ? PC_QUOTE_DIRECT : PC_QUOTE_MIXED, &w,
                  cue, parent, t0, t1);
        k = a->sp[sidx].c;
      }
    }
    if (parent < 0 && a->nq > first)
      a->last_speaker_q = (int)first;
    free(cue);
    who_free(&prev);
    prev = w; /* "..., but he said that ...", "..., adding that ..." */
    found = true;
    if (consumed > i + 1)
      i = consumed - 1;
  }
  who_free(&prev);
  if (found || depth > 0)
    return;
  /* No cue: a whole-sentence quotation continues the last speaker. */
  for (size_t k = t0; k < t1 && k <= t0 + 1; k++) {
    if (a->t[k].opens < 0)
      continue;
    const struct span *sp = &a->sp[a->t[k].opens];
    if (sp->c >= t1 || !sp->upper)
      continue;
    if (a->last_speaker_q < 0)
      break;
    const struct qt *lq = &a->q[a->last_speaker_q];
    struct who w = {lq->speaker, lq->ent, lq->role};
    add_quote(a, sp->block, sp->o, sp->c + 1, PC_QUOTE_DIRECT, &w, NULL, -1,
              t0, t1);
  }
}

/*** claims ****************************************************************/

static bool boundary(const struct tk *k) {
  if (k->type == T_QOPEN || k->type == T_QCLOSE)
    return true;
  if (k->type != T_PUNCT)
    return false;
  return strchr(".;:?!()[]", k->low[0]) != NULL ||
         strcmp(k->low, "\xE2\x80\xA6") == 0;
}

/* boundary, but not the dot of an abbreviation ("U.S. forces") */
static bool cl_boundary(const struct at *a, size_t i) {
  if (is_punct(&a->t[i], ".") && i > 0 && a->t[i - 1].type == T_WORD &&
      in_list(&a->lex->honorifics, a->t[i - 1].low))
    return false;
  return boundary(&a->t[i]);
}

static bool list_sep(const struct at *a, const struct tk *k) {
  return is_punct(k, ",") || is_punct(k, "\xE2\x80\x93") ||
         is_punct(k, "\xE2\x80\x94") || fw_is(a, k->low, PC_FW_CONJ);
}

/* A list of noun phrases to the right of i: "X, Y and Z". */
static size_t right_list(const struct at *a, size_t i, size_t t1) {
  size_t e = i;
  while (e < t1 && e < i + 14 && !cl_boundary(a, e)) {
    const struct tk *k = &a->t[e];
    if (list_sep(a, k)) {
      size_t n = e + 1;
      while (n < t1 && list_sep(a, &a->t[n]))
        n++;
      if (n >= t1 || a->t[n].type != T_WORD || stop_word(a, a->t[n].low))
        break;
      e = n;
      continue;
    }
    if (k->type != T_WORD || stop_word(a, k->low))
      break;
    e++;
  }
  return e;
}

/* A list of noun phrases ending at `end`. */
static size_t left_list(const struct at *a, size_t lo, size_t end) {
  size_t b = end;
  while (b > lo && end - b < 14) {
    const struct tk *k = &a->t[b - 1];
    if (list_sep(a, k) && b > lo + 1 && a->t[b - 2].type == T_WORD &&
        !stop_word(a, a->t[b - 2].low) && b < end &&
        (a->t[b].flags & F_CAP)) {
      b--;
      continue;
    }
    if (k->type != T_WORD || stop_word(a, k->low))
      break;
    b--;
  }
  return b;
}

/* The display name of a noun phrase: its entity's when it is one, or
 * (agent) when only nouns for the entity's agents follow it. */
static char *np_name(const struct at *a, size_t t0, size_t t1, bool agent) {
  while (t0 < t1 && (determiner(a, a->t[t0].low) || a->t[t0].type != T_WORD))
    t0++;
  if (t1 - t0 == 1) { /* "she accused him": the people they stand for */
    const char *w = a->t[t0].low;
    int g = fw_is(a, w, PC_FW_OBJM) ? 'm' : fw_is(a, w, PC_FW_OBJF) ? 'f'
                                        : list_tag(&a->lex->pronouns, w);
    if (g == 'm' || g == 'f') {
      int e = last_person_g(a, t0, g);
      return e >= 0 ? strdup(a->en[e].name) : NULL;
    }
  }
  while (t1 > t0 && a->t[t1 - 1].type != T_WORD)
    t1--;
  if (t1 <= t0)
    return NULL;
  int e = a->t[t0].ent;
  bool one = e >= 0;
  for (size_t i = t0; i < t1 && one; i++)
    one = a->t[i].ent == e;
  if (one)
    return strdup(a->en[e].name);
  if (e >= 0 && agent) {
    /* "U.S. forces in southern Syria": the entity, when only nouns for
     * its agents follow it (up to a preposition) */
    size_t i = t0;
    while (i < t1 && (a->t[i].ent == e || a->t[i].type != T_WORD))
      i++;
    size_t k = i;
    while (k < t1 && a->t[k].type == T_WORD && fw_is(a, a->t[k].low, PC_FW_AGENT))
      k++;
    if (k > i && (k == t1 || stop_word(a, a->t[k].low)))
      return strdup(a->en[e].name);
  }
  if (t1 - t0 == 1 && (stop_word(a, a->t[t0].low) || function_cap(a, a->t[t0].low)))
    return NULL; /* "who", "it", "they" name no one */
  return np_text(a, t0, t1);
}

/* Splits [t0, t1) at list separators into up to 8 names. */
static size_t split_names(const struct at *a, size_t t0, size_t t1,
                          char **out) {
  size_t n = 0, s = t0;
  for (size_t i = t0; i <= t1 && n < 8; i++) {
    if (i == t1 || list_sep(a, &a->t[i])) {
      char *name = i > s ? np_name(a, s, i, true) : NULL;
      if (name && *name)
        out[n++] = name;
      else
        free(name);
      s = i + 1;
    }
  }
  return n;
}

/* The innermost quote holding token i's bytes, or -1. */
static int quote_holding(const struct at *a, size_t i) {
  int best = -1;
  uint32_t bl = a->t[i].block, pos = a->t[i].s;
  for (size_t q = a->sent_q0; q < a->nq; q++) {
    const struct qt *x = &a->q[q];
    if (x->block == bl && x->s <= pos && pos < x->e &&
        (best < 0 || x->e - x->s < a->q[best].e - a->q[best].s))
      best = (int)q;
  }
  return best;
}

static bool negated(const struct at *a, size_t from, size_t to) {
  for (size_t i = from > 3 ? from - 3 : 0; i < to; i++)
    if (fw_is(a, a->t[i].low, PC_FW_NEG))
      return true;
  return false;
}

/* "to say that ..." only supposes what follows. */
static bool hedged(const struct at *a, size_t t0, size_t at) {
  for (size_t i = at > t0 + 8 ? at - 8 : t0; i + 1 < at; i++)
    if (fw_is(a, a->t[i].low, PC_FW_INF) &&
        fw_is(a, a->t[i + 1].low, PC_FW_HEDGE))
      return true;
  return false;
}

static void claim_try(struct at *a, const struct pc_phrase *p, size_t t0,
                      size_t t1, size_t i) {
  /* the first literal of the pattern matches at i */
  size_t first = 0;
  while (first < p->n && p->w[first][0] == '{')
    first++;
  if (first >= p->n)
    return;
  size_t cap[3][2] = {{0, 0}, {0, 0}, {0, 0}}; /* a, c, e */
  bool have[3] = {false, false, false};
  size_t ti = i;
  for (size_t k = first; k < p->n; k++) {
    const char *w = p->w[k];
    if (w[0] != '{') {
      if (ti >= t1 || strcmp(a->t[ti].low, w) != 0)
        return;
      ti++;
      continue;
    }
    int slot = w[1] == 'a' ? 0 : w[1] == 'c' ? 1 : 2;
    if (k + 1 == p->n) { /* trailing slot */
      size_t e = slot == 2 ? ti : right_list(a, ti, t1);
      if (slot == 2) {
        while (e < t1 && !cl_boundary(a, e) && !is_punct(&a->t[e], ",") &&
               e < ti + 8)
          e++;
      }
      if (e == ti && slot != 2)
        return;
      cap[slot][0] = ti, cap[slot][1] = e, have[slot] = true;
      ti = e;
    } else { /* slot between literals: up to 8 tokens */
      const char *next = p->w[k + 1];
      size_t e = ti;
      while (e < t1 && e < ti + 8 && strcmp(a->t[e].low, next) != 0 &&
             !cl_boundary(a, e))
        e++;
      if (e >= t1 || e == ti || strcmp(a->t[e].low, next) != 0)
        return;
      cap[slot][0] = ti, cap[slot][1] = e, have[slot] = true;
      ti = e;
    }
  }
  if (first > 0) { /* leading slot, left of i */
    const char *w = p->w[0];
    int slot = w[1] == 'a' ? 0 : w[1] == 'c' ? 1 : 2;
    size_t at = i; /* "He has consistently denied": skip to the subject */
    at = skip_adverbs(a, t0, at);
    size_t b = slot == 0 ? left_list(a, t0, at) : np_start(a, t0, at);
    /* "the Russian and Syrian defense ministries accused": coordinated
     * capitalised words belong to the claimant */
    while (slot == 1 && b >= t0 + 2 && b < at && (a->t[b].flags & F_CAP) &&
           fw_is(a, a->t[b - 1].low, PC_FW_CONJ) &&
           a->t[b - 2].type == T_WORD && (a->t[b - 2].flags & F_CAP) &&
           !function_cap(a, a->t[b - 2].low))
      b = np_start(a, t0, b - 1);
    i = at;
    if (b == i && slot == 0) /* the event may go unnamed ("it") */
      return;
    cap[slot][0] = b, cap[slot][1] = i, have[slot] = b < i;
  }
  size_t from = have[1] ? cap[1][0] : have[0] && cap[0][0] < i ? cap[0][0] : i;
  if (!p->tag && negated(a, from, ti))
    return;
  if (hedged(a, t0, from))
    return;
  if (a->nc >= PC_MAX_QUOTES)
    return;
  GROW(a, c, nc, capc);
  if (a->oom)
    return;
  struct cl *c = &a->c[a->nc];
  memset(c, 0, sizeof *c);
  c->naccused = have[0] ? split_names(a, cap[0][0], cap[0][1], c->accused) : 0;
  if (!c->naccused)
    return;
  c->quote = quote_holding(a, i);
  if (p->claimant == 2)
    c->claimant = strdup(c->accused[0]);
  else if (p->claimant && have[1])
    c->claimant = np_name(a, cap[1][0], cap[1][1], false);
  else if (p->claimant == 1 && first > 0 && i + 1 < t1) {
    /* "she described ... and accused him of ...": no subject before the
     * cue, whose report (starting right after it) has the speaker */
    for (size_t q = a->sent_q0; q < a->nq && !c->claimant; q++)
      if (a->q[q].block == a->t[i + 1].block &&
          a->q[q].s == a->t[i + 1].s && a->q[q].speaker)
        c->claimant = strdup(a->q[q].speaker);
  }
  else if (!p->claimant && c->quote >= 0 && a->q[c->quote].speaker)
    c->claimant = strdup(a->q[c->quote].speaker);
  if (!c->claimant) {
    for (size_t k = 0; k < c->naccused; k++)
      free(c->accused[k]);
    return;
  }
  c->event = have[2] ? np_text(a, cap[2][0], cap[2][1]) : NULL;
  c->deny = p->tag;
  c->t0 = t0, c->t1 = t1, c->at = i;
  a->nc++;
}

static void claims_in(struct at *a, size_t t0, size_t t1) {
  /* patterns are indexed by their first literal word (pc_lex_claims) */
  const struct pc_lex *lx = a->lex;
  for (size_t i = t0; i < t1; i++) {
    size_t lo = lx->nclaim_first;
    for (uint32_t h = pc_lex_hash(a->t[i].low) & (PC_CLAIM_HASH - 1);
         lx->claim_hash[h]; h = (h + 1) & (PC_CLAIM_HASH - 1))
      if (strcmp(lx->claim_first[lx->claim_hash[h] - 1].w, a->t[i].low) == 0) {
        lo = lx->claim_hash[h] - 1u;
        break;
      }
    for (; lo < lx->nclaim_first &&
           strcmp(lx->claim_first[lo].w, a->t[i].low) == 0;
         lo++)
      claim_try(a, &lx->claims.p[lx->claim_first[lo].langs], t0, t1, i);
  }
}

/* Rebuttals: a sentence that rejects "these accusations" or calls "the
 * claim" false denies the accusation made last in the document, on
 * behalf of the rejecting subject or the speaker of the words. */
static void rebuttals_in(struct at *a, size_t t0, size_t t1) {
  int prior = -1; /* the last accusation of an earlier sentence */
  for (size_t k = a->nc; k-- > 0;)
    if (!a->c[k].deny && a->c[k].t1 <= t0) {
      prior = (int)k;
      break;
    }
  if (prior < 0)
    return;
  for (size_t i = t0; i < t1; i++) {
    if (a->t[i].type != T_WORD || !fw_is(a, a->t[i].low, PC_FW_CHARGE))
      continue;
    char *claimant = NULL;
    size_t at = i;
    /* "X rejected (these) accusations": a rebut verb up to 3 words before */
    for (size_t v = i; v-- > t0 && v + 4 > i;) {
      if (a->t[v].type != T_WORD)
        break;
      if (!fw_is(a, a->t[v].low, PC_FW_REBUT))
        continue;
      if (negated(a, v, v + 1))
        break;
      size_t end = skip_adverbs(a, t0, v);
      size_t b = np_start(a, t0, end);
      if (b < end)
        claimant = np_name(a, b, end, false);
      at = v;
      break;
    }
    /* "the claims are (patently) false", "the claim is not true" */
    bool said_false = false;
    if (!claimant && at == i) {
      size_t j = i + 1;
      while (j < t1 && j < i + 3 && a->t[j].type != T_WORD)
        j++; /* quotation marks */
      if (j < t1 && fw_is(a, a->t[j].low, PC_FW_PASS)) {
        bool neg = false;
        for (size_t f = j + 1; f < t1 && f < j + 5; f++) {
          if (a->t[f].type != T_WORD)
            continue;
          if (fw_is(a, a->t[f].low, PC_FW_NEG)) {
            neg = true;
            continue;
          }
          if ((!neg && fw_is(a, a->t[f].low, PC_FW_FALSE)) ||
              (neg && strcmp(a->t[f].low, "true") == 0)) {
            said_false = true;
            at = f;
            break;
          }
        }
      }
    }
    int q = quote_holding(a, at);
    if (!claimant && (said_false || at != i) && q >= 0 && a->q[q].speaker)
      claimant = strdup(a->q[q].speaker);
    if (!claimant)
      continue;
    if (a->nc >= PC_MAX_QUOTES) {
      free(claimant);
      return;
    }
    GROW(a, c, nc, capc);
    if (a->oom) {
      free(claimant);
      return;
    }
    const struct cl *p = &a->c[prior];
    struct cl *c = &a->c[a->nc];
    memset(c, 0, sizeof *c);
    c->claimant = claimant;
    for (size_t k = 0; k < p->naccused; k++)
      if ((c->accused[c->naccused] = strdup(p->accused[k])) != NULL)
        c->naccused++;
    c->event = p->event ? strdup(p->event) : NULL;
    c->deny = 1;
    c->quote = q;
    c->t0 = t0, c->t1 = t1, c->at = at;
    a->nc++;
    if (at > i) /* a second rebuttal may follow ("..., and analysts said") */
      i = at;
  }
}

/*** dates *****************************************************************/

/* "On April 2" in the sentence before its cue: ISO 8601 with the
 * document's year (the year before when the month is later than the
 * document's), or "--MM-DD" when no year is known. */
static char *quote_date(const struct at *a, const struct qt *q) {
  for (size_t i = q->t0; i + 1 < q->t1; i++) {
    if (a->t[i].type != T_WORD)
      continue;
    int m = pc_month_of(a->ctx, a->t[i].low);
    if (!m || a->t[i + 1].type != T_WORD)
      continue;
    char *end;
    long d = strtol(a->t[i + 1].low, &end, 10);
    if (d < 1 || d > 31 || (*end && !fw_is(a, end, PC_FW_ORD)))
      continue;
    char buf[16];
    if (a->year) {
      int y = a->year - (a->month && m > a->month ? 1 : 0);
      snprintf(buf, sizeof buf, "%04d-%02d-%02ld", y % 10000, m, d);
    } else {
      snprintf(buf, sizeof buf, "--%02d-%02ld", m, d);
    }
    return strdup(buf);
  }
  return NULL;
}

/*** driver ****************************************************************/

static bool text_block(pc_block_type t) {
  return t == PC_BLOCK_PARAGRAPH || t == PC_BLOCK_BLOCKQUOTE ||
         t == PC_BLOCK_LIST;
}

static char *arena_take(struct pc_arena *ar, char *s) {
  if (!s)
    return NULL;
  char *r = pc_arena_strdup(ar, s);
  free(s);
  return r;
}

/* The sentence [s0, e0) of a block, or a window of it around [fs, fe)
 * when it is long: a paragraph with no full stop must not be copied once
 * per quote. */
#define EXCERPT_MAX 800u

static const char *excerpt(struct pc_arena *ar, const char *txt, uint32_t s0,
                           uint32_t e0, uint32_t fs, uint32_t fe) {
  if (e0 - s0 > EXCERPT_MAX) {
    uint32_t pad = (EXCERPT_MAX - (fe - fs < EXCERPT_MAX ? fe - fs : 0)) / 2;
    uint32_t ns = fs > s0 + pad ? fs - pad : s0;
    uint32_t ne = fe + pad < e0 ? fe + pad : e0;
    if (ne - ns > EXCERPT_MAX)
      ne = ns + EXCERPT_MAX;
    while (ns > s0 && ((unsigned char)txt[ns] & 0xC0) == 0x80)
      ns--;
    while (ne < e0 && ((unsigned char)txt[ne] & 0xC0) == 0x80)
      ne++;
    s0 = ns, e0 = ne;
  }
  return pc_arena_strndup(ar, txt + s0, e0 - s0);
}

static int cmp_quote(const void *x, const void *y) {
  const struct qt *p = x, *q = y;
  if (p->block != q->block)
    return p->block < q->block ? -1 : 1;
  if (p->s != q->s)
    return p->s < q->s ? -1 : 1;
  return p->e > q->e ? -1 : p->e < q->e; /* outer first */
}

static void at_free(struct at *a) {
  for (size_t i = 0; i < a->nen; i++) {
    free(a->en[i].name);
    free(a->en[i].role);
    for (size_t k = 0; k < a->en[i].naliases; k++)
      free(a->en[i].aliases[k]);
  }
  for (size_t i = 0; i < a->nq; i++) {
    free(a->q[i].speaker);
    free(a->q[i].role);
    free(a->q[i].cue);
    free(a->q[i].date);
  }
  for (size_t i = 0; i < a->nc; i++) {
    free(a->c[i].claimant);
    free(a->c[i].event);
    for (size_t k = 0; k < a->c[i].naccused; k++)
      free(a->c[i].accused[k]);
  }
  free(a->t);
  free(a->lastp);
  free(a->lastp_m);
  free(a->lastp_f);
  free(a->lastk_m);
  free(a->lastk_f);
  free(a->lastk_m_at);
  free(a->lastk_f_at);
  map_free(&a->names);
  map_free(&a->surnames);
  free(a->sp);
  free(a->en);
  free(a->q);
  free(a->c);
}

static bool same_claim(const struct cl *x, const struct cl *y) {
  if (x->deny != y->deny || strcmp(x->claimant, y->claimant) != 0 ||
      x->naccused != y->naccused)
    return false;
  for (size_t k = 0; k < x->naccused; k++)
    if (strcmp(x->accused[k], y->accused[k]) != 0)
      return false;
  return true;
}

/* Copies the results into the document's arena as the public structs. */
static pc_status publish(struct at *a, pc_error *err) {
  pc_doc *doc = a->doc;
  struct pc_arena *ar = &doc->arena;
  struct pc_attr *r = pc_arena_alloc(ar, sizeof *r);
  if (!r)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  /* quotes in reading order; parents re-pointed after the sort */
  int *order = calloc(a->nq + 1, sizeof *order);
  size_t *orig = malloc((a->nq + 1) * sizeof *orig);
  if (!order || !orig) {
    free(order);
    free(orig);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  for (size_t i = 0; i < a->nq; i++)
    orig[i] = i;
  /* sort (quote, index) pairs, keeping the mapping for parents */
  struct qi {
    struct qt q;
    size_t i;
  } *tmp = a->nq ? malloc(a->nq * sizeof *tmp) : NULL;
  if (a->nq && !tmp) {
    free(order);
    free(orig);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  for (size_t i = 0; i < a->nq; i++)
    tmp[i].q = a->q[i], tmp[i].i = i;
  if (a->nq > 1)
    qsort(tmp, a->nq, sizeof *tmp, cmp_quote); /* struct qt comes first */
  for (size_t i = 0; i < a->nq; i++)
    orig[i] = tmp[i].i;
  free(tmp);
  for (size_t i = 0; i < a->nq; i++)
    order[orig[i]] = (int)i; /* old index -> new index */
  r->quotes = a->nq ? pc_arena_alloc(ar, a->nq * sizeof *r->quotes) : NULL;
  for (size_t i = 0; i < a->nq && r->quotes; i++) {
    struct qt *q = &a->q[orig[i]];
    pc_quote *o = &r->quotes[i];
    char id[24];
    snprintf(id, sizeof id, "q%zu", i + 1);
    o->id = pc_arena_strdup(ar, id);
    o->text = pc_arena_strndup(ar, btext(a, q->block) + q->s, q->e - q->s);
    o->kind = q->kind;
    o->speaker = q->speaker ? pc_arena_strdup(ar, q->speaker) : NULL;
    o->speaker_entity = q->ent;
    o->role = q->role ? pc_arena_strdup(ar, q->role) : NULL;
    o->cue = q->cue ? pc_arena_strdup(ar, q->cue) : NULL;
    o->date = arena_take(ar, quote_date(a, q));
    o->block = q->block;
    o->start = q->s;
    o->end = q->e;
    if (q->t1 > q->t0) {
      const struct tk *f = &a->t[q->t0], *l = &a->t[q->t1 - 1];
      o->sentence = excerpt(ar, btext(a, f->block), f->s, l->e, q->s, q->e);
    }
    o->parent = q->parent >= 0 ? order[q->parent] : -1;
  }
  r->nquotes = r->quotes ? a->nq : 0;
  r->entities = a->nen ? pc_arena_alloc(ar, a->nen * sizeof *r->entities) : NULL;
  for (size_t i = 0; i < a->nen && r->entities; i++) {
    pc_entity *o = &r->entities[i];
    char id[24];
    snprintf(id, sizeof id, "e%zu", i + 1);
    o->id = pc_arena_strdup(ar, id);
    o->name = pc_arena_strdup(ar, a->en[i].name);
    o->type = a->en[i].type;
    o->country = a->en[i].code ? pc_arena_strdup(ar, a->en[i].code) : NULL;
    o->mentions = a->en[i].mentions;
    const char **al = a->en[i].naliases
                          ? pc_arena_alloc(ar, a->en[i].naliases * sizeof *al)
                          : NULL;
    for (size_t k = 0; al && k < a->en[i].naliases; k++)
      al[k] = pc_arena_strdup(ar, a->en[i].aliases[k]);
    o->aliases = al;
    o->naliases = al ? a->en[i].naliases : 0;
  }
  r->nentities = r->entities ? a->nen : 0;
  r->claims = a->nc ? pc_arena_alloc(ar, a->nc * sizeof *r->claims) : NULL;
  size_t nc = 0;
  for (size_t i = 0; i < a->nc && r->claims; i++) {
    bool dup = false; /* the same claim twice comes from one sentence */
    for (size_t k = i; k-- > 0 && !dup && a->c[k].t0 == a->c[i].t0;)
      dup = same_claim(&a->c[k], &a->c[i]);
    if (dup)
      continue;
    const struct cl *c = &a->c[i];
    pc_claim *o = &r->claims[nc++];
    o->claimant = pc_arena_strdup(ar, c->claimant);
    const char **acc = pc_arena_alloc(ar, c->naccused * sizeof *acc);
    for (size_t k = 0; acc && k < c->naccused; k++)
      acc[k] = pc_arena_strdup(ar, c->accused[k]);
    o->accused = acc;
    o->naccused = acc ? c->naccused : 0;
    o->event = c->event ? pc_arena_strdup(ar, c->event) : NULL;
    o->deny = c->deny;
    const struct tk *f = &a->t[c->t0], *l = &a->t[c->t1 - 1];
    o->evidence = excerpt(ar, btext(a, f->block), f->s, l->e, a->t[c->at].s,
                          a->t[c->at].e);
    o->quote = c->quote >= 0 ? order[c->quote] : -1;
  }
  r->nclaims = nc;
  free(order);
  free(orig);
  doc->attr = r;
  return PC_OK;
}

pc_status pc_attribute(const pc_ctx *ctx, pc_doc *doc, const char *date,
                       pc_error *err) {
  if (!ctx || !doc)
    return pc_error_set(err, PC_ERR_USAGE, "pc_attribute: NULL argument");
  /* the document's language picks its data/<lang>/ lexicon */
  const struct pc_lex *lex = pc_ctx_lex(ctx, doc->meta[PC_META_LANG]);
  if (!lex)
    return pc_error_set(err, PC_ERR_NOMEM,
                        "the attribution data could not be loaded");
  struct at a;
  memset(&a, 0, sizeof a);
  a.ctx = ctx;
  a.lex = lex;
  a.doc = doc;
  a.last_speaker_q = -1;
  const char *d = date ? date : doc->meta[PC_META_DATE];
  if (d && strlen(d) >= 7) {
    a.year = (int)strtol(d, NULL, 10);
    a.month = (int)strtol(d + 5, NULL, 10);
    if (a.year < 1000 || a.year > 9999)
      a.year = a.month = 0;
  }
  for (size_t b = 0; b < doc->nblocks && !a.oom; b++) {
    if (!text_block(doc->blocks[b].type))
      continue;
    size_t t0 = a.nt;
    tokenize_block(&a, (uint32_t)b);
    mark_sentence_starts(&a, t0);
    pair_block(&a, t0, a.nt);
    for (size_t i = t0; i < a.nt && !a.oom; i++)
      if (a.t[i].type == T_WORD) {
        size_t which = 0;
        size_t len = match_list(&a, i, a.nt, &lex->cues, &which);
        a.t[i].cue = (uint8_t)(len < 255 ? len : 0);
        if (len && lex->cues.p[which].tag == 1)
          a.t[i].flags |= F_WEAK;
        if (len && lex->cues.p[which].tag == 2)
          a.t[i].flags |= F_QREQ;
      }
  }
  if (!a.oom)
    entities(&a);
  if (!a.oom && a.nt) {
    /* the last person named before each token, in one pass (pronouns) */
    a.lastp = malloc(a.nt * sizeof *a.lastp);
    a.lastp_m = malloc(a.nt * sizeof *a.lastp_m);
    a.lastp_f = malloc(a.nt * sizeof *a.lastp_f);
    a.lastk_m = malloc(a.nt * sizeof *a.lastk_m);
    a.lastk_f = malloc(a.nt * sizeof *a.lastk_f);
    a.lastk_m_at = malloc(a.nt * sizeof *a.lastk_m_at);
    a.lastk_f_at = malloc(a.nt * sizeof *a.lastk_f_at);
    if (!a.lastp || !a.lastp_m || !a.lastp_f || !a.lastk_m || !a.lastk_f ||
        !a.lastk_m_at || !a.lastk_f_at) {
      a.oom = true;
    } else {
      int cur = -1, cur_m = -1, cur_f = -1, k_m = -1, k_f = -1;
      size_t at_m = 0, at_f = 0;
      for (size_t i = 0; i < a.nt; i++) {
        a.lastp[i] = cur, a.lastp_m[i] = cur_m, a.lastp_f[i] = cur_f;
        a.lastk_m[i] = k_m, a.lastk_f[i] = k_f;
        a.lastk_m_at[i] = at_m, a.lastk_f_at[i] = at_f;
        int e = a.t[i].ent;
        bool run_end = e >= 0 && (i + 1 == a.nt || a.t[i + 1].ent != e);
        if (run_end && a.en[e].type == PC_ENTITY_PERSON) {
          size_t f = i;
          while (f > 0 && a.t[f - 1].ent == e)
            f--;
          /* nor a name inside quotation marks: "Heads needed to roll the
           * day Jeffrey Epstein died," he said - he is not Epstein */
          if (!(f > 0 && preposition(&a, a.t[f - 1].low)) &&
              a.t[i].in_span < 0) {
            cur = e;
            if (a.en[e].gender != 'f')
              cur_m = e;
            if (a.en[e].gender != 'm')
              cur_f = e;
            if (a.en[e].gender == 'm')
              k_m = e, at_m = i;
            if (a.en[e].gender == 'f')
              k_f = e, at_f = i;
          }
        }
      }
    }
  }
  size_t sp = 0;
  for (size_t i = 0; i < a.nt && !a.oom;) {
    uint32_t bl = a.t[i].block;
    size_t bend = i;
    while (bend < a.nt && a.t[bend].block == bl)
      bend++;
    size_t sp0 = sp;
    while (sp < a.nsp && a.sp[sp].block == bl)
      sp++;
    for (size_t s = i; s < bend && !a.oom;) {
      size_t e = sentence_end(&a, s, bend, sp0, sp);
      if (e <= s)
        e = s + 1;
      a.sent_q0 = a.nq;
      speech_in(&a, s, e, sp0, sp, -1, 0);
      claims_in(&a, s, e);
      rebuttals_in(&a, s, e);
      s = e;
    }
    i = bend;
  }
  pc_status st = a.oom ? pc_error_set(err, PC_ERR_NOMEM, "out of memory")
                       : publish(&a, err);
  at_free(&a);
  return st;
}

size_t pc_doc_quote_count(const pc_doc *doc) {
  return doc && doc->attr ? doc->attr->nquotes : 0;
}
const pc_quote *pc_doc_quote(const pc_doc *doc, size_t i) {
  return i < pc_doc_quote_count(doc) ? &doc->attr->quotes[i] : NULL;
}
size_t pc_doc_entity_count(const pc_doc *doc) {
  return doc && doc->attr ? doc->attr->nentities : 0;
}
const pc_entity *pc_doc_entity(const pc_doc *doc, size_t i) {
  return i < pc_doc_entity_count(doc) ? &doc->attr->entities[i] : NULL;
}
size_t pc_doc_claim_count(const pc_doc *doc) {
  return doc && doc->attr ? doc->attr->nclaims : 0;
}
const pc_claim *pc_doc_claim(const pc_doc *doc, size_t i) {
  return i < pc_doc_claim_count(doc) ? &doc->attr->claims[i] : NULL;
}
