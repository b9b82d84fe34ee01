/*
 * lexicon.c - loads an attribution lexicon from data/<lang>/ and ISO 3166.
 *
 * Every file is lines of words; see the header comment of each file in
 * data/en/.  Phrases are split into lower-cased words the way the
 * attribution tokenizer splits text, so they compare word by word.
 */
#include "lexicon.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void phrase_free(struct pc_phrase *p) {
  for (size_t i = 0; i < p->n; i++)
    free(p->w[i]);
  free(p->w);
  free(p->name);
  free(p->code);
  free(p->wfirst);
  free(p->wseen);
}

static void list_free(struct pc_phrase_list *l) {
  for (size_t i = 0; i < l->n; i++)
    phrase_free(&l->p[i]);
  free(l->p);
  free(l->first);
  free(l->first_end);
  free(l->first_hash);
  free(l->first_bits);
  memset(l, 0, sizeof *l);
}

void pc_lex_free(struct pc_lex *lex) {
  list_free(&lex->cues);
  list_free(&lex->frames);
  list_free(&lex->pronouns);
  list_free(&lex->roles);
  list_free(&lex->honorifics);
  list_free(&lex->claims);
  list_free(&lex->names);
  list_free(&lex->given);
  list_free(&lex->comps);
  list_free(&lex->members);
  list_free(&lex->heads);
  list_free(&lex->inflections);
  for (int k = 0; k < PC_FW_LISTS; k++)
    list_free(&lex->fw[k]);
  free(lex->fw_key);
  free(lex->fw_val);
  free(lex->fw_hash);
  lex->fw_key = NULL;
  lex->fw_val = NULL;
  lex->fw_hash = NULL;
  free(lex->claim_first);
  lex->claim_first = NULL;
}

/* A new zeroed phrase at the end of l, or NULL. */
static struct pc_phrase *push(struct pc_phrase_list *l) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 64;
    struct pc_phrase *np = realloc(l->p, cap * sizeof *np);
    if (!np)
      return NULL;
    l->p = np;
    l->cap = cap;
  }
  memset(&l->p[l->n], 0, sizeof *l->p);
  return &l->p[l->n++];
}

/* Splits [s, e) into lower-cased words: runs of letters/digits (with
 * inner apostrophes, dots and hyphens), "{X}" slots, and punctuation. */
static bool split_words(const char *s, const char *e, struct pc_phrase *p) {
  struct pc_buf low;
  pc_buf_init(&low, 0);
  pc_utf8_lower(s, (size_t)(e - s), &low);
  const char *t = low.data ? low.data : "";
  const char *end = t + low.len;
  bool ok = true;
  while (t < end && ok) {
    while (t < end && (*t == ' ' || *t == '\t' || *t == '\r'))
      t++;
    if (t >= end)
      break;
    const char *w = t;
    if (*t == '{') {
      while (t < end && *t != '}')
        t++;
      if (t < end)
        t++;
    } else if (*t == ',' || *t == ';' || *t == ':') {
      t++;
    } else {
      while (t < end && *t != ' ' && *t != '\t' && *t != ',')
        t++;
    }
    char **nw = realloc(p->w, (p->n + 1) * sizeof *nw);
    char *word = nw ? strndup(w, (size_t)(t - w)) : NULL;
    if (nw)
      p->w = nw;
    if (!word) {
      ok = false;
      break;
    }
    /* typographic apostrophes compare as ASCII ones */
    for (char *q = word; *q; q++)
      if ((unsigned char)q[0] == 0xE2 && (unsigned char)q[1] == 0x80 &&
          (unsigned char)q[2] == 0x99) {
        q[0] = '\'';
        memmove(q + 1, q + 3, strlen(q + 3) + 1);
      }
    p->w[p->n++] = word;
    /* "U.S." and "St." end in their own "." token, as text is cut up
      * (attribution/tokens.c): the phrase's word gives up its final dot to
     * a word of its own */
    size_t wl = strlen(word);
    if (wl > 1 && word[wl - 1] == '.' && word[0] != '{') {
      char **nw2 = realloc(p->w, (p->n + 1) * sizeof *nw2);
      char *dot = nw2 ? strdup(".") : NULL;
      if (nw2)
        p->w = nw2;
      if (!dot) {
        ok = false;
        break;
      }
      word[wl - 1] = '\0';
      p->w[p->n++] = dot;
    }
  }
  pc_buf_cleanup(&low);
  return ok;
}

struct parse_args {
  struct pc_phrase_list *list;
  int kind; /* which file */
};

enum { K_PLAIN, K_PRONOUN, K_CLAIM, K_COUNTRY, K_GROUP, K_CUE };

struct fw_parse {
  struct pc_lex *lex;
  int cat; /* of the line being read */
};

static pc_status fw_word(void *closure, const char *w, const char *we,
                         pc_error *err) {
  struct fw_parse *fp = closure;
  struct pc_phrase *p = push(&fp->lex->fw[fp->cat]);
  if (!p || !split_words(w, we, p))
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  return PC_OK;
}

