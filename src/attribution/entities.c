/*
 * entities.c - 3. entities: names of countries and groups from the lexicon
 * (ISO 3166 included), runs of capitalised words as people and
 * organisations, surnames and demonyms merged into them; the role a
 * person is first given.  Entities are looked up by name in a small hash
 * map.
 */
#include "analysis.h"

/*** the entity look-up: a small string -> index hash map ******************/

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

void pc_att_map_free(struct strmap *m) {
  for (size_t i = 0; i < m->cap; i++)
    free(m->key[i]);
  free(m->key);
  free(m->val);
  memset(m, 0, sizeof *m);
}

/*** entities **************************************************************/

static int find_entity(struct analysis *a, const char *name) {
  return map_get(&a->names, name);
}

/* The gender a person's name tells: that of its first word before the
 * surname that given-names.txt lists ("Republican Donald Trump": Donald;
 * "Vermonter Bernie Sanders": Bernie), or of a name of one word; 0. */
static int name_gender(const struct analysis *a, const char *name,
                       const char *surname) {
  for (const char *w = name;;) {
    char low[32];
    size_t l = 0;
    for (const char *c = w; *c && *c != ' ' && l + 1 < sizeof low; c++)
      low[l++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
    low[l] = '\0';
    int g = list_tag_of(a, &a->lex->given, low);
    if (g == 'f' || g == 'm')
      return g;
    const char *sp = strchr(w, ' ');
    if (!sp || sp + 1 >= surname)
      return 0;
    w = sp + 1;
  }
}

/* "Joseph R. Biden Jr", "Joe Manchin III": after a generational suffix
 * (an abbreviation of honorifics.txt, "Jr", "Sr", or a Roman numeral)
 * the word before it is the surname too, which later mentions use
 * ("Biden said"). */
static void suffixed_surname(struct analysis *a, const char *name,
                             const char *last, int e) {
  char low[8], sur[64];
  size_t l = strlen(last);
  if (last == name || l >= sizeof low)
    return;
  for (size_t k = 0; k <= l; k++)
    low[k] = (char)(last[k] >= 'A' && last[k] <= 'Z' ? last[k] + 32 : last[k]);
  if (!in_list_of(a, &a->lex->honorifics, low) &&
      (l < 2 || strspn(low, "ivx") != l))
    return;
  const char *end = last - 1, *b = end; /* the space before the suffix */
  while (b > name && b[-1] != ' ')
    b--;
  if (b == end || (size_t)(end - b) >= sizeof sur)
    return;
  memcpy(sur, b, (size_t)(end - b));
  sur[end - b] = '\0';
  if (map_get(&a->surnames, sur) < 0 && !map_put(&a->surnames, sur, e))
    a->oom = true;
}

static int add_entity(struct analysis *a, const char *name, pc_entity_type type,
                      const char *code) {
  int e = find_entity(a, name);
  if (e >= 0 || a->nen >= PC_MAX_ENTITIES)
    return e;
  GROW(a, en, nen, capen);
  if (a->oom)
    return -1;
  struct found_entity *x = &a->en[a->nen];
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
    int g = name_gender(a, x->name, x->surname);
    x->gender = g == 'f' || g == 'm' ? (char)g : 0;
    if (map_get(&a->surnames, x->surname) < 0 &&
        !map_put(&a->surnames, x->surname, (int)a->nen))
      a->oom = true;
    suffixed_surname(a, x->name, x->surname, (int)a->nen);
  }
  if (!map_put(&a->names, x->name, (int)a->nen))
    a->oom = true;
  return (int)a->nen++;
}

static void add_alias(struct found_entity *x, const char *form) {
  if (strcmp(form, x->name) == 0 || x->naliases >= 8)
    return;
  for (size_t i = 0; i < x->naliases; i++)
    if (strcmp(x->aliases[i], form) == 0)
      return;
  char *d = strdup(form);
  if (d)
    x->aliases[x->naliases++] = d;
}

