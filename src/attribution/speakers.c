/*
 * speakers.c - 5. speakers: the noun phrase that names who speaks.  Names
 * stand for their entity, pronouns for the last person named (indexed once
 * per token), role phrases ("the president", "the company") for the one
 * last named so, or for themselves; appositions and relative clauses
 * around a cue are searched for the person.
 */
#include "analysis.h"

#include <strings.h>

/*** speakers **************************************************************/

/* Whether the token at k closes a quotation that opens at t0 or after. */
static bool title_close(const struct analysis *a, size_t t0, size_t k) {
  if (a->t[k].type != T_QCLOSE || k == 0)
    return false;
  int sp = a->t[k - 1].in_span;
  return sp >= 0 && a->sp[sp].c == k && a->sp[sp].o >= t0;
}

/* Text of [t0, t1) without a leading determiner; NULL when empty. */
char *pc_att_np_text(const struct analysis *a, size_t t0, size_t t1) {
  /* "his advisers" keeps its owner, "those surveyed" its pointer;
   * "the", "a" go */
  while (t0 < t1 && ((determiner(a, a->t[t0].low) &&
                      !((fw_is(a, a->t[t0].low, PC_FW_POSS) ||
                         fw_is(a, a->t[t0].low, PC_FW_DEM)) &&
                        t0 + 1 < t1 && a->t[t0 + 1].type == T_WORD)) ||
                     a->t[t0].type != T_WORD))
    t0++;
  /* (a title's closing mark stays when its opening one is in: "the
   * authors of the “Growth Plan,”") */
  while (t1 > t0 && a->t[t1 - 1].type != T_WORD && !title_close(a, t0, t1 - 1))
    t1--;
  if (t1 <= t0)
    return NULL;
  char *s = pc_att_text_of(a, t0, t1);
  if (s)
    pc_att_strip_possessive(a, s);
  return s;
}

/* The first word of s, lower-cased, into buf (n bytes); its length in s,
 * 0 when it does not fit. */
static size_t first_word(const char *s, char *buf, size_t n) {
  size_t l = 0;
  while (s[l] && s[l] != ' ' && l + 1 < n) {
    buf[l] = (char)((s[l] >= 'A' && s[l] <= 'Z') ? s[l] + 32 : s[l]);
    l++;
  }
  buf[l] = '\0';
  return s[l] && s[l] != ' ' ? 0 : l;
}

/* The role as it goes out: without the words an attribution phrase can
 * leave in front of it ("For Russian expert", "according to"), and NULL
 * when nothing is left, when it only repeats the speaker's name (a
 * speaker named by a role: "spokesman for the United States") or when it
 * is a bare title ("Ms").  A pointer into role. */
const char *pc_att_clean_role(const struct analysis *a, const char *name,
                              const char *role) {
  char w[32];
  for (int k = 0; role && k < 3; k++) {
    size_t l = first_word(role, w, sizeof w);
    if (!l || !role[l] ||
        !(preposition(a, w) || strcmp(w, "according") == 0 ||
          strcmp(w, "says") == 0 || strcmp(w, "said") == 0))
      break;
    role += l + 1;
  }
  if (!role || !*role || (name && strcasecmp(role, name) == 0))
    return NULL;
  size_t l = first_word(role, w, sizeof w);
  if (l && !role[l]) { /* one word: "Ms", "Sen." */
    if (l > 1 && w[l - 1] == '.')
      w[l - 1] = '\0';
    if (in_list_of(a, &a->lex->honorifics, w))
      return NULL;
  }
  return role;
}

/* The last person named before token i (of the pronoun's gender when the
 * given name tells it), leaving out names governed by a preposition ("an
 * article for Al Mayadeen"): the last mark of pc_att_index_persons before
 * i, found by binary search (a document names a few dozen people; a table
 * per token cost more to fill than its look-ups saved). */
int pc_att_last_person_g(const struct analysis *a, size_t i, int gender) {
  /* a person whose name tells the gender wins over a nearer one whose
   * name does not ("Big Machine" is not "she") */
  enum { NEAR = 100 }; /* tokens: a few sentences back */
  if (!a->persons_indexed)
    return -1;
  size_t lo = 0, hi = a->npm; /* the marks before i: [0, lo) */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (a->pm[mid].at < i)
      lo = mid + 1;
    else
      hi = mid;
  }
  struct person_mark none = {0, -1, -1, -1, -1, -1, 0, 0};
  const struct person_mark *m = lo ? &a->pm[lo - 1] : &none;
  if (gender == 'm' && m->k_m >= 0 && i - m->at_m <= NEAR)
    return m->k_m;
  if (gender == 'f' && m->k_f >= 0 && i - m->at_f <= NEAR)
    return m->k_f;
  if (gender == 'm')
    return m->cur_m;
  if (gender == 'f')
    return m->cur_f;
  return m->cur;
}

/* The last person named before each token, in one pass, for pronouns
 * (pc_att_last_person_g): any person, those not known to be a woman / a
 * man, and those known to be a man / a woman with where they stood; a
 * mark where that changes.  Sets a->oom when memory is out. */
void pc_att_index_persons(struct analysis *a) {
  struct person_mark m = {0, -1, -1, -1, -1, -1, 0, 0};
  const struct token *t = a->t; /* most tokens name no one: a tight loop */
  size_t nt = a->nt;
  a->persons_indexed = true;
  for (size_t i = 0; i < nt; i++) {
    int e = t[i].ent;
    if (e < 0 || (i + 1 < nt && t[i + 1].ent == e) ||
        a->en[e].type != PC_ENTITY_PERSON)
      continue; /* not the last word of a person's name */
    size_t f = i;
    while (f > 0 && a->t[f - 1].ent == e)
      f--;
    /* nor a name inside quotation marks: "Heads needed to roll the
     * day Jeffrey Epstein died," he said - he is not Epstein */
    if ((f > 0 && preposition(a, a->t[f - 1].low) &&
         !fw_is(a, a->t[f - 1].low, PC_FW_BY)) ||
        a->t[i].in_span >= 0)
      continue;
    m.at = i;
    m.cur = e;
    if (a->en[e].gender != 'f')
      m.cur_m = e;
    if (a->en[e].gender != 'm')
      m.cur_f = e;
    if (a->en[e].gender == 'm')
      m.k_m = e, m.at_m = i;
    if (a->en[e].gender == 'f')
      m.k_f = e, m.at_f = i;
    GROW(a, pm, npm, cappm);
    if (a->oom)
      return;
    a->pm[a->npm++] = m;
  }
}

static struct speaker_ref resolve_np_ex(struct analysis *a, size_t n0,
                                        size_t n1, bool groups);

/* Whether the person named at i owns what follows ("Trump's lawyer",
 * "Nisan Ahmado's source"): a possessive ending, then a word, before n1. */
static bool owned_phrase(const struct analysis *a, size_t i, size_t n1) {
  int e = a->t[i].ent;
  while (i + 1 < n1 && a->t[i + 1].ent == e)
    i++;
  return e >= 0 && i + 1 < n1 && a->t[i + 1].type == T_WORD &&
         pc_att_ending(a, a->t[i].low, PC_FW_GEN, 1);
}

/* "the authors of the “Growth Plan,”": a phrase [n0, n1) cut at the
 * opening mark of a title, after a determiner or a preposition, takes the
 * title in (closed within a few words); where it ends, n1 otherwise. */
size_t pc_att_title_after(const struct analysis *a, size_t n0, size_t n1) {
  if (n1 <= n0 || n1 >= a->nt || a->t[n1].type != T_QOPEN ||
      a->t[n1 - 1].type != T_WORD ||
      !(determiner(a, a->t[n1 - 1].low) || preposition(a, a->t[n1 - 1].low)))
    return n1;
  int sp = a->t[n1].opens;
  return sp >= 0 && a->sp[sp].closed && a->sp[sp].c < n1 + 12 &&
                 pc_att_title_span(a, (size_t)sp)
             ? a->sp[sp].c + 1
             : n1;
}

struct speaker_ref pc_att_resolve_np(struct analysis *a, size_t n0, size_t n1) {
  return resolve_np_ex(a, n0, pc_att_title_after(a, n0, n1), true);
}

/* The speaker named by [n0, n1), in the order below: the first that
 * applies answers.  Each np_* part fills *w and returns true when it
 * answers; w is left as it was ({NULL, -1, NULL}) otherwise. */

/* Whether the word at i can head a phrase that names a speaker: a role,
 * an organisation's head noun, a plural ("aides"), "campaign". */
static bool noun_head(const struct analysis *a, size_t i) {
  const char *w = a->t[i].low;
  size_t l = strlen(w);
  if (a->t[i].type != T_WORD || l < 3)
    return false;
  if (is_role_word(a, i) || org_head(a, w))
    return true;
  /* not an adverb: "Clinton often", "Kaine now", "BuzzFeed first" */
  return !(strcmp(w + l - 2, "ly") == 0) && !aux_word(a, w) &&
         !function_cap(a, w) && strcmp(w, "first") != 0;
}

/* Whether a second person's name, joined by "and" at j, ends the
 * phrase at n1 (a title or an owner's possessive name may stand before
 * it): "Trump and Ryan", "Jane Roe and Sen. Tom Poe", "Roe and WKRT's Jo
 * Poe".  Both speak; neither alone. */
static bool joint_names(const struct analysis *a, size_t j, size_t n1) {
  if (j + 1 >= n1 || !low_eq(&a->t[j], "and") || a->t[n1 - 1].ent < 0 ||
      a->en[a->t[n1 - 1].ent].type != PC_ENTITY_PERSON ||
      a->t[n1 - 1].ent == a->t[j - 1].ent)
    return false;
  for (size_t k = j + 1; k < n1; k++) {
    int o = a->t[k].ent;
    /* "Jane Roe and Texas Rep. Tom Poe": a place's capitalised words
     * before the title are part of it */
    size_t z = k;
    while (o >= 0 && o != a->t[n1 - 1].ent && z + 1 < n1 &&
           a->t[z + 1].ent == o)
      z++;
    if ((a->t[k].flags & F_CAP) && z + 1 < n1 &&
        (o < 0 || a->en[o].type != PC_ENTITY_PERSON) &&
        (is_role_word(a, z + 1) ||
         in_list_of(a, &a->lex->honorifics, a->t[z + 1].low))) {
      k = z;
      continue;
    }
    if (o >= 0 && o != a->t[n1 - 1].ent) { /* an owner: "WKRT's" */
      while (k + 1 < n1 && a->t[k + 1].ent == o)
        k++;
      if (!pc_att_possessive(a, a->t[k].low))
        return false;
      continue;
    }
    if (o < 0 && (a->t[k].flags & F_CAP) &&
        pc_att_possessive(a, a->t[k].low))
      continue; /* "Reuters’" */
    if (o != a->t[n1 - 1].ent && !is_role_word(a, k) &&
        !in_list_of(a, &a->lex->honorifics, a->t[k].low) &&
        !is_punct(&a->t[k], "."))
      return false;
  }
  return true;
}

/* Whether "and", at j after a person's name, joins a group that ends
 * the phrase at n1: "Trump and his attorneys", "Sanders and his
 * supporters", "Netanyahu and other right-wing Israeli leaders", "Roe
 * and leaders of the party" (a phrase after the group's head may follow
 * it).  They speak together; one more person ("Jane Roe and her
 * lawyer") leaves the name alone. */
static bool joint_group(const struct analysis *a, size_t j, size_t n1) {
  if (j + 2 > n1 || !low_eq(&a->t[j], "and") ||
      a->t[j + 1].type != T_WORD || (a->t[j + 1].flags & F_CAP))
    return false;
  size_t h = n1 - 1; /* the group's head: before a preposition */
  for (size_t k = j + 2; k < n1 && h == n1 - 1; k++)
    if (a->t[k].type == T_WORD && preposition(a, a->t[k].low))
      h = k - 1;
  const char *w = a->t[h].low;
  if (a->t[h].type != T_WORD || (a->t[h].flags & F_CAP) ||
      !pc_att_plural(a, w))
    return false;
  for (size_t k = j + 1; k < n1; k++) {
    int e = a->t[k].ent;
    if ((k <= h && (a->t[k].type != T_WORD ||
                    (k > j + 1 && stop_word(a, a->t[k].low)))) ||
        (e >= 0 && a->en[e].type == PC_ENTITY_PERSON))
      return false;
  }
  return true;
}

/* Whether "and", at j after a person's name, joins an organisation
 * that ends the phrase at n1: "Clinton and the State Department", "Roe
 * and the agency".  They speak together. */
static bool joint_body(const struct analysis *a, size_t j, size_t n1) {
  if (j + 1 >= n1 || !low_eq(&a->t[j], "and"))
    return false;
  size_t k = j + 1;
  if (a->t[k].type == T_WORD && determiner(a, a->t[k].low) &&
      !fw_is(a, a->t[k].low, PC_FW_POSS))
    k++;
  int e = a->t[n1 - 1].ent;
  if (k >= n1 || (e >= 0 && a->en[e].type == PC_ENTITY_PERSON))
    return false;
  for (size_t z = k; z < n1; z++)
    if (a->t[z].type != T_WORD ||
        (e >= 0 ? a->t[z].ent != e
                : (a->t[z].ent >= 0 || (a->t[z].flags & F_CAP) || z + 3 < n1)))
      return false;
  return e >= 0 || (k > j + 1 && org_head(a, a->t[n1 - 1].low));
}

/* A person's name in the phrase, not one governed by a preposition. */
static bool np_person(struct analysis *a, size_t n0, size_t n1,
                      struct speaker_ref *w) {
  for (size_t i = n0; i < n1; i++) {
    int e = a->t[i].ent;
    /* "a teacher at Gibson Southern": a name after a preposition only
     * modifies the phrase */
    /* also after lower-case words that follow a preposition: "head of
     * the group Full Fact" (not "Secretary of State Mike Pompeo") */
    size_t pb = i;
    /* ... a title, a party's member, an owner or a country's
     * adjective: "an adviser to Governor X", "supporters of Democrat X",
     * "speaking to WKRT's X", "for the Italian newspaper X", "a
     * supporter of Mr. X" */
    while (
        pb > n0 &&
        ((a->t[pb - 1].type == T_WORD &&
          (!(a->t[pb - 1].flags & F_CAP) || is_role_word(a, pb - 1) ||
           in_list_of(a, &a->lex->honorifics, a->t[pb - 1].low) ||
           in_list_of(a, &a->lex->members, a->t[pb - 1].low) ||
           (a->t[pb - 1].ent != e && pc_att_possessive(a, a->t[pb - 1].low)) ||
           (a->t[pb - 1].ent >= 0 && a->t[pb - 1].ent != e &&
            a->en[a->t[pb - 1].ent].type == PC_ENTITY_COUNTRY)) &&
          !preposition(a, a->t[pb - 1].low)) ||
         (pb - 1 > n0 && is_punct(&a->t[pb - 1], ".") &&
          in_list_of(a, &a->lex->honorifics, a->t[pb - 2].low))))
      pb--;
    /* (not right after the country that ends a role: "ambassador to the
     * Ukraine Marie Yovanovitch") */
    bool after_country = i > n0 && a->t[i - 1].ent >= 0 &&
                         a->t[i - 1].ent != e &&
                         a->en[a->t[i - 1].ent].type == PC_ENTITY_COUNTRY;
    if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON && pb > n0 &&
        !after_country && a->t[pb - 1].ent != e &&
        preposition(a, a->t[pb - 1].low)) {
      while (i + 1 < n1 && a->t[i + 1].ent == e)
        i++; /* the whole name, not only its first word */
      continue;
    }
    if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON) {
      /* "Trump's lawyer said": the name's owner is not the speaker, the
       * phrase is */
      if (owned_phrase(a, i, n1)) {
        w->name = pc_att_np_text(a, n0, n1);
        w->role = w->name ? strdup(w->name) : NULL;
        return true;
      }
      /* "Oklahoma City coach Billy Donovan": a name, lower-case words,
       * then another name: the last is the head */
      size_t j = i;
      while (j < n1 && a->t[j].ent == e)
        j++;
      size_t m = j, lw = 0; /* lw: the lower-case words passed */
      while (m < n1 && a->t[m].type == T_WORD &&
             ((!(a->t[m].flags & F_CAP) && !stop_word(a, a->t[m].low) &&
               !fw_is(a, a->t[m].low, PC_FW_CONJ)) ||
              (lw && a->t[m].ent < 0 && is_role_word(a, m))))
        lw += !(a->t[m++].flags & F_CAP); /* "campaign Chairman John X" */
      if (lw && m < n1 && a->t[m].ent >= 0 && a->t[m].ent != e &&
          a->en[a->t[m].ent].type == PC_ENTITY_PERSON) {
        i = m - 1;
        continue;
      }
      /* "Obama aides", "the Clinton campaign": the name only modifies the
       * noun that ends the phrase, which is the speaker */
      if (m > j && m == n1 && noun_head(a, n1 - 1)) {
        w->name = pc_att_np_text(a, n0, n1);
        w->role = w->name ? strdup(w->name) : NULL;
        return true;
      }
      size_t r = i;
      while (r > n0 && a->t[r - 1].ent == e)
        r--;
      if (joint_names(a, j, n1) || joint_group(a, j, n1) ||
          joint_body(a, j, n1)) {
        /* "Trump and Ryan said", "Trump and his lawyers said", "Roe and
         * the agency said" */
        w->name = pc_att_np_text(a, pc_att_title_start(a, n0, r), n1);
        w->ent = e; /* the entity of the first, who leads the two */
        return w->name != NULL;
      }
      w->ent = e;
      w->name = strdup(a->en[e].name);
      w->role = pc_att_np_text(a, n0, r);
      if (!w->role && a->en[e].role)
        w->role = strdup(a->en[e].role);
      return true;
    }
  }
  return false;
}