/* "category word word ..." */
static pc_status fw_line(void *closure, const char *s, const char *le,
                         pc_error *err) {
  static const char *const cats[PC_FW_LISTS] = {
      "stop",  "det",  "prep", "aux",  "cap",   "org", "sub",
      "conj",  "contrast", "neg", "inf", "hedge", "tell", "objm",
      "objf",  "after", "subj", "ord", "ptcp", "pass", "poss", "rel", "part", "gen", "pl",
      "notpl", "agent", "charge", "false", "rebut", "venue", "fin", "quant", "num", "when",
      "vpast", "ctl", "tunit", "modal", "oblig", "try", "label", "lead",
      "ntail", "make", "padj", "approx", "focus", "clmod", "clnoger", "wh", "people",
      "firm", "pair", "doer", "partof", "prt", "dem", "body", "qword", "doc", "by",
      "thing", "ipast", "past", "indef", "at", "medium", "female", "male",
      "feel", "duty", "anyone", "forgo", "forgop", "rep", "float", "imp",
      "nobody", "mute", "degree", "cmp", "think", "peer", "orgpart", "first",
      "numab", "qwh", "nomerit", "backs"};
  struct fw_parse *fp = closure;
  const char *sp = memchr(s, ' ', (size_t)(le - s));
  fp->cat = -1;
  for (int k = 0; sp && k < PC_FW_LISTS; k++)
    if ((size_t)(sp - s) == strlen(cats[k]) &&
        memcmp(s, cats[k], strlen(cats[k])) == 0)
      fp->cat = k;
  if (fp->cat < 0) /* a typo must not drop words */
    return pc_error_set(err, PC_ERR_INPUT,
                        "function-words.txt: unknown category '%.*s'",
                        (int)((sp ? sp : le) - s > 32 ? 32 : (sp ? sp : le) - s),
                        s);
  return pc_data_words(sp, le, fw_word, fp, err);
}

/* function-words.txt: "category word word ..." lines into lex->fw[]. */
static pc_status parse_function_words(void *dst, const char *s, size_t n,
                                      pc_error *err) {
  struct fw_parse fp = {dst, -1};
  return pc_data_lines(s, n, fw_line, &fp, err);
}

/* A line's tab-separated fields (at most 16). */
struct fields {
  const char *f[16];
  size_t fl[16], n;
};

static void split_fields(const char *s, const char *le, struct fields *fs) {
  fs->n = 0;
  for (const char *p = s; p < le && fs->n < 16;) {
    const char *tab = memchr(p, '\t', (size_t)(le - p));
    const char *fe = tab ? tab : le;
    fs->f[fs->n] = p;
    fs->fl[fs->n++] = (size_t)(fe - p);
    p = tab ? tab + 1 : le;
  }
}

/* countries.txt "CODE<TAB>Name<TAB>form..." and groups.txt
 * "type<TAB>Name<TAB>form...": one phrase per name, all carrying the
 * display name. */