static void mark_tokens(struct analysis *a, size_t t0, size_t t1, int e) {
  for (size_t i = t0; i < t1; i++)
    a->t[i].ent = e;
  if (e >= 0) {
    a->en[e].mentions++;
    char *form = pc_att_text_of(a, t0, t1);
    if (form) {
      add_alias(&a->en[e], form);
      free(form);
    }
  }
}
static bool all_caps(const struct analysis *a, size_t i) {
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

/* The role stated with a person's first mention: an apposition after the
 * name (", director of the Conflicts Forum,") or the words before it
 * ("former senior British diplomat").  Words after the comma that open
 * with a preposition or "according" are an adverbial, no apposition
 * ("the computer of Jane Roe, according to the report"). */
static char *person_role(const struct analysis *a, size_t run0, size_t s,
                         size_t j, size_t lim) {
  if (j + 1 < lim && is_punct(&a->t[j], ",") &&
      !(a->t[j + 1].type == T_WORD &&
        (preposition(a, a->t[j + 1].low) ||
         strcmp(a->t[j + 1].low, "according") == 0))) {
    size_t e = j + 1;
    bool role = false;
    while (e < lim && e < j + 14 && a->t[e].type == T_WORD) {
      role = role || is_role_word(a, e);
      e++;
    }
    if (role && e < lim && (is_punct(&a->t[e], ",") || is_end_punct(&a->t[e])))
      return pc_att_np_text(a, j + 1, e);
  }
  size_t b = s;
  while (b > 0 && b + 6 > s && a->t[b - 1].type == T_WORD &&
         a->t[b - 1].block == a->t[s].block && !stop_word(a, a->t[b - 1].low) &&
         !determiner(a, a->t[b - 1].low))
    b--;
  for (size_t k = b; k < s; k++)
    if (is_role_word(a, k))
      return pc_att_np_text(a, b, s);
  (void)run0;
  return NULL;
}

/* "Mr. Clinton" after "Hillary Clinton" and "Bill Clinton": a title that
 * tells the gender (given-names.txt lists "mr", "mrs", "ms") picks the
 * namesake of that gender; else the person the surname first named. */
static int titled_namesake(const struct analysis *a, int known,
                           const char *title) {
  int g = list_tag_of(a, &a->lex->given, title);
  if ((g != 'f' && g != 'm') || a->en[known].gender != (g == 'f' ? 'm' : 'f'))
    return known;
  const char *sur = a->en[known].surname;
  for (size_t e = 0; e < a->nen; e++)
    if (a->en[e].type == PC_ENTITY_PERSON && a->en[e].gender == g &&
        strcmp(a->en[e].surname, sur) == 0)
      return (int)e;
  return known;
}

/* Whether a capitalised word that opens a sentence (lower-cased w) reads
 * as a name: no plural, group's noun, pronoun, subordinator, quantity,
 * determiner, gerund, contraction or indefinite pronoun (data: anyone)
 * ("Officials", "Whenever", "Having", "We've", "Nobody" are no one's
 * names). */
static bool opener_name(const struct analysis *a, const char *w) {
  size_t l = strlen(w);
  return l >= 3 && w[l - 1] != 's' && !strchr(w, '\'') &&
         !fw_is(a, w, PC_FW_PEOPLE) && !fw_is(a, w, PC_FW_BODY) &&
         !fw_is(a, w, PC_FW_FIRM) && !in_list_of(a, &a->lex->pronouns, w) &&
         !fw_is(a, w, PC_FW_SUB) && !fw_is(a, w, PC_FW_QUANT) &&
         !in_list_of(a, &a->lex->fw[PC_FW_ANYONE], w) &&
         !determiner(a, w) &&
         strcmp(w + l - 3, "ing") != 0 &&
         !(l > 4 && strcmp(w + l - 4, "ever") == 0) &&
         strcmp(w, "another") != 0;
}

/* Whether "he" or "she" ("his", "her") stands soon after token v in its
 * block, outside quotation marks. */
static bool gendered_after(const struct analysis *a, size_t v) {
  for (size_t z = v + 1; z < a->nt && z < v + 24; z++) {
    const struct token *t = &a->t[z];
    if (t->block != a->t[v].block)
      return false;
    if (t->in_span >= 0 || t->type != T_WORD)
      continue;
    int g = list_tag_of(a, &a->lex->pronouns, t->low);
    if (g == 'm' || g == 'f' || strcmp(t->low, "his") == 0 ||
        strcmp(t->low, "her") == 0)
      return true;
  }
  return false;
}

/* "“...,” Meghan said", "Harry and Meghan spoke", "Cruz openly admitted
 * that his pick ...": one capitalised word (not in capitals, no function
 * word or role) right before a past form that only a speaker takes
 * (function-words vpast), an adverb in -ly between, names a person.  At
 * a sentence's start, where every word is capitalised, a cue's past form
 * in -ed does too, when the word reads as a name and "he" or "she"
 * follows ("Verizon said its" is no one). */
static bool speaks_alone(const struct analysis *a, size_t s) {
  const struct token *k = &a->t[s];
  if (s + 2 >= a->nt || all_caps(a, s) || function_cap(a, k->low) ||
      stop_word(a, k->low) || in_list_of(a, &a->lex->roles, k->low))
    return false;
  size_t v = s + 1;
  size_t vl = strlen(a->t[v].low);
  if (a->t[v].type == T_WORD && !(a->t[v].flags & F_CAP) && vl > 4 &&
      strcmp(a->t[v].low + vl - 2, "ly") == 0)
    v++;
  const struct token *n = &a->t[v];
  if (n->type != T_WORD || n->block != k->block)
    return false;
  if (!(k->flags & F_SENT))
    return fw_is(a, n->low, PC_FW_VPAST);
  size_t nl = strlen(n->low);
  return (fw_is(a, n->low, PC_FW_VPAST) ||
          (n->cue && nl > 4 && strcmp(n->low + nl - 2, "ed") == 0)) &&
         opener_name(a, k->low) && gendered_after(a, v);
}

/* "Tommy — who only goes by his first name —", "Solovey, who runs the
 * shop,": a capitalised word alone that "who" follows after a comma or a
 * dash names a person; at a sentence's start not a plural ("Critics,
 * who") nor a role. */
static bool who_after(const struct analysis *a, size_t s) {
  const struct token *k = &a->t[s];
  size_t l = strlen(k->low);
  if (s + 2 >= a->nt || all_caps(a, s) || function_cap(a, k->low) ||
      stop_word(a, k->low) || in_list_of(a, &a->lex->roles, k->low) ||
      ((k->flags & F_SENT) && !list_tag_of(a, &a->lex->given, k->low) &&
       (l < 3 || k->low[l - 1] == 's')))
    return false;
  /* the word alone: at the sentence's start, after punctuation or a
   * cue ("said Solovey, who"); not "Sen. Jo Ames of Ohio, who" */
  if (!(k->flags & F_SENT) && s > 0 && a->t[s - 1].type == T_WORD &&
      !a->t[s - 1].cue)
    return false;
  /* "a nurse from Brownsville, Texas, who": a place's second part */
  if (!(k->flags & F_SENT) && s > 1 && is_punct(&a->t[s - 1], ",") &&
      a->t[s - 2].type == T_WORD && (a->t[s - 2].flags & F_CAP))
    return false;
  const struct token *p = &a->t[s + 1];
  bool sep = is_punct(p, ",") || is_punct(p, "\xE2\x80\x94") ||
             is_punct(p, "\xE2\x80\x93");
  return sep && p->block == k->block && a->t[s + 2].type == T_WORD &&
         strcmp(a->t[s + 2].low, "who") == 0;
}

/* The gender a noun of kin right before the name at s tells, past a
 * comma ("Ramdehol's sister, Inderdai Deyal", "her husband Pat Ames"):
 * 'f', 'm' or 0 (data: function-words female, male). */
static char kin_gender(const struct analysis *a, size_t s) {
  size_t k = s;
  if (k > 0 && is_punct(&a->t[k - 1], ","))
    k--;
  if (k == 0 || a->t[k - 1].type != T_WORD || a->t[k - 1].block != a->t[s].block)
    return 0;
  const char *w = a->t[k - 1].low;
  return in_list_of(a, &a->lex->fw[PC_FW_FEMALE], w) ? 'f'
         : in_list_of(a, &a->lex->fw[PC_FW_MALE], w) ? 'm'
                                                     : 0;
}

/* One capitalised word at s (its run started at i): the surname of
 * someone named before, else after a title a person of its own. */
static void surname_mention(struct analysis *a, size_t i, size_t s,
                            const char *name, bool after_title) {
  int known = map_get(&a->surnames, name);
  /* the title before the dot ("Mr. Anderson") or inside the run ("Mr
   * Anderson") */
  const char *title = s > i ? a->t[s - 1].low
                      : after_title && i >= 2 ? a->t[i - 2].low
                                              : NULL;
  if (known >= 0 && after_title && title)
    known = titled_namesake(a, known, title);
  /* "Khizr and Ghazala Khan ... Mr. Khan": a title of the other gender
   * than the only namesake's is someone else */
  int tg = after_title && title ? list_tag_of(a, &a->lex->given, title) : 0;
  if (known >= 0 && (tg == 'm' || tg == 'f') && a->en[known].gender &&
      a->en[known].gender != tg)
    known = -1;
  if (known >= 0)
    mark_tokens(a, s, s + 1, known);
  if (a->t[s].ent < 0 && (after_title || speaks_alone(a, s) ||
                          who_after(a, s))) {
    int e = add_entity(a, name, PC_ENTITY_PERSON, NULL);
    mark_tokens(a, s, s + 1, e);
    /* "Mr Anderson", "Mrs. Roe": the title tells the gender
     * (given-names.txt lists "mr", "mrs", "ms") */
    int g = after_title && title ? list_tag_of(a, &a->lex->given, title) : 0;
    if (e >= 0 && !a->en[e].gender && (g == 'm' || g == 'f'))
      a->en[e].gender = (char)g;
  }
}

/* Whether the name from s to j is set off by commas after a description
 * of an organisation opening the clause: "The group that owns her music,
 * Big Machine,", "Its parent company, Acme,", not "The company's founder,"
 * nor "The company chairman,", nor a clause that ends before a speaker:
 * "The central bank will hold rates, Janet Yellen said". */
static bool org_apposition(const struct analysis *a, size_t s, size_t j) {
  if (s < 3 || !is_punct(&a->t[s - 1], ",") || j >= a->nt ||
      !is_punct(&a->t[j], ","))
    return false;
  size_t b = s - 1; /* the clause's start: sentence start or a comma */
  while (b > 0 && s - b < 14 && !is_punct(&a->t[b - 1], ",") &&
         !(a->t[b].flags & F_SENT))
    b--;
  if (!(a->t[b].flags & F_SENT) && !(b > 0 && is_punct(&a->t[b - 1], ",")))
    return false;
  if (a->t[b].type != T_WORD || !determiner(a, a->t[b].low))
    return false;
  for (size_t h = b + 1; h < b + 3 && h + 1 < s; h++) {
    const struct token *k = &a->t[h];
    if (k->type != T_WORD || (k->flags & F_CAP))
      return false;
    if (org_head(a, k->low))
      return !is_role_word(a, h + 1);
  }
  return false;
}

/* "Fox News’" -> "Fox News": a plural's possessive apostrophe alone
 * (straight or curly, after an s) is no part of a name. */
static void strip_plural_possessive(char *name) {
  size_t l = strlen(name);
  if (l > 2 && name[l - 1] == '\'' && (name[l - 2] == 's' || name[l - 2] == 'S'))
    name[l - 1] = '\0';
  else if (l > 4 && strcmp(name + l - 3, "\xE2\x80\x99") == 0 &&
           (name[l - 4] == 's' || name[l - 4] == 'S'))
    name[l - 3] = '\0';
}

/* Whether the word at i is an "-ing" form and no given name. */
static bool gerund(const struct analysis *a, size_t i) {
  size_t l = strlen(a->t[i].low);
  return l > 5 && strcmp(a->t[i].low + l - 3, "ing") == 0 &&
         !list_tag_of(a, &a->lex->given, a->t[i].low);
}

/* Whether the run [i, j) of words in capitals is a paragraph of its
 * own, with at most a stop after it: a label such as "ABSTRACT." or
 * "FULL TEXT.", no name. */
static bool caps_label(const struct analysis *a, size_t i, size_t j) {
  uint32_t b = a->t[i].block;
  if (i > 0 && a->t[i - 1].block == b)
    return false;
  if (j < a->nt && a->t[j].block == b &&
      !(a->t[j].type == T_PUNCT &&
        (j + 1 == a->nt || a->t[j + 1].block != b)))
    return false;
  for (size_t k = i; k < j; k++)
    if (a->t[k].type != T_WORD || !all_caps(a, k))
      return false;
  return true;
}

/* "Ellen Washington ... Washington said": one word of the lexicon's
 * names at i that is the surname of a person named before stands for
 * that person (marked), unless a preposition or a determiner before it
 * makes it a place ("in Washington", "the Paris of the north"); whether
 * it does. */
static bool known_surname(struct analysis *a, size_t i) {
  if (!a->surnames.n ||
      (i > 0 && a->t[i - 1].type == T_WORD &&
       (preposition(a, a->t[i - 1].low) || determiner(a, a->t[i - 1].low))))
    return false;
  char *name = pc_att_text_of(a, i, i + 1);
  if (!name) {
    a->oom = true;
    return false;
  }
  pc_att_strip_possessive(a, name);
  int e = map_get(&a->surnames, name);
  free(name);
  if (e >= 0)
    mark_tokens(a, i, i + 1, e);
  return e >= 0;
}

/* A name of the lexicon (country, organisation, group, place) at token
 * i: its entity marked, and the number of its tokens; 0 if none. */
static size_t list_entity(struct analysis *a, size_t i, size_t lim) {
  const struct pc_lex *lx = a->lex;
  size_t which = 0;
  size_t m = pc_att_match_list(a, i, lim, &lx->names, &which);
  if (!m)
    return 0;
  if (m == 1 && known_surname(a, i))
    return 1;
  const struct pc_phrase *p = &lx->names.p[which];
  int e = add_entity(a, p->name, (pc_entity_type)p->tag, p->code);
  /* "New Hampshire’s" came first and was taken for a person, "the
   * United States’" for an organisation: the lexicon knows better */
  if (e >= 0 && a->en[e].type != (pc_entity_type)p->tag) {
    a->en[e].type = (pc_entity_type)p->tag;
    a->en[e].code = p->code;
    a->en[e].gender = 0;
  }
  mark_tokens(a, i, i + m, e);
  return m;
}

/* "Ellen Washington", "Steve Israel": one word of the lexicon's names
 * at j right after a given name alone at i (no title: "Prince", "Lady")
 * is that person's surname, no place. */
static bool given_then_place(const struct analysis *a, size_t i, size_t j,
                             size_t lim) {
  const struct pc_lex *lx = a->lex;
  const char *g = a->t[i].low;
  return j == i + 1 && list_tag_of(a, &lx->given, g) &&
         !in_list_of(a, &lx->honorifics, g) && !in_list_of(a, &lx->roles, g) &&
         pc_att_match_list(a, j, lim, &lx->names, NULL) == 1;
}

/* Where the run of capitalised words that starts at i ends (before lim):
 * particles ("Monica de Bolle"), ampersands ("AT&T") and initials
 * ("Mary E. Lovely") inside; a listed name or, in a headline, a cue ends
 * it. */
static size_t cap_run_end(const struct analysis *a, size_t i, size_t lim) {
  const struct pc_lex *lx = a->lex;
  size_t j = i;
  while (j < lim && !(j > i && pc_att_match_list(a, j, lim, &lx->names, NULL) &&
                      !given_then_place(a, i, j, lim))) {
    /* "Roe Says He Will Run": in a headline the cue ends the name */
    if (j > i && a->t[j].cue && pc_att_title_case(a, j))
      break;
    if (a->t[j].type == T_WORD && (a->t[j].flags & F_CAP)) {
      j++;
      continue;
    }
    /* a particle inside a name: "Monica de Bolle" */
    if (j > i && a->t[j].type == T_WORD &&
        fw_is(a, a->t[j].low, PC_FW_PART) && j + 1 < lim &&
        a->t[j + 1].type == T_WORD && (a->t[j + 1].flags & F_CAP)) {
      j++;
      continue;
    }
    /* "Procter & Gamble", "AT&T": an ampersand inside a name */
    if (j > i && is_punct(&a->t[j], "&") && j + 1 < lim &&
        a->t[j + 1].type == T_WORD && (a->t[j + 1].flags & F_CAP)) {
      j++;
      continue;
    }
    /* a saint's dot: "St. Paul City Council" */
    if (j > i && is_punct(&a->t[j], ".") && low_eq(&a->t[j - 1], "st") &&
        j + 1 < lim && a->t[j + 1].type == T_WORD &&
        (a->t[j + 1].flags & F_CAP)) {
      j++;
      continue;
    }
    /* an initial: "Mary E. Lovely" */
    if (j > i && is_punct(&a->t[j], ".") &&
        (strlen(a->t[j - 1].low) == 1 || initials(a->t[j - 1].low)) &&
        j + 1 < lim && (a->t[j + 1].flags & F_CAP) &&
        a->t[j + 1].type == T_WORD &&
        !(initials(a->t[j - 1].low) && /* "D.C. He said" */
          (function_cap(a, a->t[j + 1].low) ||
           in_list_of(a, &lx->pronouns, a->t[j + 1].low)))) {
      j++;
      continue;
    }
    break;
  }
  return j;
}

/* A headline capitalises its first word, or every word ("Senator Roe
 * Says Plan Is ‘Dead On Arrival’"), and drops articles ("Outside GOP
 * group goes in big"): its runs of capitals name no one new.  At i, the
 * longest run of up to four words that is the name of an entity the body
 * named (read before the title), or a known surname, is marked; the
 * tokens it took, or 1.  The entities and their counts stay the body's,
 * so the body reads the same with a title or without one. */
static size_t title_case_name(struct analysis *a, size_t i, size_t lim) {
  enum { NAME_WORDS = 4 };
  for (size_t n = NAME_WORDS; n >= 1; n--) {
    size_t j = i;
    while (j < lim && j < i + n && a->t[j].type == T_WORD &&
           (a->t[j].flags & F_CAP))
      j++;
    if (j != i + n)
      continue;
    char *name = pc_att_text_of(a, i, j);
    if (!name) {
      a->oom = true;
      return 1;
    }
    pc_att_strip_possessive(a, name);
    int e = find_entity(a, name);
    if (e < 0 && n == 1)
      e = map_get(&a->surnames, name);
    free(name);
    if (e >= 0) { /* no mention counted, no alias: the body's alone */
      for (size_t x = i; x < j; x++)
        a->t[x].ent = e;
      return n;
    }
  }
  return 1;
}

/* Whether a role in lower case, after at most two other lower-case
 * words, and a capitalised word follow from j ("speechwriter Jon",
 * "presidential nominee Donald"). */
static bool role_then_name(const struct analysis *a, size_t j, size_t lim) {
  for (size_t r = j; r < lim && r < j + 3; r++) {
    const struct token *w = &a->t[r];
    if (w->type != T_WORD || (w->flags & F_CAP) || stop_word(a, w->low))
      return false;
    if (in_list_of(a, &a->lex->roles, w->low))
      return r + 1 < lim && a->t[r + 1].type == T_WORD &&
             (a->t[r + 1].flags & F_CAP);
  }
  return false;
}

/* Whether the lower-cased word w opens with an elided "l'" (either
 * apostrophe) before at least two letters. */
static bool elided_article(const char *w) {
  if (w[0] != 'l')
    return false;
  if (w[1] == '\'')
    return strlen(w + 2) >= 2;
  return strncmp(w + 1, "\xE2\x80\x99", 3) == 0 && strlen(w + 4) >= 2;
}

/* Whether the one word name (its possessive stripped) is a role: "the
 * Vice President’s record" names no one called "President". */
static bool role_name(const struct analysis *a, const char *name) {
  char low[32];
  size_t n = 0;
  for (; name[n] && n + 1 < sizeof low; n++)
    low[n] = (char)(name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n]);
  low[n] = '\0';
  return !name[n] && in_list_of(a, &a->lex->roles, low);
}