/* Whether person e can be "he" (g 'm') or "she" ('f'): 2 when the name
 * says so, 1 when it says nothing, 0 when it says the other. */
static int gender_fit(const struct analysis *a, int e, int g) {
  if (e < 0 || a->en[e].type != PC_ENTITY_PERSON)
    return 0;
  return a->en[e].gender == g ? 2 : a->en[e].gender == 0 ? 1 : 0;
}

/* The antecedent of he/she within the sentence [s0, end): the speaker of
 * a quote read in it, else the first person named (a subject comes
 * first), one whose name tells the gender before one whose name does not.
 * Names after a preposition or inside quotation marks are left out. */
/* Whether the name whose first token is k ends in a possessive ("In
 * Hajjaj's case, she ..."): it goes with the noun after it, not with the
 * preposition before. */
static bool name_possessive(const struct analysis *a, size_t k) {
  int e = a->t[k].ent;
  while (k + 1 < a->nt && a->t[k + 1].ent == e)
    k++;
  const char *w = a->t[k].low;
  size_t l = strlen(w);
  return l > 2 && strcmp(w + l - 2, "'s") == 0; /* ’ is ' in a token */
}

/* Whether an entity is named in [s0, k). */
static bool ent_before(const struct analysis *a, size_t s0, size_t k) {
  for (size_t z = s0; z < k; z++)
    if (a->t[z].ent >= 0)
      return true;
  return false;
}

/* Whether the name whose first token is k only qualifies another
 * person's name before end, only words (no punctuation) between: it ends
 * in a possessive ("Holt's liberal NBC News colleague Matt Lauer ...")
 * or a role word stands right before the other name ("Former Trump
 * campaign manager Corey Lewandowski ... whether he can").  The phrase
 * is the other person; the first only tells whose colleague. */
static bool qualifies_name(const struct analysis *a, size_t k, size_t end) {
  enum { NP_WORDS = 6 };
  int e = a->t[k].ent;
  bool poss = name_possessive(a, k);
  while (k + 1 < end && a->t[k + 1].ent == e)
    k++;
  for (size_t j = k + 1; j < end && j <= k + NP_WORDS; j++) {
    const struct token *t = &a->t[j];
    if (t->type != T_WORD || t->in_span >= 0 || t->cue)
      return false;
    if (t->ent >= 0 && t->ent != e &&
        a->en[t->ent].type == PC_ENTITY_PERSON)
      return poss || (j > k + 1 && a->t[j - 1].ent < 0 &&
                      !(a->t[j - 1].flags & F_CAP) && is_role_word(a, j - 1));
    if (t->ent < 0 && stop_word(a, t->low))
      return false;
  }
  return false;
}

/* "His deputy, Jim Poe, was less sure. He said ...": a sentence that
 * opens on a possessive and a few lower-case words is about the person
 * its apposition names, in commas right after them, when the name may be
 * of the pronoun's gender; else about someone named before (-1). */
static int possessive_apposition(const struct analysis *a, size_t s0,
                                 size_t end, int g) {
  size_t c = s0 + 1;
  while (c < end && c < s0 + 4 && a->t[c].type == T_WORD &&
         !(a->t[c].flags & F_CAP))
    c++;
  if (c == s0 + 1 || c + 2 >= end || !is_punct(&a->t[c], ","))
    return -1;
  int e = a->t[c + 1].ent;
  size_t k = c + 1;
  while (e >= 0 && k < end && a->t[k].ent == e)
    k++;
  if (e < 0 || a->en[e].type != PC_ENTITY_PERSON || k >= end ||
      !is_punct(&a->t[k], ",") || a->t[c + 1].in_span >= 0)
    return -1;
  return gender_fit(a, e, g) ? e : -1;
}

/* Whether the pronoun at n0 stands in quotation marks inside quote q's
 * words: "“He said, ‘Trust me.’ I believed him,” Al Berg said" ("he" is
 * not Berg, who would say "I"). */
static bool quoted_in(const struct analysis *a, size_t q, size_t n0) {
  const struct token *t = &a->t[n0];
  return t->in_span >= 0 && a->q[q].block == t->block && a->q[q].s <= t->s &&
         t->s < a->q[q].e;
}

/* The speaker of the quote whose words hold the pronoun at n0 in
 * quotation marks (quoted_in), -1 for none. */
static int quoting_speaker(const struct analysis *a, size_t n0) {
  if (a->t[n0].in_span < 0)
    return -1;
  for (size_t q = a->nq; q-- > 0;)
    if (quoted_in(a, q, n0))
      return a->q[q].ent;
  return -1;
}

/* (self: the speaker whose quoted words hold the pronoun, never its
 * antecedent) */
static int sentence_antecedent(const struct analysis *a, size_t s0,
                               size_t end, int g, int self) {
  for (size_t q = a->nq; q-- > 0 && a->q[q].t0 >= s0;)
    if (a->q[q].t0 < end && a->q[q].parent < 0 &&
        gender_fit(a, a->q[q].ent, g) && (self < 0 || a->q[q].ent != self))
      return a->q[q].ent;
  /* "Her district includes the Carrier plant, ..., she said": a
   * sentence that opens on a possessive of the pronoun's gender is about
   * someone named before it, as one that opens on the pronoun is */
  if (s0 < end && a->t[s0].type == T_WORD && a->t[s0].in_span < 0 &&
      fw_is(a, a->t[s0].low, PC_FW_POSS) &&
      (low_eq(&a->t[s0], g == 'm' ? "his" : "her")))
    return possessive_apposition(a, s0, end, g);
  int unsure = -1, pp = -1;
  for (size_t k = s0; k < end; k++) {
    int e = a->t[k].ent;
    /* "As for Trump, he said", "Footage of Awlaki appears. ..., he
     * says": when the sentence names no one else, the first person after
     * a preposition whose name tells the pronoun's gender */
    if (pp < 0 && e >= 0 && a->t[k].in_span < 0 && k > 0 &&
        preposition(a, a->t[k - 1].low) && gender_fit(a, e, g) == 2)
      pp = e;
    /* "LeVell is ... He is trying to persuade people to support Trump's
     * campaign. He believes": a pronoun of the gender that comes first
     * is the sentence's subject; who it is, an earlier sentence tells */
    if (e < 0 && unsure < 0 && a->t[k].in_span < 0 && a->t[k].type == T_WORD &&
        list_tag_of(a, &a->lex->pronouns, a->t[k].low) == g)
      return -1;
    if (e < 0 || e == self || (k > s0 && a->t[k - 1].ent == e) ||
        a->t[k].in_span >= 0 ||
        (k > 0 && preposition(a, a->t[k - 1].low) &&
         !fw_is(a, a->t[k - 1].low, PC_FW_BY) && !name_possessive(a, k)) ||
        qualifies_name(a, k, end))
      continue;
    int fit = gender_fit(a, e, g);
    if (fit == 2)
      return e;
    /* "Obama also addressed Trump's concerns, ... he added": a name that
     * opens the sentence is its subject, though it does not tell the
     * gender */
    if (fit == 1 && unsure < 0 && k <= s0 + 3 && !ent_before(a, s0, k) &&
        a->en[e].mentions > 1)
      return e;
    if (fit == 1 && unsure < 0)
      unsure = e;
  }
  /* (not when a description opens the sentence: "The radio host filled
   * his speeches for Cruz": the host is someone named before) */
  if (unsure < 0 && pp >= 0 && s0 + 1 < end && low_eq(&a->t[s0], "the") &&
      a->t[s0 + 1].type == T_WORD && !(a->t[s0 + 1].flags & F_CAP))
    return -1;
  return unsure >= 0 ? unsure : pp;
}

/* He/she by salience: the antecedent of the nearest of the last SENTS
 * sentences (this one before the pronoun first) that has one, or -1. */
static int salient_person(const struct analysis *a, size_t n0, int g) {
  size_t end = n0;
  int self = quoting_speaker(a, n0);
  for (size_t k = 0; k < SENTS && k < a->nsent; k++) {
    size_t s0 = a->sent0[(a->nsent - 1 - k) % SENTS];
    if (s0 > end)
      continue;
    int e = sentence_antecedent(a, s0, end, g, self);
    if (e >= 0)
      return e;
    end = s0;
  }
  return -1;
}

/* "A spokesperson for the association said ... “...,” he said": the
 * last speaker, a few sentences back, one person named by a role and no
 * entity (data: roles), when no person was named since that speaker's
 * sentence opened.  Its quote, -1 when there is none. */
/* The last quote of no other quote ended before n0, when it ended
 * within reach tokens and its speaker is known by no entity; -1 else. */
static int last_unnamed_quote(const struct analysis *a, size_t n0,
                              size_t reach) {
  for (size_t q = a->nq; q-- > 0;) {
    const struct found_quote *f = &a->q[q];
    if (f->parent >= 0 || f->t1 > n0)
      continue;
    return f->t1 + reach < n0 || f->ent >= 0 || !f->speaker ? -1 : (int)q;
  }
  return -1;
}

static int role_speaker_before(const struct analysis *a, size_t n0) {
  enum { ROLE_REACH = 80 };
  int q = last_unnamed_quote(a, n0, ROLE_REACH);
  if (q < 0)
    return -1;
  const struct found_quote *f = &a->q[q];
  char w[32];
  /* one person ("Officials said ... She added" is someone else) */
  if (!first_word(f->speaker, w, sizeof w) ||
      !in_list_of(a, &a->lex->roles, w) || pc_att_plural(a, w))
    return -1;
  for (size_t k = f->t0; k < n0; k++)
    if (a->t[k].ent >= 0 && a->t[k].in_span < 0 &&
        a->en[a->t[k].ent].type == PC_ENTITY_PERSON)
      return -1;
  return q;
}

/* "Most of it is legal, the authors said. But ..., they wrote" (doc
 * false), "The report by the union claims ... It calls on" (doc true):
 * the last speaker, a sentence or two back, known by no entity and named
 * by a plural noun (a group) or by a written work (data: doc), when no
 * one was named since its quote ended.  Its quote, -1 when there is
 * none. */
static int phrase_speaker_before(const struct analysis *a, size_t n0,
                                 bool doc) {
  enum { GROUP_REACH = 60 };
  int q = last_unnamed_quote(a, n0, GROUP_REACH);
  if (q < 0)
    return -1;
  const struct found_quote *f = &a->q[q];
  const char *last = strrchr(f->speaker, ' ');
  last = last ? last + 1 : f->speaker;
  char w[32];
  /* "Others who have tracked his career say": a share of people, one
   * word, capitalised as it opened its sentence */
  bool share = !doc && last == f->speaker &&
               first_word(f->speaker, w, sizeof w) &&
               fw_is(a, w, PC_FW_QUANT);
  if (doc ? !first_word(f->speaker, w, sizeof w) || !fw_is(a, w, PC_FW_DOC)
          : !share && (*last < 'a' || *last > 'z' || strlen(last) < 4 ||
                       !pc_att_plural(a, last)))
    return -1;
  for (size_t k = f->t1; k < n0; k++)
    if (a->t[k].ent >= 0 && a->t[k].in_span < 0)
      return -1;
  return q;
}

/* "Big Machine have denied it. “...,” they said": an organisation or a
 * group that opens the sentence before the pronoun's (after "The") is
 * who "they" are.  Its entity, -1 when none. */
static int plural_subject_before(const struct analysis *a, size_t n0) {
  if (a->nsent < 2)
    return -1;
  size_t s0 = a->sent0[(a->nsent - 2) % SENTS];
  if (s0 >= n0)
    return -1;
  if (low_eq(&a->t[s0], "the") && s0 + 1 < n0)
    s0++;
  int e = a->t[s0].ent;
  return e >= 0 && a->t[s0].in_span < 0 &&
                 (a->en[e].type == PC_ENTITY_ORG ||
                  a->en[e].type == PC_ENTITY_GROUP)
             ? e
             : -1;
}

/* "The company released its results. It said ...": an organisation
 * known by a noun alone ("the company", "the state-owned utility": "the",
 * up to two lower-case words, a head of the organisation list, no name,
 * no possessive, no preposition after it) opening the sentence before the pronoun's.  The head's
 * token, 0 when there is none. */
static size_t org_noun_before(const struct analysis *a, size_t n0) {
  if (a->nsent < 2)
    return 0;
  size_t s0 = a->sent0[(a->nsent - 2) % SENTS];
  if (s0 >= n0 || !low_eq(&a->t[s0], "the"))
    return 0;
  for (size_t h = s0 + 1, words = 0; words < 3 && h < n0; h++) {
    const struct token *t = &a->t[h];
    if (is_punct(t, "-") && h > s0 + 1)
      continue; /* "state-owned" */
    if (t->type != T_WORD || t->in_span >= 0 || t->ent >= 0 ||
        (t->flags & F_CAP))
      return 0;
    words++;
    if (org_head(a, t->low))
      return h + 1 < n0 && a->t[h + 1].type == T_WORD &&
                     !fw_is(a, a->t[h + 1].low, PC_FW_PREP) &&
                     !(a->t[h + 1].flags & F_CAP)
                 ? h
                 : 0;
  }
  return 0;
}

/* Whether token k heads a plural phrase that names people: a group's
 * or an organisation's name ("Democrats", "The company that runs the
 * show, Dick Clark Productions, denies it.  '...,' they said"), or a
 * plural noun of people or of a role ("aides", "civil rights groups",
 * "the men"). */
static bool plural_people(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  if (t->type != T_WORD || t->in_span >= 0)
    return false;
  if (t->ent >= 0)
    return a->en[t->ent].type == PC_ENTITY_GROUP ||
           a->en[t->ent].type == PC_ENTITY_ORG;
  size_t l = strlen(t->low);
  if (((t->flags & F_CAP) && !(t->flags & F_SENT)) || l < 3)
    return false;
  bool plural = pc_att_plural(a, t->low) ||
                strcmp(t->low + l - 3, "men") == 0;
  if (!plural)
    return false;
  /* "Others who have tracked her career doubt it": the relative "who"
   * stands only for people */
  if (k + 1 < a->nt && a->t[k + 1].type == T_WORD &&
      strcmp(a->t[k + 1].low, "who") == 0)
    return true;
  /* "Conservatives thought ... they welcomed": members of a party, a
   * movement or the public (data: members) */
  if (fw_is(a, t->low, PC_FW_PEOPLE) || is_role_word(a, k) ||
      in_list_of(a, &a->lex->members, t->low))
    return true;
  char one[sizeof t->low]; /* "groups": the singular's categories */
  memcpy(one, t->low, l - 1);
  one[l - 1] = '\0';
  if (l > 4 && strcmp(t->low + l - 3, "ies") == 0) { /* "companies" */
    one[l - 3] = 'y';
    one[l - 2] = '\0';
  }
  return fw_is(a, one, PC_FW_PEOPLE) || fw_is(a, one, PC_FW_FIRM) ||
         in_list_of(a, &a->lex->roles, one);
}

/* "As Johnson and Weld stumped across the state, they said": two
 * people's names joined by "and" (a title may stand before the second),
 * the first at k and not governed by a preposition, are a "they" (in the
 * pronoun's sentence, or opening one before: "Wilcox and Beruff argued
 * ... .  States can do that, they said").  The end of the pair
 * (exclusive), 0 when there is none. */
static size_t joint_pair_at(const struct analysis *a, size_t s0, size_t k,
                            size_t end) {
  int e = a->t[k].ent;
  if (k > s0 && (a->t[k - 1].ent == e ||
                 (a->t[k - 1].type == T_WORD &&
                  preposition(a, a->t[k - 1].low))))
    return 0;
  size_t j = k;
  while (j < end && a->t[j].ent == e)
    j++;
  if (j + 1 >= end || !low_eq(&a->t[j], "and"))
    return 0;
  size_t n1 = j + 1;
  while (n1 < end && n1 < j + 4 && a->t[n1].ent < 0 &&
         (is_role_word(a, n1) || is_punct(&a->t[n1], ".") ||
          in_list_of(a, &a->lex->honorifics, a->t[n1].low)))
    n1++;
  int e2 = n1 < end ? a->t[n1].ent : -1;
  if (e2 < 0)
    return 0;
  while (n1 < end && a->t[n1].ent == e2)
    n1++;
  return joint_names(a, j, n1) ? n1 : 0;
}

/* "Gov. Jane Roe and leaders of the Assembly have ... They said": a
 * plural group that "and" joins to a person's name before it speaks with
 * the person; the pair as written, from the name (no title) through the
 * group's "of" phrase of a determiner and capitalised words, or NULL. */
static char *joined_group_text(const struct analysis *a, size_t s0,
                               size_t b, size_t h1) {
  if (b < s0 + 2 || !low_eq(&a->t[b - 1], "and"))
    return NULL;
  int pe = a->t[b - 2].ent;
  if (pe < 0 || a->en[pe].type != PC_ENTITY_PERSON ||
      a->t[b - 2].in_span >= 0 || !joint_group(a, b - 1, h1))
    return NULL;
  size_t p0 = b - 2;
  while (p0 > s0 && a->t[p0 - 1].ent == pe)
    p0--;
  size_t e = h1;
  if (e + 1 < a->nt && low_eq(&a->t[e], "of")) {
    size_t k = e + 1;
    if (a->t[k].type == T_WORD && determiner(a, a->t[k].low))
      k++;
    while (k < a->nt && k < h1 + 8 &&
           ((a->t[k].type == T_WORD && (a->t[k].flags & F_CAP)) ||
            (is_punct(&a->t[k], "-") && k + 1 < a->nt &&
             a->t[k + 1].type == T_WORD)))
      k++;
    if (k > e + 1 && a->t[k - 1].type == T_WORD &&
        (a->t[k - 1].flags & F_CAP))
      e = k;
  }
  return pc_att_np_text(a, p0, e);
}