static pc_status name_line(struct parse_args *a, const struct fields *fs,
                           pc_error *err) {
  if (fs->n < 2)
    return PC_OK;
  for (size_t i = 1; i < fs->n; i++) {
    struct pc_phrase *p = push(a->list);
    if (!p || !split_words(fs->f[i], fs->f[i] + fs->fl[i], p))
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    p->name = strndup(fs->f[1], fs->fl[1]);
    if (a->kind == K_COUNTRY) {
      p->tag = PC_ENTITY_COUNTRY;
      p->code = strndup(fs->f[0], fs->fl[0]);
    } else {
      p->tag = fs->fl[0] == 5 && memcmp(fs->f[0], "group", 5) == 0
                   ? PC_ENTITY_GROUP
               : fs->fl[0] == 5 && memcmp(fs->f[0], "place", 5) == 0
                   ? PC_ENTITY_PLACE
                   : PC_ENTITY_ORG;
    }
    if (!p->name || (a->kind == K_COUNTRY && !p->code))
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  return PC_OK;
}

/* Any other file: one phrase a line; claims.txt "polarity<TAB>claimant
 * <TAB>pattern", pronouns "word g"; a cue's " ?" or " !" mark. */
static pc_status phrase_line(struct parse_args *a, const struct fields *fs,
                             const char *s, const char *le, pc_error *err) {
  struct pc_phrase *p = push(a->list);
  if (!p)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  const char *ps = s, *pe = le;
  if (a->kind == K_CLAIM) {
    if (fs->n < 3)
      return pc_error_set(err, PC_ERR_INPUT, "claims.txt: bad line");
    p->tag = fs->fl[0] == 4 && memcmp(fs->f[0], "deny", 4) == 0;
    p->claimant = fs->fl[1] == 7 && memcmp(fs->f[1], "subject", 7) == 0 ? 1
                  : fs->fl[1] == 4 && memcmp(fs->f[1], "self", 4) == 0  ? 2
                                                                        : 0;
    ps = fs->f[2];
    pe = fs->f[2] + fs->fl[2];
  } else if (a->kind == K_PRONOUN) {
    const char *sp = memchr(s, ' ', (size_t)(le - s));
    if (sp) {
      pe = sp;
      p->tag = sp[1];
    }
  }
  /* cues.txt: the marks after the phrase (" ? +", " n"), in any order */
  while (a->kind == K_CUE && pe - ps > 2 && pe[-2] == ' ' &&
         strchr("?!+n-~", pe[-1])) {
    p->tag |= pe[-1] == '?'   ? PC_CUE_WEAK
              : pe[-1] == '!' ? PC_CUE_QREQ
              : pe[-1] == '+' ? PC_CUE_CREQ
              : pe[-1] == '-' ? PC_CUE_NOT
              : pe[-1] == '~' ? PC_CUE_ASPECT
                              : PC_CUE_NOUN | PC_CUE_WEAK | PC_CUE_CREQ;
    pe -= 2;
  }
  if (a->kind == K_PLAIN && pe - ps > 2 && pe[-1] == '?' && pe[-2] == ' ') {
    pe -= 2; /* "state ?": a weak cue, also a common noun */
    p->tag = 1;
  } else if (a->kind == K_PLAIN && pe - ps > 2 && pe[-1] == '!' &&
             pe[-2] == ' ') {
    pe -= 2; /* "called !": speech only with quotation marks */
    p->tag = 2;
  }
  if (!split_words(ps, pe, p))
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  return PC_OK;
}

static pc_status lex_line(void *closure, const char *s, const char *le,
                          pc_error *err) {
  struct parse_args *a = closure;
  struct fields fs;
  split_fields(s, le, &fs);
  if (a->kind == K_COUNTRY || a->kind == K_GROUP)
    return name_line(a, &fs, err);
  return phrase_line(a, &fs, s, le, err);
}

static pc_status parse_lines(void *dst, const char *s, size_t n,
                             pc_error *err) {
  return pc_data_lines(s, n, lex_line, dst, err);
}

/* ISO 3166-1 from Debian's iso-codes: name, common and official names. */
static pc_status parse_iso(void *dst, const char *s, size_t n, pc_error *err) {
  struct pc_phrase_list *l = dst;
  const char *why = NULL;
  struct json_object *root = pc_json_parse(s, n, true, 8, &why);
  struct json_object *arr = pc_json_get(root, "3166-1");
  if (!json_object_is_type(arr, json_type_array)) {
    json_object_put(root);
    return pc_error_set(err, PC_ERR_INTERNAL, "iso_3166-1.json unreadable");
  }
  pc_status st = PC_OK;
  for (size_t i = 0; i < pc_json_array_len(arr) && st == PC_OK; i++) {
    struct json_object *c = json_object_array_get_idx(arr, i);
    const char *code = pc_json_get_str(c, "alpha_3", NULL);
    const char *common = pc_json_get_str(c, "common_name", NULL);
    const char *name = pc_json_get_str(c, "name", NULL);
    const char *display = common ? common : name;
    const char *forms[3] = {name, common,
                            pc_json_get_str(c, "official_name", NULL)};
    for (int k = 0; k < 3 && code && display; k++) {
      if (!forms[k] || strchr(forms[k], ','))
        continue; /* "Korea, Republic of" is not how text says it */
      struct pc_phrase *p = push(l);
      if (!p || !split_words(forms[k], forms[k] + strlen(forms[k]), p) ||
          !(p->name = strdup(display)) || !(p->code = strdup(code))) {
        st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
        break;
      }
      p->tag = PC_ENTITY_COUNTRY;
    }
  }
  json_object_put(root);
  return st;
}

uint32_t pc_lex_hash(const char *s) {
  uint32_t h = PC_LEX_HASH0;
  for (; *s; s++)
    h = pc_lex_hash_step(h, (unsigned char)*s);
  return h;
}

uint64_t pc_lex_fw_h(const struct pc_lex *lex, const char *w, uint32_t hw) {
  if (!lex->fw_cap)
    return 0;
  uint32_t mask = (uint32_t)(lex->fw_cap - 1);
  for (uint32_t h = hw & mask; lex->fw_key[h]; h = (h + 1) & mask)
    if (lex->fw_hash[h] == hw && strcmp(lex->fw_key[h], w) == 0)
      return lex->fw_val[h];
  return 0;
}

uint64_t pc_lex_fw(const struct pc_lex *lex, const char *w) {
  return pc_lex_fw_h(lex, w, pc_lex_hash(w));
}

static int cmp_claim_first(const void *x, const void *y) {
  const struct pc_word *p = x, *q = y;
  int c = strcmp(p->w, q->w);
  return c ? c : (p->langs < q->langs ? -1 : p->langs > q->langs);
}

static int cmp_first(const void *x, const void *y) {
  const struct pc_phrase *p = x, *q = y;
  const char *a = p->n ? p->w[0] : "", *b = q->n ? q->w[0] : "";
  return strcmp(a, b);
}

/* Sorted by first word, so a look-up is a binary search (see
 * pc_lex_first); the order of equal first words is kept (mergesort is not
 * in C, so ties are broken by the original index). */
static bool sort_list(struct pc_phrase_list *l) {
  if (l->n > 1)
    qsort(l->p, l->n, sizeof *l->p, cmp_first);
  if (!l->n || l->n >= UINT32_MAX / 4)
    return true;
  size_t cap = 16;
  while (cap < l->n * 2)
    cap *= 2;
  l->first = calloc(cap, sizeof *l->first);
  l->first_end = calloc(cap, sizeof *l->first_end);
  l->first_hash = calloc(cap, sizeof *l->first_hash);
  l->first_bits = calloc(cap / 8, sizeof *l->first_bits); /* 8 * cap bits */
  if (!l->first || !l->first_end || !l->first_hash || !l->first_bits)
    return false;
  l->first_cap = cap;
  for (size_t i = 0; i < l->n; i++) {
    if (!l->p[i].n || (i > 0 && l->p[i - 1].n &&
                       strcmp(l->p[i - 1].w[0], l->p[i].w[0]) == 0))
      continue; /* only the first phrase of each first word */
    const char *w = l->p[i].w[0];
    uint32_t hw = pc_lex_hash(w), h = hw & (uint32_t)(cap - 1);
    while (l->first[h])
      h = (h + 1) & (uint32_t)(cap - 1);
    size_t e = i + 1; /* the group ends where the first word changes */
    while (e < l->n && l->p[e].n && strcmp(l->p[e].w[0], w) == 0)
      e++;
    l->first[h] = (uint32_t)i + 1;
    l->first_end[h] = (uint32_t)e;
    l->first_hash[h] = hw;
    uint32_t b = (hw ^ (hw >> 15)) & (uint32_t)(8 * cap - 1);
    l->first_bits[b / 64] |= (uint64_t)1 << (b % 64);
  }
  return true;
}

size_t pc_lex_first_h(const struct pc_phrase_list *l, const char *w,
                      uint32_t hw, size_t *end) {
  if (l->first_cap) {
    uint32_t mask = (uint32_t)(l->first_cap - 1);
    if (!pc_lex_may_start(l, hw)) {
      *end = 0;
      return 0;
    }
    for (uint32_t h = hw & mask; l->first[h]; h = (h + 1) & mask) {
      size_t lo = l->first[h] - 1;
      if (l->first_hash[h] == hw && strcmp(l->p[lo].w[0], w) == 0) {
        *end = l->first_end[h];
        return lo;
      }
    }
    *end = 0;
    return 0;
  }
  size_t lo = 0, hi = l->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (strcmp(l->p[mid].n ? l->p[mid].w[0] : "", w) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t e = lo;
  while (e < l->n && l->p[e].n && strcmp(l->p[e].w[0], w) == 0)
    e++;
  *end = e;
  return lo;
}

size_t pc_lex_first(const struct pc_phrase_list *l, const char *w,
                    size_t *end) {
  return pc_lex_first_h(l, w, l->first_cap ? pc_lex_hash(w) : 0, end);
}

size_t pc_claim_anchor(const struct pc_phrase *p) {
  size_t best = p->n, bl = 0;
  for (size_t k = 0; k < p->n; k++) {
    size_t l = strlen(p->w[k]);
    if (p->w[k][0] != '{' && !strchr(p->w[k], '|') && l > bl)
      best = k, bl = l;
  }
  return best;
}

uint64_t pc_claim_first_bytes(const char *w) {
  uint64_t bits = 0;
  for (;;) {
    size_t n = strcspn(w, "|");
    unsigned char c = (unsigned char)w[0]; /* a word, a lemma's stem */
    if (n == 0 || (n == 1 && w[0] == '~'))
      c = '\0'; /* the empty word */
    if (n > 1 && w[0] == '*' && w[n - 1] != '~')
      return ~(uint64_t)0; /* a suffix: any first byte */
    bits |= (uint64_t)1 << (c & 63);
    if (!w[n])
      return bits;
    w += n + 1;
  }
}

/* A bit per length in bytes (& 63) of the words the claims.txt word w
 * matches: a word its own, a lemma's stem of n bytes n to n + 4 (its
 * forms: +s, +es, +ed, +ing, -y +ied, -e +ing, a doubled consonant +ing),
 * a suffix ("*ing") any. */
uint64_t pc_claim_lengths(const char *w) {
  uint64_t bits = 0;
  for (;;) {
    size_t n = strcspn(w, "|");
    if (n > 1 && w[0] == '*' && w[n - 1] != '~')
      return ~(uint64_t)0;
    if (n && w[n - 1] == '~') {
      size_t stem = n - 1;
      for (size_t l = stem; l <= stem + (stem < 2 ? 0 : 4); l++)
        bits |= (uint64_t)1 << (l & 63);
    } else {
      bits |= (uint64_t)1 << (n & 63);
    }
    if (!w[n])
      return bits;
    w += n + 1;
  }
}

/* The bit of the word w[0, n) + end (its pc_lex_hash's). */
static uint16_t seen_bit(const char *w, size_t n, const char *end) {
  uint32_t h = PC_LEX_HASH0;
  for (size_t m = 0; m < n; m++)
    h = pc_lex_hash_step(h, (unsigned char)w[m]);
  for (; *end; end++)
    h = pc_lex_hash_step(h, (unsigned char)*end);
  return (uint16_t)pc_claim_seen_bit(h);
}

size_t pc_claim_seen_bits(const char *w, uint16_t *out) {
  size_t k = 1, na = 1; /* the alternatives, then their negated forms */
  for (const char *c = strchr(w, '|'); c; c = strchr(c + 1, '|'))
    na++;
  for (size_t j = 0; j < na; j++) {
    size_t n = strcspn(w, "|");
    if (n == 0 || w[0] == '*' || w[0] == '{' || w[n - 1] == '~') {
      out[0] = 0;
      return 1;
    }
    out[k] = seen_bit(w, n, "");
    out[k + na] = seen_bit(w, n, "n't"); /* a token writes ’ as ' */
    k++;
    w += n + 1;
  }
  out[0] = (uint16_t)(2 * na);
  return 1 + 2 * na;
}

/* Claims keep their order (patterns are tried as listed), and get an
 * index by their anchor (pc_claim_anchor) and the first bytes of their
 * words (pc_claim_first_bytes). */
static pc_status index_claims(struct pc_lex *lex, pc_error *err) {
  lex->claim_first = calloc(lex->claims.n + 1, sizeof *lex->claim_first);
  if (!lex->claim_first)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < lex->claims.n; i++) {
    struct pc_phrase *p = &lex->claims.p[i];
    p->wfirst = calloc(2 * (p->n + 1), sizeof *p->wfirst);
    size_t ns = 0; /* each word's alternatives, twice, and their count */
    for (size_t k = 0; k < p->n; k++)
      for (const char *c = p->w[k]; c; c = strchr(c + 1, '|'))
        ns++;
    p->wseen = calloc(2 * ns + p->n + 1, sizeof *p->wseen);
    if (!p->wfirst || !p->wseen)
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    p->wlen = p->wfirst + p->n + 1;
    for (size_t k = 0, at = 0; k < p->n; k++) {
      p->wfirst[k] = pc_claim_first_bytes(p->w[k]);
      p->wlen[k] = pc_claim_lengths(p->w[k]);
      at += pc_claim_seen_bits(p->w[k], p->wseen + at);
    }
    size_t an = pc_claim_anchor(p);
    if (an < p->n && strchr(p->w[an], '~') && strlen(p->w[an]) > 2) {
      lex->claim_stem[pc_claim_stem_bit(p->w[an])] |= 1u << (p->w[an][2] & 31);
    }
    if (an < p->n) {
      lex->claim_first[lex->nclaim_first].w = p->w[an];
      lex->claim_first[lex->nclaim_first].langs = (uint32_t)i;
      lex->claim_first[lex->nclaim_first].len = (uint32_t)strlen(p->w[an]);
      lex->nclaim_first++;
    }
  }
  if (lex->nclaim_first > 1)
    qsort(lex->claim_first, lex->nclaim_first, sizeof *lex->claim_first,
          cmp_claim_first);
  if (lex->nclaim_first >= PC_CLAIM_HASH / 2)
    return pc_error_set(err, PC_ERR_INPUT, "claims.txt: too many patterns");
  for (size_t i = 0; i < lex->nclaim_first; i++) {
    const char *w = lex->claim_first[i].w;
    if (i && strcmp(lex->claim_first[i - 1].w, w) == 0)
      continue;
    uint32_t hw = pc_lex_hash(w), h = hw & (PC_CLAIM_HASH - 1);
    while (lex->claim_hash[h])
      h = (h + 1) & (PC_CLAIM_HASH - 1);
    size_t e = i + 1;
    while (e < lex->nclaim_first && strcmp(lex->claim_first[e].w, w) == 0)
      e++;
    lex->claim_hash[h] = (uint16_t)(i + 1);
    lex->claim_end[h] = (uint16_t)e;
    lex->claim_h[h] = hw;
    uint32_t b = (hw ^ (hw >> 15)) & (PC_CLAIM_HASH * 8u - 1);
    lex->claim_bits[b / 64] |= (uint64_t)1 << (b % 64);
  }
  return PC_OK;
}

size_t pc_lex_claim_first(const struct pc_lex *lex, const char *w, uint32_t hw,
                          size_t *end) {
  *end = 0;
  if (!pc_lex_claim_may_anchor(lex, hw))
    return 0;
  for (uint32_t h = hw & (PC_CLAIM_HASH - 1); lex->claim_hash[h];
       h = (h + 1) & (PC_CLAIM_HASH - 1))
    if (lex->claim_h[h] == hw &&
        strcmp(lex->claim_first[lex->claim_hash[h] - 1].w, w) == 0) {
      *end = lex->claim_end[h];
      return lex->claim_hash[h] - 1u;
    }
  *end = 0;
  return 0;
}

/* The bits of the frames' first words (pc_lex_frame_may_start). */
static void index_frames(struct pc_lex *lex) {
  for (size_t f = 0; f < lex->frames.n; f++)
    if (lex->frames.p[f].n) {
      uint32_t h = pc_lex_hash(lex->frames.p[f].w[0]);
      lex->frame_first[(h & 1023u) / 64] |= (uint64_t)1 << (h & 63u);
    }
}

/* Every function word once, with the bit mask of its categories. */
static pc_status index_function_words(struct pc_lex *lex, pc_error *err) {
  size_t nfw = 0;
  for (int k = 0; k < PC_FW_COUNT; k++)
    nfw += lex->fw[k].n;
  lex->fw_cap = 64;
  while (lex->fw_cap < nfw * 2 + 1)
    lex->fw_cap *= 2;
  lex->fw_key = calloc(lex->fw_cap, sizeof *lex->fw_key);
  lex->fw_val = calloc(lex->fw_cap, sizeof *lex->fw_val);
  lex->fw_hash = calloc(lex->fw_cap, sizeof *lex->fw_hash);
  if (!lex->fw_key || !lex->fw_val || !lex->fw_hash)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  for (int k = 0; k < PC_FW_COUNT; k++)
    for (size_t i = 0; i < lex->fw[k].n; i++) {
      const char *w = lex->fw[k].p[i].w[0];
      uint32_t hw = pc_lex_hash(w), h = hw & (uint32_t)(lex->fw_cap - 1);
      while (lex->fw_key[h] && strcmp(lex->fw_key[h], w) != 0)
        h = (h + 1) & (uint32_t)(lex->fw_cap - 1);
      lex->fw_key[h] = w;
      lex->fw_hash[h] = hw;
      lex->fw_val[h] |= (uint64_t)1 << k;
    }
  return PC_OK;
}

/*** cues: lemmas and their forms ******************************************/

static bool vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Whether w (n bytes) doubles its last letter before -ed and -ing: one
 * syllable ending consonant-vowel-consonant ("chat", "snap"; not "shout",
 * "yell", "vow").  Longer verbs that double are in inflections.txt. */
static bool doubles(const char *w, size_t n) {
  if (n < 3 || vowel(w[n - 1]) || strchr("wxy", w[n - 1]) ||
      !vowel(w[n - 2]) || vowel(w[n - 3]))
    return false;
  int groups = 0;
  for (size_t i = 0; i < n; i++)
    groups += vowel(w[i]) && (i == 0 || !vowel(w[i - 1]));
  return groups == 1;
}

/* The English forms of the lemma w by rule into out[0..2]: -s (also a
 * noun's plural), past (also the participle), -ing.  Words longer than
 * PC_FORM_MAX - 6 bytes keep only the lemma (the forms are left empty). */
#define PC_FORM_MAX 40
static void rule_forms(const char *w, char out[3][PC_FORM_MAX]) {
  size_t n = strlen(w);
  out[0][0] = out[1][0] = out[2][0] = '\0';
  if (n < 2 || n + 6 > PC_FORM_MAX)
    return;
  int m = (int)n;
  char last = w[n - 1], prev = w[n - 2];
  bool cy = last == 'y' && !vowel(prev); /* "deny" */
  if (cy)
    snprintf(out[0], PC_FORM_MAX, "%.*sies", m - 1, w);
  else if (strchr("sxz", last) || (last == 'h' && strchr("cs", prev)) ||
           (last == 'o' && !vowel(prev)))
    snprintf(out[0], PC_FORM_MAX, "%ses", w); /* "echoes" */
  else
    snprintf(out[0], PC_FORM_MAX, "%ss", w);
  bool dbl = doubles(w, n);
  if (last == 'e')
    snprintf(out[1], PC_FORM_MAX, "%sd", w);
  else if (cy)
    snprintf(out[1], PC_FORM_MAX, "%.*sied", m - 1, w);
  else
    snprintf(out[1], PC_FORM_MAX, "%s%sed", w, dbl ? w + n - 1 : "");
  if (last == 'e' && prev == 'i')
    snprintf(out[2], PC_FORM_MAX, "%.*sying", m - 2, w); /* "lying" */
  else if (last == 'e' && !strchr("eyo", prev))
    snprintf(out[2], PC_FORM_MAX, "%.*sing", m - 1, w); /* "arguing" */
  else
    snprintf(out[2], PC_FORM_MAX, "%s%sing", w, dbl ? w + n - 1 : "");
}

/* A copy of lemma phrase p at the end of l, its first word replaced by
 * form, with tag. */
static bool push_form(struct pc_phrase_list *l, const struct pc_phrase *p,
                      const char *form, int tag) {
  struct pc_phrase *q = push(l);
  if (!q || !(q->w = calloc(p->n, sizeof *q->w)))
    return false;
  q->tag = tag;
  for (size_t k = 0; k < p->n; k++) {
    q->w[k] = strdup(k == 0 ? form : p->w[k]);
    if (!q->w[k])
      return false;
    q->n = k + 1;
  }
  return true;
}

/* The forms of the lemma phrase p into out: the lemma, then its forms
 * from inflections.txt or by rule; a noun only adds its plural.  The
 * lemma and its -s form of a weak (also a noun) lemma stay weak, its
 * other forms ("stated", "claiming") are verbs only. */
static bool lemma_forms(const struct pc_lex *lex, const struct pc_phrase *p,
                        struct pc_phrase_list *out) {
  const char *w = p->w[0];
  char rule[3][PC_FORM_MAX];
  rule_forms(w, rule);
  const struct pc_phrase *irr = NULL;
  for (size_t k = 0; k < lex->inflections.n && !irr && !(p->tag & PC_CUE_NOUN);
       k++)
    if (strcmp(lex->inflections.p[k].w[0], w) == 0)
      irr = &lex->inflections.p[k];
  const char *forms[16];
  size_t nf = 0;
  forms[nf++] = w;
  if (irr)
    for (size_t k = 1; k < irr->n && nf < 16; k++)
      forms[nf++] = irr->w[k];
  else
    for (size_t k = 0; k < ((p->tag & PC_CUE_NOUN) ? 1u : 3u); k++)
      if (rule[k][0])
        forms[nf++] = rule[k];
  for (size_t k = 0; k < nf; k++) {
    bool dup = false;
    for (size_t j = 0; j < k; j++)
      dup |= strcmp(forms[j], forms[k]) == 0;
    bool noun_form = k == 0 || strcmp(forms[k], rule[0]) == 0 ||
                     (p->tag & PC_CUE_NOUN);
    int tag = p->tag & ~PC_CUE_WEAK;
    if ((p->tag & PC_CUE_WEAK) && noun_form)
      tag |= PC_CUE_WEAK;
    if (!dup && !push_form(out, p, forms[k], tag))
      return false;
  }
  return true;
}

/* cues.txt holds lemmas when the language has inflections.txt: each
 * becomes all its forms (before sorting; once per loaded lexicon). */
static pc_status expand_cues(struct pc_lex *lex, pc_error *err) {
  struct pc_phrase_list out = {0};
  for (size_t i = 0; i < lex->cues.n; i++)
    if (lex->cues.p[i].n && !lemma_forms(lex, &lex->cues.p[i], &out)) {
      list_free(&out);
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    }
  list_free(&lex->cues);
  lex->cues = out;
  return PC_OK;
}

/* The forms of the verb lemma w (w itself first) from inflections.txt
 * or by rule into forms; returns how many (at most 16). */
static size_t verb_forms(const struct pc_lex *lex, const char *w,
                         char rule[3][PC_FORM_MAX], const char *forms[16]) {
  size_t nf = 0;
  forms[nf++] = w;
  for (size_t k = 0; k < lex->inflections.n; k++)
    if (strcmp(lex->inflections.p[k].w[0], w) == 0) {
      for (size_t j = 1; j < lex->inflections.p[k].n && nf < 16; j++)
        forms[nf++] = lex->inflections.p[k].w[j];
      return nf;
    }
  rule_forms(w, rule);
  for (size_t k = 0; k < 3; k++)
    if (rule[k][0])
      forms[nf++] = rule[k];
  return nf;
}

/* A copy of claim pattern p at the end of l with word at replaced. */
static bool push_claim_form(struct pc_phrase_list *l, const struct pc_phrase *p,
                            size_t at, const char *form) {
  struct pc_phrase *q = push(l);
  if (!q || !(q->w = calloc(p->n, sizeof *q->w)))
    return false;
  q->tag = p->tag;
  q->claimant = p->claimant;
  for (size_t k = 0; k < p->n; k++) {
    q->w[k] = strdup(k == at ? form : p->w[k]);
    if (!q->w[k])
      return false;
    q->n = k + 1;
  }
  return true;
}

/* claims.txt: a verb written "steal^" stands for all its forms, each a
 * pattern of its own (a literal word, so its own anchor: "steal~" would
 * send every word that may be a form of a lemma through the look-up).
 * The forms come from inflections.txt or by rule, in the pattern's
 * place (patterns are tried in order). */
static pc_status expand_claims(struct pc_lex *lex, pc_error *err) {
  struct pc_phrase_list out = {0};
  for (size_t i = 0; i < lex->claims.n; i++) {
    const struct pc_phrase *p = &lex->claims.p[i];
    size_t at = 0, l = 0;
    while (at < p->n && !((l = strlen(p->w[at])) > 1 && p->w[at][l - 1] == '^'))
      at++;
    bool ok = true;
    if (at == p->n) {
      ok = push_claim_form(&out, p, p->n, NULL);
    } else {
      char lemma[PC_FORM_MAX], rule[3][PC_FORM_MAX];
      const char *forms[16];
      snprintf(lemma, sizeof lemma, "%.*s", (int)(l - 1), p->w[at]);
      size_t nf = verb_forms(lex, lemma, rule, forms);
      for (size_t k = 0; k < nf && ok; k++) {
        bool dup = false;
        for (size_t j = 0; j < k; j++)
          dup |= strcmp(forms[j], forms[k]) == 0;
        ok = dup || push_claim_form(&out, p, at, forms[k]);
      }
    }
    if (!ok) {
      list_free(&out);
      return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    }
  }
  list_free(&lex->claims);
  lex->claims = out;
  return PC_OK;
}

/* Whether data file name is there: in data_dir or built in. */
static bool data_present(const char *data_dir, const char *name) {
  if (data_dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", data_dir, name);
    FILE *f = fopen(path, "rb");
    if (f) {
      fclose(f);
      return true;
    }
  }
  for (size_t i = 0; i < pc_data_nfiles; i++)
    if (pc_data_files[i].name && strcmp(pc_data_files[i].name, name) == 0)
      return true;
  return false;
}

/* The optional inflections.txt of lang: when there, cues.txt holds
 * lemmas, expanded to their forms. */
static pc_status load_inflections(const char *data_dir, const char *lang,
                                  struct pc_lex *lex, pc_error *err) {
  char name[64];
  snprintf(name, sizeof name, "%s/inflections.txt", lang);
  if (!data_present(data_dir, name))
    return PC_OK;
  struct parse_args a = {&lex->inflections, K_PLAIN};
  pc_status st = pc_data_load(data_dir, name, parse_lines, &a, err);
  return st == PC_OK ? expand_cues(lex, err) : st;
}

/* Every phrase's len0 (endings are compared from the word's end). */
static void set_lengths(struct pc_lex *lex) {
  struct pc_phrase_list *all[] = {
      &lex->cues,  &lex->frames, &lex->pronouns, &lex->roles,
      &lex->honorifics, &lex->claims, &lex->names, &lex->given,
      &lex->comps, &lex->members, &lex->heads, &lex->inflections};
  for (size_t i = 0; i < sizeof all / sizeof *all + PC_FW_LISTS; i++) {
    struct pc_phrase_list *l =
        i < sizeof all / sizeof *all ? all[i]
                                     : &lex->fw[i - sizeof all / sizeof *all];
    for (size_t k = 0; k < l->n; k++)
      l->p[k].len0 = l->p[k].n ? strlen(l->p[k].w[0]) : 0;
  }
}

pc_status pc_lex_load(const char *data_dir, const char *lang,
                      struct pc_lex *lex, pc_error *err) {
  static const struct {
    const char *file;
    size_t off;
    int kind;
  } files[] = {
      {"cues.txt", offsetof(struct pc_lex, cues), K_CUE},
      {"frames.txt", offsetof(struct pc_lex, frames), K_PLAIN},
      {"pronouns.txt", offsetof(struct pc_lex, pronouns), K_PRONOUN},
      {"roles.txt", offsetof(struct pc_lex, roles), K_PLAIN},
      {"honorifics.txt", offsetof(struct pc_lex, honorifics), K_PLAIN},
      {"claims.txt", offsetof(struct pc_lex, claims), K_CLAIM},
      {"countries.txt", offsetof(struct pc_lex, names), K_COUNTRY},
      {"groups.txt", offsetof(struct pc_lex, names), K_GROUP},
      {"given-names.txt", offsetof(struct pc_lex, given), K_PRONOUN},
      {"complementizers.txt", offsetof(struct pc_lex, comps), K_PLAIN},
      {"members.txt", offsetof(struct pc_lex, members), K_PRONOUN},
      {"heads.txt", offsetof(struct pc_lex, heads), K_PRONOUN},
  };
  snprintf(lex->lang, sizeof lex->lang, "%s", lang);
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    struct parse_args a = {
        (struct pc_phrase_list *)((char *)lex + files[i].off), files[i].kind};
    char name[64];
    snprintf(name, sizeof name, "%s/%s", lang, files[i].file);
    pc_status st = pc_data_load(data_dir, name, parse_lines, &a, err);
    if (st != PC_OK)
      return st;
  }
  pc_status ist = load_inflections(data_dir, lang, lex, err);
  if (ist != PC_OK)
    return ist;
  char fwname[64];
  snprintf(fwname, sizeof fwname, "%s/function-words.txt", lang);
  pc_status fst = pc_data_load(data_dir, fwname, parse_function_words, lex, err);
  if (fst != PC_OK)
    return fst;
  /* our names first: they carry the display names news uses */
  pc_status st = pc_data_load(data_dir, "iso_3166-1.json", parse_iso,
                              &lex->names, err);
  if (st != PC_OK)
    return st;
  st = expand_claims(lex, err);
  if (st == PC_OK)
    st = index_claims(lex, err);
  if (st != PC_OK)
    return st;
  index_frames(lex);
  bool ok = sort_list(&lex->cues) && sort_list(&lex->pronouns) &&
            sort_list(&lex->roles) && sort_list(&lex->honorifics) &&
            sort_list(&lex->names) && sort_list(&lex->given) &&
            sort_list(&lex->comps) && sort_list(&lex->members) &&
            sort_list(&lex->heads);
  for (int k = 0; k < PC_FW_LISTS && ok; k++)
    ok = sort_list(&lex->fw[k]);
  if (!ok)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  set_lengths(lex);
  return index_function_words(lex, err);
}