/* "Dan Backer", "Jo Marshal": two words, a given name (no title: not
 * "Lady Mayor", "Lord Chancellor"; data: function-words peer) then a
 * role's word, name a person whose surname is that word, no title. */
static bool given_surname(const struct analysis *a, size_t s, size_t nw) {
  const char *g = a->t[s].low;
  return nw == 2 && a->t[s + 1].type == T_WORD &&
         list_tag_of(a, &a->lex->given, g) &&
         !in_list_of(a, &a->lex->honorifics, g) &&
         !in_list_of(a, &a->lex->roles, g) &&
         !in_list_of(a, &a->lex->fw[PC_FW_PEER], g);
}

/* The type its last word (last, its possessive stripped) gives a name
 * run that starts at s and holds nw words, two or more (data: heads.txt;
 * 'p' a place, 'o' an organisation, 't' a thing), 0 for none or when a
 * given name opens it ("Anita Hill", "Doris Day"). */
static int name_head(const struct analysis *a, size_t s, size_t nw,
                     const char *last) {
  if (nw < 2 || list_tag_of(a, &a->lex->given, a->t[s].low))
    return 0;
  return list_tag_of(a, &a->lex->heads, last);
}

/* "POLITICO's Off Message podcast", "Fox's Special Report show": the
 * run [s, j) right after a possessive, with a lower-case noun after it
 * (no verb: not in -s, -ed or -ly, no cue or function word), names the
 * thing that noun heads, unless a given name opens it ("CNN's Jo Roe
 * interview" is hers). */