static size_t verb_cut(const struct analysis *a, size_t n0, size_t n1);

/* "Aides said ..., and they rejected ...", "While civil rights groups
 * praised ..., they said ...", "The men alleged ... They claimed": the
 * first plural phrase of people, not governed by a preposition, in the
 * pronoun's sentence before it, else in the nearest of the sentences
 * before, up to one that a person's name opens or that names two
 * people.  Who "they" are, or no one. */
static struct speaker_ref plural_antecedent(struct analysis *a, size_t n0) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t end = n0;
  for (size_t s = 0; s < SENTS && s < a->nsent && !w.name; s++) {
    size_t s0 = a->sent0[(a->nsent - 1 - s) % SENTS];
    if (s0 > end)
      continue;
    /* a person who opens a sentence takes the lead from the group, and
     * two people named are a "they" of their own ("... two senators:
     * Jane Roe and Ann Poe.  They criticised ...") */
    bool person = false;
    int first = -1;
    for (size_t k = s0; k < end; k++) {
      int pe = a->t[k].ent;
      if (pe >= 0 && a->t[k].in_span < 0 &&
          a->en[pe].type == PC_ENTITY_PERSON) {
        size_t pair = first < 0 && (s == 0 || k <= s0 + 1)
                          ? joint_pair_at(a, s0, k, end)
                          : 0;
        if (pair) { /* from the title of the first ("Mr. Roe and ...") */
          w.name = pc_att_np_text(a, pc_att_title_start(a, s0, k), pair);
          break;
        }
        person = person || k <= s0 + 1 || (first >= 0 && first != pe);
        first = first < 0 ? pe : first;
      }
      if (!plural_people(a, k))
        continue;
      int e = a->t[k].ent;
      size_t h = k;
      while (e >= 0 && h + 1 < end && a->t[h + 1].ent == e)
        h++;
      size_t b = pc_att_np_start(a, s0, h + 1), p = k;
      while (p > b && p > s0 && !(a->t[p - 1].type == T_WORD &&
                                  preposition(a, a->t[p - 1].low)))
        p--;
      if (p > s0 && a->t[p - 1].type == T_WORD &&
          preposition(a, a->t[p - 1].low)) {
        k = h;
        continue; /* "the role of the aides", "the eye of two senators" */
      }
      /* "Gov. Jo Pell thanked the teachers.  They said": the phrase
       * read back from the plural holds the verb of a clause whose
       * subject names no plural; the plural of people in lower case
       * is its object, after it (not a name: "... disavow the KKK") */
      size_t v = verb_cut(a, b, h + 1);
      if (v < h + 1 && v + 1 <= k && a->t[k].ent < 0)
        b = v + 1;
      char *pair = joined_group_text(a, s0, b, h + 1);
      if (pair) {
        w.name = pair;
        break;
      }
      w = pc_att_resolve_np(a, b, h + 1);
      if (!w.name) { /* "the men": the phrase's own words */
        who_free(&w);
        w.name = pc_att_np_text(a, b, h + 1);
      }
      break;
    }
    if (person) /* "Mark Dunn led the work. ..., they wrote": no group */
      break;
    end = s0;
  }
  return w;
}

/* The gender of a plain noun for a person at k, no role ("woman",
 * "gunman"; not "chairman", which names someone named before as often):
 * 'f', 'm', or 0. */
static int person_noun(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  size_t l = strlen(t->low);
  if (t->type != T_WORD || t->ent >= 0 || (t->flags & F_CAP) || l < 3 ||
      is_role_word(a, k))
    return 0;
  if (l >= 5 && strcmp(t->low + l - 5, "woman") == 0)
    return 'f';
  return strcmp(t->low + l - 3, "man") == 0 ? 'm' : 0;
}

/* "The man in red shorts led employees to believe ...  In the video, he
 * says ...": a description of one person ("the", a few lower-case words,
 * a plain noun of the pronoun's gender) that opens the pronoun's
 * sentence or one before, when no person is named since.  A role ("the
 * 57-year-old scientist") is left to salience: it names again someone
 * named before as often.  Its words ("man"), or no one. */
static struct speaker_ref description_antecedent(struct analysis *a,
                                                 size_t n0, int g) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t end = n0;
  for (size_t s = 0; s < SENTS && s < a->nsent; s++) {
    size_t s0 = a->sent0[(a->nsent - 1 - s) % SENTS];
    if (s0 > end)
      continue;
    for (size_t k = s0; k < end; k++)
      if (a->t[k].ent >= 0 && a->t[k].in_span < 0 &&
          a->en[a->t[k].ent].type == PC_ENTITY_PERSON)
        return w; /* a person named: salience decides */
    size_t d = s0;
    while (d < end && a->t[d].type == T_WORD &&
           (fw_is(a, a->t[d].low, PC_FW_CONJ) ||
            fw_is(a, a->t[d].low, PC_FW_CONTRAST)))
      d++;
    /* "the" or "a" ("A 29-year-old Berlin woman received ... she
     * wrote"), up to three words before the noun, hyphens joining them,
     * a place's name among them */
    if (d < end && (low_eq(&a->t[d], "the") || low_eq(&a->t[d], "a")))
      for (size_t h = d + 1, words = 0; h < end && words < 4; h++) {
        if (is_punct(&a->t[h], "-") && h > d + 1 && h + 1 < end &&
            a->t[h].s == a->t[h - 1].e && a->t[h + 1].s == a->t[h].e)
          continue;
        words++;
        int pg = person_noun(a, h);
        if (pg) {
          if (pg == g)
            w.name = pc_att_np_text(a, d, h + 1);
          return w;
        }
        int he = a->t[h].ent;
        bool place = he >= 0 && (a->en[he].type == PC_ENTITY_PLACE ||
                                 a->en[he].type == PC_ENTITY_COUNTRY);
        if (a->t[h].type != T_WORD || ((a->t[h].flags & F_CAP) && !place) ||
            stop_word(a, a->t[h].low))
          break;
      }
    end = s0;
  }
  return w;
}

/* A pronoun alone, n0: the last person named of its gender. */
/* Whether a preposition governs the name that starts at b: "due to
 * NASA", "for the agency". */
static bool prep_governs(const struct analysis *a, size_t b) {
  if (b > 1 && a->t[b - 1].type == T_WORD && determiner(a, a->t[b - 1].low))
    b--;
  return b > 0 && a->t[b - 1].type == T_WORD &&
         !(a->t[b - 1].flags & F_CAP) && preposition(a, a->t[b - 1].low);
}

/* Whether entity e speaks a quote found before n0 ("according to the
 * SITE Intelligence Group, which monitors ... It said"). */
static bool has_spoken(const struct analysis *a, int e, size_t n0) {
  for (size_t q = a->nq; q-- > 0;)
    if (a->q[q].ent == e && a->q[q].t1 <= n0)
      return true;
  return false;
}

/* The organisation (or group) last named before n0, from lo, for "it
 * said"; one that a preposition governs yields to one named before it,
 * back to the previous sentence's start, that none governs: "Acme bid
 * for the contract. In a statement released the day the bids were due to
 * the Space Agency, it said" is Acme; not one that has spoken.  -1 for
 * none. */
static int org_before(const struct analysis *a, size_t lo, size_t n0) {
  size_t prev = a->nsent >= 2 ? a->sent0[(a->nsent - 2) % SENTS] : 0;
  int first = -1;
  for (size_t k = n0; k-- > lo && k + 400 > n0;) {
    int ke = a->t[k].ent;
    if (ke < 0 || a->t[k].in_span >= 0 ||
        (a->en[ke].type != PC_ENTITY_ORG && a->en[ke].type != PC_ENTITY_GROUP))
      continue;
    while (k > lo && a->t[k - 1].ent == ke)
      k--;
    if (!prep_governs(a, k) || has_spoken(a, ke, n0))
      return first >= 0 && k < prev ? first : ke;
    if (first < 0)
      first = ke;
    if (k < prev)
      break;
  }
  return first;
}

static bool bare_firm_word(const struct analysis *a, size_t k);

/* The speaker tag of the pronoun at i, 0 when it is none.  With its
 * contracted auxiliary it stands for the same speaker ("she's said",
 * "he'd told": function words, subj), but not "it's" ("it's fair to
 * say": no one is named). */
static int pronoun_tag(const struct analysis *a, size_t i) {
  const char *w = a->t[i].low;
  int g = list_tag_of(a, &a->lex->pronouns, w);
  size_t cut = g ? 0 : pc_att_clitic_cut(a, w);
  if (!cut)
    return g;
  char base[8];
  memcpy(base, w, cut);
  base[cut] = '\0';
  g = list_tag_of(a, &a->lex->pronouns, base);
  return g == 'o' ? 0 : g;
}