static bool owned_thing(const struct analysis *a, size_t i, size_t s,
                        size_t j, size_t lim) {
  if (s != i || i == 0 || j >= lim || a->t[i - 1].block != a->t[i].block ||
      a->t[i - 1].type != T_WORD || !pc_att_possessive(a, a->t[i - 1].low) ||
      list_tag_of(a, &a->lex->given, a->t[s].low))
    return false;
  const struct token *n = &a->t[j];
  size_t l = strlen(n->low);
  return n->type == T_WORD && !(n->flags & F_CAP) && !n->cue && l >= 3 &&
         !stop_word(a, n->low) && !aux_word(a, n->low) &&
         !fw_is(a, n->low, PC_FW_CAP) && n->low[l - 1] != 's' &&
         strcmp(n->low + l - 2, "ed") != 0 && strcmp(n->low + l - 2, "ly") != 0;
}

/* Whether the token at x is a dash. */
static bool dash_at(const struct analysis *a, size_t x) {
  return is_punct(&a->t[x], "\xE2\x80\x94") ||
         is_punct(&a->t[x], "\xE2\x80\x93") || is_punct(&a->t[x], "-");
}

/* "BATON ROUGE, La. (AP) —", "PORTLAND, Ore. —", "CLEVELAND —": a run
 * in capitals of three words at most that opens its block, a dash after
 * it or a comma and a dash a few words on, is a dateline's place. */
static bool dateline(const struct analysis *a, size_t s, size_t j,
                     size_t lim) {
  if ((s > 0 && a->t[s - 1].block == a->t[s].block) || j >= lim ||
      j > s + 3)
    return false;
  for (size_t x = s; x < j; x++)
    if (a->t[x].type != T_WORD || !all_caps(a, x))
      return false;
  if (is_punct(&a->t[j], "\xE2\x80\x94") ||
      is_punct(&a->t[j], "\xE2\x80\x93")) /* not "ROE--Jo Ann" */
    return true;
  if (!is_punct(&a->t[j], ","))
    return false;
  for (size_t x = j + 1; x < lim && x < j + 8; x++)
    if (dash_at(a, x))
      return true;
  return false;
}

/* "in Baton Rouge", "in Cedar Rapids": a name of two words or more
 * right after "in", no given name or title opening it and no
 * possessive ending it, names a place, not a person. */
static bool in_place(const struct analysis *a, size_t i, size_t s,
                     size_t nw, bool after_title) {
  return nw >= 2 && s == i && i > 0 && !after_title &&
         strcmp(a->t[i - 1].low, "in") == 0 &&
         a->t[i - 1].block == a->t[i].block &&
         a->t[i - 1].type == T_WORD &&
         !list_tag_of(a, &a->lex->given, a->t[s].low);
}

/* The entity of the name run [s, j) that the capitalised run at i holds
 * (lim: the block's end; after_title: a title stood before it): an
 * organisation, a group of a party's members, a person, or a surname
 * alone. */
static void name_run(struct analysis *a, size_t i, size_t s, size_t j,
                     size_t lim, bool after_title) {
  const struct pc_lex *lx = a->lex;
  const struct token *k = &a->t[i];
  char *name = pc_att_text_of(a, s, j);
  if (!name) {
    a->oom = true;
    return;
  }
  pc_att_strip_possessive(a, name);
  strip_plural_possessive(name);
  /* the last word, without a possessive: "Fox News's", "Fox News’" (the
   * token writes ’ as ': no apostrophe, no possessive) */
  char lb[48];
  const char *last = a->t[j - 1].low;
  size_t ll = strlen(last);
  if (ll < sizeof lb && memchr(last, '\'', ll)) {
    memcpy(lb, last, ll + 1);
    pc_att_strip_possessive(a, lb);
    strip_plural_possessive(lb);
    if (strcmp(lb, last) != 0)
      last = lb;
  }
  /* the words of the run: an initial's dot is no word ("Alderman
   * Jason C. Ervin" is four) */
  size_t nw = 0;
  for (size_t x = s; x < j; x++)
    nw += a->t[x].type == T_WORD;
  int head = name_head(a, s, nw, last);
  bool org = org_head(a, last) || (j - s == 1 && all_caps(a, s)) ||
             head == 'o';
  for (size_t x = s; x < j && !org; x++)
    org = is_punct(&a->t[x], "&"); /* "Procter & Gamble" */
  /* "Tea Party Coalition Convention", "Munich Security Conference": a
   * run that ends with a gathering's noun names an event or its
   * organisers */
  org = org || (j - s >= 2 && fw_is(a, last, PC_FW_VENUE));
  /* "L'Osservatore Romano", "L’Express": an elided article (French or
   * Italian "the") opens a title's name, no person's */
  org = org || elided_article(a->t[s].low);
  /* "the Joint Chiefs", "the Big Machine deal": a determiner does not
   * stand before a personal name, unless the name modifies the noun
   * after it: "the Bernie Sanders campaign", "a Jo Roe delegate" (a
   * given name opens it) */
  if (j - s >= 2 && s == i && i > 0 && a->t[i - 1].block == k->block &&
      a->t[i - 1].type == T_WORD && determiner(a, a->t[i - 1].low) &&
      !(list_tag_of(a, &lx->given, a->t[s].low) && j < lim &&
        a->t[j].type == T_WORD && !(a->t[j].flags & F_CAP)))
    org = true;
  /* "The group that owns her music, Big Machine, says": a name set
   * off by commas after a description of an organisation is one */
  org = org || (j - s >= 2 && s == i && org_apposition(a, s, j));
  /* "Former Secretary (of State)", "Deputy Minister": a run that
   * ends with a role word is a title, no personal name */
  bool title = !org && in_list_of(a, &lx->roles, last) &&
               !given_surname(a, s, nw);
  /* "Affordable Care Act", "Second Amendment": a run that ends with the
   * noun of a thing no one is names no one, unless a given name opens
   * it ("Nathan Deal") */
  title = title || (!org && j - s >= 2 &&
                    fw_is(a, last, PC_FW_THING) &&
                    !list_tag_of(a, &lx->given, a->t[s].low)) ||
          (!org && head == 't') || (!org && owned_thing(a, i, s, j, lim));
  /* "Senate Republicans", "Iowa voters": a run that ends with a
   * member of a party or of the public names a group; "a Wisconsin
   * Republican" describes one, and "Republicans" alone is no
   * surname: no name is given (but "Mary Liberal" is a person) */
  bool member = !org && !title &&
                in_list_of(a, &lx->members, last) &&
                !list_tag_of(a, &lx->given, a->t[s].low);
  /* "St. Louis", "St. Petersburg": news abbreviates a saint's title in
   * the names of places and, with more words, of the bodies named after
   * them ("St. Louis Cardinals", "St. Jude Hospital") */
  bool saint = low_eq(&a->t[s], "st") && s + 2 < j &&
               is_punct(&a->t[s + 1], ".");
  org = org || (saint && nw >= 3 && head != 'p');
  /* "Orange County", "Capitol Hill": the noun of a place; a dateline's
   * place; a name after "in" that would be a person's */
  bool place = (!org && !title && !member && (head == 'p' || saint)) ||
               dateline(a, s, j, lim) ||
               (!org && !title && !member && nw <= 4 &&
                in_place(a, i, s, nw, after_title) &&
                !memchr(a->t[j - 1].low, '\'', strlen(a->t[j - 1].low)) &&
                !in_list_of(a, &lx->honorifics, last)); /* "Acme Co" */
  if (place) {
    int e = add_entity(a, name, PC_ENTITY_PLACE, NULL);
    mark_tokens(a, s, j, e);
  } else if (member) {
    const char *w = last;
    if ((j - s >= 2 || !(a->t[s].flags & F_SENT) ||
         list_tag(&lx->members, w) == 'c') &&
        w[strlen(w) - 1] == 's') {
      int e = add_entity(a, name, PC_ENTITY_GROUP, NULL);
      mark_tokens(a, s, j, e);
    }
  } else if (nw >= 2 && nw <= 4 && !org && !title) {
    int e = add_entity(a, name, PC_ENTITY_PERSON, NULL);
    mark_tokens(a, s, j, e);
    if (e >= 0 && !a->en[e].role)
      a->en[e].role = person_role(a, i, s, j, lim);
    if (e >= 0 && !a->en[e].gender)
      a->en[e].gender = kin_gender(a, s);
  } else if (org) {
    int e = add_entity(a, name, PC_ENTITY_ORG, NULL);
    mark_tokens(a, s, j, e);
  } else if (j - s == 1 && !role_name(a, name)) {
    surname_mention(a, i, s, name, after_title);
  }
  free(name);
}