static struct speaker_ref np_pronoun(struct analysis *a, size_t n0) {
  struct speaker_ref w = {NULL, -1, NULL};
  int g = pronoun_tag(a, n0);
  int pq = g == 'o' ? phrase_speaker_before(a, n0, true) : -1;
  if (pq >= 0) {
    w.name = strdup(a->q[pq].speaker);
    w.role = a->q[pq].role ? strdup(a->q[pq].role) : NULL;
    return w;
  }
  if (g == 'o') { /* "it said": the organisation last named */
    size_t noun = org_noun_before(a, n0);
    /* "Boeing is one of the bidders. ..., it said": a lone capitalised
     * word that opens the sentence before (its subject) names a firm
     * nearer than one only named since (no entity made of it); not a
     * possessive ("Japan's leader"): the subject is its noun */
    size_t s0 = a->nsent >= 2 ? a->sent0[(a->nsent - 2) % SENTS] : n0;
    if (!noun && s0 < n0 && a->sent0[(a->nsent - 1) % SENTS] <= n0 &&
        !pc_att_ending(a, a->t[s0].low, PC_FW_GEN, 1) &&
        bare_firm_word(a, s0)) {
      w.name = pc_att_text_of(a, s0, s0 + 1);
      return w;
    }
    int ke = org_before(a, noun, n0);
    if (ke >= 0) {
      w.ent = ke;
      w.name = strdup(a->en[ke].name);
    }
    /* (an organisation named since the noun's sentence opened stands) */
    if (!w.name && noun)
      w.name = pc_att_text_of(a, a->sent0[(a->nsent - 2) % SENTS] + 1,
                              noun + 1);
    /* "Acme said ... It said": else the last speaker known by no
     * entity, a sentence or two back */
    for (size_t q = a->nq; !w.name && q-- > 0 && a->q[q].t1 + 200 > n0;)
      if (a->q[q].t1 <= n0 && a->q[q].parent < 0 && a->q[q].ent < 0 &&
          a->q[q].speaker && !a->q[q].role)
        w.name = strdup(a->q[q].speaker);
    return w;
  }
  int pe = g == 'p' ? plural_subject_before(a, n0) : -1;
  if (pe >= 0) {
    w.ent = pe;
    w.name = strdup(a->en[pe].name);
    return w;
  }
  pq = g == 'p' ? phrase_speaker_before(a, n0, false) : -1;
  if (pq >= 0) {
    w.name = strdup(a->q[pq].speaker);
    w.role = a->q[pq].role ? strdup(a->q[pq].role) : NULL;
    return w;
  }
  if (g == 'p') {
    w = plural_antecedent(a, n0);
    if (w.name)
      return w;
    who_free(&w);
  }
  int rq = g == 'm' || g == 'f' ? role_speaker_before(a, n0) : -1;
  if (rq >= 0) {
    w.name = strdup(a->q[rq].speaker);
    w.role = a->q[rq].role ? strdup(a->q[rq].role) : NULL;
    return w;
  }
  if (g == 'm' || g == 'f') {
    w = description_antecedent(a, n0, g);
    if (w.name)
      return w;
    who_free(&w);
  }
  int e = g == 'm' || g == 'f' ? salient_person(a, n0, g) : -1;
  if (e >= 0) {
    /* "Meghan ... she said": a name that did not tell the gender now
     * does, so a later "he" looks past her; not a pronoun in quotation
     * marks ("'... he would say, 'uh huh,''" Lynch said): it speaks of
     * someone in the speaker's story */
    if (!a->en[e].gender && a->t[n0].in_span < 0)
      a->en[e].gender = (char)g;
    w.ent = e;
    w.name = strdup(a->en[e].name);
    if (a->en[e].role)
      w.role = strdup(a->en[e].role);
    return w;
  }
  e = pc_att_last_person_g(a, n0, g);
  /* "Figgins, who represents Thomas, said ... He said": one only named
   * in the sentence of the last speaker does not take over from them */
  if (e >= 0 && (g == 'm' || g == 'f') && a->nq) {
    const struct found_quote *q = &a->q[a->nq - 1];
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

/* Whether person e has a role that holds the word rw ("President Donald
 * Trump" for "president"), or a word rw clips ("executive" for a
 * headline's "exec"). */
static bool role_holds(const struct analysis *a, int e, const char *rw,
                       bool clipped) {
  if (e < 0 || a->en[e].type != PC_ENTITY_PERSON || !a->en[e].role)
    return false;
  char low[128];
  size_t j = 0;
  for (const char *c = a->en[e].role; *c && j + 1 < sizeof low; c++)
    low[j++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
  low[j] = '\0';
  const char *hit = strstr(low, rw);
  size_t rl = strlen(rw);
  return hit && (hit == low || hit[-1] == ' ') &&
         (hit[rl] == '\0' || hit[rl] == ' ' || clipped);
}

/* Whether person e's role says they no longer hold it (data:
 * function-words past: "former", "ex-"). */
static bool role_past(const struct analysis *a, int e) {
  char w[64];
  size_t l = 0;
  for (const char *c = a->en[e].role;; c++) {
    if (*c && *c != ' ' && *c != '-') {
      if (l + 1 < sizeof w)
        w[l++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
      continue;
    }
    w[l] = '\0';
    if (l && in_list_of(a, &a->lex->fw[PC_FW_PAST], w))
      return true;
    l = 0;
    if (!*c)
      return false;
  }
}

/* "the president says": the person last named with that role
 * ("President Donald Trump").  A headline drops the article ("exec says
 * ...") and sums up the whole body: the first person the body names
 * with that role. */
static bool np_titled_person(struct analysis *a, size_t n0, size_t n1,
                             bool groups, struct speaker_ref *w) {
  bool title = title_block(a, a->t[n0].block);
  /* "a Democratic senator said" introduces someone, named by no one
   * before: only a definite phrase refers back */
  bool det = n1 - n0 >= 2 && n1 - n0 <= 3 && determiner(a, a->t[n0].low) &&
             !fw_is(a, a->t[n0].low, PC_FW_POSS) &&
             !article_a(&a->t[n0]);
  if (!groups || !(det || (title && n1 - n0 == 1)) ||
      a->t[n1 - 1].type != T_WORD || !is_role_word(a, n1 - 1))
    return false;
  const char *rw = a->t[n1 - 1].low;
  if (fw_is(a, rw, PC_FW_AGENT))
    return false; /* "the police", "the military": a body, not the person
                   * last named with "Police" in a title */
  /* "the governor" is who holds the office now, not one whose role says
   * they held it ("the former New Jersey governor"), unless the phrase
   * says so too ("the former governor") */
  bool past = false;
  for (size_t k = n0; k < n1; k++)
    past = past || in_list_of(a, &a->lex->fw[PC_FW_PAST], a->t[k].low);
  int e = -1;
  if (title) {
    for (size_t k = 0; k < n0 && e < 0; k++)
      if (role_holds(a, a->t[k].ent, rw, true) &&
          (past || !role_past(a, a->t[k].ent)))
        e = a->t[k].ent;
  } else {
    for (size_t k = n0; k-- > 0 && k + 600 > n0 && e < 0;)
      if (role_holds(a, a->t[k].ent, rw, false) &&
          (past || !role_past(a, a->t[k].ent)))
        e = a->t[k].ent;
  }
  if (e < 0)
    return false;
  w->ent = e;
  w->name = strdup(a->en[e].name);
  w->role = strdup(a->en[e].role);
  return true;
}

/* Whether the word at i, the end of a country's name as written in the
 * phrase that starts at n0, is a plural counted by the word before it
 * and not the end of the country's name: "Some Americans", "Many
 * Germans" are people, not "United States", "Germany" ("the Russians"
 * stays the country). */
static bool demonym_plural(const struct analysis *a, size_t n0, size_t i) {
  int e = a->t[i].ent;
  const char *w = a->t[i].low, *name = e >= 0 ? a->en[e].name : NULL;
  size_t l = strlen(w);
  if (!name || a->en[e].type != PC_ENTITY_COUNTRY || l < 4 ||
      w[l - 1] != 's' || i == n0 || a->t[i - 1].ent == e ||
      a->t[i - 1].type != T_WORD || low_eq(&a->t[i - 1], "the"))
    return false;
  const char *last = strrchr(name, ' ');
  last = last ? last + 1 : name;
  return strcasecmp(last, w) != 0;
}

/* A role word makes the phrase a role; else an entity named in it. */
static bool np_role_or_entity(struct analysis *a, size_t n0, size_t n1,
                              struct speaker_ref *w) {
  for (size_t i = n0; i < n1; i++)
    if (a->t[i].type == T_WORD && in_list_of(a, &a->lex->roles, a->t[i].low)) {
      w->name = pc_att_np_text(a, n0, n1);
      w->role = w->name ? strdup(w->name) : NULL;
      return true;
    }
  for (size_t i = n0; i < n1; i++)
    if (a->t[i].ent >= 0) {
      if (a->en[a->t[i].ent].type == PC_ENTITY_PERSON) {
        /* only a name after a preposition ("CEO of Ceres Robotics"): the
         * phrase is a role, and the person may stand before it */
        w->name = pc_att_np_text(a, n0, n1);
        w->role = w->name ? strdup(w->name) : NULL;
        return true;
      }
      /* "the US military", "Afghan Taliban": the name only modifies the
       * phrase's head, which is the speaker; so does a name after a
       * preposition ("Butterfield of North Carolina") */
      /* ... also after a determiner: "The report by the Teachers Union" */
      size_t pi = i > n0 + 1 && a->t[i - 1].type == T_WORD &&
                          determiner(a, a->t[i - 1].low)
                      ? i - 1
                      : i;
      if (a->t[n1 - 1].ent != a->t[i].ent ||
          (pi > n0 && preposition(a, a->t[pi - 1].low)) ||
          demonym_plural(a, n0, n1 - 1)) {
        w->name = pc_att_np_text(a, n0, n1);
        w->role = w->name ? strdup(w->name) : NULL;
        return true;
      }
      w->ent = a->t[i].ent;
      w->name = strdup(a->en[w->ent].name);
      return true;
    }
  return false;
}

/* The last word of entity e's name in lower case, into low (n bytes). */
static void last_word_low(const struct analysis *a, int e, char *low,
                          size_t n) {
  (void)pc_att_last_word_low(a->en[e].name, low, n);
}

/* A plural of members ("Democrats", "Senate Republicans") names people,
 * never one body: "the institute" is not "Democrats" named last. */
static bool members_group(const struct analysis *a, int e) {
  char low[32];
  last_word_low(a, e, low, sizeof low);
  return a->en[e].type == PC_ENTITY_GROUP &&
         in_list_of(a, &a->lex->members, low);
}

static bool name_holds(const struct analysis *a, int e, const char *head) {
  char low[128];
  size_t l = 0;
  for (const char *c = a->en[e].name; *c && l + 1 < sizeof low; c++)
    low[l++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
  low[l] = '\0';
  size_t hl = strlen(head);
  for (const char *c = low; (c = strstr(c, head)) != NULL; c += hl)
    if ((c == low || c[-1] == ' ') && (c[hl] == '\0' || c[hl] == ' '))
      return true;
  return false;
}

/* Whether organisation e can be "the <head>": its name holds the head
 * ("the board": "Illinois Board") or does not end in the head noun of
 * another kind ("the newspaper" is not "Senate"); a noun any
 * organisation may be called ("the company", "the group") is no public
 * body's nor a medium's ("Labor Department", "Daily News"). */
static bool org_fits(const struct analysis *a, int e, const char *head) {
  if (members_group(a, e))
    return false;
  if (name_holds(a, e, head))
    return true;
  char low[32];
  last_word_low(a, e, low, sizeof low);
  /* "the newspaper" is a medium's name ("Orlando Sentinel"), not a
   * town's or a party's named last ("Baton Rouge", "DNC") */
  if (in_list_of(a, &a->lex->fw[PC_FW_MEDIUM], head) &&
      !in_list_of(a, &a->lex->fw[PC_FW_MEDIUM], low))
    return false;
  if (fw_is(a, head, PC_FW_FIRM))
    return !fw_is(a, low, PC_FW_BODY);
  return !org_head(a, low);
}

static bool acronym(const struct analysis *a, size_t i);

/* Whether the word at k may name a firm that made no entity: one
 * capitalised word alone ("Google's", "WeWork"), outside quotation
 * marks, no function word, given name, title, role or day, nor a word
 * in capitals (a label such as "ABSTRACT": an acronym has its entity),
 * and no determiner before it ("the Stadia" is a thing). */
static bool bare_firm_word(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  if (t->type != T_WORD || !(t->flags & F_CAP) || t->ent >= 0 ||
      t->in_span >= 0 || strlen(t->low) < 3 || function_cap(a, t->low) ||
      stop_word(a, t->low) || fw_is(a, t->low, PC_FW_WHEN) ||
      list_tag_of(a, &a->lex->given, t->low) || is_role_word(a, k) ||
      in_list_of(a, &a->lex->honorifics, t->low) ||
      in_list_of(a, &a->lex->pronouns, t->low) || acronym(a, k))
    return false;
  /* a word that opens its sentence ("Local officials said") is a name
   * only if the article also writes it with a capital inside one */
  bool inside = !(t->flags & F_SENT);
  for (size_t i = 0; i < a->nt && !inside; i++)
    inside = (a->t[i].flags & (F_CAP | F_SENT)) == F_CAP &&
             strcmp(a->t[i].low, t->low) == 0;
  if (!inside)
    return false;
  /* not a word of a longer name, nor one that qualifies a noun after it
   * ("WeWork executives"): a verb, a function word or a stop follows */
  const struct token *n = k + 1 < a->nt ? &a->t[k + 1] : NULL;
  if (n && n->block == t->block && n->type == T_WORD &&
      !pc_att_ending(a, t->low, PC_FW_GEN, 1) &&
      ((n->flags & F_CAP) ||
       !(n->cue || stop_word(a, n->low) || preposition(a, n->low) ||
         function_cap(a, n->low) || aux_word(a, n->low) ||
         fw_is(a, n->low, PC_FW_VPAST) || pc_att_ending(a, n->low, PC_FW_PTCP, 3) ||
         (strlen(n->low) > 4 && strcmp(n->low + strlen(n->low) - 2, "ed") == 0))))
    return false;
  return k == 0 || a->t[k - 1].block != t->block ||
         !(a->t[k - 1].type == T_WORD &&
           ((a->t[k - 1].flags & F_CAP) || determiner(a, a->t[k - 1].low)));
}

/* "WeWork filed ... The company said", "Google's attempt ..., and the
 * company has promised": a firm's noun stands for the nearest bare
 * capitalised word (bare_firm_word) of its sentence or the one before,
 * now an organisation, when no organisation is named nearer.  Its
 * entity, -1 when there is none. */
static int firm_word_before(struct analysis *a, size_t n0) {
  if (a->nsent < 1 || a->sent0[(a->nsent - 1) % SENTS] > n0)
    return -1;
  size_t s0 = a->sent0[(a->nsent - (a->nsent >= 2 ? 2 : 1)) % SENTS];
  for (size_t k = n0; k-- > s0;) {
    int ke = a->t[k].ent;
    if (ke >= 0 && a->t[k].in_span < 0 &&
        (a->en[ke].type == PC_ENTITY_ORG || a->en[ke].type == PC_ENTITY_GROUP))
      return -1; /* an organisation named nearer */
    if (bare_firm_word(a, k))
      return pc_att_org_word(a, k);
  }
  return -1;
}

/* "Amazon is letting you stream music, and Spotify investors are
 * nervous.  The company published a post": a description that opens its
 * sentence stands for the organisation that opens the sentence before
 * (its subject), when that can be one of the kind.  Its entity, -1 when
 * there is none. */
static int org_subject_before(struct analysis *a, size_t n0,
                              const char *head) {
  if (a->nsent < 2 || a->sent0[(a->nsent - 1) % SENTS] != n0)
    return -1;
  size_t s0 = a->sent0[(a->nsent - 2) % SENTS];
  if (s0 >= n0)
    return -1;
  int e = a->t[s0].ent;
  if (e >= 0)
    return a->t[s0].in_span < 0 &&
                   (a->en[e].type == PC_ENTITY_ORG ||
                    a->en[e].type == PC_ENTITY_GROUP) &&
                   org_fits(a, e, head)
               ? e
               : -1;
  return fw_is(a, head, PC_FW_FIRM) && bare_firm_word(a, s0)
             ? pc_att_org_word(a, s0)
             : -1;
}

/* Whether organisation e fits the capitalised words between the
 * determiner and the head of [n0, n1): "the Jordanian government" names
 * its own government, not ISIS named last; "the Acme company" may be
 * Acme Corp (its name holds the word). */
static bool modifier_fits(const struct analysis *a, int e, size_t n0,
                          size_t n1) {
  for (size_t k = n0 + 1; k + 1 < n1; k++) {
    const struct token *t = &a->t[k];
    if (t->type != T_WORD || !(t->flags & F_CAP) || t->ent == e)
      continue;
    size_t l = t->e - t->s;
    char w[32];
    if (l >= sizeof w || strlen(t->low) != l)
      continue;
    memcpy(w, t->low, l + 1);
    w[0] = (char)(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0]);
    if (!strstr(a->en[e].name, w))
      return false;
  }
  return true;
}

/* "the company", "the ministry" (a determiner, an organisation's head
 * noun): the organisation named last, else the phrase itself */
static struct speaker_ref np_definite_org(struct analysis *a, size_t n0,
                                          size_t n1) {
  struct speaker_ref w = {NULL, -1, NULL};
  /* the same description as before stands for the same one: "The
   * group announced ... a deal with JLL. The group said" */
  const char *head = a->t[n1 - 1].low;
  /* "his office" is someone's; "a newspaper" is a new one, named by
   * no name before it */
  bool poss = fw_is(a, a->t[n0].low, PC_FW_POSS) ||
              article_a(&a->t[n0]);
  int e = !poss ? org_subject_before(a, n0, head) : -1;
  if (e < 0 && !poss && fw_is(a, head, PC_FW_FIRM))
    e = firm_word_before(a, n0);
  for (size_t d = a->ndr; !poss && d-- > 0 && e < 0;)
    if (a->dr[d].at < n0 && n0 - a->dr[d].at < 600 &&
        strcmp(a->dr[d].head, head) == 0)
      e = a->dr[d].ent;
  /* "Jo Ames, a member of the Living Church of God, ..., the church
   * posted": an organisation named before in the sentence whose name
   * holds the head, before one that spoke */
  size_t s0 = a->nsent > 0 ? a->sent0[(a->nsent - 1) % SENTS] : n0;
  for (size_t k = n0; e < 0 && !poss && s0 <= n0 && k-- > s0;) {
    int ke = a->t[k].ent;
    if (ke >= 0 && (a->en[ke].type == PC_ENTITY_ORG ||
                    a->en[ke].type == PC_ENTITY_GROUP) &&
        name_holds(a, ke, head))
      e = ke;
  }
  /* "Big Machine says ... the American Music Awards ... But the company
   * says": the organisation that last spoke, before one only named */
  for (size_t q = a->nq; e < 0 && !poss && q-- > 0;) {
    int qe = a->q[q].ent;
    if (a->q[q].t1 > n0 || a->q[q].t1 + 600 < n0)
      break;
    if (qe >= 0 && (a->en[qe].type == PC_ENTITY_ORG ||
                    a->en[qe].type == PC_ENTITY_GROUP) &&
        org_fits(a, qe, head)) /* "the agency" is not "Acme Corp" */
      e = qe;
  }
  /* not "his office": that is someone's, not the last one named; and
   * the last one named only when it can be one of the kind */
  for (size_t k = n0; e < 0 && !poss && k-- > 0 && k + 600 > n0;) {
    int ke = a->t[k].ent;
    if (ke >= 0 && (a->en[ke].type == PC_ENTITY_ORG ||
                    a->en[ke].type == PC_ENTITY_GROUP) &&
        !members_group(a, ke)) {
      if (!org_fits(a, ke, head))
        break;
      e = ke;
    }
  }
  if (e >= 0 && !modifier_fits(a, e, n0, n1))
    e = -1;
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
    w.role = pc_att_np_text(a, n0, n1);
    return w;
  }
  w.name = pc_att_np_text(a, n0, n1);
  return w;
}

/* Whether the word at i is a participle in -ing in lower case:
 * "waiting", and the short ones whose stem holds a vowel ("going",
 * "doing", "using", "lying"; not "thing", "sting").  (spans.c's
 * ing_form takes six letters or more only.) */
static bool ing_participle(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  if (lower_suffix(k, "ing", 5))
    return true;
  return lower_suffix(k, "ing", 4) && strlen(k->low) == 5 &&
         (strchr("aeiouy", k->low[0]) || strchr("aeiouy", k->low[1]));
}

/* Neither a known name nor a role: capitalised words, or a group named
 * by a plural noun. */
static struct speaker_ref np_unknown(struct analysis *a, size_t n0, size_t n1,
                                     bool groups) {
  struct speaker_ref w = {NULL, -1, NULL};
  /* a name not known as anything: "Nomura said" */
  bool caps = n1 - n0 <= 4;
  for (size_t i = n0; i < n1 && caps; i++)
    caps = a->t[i].type == T_WORD && (a->t[i].flags & F_CAP) &&
           !function_cap(a, a->t[i].low) && !stop_word(a, a->t[i].low);
  /* "Shortly after the hearing, ...": an adverb that opens the
   * sentence is no name */
  size_t l0 = strlen(a->t[n0].low);
  if (caps && n1 == n0 + 1 && (a->t[n0].flags & F_SENT) && l0 > 4 &&
      strcmp(a->t[n0].low + l0 - 2, "ly") == 0)
    caps = false;
  if (caps) {
    w.name = pc_att_np_text(a, n0, n1);
    return w;
  }
  /* a group named by a plural noun: "Backers of tariffs", "Both sides";
   * the head stands before the first preposition */
  /* (or before a participle in -ing after a plural: "Voters walking
   * home") */
  size_t h = n1 - 1;
  for (size_t i = n0 + 1; i < n1 && h == n1 - 1; i++)
    if (a->t[i].type == T_WORD &&
        (preposition(a, a->t[i].low) ||
         (ing_participle(a, i) && pc_att_plural(a, a->t[i - 1].low))))
      h = i - 1;
  while (h > n0 && a->t[h].type == T_WORD &&
         ((strlen(a->t[h].low) > 4 &&
           strcmp(a->t[h].low + strlen(a->t[h].low) - 2, "ed") == 0) ||
          ing_participle(a, h)))
    h--; /* "people briefed on the talks", "farmers waiting for rain" */
  /* "one Democrat familiar with the talks": the noun before the
   * adjective heads, and the count is of the phrase up to it */
  bool padj = h > n0 && h + 1 < n1 && fw_is(a, a->t[h].low, PC_FW_PADJ);
  if (padj)
    h--;
  /* "one person with knowledge of the talks": the count is of the
   * words up to the head a preposition's phrase follows (not "of": "four
   * out of 10 voters" is counted whole) */
  bool held = h + 1 < n1 && a->t[h + 1].type == T_WORD &&
              preposition(a, a->t[h + 1].low) && !low_eq(&a->t[h + 1], "of");
  const char *head = a->t[h].low;
  size_t hl = strlen(head);
  /* a share of people: "Nearly half", "46 percent of voters", "Six in
   * 10", "Those surveyed", "One company" */
  const char *last = a->t[n1 - 1].low;
  if (groups && n1 - n0 <= 10 && !stop_word(a, last) &&
      !determiner(a, last) &&
      (is_punct(&a->t[h], "%") || fw_is(a, head, PC_FW_QUANT) ||
       (n1 - n0 > 1 && fw_is(a, head, PC_FW_NUM)) ||
       (n1 - n0 > 1 && (padj || held ? h + 1 - n0 : n1 - n0) <= 3 &&
        (fw_is(a, a->t[n0].low, PC_FW_QUANT) ||
         fw_is(a, a->t[n0].low, PC_FW_NUM))))) {
    w.name = pc_att_np_text(a, n0, n1);
    return w;
  }
  if (groups && n1 - n0 <= 10 && a->t[h].type == T_WORD && hl > 3 &&
      !stop_word(a, a->t[n1 - 1].low) && !determiner(a, a->t[n1 - 1].low) &&
      pc_att_plural(a, head) &&
      !stop_word(a, a->t[n0].low) && !function_cap(a, head)) {
    w.name = pc_att_np_text(a, n0, n1);
    return w;
  }
  return w;
}

/* Whether token i is a word that an abbreviation's dot follows: a title
 * ("Sen", "Mr", "Gov") or an initial ("Janet L. Yellen", "J.M."). */
static bool abbrev_word(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  return k->type == T_WORD &&
         (in_list_of(a, &a->lex->honorifics, k->low) ||
          (k->low[0] && !k->low[1] && (k->flags & F_CAP)) ||
          ((k->flags & F_CAP) && initials(k->low))); /* "J.M. Berger" */
}

/* Whether the dot at i belongs to an abbreviation inside a name: a title
 * or initial before it, a capitalised word right after it. */
static bool name_dot(const struct analysis *a, size_t i) {
  return i > 0 && i + 1 < a->nt && is_punct(&a->t[i], ".") &&
         a->t[i - 1].block == a->t[i].block &&
         a->t[i + 1].block == a->t[i].block && abbrev_word(a, i - 1) &&
         a->t[i + 1].type == T_WORD && (a->t[i + 1].flags & F_CAP) &&
         !(initials(a->t[i - 1].low) && /* "Washington, D.C. He said" */
           (function_cap(a, a->t[i + 1].low) ||
            in_list_of(a, &a->lex->pronouns, a->t[i + 1].low)));
}

/* A phrase cut at an abbreviation's dot ("said Sen." of "said Sen. Jo
 * Ames"): the end after the name that follows; n1 otherwise. */
static size_t name_after_dot(const struct analysis *a, size_t n1) {
  size_t e = n1;
  for (int k = 0; k < 4 && e < a->nt && name_dot(a, e); k++) {
    e++;
    while (e < a->nt && e < n1 + 12 && a->t[e].type == T_WORD &&
           (a->t[e].flags & F_CAP) && a->t[e].block == a->t[n1].block)
      e++;
  }
  return e;
}

/* Whether the dot at i ends a name's suffix ("Tom Bell Jr. said"): a
 * capitalised abbreviation right after a capitalised word, which a title
 * before a name never follows. */
static bool suffix_dot(const struct analysis *a, size_t lo, size_t i) {
  return i >= lo + 2 && is_punct(&a->t[i], ".") &&
         a->t[i - 1].type == T_WORD && (a->t[i - 1].flags & F_CAP) &&
         a->t[i - 2].type == T_WORD && (a->t[i - 2].flags & F_CAP) &&
         !initials(a->t[i - 1].low);
}

/* Where the verb of a clause stands inside the phrase [n0, n1), cutting it
 * to its subject: "Band member Flea shared the news, writing",
 * "Supporters have launched petitions calling on" (an auxiliary, or a
 * lower-case past form right after a capitalised word, an irregular one
 * too: "Lori Bell held up a sign saying"), "A spokeswoman
 * declined to comment" (a past form before "to" and a verb), "Smith said
 * the plan" (an irregular past); n1 if none. */
static size_t verb_cut(const struct analysis *a, size_t n0, size_t n1) {
  for (size_t k = n0 + 1; k < n1; k++) {
    const struct token *p = &a->t[k - 1], *v = &a->t[k];
    if (v->type != T_WORD || (v->flags & F_CAP) || p->type != T_WORD)
      continue;
    size_t l = strlen(v->low);
    /* ("China's state-owned firm", "A teary-eyed Bush": a compound
     * with a hyphen is an adjective, no verb) */
    bool ed = l > 4 && strcmp(v->low + l - 2, "ed") == 0 &&
              !strchr(v->low, '-');
    /* "declined to comment", "appeared to assert": a verb that governs
     * another; not "opposed to the plan", nor "struggled to contend" */
    bool ed_to = ed && k + 2 < a->nt && strcmp(a->t[k + 1].low, "to") == 0 &&
                 a->t[k + 2].type == T_WORD &&
                 !(a->t[k + 2].flags & F_CAP) &&
                 fw_is(a, v->low, PC_FW_CTL);
    /* "Democratic registered voters": a past form between a capitalised
     * word and the plural that ends the phrase modifies the plural; not
     * after a person or a pronoun ("Trump angered Hispanics") */
    bool adj = ed && k + 2 == n1 && a->t[k + 1].type == T_WORD &&
               (p->ent < 0 || a->en[p->ent].type != PC_ENTITY_PERSON) &&
               !in_list_of(a, &a->lex->pronouns, p->low) &&
               pc_att_plural(a, a->t[k + 1].low);
    /* "People briefed on the talks": after a word capitalised only
     * because it opens the sentence, a past form with a preposition is a
     * participle, no verb ("Obama briefed reporters" is one) */
    bool named = (p->flags & F_CAP) &&
                 (!(p->flags & F_SENT) || p->ent >= 0 || k + 1 >= n1 ||
                  a->t[k + 1].type != T_WORD ||
                  !preposition(a, a->t[k + 1].low));
    /* "the manager believed the waitress": a past form before an
     * article is a verb with its object */
    bool ed_obj = ed && k + 1 < n1 && a->t[k + 1].type == T_WORD &&
                  determiner(a, a->t[k + 1].low) &&
                  !fw_is(a, a->t[k + 1].low, PC_FW_POSS);
    /* "Jo Roe held up a sign saying": an irregular past form after a
     * name is the verb too */
    bool named_ipast = named && fw_is(a, v->low, PC_FW_IPAST) &&
                       (p->ent >= 0 || (!determiner(a, p->low) && !adj));
    if (fw_is(a, v->low, PC_FW_FIN) || (named && ed && !adj) || named_ipast ||
        ed_to || ed_obj ||
        (fw_is(a, v->low, PC_FW_VPAST) && !determiner(a, p->low) &&
         !preposition(a, p->low)))
      return k;
  }
  return n1;
}

/* Whether the word at i is a past participle in lower case ("taken",
 * "involved", "held"). */
static bool past_participle(const struct analysis *a, size_t i) {
  const struct token *v = &a->t[i];
  return lower_suffix(v, "ed", 4) || lower_suffix(v, "en", 4) ||
         (v->type == T_WORD && !(v->flags & F_CAP) &&
          fw_is(a, v->low, PC_FW_IPAST));
}

/* A phrase without the time adjunct that ends it: "a report on
 * Wednesday", "a poll last week", "polls at the time". */
static size_t time_cut(const struct analysis *a, size_t n0, size_t n1) {
  if (n1 < n0 + 3 || a->t[n1 - 1].type != T_WORD)
    return n1;
  const char *w = a->t[n1 - 1].low;
  bool unit = (fw_is(a, w, PC_FW_WHEN) && (a->t[n1 - 1].flags & F_CAP)) ||
              fw_is(a, w, PC_FW_TUNIT);
  if (!unit)
    return n1;
  size_t k = n1 - 1;
  if (k > n0 + 1 && strcmp(a->t[k - 1].low, "the") == 0)
    k--; /* "at the time" */
  const char *p = a->t[k - 1].low;
  if (strcmp(p, "on") != 0 && strcmp(p, "last") != 0 &&
      strcmp(p, "this") != 0 && strcmp(p, "at") != 0)
    return n1;
  k--;
  if (k > n0 + 1 && strcmp(a->t[k - 1].low, "late") == 0)
    k--; /* "late last week" */
  /* "a poll taken last week", "officials involved at the time": the
   * time of a participle that modifies the head stays with it */
  if (k > n0 + 1 && past_participle(a, k - 1))
    return n1;
  return k > n0 ? k : n1;
}

/* Whether the word at i is a capitalised name with a possessive "'s",
 * or a plural's apostrophe ("Sanders'"). */
static bool possessive_name(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  size_t l = strlen(k->low);
  return k->type == T_WORD && (k->flags & F_CAP) && l > 3 &&
         (strcmp(k->low + l - 2, "'s") == 0 ||
          strcmp(k->low + l - 2, "s'") == 0); /* "Sanders' campaign" */
}

static struct speaker_ref resolve_np_ex(struct analysis *a, size_t n0,
                                        size_t n1, bool groups) {
  struct speaker_ref w = {NULL, -1, NULL};
  /* "Yet some voters who ...": a focus adverb opens a clause, not the
   * phrase */
  while (n0 + 1 < n1 && a->t[n0].type == T_WORD && !acronym(a, n0) &&
         fw_is(a, a->t[n0].low, PC_FW_FOCUS))
    n0++;
  if (n1 <= n0)
    return w;
  /* "..., echoing some commentators who": a participle before a
   * determiner, a possessive or a count ("some", "many", "two"; not
   * "growing majority") opens a clause; the phrase is its object */
  const struct token *x = &a->t[n0 + 1 < n1 ? n0 + 1 : n0];
  if (n1 > n0 + 2 && lower_suffix(&a->t[n0], "ing", 5) &&
      x->type == T_WORD &&
      (determiner(a, x->low) || fw_is(a, x->low, PC_FW_POSS) ||
       (fw_is(a, x->low, PC_FW_QUANT) && fw_is(a, x->low, PC_FW_CAP)) ||
       fw_is(a, x->low, PC_FW_NUM) ||
       (x->low[0] >= '0' && x->low[0] <= '9')))
    n0++;
  n1 = verb_cut(a, n0, name_after_dot(a, n1));
  n1 = time_cut(a, n0, n1);
  if (np_person(a, n0, n1, &w))
    return w;
  if (n1 - n0 == 1 && pronoun_tag(a, n0))
    return np_pronoun(a, n0);
  if (np_titled_person(a, n0, n1, groups, &w))
    return w;
  if (np_role_or_entity(a, n0, n1, &w))
    return w;
  if (n1 - n0 <= 3 && determiner(a, a->t[n0].low) &&
      a->t[n1 - 1].type == T_WORD && org_head(a, a->t[n1 - 1].low))
    return np_definite_org(a, n0, n1);
  /* "Spain's foreign ministry", "Thomas's campaign": a name's possessive
   * before the head of an organisation, or of the people on someone's
   * side, names it, as written (the name known as no one) */
  if (n1 - n0 >= 2 && n1 - n0 <= 4 && possessive_name(a, n0) &&
      a->t[n1 - 1].type == T_WORD &&
      (org_head(a, a->t[n1 - 1].low) ||
       fw_is(a, a->t[n1 - 1].low, PC_FW_PEOPLE))) {
    w.name = pc_att_np_text(a, n0, n1);
    return w;
  }
  return np_unknown(a, n0, n1, groups);
}

/* Start of the noun phrase ending at `end` (exclusive), not before lo. */

/* A word written in capitals ("WHO", "IT"): a name, not the function word
 * it spells. */
static bool acronym(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
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
static bool subject_rel(const struct analysis *a, size_t i) {
  const char *w = a->t[i].low;
  /* "Bloomberg, who's thinking about running, said"; "leaders who'd
   * rather work", "voters who've left": "who" with an auxiliary's
   * contraction */
  return a->t[i].type == T_WORD && w[0] == 'w' && /* (each word below) */
         ((fw_is(a, w, PC_FW_REL) &&
           (strcmp(w, "who") == 0 || strcmp(w, "which") == 0)) ||
          strcmp(w, "who's") == 0 || strcmp(w, "who'd") == 0 ||
          strcmp(w, "who've") == 0 || strcmp(w, "who'll") == 0) &&
         !acronym(a, i);
}

/* A relative pronoun inside an apposition: "who", "which" or "whose"
 * ("the farm owners whose protest ...", "a pollster who advises ..."). */
static bool apposition_rel(const struct analysis *a, size_t i) {
  return subject_rel(a, i) || low_eq(&a->t[i], "whose");
}

size_t pc_att_np_start(const struct analysis *a, size_t lo, size_t end) {
  size_t b = end;
  while (b > lo) {
    const struct token *k = &a->t[b - 1];
    /* the word's categories, looked up once */
    uint64_t fw = k->type == T_WORD ? fw_of(a, k->low) : 0;
    bool stop = (fw >> PC_FW_STOP) & 1u;
    /* "China's ambassador to Britain": a role word's preposition stays,
     * and a written work's ("The report by the Teachers Union") */
    if (stop && ((fw >> PC_FW_PREP) & 1u) &&
        b - 1 > lo && b < end && a->t[b - 2].type == T_WORD &&
        (is_role_word(a, b - 2) || fw_is(a, a->t[b - 2].low, PC_FW_DOC))) {
      b--;
      continue;
    }
    /* "Mrs. Clinton's campaign", "Janet L. Yellen": a title's or an
     * initial's dot stays in the name */
    if (b - 1 > lo && (name_dot(a, b - 1) ||
                       (b == end && is_punct(k, ".") &&
                        in_list_of(a, &a->lex->honorifics, a->t[b - 2].low) &&
                        (org_head(a, a->t[b - 2].low) || /* "Acme Corp." */
                         suffix_dot(a, lo, b - 1))))) {  /* "Bell Jr." */
      b--;
      continue;
    }
    /* "U.S. officials", "U.N. envoy": the dot of capitalised initials
     * inside the phrase stays with them (not one before a capital, which
     * may end a sentence: "moved to the U.S. The agency said") */
    if (is_punct(k, ".") && b - 1 > lo && b < end &&
        a->t[b].type == T_WORD && !(a->t[b].flags & F_CAP) &&
        a->t[b - 2].type == T_WORD && (a->t[b - 2].flags & F_CAP) &&
        initials(a->t[b - 2].low)) {
      b--;
      continue;
    }
    /* "Procter & Gamble", "AT&T": an ampersand between capitalised
     * words stays in the name */
    if (is_punct(k, "&") && b - 1 > lo && b < end &&
        a->t[b - 2].type == T_WORD && (a->t[b - 2].flags & F_CAP) &&
        (a->t[b].flags & F_CAP)) {
      b--;
      continue;
    }
    /* "53% say": a percentage counts people */
    if (is_punct(k, "%") && b - 1 > lo && a->t[b - 2].type == T_WORD &&
        a->t[b - 2].low[0] >= '0' && a->t[b - 2].low[0] <= '9') {
      b--;
      continue;
    }
    /* "a winning streak, something Vale aides argue is possible": an
     * indefinite pronoun before the phrase is the object of its contact
     * clause, no part of the speaker (data: indef) */
    if (k->type == T_WORD && b < end &&
        in_list_of(a, &a->lex->fw[PC_FW_INDEF], k->low))
      break;
    /* "though officials said": a subordinator opens no name, nor does
     * a focus adverb ("why critics say") */
    if (k->type != T_WORD ||
        ((stop || ((fw >> PC_FW_SUB) & 1u) ||
          (((fw >> PC_FW_FOCUS) & 1u) && b - 1 > lo && /* "Yet she" */
           !fw_is(a, a->t[b - 2].low, PC_FW_CONJ))) && /* "and even" */
         !acronym(a, b - 1)))
      break;
    b--;
  }
  return b;
}

static bool boundary_tok(const struct token *k) {
  return k->type == T_QOPEN || k->type == T_QCLOSE ||
         (k->type == T_PUNCT && strchr(".;:?!()", k->low[0]) != NULL);
}

/* boundary_tok, but not the dot of an abbreviation ("U.S.", "Nov.") */
static bool hard_boundary(const struct analysis *a, size_t i) {
  if (is_punct(&a->t[i], ".") && i > 0 && a->t[i - 1].type == T_WORD &&
      in_list_of(a, &a->lex->honorifics, a->t[i - 1].low))
    return false;
  /* "a driver from Ava, Mo., who ...", "(R-Mo.)": a dot before a comma
   * or a closing parenthesis ends an abbreviation, not a sentence */
  if (is_punct(&a->t[i], ".") && i + 1 < a->nt &&
      (is_punct(&a->t[i + 1], ",") || is_punct(&a->t[i + 1], ")")))
    return false;
  return boundary_tok(&a->t[i]);
}

/* hard_boundary, but not a parenthesis: "Sen. Roy Blunt (R-Mo.), facing
 * ..., noted" holds its party tag inside the apposition */
static bool appos_boundary(const struct analysis *a, size_t i) {
  return hard_boundary(a, i) && !is_punct(&a->t[i], "(") &&
         !is_punct(&a->t[i], ")");
}


/* Whether word i is a unit of time in lower case, singular or plural
 * ("week", "months", "days"). */
bool pc_att_time_unit(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  if (k->type != T_WORD || (k->flags & F_CAP))
    return false;
  char w[sizeof k->low];
  size_t n = strlen(k->low);
  memcpy(w, k->low, n + 1);
  if (n > 3 && w[n - 1] == 's')
    w[n - 1] = '\0';
  return fw_is(a, w, PC_FW_TUNIT) || strcmp(w, "day") == 0;
}

/* Start of a time phrase that ends before token at ("two weeks ago",
 * "less than a month ago", "this week", "late last month"), or at when
 * none. */
static size_t time_before(const struct analysis *a, size_t lo, size_t at) {
  if (at >= lo + 2 && pc_att_time_unit(a, at - 1) &&
      (low_eq(&a->t[at - 2], "this") || low_eq(&a->t[at - 2], "last"))) {
    bool edge = at >= lo + 3 && (low_eq(&a->t[at - 3], "late") ||
                                 low_eq(&a->t[at - 3], "early"));
    return edge ? at - 3 : at - 2; /* "late last month" */
  }
  if (at < lo + 3 || !low_eq(&a->t[at - 1], "ago") ||
      !pc_att_time_unit(a, at - 2))
    return at;
  const struct token *c = &a->t[at - 3];
  if (!(c->type == T_WORD && ((c->low[0] >= '0' && c->low[0] <= '9') ||
                              fw_is(a, c->low, PC_FW_NUM) ||
                              article_a(c) ||
                              low_eq(c, "few") || low_eq(c, "several"))))
    return at;
  size_t b = at - 3;
  if (b > lo && low_eq(&a->t[b - 1], "few"))
    b--; /* "a few weeks ago" */
  if (b >= lo + 2 && low_eq(&a->t[b - 1], "than") &&
      (low_eq(&a->t[b - 2], "less") || low_eq(&a->t[b - 2], "more")))
    b -= 2;
  else if (b > lo && fw_is(a, a->t[b - 1].low, PC_FW_APPROX))
    b--;
  return b;
}

/* Whether a floating quantifier ("both", "all") may follow the token at
 * k: a name (not a capitalised "And" opening the sentence), an
 * auxiliary, a plural, or a party tag's closing parenthesis. */
static bool float_after(const struct analysis *a, size_t k) {
  const struct token *p = &a->t[k];
  if (p->type != T_WORD)
    return is_punct(p, ")");
  return ((p->flags & F_CAP) && !stop_word(a, p->low) &&
          !fw_is(a, p->low, PC_FW_CONJ)) ||
         fw_is(a, p->low, PC_FW_FIN) ||
         pc_att_plural(a, p->low);
}

/* Start of the auxiliaries and adverbs, with the commas that set an adverb
 * off, that stand before token at: "The Afghan Taliban, however, claimed",
 * "He has consistently denied", "The agency two weeks ago said". */
size_t pc_att_skip_adverbs(const struct analysis *a, size_t lo, size_t at) {
  size_t start = at;
  bool closed = false; /* a comma after the adverbs was passed */
  while (at > lo) {
    const struct token *k = &a->t[at - 1];
    size_t tb = time_before(a, lo, at);
    if (tb < at && tb > lo) {
      at = tb;
      continue;
    }
    size_t l = strlen(k->low);
    /* an "-ly" word after a determiner is a noun: "the family said";
     * so is one of the nouns of people or of events (data: people,
     * venue): "Jo Roe's family said", "a pro-Roe rally said" */
    bool ly = !(k->flags & F_CAP) && l > 4 &&
              strcmp(k->low + l - 2, "ly") == 0 &&
              !fw_is(a, k->low, PC_FW_PEOPLE) &&
              !fw_is(a, k->low, PC_FW_VENUE) &&
              !(at - 1 > lo && a->t[at - 2].type == T_WORD &&
                determiner(a, a->t[at - 2].low));
    if (k->type == T_WORD && (aux_word(a, k->low) || ly)) {
      at--; /* "has said", "angrily said" */
    } else if (k->type == T_WORD && strcmp(k->low, "since") == 0 &&
               at - 1 > lo && a->t[at - 2].type == T_WORD &&
               aux_word(a, a->t[at - 2].low)) {
      at--; /* "have since released" */
    } else if (k->type == T_WORD && fw_is(a, k->low, PC_FW_WHEN) &&
               at - 1 > lo && a->t[at - 2].type == T_WORD &&
               (!(k->flags & F_CAP) || (a->t[at - 2].flags & F_CAP)) &&
               !acronym(a, at - 1)) { /* not "USA TODAY reported" */
      at--; /* "Smith later said", "Broaddrick Sunday night recounted" */
    } else if (k->type == T_WORD && !(k->flags & F_CAP) && at - 1 > lo &&
               in_list_of(a, &a->lex->fw[PC_FW_FLOAT], k->low) &&
               float_after(a, at - 2)) {
      at--; /* "Roe and Ames have both argued", "ministers all urged" */
    } else if (k->type == T_WORD && strcmp(k->low, "first") == 0 &&
               at - 1 > lo && a->t[at - 2].type == T_WORD &&
               !determiner(a, a->t[at - 2].low) &&
               !stop_word(a, a->t[at - 2].low)) {
      at--; /* "BuzzFeed News first reported"; not "the first said" */
    } else if (k->type == T_WORD && (k->flags & F_CAP) &&
               function_cap(a, k->low) && at - 1 > lo &&
               a->t[at - 2].type == T_WORD &&
               preposition(a, a->t[at - 2].low) &&
               !(a->t[at - 2].flags & F_CAP)) {
      at -= 2; /* "Mayor Jane Doe on Tuesday said" */
    } else if (is_punct(k, ",") && at - 1 > lo && a->t[at - 2].type == T_WORD &&
               aux_word(a, a->t[at - 2].low)) {
      at--;
      closed = true;
    } else if (is_punct(k, ",") && at < start && closed &&
               aux_word(a, a->t[at].low) &&
               /* not "X, a fellow at Y, has written"; nor "Roe, the
                * former governor, also said": no comma closes "also" */
               !fw_is(a, a->t[at].low, PC_FW_FIN)) {
      at--;
    } else {
      break;
    }
  }
  return at;
}

/* "Omar Lamrani, a senior analyst at Stratfor, the Texas-based firm,
 * told ...": the person among up to four appositions before b2 (the
 * phrase before the cue's comma is [b2, e2)); true and *out when found. */
static bool apposition_person(struct analysis *a, size_t lo, size_t b2,
                              size_t e2, struct speaker_ref *out) {
  size_t seg_e = b2;
  if (!(seg_e > lo && is_punct(&a->t[seg_e - 1], ","))) {
    /* "Charles Simpson, program administrator ... at Tufts
     * University's Center, told": the apposition holds more than one
     * noun phrase; start from the comma that opens it */
    size_t s = b2;
    while (s > lo && !is_punct(&a->t[s - 1], ",") &&
           !appos_boundary(a, s - 1) && e2 - s < 32)
      s--;
    if (s > lo && is_punct(&a->t[s - 1], ",")) {
      /* "One pastor backing Roe, Tom Bell of Grace Church in Marion,
       * said": a person who opens that apposition, before a
       * preposition, is the one described */
      size_t ne = s;
      while (ne < b2 && a->t[s].ent >= 0 && a->t[ne].ent == a->t[s].ent)
        ne++;
      if (ne > s && ne < b2 && a->t[ne].type == T_WORD &&
          preposition(a, a->t[ne].low)) {
        struct speaker_ref p = pc_att_resolve_np(a, s, ne);
        if (p.name && p.ent >= 0 &&
            a->en[p.ent].type == PC_ENTITY_PERSON) {
          *out = p;
          return true;
        }
        who_free(&p);
      }
      seg_e = s;
    }
  }
  for (int k = 0; k < 4 && seg_e > lo &&
                  is_punct(&a->t[seg_e - 1], ","); k++) {
    size_t se = seg_e - 1, sb = se;
    while (sb > lo && !is_punct(&a->t[sb - 1], ",") &&
           !appos_boundary(a, sb - 1) && se - sb < 16)
      sb--;
    size_t pe = pc_att_paren_tag(a, sb, se), nb = pc_att_np_start(a, sb, pe);
    /* the whole segment is the name: not "After meeting Putin, the
     * Kremlin said" */
    bool whole = true;
    for (size_t z = sb; z < nb && whole; z++)
      whole = (a->t[z].type == T_WORD &&
               ((stop_word(a, a->t[z].low) && !preposition(a, a->t[z].low)) ||
                in_list_of(a, &a->lex->honorifics, a->t[z].low) ||
                is_role_word(a, z))) ||
              is_punct(&a->t[z], "."); /* "but General X", "Dr. X" */
    struct speaker_ref p = {NULL, -1, NULL};
    if (whole)
      p = pc_att_resolve_np(a, nb, pe);
    bool owned = false;
    for (size_t z = nb; z < se && !owned; z++)
      owned = a->t[z].ent >= 0 &&
              a->en[a->t[z].ent].type == PC_ENTITY_PERSON &&
              owned_phrase(a, z, se);
    if (p.name && owned) { /* "X's source inside the camp, a refugee" */
      *out = p;
      return true;
    }
    if (p.name && p.ent >= 0 && a->en[p.ent].type == PC_ENTITY_PERSON) {
      size_t re = se + 1;
      while (re < e2 && !is_punct(&a->t[re], ","))
        re++;
      free(p.role);
      p.role = pc_att_np_text(a, se + 1, re);
      if (!p.role && a->en[p.ent].role)
        p.role = strdup(a->en[p.ent].role);
      *out = p;
      return true;
    }
    who_free(&p);
    seg_e = sb;
  }
  return false;
}

/* "Gov. Jane Roe (R-Ohio), said": the end of the phrase before a short
 * parenthesis that ends at e (exclusive), or e. */
size_t pc_att_paren_tag(const struct analysis *a, size_t lo, size_t e) {
  if (e < lo + 3 || !is_punct(&a->t[e - 1], ")"))
    return e;
  for (size_t k = e - 1; k > lo + 1 && k + 8 > e; k--)
    if (is_punct(&a->t[k - 1], "("))
      return a->t[k - 2].type == T_WORD ? k - 1 : e;
  return e;
}

static size_t np_extend_left(const struct analysis *a, size_t lo, size_t b,
                             size_t end);

/* Whether w, read from b2 after a comma, is a place and the word before
 * the comma a place's name after a preposition of where (data: at; "in
 * Dayton, Ohio"): a state or a country after a town, no apposition; not
 * after "for" or "of" ("a lawyer for Acme, Giuliani, said"). */
static bool place_after_place(const struct analysis *a, size_t lo, size_t b2,
                              size_t e2, const struct speaker_ref *w) {
  if (!w->name || b2 < lo + 3 || !is_punct(&a->t[b2 - 1], ","))
    return false;
  /* the place: a place or a country known, or up to three capitalised
   * words that name no one known ("Ohio", "New South Wales") */
  bool place = w->ent >= 0 ? a->en[w->ent].type == PC_ENTITY_PLACE ||
                                 a->en[w->ent].type == PC_ENTITY_COUNTRY
                           : e2 - b2 <= 3;
  for (size_t k = b2; k < e2 && place && w->ent < 0; k++)
    place = a->t[k].type == T_WORD && (a->t[k].flags & F_CAP) &&
            !function_cap(a, a->t[k].low) && !is_role_word(a, k);
  const struct token *k = &a->t[b2 - 2];
  if (!place || k->type != T_WORD || !(k->flags & F_CAP))
    return false;
  size_t s = b2 - 2;
  while (s > lo && a->t[s - 1].type == T_WORD && (a->t[s - 1].flags & F_CAP))
    s--; /* "in Des Moines, Iowa" */
  return s > lo && a->t[s - 1].type == T_WORD && !(a->t[s - 1].flags & F_CAP) &&
         in_list_of(a, &a->lex->fw[PC_FW_AT], a->t[s - 1].low);
}

/* A description read up to a town (token b2 - 2) takes the town's state
 * or country, [b2, e2), after it: "doctor in Dayton, Ohio". */
static struct speaker_ref with_place(const struct analysis *a, size_t b2,
                                     size_t e2, struct speaker_ref p) {
  char *town = pc_att_np_text(a, b2 - 2, b2 - 1);
  char *place = pc_att_np_text(a, b2, e2);
  size_t n = strlen(p.name), tl = town ? strlen(town) : 0;
  if (p.ent < 0 && town && place && n >= tl &&
      strcmp(p.name + n - tl, town) == 0) {
    size_t pl = strlen(place);
    char *s = malloc(n + 2 + pl + 1);
    if (s) {
      if (p.role && strcmp(p.role, p.name) == 0) { /* (no role of its own) */
        free(p.role);
        p.role = NULL;
      }
      memcpy(s, p.name, n);
      memcpy(s + n, ", ", 2);
      memcpy(s + n + 2, place, pl + 1);
      free(p.name);
      p.name = s;
    }
  }
  free(town);
  free(place);
  return p;
}

/* "Rob Ames, President Acme North America, says": a title that opens
 * the apposition of a person named before makes no second person of
 * the words after it; it is that person's role.  *wp, read from b2 to
 * e2, is replaced by that person when so. */
static bool title_apposition(struct analysis *a, size_t lo, size_t b2,
                             size_t e2, struct speaker_ref *wp) {
  if (wp->name && wp->ent >= 0 && a->en[wp->ent].type == PC_ENTITY_PERSON &&
      b2 > lo + 1 && is_punct(&a->t[b2 - 1], ",") && b2 + 1 < e2 &&
      (a->t[b2].flags & F_CAP) &&
      (is_role_word(a, b2) ||
       in_list_of(a, &a->lex->honorifics, a->t[b2].low))) {
    size_t nb = pc_att_np_start(a, lo, b2 - 1);
    struct speaker_ref p = pc_att_resolve_np(a, nb, b2 - 1);
    if (p.name && p.ent >= 0 && p.ent != wp->ent &&
        a->en[p.ent].type == PC_ENTITY_PERSON && nb < b2 - 2) {
      free(p.role);
      p.role = pc_att_np_text(a, b2, e2);
      who_free(wp);
      *wp = p;
      return true;
    }
    who_free(&p);
  }
  return false;
}

/* "A doctor in Dayton, Ohio, said": a place in commas after a place's
 * name (its state or country) ends the phrase before it; *wp, read from
 * b2 to e2, is replaced by that phrase's speaker when so. */
static bool town_state(struct analysis *a, size_t lo, size_t b2, size_t e2,
                       struct speaker_ref *wp) {
  if (place_after_place(a, lo, b2, e2, wp)) {
    struct speaker_ref p = pc_att_speaker_left(a, lo, b2);
    char *town = pc_att_np_text(a, b2 - 2, b2 - 1);
    if (p.name && town && strcmp(p.name, town) == 0) {
      /* (not the town: "A team of researchers in Greenbelt, Maryland,
       * has confirmed" is read as if with no comma there) */
      who_free(&p);
      size_t nb = pc_att_np_start(a, lo, b2 - 1);
      p = pc_att_resolve_np(a, np_extend_left(a, lo, nb, b2 - 1), b2 - 1);
    }
    free(town);
    if (p.name) {
      who_free(wp);
      *wp = with_place(a, b2, e2, p);
      return true;
    }
    who_free(&p);
  }
  return false;
}

/* The speaker when a comma stands right before the cue (at end - 1):
 * "X, who ..., said", "X, the minister, said", appositions. */
static struct speaker_ref speaker_before_comma(struct analysis *a, size_t lo,
                                               size_t end) {
  /* "Montell Figgins, who represents Thomas, said": a relative clause
   * between commas describes the name before it */
  size_t rs = end - 1;
  while (rs > lo && !is_punct(&a->t[rs - 1], ",") &&
         !hard_boundary(a, rs - 1) && end - rs < 24)
    rs--;
  if (rs > lo + 1 && rs + 1 < end && is_punct(&a->t[rs - 1], ",") &&
      a->t[rs].type == T_WORD && subject_rel(a, rs)) {
    /* "Jo Ames, the Democrat who heads the Farm Committee, which
     * oversees the board, said": a clause after the object of an
     * apposition's relative clause describes that object; the subject
     * is read at the comma before it */
    for (size_t z = rs - 1; z > lo + 1 && !is_punct(&a->t[z - 1], ",") &&
                            !hard_boundary(a, z - 1) && rs - z < 16;
         z--)
      if (apposition_rel(a, z - 1) && z - 1 > lo + 1)
        return speaker_before_comma(a, lo, rs);
    /* ("Sen. Jo Ames (D-Mo.), who has endorsed Roe, said": the name
     * before its party's parenthesis) */
    size_t ne = pc_att_paren_tag(a, lo, rs - 1);
    size_t nb = pc_att_np_start(a, lo, ne);
    struct speaker_ref p = pc_att_resolve_np(a, nb, ne);
    /* "Jane Roe, the Labour MP for X, who supports the report, said":
     * a role in commas before the clause describes the person before
     * it */
    if (p.name && p.ent < 0 && nb > lo + 1 && is_punct(&a->t[nb - 1], ",")) {
      size_t pb = pc_att_np_start(a, lo, nb - 1);
      struct speaker_ref n = pc_att_resolve_np(a, pb, nb - 1);
      if (n.name && n.ent >= 0 && a->en[n.ent].type == PC_ENTITY_PERSON) {
        free(n.role);
        n.role = pc_att_np_text(a, nb, rs - 1);
        who_free(&p);
        return n;
      }
      who_free(&n);
    }
    /* "The complaint, which was filed in Washington, alleged": a plain
     * noun with its determiner names the one who speaks by its own
     * words, not a name inside the clause */
    if (!p.name && ne > nb + 1 && ne <= nb + 4 && a->t[nb].type == T_WORD &&
        determiner(a, a->t[nb].low) && !(a->t[ne - 1].flags & F_CAP)) {
      who_free(&p);
      p.name = pc_att_np_text(a, nb, ne);
    }
    if (p.name)
      return p;
    who_free(&p);
  }
  /* "Geoff Garin, a pollster who advises the super PAC Priorities USA,
   * said": a relative clause inside the apposition describes its head;
   * the person is the one before the comma */
  size_t rel = rs + 1;
  while (rel + 1 < end && !apposition_rel(a, rel))
    rel++;
  if (rs > lo + 1 && is_punct(&a->t[rs - 1], ",") && rel + 1 < end) {
    size_t nb = pc_att_np_start(a, lo, rs - 1);
    struct speaker_ref p = pc_att_resolve_np(a, nb, rs - 1);
    if (p.name && p.ent >= 0 && a->en[p.ent].type == PC_ENTITY_PERSON) {
      free(p.role);
      p.role = pc_att_np_text(a, rs, rel);
      return p;
    }
    who_free(&p);
  }
  /* "the head of X, Alexander Bortnikov, told ..." */
  size_t e2 = pc_att_paren_tag(a, lo, end - 1), b2 = pc_att_np_start(a, lo, e2);
  struct speaker_ref w = resolve_np_ex(a, b2, e2, false);
  if (w.name && w.ent < 0 && b2 > lo && is_punct(&a->t[b2 - 1], ",")) {
    /* "John Smith, the minister, said": the person, with the role */
    size_t nb = pc_att_np_start(a, lo, b2 - 1);
    struct speaker_ref p = pc_att_resolve_np(a, nb, b2 - 1);
    if (p.name && p.ent >= 0 && a->en[p.ent].type == PC_ENTITY_PERSON) {
      free(p.role);
      p.role = w.role ? strdup(w.role) : pc_att_np_text(a, b2, e2);
      who_free(&w);
      return p;
    }
    who_free(&p);
  }
  if (title_apposition(a, lo, b2, e2, &w) || town_state(a, lo, b2, e2, &w))
    return w;
  /* "Jo Ames, a columnist for the newspaper Corriere della Sera, wrote":
   * a name governed by a preposition belongs to the apposition */
  bool governed = b2 > lo && a->t[b2 - 1].type == T_WORD &&
                  preposition(a, a->t[b2 - 1].low);
  if (!w.name || w.ent < 0 || governed ||
      a->en[w.ent].type != PC_ENTITY_PERSON) {
    struct speaker_ref p;
    if (apposition_person(a, lo, b2, e2, &p)) {
      who_free(&w);
      return p;
    }
  }
  if (!w.name || governed) {
    /* "Mayer, Disney's chairman of ..., said": the name before the
     * role in commas; also before a name a preposition governs ("The
     * Harbor Institute, a think tank in Oslo, concluded") */
    size_t cm = e2;
    while (cm > lo && cm + 14 > e2 && !is_punct(&a->t[cm - 1], ","))
      cm--;
    if (cm > lo && is_punct(&a->t[cm - 1], ",")) {
      size_t nb = pc_att_np_start(a, lo, cm - 1);
      struct speaker_ref p = pc_att_resolve_np(a, nb, cm - 1);
      if (p.name && p.ent >= 0) {
        free(p.role);
        p.role = pc_att_np_text(a, cm, e2);
        who_free(&w);
        return p;
      }
      who_free(&p);
    }
    if (!w.name)
      return w;
  }
  if (w.name && b2 > lo && is_punct(&a->t[b2 - 1], ",")) {
    size_t rb = pc_att_np_start(a, lo, b2 - 1);
    /* not a fronted clause: "After winning Ohio, Gov. Jane Roe said" */
    bool opens = rb == lo || is_punct(&a->t[rb - 1], ",");
    char *role = opens ? pc_att_np_text(a, rb, b2 - 1) : NULL;
    if (role) {
      free(w.role);
      w.role = role;
    }
  }
  return w;
}

/* Whether word i can end the first part of a phrase whose second part
 * follows a preposition or "and": a name, a role, a plural, or a
 * participle ("people briefed on the talks"). */
static bool left_head(const struct analysis *a, size_t i, bool ptcp) {
  const struct token *k = &a->t[i];
  size_t l = strlen(k->low);
  if (k->type != T_WORD || k->cue || stop_word(a, k->low) ||
      determiner(a, k->low) || (l < 3 && k->ent < 0)) /* ("Mr. Xi") */
    return false;
  return (k->flags & F_CAP) || is_role_word(a, i) ||
         fw_is(a, k->low, PC_FW_QUANT) || fw_is(a, k->low, PC_FW_NUM) ||
         pc_att_plural(a, k->low) ||
         (ptcp && strcmp(k->low + l - 2, "ed") == 0) ||
         /* "farmers waiting for rain": a participle in -ing after a
          * plural, a role or a name */
         (ptcp && ing_participle(a, i) && i > 0 && left_head(a, i - 1, false));
}

/* "About four in 10 voters", "about half of them": the approximation
 * that opens the sentence or a clause belongs to the count at b. */
static size_t approx_start(const struct analysis *a, size_t lo, size_t b) {
  const struct token *n = &a->t[b];
  size_t s = b;
  bool count = fw_is(a, n->low, PC_FW_NUM) || fw_is(a, n->low, PC_FW_QUANT) ||
               (n->low[0] >= '0' && n->low[0] <= '9');
  /* "Less than a third agreed", "More than 40 percent say": a
   * comparison before the count approximates it */
  bool one = article_a(n) && b + 1 < a->nt &&
             fw_is(a, a->t[b + 1].low, PC_FW_QUANT);
  if ((count || one) && b >= lo + 2 && low_eq(&a->t[b - 1], "than") &&
      (low_eq(&a->t[b - 2], "less") || low_eq(&a->t[b - 2], "more") ||
       low_eq(&a->t[b - 2], "fewer")))
    s = b - 2;
  else if (count && b > lo && a->t[b - 1].type == T_WORD &&
           fw_is(a, a->t[b - 1].low, PC_FW_APPROX))
    s = b - 1;
  /* "At least half of voters", "at least four senators": "at" and
   * "least" make one approximation (the phrase may start at "least") */
  else if (b + 1 < a->nt && n->type == T_WORD &&
           fw_is(a, n->low, PC_FW_APPROX) && a->t[b + 1].type == T_WORD &&
           (fw_is(a, a->t[b + 1].low, PC_FW_NUM) ||
            fw_is(a, a->t[b + 1].low, PC_FW_QUANT) ||
            (a->t[b + 1].low[0] >= '0' && a->t[b + 1].low[0] <= '9')))
    s = b;
  else
    return b;
  if (s > lo && low_eq(&a->t[s - 1], "at") && low_eq(&a->t[s], "least"))
    s--;
  if (s == b)
    return b;
  return s == lo || is_punct(&a->t[s - 1], ",") ? s : b;
}

/* A common noun at i that may head a phrase the next words modify: "the
 * plant" of "Workers at the plant in Detroit", "Staff" opening "Staff on
 * short-term contracts". */
static bool plain_noun(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  return k->type == T_WORD && !k->cue && strlen(k->low) >= 3 &&
         !stop_word(a, k->low) && !determiner(a, k->low) &&
         !fw_is(a, k->low, PC_FW_POSS) && !fw_is(a, k->low, PC_FW_SUBJ) &&
         !fw_is(a, k->low, PC_FW_FIN) && !fw_is(a, k->low, PC_FW_CONJ) &&
         !fw_is(a, k->low, PC_FW_CONTRAST);
}

/* Whether a phrase starting at b opens the sentence [lo, ...) or a part
 * of it: after a comma or a hard boundary, or after a conjunction that
 * opens the sentence ("But a spokesperson for ... said"). */
static bool phrase_opens(const struct analysis *a, size_t lo, size_t b) {
  /* "..., but majorities in all five say": a conjunction after a comma
   * opens a clause as the sentence's start does */
  bool joined = b > lo && (fw_is(a, a->t[b - 1].low, PC_FW_CONJ) ||
                           fw_is(a, a->t[b - 1].low, PC_FW_CONTRAST));
  return b == lo || is_punct(&a->t[b - 1], ",") || hard_boundary(a, b - 1) ||
         fw_is(a, a->t[b - 1].low, PC_FW_SUB) || /* "while doctors and" */
         (joined && (b == lo + 1 || is_punct(&a->t[b - 2], ",")));
}

/* Whether [b2, p), before "and", only modifies the head of the phrase
 * that follows and ends at `end`: "five past" of "five past and current
 * employees", not "a woman asked for a photo" of "... and Clinton said".
 * A few plain words before "and", no name or verb among them, and no
 * name as the head. */
static bool joined_modifiers(const struct analysis *a, size_t b2, size_t p,
                             size_t end) {
  if (p - b2 > 3 || a->t[end - 1].ent >= 0)
    return false;
  for (size_t k = b2; k < p; k++) {
    const struct token *t = &a->t[k];
    size_t l = strlen(t->low);
    /* no verb: "The bill passed and officials said" */
    if (t->type != T_WORD || t->ent >= 0 || t->cue ||
        (l > 4 && (strcmp(t->low + l - 3, "ing") == 0 ||
                   strcmp(t->low + l - 2, "ed") == 0)) ||
        fw_is(a, t->low, PC_FW_FIN) || fw_is(a, t->low, PC_FW_VPAST))
      return false;
  }
  return true;
}

/* Whether a list's item may start at b > lo: after a comma, or after
 * a conjunction that opens the sentence ("But unions, ..."). */
static bool list_opens(const struct analysis *a, size_t lo, size_t b) {
  const struct token *k = &a->t[b - 1];
  return is_punct(k, ",") ||
         (b == lo + 1 && (fw_is(a, k->low, PC_FW_CONJ) ||
                          fw_is(a, k->low, PC_FW_CONTRAST)));
}

/* Whether the word at i is a plural, in lower case but as the
 * sentence's first word, that may end a list's item ("unions",
 * "Residents"). */
static bool plural_item(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  return k->type == T_WORD && k->ent < 0 && !k->cue &&
         (!(k->flags & F_CAP) || (k->flags & F_SENT)) &&
         strlen(k->low) > 3 && !stop_word(a, k->low) &&
         pc_att_plural(a, k->low);
}

/* The start of a phrase that ends at `end` and starts at b, taken left
 * over post-modifiers and coordination: "Supporters of the plan", "Two
 * people briefed on the talks", "Businesses and residents".  The phrase
 * must open the sentence or follow a comma.  A phrase in between that
 * opens no sentence ("the plant" of "Workers at the plant in Detroit",
 * "the Universities" of "a spokesperson for the Universities and
 * Colleges Employers' Association") is passed over to the head before
 * it; a common noun heads a phrase that opens the sentence ("Staff on
 * short-term contracts said"). */
static size_t np_extend_left(const struct analysis *a, size_t lo, size_t b,
                             size_t end) {
  size_t cur = b; /* where the phrase read so far starts */
  bool listed = false; /* a list's ", and" was passed */
  for (int round = 0; round < 3 && cur > lo + 1; round++) {
    size_t p = cur - 1;
    if (determiner(a, a->t[p].low) && p > lo + 1)
      p--;
    const struct token *k = &a->t[p];
    bool prep = k->type == T_WORD && preposition(a, k->low);
    bool joins = k->type == T_WORD && !(k->flags & F_CAP) &&
                 (prep || (fw_is(a, k->low, PC_FW_CONJ) && p + 1 == b));
    size_t h = p - 1;
    /* "labor unions, environmental groups, and many lawmakers": the
     * plurals of a list, its commas and the comma before "and" */
    bool item = joins && !prep && p > lo + 2 && is_punct(&a->t[h], ",") &&
                plural_item(a, h - 1);
    if (item || (listed && is_punct(k, ",") && plural_item(a, h))) {
      joins = listed = true;
      h = item ? h - 1 : h;
      p = item ? p - 1 : p;
    } else if (listed) {
      break;
    }
    /* "sources familiar with the talks": the adjective's noun heads */
    if (joins && prep && h > lo && fw_is(a, a->t[h].low, PC_FW_PADJ) &&
        a->t[h - 1].type == T_WORD && !a->t[h - 1].cue &&
        !stop_word(a, a->t[h - 1].low) && !determiner(a, a->t[h - 1].low))
      h--;
    /* "five past and current employees": words joined to the head's
     * modifiers */
    bool mod = joins && !prep && h >= lo && !left_head(a, h, prep) &&
               plain_noun(a, h);
    /* "he and other challengers", "The campaign and some experts": a
     * subject pronoun, or a noun of people or of an organisation, joined
     * to the phrase speaks with it */
    bool jh = joins && !prep && h >= lo && a->t[h].type == T_WORD &&
              !a->t[h].cue && !low_eq(&a->t[h], "it") &&
              (fw_is(a, a->t[h].low, PC_FW_SUBJ) ||
               fw_is(a, a->t[h].low, PC_FW_PEOPLE) ||
               org_head(a, a->t[h].low));
    if (jh)
      mod = false;
    if (!joins || h < lo ||
        !(left_head(a, h, prep) || (prep && plain_noun(a, h)) || mod || jh))
      break;
    size_t b2 = pc_att_np_start(a, lo, p);
    b2 = b2 < p ? approx_start(a, lo, b2) : b2;
    if (b2 >= p || (mod && !joined_modifiers(a, b2, p, end)))
      break;
    for (size_t z = b2; jh && z < p; z++)
      if (a->t[z].ent >= 0)
        jh = false; /* (not "The Roe campaign and ...": Roe's own rule) */
    if (jh && b2 + 1 < p && !determiner(a, a->t[b2].low) &&
        !fw_is(a, a->t[b2].low, PC_FW_SUBJ))
      jh = false;
    if (!jh && !left_head(a, h, prep) && !(prep && plain_noun(a, h)) &&
        !mod)
      break;
    bool opens = phrase_opens(a, lo, b2);
    /* (a list's item is short and opens the sentence or follows a
     * comma: not "as his closest advisers, and aides say", "among
     * voters in Ohio, officials and owners said") */
    if (listed && !(p - b2 <= 4 && (b2 == lo || list_opens(a, lo, b2))))
      break;
    /* ("Residents, officials and owners": a list without the comma
     * before "and") */
    listed |= !prep && plural_item(a, h) && plural_item(a, end - 1);
    if (opens && (left_head(a, h, prep) || b2 == lo || mod || jh))
      b = b2; /* a head that opens the sentence */
    else if (opens || !prep)
      break;
    cur = b2;
  }
  if (b < end)
    b = approx_start(a, lo, b);
  /* "Yet even critics said": a focus adverb opens no speaker phrase */
  while (b + 1 < end && a->t[b].type == T_WORD &&
         fw_is(a, a->t[b].low, PC_FW_FOCUS))
    b++;
  return b;
}

/* "Trump issued a statement", "The campaign sent out a brief release",
 * "Roe released a statement confirming ...", "The two men released
 * statements deploring ...": a speech noun, or a participle after the
 * noun a verb that issues statements governs, names the subject of that
 * verb.  The verb's index (its subject ends there, maybe at an
 * apposition's comma), or c when there is no such verb. */
static size_t noun_cue_verb(const struct analysis *a, size_t lo,
                            size_t cue) {
  /* ("issued a statement Tuesday saying", "a statement Monday night
   * saying": words that only tell when, data: when, may stand between
   * the noun and the participle) */
  size_t c = cue;
  while (c > lo + 1 && cue - c < 3 && a->t[c - 1].type == T_WORD &&
         fw_is(a, a->t[c - 1].low, PC_FW_WHEN))
    c--;
  size_t d = c;
  while (d > lo && c - d < 3 && a->t[d - 1].type == T_WORD &&
         !determiner(a, a->t[d - 1].low) && !stop_word(a, a->t[d - 1].low) &&
         !(a->t[d - 1].flags & F_CAP))
    d--; /* "a brief written statement" */
  size_t v = c; /* the verb */
  for (size_t j = d; j + 1 < c; j++)
    if (j > lo && fw_is(a, a->t[j].low, PC_FW_MAKE))
      v = j; /* "released statements deploring": no determiner */
  if (v < c)
    ;
  else if (d > lo + 2 && determiner(a, a->t[d - 1].low) &&
           !fw_is(a, a->t[d - 1].low, PC_FW_POSS))
    v = d - 2;
  else
    return cue;
  if (strcmp(a->t[v].low, "out") == 0 && v > lo + 1)
    v--; /* "sent out", "put out" */
  /* verbs that make or hand out a statement (function-words "make"),
   * after their subject, the comma that closes its apposition or its
   * party tag ("(R-Ky.)") */
  const struct token *k = &a->t[v];
  if (k->type != T_WORD || !(a->t[v - 1].type == T_WORD ||
                             is_punct(&a->t[v - 1], ",") ||
                             is_punct(&a->t[v - 1], ")")))
    return cue;
  return fw_is(a, k->low, PC_FW_MAKE) ? v : cue;
}

/* Whether the words at i, right after a relative pronoun, open a noun
 * phrase of their own: a determiner, a possessive, a pronoun or a name;
 * not an auxiliary or a verb ("who have done the sums"). */
static bool object_rel_np(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  if (k->type != T_WORD)
    return false;
  if (determiner(a, k->low) || fw_is(a, k->low, PC_FW_POSS) ||
      in_list_of(a, &a->lex->pronouns, k->low))
    return true;
  return (k->flags & F_CAP) && !function_cap(a, k->low) &&
         !stop_word(a, k->low);
}

/* Whether the word at i is a past form in lower case after a word that
 * is no determiner or preposition: a verb ("rebuked", "told", "was"). */
static bool past_verb(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i], *p = &a->t[i - 1];
  size_t l = strlen(k->low);
  if (k->type != T_WORD || (k->flags & F_CAP) || p->type != T_WORD ||
      determiner(a, p->low) || preposition(a, p->low) ||
      fw_is(a, p->low, PC_FW_POSS))
    return false;
  return (l > 4 && strcmp(k->low + l - 2, "ed") == 0) ||
         fw_is(a, k->low, PC_FW_IPAST) || fw_is(a, k->low, PC_FW_VPAST) ||
         fw_is(a, k->low, PC_FW_FIN);
}

/* The speaker left of a cue at token c (the sentence starts at lo). */
/* A figure in commas that ends at the comma at e ("33%", "or 61
 * percent", "about 400"): the index of the comma that opens it, after a
 * word; 0 when there is none. */
static size_t figure_aside(const struct analysis *a, size_t lo, size_t e) {
  enum { FIGURE_MAX = 4 };
  if (!is_punct(&a->t[e], ","))
    return 0;
  bool digits = false;
  size_t k = e;
  while (k > lo && e - k < FIGURE_MAX && !is_punct(&a->t[k - 1], ",")) {
    const struct token *t = &a->t[k - 1];
    bool num = t->low[0] >= '0' && t->low[0] <= '9';
    if (!num && !is_punct(t, "%") && !low_eq(t, "percent") &&
        !(t->type == T_WORD && (fw_is(a, t->low, PC_FW_APPROX) ||
                                fw_is(a, t->low, PC_FW_CONJ))))
      return 0;
    digits |= num;
    k--;
  }
  if (!digits || k == e || k < lo + 2 || !is_punct(&a->t[k - 1], ",") ||
      a->t[k - 2].type != T_WORD)
    return 0;
  return k - 1;
}

/* "The mayor, in a statement, said", "Trump, speaking in Kentucky,
 * said": a phrase in commas right before the cue (its comma at e) that
 * opens with a preposition or a participle says where or how the speaker
 * spoke; it names no one.  The index of its first word, which stands
 * after a comma and a word; 0 when there is none.  Not "of" ("Jane Roe,
 * of the Ohio party, said": an affiliation, kept as a role), nor after a
 * relative clause, whose own commas the phrase may close ("Roe, who grew
 * up in Dayton, Ohio, in the 1960s, said"). */
static size_t manner_aside(const struct analysis *a, size_t lo, size_t e) {
  enum { ASIDE_MAX = 14 };
  if (!is_punct(&a->t[e], ","))
    return 0;
  size_t k = e;
  while (k > lo && e - k < ASIDE_MAX && !is_punct(&a->t[k - 1], ",") &&
         !hard_boundary(a, k - 1))
    k--;
  if (k + 1 >= e || k < lo + 2 || !is_punct(&a->t[k - 1], ",") ||
      a->t[k - 2].type != T_WORD)
    return 0;
  for (size_t z = lo; z + 1 < k; z++)
    if (subject_rel(a, z))
      return 0;
  const struct token *w = &a->t[k];
  bool prep = w->type == T_WORD && !(w->flags & F_CAP) &&
              preposition(a, w->low) && !low_eq(w, "of");
  return prep || lower_suffix(w, "ing", 5) ? k : 0;
}

/* Whether word v, inside a phrase that starts at b, is the verb of a
 * clause: a finite or past form in lower case ("got", "led", "left",
 * "has"; an "-ed" form before a determiner or a figure: "pushed the
 * voters"), after no determiner, possessive or preposition ("the left"
 * is a noun). */
static bool inner_verb(const struct analysis *a, size_t b, size_t v,
                       size_t e) {
  const struct token *k = &a->t[v];
  if (k->type != T_WORD || (k->flags & F_CAP) || k->cue)
    return false;
  if (v > b && (a->t[v - 1].type != T_WORD ||
                determiner(a, a->t[v - 1].low) ||
                preposition(a, a->t[v - 1].low) ||
                fw_is(a, a->t[v - 1].low, PC_FW_POSS)))
    return false;
  if (fw_is(a, k->low, PC_FW_IPAST) || fw_is(a, k->low, PC_FW_VPAST) ||
      fw_is(a, k->low, PC_FW_FIN))
    return true;
  const struct token *n = &a->t[v + 1];
  return lower_suffix(k, "ed", 5) && v + 1 < e && n->type == T_WORD &&
         ((determiner(a, n->low) && !fw_is(a, n->low, PC_FW_POSS)) ||
          (n->low[0] >= '0' && n->low[0] <= '9'));
}

/* "The delay led voters to say", "The vote has left 62 percent of voters
 * saying", "The meeting got people talking": before an infinitive or a
 * participle cue at c (its phrase ends at end), a verb inside the phrase
 * governs the cue's clause, and the speaker is that verb's object, after
 * it.  The object's start, or end when there is no such verb. */
static size_t object_before_nonfinite(const struct analysis *a, size_t lo,
                                      size_t c, size_t end) {
  size_t e = end;
  if (e > lo + 1 && a->t[e - 1].type == T_WORD &&
      fw_is(a, a->t[e - 1].low, PC_FW_INF))
    e--; /* "to say" */
  else if (!lower_suffix(&a->t[c], "ing", 5) || c != end)
    return end;
  size_t b = pc_att_np_start(a, lo, e);
  b = np_extend_left(a, lo, b, e);
  size_t v = e - 1;
  while (v > b && !inner_verb(a, b, v - 1, e))
    v--;
  /* the object names people ("Republicans", "62 percent of voters"),
   * with no adjunct of time or place ("visited the court on Friday to
   * view", "took turns urging": no causing there) */
  const struct token *h = &a->t[e - 1];
  bool people = (h->ent >= 0 && (a->en[h->ent].type == PC_ENTITY_PERSON ||
                                 a->en[h->ent].type == PC_ENTITY_GROUP)) ||
                plural_people(a, e - 1) || low_eq(h, "people");
  for (size_t k = v; k < e && people && v > b; k++)
    people = a->t[k].type == T_WORD &&
             (!preposition(a, a->t[k].low) || low_eq(&a->t[k], "of")) &&
             !fw_is(a, a->t[k].low, PC_FW_WHEN) &&
             !fw_is(a, a->t[k].low, PC_FW_TUNIT);
  return v > b && people && !fw_is(a, a->t[v - 1].low, PC_FW_MAKE) ? v
                                                                     : end;
}

/* '“...,” Jo Ames, an analyst at the Ohio Council told CBS News': a
 * description with a determiner after a person's name and its comma,
 * right after the quotation, is the name's apposition whose closing
 * comma is missing; the name speaks and the description is its role.
 * The phrase opens at b; w is replaced when so.  The description may
 * hold commas of its own ("an analyst at the Council on Energy,
 * Environment and Water think tank told"): its opening is the last
 * comma and determiner within a few words before b. */
static void unclosed_apposition(struct analysis *a, size_t lo, size_t b,
                                struct speaker_ref *w) {
  for (size_t k = b; k > lo + 3 && b - k < 16 &&
                     (a->t[k].type == T_WORD || is_punct(&a->t[k], ","));
       k--)
    if (is_punct(&a->t[k - 1], ",") && a->t[k].type == T_WORD &&
        determiner(a, a->t[k].low)) {
      b = k;
      break;
    }
  if (b < lo + 3 || !is_punct(&a->t[b - 1], ",") ||
      a->t[b].type != T_WORD || !determiner(a, a->t[b].low) ||
      fw_is(a, a->t[b].low, PC_FW_POSS))
    return;
  size_t ne = b - 1, nb = ne;
  /* ("Sen. Jo Ames (D-Ohio), a supporter of ... told": a party tag
   * between the name and its comma) */
  if (is_punct(&a->t[ne - 1], ")"))
    for (size_t z = ne - 1; z > lo && z + 6 > ne; z--)
      if (is_punct(&a->t[z - 1], "(")) {
        ne = nb = z - 1;
        break;
      }
  int e = ne > lo ? a->t[ne - 1].ent : -1;
  if (e < 0 || a->en[e].type != PC_ENTITY_PERSON)
    return;
  while (nb > lo && a->t[nb - 1].ent == e && a->t[nb - 1].type == T_WORD)
    nb--;
  /* (after the quotation, or opening the sentence, maybe after a
   * title, before "a": "Sen. Jo Ames, a supporter ... told") */
  while (nb > lo + 1 && is_punct(&a->t[nb - 1], ".") &&
         in_list_of(a, &a->lex->honorifics, a->t[nb - 2].low))
    nb -= 2;
  size_t q = nb > lo && is_punct(&a->t[nb - 1], ",") ? nb - 1 : nb;
  if (q > lo ? a->t[q - 1].type != T_QCLOSE
             : !article_a(&a->t[b]) ||
                   a->en[e].mentions < 2)
    return; /* (not "Mrs. Roe, these people said, would"; a name named
             * again, not "Last May, a judge ...") */
  struct speaker_ref n = pc_att_resolve_np(a, nb, ne);
  if (!n.name || n.ent != e) {
    who_free(&n);
    return;
  }
  free(n.role);
  n.role = w->name;
  w->name = NULL;
  who_free(w);
  *w = n;
}

struct speaker_ref pc_att_speaker_left(struct analysis *a, size_t lo,
                                       size_t c) {
  c = noun_cue_verb(a, lo, c);
  /* "Sen. Jo Ames (R-Ky.) issued a statement saying" */
  size_t end = pc_att_paren_tag(a, lo, pc_att_skip_adverbs(a, lo, c));
  /* "A third of independents, 33%, say": the figure in commas restates
   * the phrase before it */
  size_t fig = end > lo ? figure_aside(a, lo, end - 1) : 0;
  if (fig)
    return pc_att_speaker_left(a, lo, fig);
  size_t aside = end > lo ? manner_aside(a, lo, end - 1) : 0;
  if (aside) {
    /* the phrase before it ends at its comma; a comma further left
     * opens an apposition there ("Jo Ames, a Democrat from Ohio, in
     * a statement, said"), read as before a cue's comma */
    size_t k = aside - 1;
    while (k > lo && aside - k < 16 && !is_punct(&a->t[k - 1], ","))
      k--;
    bool appos = k > lo && is_punct(&a->t[k - 1], ",");
    return pc_att_speaker_left(a, lo, appos ? aside : aside - 1);
  }
  if (end > lo && is_punct(&a->t[end - 1], ","))
    return speaker_before_comma(a, lo, end);
  /* "analysts who have done the calculations say": the subject is what
   * the relative pronoun refers to */
  /* ("The lawyer who ran three races before his knee blew out is
   * already talking": a longer clause after a role or a plural of
   * people, "who" right after it, of up to 20 words: "local leaders who
   * would rather be working on a campaign for Cruz or Rubio or Ben
   * Carson said") */
  for (size_t r = end; r > lo + 1 && r + 21 > end; r--) {
    const struct token *k = &a->t[r - 1];
    if (k->type != T_WORD)
      break;
    if (!subject_rel(a, r - 1))
      continue;
    if (r + 8 <= end && !(a->t[r - 2].type == T_WORD &&
                          !(a->t[r - 2].flags & F_CAP) &&
                          (plural_people(a, r - 2) || is_role_word(a, r - 2))))
      break;
    /* "the wage floor, which the OECD says is the highest": a phrase
     * between the pronoun and the cue is the subject; the pronoun is
     * the object */
    if (r < end && object_rel_np(a, r)) {
      struct speaker_ref p = pc_att_resolve_np(a, r, end);
      if (p.name)
        return p;
      who_free(&p);
      break;
    }
    /* "Ted Cruz, who said ...": the name before the comma */
    size_t ne = is_punct(&a->t[r - 2], ",") && r > lo + 2 ? r - 2 : r - 1;
    if (a->t[ne - 1].type == T_WORD && !stop_word(a, a->t[ne - 1].low)) {
      size_t nb = pc_att_np_start(a, lo, ne);
      /* "Jo Ames and others who oppose the tax said": a person's name
       * and "and" before a plural of people join it; they speak
       * together */
      if (nb > lo + 1 && nb + 1 == ne && plural_people(a, ne - 1) &&
          low_eq(&a->t[nb - 1], "and") && a->t[nb - 2].ent >= 0 &&
          a->en[a->t[nb - 2].ent].type == PC_ENTITY_PERSON) {
        size_t jb = nb - 2;
        while (jb > lo && a->t[jb - 1].ent == a->t[nb - 2].ent)
          jb--;
        struct speaker_ref p = pc_att_resolve_np(a, jb, ne);
        if (p.name)
          return p;
        who_free(&p);
      }
      /* "Current and former officials who spoke with us said": the
       * words joined by "and" to the phrase or its modifiers, when the
       * whole opens the sentence or a comma's part and holds no name */
      size_t xb = np_extend_left(a, lo, nb, ne);
      bool named = false;
      for (size_t z = xb; z < ne && !named; z++)
        named = a->t[z].ent >= 0;
      if (xb < nb && !named && fw_is(a, a->t[nb - 1].low, PC_FW_CONJ) &&
          (xb == lo || is_punct(&a->t[xb - 1], ",") ||
           hard_boundary(a, xb - 1)))
        nb = xb;
      /* "Obama rebuked critics who say": the object of a verb, after
       * it */
      bool cut = false;
      for (size_t v = ne - 1; v > nb + 1 && !cut; v--)
        if (past_verb(a, v)) {
          nb = v + 1;
          cut = true;
        }
      /* "Trump attacked Ted Cruz, who said": the name right before
       * (not a place's, or capitalised words no person's, after a
       * preposition after a word: "Voters in Dover who went to the
       * rally said", "the Bank of Dover, which said": the pronoun is
       * the phrase's head's, not the place's) */
      int last = a->t[ne - 1].ent;
      size_t lb = ne - 1;
      while (lb > lo && (last >= 0 ? a->t[lb - 1].ent == last
                                   : a->t[lb - 1].type == T_WORD &&
                                         (a->t[lb - 1].flags & F_CAP)))
        lb--;
      if ((last >= 0 ? a->en[last].type == PC_ENTITY_PLACE ||
                           a->en[last].type == PC_ENTITY_COUNTRY
                     : (a->t[ne - 1].flags & F_CAP) != 0) &&
          lb > lo + 1 && a->t[lb - 1].type == T_WORD &&
          preposition(a, a->t[lb - 1].low) &&
          a->t[lb - 2].type == T_WORD && !stop_word(a, a->t[lb - 2].low)) {
        nb = pc_att_np_start(a, lo, lb - 1);
        last = -1;
      }
      while (last >= 0 && nb + 1 < ne && a->t[nb].ent != last)
        nb++;
      /* "the mayor believed the clerk, who said": the phrase right
       * before, from its determiner (not one after a preposition: "the
       * head of the agency, who said") */
      bool det = cut && a->t[nb].type == T_WORD &&
                 determiner(a, a->t[nb].low);
      for (size_t d = ne - 1; last < 0 && d > nb + 1; d--)
        if (a->t[d].type == T_WORD && determiner(a, a->t[d].low) &&
            !(a->t[d - 1].type == T_WORD &&
              preposition(a, a->t[d - 1].low))) {
          nb = d;
          det = true;
          break;
        }
      struct speaker_ref p = pc_att_resolve_np(a, nb, ne);
      /* a plain noun there names the one who speaks by its own words */
      if (!p.name && det && ne <= nb + 4 &&
          !(a->t[ne - 1].flags & F_CAP))
        p.name = pc_att_np_text(a, nb, ne);
      if (p.name)
        return p;
      who_free(&p);
    }
    break;
  }
  size_t ob = object_before_nonfinite(a, lo, c, end);
  if (ob < end) {
    size_t oe = a->t[end - 1].type == T_WORD &&
                        fw_is(a, a->t[end - 1].low, PC_FW_INF)
                    ? end - 1
                    : end;
    struct speaker_ref o = pc_att_resolve_np(a, ob, oe);
    if (o.name)
      return o;
    who_free(&o);
  }
  size_t b0 = pc_att_np_start(a, lo, end), b = np_extend_left(a, lo, b0, end);
  /* "..., says a report highlighting": a speech verb in lower case that
   * opens the phrase after a comma, before a determiner or a name, is
   * the verb of an inverted clause, no part of its subject (not a noun
   * cue: "..., reports from the border said") */
  if (b + 1 < end && a->t[b].type == T_WORD && a->t[b].cue &&
      !(a->t[b].flags & F_CAP) && (b == lo || a->t[b - 1].type != T_WORD) &&
      (lower_suffix(&a->t[b], "s", 3) || fw_is(a, a->t[b].low, PC_FW_IPAST) ||
       lower_suffix(&a->t[b], "ed", 5)) &&
      a->t[b + 1].type == T_WORD &&
      (determiner(a, a->t[b + 1].low) || (a->t[b + 1].flags & F_CAP))) {
    b++;
    if (b0 < b)
      b0 = b;
  }
  /* "At the time she described": a pronoun right before the cue is the
   * subject, whatever stands before it */
  if (end > lo && end != b + 1 && a->t[end - 1].type == T_WORD &&
      in_list_of(a, &a->lex->pronouns, a->t[end - 1].low))
    b = end - 1;
  /* "when I asked her if she had been paid", "I told him to leave": a
   * first-person subject outside quotation marks before a past form of
   * a cue whose object is the addressee (data: tell) reports an
   * exchange of the writer's with someone, named as written (data:
   * first); not the writer's own text ("I wrote about this", "I talked
   * about how", "We would add that"), nor an aside ("As I told you") */
  if (end > lo && a->t[end - 1].type == T_WORD && a->t[end - 1].in_span < 0 &&
      in_list_of(a, &a->lex->fw[PC_FW_FIRST], a->t[end - 1].low) &&
      !(end - 1 > lo && low_eq(&a->t[end - 2], "as")) &&
      fw_is(a, a->t[c].low, PC_FW_TELL) &&
      (lower_suffix(&a->t[c], "ed", 4) || fw_is(a, a->t[c].low, PC_FW_IPAST))) {
    struct speaker_ref f = {pc_att_text_of(a, end - 1, end), -1, NULL};
    return f;
  }
  struct speaker_ref w = pc_att_resolve_np(a, b, end);
  /* "A judge pointed to a previous case to say", "Workers gathered at
   * a bar to talk": a phrase that names someone before "to" and the cue
   * by its own words and holds a verb is a clause; its subject, before
   * the verb, speaks (a phrase that names no one is left so: "ramped up
   * efforts to admit" reports nothing; nor one read as a known name) */
  size_t se = end;
  if (se > b + 2 && a->t[se - 1].type == T_WORD &&
      fw_is(a, a->t[se - 1].low, PC_FW_INF))
    for (size_t k = b + 1; k + 1 < end; k++)
      if (inner_verb(a, b, k, end) ||
          (lower_suffix(&a->t[k], "ed", 5) && !a->t[k].cue &&
           a->t[k - 1].type == T_WORD && !determiner(a, a->t[k - 1].low) &&
           !preposition(a, a->t[k - 1].low) &&
           !fw_is(a, a->t[k - 1].low, PC_FW_POSS))) {
        se = k;
        break;
      }
  if (w.name && w.ent < 0 && se < end) {
    struct speaker_ref s = pc_att_resolve_np(a, b, se);
    if (s.name) {
      who_free(&w);
      w = s;
    } else {
      who_free(&s);
    }
  }
  if (!w.name && b < b0) { /* the longer phrase names no one */
    who_free(&w);
    w = pc_att_resolve_np(a, b0, end);
  }
  if (!w.name || w.ent < 0)
    unclosed_apposition(a, lo, b, &w);
  return w;
}