/* Where the name of the run [i, j) ends: before the words after it
 * that are no part of a name. */
static size_t run_tail(const struct analysis *a, size_t i, size_t j) {
  /* "Broaddrick Sunday night recounted": a day after the name is no
   * part of it */
  while (j > i + 1 && fw_is(a, a->t[j - 1].low, PC_FW_WHEN))
    j--;
  /* "Amanda Terkel The ...", "Maybe I": a name does not end with a
   * determiner or a subject pronoun (data: det, subj); a headline in
   * capitals before one (two words or more) is left whole ("...
   * OLYMPIC VILLAGE The team"), not an acronym ("CBS This Morning") */
  while (j > i + 1 && a->t[j - 1].type == T_WORD &&
         (determiner(a, a->t[j - 1].low) ||
          fw_is(a, a->t[j - 1].low, PC_FW_SUBJ)) &&
         !(j > i + 2 && all_caps(a, j - 2) && all_caps(a, j - 3)))
    j--;
  return j;
}

/* Where the name of the run [*ip, j) starts: after the words before it
 * that are no part of a name (*ip moves past a word that opens none). */
static size_t run_head(const struct analysis *a, size_t *ip, size_t j) {
  const struct pc_lex *lx = a->lex;
  size_t s = *ip, i = *ip;
  while (s < j && function_cap(a, a->t[s].low) &&
         !(s + 1 < j && is_punct(&a->t[s + 1], "&")) &&
         !(s > i && determiner(a, a->t[s - 1].low) &&
           (fw_is(a, a->t[s].low, PC_FW_WHEN) ||
            (s + 1 < j && org_head(a, a->t[j - 1].low)))))
    s++; /* not the "AT" of "AT&T"; but "The Sunday Times", "The We
          * Company" (after "The", a word of an organisation's name) */
  /* "Against Clinton", "Whether Cruz", "Without Scalia": a word that
   * ends a noun phrase (data: stop) opens no name, unless it may be a
   * given name: a modal ("Will Doyle", data: fin) or one listed */
  while (s == i && s + 1 < j && a->t[s].type == T_WORD &&
         stop_word(a, a->t[s].low) && !fw_is(a, a->t[s].low, PC_FW_FIN) &&
         !list_tag_of(a, &lx->given, a->t[s].low) &&
         !is_punct(&a->t[s + 1], "&")) /* "AT&T" */
    s = ++i, *ip = i;
  /* "Taking Archie outside is ...": a participle that opens the
   * sentence is no part of the name after it */
  if (s == i && s + 1 < j && (a->t[s].flags & F_SENT) && gerund(a, s))
    s++;
  /* "Finally Apple", "Recently Reuters": nor an adverb in "-ly" (not a
   * given name: "Kelly Ayotte", "Emily Roe") */
  if (s == i && s + 1 < j && (a->t[s].flags & F_SENT) &&
      strlen(a->t[s].low) > 5 &&
      strcmp(a->t[s].low + strlen(a->t[s].low) - 2, "ly") == 0 &&
      !list_tag_of(a, &lx->given, a->t[s].low))
    s++;
  /* "Said Jane Roe: ...": nor is a cue's past form */
  if (s == i && s + 1 < j && (a->t[s].flags & F_SENT) && a->t[s].cue &&
      fw_is(a, a->t[s].low, PC_FW_VPAST))
    s++;
  /* "Roe Says Jo Poe Lied", "..., Calls Poe's Plan Cruel": in a line
   * of title case, a cue that opens a run is the verb before a name */
  if (s == i && s + 1 < j && a->t[s].cue && pc_att_title_case(a, s) &&
      !list_tag_of(a, &lx->given, a->t[s].low))
    s++;
  return s;
}

/* "Acme, a Denver company that ...", "Acme - the company that", "Acme,
 * the state's biggest utility,": the mention ending before m1 has an
 * apposition (after a comma or a dash) whose head
 * is an organisation's noun (function words org, firm) before any
 * preposition, no role's ("a company spokesman"). */
static bool org_appositive(const struct analysis *a, size_t m1) {
  if (m1 + 2 >= a->nt || !(is_punct(&a->t[m1], ",") || dash_at(a, m1)) ||
      a->t[m1 + 1].block != a->t[m1].block ||
      !determiner(a, a->t[m1 + 1].low))
    return false;
  for (size_t k = m1 + 2;
       k + 1 < a->nt && k < m1 + 8 && a->t[k].type == T_WORD; k++) {
    if (in_list_of(a, &a->lex->roles, a->t[k].low) ||
        preposition(a, a->t[k].low)) /* "a cadet at the academy" */
      return false;
    if (!fw_is(a, a->t[k].low, PC_FW_ORG) &&
        !fw_is(a, a->t[k].low, PC_FW_FIRM))
      continue;
    const struct token *n = &a->t[k + 1];
    return n->type != T_WORD || preposition(a, n->low) ||
           fw_is(a, n->low, PC_FW_REL) || strcmp(n->low, "that") == 0;
  }
  return false;
}

/* Whether the person mention [m0, m1) reads as an organisation by what
 * stands around it: an apposition (org_appositive), "investment bank
 * Acme", "employees of Acme" (data: function-words orgpart, before "of"
 * or "for"), "Acme Networks, which ..." (the clause's subject), "Acme
 * has positioned itself" (the subject, then "itself" a few lower-case
 * words on), "Acme Labs said on Monday its jets ..." (the subject, a cue
 * after it, then "its" before any other name, personal pronoun or
 * "who").  Tried and dropped, each -1 right speaker on PolNeAR dev:
 * "Acme's shareholders", "an analyst at Acme". */
static bool org_context(const struct analysis *a, size_t m0, size_t m1,
                        bool one_word, bool role) {
  const struct token *l = &a->t[m1 - 1];
  if (org_appositive(a, m1))
    return true;
  if (role)
    return false;
  /* "investment bank Goldman Sachs", "the airline EgyptAir": an
   * organisation's noun in lower case right before the name, after an
   * article or a word of its own in lower case (not "on whose board
   * Jo Roe", "all times Eastern", "Sabres center Jo Roe") */
  const struct token *p = m0 > 1 ? &a->t[m0 - 1] : NULL;
  const struct token *q = m0 > 1 ? &a->t[m0 - 2] : NULL;
  if (p && p->type == T_WORD && p->block == l->block &&
      q->type == T_WORD && q->block == l->block && !(p->flags & F_CAP) &&
      !(q->flags & F_CAP) &&
      (fw_is(a, p->low, PC_FW_ORG) || fw_is(a, p->low, PC_FW_FIRM)) &&
      !in_list_of(a, &a->lex->roles, p->low) &&
      (determiner(a, q->low)
           ? !fw_is(a, q->low, PC_FW_POSS)
           : !stop_word(a, q->low) && !fw_is(a, q->low, PC_FW_QUANT)))
    return true;
  /* "an employee for Acme", "shareholders of Acme" */
  if (m0 >= 2 && a->t[m0 - 2].block == l->block &&
      (strcmp(a->t[m0 - 1].low, "for") == 0 ||
       strcmp(a->t[m0 - 1].low, "of") == 0) &&
      in_list_of(a, &a->lex->fw[PC_FW_ORGPART], a->t[m0 - 2].low))
    return true;
  /* the subject: it opens the sentence or follows a comma or "and" */
  bool opens = (a->t[m0].flags & F_SENT) ||
               (m0 > 0 && (is_punct(&a->t[m0 - 1], ",") ||
                           strcmp(a->t[m0 - 1].low, "and") == 0));
  if (!opens || m1 >= a->nt || a->t[m1].block != l->block ||
      pc_att_possessive(a, l->low))
    return false;
  /* "Acme Networks, which managed the server, said": the subject's
   * relative clause opens with "which", no "who" */
  if (m1 + 1 < a->nt && is_punct(&a->t[m1], ",") &&
      strcmp(a->t[m1 + 1].low, "which") == 0)
    return true;
  /* "Acme has positioned itself as ...": a reflexive that only a thing
   * takes, a few words of lower case after its subject */
  for (size_t x = m1; x < a->nt && x < m1 + 5; x++) {
    const struct token *t = &a->t[x];
    if (t->type != T_WORD || t->block != l->block || (t->flags & F_CAP))
      break;
    if (strcmp(t->low, "itself") == 0)
      return true;
  }
  if (one_word || !a->t[m1].cue)
    return false;
  /* "its" first (most clauses have none), then no other name, "who"
   * or personal pronoun before it */
  size_t its = 0;
  for (size_t x = m1 + 1; !its && x < a->nt && x < m1 + 10; x++) {
    const struct token *t = &a->t[x];
    if (t->block != l->block || (t->flags & F_SENT) || is_punct(t, "."))
      return false;
    its = strcmp(t->low, "its") == 0 ? x : 0;
  }
  for (size_t x = m1 + 1; x < its; x++) {
    const struct token *t = &a->t[x];
    if (((t->flags & F_CAP) && !function_cap(a, t->low)) ||
        strcmp(t->low, "who") == 0 || fw_is(a, t->low, PC_FW_OBJM) ||
        fw_is(a, t->low, PC_FW_OBJF) ||
        (fw_is(a, t->low, PC_FW_SUBJ) && strcmp(t->low, "it") != 0) ||
        fw_is(a, t->low, PC_FW_POSS))
      return false;
  }
  return its > 0;
}

/* A person entity whose name opens with no given name, whose mention
 * ending before j (no title before it) org_context finds an
 * organisation's, is one
 * ("Platte River Networks said its servers", "Twitter's users"): given a
 * role, only by an apposition; a name of one word ("Obama said its
 * ...") not by "its". */
static void org_evidence(struct analysis *a, size_t j) {
  int e = a->t[j - 1].ent;
  if (e < 0 || a->en[e].type != PC_ENTITY_PERSON)
    return;
  size_t m0 = j - 1;
  while (m0 > 0 && a->t[m0 - 1].ent == e)
    m0--;
  const char *name = a->en[e].name, *sp = strchr(name, ' ');
  if (!org_context(a, m0, j, !sp, a->en[e].role != NULL) ||
      (m0 > 0 && in_list_of(a, &a->lex->roles, a->t[m0 - 1].low)) ||
      (m0 > 1 && is_punct(&a->t[m0 - 1], ".") &&
       in_list_of(a, &a->lex->honorifics, a->t[m0 - 2].low)))
    return;
  char first[32];
  size_t n = sp ? (size_t)(sp - name) : strlen(name);
  if (n >= sizeof first)
    return;
  for (size_t k = 0; k < n; k++)
    first[k] = (char)(name[k] >= 'A' && name[k] <= 'Z' ? name[k] + 32
                                                       : name[k]);
  first[n] = '\0';
  if (!list_tag_of(a, &a->lex->given, first)) {
    a->en[e].type = PC_ENTITY_ORG;
    a->en[e].gender = 0;
  }
}

void pc_att_entities(struct analysis *a) {
  const struct pc_lex *lx = a->lex;
  size_t i = 0, lim_for = 0;
  while (i < a->nt && !a->oom) {
    /* most words start no name: skipped in a tight loop, the array and
     * its count in locals (no pass here adds tokens) */
    const struct token *t = a->t;
    size_t nt = a->nt;
    while (i < nt && (t[i].type != T_WORD || !(t[i].flags & F_CAP)))
      i++;
    if (i >= nt)
      break;
    struct token *k = &a->t[i];
    /* block limit for phrases, found once per block */
    if (i >= lim_for || t[lim_for - 1].block != k->block) {
      lim_for = i;
      while (lim_for < nt && t[lim_for].block == k->block)
        lim_for++;
    }
    size_t lim = lim_for;
    if (title_block(a, k->block)) {
      i += title_case_name(a, i, lim);
      continue;
    }
    size_t m = list_entity(a, i, lim);
    if (m) {
      i += m;
      continue;
    }
    /* a run of capitalised words */
    size_t j = cap_run_end(a, i, lim);
    if (caps_label(a, i, j)) {
      i = j;
      continue;
    }
    /* "Texas Sen. Ted Cruz", "Former Florida Gov. Jeb Bush": a run that
     * ends with a title before its dot only qualifies the name after it */
    if (j > i + 1 && j + 1 < lim && is_punct(&a->t[j], ".") &&
        in_list_of(a, &lx->honorifics, a->t[j - 1].low) &&
        a->t[j + 1].type == T_WORD && (a->t[j + 1].flags & F_CAP)) {
      i = j;
      continue;
    }
    /* "Former Obama speechwriter Jon Favreau", "Presumptive Republican
     * presidential nominee Donald Trump": the capitalised word that opens
     * the sentence (or a dateline's dash: "WASHINGTON — Presumptive
     * Democratic nominee ..."), no given name, before a run that a role
     * in lower case and a name follow, is an adjective of that role */
    bool opens = (k->flags & F_SENT) ||
                 (i > 0 && a->t[i - 1].block == k->block &&
                  (is_punct(&a->t[i - 1], "\xE2\x80\x94") ||
                   is_punct(&a->t[i - 1], "\xE2\x80\x93")));
    if (j > i + 1 && opens && !list_tag(&lx->given, k->low) &&
        role_then_name(a, j, lim)) {
      i++;
      continue;
    }
    j = run_tail(a, i, j);
    size_t s = run_head(a, &i, j);
    /* "Secretary of State John Kerry": after "role of", the name starts at
     * its given name */
    if (s == i && i >= 2 && strcmp(a->t[i - 1].low, "of") == 0 &&
        in_list_of(a, &lx->roles, a->t[i - 2].low))
      for (size_t g = s + 1; g + 1 < j; g++)
        if (list_tag_of(a, &lx->given, a->t[g].low)) {
          s = g;
          break;
        }
    /* leading role words ("President", "Senator") are not the name; a
     * saint's is a place's or an organisation's ("St. Louis", "The St.
     * Paul City Council": name_run) */
    size_t titled = s;
    while (s < j && (in_list_of(a, &lx->roles, a->t[s].low) ||
                     in_list_of(a, &lx->honorifics, a->t[s].low)) &&
           !(low_eq(&a->t[s], "st") && s + 2 < j))
      s += s + 1 < j && is_punct(&a->t[s + 1], ".") ? 2 : 1; /* "St." */
    /* "Mr. Smith", "Sen. Ames": a title's dot stands before the run */
    bool after_title = s > titled ||
                       (s == i && i >= 2 && is_punct(&a->t[i - 1], ".") &&
                        a->t[i - 2].block == k->block &&
                        a->t[i - 2].type == T_WORD &&
                        (a->t[i - 2].flags & F_CAP) &&
                        in_list_of(a, &lx->honorifics, a->t[i - 2].low));
    /* "Indiana State Teachers Association President Keith Gambill": the
     * name follows the last title inside the run; a run that ends with
     * one ("Acme Vice President") names no one */
    bool untitled = !in_list_of(a, &lx->roles, a->t[j - 1].low);
    for (size_t r = j; untitled && r-- > s + 1;)
      if (in_list_of(a, &lx->roles, a->t[r].low) && r + 1 < j) {
        char *org = pc_att_text_of(a, s, r);
        if (org) {
          int e = add_entity(a, org, PC_ENTITY_ORG, NULL);
          mark_tokens(a, s, r, e);
          free(org);
        }
        s = r + 1;
        after_title = true;
        break;
      }
    /* "Democrat Jo Roe", "Ohio Republican Ann Lee": a party's member
     * (data: members) before a given name describes the person, whose
     * name starts at the given name */
    for (size_t r = s; r + 1 < j; r++)
      if (in_list_of(a, &lx->members, a->t[r].low) &&
          list_tag_of(a, &lx->given, a->t[r + 1].low)) {
        s = r + 1;
        break;
      }
    /* "MSNBC's Chris Matthews", "Fox News’ Sean Hannity", "Nevada's
     * Democratic primary", "Trump's Twitter account": a possessive inside
     * the run ends the owner's name, and what it owns is a run of its own
     * (not in an organisation's name: "Dick's Sporting Goods Company"),
     * in a run that would name a person (four words at most: not "the
     * Football League's Charlotte Panthers") */
    if (j > s + 1 && j <= s + 4 && !org_head(a, a->t[j - 1].low))
      for (size_t x = s; x + 1 < j; x++)
        if (a->t[x].type == T_WORD && pc_att_possessive(a, a->t[x].low)) {
          j = x + 1;
          break;
        }
    if (s < j)
      name_run(a, i, s, j, lim, after_title);
    if (a->oom)
      return;
    if (s < j)
      org_evidence(a, j);
    i = j > i ? j : i + 1;
  }
}

/* "Google's attempt ..., and the company has promised": the one
 * capitalised word at k, which made no entity, is an organisation once
 * a firm's noun is found to stand for it (speakers.c).  Its entity, and
 * the same word alone elsewhere marked; -1 when it cannot be added. */
int pc_att_org_word(struct analysis *a, size_t k) {
  char *name = pc_att_text_of(a, k, k + 1);
  if (!name) {
    a->oom = true;
    return -1;
  }
  pc_att_strip_possessive(a, name);
  int e = add_entity(a, name, PC_ENTITY_ORG, NULL);
  for (size_t i = 0; e >= 0 && i < a->nt && !a->oom; i++) {
    const struct token *t = &a->t[i];
    if (t->ent >= 0 || t->type != T_WORD || !(t->flags & F_CAP) ||
        strncmp(btext(a, t->block) + t->s, name, 1) != 0)
      continue;
    char *form = pc_att_text_of(a, i, i + 1);
    if (!form) {
      a->oom = true;
      break;
    }
    pc_att_strip_possessive(a, form);
    if (strcmp(form, name) == 0)
      mark_tokens(a, i, i + 1, e);
    free(form);
  }
  free(name);
  return e;
}
