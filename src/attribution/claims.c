/*
 * claims.c - 6. claims: who holds whom responsible, or denies it.  The
 * patterns of data/en/claims.txt are read around an anchor word (a
 * lemma: "blame~" is blame, blames, blamed, blaming): the words before it
 * are matched leftwards, those after it rightwards.  The claimant is the
 * subject of the predicate ({C}: "X accused Y", "Y was blamed by X") or
 * else the speaker of the innermost quote the pattern stands in ("said
 * the utility caused the fire"); a negated accusation is a denial.  Then
 * rebuttals, which deny the accusation made last.
 */
#include "analysis.h"

#include <stdio.h>
#include <strings.h>

/*** claims ****************************************************************/

static bool boundary(const struct token *k) {
  if (k->type == T_QOPEN || k->type == T_QCLOSE)
    return true;
  if (k->type != T_PUNCT)
    return false;
  return strchr(".;:?!()[]", k->low[0]) != NULL ||
         strcmp(k->low, "\xE2\x80\xA6") == 0;
}

/* boundary, but not the dot of an abbreviation ("U.S. forces") */
static bool cl_boundary(const struct analysis *a, size_t i) {
  if (is_punct(&a->t[i], ".") && i > 0 && a->t[i - 1].type == T_WORD &&
      (in_list_of(a, &a->lex->honorifics, a->t[i - 1].low) ||
       (a->t[i - 1].low[1] == '\0' && (a->t[i - 1].flags & F_CAP) &&
        i + 1 < a->nt && (a->t[i + 1].flags & F_CAP))))
    return false; /* "Gonzalo P. Curiel": an initial's dot */
  return boundary(&a->t[i]);
}

static bool list_sep(const struct analysis *a, const struct token *k) {
  return is_punct(k, ",") || is_punct(k, "\xE2\x80\x93") ||
         is_punct(k, "\xE2\x80\x94") || fw_is(a, k->low, PC_FW_CONJ);
}

/* A word no noun phrase runs through: a stop word, a speech cue ("Jane
 * Doe said the mayor ..."), a form of "be" or a modal ("X must end"). */
static bool np_stop(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  if (k->type != T_WORD || (k->cue && !(k->flags & (F_CAP | F_WEAK))))
    return true;
  uint64_t stop = (uint64_t)1 << PC_FW_STOP | (uint64_t)1 << PC_FW_PREP |
                  (uint64_t)1 << PC_FW_PASS; /* one look-up for all */
  if (!(k->flags & F_CAP))
    stop |= (uint64_t)1 << PC_FW_MODAL | (uint64_t)1 << PC_FW_OBLIG;
  return (fw_of(a, k->low) & stop) != 0;
}

/* A word of time that ends a noun phrase: "sued Acme last year",
 * "accused Bob Grant on Monday", "blamed Smith Tuesday". */
static bool time_word(const struct analysis *a, size_t i, size_t t1) {
  const struct token *k = &a->t[i];
  if (k->type != T_WORD)
    return false;
  if (fw_is(a, k->low, PC_FW_WHEN))
    return true;
  if (!low_eq(k, "last") && !low_eq(k, "this") && !low_eq(k, "next"))
    return false;
  return i + 1 < t1 && (fw_is(a, a->t[i + 1].low, PC_FW_TUNIT) ||
                        fw_is(a, a->t[i + 1].low, PC_FW_WHEN));
}

/* A word after a name that is not part of it: an adverb ("blamed
 * Clinton directly", "held Smith partly responsible") or "during". */
static bool np_tail(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  return k->type == T_WORD && !(k->flags & F_CAP) &&
         fw_is(a, k->low, PC_FW_NTAIL);
}

static bool clause_after_list(const struct analysis *a, size_t i, size_t t1);
static bool object_start(const struct analysis *a, size_t i, size_t t1);
static size_t apposed_subject(const struct analysis *a, size_t t0, size_t at);

static bool person_noun(const struct analysis *a, const char *w);

/* Quoted words from j that end in a noun for people before the closing
 * mark: “rogue officers”, “careless politicians” (not “bad earpiece”,
 * “Great Wall of Protectionism”). */
static bool quoted_person(const struct analysis *a, size_t j, size_t t1) {
  size_t k = j;
  while (k < t1 && k < j + 5 && a->t[k].type == T_WORD)
    k++;
  if (k == j)
    return false;
  const char *w = a->t[k - 1].low;
  return person_noun(a, w) || fw_is(a, w, PC_FW_PEOPLE) ||
         fw_is(a, w, PC_FW_AGENT);
}

/* A comma before a speaker and the cue that ends the sentence: "was
 * killed by Lee Ray, police said" (the list ends at the comma). */
static bool cue_after(const struct analysis *a, const struct token *k,
                      size_t n, size_t t1) {
  if (!is_punct(k, ","))
    return false;
  for (size_t j = n; j < t1 && j < n + 4 && a->t[j].type == T_WORD; j++)
    if (a->t[j].cue && j > n && !(a->t[j].flags & F_CAP))
      return j + 1 >= t1 || cl_boundary(a, j + 1) ||
             is_punct(&a->t[j + 1], ",");
  return false;
}

/* A list of noun phrases to the right of i: "X, Y and Z". */
static size_t right_list(const struct analysis *a, size_t i, size_t t1) {
  size_t e = i;
  bool listed = false; /* a comma between two names before */
  bool quoted = false; /* a quotation mark after a determiner: the “rogue
                        * officers” */
  while (e < t1 && e < i + 14) {
    const struct token *k = &a->t[e];
    if (k->type == T_QOPEN && !quoted && e > i && e + 1 < t1 &&
        a->t[e - 1].type == T_WORD && determiner(a, a->t[e - 1].low) &&
        quoted_person(a, e + 1, t1)) {
      quoted = true;
      e++;
      continue;
    }
    if (k->type == T_QCLOSE && quoted) {
      quoted = false;
      e++;
      continue;
    }
    if (cl_boundary(a, e))
      break;
    if (is_punct(k, ".") && e > i) { /* "Mr. Obama" */
      e++;
      continue;
    }
    if (list_sep(a, k)) {
      size_t n = e + 1;
      while (n < t1 && list_sep(a, &a->t[n]))
        n++;
      if (n >= t1 || np_stop(a, n) || cue_after(a, k, n, t1))
        break;
      /* "from unions, and the mayor came ...": ", and" with no list
       * before it opens a clause ("X, Y, and Z" is a list), unless a
       * name follows that no verb does ("the United States, and Great
       * Britain.") */
      bool comma_and = is_punct(k, ",") && n > e + 1;
      if (comma_and && !listed &&
          (!(a->t[n].flags & F_CAP) || clause_after_list(a, n, t1)))
        break;
      listed = listed || (is_punct(k, ",") && n == e + 1);
      e = n;
      continue;
    }
    if (np_stop(a, e) || (e > i && (time_word(a, e, t1) || np_tail(a, e))))
      break;
    e++;
  }
  return e;
}

/* A claimant phrase at [i, e) may go on through "of": "some of his
 * rivals", "a string of Tory MPs", "members of the council" name people
 * by a part of a group.  Returns where it ends. */
static size_t partitive(const struct analysis *a, size_t i, size_t e,
                        size_t t1) {
  if (e <= i || e + 1 >= t1 || !low_eq(&a->t[e], "of") ||
      a->t[e - 1].type != T_WORD)
    return e;
  const char *h = a->t[e - 1].low;
  bool part = fw_is(a, h, PC_FW_QUANT) || fw_is(a, h, PC_FW_NUM) ||
              fw_is(a, h, PC_FW_PEOPLE) || fw_is(a, h, PC_FW_AGENT) ||
              is_role_word(a, e - 1) || fw_is(a, h, PC_FW_PARTOF);
  if (!part || !object_start(a, e + 1, t1))
    return e; /* "accused by prosecutors of taking" */
  size_t f = right_list(a, e + 1, t1);
  return f > e + 1 ? f : e;
}

/* A list of noun phrases ending at `end`. */
static size_t left_list(const struct analysis *a, size_t lo, size_t end) {
  size_t b = end;
  while (b > lo && end - b < 14) {
    const struct token *k = &a->t[b - 1];
    if (list_sep(a, k) && b > lo + 1 && a->t[b - 2].type == T_WORD &&
        !np_stop(a, b - 2) && !time_word(a, b - 2, end) &&
        !function_cap(a, a->t[b - 2].low) && b < end &&
        ((a->t[b].flags & F_CAP) || fw_is(a, a->t[b].low, PC_FW_POSS))) {
      /* "Tom Bell and his brother were accused" */
      b--;
      continue;
    }
    if (is_punct(k, ".") && b > lo + 1 && a->t[b - 2].ent >= 0 &&
        in_list_of(a, &a->lex->honorifics, a->t[b - 2].low)) {
      b--; /* "Acme Corp. was behind it": the abbreviation ends a name */
      continue;
    }
    if (np_stop(a, b - 1))
      break;
    b--;
  }
  return b;
}

/* The innermost quote holding token i's bytes, or -1. */
static int quote_holding(const struct analysis *a, size_t i) {
  int best = -1;
  uint32_t bl = a->t[i].block, pos = a->t[i].s;
  for (size_t q = a->sent_q0; q < a->nq; q++) {
    const struct found_quote *x = &a->q[q];
    if (x->block == bl && x->s <= pos && pos < x->e &&
        (best < 0 || x->e - x->s < a->q[best].e - a->q[best].s))
      best = (int)q;
  }
  return best;
}

static bool first_person_word(const struct analysis *a, size_t i) {
  static const char *const fp[] = {"i", "we", "me", "us", "our", "my"};
  for (size_t k = 0; k < sizeof fp / sizeof *fp; k++)
    if (low_eq(&a->t[i], fp[k]))
      return true;
  return false;
}

/* "I", "we", "us": the speaker of the quote they stand in. */
static char *first_person(const struct analysis *a, size_t i) {
  if (!first_person_word(a, i))
    return NULL;
  int q = quote_holding(a, i);
  return q >= 0 && a->q[q].speaker ? strdup(a->q[q].speaker) : NULL;
}

/* Whether a speaker known by no entity is an organisation by its noun
 * ("utility", "state-owned company": the last word a head of the
 * organisation list). */
static bool org_noun_speaker(const struct analysis *a, const char *name) {
  const char *w = strrchr(name, ' ');
  w = w ? w + 1 : name;
  return w[0] >= 'a' && w[0] <= 'z' && org_head(a, w);
}

/* "it" in an organisation's indirect report ("Acme said it had nothing
 * to do with the fire", "The utility said it ..."): the organisation. */
static char *report_it(const struct analysis *a, size_t i) {
  if (!low_eq(&a->t[i], "it") && !low_eq(&a->t[i], "its"))
    return NULL; /* "said its fighters shot down": its own */
  int q = quote_holding(a, i);
  if (q < 0 || a->q[q].kind != PC_QUOTE_INDIRECT || !a->q[q].speaker)
    return NULL;
  int e = a->q[q].ent;
  for (size_t k = 0; e < 0 && k < a->nen; k++)
    if (strcmp(a->en[k].name, a->q[q].speaker) == 0)
      e = (int)k; /* "Acme Corp. said it": the speaker's entity by name */
  if (e >= 0 ? a->en[e].type == PC_ENTITY_PERSON
             : !org_noun_speaker(a, a->q[q].speaker))
    return NULL;
  return strdup(a->q[q].speaker);
}

/* Whether w names a person by what they did or are ("attacker",
 * "suspect", "gunman", "driver"): a role word, or a noun ending so
 * (data: doer). */
static bool person_noun(const struct analysis *a, const char *w) {
  if (strlen(w) < 4 || strchr(w, ' ') || !(w[0] >= 'a' && w[0] <= 'z'))
    return false;
  return in_list_of(a, &a->lex->roles, w) || pc_att_ending(a, w, PC_FW_DOER, 3);
}

/* "Authorities say the attacker tried to steal ... employees said he
 * tried to steal a van": "he" stands for the person a claim before it
 * accused by a noun ("attacker"), when no person was named since. */
static const char *accused_role(const struct analysis *a, size_t i) {
  const struct found_claim *c = NULL;
  for (size_t k = a->nc; k-- > 0 && !c;)
    if (a->c[k].at < i && a->c[k].naccused && !a->c[k].deny &&
        person_noun(a, a->c[k].accused[0]))
      c = &a->c[k];
  if (!c)
    return NULL;
  for (size_t k = c->at; k < i; k++)
    if (a->t[k].ent >= 0 && a->en[a->t[k].ent].type == PC_ENTITY_PERSON)
      return NULL; /* a person named since */
  return c->accused[0];
}

/* A pronoun alone ("him", "she", "his"): the person it stands for. */
static char *pronoun_name(const struct analysis *a, size_t i, bool *found) {
  const char *w = a->t[i].low;
  *found = true;
  int g = fw_is(a, w, PC_FW_OBJM) || strcmp(w, "his") == 0 ? 'm'
          : fw_is(a, w, PC_FW_OBJF)                        ? 'f'
                                    : list_tag_of(a, &a->lex->pronouns, w);
  if (g == 'm' || g == 'f') {
    const char *role = accused_role(a, i);
    if (role)
      return strdup(role);
    int e = pc_att_last_person_g(a, i, g);
    return e >= 0 ? strdup(a->en[e].name) : NULL;
  }
  char *s = a->t[i].in_span >= 0 ? first_person(a, i) : report_it(a, i);
  *found = s != NULL;
  return s;
}

/* Whether [t0, t1) is a thing a body or person is answerable for: a head
 * that names no one (not a body, its agents or a role). */
static bool thing_head(const struct analysis *a, size_t t0, size_t t1) {
  while (t1 > t0 && a->t[t1 - 1].type != T_WORD)
    t1--;
  if (t1 <= t0 || (a->t[t1 - 1].flags & F_CAP))
    return false;
  const char *h = a->t[t1 - 1].low;
  return !org_head(a, h) && !fw_is(a, h, PC_FW_AGENT) &&
         !fw_is(a, h, PC_FW_PEOPLE) && !is_role_word(a, t1 - 1);
}

/* "Obama's foreign policy", "the mayor's about-face": an act or a
 * quality of a named one holds its owner to account (the scorer and
 * the gold name the owner); "Acme's lawyers" are people of their own. */
static bool owner_named(const struct analysis *a, size_t t0, size_t t1) {
  int e = a->t[t0].ent;
  size_t i = t0;
  while (i < t1 && a->t[i].ent == e)
    i++;
  if (i == t0 || i >= t1 || a->t[i].type != T_WORD)
    return false;
  bool gen = pc_att_ending(a, a->t[i - 1].low, PC_FW_GEN, 1) ||
             (low_eq(&a->t[i], "'s") && ++i < t1);
  return gen && thing_head(a, i, t1);
}

/* "his company", "her staff": the thing of the person the possessive
 * stands for, by surname ("Bell's company"); NULL when it stands for no one
 * known or is a pronoun alone. */
static char *owned(const struct analysis *a, size_t t0, size_t t1, bool *en) {
  while (t1 > t0 && a->t[t1 - 1].type != T_WORD)
    t1--;
  if (t1 < t0 + 2 || a->t[t0].type != T_WORD ||
      !fw_is(a, a->t[t0].low, PC_FW_POSS) || a->t[t0 + 1].type != T_WORD ||
      a->t[t1 - 1].ent >= 0)
    return NULL; /* "her rival Donald Trump" is Donald Trump */
  bool found = false;
  int pe = t0 >= 2 && fw_is(a, a->t[t0 - 1].low, PC_FW_CONJ)
               ? a->t[t0 - 2].ent : -1; /* "Priebus and his allies" */
  char *o = pe >= 0 && a->en[pe].type == PC_ENTITY_PERSON
                ? strdup(a->en[pe].name)
                : pronoun_name(a, t0, &found);
  if (!o)
    return NULL;
  if (thing_head(a, t0 + 1, t1) ||
      (low_eq(&a->t[t0], "its") && fw_is(a, a->t[t1 - 1].low, PC_FW_AGENT))) {
    *en = true; /* "criticized his handling of it": him; "its fighters":
                 * the body itself, as "U.S. forces" are the U.S. */
    return o;
  }
  char *rest = pc_att_np_text(a, t0 + 1, t1);
  const char *sur = strrchr(o, ' '); /* a person as a later mention names
                                      * them: "Bloomberg's company" */
  sur = sur ? sur + 1 : o;
  if (sur > o + 1 && strlen(sur) <= 3 &&
      (sur[0] == 'I' || strchr(sur, '.') || sur[1] == 'r')) {
    const char *p = sur - 1; /* "Jr.", "III": the word before */
    while (p > o && p[-1] != ' ')
      p--;
    size_t l = (size_t)(sur - 1 - p);
    char *w = strndup(p, l);
    if (w) {
      free(o);
      o = w;
      sur = o;
    }
  }
  size_t n = strlen(sur) + (rest ? strlen(rest) : 0) + 4;
  char *s = rest ? malloc(n) : NULL;
  if (s) {
    snprintf(s, n, "%s's %s", sur, rest);
    /* someone to hold to account only when the thing is a body or
     * people: "his company", "her aides", not "her support" */
    const char *h = a->t[t1 - 1].low;
    *en = org_head(a, h) || fw_is(a, h, PC_FW_AGENT) || is_role_word(a, t1 - 1);
  }
  free(o);
  free(rest);
  return s;
}

/* Participles before a name ("sentenced sobbing Tom Bell", "jailed
 * Tom Bell"): up to two lower-case -ing/-ed words; where the name starts,
 * or t0 when no name follows them. */
static size_t skip_participles(const struct analysis *a, size_t t0,
                               size_t t1) {
  size_t i = t0;
  while (i < t1 && i < t0 + 2 && a->t[i].type == T_WORD &&
         !(a->t[i].flags & F_CAP) && a->t[i].ent < 0) {
    size_t n = strlen(a->t[i].low);
    if (!(n > 4 && (strcmp(a->t[i].low + n - 3, "ing") == 0 ||
                    strcmp(a->t[i].low + n - 2, "ed") == 0)))
      return t0;
    i++;
  }
  return i > t0 && i < t1 && a->t[i].ent >= 0 ? i : t0;
}

/* Whether the name has the lower-case word w as a word of its own. */
static bool name_has(const char *name, const char *w) {
  size_t n = strlen(w);
  for (const char *p = name; *p;) {
    const char *e = strchr(p, ' ');
    size_t l = e ? (size_t)(e - p) : strlen(p);
    if (l == n && strncasecmp(p, w, n) == 0)
      return true;
    p += l;
    while (*p == ' ')
      p++;
  }
  return false;
}

/* Whether the word at k titles role r: the role itself ("Senator Mary
 * Cole") or an abbreviation that opens it ("Sen.", "Gov.", "Gen.").
 * The word after k is where a name starts. */
static bool titles_role(const struct analysis *a, size_t k, const char *r) {
  const struct token *t = &a->t[k];
  if (t->type != T_WORD || !(t->flags & F_CAP))
    return false;
  if (strcmp(t->low, r) == 0)
    return true;
  size_t n = strlen(t->low);
  return n >= 3 && strncmp(r, t->low, n) == 0 &&
         in_list_of(a, &a->lex->honorifics, t->low);
}

/* "Sen. Mary Cole ... the senator": a role alone that the speaker stage
 * resolves to no one (the entity stage keeps no role for a title) stands
 * for the person last named with that title before `at`.  The name, or
 * NULL. */
static const char *titled_mention(const struct analysis *a, size_t at,
                                  const char *r) {
  if (fw_is(a, r, PC_FW_AGENT))
    return NULL; /* "the police": a body, though "Police" may title a name
                  * ("Inspector-General of Police Ray Dunn") */
  for (size_t k = at; k-- > 1;) {
    int e = a->t[k].ent;
    if (e < 0 || a->t[k - 1].ent == e || a->en[e].type != PC_ENTITY_PERSON)
      continue; /* only where a person's mention starts */
    size_t b = k - 1;
    if (is_punct(&a->t[b], ".") && b > 0)
      b--; /* "Sen." */
    if (a->t[b].block == a->t[k].block && titles_role(a, b, r))
      return a->en[e].name;
  }
  return NULL;
}

/* A passive's agent ("by ...") that is a body's noun (data agent)
 * before the noun of its deed and the deed's preposition, no name in the
 * phrase: "precipitated by government pressure on banks" names the
 * government (not "by government officials": agents; not "criticized
 * the intelligence community on Monday": no agent). */
static bool agent_deed(const struct analysis *a, size_t t0, size_t t1) {
  const struct token *k = &a->t[t0], *d = &a->t[t0 + 1];
  if (t0 == 0 || !low_eq(&a->t[t0 - 1], "by") || t1 < t0 + 2 ||
      t0 + 2 >= a->nt || a->t[t0 + 2].type != T_WORD ||
      !preposition(a, a->t[t0 + 2].low))
    return false; /* the preposition may end the phrase as cut */
  if (k->type != T_WORD || d->type != T_WORD || (k->flags & F_CAP) ||
      (d->flags & F_CAP) || !fw_is(a, k->low, PC_FW_AGENT) ||
      fw_is(a, d->low, PC_FW_AGENT) || stop_word(a, d->low) ||
      is_role_word(a, t0 + 1) || fw_is(a, d->low, PC_FW_PEOPLE) ||
      org_head(a, d->low) || fw_is(a, d->low, PC_FW_BODY))
    return false;
  for (size_t i = t0; i < t1; i++)
    if (a->t[i].ent >= 0)
      return false;
  return true;
}

/* The display name of a noun phrase: its entity's when it is one, or
 * (agent) when only nouns for the entity's agents follow it; "the mayor"
 * as the person last named so.  *ent: whether it names someone known. */
static char *np_name_ex(struct analysis *a, size_t t0, size_t t1, bool agent,
                        bool *ent) {
  bool dummy;
  bool *en = ent ? ent : &dummy;
  *en = false;
  size_t d0 = t0;
  if (t1 - t0 == 1 && fw_is(a, a->t[t0].low, PC_FW_POSS)) { /* "his fault" */
    bool found = false;
    char *s = pronoun_name(a, t0, &found);
    *en = s != NULL;
    return s;
  }
  char *own = owned(a, t0, t1, en);
  if (own)
    return own;
  while (t0 < t1 && (determiner(a, a->t[t0].low) || a->t[t0].type != T_WORD))
    t0++;
  while (t1 > t0 && a->t[t1 - 1].type != T_WORD)
    t1--;
  if (t1 <= t0)
    return NULL;
  if (t1 - t0 == 1) { /* "she accused him": the people they stand for */
    bool found = false;
    char *s = pronoun_name(a, t0, &found);
    if (found || s) {
      *en = s != NULL;
      return s;
    }
  }
  t0 = skip_participles(a, t0, t1);
  while (
      t0 + 1 < t1 && a->t[t0].ent < 0 && a->t[t0 + 1].ent >= 0 &&
      a->en[a->t[t0 + 1].ent].type == PC_ENTITY_PERSON &&
      (a->t[t0].flags & F_CAP) &&
      (is_role_word(a, t0) || in_list_of(a, &a->lex->honorifics, a->t[t0].low)))
    t0++; /* "President Mary Cole": the person */
  int e = a->t[t0].ent;
  bool one = e >= 0;
  for (size_t i = t0; i < t1 && one; i++)
    one = a->t[i].ent == e;
  *en = e >= 0;
  if (one)
    return strdup(a->en[e].name);
  if (e >= 0 && owner_named(a, t0, t1))
    return strdup(a->en[e].name);
  if (e >= 0 && agent) {
    /* "U.S. forces in southern Syria": the entity, when only nouns for
     * its agents follow it (up to a preposition) */
    size_t i = t0;
    while (i < t1 && (a->t[i].ent == e || a->t[i].type != T_WORD))
      i++;
    size_t k = i;
    while (k < t1 && a->t[k].type == T_WORD &&
           fw_is(a, a->t[k].low, PC_FW_AGENT))
      k++;
    if (k > i && (k == t1 || stop_word(a, a->t[k].low)))
      return strdup(a->en[e].name);
  }
  if (e < 0 && t1 - t0 >= 2 && agent_deed(a, t0, t1)) {
    *en = true; /* "government pressure on banks": the government */
    return pc_att_np_text(a, t0, t0 + 1);
  }
  if (t1 - t0 == 1 &&
      (stop_word(a, a->t[t0].low) || function_cap(a, a->t[t0].low) ||
       in_list_of(a, &a->lex->pronouns, a->t[t0].low) ||
       low_eq(&a->t[t0], "them")))
    return NULL; /* "who", "it", "they", an unresolved "them" name no one */
  if (e < 0 && d0 < t0 && t1 - t0 <= 2 &&
      (is_role_word(a, t1 - 1) || org_head(a, a->t[t1 - 1].low))) {
    /* "the mayor", "the company": the one last named so; an
     * organisation only when its name has the word ("Acme Power
     * Company", not whatever body was named last for "the government") */
    struct speaker_ref w = pc_att_resolve_np(a, d0, t1);
    /* a noun any firm may be called ("the company") stands for the
     * firm the speaker stage resolves it to, as it does for speakers */
    bool firm = w.ent >= 0 && fw_is(a, a->t[t1 - 1].low, PC_FW_FIRM) &&
                a->en[w.ent].type != PC_ENTITY_PERSON;
    if (w.name && w.ent >= 0 &&
        (is_role_word(a, t1 - 1) || firm ||
         name_has(w.name, a->t[t1 - 1].low))) {
      char *s = strdup(w.name);
      who_free(&w);
      *en = true;
      return s;
    }
    /* not an apposition to a name ("Cruz, the senator from Texas") */
    bool appos =
        d0 >= 2 && is_punct(&a->t[d0 - 1], ",") && a->t[d0 - 2].ent >= 0;
    const char *tn = w.name && w.ent < 0 && !appos && is_role_word(a, t1 - 1)
                         ? titled_mention(a, d0, a->t[t1 - 1].low)
                         : NULL;
    who_free(&w);
    if (tn) {
      *en = true;
      return strdup(tn);
    }
  }
  return pc_att_np_text(a, t0, t1);
}

static char *np_name(struct analysis *a, size_t t0, size_t t1, bool agent) {
  return np_name_ex(a, t0, t1, agent, NULL);
}

/* "the authorities", "the police", "the company": a definite phrase
 * whose head is a noun for an institution or its agents names someone
 * as surely as a name does. */
static bool definite_agent(const struct analysis *a, size_t t0, size_t t1) {
  while (t1 > t0 && a->t[t1 - 1].type != T_WORD)
    t1--;
  if (t1 < t0 + 2 || !low_eq(&a->t[t0], "the"))
    return false;
  /* "the utility's fault": the head without its possessive */
  char h[64];
  size_t n = strlen(a->t[t1 - 1].low);
  if (n >= sizeof h)
    return false;
  memcpy(h, a->t[t1 - 1].low, n + 1);
  pc_att_strip_possessive(a, h);
  return fw_is(a, h, PC_FW_AGENT) || org_head(a, h);
}

/* A name no list knows that still names someone: capitalised words
 * inside a sentence ("denied that Obama caused it"), none of them a word
 * that is capitalised for other reasons. */
static bool proper_name(const struct analysis *a, size_t t0, size_t t1) {
  while (t0 < t1 && determiner(a, a->t[t0].low))
    t0++;
  while (t1 > t0 && a->t[t1 - 1].type != T_WORD)
    t1--;
  if (t1 <= t0 || t1 > t0 + 4 || (a->t[t0].flags & F_SENT) ||
      (t0 > 0 && (a->t[t0 - 1].type == T_QOPEN || is_end_punct(&a->t[t0 - 1]) ||
                  is_punct(&a->t[t0 - 1], ":"))))
    return false; /* "Probable cause": the first word of what is quoted */
  for (size_t k = t0; k < t1; k++) {
    if (is_punct(&a->t[k], ".") && k > t0 &&
        in_list_of(a, &a->lex->honorifics, a->t[k - 1].low))
      continue; /* "Mr. O'Brien" */
    if (a->t[k].type != T_WORD || !(a->t[k].flags & F_CAP) ||
        function_cap(a, a->t[k].low) ||
        in_list_of(a, &a->lex->pronouns, a->t[k].low))
      return false;
  }
  return true;
}

/* A verb or a clause after a list separator: "and called for", "and
 * asked him", "though he added", ", spoke" go on with the sentence, they
 * name no one more. */
static bool clause_after_list(const struct analysis *a, size_t i, size_t t1) {
  int e = a->t[i].ent; /* ", Mary Cole defended her record" */
  while (e >= 0 && i + 1 < t1 && a->t[i].ent == e)
    i++;
  const struct token *k = &a->t[i];
  if (k->type != T_WORD || (k->flags & F_CAP) || (e >= 0 && k->ent >= 0))
    return false;
  size_t n = strlen(k->low);
  uint64_t verb = (uint64_t)1 << PC_FW_SUB | (uint64_t)1 << PC_FW_VPAST |
                  (uint64_t)1 << PC_FW_AUX | (uint64_t)1 << PC_FW_MODAL;
  return (n > 4 && (strcmp(k->low + n - 3, "ing") == 0 ||
                    strcmp(k->low + n - 2, "ed") == 0)) ||
         k->cue || (fw_of(a, k->low) & verb) != 0;
}

/* Splits [t0, t1) at list separators into up to 8 names; *ent: whether
 * one of them names someone known. */
static size_t split_names(struct analysis *a, size_t t0, size_t t1, char **out,
                          bool *ent) {
  size_t n = 0, s = t0;
  *ent = false;
  for (size_t i = t0; i <= t1 && n < 8; i++) {
    if (s > t0 && i == s && clause_after_list(a, s, t1))
      break; /* "criticized X and called for ...": the list ends at X */
    if (i == t1 || list_sep(a, &a->t[i])) {
      bool e = false;
      char *name = i > s ? np_name_ex(a, s, i, true, &e) : NULL;
      if (name && fw_is(a, name, PC_FW_QUANT) && !strchr(name, ' ')) {
        free(name); /* "blaming others": no one in particular */
        name = NULL;
      }
      e = e || (name && (definite_agent(a, s, i) || proper_name(a, s, i)));
      for (size_t k = 0; name && k < n; k++)
        if (strcmp(out[k], name) == 0) { /* "Trump and his rhetoric" */
          *ent = *ent || e;
          free(name);
          name = NULL;
        }
      if (name && *name) {
        out[n++] = name;
        *ent = *ent || e;
      } else {
        free(name);
      }
      s = i + 1;
    }
  }
  return n;
}

/* An auxiliary with its negation in one word ("didn't", "can't",
 * "doesn’t": a token writes ’ as '): its length without the "n't", or
 * 0. */
static size_t neg_aux(const struct token *k) {
  if (k->type != T_WORD)
    return 0;
  size_t n = strlen(k->low);
  if (n < 4 || k->low[n - 1] != 't') /* most words: no "t" at the end */
    return 0;
  return memcmp(k->low + n - 3, "n't", 3) == 0 ? n - 3 : 0;
}

/* A negation in [from - 3, to); the words before `from` only up to a
 * comma ("Although X was not charged, he accused ..." accuses). */
static bool negated(const struct analysis *a, size_t from, size_t to) {
  size_t lo = from > 3 ? from - 3 : 0;
  for (size_t k = from; k > lo; k--)
    if (a->t[k - 1].type == T_PUNCT) {
      lo = k;
      break;
    }
  for (size_t i = lo; i < to; i++)
    if ((fw_is(a, a->t[i].low, PC_FW_NEG) || neg_aux(&a->t[i])) &&
        !(i + 1 < a->nt && low_eq(&a->t[i + 1], "only")))
      return true; /* "not only a liar but": no negation */
  return false;
}

/* "to say that ..." only supposes what follows. */
static bool hedged(const struct analysis *a, size_t t0, size_t at) {
  for (size_t i = at > t0 + 8 ? at - 8 : t0; i + 1 < at; i++)
    if (fw_is(a, a->t[i].low, PC_FW_INF) &&
        fw_is(a, a->t[i + 1].low, PC_FW_HEDGE))
      return true;
  return false;
}

/*** pattern words *********************************************************/

/* Whether t is a form of the lemma stem[0, n): stem, +s, +es, +d, +ed,
 * +ing, e dropped before -ing, y as -ied/-ies, a doubled consonant. */
static bool lemma_form(const char *stem, size_t n, const char *t) {
  if (n < 2)
    return strncmp(t, stem, n) == 0 && t[n] == '\0';
  if (strncmp(t, stem, n - 1) != 0)
    return false;
  const char *r = t + n - 1; /* from the stem's last letter */
  if (*r != stem[n - 1]) {
    if (stem[n - 1] == 'y')
      return strcmp(r, "ied") == 0 || strcmp(r, "ies") == 0;
    return stem[n - 1] == 'e' && strcmp(r, "ing") == 0;
  }
  r++;
  if (!*r || strcmp(r, "s") == 0 || strcmp(r, "es") == 0 ||
      strcmp(r, "ed") == 0 || strcmp(r, "ing") == 0)
    return true;
  if (stem[n - 1] == 'e' && strcmp(r, "d") == 0)
    return true;
  return r[0] == stem[n - 1] &&
         (strcmp(r + 1, "ed") == 0 || strcmp(r + 1, "ing") == 0);
}

/* Whether t (of length l) ends in the suffix s[0, n) after a stem of two
 * letters or more: "*ing" is a gerund ("denied taking", "lying"), not
 * "king" (and match_right drops "anything", data: clnoger). */
static bool suffix_form(const char *s, size_t n, const char *t, size_t l) {
  return l >= n + 2 && memcmp(t + l - n, s, n) == 0;
}

/* Whether token word t matches the pattern word w: a word, a lemma
 * ("blame~"), a suffix ("*ing") or alternatives ("was|were|blame~"). */
static bool word_match(const char *w, const char *t) {
  size_t tl = strlen(t);
  for (;;) {
    /* an alternative that starts with another letter than t's (not a
     * suffix's "*" nor the empty word's "~") cannot match */
    if (w[0] != t[0] && w[0] != '*' && w[0] != '~') {
      w = strchr(w, '|');
      if (!w)
        return false;
      w++;
      continue;
    }
    size_t n = 0;
    while (w[n] && w[n] != '|')
      n++;
    if (n && w[n - 1] == '~') {
      if (lemma_form(w, n - 1, t))
        return true;
    } else if (n > 1 && w[0] == '*') {
      if (suffix_form(w + 1, n - 1, t, tl))
        return true;
    } else if (tl == n && memcmp(w, t, n) == 0) {
      return true;
    }
    if (!w[n])
      return false;
    w += n + 1;
  }
}

/* word_match for word k of pattern p, its first byte and its length
 * asked first: most words of a text start none of the word's
 * alternatives or have none's length, and matching walks them all
 * ("claim|claims|allegation|..."). */
static bool pat_match(const struct pc_phrase *p, size_t k, const char *t) {
  if (p->wfirst && (!((p->wfirst[k] >> ((unsigned char)t[0] & 63)) & 1u) ||
                    !((p->wlen[k] >> (strlen(t) & 63)) & 1u)))
    return false;
  return word_match(p->w[k], t);
}

/* {A} {C} {E} {N} {S}; {Q} and {P} are {C} and {N} written as a
 * possessive ("her accusation", "the utility's fault"), {O} an {E} that
 * opens as an object does ("stabbed a man", not "a troubled marriage"). */
static int slot_of(const char *w) {
  switch (w[1]) {
  case 'a': return 0;
  case 'c':
  case 'q': return 1;
  case 'e':
  case 'o': return 2;
  case 'n':
  case 'p': return 3;
  default: return 4;
  }
}

/* "not", "n't", "never": a negation of the verb after it (not "no",
 * which negates a noun). */
static bool not_word(const struct token *k) {
  return low_eq(k, "not") || low_eq(k, "n't") || low_eq(k, "never");
}

/* An adverb or auxiliary a pattern may skip ("was partly responsible",
 * "has also been blamed"). */
static bool skippable(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  if (k->type != T_WORD || (k->flags & F_CAP))
    return false;
  size_t n = strlen(k->low);
  if (not_word(k) || neg_aux(k))
    return true; /* "was not responsible", "doesn't blame": polarity()
                  * reads the negation */
  return aux_word(a, k->low) || (n > 4 && strcmp(k->low + n - 2, "ly") == 0 &&
                                 !fw_is(a, k->low, PC_FW_NEG));
}

/*** matching **************************************************************/

enum { S_A, S_C, S_E, S_N, S_S, NSLOT };

struct match {
  size_t cap[NSLOT][2];
  bool have[NSLOT];
  size_t b, e;    /* the tokens the pattern's words cover */
  size_t lead;    /* where a leading slot ends (its verb), or SIZE_MAX */
  size_t lead_b;  /* the first token the pattern's words matched */
  bool lead_poss; /* the leading slot is a possessive */
  int lead_slot;
};

/* The clause subject at i ("that he ...", "that the utility ..."): a
 * pronoun, a name with the agent nouns after it, or a short phrase. */
static size_t clause_subject(const struct analysis *a, size_t i, size_t t1) {
  if (i >= t1 || a->t[i].type != T_WORD)
    return i;
  if (in_list_of(a, &a->lex->pronouns, a->t[i].low) || low_eq(&a->t[i], "i") ||
      low_eq(&a->t[i], "we"))
    return i + 1;
  size_t e = i;
  while (e < t1 && e < i + 5 &&
         (a->t[e].type == T_WORD ||
          (is_punct(&a->t[e], ".") && e > i &&
           in_list_of(a, &a->lex->honorifics, a->t[e - 1].low))) &&
         (a->t[e].type != T_WORD || !np_stop(a, e)))
    e++; /* "that Mr. O'Brien had libeled him": the title's dot */
  if (e > i && a->t[e - 1].ent < 0 && a->t[i].ent >= 0) {
    e = i; /* "Russia hid ...": the name, then its agents */
    while (e < t1 &&
           (a->t[e].ent == a->t[i].ent || fw_is(a, a->t[e].low, PC_FW_AGENT)))
      e++;
  }
  if (e > i + 1 && a->t[i].ent < 0 && (a->t[i].flags & F_CAP) &&
      !function_cap(a, a->t[i].low) && !(a->t[e - 1].flags & F_CAP)) {
    e = i; /* "that Obama caused": a name no list knows, then its verb */
    while (e < t1 && a->t[e].type == T_WORD && (a->t[e].flags & F_CAP))
      e++;
  }
  /* "that Obama and Clinton created": names joined by "and" */
  if (e > i && e + 1 < t1 && (a->t[e - 1].flags & F_CAP) &&
      fw_is(a, a->t[e].low, PC_FW_CONJ) && (a->t[e + 1].flags & F_CAP) &&
      !function_cap(a, a->t[e + 1].low)) {
    e++;
    while (e < t1 && a->t[e].type == T_WORD && (a->t[e].flags & F_CAP))
      e++;
  }
  return e;
}

static bool bare_plural(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  size_t n = strlen(k->low);
  return k->type == T_WORD && n > 3 && k->low[n - 1] == 's' &&
         !np_stop(a, i) && strcmp(k->low + n - 3, "ing") != 0;
}

/* Whether a phrase at i may name an agent ("by the mayor", "by Smith",
 * "by prosecutors", "by federal prosecutors", not "by blocking the
 * road"). */
static bool name_start(const struct analysis *a, size_t i, size_t t1) {
  const struct token *k = &a->t[i];
  if (k->type != T_WORD)
    return false;
  if ((k->flags & F_CAP) || determiner(a, k->low) ||
      in_list_of(a, &a->lex->pronouns, k->low))
    return true;
  if ((fw_is(a, k->low, PC_FW_QUANT) || fw_is(a, k->low, PC_FW_NUM)) &&
      i + 1 < t1 && low_eq(&a->t[i + 1], "of"))
    return true; /* "by some of his rivals" */
  size_t n = strlen(k->low);
  return bare_plural(a, i) ||
         (i + 1 < t1 && !np_stop(a, i) && !(n > 3 && strcmp(k->low + n - 3, "ing") == 0) &&
          !(a->t[i + 1].flags & F_CAP) && bare_plural(a, i + 1));
}

/* "tried to", "attempted to" before b: the act is done, if haltingly. */
static size_t tried_to(const struct analysis *a, size_t t0, size_t b) {
  if (b <= t0 + 1 || !low_eq(&a->t[b - 1], "to"))
    return 0;
  if (fw_is(a, a->t[b - 2].low, PC_FW_TRY))
    return 2;
  return b > t0 + 2 && low_eq(&a->t[b - 2], "on") &&
                 fw_is(a, a->t[b - 3].low, PC_FW_TRY)
             ? 3 /* "went on to criticize" */
             : 0;
}

/* A modal or "to" before the predicate at b: "must take responsibility",
 * "refused to blame" say what ought to be, not what is claimed. */
static bool modal_before(const struct analysis *a, size_t t0, size_t b) {
  while (b > t0 && skippable(a, b - 1) && !aux_word(a, a->t[b - 1].low))
    b--; /* "must also", "to publicly" */
  if (tried_to(a, t0, b))
    return false; /* "attempted to apologize" still apologizes */
  if (b > t0) { /* "I'll", "we'll" */
    const char *w = a->t[b - 1].low;
    size_t n = strlen(w);
    if (n > 3 && strcmp(w + n - 3, "'ll") == 0) /* ’ is ' in a token */
      return true;
  }
  if (b <= t0)
    return false;
  const char *w = a->t[b - 1].low;
  return fw_is(a, w, PC_FW_MODAL) || fw_is(a, w, PC_FW_OBLIG) ||
         fw_is(a, w, PC_FW_INF);
}

/* A prepositional phrase before a "that" clause: "alleged in a lawsuit
 * that", "denied in a statement to reporters that".  Returns where the
 * "that" is, or i when there is none within eight words. */
static size_t skip_pp(const struct analysis *a, size_t i, size_t t1) {
  if (a->t[i].type != T_WORD ||
      !(preposition(a, a->t[i].low) || low_eq(&a->t[i], "by")))
    return i; /* "rejected accusations by Mary Cole that" too */
  for (size_t e = i + 1; e < t1 && e < i + 9; e++) {
    if (a->t[e].type != T_WORD)
      return i; /* a comma, a quote: the phrase is not a plain PP */
    if (low_eq(&a->t[e], "that"))
      return e;
  }
  return i;
}

/* An owner right after a verb: "rejected Mary Cole's claims", "admitted
 * his responsibility".  Returns where the owned noun starts, or i. */
static size_t skip_owner(const struct analysis *a, size_t i, size_t t1) {
  if (i >= t1 || a->t[i].type != T_WORD)
    return i;
  if (fw_is(a, a->t[i].low, PC_FW_POSS))
    return i + 1;
  for (size_t e = i; e < t1 && e < i + 4; e++) {
    if (a->t[e].type != T_WORD || !(a->t[e].flags & F_CAP))
      return i;
    if (pc_att_ending(a, a->t[e].low, PC_FW_GEN, 1))
      return e + 1;
  }
  return i;
}

/* A phrase that ends in a name set off by commas, "the chief of police,
 * Tom Bell,": the name names it ([*b, *e)). */
static bool apposed_name(const struct analysis *a, size_t t0, size_t t1,
                         size_t *b, size_t *e) {
  if (t1 < t0 + 4 || !is_punct(&a->t[t1 - 1], ","))
    return false;
  size_t d = t1 - 1, c = d;
  int ent = a->t[d - 1].ent;
  while (c > t0 && ent >= 0 && a->t[c - 1].ent == ent)
    c--;
  if (c == d || c <= t0 + 1 || !is_punct(&a->t[c - 1], ",") ||
      a->en[ent].type != PC_ENTITY_PERSON)
    return false;
  *b = c, *e = d;
  return true;
}

/* Whether token j may modify a noun: a lower-case word that ends no
 * phrase, or a sum ("$5 million"). */
static bool modifier(const struct analysis *a, size_t j) {
  const struct token *k = &a->t[j];
  if (k->type == T_PUNCT)
    return strcmp(k->low, "$") == 0;
  if (k->type != T_WORD || (k->flags & F_CAP))
    return false;
  if (k->low[0] == '$' || (k->low[0] >= '0' && k->low[0] <= '9'))
    return true;
  return !np_stop(a, j) && !fw_is(a, k->low, PC_FW_POSS);
}

/* skip_modifiers leftwards: the noun at bi was matched, word w of the
 * pattern p comes before its modifiers.  Returns bi past them, or bi. */
static size_t skip_modifiers_left(const struct analysis *a,
                                  const struct pc_phrase *p, size_t w,
                                  size_t t0, size_t bi) {
  for (size_t j = bi; j > t0 + 1 && j + 4 > bi; j--) {
    if (!modifier(a, j - 1))
      return bi;
    if (pat_match(p, w, a->t[j - 2].low))
      return determiner(a, a->t[j - 2].low) ||
                     fw_is(a, a->t[bi].low, PC_FW_CHARGE)
                 ? j - 1
                 : bi;
  }
  return bi;
}

/* Words that modify the noun a pattern names: "filed a wrongful death
 * lawsuit against", "rejected the baseless claims that", "repeated
 * unfounded accusations that".  After a determiner, or before a noun
 * for a charge, up to three lower-case words (or a sum: "a $5 million
 * lawsuit") may stand before word w of the pattern p at ti.  Returns where
 * w matches, or ti. */
static size_t skip_modifiers(const struct analysis *a,
                             const struct pc_phrase *p, size_t w, size_t ti,
                             size_t t1) {
  bool det = ti > 0 && determiner(a, a->t[ti - 1].low);
  for (size_t j = ti; j < t1 && j < ti + 4; j++) {
    if (j > ti && pat_match(p, w, a->t[j].low))
      return det || fw_is(a, a->t[j].low, PC_FW_CHARGE) ? j : ti;
    if (!modifier(a, j))
      return ti;
  }
  return ti;
}

/* A relative clause or a prepositional phrase set off by commas after
 * the accused, up to the pattern's next word: "accused the audience,
 * which the party chose, of ..." (right_list ends the name at the
 * comma). */
static bool relative_aside(const struct analysis *a, size_t ti, size_t e) {
  if (e < ti + 4 || !is_punct(&a->t[e - 1], ","))
    return false;
  size_t c = ti;
  while (c < e - 1 && !is_punct(&a->t[c], ","))
    c++;
  return c > ti && c + 2 < e && a->t[c + 1].type == T_WORD &&
         (fw_is(a, a->t[c + 1].low, PC_FW_REL) ||
          preposition(a, a->t[c + 1].low) ||
          fw_is(a, a->t[c + 1].low, PC_FW_LEAD)); /* "held Clinton, during
                                                    * her tenure, responsible" */
}

/* Whether token i opens an object: a name, a pronoun, a determiner, a
 * number, a sum or a quantity ("stabbed him", "defrauded more than 5,000
 * people", "stole $2 million"); a bare noun after a participle is what
 * it modifies ("a battered car", "forged papers"). */
static bool object_start(const struct analysis *a, size_t i, size_t t1) {
  if (i < t1 && a->t[i].low[0] == '$')
    return true;
  if (i >= t1 || a->t[i].type != T_WORD)
    return false;
  const struct token *k = &a->t[i];
  if ((k->flags & F_CAP) || k->ent >= 0 || (k->low[0] >= '0' && k->low[0] <= '9'))
    return true;
  uint64_t obj = (uint64_t)1 << PC_FW_DET | (uint64_t)1 << PC_FW_POSS |
                 (uint64_t)1 << PC_FW_QUANT | (uint64_t)1 << PC_FW_NUM |
                 (uint64_t)1 << PC_FW_OBJM | (uint64_t)1 << PC_FW_OBJF;
  return (fw_of(a, k->low) & obj) != 0 || low_eq(k, "them") ||
         low_eq(k, "us") || low_eq(k, "me") || low_eq(k, "more") ||
         low_eq(k, "any"); /* "did not steal any money" */
}

/* A comma between a verb and its object: the object a second verb
 * shares ("Tom Bell raised, and I rejected, the theory that"), or an
 * aside ("rejected, frankly, the idea"): the object's first word after
 * this comma or the next (within 6 words); else ti itself. */
static size_t comma_object(const struct analysis *a, const struct pc_phrase *p,
                           size_t k, size_t ti, size_t t1) {
  if (ti + 1 < t1 && pat_match(p, k, a->t[ti + 1].low))
    return ti + 1;
  for (size_t j = ti + 1; j < t1 && j < ti + 8 && !cl_boundary(a, j); j++)
    if (is_punct(&a->t[j], ","))
      return j + 1 < t1 && pat_match(p, k, a->t[j + 1].low) ? j + 1 : ti;
  return ti;
}

/* Past the adverbs that open an object ("invited only Tom Bell",
 * "blamed also the mayor"): the name's first token (not a negation,
 * which polarity() reads). */
static size_t skip_focus(const struct analysis *a, size_t b, size_t e) {
  while (b + 1 < e && skippable(a, b) && !not_word(&a->t[b]))
    b++;
  return b;
}

/* A bare noun phrase's first word, a mass noun or an adjective
 * ("stole money", "violated federal law"): a lower-case word of no
 * function-word list, no adverb in -ly and no -ing form. */
static bool bare_noun(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  size_t n = strlen(k->low);
  return k->type == T_WORD && n > 2 && !(k->flags & F_CAP) &&
         fw_of(a, k->low) == 0 && !np_stop(a, i) &&
         strcmp(k->low + n - 2, "ly") != 0 &&
         strcmp(k->low + n - 3, "ing") != 0;
}

/* Whether the verb at v is finite or progressive: not an -ing form
 * unless a form of "be" stands before it ("is stealing money", not
 * "have kidnapping insurance", a gerund as a noun's modifier). */
static bool finite_at(const struct analysis *a, size_t v) {
  size_t n = strlen(a->t[v].low);
  if (n < 5 || strcmp(a->t[v].low + n - 3, "ing") != 0)
    return true;
  while (v > 0 && (not_word(&a->t[v - 1]) ||
                   (skippable(a, v - 1) && !aux_word(a, a->t[v - 1].low))))
    v--; /* "is not", "was quietly" */
  return v > 0 && a->t[v - 1].type == T_WORD &&
         fw_is(a, a->t[v - 1].low, PC_FW_PASS);
}

/* A bare plural or noun phrase (bare_noun) as a deed's object right
 * after its verb at v, the doer named before it: a name, a subject pronoun, a
 * body's or a person's noun ("said Acme misled voters", "the regime killed
 * civilians"); not after an owner or an adjective, where the verb is a
 * participle or a noun before its noun ("Clinton's hacked emails", "deadly
 * assault weapons"). */
static bool plural_object(const struct analysis *a, size_t v, size_t ti,
                          size_t t1) {
  if (ti != v + 1 || ti >= t1 || v == 0 || (a->t[ti].flags & F_CAP) ||
      !((bare_plural(a, ti) && pc_att_plural(a, a->t[ti].low)) ||
        (bare_noun(a, ti) && finite_at(a, v))))
    return false;
  size_t j = v; /* the subject's last word, before auxiliaries and
                 * adverbs ("had misled", "likely hacked", "is ignoring") */
  while (j > 1 &&
         (skippable(a, j - 1) || fw_is(a, a->t[j - 1].low, PC_FW_PASS)))
    j--;
  if (j > 1 && is_punct(&a->t[j - 1], ".") && a->t[j - 2].ent >= 0)
    j--; /* "Acme Corp. ignored warnings" */
  if (j > 2 && is_punct(&a->t[j - 1], ",") && apposed_subject(a, 0, j) > 0)
    return true; /* "the mayor, Tom Bell, had misled investors" */
  const struct token *s = &a->t[j - 1];
  if (s->type != T_WORD || low_eq(s, "'s") ||
      pc_att_ending(a, s->low, PC_FW_GEN, 1))
    return false;
  return s->ent >= 0 || fw_is(a, s->low, PC_FW_SUBJ) ||
         fw_is(a, s->low, PC_FW_AGENT) || fw_is(a, s->low, PC_FW_PEOPLE) ||
         is_role_word(a, j - 1);
}

/* Whether the phrase [b, e) opens with a name's possessive ("Acme
 * Corp.'s plans to open a plant in Mexico"): the owner is the one held
 * to account, however long the thing owned. */
static bool owner_open(const struct analysis *a, size_t b, size_t e) {
  if (b >= e || a->t[b].ent < 0)
    return false;
  size_t k = b;
  while (k + 1 < e && a->t[k + 1].ent == a->t[b].ent)
    k++;
  if (k + 1 < e && is_punct(&a->t[k + 1], "."))
    k++; /* "Corp." */
  if (k + 2 < e && a->t[k + 1].type == T_PUNCT && low_eq(&a->t[k + 2], "s") &&
      is_punct(&a->t[k + 1], "'")) /* ’ is ' in a token */
    return true; /* "Corp.'s" as "Corp", ".", "'", "s" */
  return (k + 1 < e && low_eq(&a->t[k + 1], "'s")) ||
         pc_att_ending(a, a->t[k].low, PC_FW_GEN, 1);
}

/* Pattern word k at token i; a word with its negation in it matches as
 * its auxiliary ("wasn't responsible" as "was responsible": polarity()
 * reads the negation). */
static bool tok_match(const struct analysis *a, const struct pc_phrase *p,
                      size_t k, size_t i) {
  if (pat_match(p, k, a->t[i].low))
    return true;
  size_t n = neg_aux(&a->t[i]);
  char w[16];
  if (!n || n >= sizeof w)
    return false;
  memcpy(w, a->t[i].low, n);
  w[n] = '\0';
  return pat_match(p, k, w);
}

/* An accused list of parties runs longer than one phrase: "sued Acme
 * Corp. and its chief executive, Tom Bell" (a comma or a conjunction
 * before a name or a possessive; not a dash, which opens an aside). */
static bool party_list(const struct analysis *a, int slot, size_t ti,
                       size_t e) {
  if (slot != S_A && slot != S_N)
    return false;
  for (size_t k = ti + 1; k + 1 < e; k++)
    if ((is_punct(&a->t[k], ",") || fw_is(a, a->t[k].low, PC_FW_CONJ)) &&
        a->t[k + 1].type == T_WORD &&
        ((a->t[k + 1].flags & F_CAP) || fw_is(a, a->t[k + 1].low, PC_FW_POSS)))
      return true;
  return false;
}

/* 1 when an accused slot would end empty at ti on the object "it" right
 * after the anchor i ("accusing it of", "sued it": object_it), else 0. */
static size_t lone_it(const struct analysis *a, int slot, size_t i, size_t ti,
                      size_t e) {
  return e == ti && ti == i + 1 && (slot == S_A || slot == S_N) &&
         low_eq(&a->t[ti], "it");
}

/* Two verbs in the past joined by "and" or "or" share the object after
 * the second: "Tom Bell betrayed and abandoned the miners" (the verb
 * at v, the word after it at ti).  Returns where the object starts: ti
 * past the second verb, or ti. */
static size_t shared_object(const struct analysis *a, size_t v, size_t ti,
                            size_t t1) {
  size_t n = strlen(a->t[v].low), l;
  if (ti + 2 >= t1 || n < 4 || strcmp(a->t[v].low + n - 2, "ed") != 0 ||
      !(low_eq(&a->t[ti], "and") || low_eq(&a->t[ti], "or")))
    return ti;
  const struct token *k = &a->t[ti + 1];
  l = strlen(k->low);
  if (k->type != T_WORD || (k->flags & F_CAP) || l < 4 ||
      strcmp(k->low + l - 2, "ed") != 0 || !object_start(a, ti + 2, t1))
    return ti;
  return ti + 2;
}

/* Matches the words after the anchor (at index an, token i). */
static bool match_right(const struct analysis *a, const struct pc_phrase *p,
                        size_t an, size_t i, size_t t1, struct match *m) {
  size_t ti = i;
  for (size_t k = an; k < p->n; k++) {
    const char *w = p->w[k];
    if (w[0] != '{') {
      while (k > an && ti < t1 && ti < i + 12 && skippable(a, ti) &&
             !tok_match(a, p, k, ti))
        ti++;
      if (k > an && ti < t1 && strcmp(w, "that") == 0 && time_word(a, ti, t1))
        ti += fw_is(a, a->t[ti].low, PC_FW_WHEN) ? 1 : 2; /* "stories last
                                                           * year that" */
      if (k > an && ti < t1 && strcmp(w, "that") == 0)
        ti = skip_pp(a, ti, t1);
      if (k == an + 1 && ti < t1 && is_punct(&a->t[ti], ",") && w[0] != '*')
        ti = comma_object(a, p, k, ti, t1);
      if (k == an + 1 && ti < t1 && !tok_match(a, p, k, ti))
        ti = skip_owner(a, ti, t1);
      if (k > an && ti < t1 && !tok_match(a, p, k, ti))
        ti = skip_modifiers(a, p, k, ti, t1);
      bool quoted = k > an && ti + 1 < t1 && a->t[ti].type == T_QOPEN &&
                    pat_match(p, k, a->t[ti + 1].low);
      ti += quoted; /* a word the writer quotes: admitted to "forgetting" */
      if (ti >= t1 || !tok_match(a, p, k, ti))
        return false;
      if (w[0] == '*' && (fw_is(a, a->t[ti].low, PC_FW_STOP) ||
                          function_cap(a, a->t[ti].low) ||
                          pc_att_ending(a, a->t[ti].low, PC_FW_CLNOGER, 0)))
        return false; /* "admitted during an interview": no gerund */
      ti++;
      if (quoted && ti < t1 && a->t[ti].type == T_QCLOSE)
        ti++;
      continue;
    }
    int slot = slot_of(w);
    size_t e = ti;
    if (k + 1 == p->n) { /* trailing slot */
      if (slot == S_E) {
        if (w[1] == 'o')
          ti = shared_object(a, i, ti, t1);
        if (w[1] == 'o' && !object_start(a, ti, t1) &&
            !plural_object(a, i, ti, t1))
          return false;
        bool quoted = w[1] == 'e' && ti + 1 < t1 && a->t[ti].type == T_QOPEN;
        e = ti += quoted; /* mocked X for “having a tough night” */
        while (e < t1 && !cl_boundary(a, e) && !is_punct(&a->t[e], ",") &&
               e < ti + 8)
          e++;
      } else {
        if (slot != S_S && ti + 1 < t1 && a->t[ti].type == T_QOPEN)
          ti++; /* blamed the law on “careless politicians” */
        e = slot == S_S ? clause_subject(a, ti, t1) : right_list(a, ti, t1);
        e += lone_it(a, slot, i, ti, e);
        if (slot == S_C)
          e = partitive(a, ti, e, t1);
        if (e == ti || (slot == S_C && !name_start(a, ti, t1)))
          return false;
      }
    } else { /* slot between literals: up to 8 tokens; 12 for a name in
              * apposition, 16 for an event told at length ("blamed the
              * fire that swept through the old mill ... on the owner"),
              * 18 for an accused a relative clause follows */
      size_t lim = slot == S_E ? 16 : slot == S_A || slot == S_N ? 18 : 12;
      while (e < t1 && e < ti + lim && !pat_match(p, k + 1, a->t[e].low) &&
             !cl_boundary(a, e))
        e++;
      if (e >= t1 || e == ti || !pat_match(p, k + 1, a->t[e].low))
        return false;
    }
    /* "criticized X in parliament over ... for": X; "the chief, Tom
     * Bell,": the name */
    size_t cb = ti, ce = e;
    bool apposed = (slot == S_A || slot == S_N || slot == S_C) &&
                   apposed_name(a, ti, e, &cb, &ce);
    bool aside = (slot == S_A || slot == S_N) && relative_aside(a, ti, e);
    if (e > ti + (apposed || party_list(a, slot, ti, e) ? 12 : 8) && !aside &&
        slot != S_E && !(slot == S_N && owner_open(a, ti, e)))
      return false;
    if ((slot == S_A || slot == S_N) && !apposed)
      cb = skip_focus(a, cb, e);
    if ((slot == S_A || slot == S_N) && !apposed)
      ce = right_list(a, cb, e);
    ce += lone_it(a, slot, i, cb, ce);
    if (ce == cb)
      return false;
    m->cap[slot][0] = cb, m->cap[slot][1] = ce, m->have[slot] = true;
    ti = e;
  }
  m->e = ti;
  return true;
}

/* The owner before a charge's noun at bi, skipped when the pattern's
 * word k stands before it ("rejected Tom Bell's claim that", "denied
 * her allegation that"): the owner's first token, or bi. */
static size_t owner_left(const struct analysis *a, const struct pc_phrase *p,
                         size_t k, size_t t0, size_t bi) {
  size_t b = bi - 1;
  const struct token *o = &a->t[b];
  if (o->type != T_WORD)
    return bi;
  if (low_eq(o, "'s") && b > t0)
    o = &a->t[--b];
  else if (!fw_is(a, o->low, PC_FW_POSS) &&
           !((o->flags & F_CAP) && pc_att_ending(a, o->low, PC_FW_GEN, 1)))
    return bi;
  if (!fw_is(a, o->low, PC_FW_POSS))
    while (b > t0 + 1 && bi - b < 5 && a->t[b - 1].type == T_WORD &&
           (a->t[b - 1].flags & F_CAP) && !pat_match(p, k, a->t[b - 1].low))
      b--; /* "Tom Bell's": the whole name */
  return b > t0 && pat_match(p, k, a->t[b - 1].low) ? b : bi;
}

/* Earlier items of a list of predicates before the one at bi, back to
 * the copula (the pattern's word k): "is a “loser,” a “liar” and",
 * "is “a basket case” and “a liar”".  The copula's next token, or bi
 * when words other than the items' (a name, a cue, a clause's mark)
 * stand between. */
static size_t list_left(const struct analysis *a, const struct pc_phrase *p,
                        size_t k, size_t t0, size_t bi) {
  const struct token *s = &a->t[bi - 1];
  if (!is_punct(s, ",") && !low_eq(s, "and") && s->type != T_QCLOSE)
    return bi;
  for (size_t j = bi - 1; j > t0 && bi - j < 12; j--) {
    const struct token *x = &a->t[j - 1];
    if (x->type == T_WORD && pat_match(p, k, x->low))
      return j;
    if ((x->type == T_WORD && (x->cue || x->ent >= 0)) ||
        (x->type == T_PUNCT && !is_punct(x, ",")))
      return bi;
  }
  return bi;
}

/* comma_object leftwards: the verb before a comma that ends an aside or
 * a second verb sharing the object ("raised, and I rejected, the"): the
 * token after the verb, or bi itself. */
static size_t comma_verb(const struct analysis *a, const struct pc_phrase *p,
                         size_t k, size_t t0, size_t bi) {
  if (bi > t0 + 1 && pat_match(p, k, a->t[bi - 2].low))
    return bi - 1;
  for (size_t j = bi - 1; j > t0 + 1 && j + 8 > bi && !cl_boundary(a, j - 1);
       j--)
    if (is_punct(&a->t[j - 1], ","))
      return j > t0 + 1 && pat_match(p, k, a->t[j - 2].low) ? j - 1 : bi;
  return bi;
}

/* Matches the words before the anchor, leftwards from token i; a slot
 * that starts the pattern is left to claim_left (m->lead). */
static bool match_left(const struct analysis *a, const struct pc_phrase *p,
                       size_t an, size_t t0, size_t i, struct match *m) {
  size_t bi = i;
  m->lead = SIZE_MAX;
  for (size_t k = an; k-- > 0;) {
    const char *w = p->w[k];
    if (w[0] != '{') {
      size_t lim = bi;
      while (bi > t0 && bi + 3 > lim &&
             (skippable(a, bi - 1) || a->t[bi - 1].type == T_QOPEN) &&
             !tok_match(a, p, k, bi - 1))
        bi--; /* "as “largely responsible”" */
      if (bi > t0 + 1 && is_punct(&a->t[bi - 1], ",") &&
          !pat_match(p, k, ","))
        bi = comma_verb(a, p, k, t0, bi);
      if (bi > t0 && !tok_match(a, p, k, bi - 1))
        bi = skip_modifiers_left(a, p, k, t0, bi);
      if (bi > t0 + 1 && !tok_match(a, p, k, bi - 1) &&
          fw_is(a, a->t[bi].low, PC_FW_CHARGE))
        bi = owner_left(a, p, k, t0, bi);
      if (bi > t0 + 1 && !tok_match(a, p, k, bi - 1) &&
          pat_match(p, k, "is") &&
          determiner(a, a->t[bi + (a->t[bi].type == T_QOPEN)].low))
        bi = list_left(a, p, k, t0, bi);
      if (bi <= t0 || !tok_match(a, p, k, bi - 1))
        return false;
      bi--;
      continue;
    }
    int slot = slot_of(w);
    if (bi > t0 + 1 && a->t[bi - 1].type == T_QOPEN)
      bi--; /* called X “heartbreaking”, “a disgrace”: the writer's marks */
    if (k == 0) {
      m->lead = bi, m->lead_slot = slot;
      m->lead_poss = w[1] == 'q' || w[1] == 'p';
      break;
    }
    size_t b = bi, lim = slot == S_A || slot == S_N ? 18 : 8;
    while (b > t0 && bi - b < lim && !pat_match(p, k - 1, a->t[b - 1].low) &&
           !cl_boundary(a, b - 1))
      b--;
    if (b <= t0 || b == bi || !pat_match(p, k - 1, a->t[b - 1].low))
      return false;
    if (bi - b > (party_list(a, slot, b, bi) ? 12 : 8) &&
        !relative_aside(a, b, bi) && !(slot == S_N && owner_open(a, b, bi)))
      return false; /* "held Clinton, during her tenure, responsible" */
    if (slot == S_A || slot == S_N)
      b = skip_focus(a, b, bi);
    size_t ce = slot == S_A || slot == S_N ? right_list(a, b, bi) : bi;
    while (slot == S_C && ce > b + 1 && skippable(a, ce - 1))
      ce--; /* "whom she has accused": "she" */
    if (ce == b)
      return false;
    if (!(slot == S_E && m->have[S_E])) /* a second event: the one after
                                          * the anchor ("to appear before
                                          * the court over alleged fraud") */
      m->cap[slot][0] = b, m->cap[slot][1] = ce, m->have[slot] = true;
    bi = b;
  }
  m->b = m->lead_b = bi;
  return true;
}

/* Skips a time phrase before a verb: "The minister on Monday accused". */
static size_t skip_time(const struct analysis *a, size_t lo, size_t at) {
  static const char *const pre[] = {"on", "last", "this", "late", "earlier"};
  if (at < lo + 3 || a->t[at - 1].type != T_WORD ||
      !function_cap(a, a->t[at - 1].low) || !(a->t[at - 1].flags & F_CAP))
    return at;
  for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
    if (low_eq(&a->t[at - 2], pre[k]))
      return at - 2;
  return at;
}


/* "met the governor, who accused him", "fire from opponents on the
 * left, who accused him": a relative clause set off by a comma hangs on
 * the phrase right before the comma, with its place or group after a
 * preposition ("on the left"), not on the sentence's subject.  Where
 * that phrase starts, or e when there is none. */
static size_t comma_antecedent(const struct analysis *a, size_t t0, size_t e) {
  size_t b = pc_att_np_start(a, t0, e);
  int en = a->t[e - 1].ent;
  if (en >= 0) { /* "an anomaly for Kaine, who": the name */
    while (b < e && a->t[b].ent != en)
      b++;
    return b;
  }
  for (size_t k = e - 1; k-- > b;) { /* the head itself is no verb */
    const struct token *w = &a->t[k];
    size_t n = strlen(w->low);
    if (w->type == T_WORD && !(w->flags & F_CAP) &&
        (fw_is(a, w->low, PC_FW_IPAST) || w->cue ||
         (n > 4 && strcmp(w->low + n - 2, "ed") == 0 && k + 1 < e &&
          (determiner(a, a->t[k + 1].low) || a->t[k + 1].ent >= 0)))) {
      b = k + 1; /* "Tom Bell met the governor": the object */
      break;
    }
  }
  if (b == e || b < t0 + 3 || a->t[b - 1].type != T_WORD ||
      !preposition(a, a->t[b - 1].low))
    return b;
  size_t h = b - 2; /* the noun before the preposition: "opponents" */
  if (a->t[h].type != T_WORD || (a->t[h].flags & F_CAP) || a->t[h].ent >= 0 ||
      np_stop(a, h) || !pc_att_ending(a, a->t[h].low, PC_FW_PL, 2))
    return b;
  return pc_att_np_start(a, t0, b - 1);
}

/* The antecedent of "who" before the verb at `at`, when a plural noun
 * stands inside the phrase: a noun that modifies another is singular, so
 * "release from agreements female employees who sued" names "female
 * employees".  NULL when there is no such break. */
static char *relative_subject(struct analysis *a, size_t t0, size_t at) {
  if (at < t0 + 3 || a->t[at - 1].type != T_WORD ||
      !fw_is(a, a->t[at - 1].low, PC_FW_REL))
    return NULL;
  if (at >= t0 + 4 && is_punct(&a->t[at - 2], ",")) {
    size_t ce = at - 2, cb = comma_antecedent(a, t0, ce);
    return cb < ce ? np_name(a, cb, ce, false) : NULL;
  }
  size_t e = at - 1, b = pc_att_np_start(a, t0, e);
  for (size_t k = e - 1; k-- > b;) {
    const struct token *w = &a->t[k];
    if (w->type == T_WORD && k + 1 < e && k > b && determiner(a, w->low) &&
        !preposition(a, a->t[k - 1].low) && a->t[e - 1].ent < 0 &&
        !(a->t[e - 1].flags & F_CAP))
      return np_name(a, k, e, false); /* "Netanyahu appointed a diplomacy
                                       * chief who had accused": the chief */
    if (w->type != T_WORD || (w->flags & F_CAP) || w->ent >= 0)
      return NULL;
    if (pc_att_ending(a, w->low, PC_FW_PL, 2) &&
        !pc_att_ending(a, w->low, PC_FW_NOTPL, 1) &&
        !pc_att_ending(a, w->low, PC_FW_CLMOD, 1))
      return np_name(a, k + 1, e, false);
  }
  return NULL;
}

/* A dash that sets off an aside: "--" (one token or two), "-", an en or
 * an em dash. */
static bool is_dash(const struct token *k) {
  return is_punct(k, "--") || is_punct(k, "-") || is_punct(k, "\xE2\x80\x94") ||
         is_punct(k, "\xE2\x80\x93");
}

/* An aside between the subject and its verb: "Tom Bell (D-Ohio) has
 * criticized", "Ann Lee, for her part, has denied", "Jane Roe, in
 * particular, has slammed", "the union, meanwhile, blamed".  Returns
 * where the subject ends, or at. */
static size_t skip_aside(const struct analysis *a, size_t t0, size_t at) {
  if (at < t0 + 3 || at >= a->nt)
    return at;
  /* the comma that closes it, which pc_att_skip_adverbs passes before
   * an auxiliary ("Jane Roe, in particular, has") */
  size_t c = is_punct(&a->t[at], ",") ? at : at - 1;
  bool paren = is_punct(&a->t[c], ")"), dash = is_dash(&a->t[c]);
  if (!paren && !dash && !is_punct(&a->t[c], ","))
    return at;
  while (dash && c > t0 && is_dash(&a->t[c - 1]))
    c--; /* "--" may be two tokens */
  size_t o = c, span = paren || dash ? 6 : 20;
  while (o > t0 && o + span > c &&
         !(paren ? is_punct(&a->t[o - 1], "(")
           : dash ? is_dash(&a->t[o - 1]) : is_punct(&a->t[o - 1], ",")))
    o--;
  if (o <= t0 + 1 || o + span <= c || o == c)
    return at;
  /* "Mr. Lewandowski, who did not respond to a request for comment, has
   * denied": a relative clause set off by commas, up to 18 words ("The
   * government, which had detained him as a prisoner for two years in
   * Addis Ababa, now sentenced") */
  if (!paren && !dash && a->t[o].type == T_WORD &&
      fw_is(a, a->t[o].low, PC_FW_REL))
    return pc_att_skip_adverbs(a, t0, o - 1);
  int pe = o >= t0 + 2 ? a->t[o - 2].ent : -1;
  if (!paren && !dash && pe >= 0 && a->en[pe].type == PC_ENTITY_PERSON &&
      a->t[c - 1].ent < 0 && is_role_word(a, c - 1))
    return o - 1; /* "Corey Lewandowski, Donald Trump's fired campaign
                   * manager, ripped": the person the role describes */
  int ne = o >= t0 + 3 && is_punct(&a->t[o - 2], ".") ? a->t[o - 3].ent : pe;
  if (!paren && !dash && ne >= 0 && a->t[o].type == T_WORD &&
      !(a->t[o].flags & F_CAP) &&
      (determiner(a, a->t[o].low) || preposition(a, a->t[o].low)))
    return o - 1; /* "Ann Lee, the mother of a girl killed in the attack
                   * on a school in Ridgeford, sued", "Ann Lee, in
                   * response to Tom Bell's remark about ..., accused",
                   * "Acme Corp., a unit of ..., sued": a long apposition
                   * or aside after a name */
  if (o + 6 <= c)
    return at;
  while (dash && o > t0 + 2 && is_dash(&a->t[o - 2]))
    o--;
  if (paren || dash) /* "Democrats -- including Clinton -- accused" */
    return pc_att_skip_adverbs(a, t0, o - 1);
  const struct token *w = &a->t[o]; /* the aside's first word */
  size_t n = strlen(w->low);
  bool adv = o + 1 == c && n > 4 && strcmp(w->low + n - 2, "ly") == 0;
  bool age = o + 1 == c && w->low[0] >= '0' && w->low[0] <= '9'; /* ", 45," */
  bool lead = w->type == T_WORD && !(w->flags & F_CAP) &&
              (preposition(a, w->low) || fw_is(a, w->low, PC_FW_CONTRAST) ||
               fw_is(a, w->low, PC_FW_LEAD) ||
               low_eq(w, "however") || low_eq(w, "meanwhile"));
  return adv || age || lead ? pc_att_skip_adverbs(a, t0, o - 1) : at;
}

/* The person an apposition or a predicate before the verb describes:
 * "Jane Roe, an Acme supporter who has criticized", "Tom Bell, the
 * attorney general under President Ann Lee, criticized", "Jane Roe is
 * the state attorney who charged".  Returns the entity, or -1. */
static int apposed_person(const struct analysis *a, size_t t0, size_t at) {
  if (at < t0 + 4 ||
      !(low_eq(&a->t[at - 1], "who") || is_punct(&a->t[at - 1], ",")))
    return -1;
  /* the description's determiner, after a comma or "is" */
  size_t c = at - 2;
  while (c > t0 + 1 && c + 13 > at &&
         (a->t[c].type == T_WORD || is_punct(&a->t[c], ".")) &&
         !(determiner(a, a->t[c].low) &&
           (is_punct(&a->t[c - 1], ",") || fw_is(a, a->t[c - 1].low, PC_FW_PASS))))
    c--;
  if (c <= t0 + 1 || !determiner(a, a->t[c].low) ||
      !(is_punct(&a->t[c - 1], ",") ||
        (low_eq(&a->t[at - 1], "who") && fw_is(a, a->t[c - 1].low, PC_FW_PASS))))
    return -1;
  int e = a->t[c - 2].ent; /* the name before the comma or "is" */
  return e >= 0 && a->en[e].type == PC_ENTITY_PERSON ? e : -1;
}

/* "A jury at Riverton Crown Court convicted", "employees of a car
 * dealership said": a common noun whose place or body follows a
 * preposition is the subject, not that name ([b, at) alone).  Returns
 * where the subject starts, or b. */
static size_t pp_subject(const struct analysis *a, size_t t0, size_t b,
                         size_t at) {
  static const char *const pp[] = {"at", "of", "in", "from"};
  if (b < t0 + 2 || b >= at || a->t[b].ent < 0 || a->t[b - 1].type != T_WORD)
    return b;
  for (size_t k = b; k < at; k++)
    if (a->t[k].ent != a->t[b].ent)
      return b; /* the name alone before the verb */
  bool prep = false;
  for (size_t k = 0; k < sizeof pp / sizeof *pp; k++)
    prep = prep || low_eq(&a->t[b - 1], pp[k]);
  size_t h = b - 2; /* the noun before the preposition */
  if (!prep || a->t[h].type != T_WORD ||
      ((a->t[h].flags & F_CAP) && !(a->t[h].flags & F_SENT)) ||
      a->t[h].ent >= 0 || np_stop(a, h))
    return b; /* "Protesters in Paris": the sentence's first word too */
  size_t s = pc_att_np_start(a, t0, b - 1);
  for (size_t k = s; k < h; k++)
    if (a->t[k].ent >= 0 || ((a->t[k].flags & F_CAP) && k > t0))
      return b;
  return s <= h && (s == t0 || a->t[s - 1].type != T_WORD) ? s : b;
}

/* "... killed in Newtown, Connecticut, have filed": a place set off by
 * commas after another name tells where; the subject is further back. */
static bool place_aside(const struct analysis *a, size_t t0, size_t at) {
  if (at >= a->nt || at < t0 + 3)
    return false;
  size_t c = is_punct(&a->t[at], ",") ? at : at - 1; /* as skip_aside */
  if (!is_punct(&a->t[c], ",") || c < t0 + 3)
    return false;
  int e = a->t[c - 1].ent;
  size_t b = c - 1;
  while (b > t0 && e >= 0 && a->t[b - 1].ent == e)
    b--;
  if (e >= 0)
    return b > t0 && is_punct(&a->t[b - 1], ",") &&
           (a->en[e].type == PC_ENTITY_PLACE ||
            a->en[e].type == PC_ENTITY_COUNTRY);
  /* a state no list knows: "Riverton, Ohio," after a town's name */
  const struct token *st = &a->t[c - 1], *town = &a->t[c - 3];
  return is_punct(&a->t[c - 2], ",") && st->type == T_WORD &&
         (st->flags & F_CAP) && !function_cap(a, st->low) &&
         town->type == T_WORD && (town->flags & F_CAP) &&
         !(town->ent >= 0 && a->en[town->ent].type == PC_ENTITY_PERSON);
}

/* Whether token b opens the name of a place: a place or a country, or
 * a capitalised word no list knows (not a person's). */
static bool where_named(const struct analysis *a, size_t b) {
  int e = a->t[b].ent;
  if (e >= 0)
    return a->en[e].type == PC_ENTITY_PLACE || a->en[e].type == PC_ENTITY_COUNTRY;
  return (a->t[b].flags & F_CAP) && !function_cap(a, a->t[b].low);
}

/* "Roe, who chairs the board, campaigned on it — and called": a verb
 * joined by "and" to the sentence's first verb has that verb's subject,
 * the name the sentence opens with, when no cue, quotation or other
 * clause stands between.  NULL when the sentence opens otherwise. */
static char *conj_subject(const struct analysis *a, size_t t0, size_t at) {
  if (at < t0 + 4 || !low_eq(&a->t[at - 1], "and") || a->t[t0].ent < 0)
    return NULL;
  int e = a->t[t0].ent;
  size_t k = t0;
  while (k < at && a->t[k].ent == e)
    k++;
  bool alone = a->t[k].type == T_WORD
                   ? !low_eq(&a->t[k], "'s") && !(a->t[k].flags & F_CAP)
                   : is_punct(&a->t[k], ",");
  if (!alone || pc_att_ending(a, a->t[k - 1].low, PC_FW_GEN, 1))
    return NULL; /* "Roe's aide", "Roe and Doe": not Roe alone */
  for (; k + 1 < at; k++)
    if (cl_boundary(a, k) || (a->t[k].cue && !(a->t[k].flags & F_CAP)))
      return NULL;
  return strdup(a->en[e].name);
}

/* The subject left of the verb at `at`, as the speaker of a cue there
 * would be found: pronouns, appositions, relative clauses, roles. */
/* "Even as he accused the department of ..., Rudy Giuliani would not":
 * "he" or "she" in a clause that opens the sentence [t0, ...) with a
 * subordinator stands for the person the main clause opens with, after
 * the clause's comma (and a title).  That person's name, or NULL. */
static const char *cataphor(const struct analysis *a, size_t t0, size_t p) {
  if (!low_eq(&a->t[p], "he") && !low_eq(&a->t[p], "she"))
    return NULL;
  size_t k = t0 + (t0 < p && low_eq(&a->t[t0], "even"));
  if (k >= p || a->t[k].type != T_WORD ||
      !(fw_is(a, a->t[k].low, PC_FW_SUB) || low_eq(&a->t[k], "after") ||
        low_eq(&a->t[k], "when") || low_eq(&a->t[k], "before") ||
        low_eq(&a->t[k], "since") || low_eq(&a->t[k], "because")))
    return NULL;
  for (size_t j = k + 1; j < p; j++)
    if (is_punct(&a->t[j], ",") || cl_boundary(a, j))
      return NULL; /* the pronoun is in the main clause */
  size_t c = p + 1;
  while (c < a->nt && !is_punct(&a->t[c], ",") && !cl_boundary(a, c))
    c++;
  size_t n = c + 1;
  while (n < a->nt && a->t[n].ent < 0 &&
         ((a->t[n].type == T_WORD && (a->t[n].flags & F_CAP) &&
           (is_role_word(a, n) ||
            in_list_of(a, &a->lex->honorifics, a->t[n].low))) ||
          is_punct(&a->t[n], ".")))
    n++; /* "Sen.", "Mayor" */
  if (c >= a->nt || !is_punct(&a->t[c], ",") || n >= a->nt || a->t[n].ent < 0)
    return NULL;
  const struct found_entity *e = &a->en[a->t[n].ent];
  char g = low_eq(&a->t[p], "he") ? 'm' : 'f';
  if (e->type != PC_ENTITY_PERSON || (e->gender && e->gender != g))
    return NULL;
  return e->name;
}

/* "the ex-wife of Tom Bell who filed reports against him blames": an
 * object pronoun before the verb is no subject; the subject is the
 * phrase a relative clause before it hangs on (with a part or a
 * relation "of" someone: "the ex-wife of Tom Bell").  Where that phrase
 * ends ("who") with *b its start, or SIZE_MAX. */
static size_t object_relative(const struct analysis *a, size_t t0, size_t at,
                              size_t *b) {
  if (at < t0 + 4 || a->t[at - 1].type != T_WORD ||
      !(fw_is(a, a->t[at - 1].low, PC_FW_OBJM) ||
        fw_is(a, a->t[at - 1].low, PC_FW_OBJF) || low_eq(&a->t[at - 1], "them")))
    return SIZE_MAX;
  size_t r = at - 1;
  while (r > t0 && at - r < 14 && !cl_boundary(a, r - 1) &&
         !is_punct(&a->t[r - 1], ",") && !low_eq(&a->t[r - 1], "who"))
    r--;
  if (r <= t0 + 1 || !low_eq(&a->t[r - 1], "who"))
    return SIZE_MAX;
  r--;
  *b = pc_att_np_start(a, t0, r);
  if (*b > t0 + 1 && low_eq(&a->t[*b - 1], "of") &&
      (fw_is(a, a->t[*b - 2].low, PC_FW_PEOPLE) || is_role_word(a, *b - 2) ||
       pc_att_ending(a, a->t[*b - 2].low, PC_FW_DOER, 3)))
    *b = pc_att_np_start(a, t0, *b - 1); /* "the ex-wife of Tom Bell" */
  return *b < r ? r : SIZE_MAX;
}

static char *subject_name(struct analysis *a, size_t t0, size_t at) {
  static const char *const neg[] = {"do", "does", "did", "not", "n't", "never"};
  for (size_t k = 0; at > t0 && k < sizeof neg / sizeof *neg; k++)
    if (low_eq(&a->t[at - 1], neg[k]) || neg_aux(&a->t[at - 1]))
      at--, k = (size_t)-1; /* "does not blame", "doesn't blame": the
                             * subject before */
  char *cs = conj_subject(a, t0, pc_att_skip_adverbs(a, t0, at));
  if (cs)
    return cs;
  at -= tried_to(a, t0, at); /* "has attempted to apologize" */
  at = skip_time(a, t0, pc_att_skip_adverbs(a, t0, at));
  if (at > t0 + 1 && (low_eq(&a->t[at - 1], "both") ||
                      low_eq(&a->t[at - 1], "all") ||
                      low_eq(&a->t[at - 1], "each")))
    at = pc_att_skip_adverbs(a, t0, at - 1); /* "The two both took aim" */
  at = skip_aside(a, t0, at);
  if (at <= t0 || place_aside(a, t0, at))
    return NULL;
  if (at > t0 + 2 && (low_eq(&a->t[at - 1], "that") ||
                      low_eq(&a->t[at - 1], "which")) &&
      a->t[at - 2].type == T_WORD && !a->t[at - 2].cue &&
      !np_stop(a, at - 2)) { /* "an editorial that accuses Tom Bell": the
                              * relative's noun phrase (a thing's, "a
                              * video that accuses", is its maker's) */
    size_t rb0 = pc_att_np_start(a, t0, at - 1);
    for (size_t k = at - 1; k-- > rb0;)
      if (determiner(a, a->t[k].low)) {
        rb0 = k; /* "reprint a Daily Star editorial": from "a" */
        break;
      }
    if (rb0 < at - 1 && !fw_is(a, a->t[at - 2].low, PC_FW_THING))
      return np_name(a, rb0, at - 1, false);
  }
  size_t rb, re = object_relative(a, t0, at, &rb);
  if (re != SIZE_MAX)
    return np_name(a, rb, re, false);
  size_t p = at - 1;
  const char *cn = cataphor(a, t0, p);
  if (cn)
    return strdup(cn);
  if (a->t[p].type == T_WORD && fw_is(a, a->t[p].low, PC_FW_POSS)) {
    bool found = false; /* "her accusation that" */
    return pronoun_name(a, p, &found);
  }
  char *fp = a->t[p].in_span >= 0 && (p == t0 || np_stop(a, p - 1))
                 ? first_person(a, p)
                 : NULL;
  if (fp)
    return fp;
  /* "the Russian and Syrian defense ministries accused": coordinated
   * capitalised words belong to the subject */
  size_t b = pc_att_np_start(a, t0, at), b0 = b;
  while (b >= t0 + 2 && b < at && (a->t[b].flags & F_CAP) &&
         fw_is(a, a->t[b - 1].low, PC_FW_CONJ) && a->t[b - 2].type == T_WORD &&
         (a->t[b - 2].flags & F_CAP) && !function_cap(a, a->t[b - 2].low))
    b = pc_att_np_start(a, t0, b - 1);
  if (b < b0)
    return np_name(a, b, at, false);
  size_t e0 = at; /* "X said Tom Bell accused": Bell accuses, X reports */
  while (e0 > t0 && a->t[at - 1].ent >= 0 && a->t[e0 - 1].ent == a->t[at - 1].ent)
    e0--;
  if (e0 < at && e0 > t0 && a->t[e0 - 1].cue && !(a->t[e0 - 1].flags & F_CAP))
    return np_name(a, e0, at, false);
  if (e0 < at && e0 > b && a->en[a->t[at - 1].ent].type == PC_ENTITY_PERSON) {
    size_t k = e0; /* "Republican presidential hopeful Sen. Ted Cruz
                    * blasted": the name after the words that describe it */
    while (k > b && (a->t[k - 1].type == T_WORD ? !np_stop(a, k - 1)
                                                : is_punct(&a->t[k - 1], ".")))
      k--;
    if (k == b)
      return strdup(a->en[a->t[at - 1].ent].name);
  }

  int ap = apposed_person(a, t0, at);
  if (ap >= 0)
    return strdup(a->en[ap].name);
  char *rs = relative_subject(a, t0, at);
  if (rs)
    return rs;
  size_t pb = pp_subject(a, t0, b, at);
  if (pb < b)
    return np_name(a, pb, at, false);
  if (b > t0 && (low_eq(&a->t[b - 1], "in") || low_eq(&a->t[b - 1], "at")) &&
      where_named(a, b)) {
    const char *h = b > t0 + 1 ? a->t[b - 2].low : "";
    if (fw_is(a, h, PC_FW_AGENT) || fw_is(a, h, PC_FW_PEOPLE) || org_head(a, h))
      return np_name(a, pc_att_np_start(a, t0, b - 1), at, false); /* "the
                                   * government in Riyadh has denied" */
    return NULL; /* "lawsuits being considered in San Diego have accused":
                  * where, not who */
  }
  struct speaker_ref w = pc_att_speaker_left(a, t0, at);
  char *s = w.name ? strdup(w.name) : NULL;
  who_free(&w);
  if (!s && b < at)
    s = np_name(a, b, at, false);
  return s;
}

/* Whether the word before `at` is a possessive ("her", "Smith's"). */
static bool possessive(const struct analysis *a, size_t t0, size_t at) {
  if (at <= t0 || a->t[at - 1].type != T_WORD)
    return false;
  return fw_is(a, a->t[at - 1].low, PC_FW_POSS) ||
         pc_att_ending(a, a->t[at - 1].low, PC_FW_GEN, 1);
}

/* A subject that names no one: an adverb or a participle alone
 * ("rightly", "including"), a contraction ("can't"), or a noun for the
 * people named before ("the pair"). */
static bool junk_name(const struct analysis *a, const char *s) {
  if (s[0] >= '0' && s[0] <= '9')
    return true; /* "the Sept. 11 attacks": a number names no one */
  if ((strchr(s, '\'') || strstr(s, "\xE2\x80\x99")) && !strchr(s, ' '))
    return !(s[0] >= 'A' && s[0] <= 'Z'); /* not "nation's largest gun
                                           * group": a possessive */
  const char *last = strrchr(s, ' ');
  char w[16];
  size_t n0 = strcspn(s, " ");
  if (n0 < sizeof w) {
    for (size_t k = 0; k < n0; k++)
      w[k] = (char)(s[k] >= 'A' && s[k] <= 'Z' ? s[k] + 32 : s[k]);
    w[n0] = '\0';
  }
  if (n0 < sizeof w && fw_is(a, w, PC_FW_SUBJ))
    return true; /* "It", "She says Trump's tweets": a pronoun left
                  * unresolved, or words the speech stage took with a
                  * clause's verb, no one's name */
  if (last && stop_word(a, last + 1))
    return true; /* "Howard Dean to" */
  if (last && n0 < sizeof w && fw_is(a, w, PC_FW_NUM) &&
      strncmp(s + n0, " of ", 4) == 0 && last == s + n0 + 3 &&
      (fw_is(a, last + 1, PC_FW_QUANT) || fw_is(a, last + 1, PC_FW_SUBJ) ||
       in_list_of(a, &a->lex->pronouns, last + 1)))
    return true; /* "one of many slamming Trump": a share of no one named
                  * (the speaker is the copula's subject) */
  if (strchr(s, ' ') || (s[0] >= 'A' && s[0] <= 'Z'))
    return false;
  if (fw_is(a, s, PC_FW_PAIR))
    return true; /* "the pair": the people named before, unresolved */
  size_t n = strlen(s);
  return (n > 2 && strcmp(s + n - 2, "ly") == 0) ||
         (n > 2 && strcmp(s + n - 2, "ed") == 0) ||
         (n > 3 && strcmp(s + n - 3, "ing") == 0);
}

/* "Farage said the warning showed that the President did not know
 * ..., and accused Number 10 of": a verb joined by "and" to a report
 * has the report's speaker for its subject, not the last name in it.
 * Returns that speaker, or NULL. */
static char *reporter_before(const struct analysis *a, size_t t0, size_t at) {
  if (at < t0 + 2 || !fw_is(a, a->t[at - 1].low, PC_FW_CONJ))
    return NULL;
  size_t c = at - 1; /* where the report must end: before "and" or ", and" */
  if (c > t0 && is_punct(&a->t[c - 1], ","))
    c--;
  if (c == t0)
    return NULL;
  for (size_t q = a->sent_q0; q < a->nq; q++) {
    const struct found_quote *x = &a->q[q];
    const struct token *k = &a->t[c - 1];
    if (x->speaker && x->kind == PC_QUOTE_INDIRECT && x->block == k->block &&
        x->e >= k->e && x->s < k->s && x->s >= a->t[t0].s)
      return strdup(x->speaker);
  }
  return NULL;
}

/* The subject of a negated verb stands before the negation and its
 * auxiliary: "Acme did not cause", "he has never lied" (polarity() reads
 * the negation). */
static size_t skip_negation(const struct analysis *a, size_t t0, size_t at) {
  while (at > t0 && neg_aux(&a->t[at - 1]))
    at = pc_att_skip_adverbs(a, t0, at - 1); /* "Acme didn't cause" */
  while (at > t0 &&
         not_word(&a->t[at - 1])) {
    at = pc_att_skip_adverbs(a, t0, at - 1);
    if (at > t0 &&
        (low_eq(&a->t[at - 1], "did") || low_eq(&a->t[at - 1], "does") ||
         low_eq(&a->t[at - 1], "do")))
      at = pc_att_skip_adverbs(a, t0, at - 1);
  }
  return at;
}

/* A verb in the progressive has its subject before its forms of "be"
 * and their auxiliaries and adverbs: "Tom Bell is violating the law",
 * "Acme has been quietly stealing", "is not stealing" (the lead at lead
 * an -ing form).  Returns where they start, or at when no "be" stands
 * there ("Tom Bell, stealing", a participle, keeps its own reading). */
static size_t progressive_start(const struct analysis *a, size_t t0, size_t at,
                                size_t lead) {
  size_t n = strlen(a->t[lead].low), b = at;
  if (n < 5 || strcmp(a->t[lead].low + n - 3, "ing") != 0)
    return at;
  while (b > t0 && not_word(&a->t[b - 1]))
    b = pc_att_skip_adverbs(a, t0, b - 1); /* "is not stealing" */
  if (b <= t0 || a->t[b - 1].type != T_WORD ||
      !fw_is(a, a->t[b - 1].low, PC_FW_PASS))
    return at;
  while (b > t0 && a->t[b - 1].type == T_WORD &&
         fw_is(a, a->t[b - 1].low, PC_FW_PASS))
    b = pc_att_skip_adverbs(a, t0, b - 1); /* "has been", "is" */
  return b;
}

/* The subject of a relative clause is the phrase it hangs on: "the
 * shirtless man, who snatched the keys", "the group which carried out
 * the attack".  Returns where that phrase ends, or at. */
static size_t relative_antecedent(const struct analysis *a, size_t t0,
                                  size_t at) {
  if (at < t0 + 2 ||
      !(low_eq(&a->t[at - 1], "who") || low_eq(&a->t[at - 1], "which")))
    return at;
  size_t r = at - 1;
  at = r;
  if (is_punct(&a->t[at - 1], ",") && at > t0 + 1)
    at--;
  if (a->t[at - 1].type != T_WORD)
    return r + 1;
  if (a->t[at - 1].ent >= 0)
    return at;
  for (size_t k = at; k-- > t0 && k + 5 > at && a->t[k].type == T_WORD;)
    if (determiner(a, a->t[k].low) || fw_is(a, a->t[k].low, PC_FW_POSS) ||
        pc_att_ending(a, a->t[k].low, PC_FW_GEN, 1))
      return at; /* a phrase, not "condemn violence no matter who" */
  return r + 1;
}

/* "said Tom Bell's reversal on the rezoning hurt her", "said his push
 * to approve the plan last year incensed her": a report whose subject,
 * told at length from the report's start (after "that") to the verb, is
 * a named one's act holds its owner to account.  Where that subject
 * starts, or b when the report has none such. */
static size_t owner_clause(const struct analysis *a, size_t t0, size_t b,
                           size_t at, size_t *oe) {
  size_t s = t0 < b && low_eq(&a->t[t0], "that") ? t0 + 1 : t0;
  if (s + 2 < b && a->t[s].ent < 0 &&
      in_list_of(a, &a->lex->honorifics, a->t[s].low))
    s += 1 + is_punct(&a->t[s + 1], "."); /* "Mr. Trump's jabs" */
  if (s >= b || a->t[s].ent < 0 || at > s + 14 || np_stop(a, at - 1))
    return b; /* "accused Cruz's campaign of perpetrating": no subject */
  for (size_t k = s; k < at; k++)
    if (cl_boundary(a, k) || is_punct(&a->t[k], ",") ||
        (a->t[k].cue && !(a->t[k].flags & (F_CAP | F_WEAK))))
      return b; /* one clause, no report inside it */
  int e = a->t[s].ent;
  size_t i = s;
  while (i < at && a->t[i].ent == e)
    i++;
  if (i >= at || !(pc_att_ending(a, a->t[i - 1].low, PC_FW_GEN, 1) ||
                   (low_eq(&a->t[i], "'s") && ++i < at)))
    return b;
  *oe = i;
  size_t h = i; /* the act ends before a preposition: "jabs at the Khans" */
  while (h < at && !np_stop(a, h))
    h++;
  return h > i && thing_head(a, i, h) ? s : b;
}

/* "Police said the suspect denied the charges", "said Hamas claimed
 * the attack": a self-claim's subject right after a cue of speech (and
 * "that") is the one who denies or claims, not the cue's speaker; a
 * short phrase of a determiner and words no phrase runs through, or a
 * name.  NULL when no cue stands right before such a phrase. */
static char *reported_subject(struct analysis *a, size_t t0, size_t at) {
  for (size_t c = at; c > t0 && c + 5 > at; c--) {
    const struct token *k = &a->t[c - 1];
    if (k->type == T_WORD && k->cue && !(k->flags & F_CAP) &&
        !pc_att_ending(a, k->low, PC_FW_PTCP, 0)) {
      size_t s = c + (c < at && low_eq(&a->t[c], "that"));
      return s < at ? np_name(a, s, at, false) : NULL;
    }
    bool first = c - 1 > t0 && (a->t[c - 2].cue || low_eq(&a->t[c - 2], "that"));
    if (is_punct(k, ".")
            ? !(c - 1 > t0 && a->t[c - 2].ent >= 0)
            : k->type != T_WORD || (np_stop(a, c - 1) && !(k->flags & F_CAP)) ||
                  in_list_of(a, &a->lex->pronouns, k->low) ||
                  (determiner(a, k->low) && !first))
      return NULL;
  }
  return NULL;
}

/* The leading slot, left of the first matched word m->lead. */
static bool finding_in(const struct analysis *a, size_t b, size_t e);

/* "Ann Bolt now faces Tom Hale, whom she accused": a phrase [b, at) that
 * ends with a name and holds another name before it, with lower-case
 * words between that join no list (a verb the lists do not know), is a
 * clause: the accused is the last name.  Where the accused starts. */
static size_t last_name_np(const struct analysis *a, size_t b, size_t at) {
  if (at <= b + 1 || a->t[at - 1].ent < 0)
    return b;
  int e = a->t[at - 1].ent;
  size_t e0 = at - 1;
  while (e0 > b && a->t[e0 - 1].ent == e)
    e0--;
  bool lower = false;
  for (size_t k = e0; k-- > b;) {
    const struct token *t = &a->t[k];
    if (list_sep(a, t) || t->type != T_WORD || determiner(a, t->low) ||
        fw_is(a, t->low, PC_FW_POSS) || is_role_word(a, k))
      return b; /* "Tom Bell and Ann Lee", "Acme's chief Tom Bell" */
    if (t->ent >= 0)
      return lower ? e0 : b;
    lower = lower || !(t->flags & F_CAP);
  }
  return b;
}

/* A person's name set off by commas after the noun it names, right
 * before the verb at `at` ("the suspect, Tom Bell, stabbed"): where the
 * name starts, or 0. */
static size_t apposed_subject(const struct analysis *a, size_t t0,
                              size_t at) {
  if (at < t0 + 5 || !is_punct(&a->t[at - 1], ","))
    return 0;
  size_t n = at - 2; /* the name's last token ("Acme Corp.,": "Corp") */
  if (is_punct(&a->t[n], ".") && n > t0 && a->t[n - 1].ent >= 0)
    n--;
  int e = a->t[n].ent;
  if (e < 0)
    return 0;
  bool person = a->en[e].type == PC_ENTITY_PERSON;
  size_t r = n;
  while (r > t0 && a->t[r - 1].ent == e)
    r--;
  if (r < t0 + 3 || !is_punct(&a->t[r - 1], ",") ||
      a->t[r - 2].type != T_WORD || (a->t[r - 2].flags & F_CAP))
    return 0;
  const char *w = a->t[r - 2].low; /* the description's head */
  if (person ? !(is_role_word(a, r - 2) || pc_att_ending(a, w, PC_FW_DOER, 3))
             : !fw_is(a, w, PC_FW_FIRM))
    return 0; /* "Ann Lee, Tom Bell, and": a list; "the company, Acme
               * Corp., misled": a body's noun before a body's name */
  return r;
}

/* A subject starts after a verb of thought or speech before it in the
 * report, when a pronoun thinks so, the speaker's own thought: "he
 * believed Park had fabricated the story", "I think Acme is causing
 * it" hold Park and Acme, not "he believed Park", to account (data:
 * feel, think; or a cue word); "people thought she was a liar" is
 * their thought, not the speaker's charge.  Returns where the phrase
 * [b, at) starts after such a verb (its thinker read back to t0), or b. */
static size_t after_thought(const struct analysis *a, size_t t0, size_t b,
                            size_t at) {
  for (size_t k = at; k-- > b;) {
    const struct token *w = &a->t[k];
    if (w->type != T_WORD || (w->flags & F_CAP) ||
        !(w->cue || in_list_of(a, &a->lex->fw[PC_FW_FEEL], w->low) ||
          in_list_of(a, &a->lex->fw[PC_FW_THINK], w->low)))
      continue;
    size_t s = pc_att_skip_adverbs(a, t0, k);
    return s > t0 && fw_is(a, a->t[s - 1].low, PC_FW_SUBJ) ? k + 1 : b;
  }
  return b;
}

/* A speech clause set off by commas between a subject and its verb
 * ("Tom Bell, prosecutors say, stole the money"): the subject ends at
 * its first comma.  Returns where, or at. */
static size_t cue_aside(const struct analysis *a, size_t t0, size_t at) {
  if (at < t0 + 4 || !is_punct(&a->t[at - 1], ",") ||
      a->t[at - 2].type != T_WORD || !a->t[at - 2].cue)
    return at;
  for (size_t k = at - 2; k > t0 && k + 7 > at; k--)
    if (is_punct(&a->t[k - 1], ","))
      return k - 1 > t0 ? k - 1 : at;
  return at;
}

/* Whether the phrase [b, at), opened by a determiner and naming no one,
 * stands in apposition to a person named just before it ("Tom Bell, the
 * preacher whom ..."). */
static bool apposed_before(const struct analysis *a, size_t t0, size_t b,
                           size_t at) {
  if (b < t0 + 2 || b >= at || !is_punct(&a->t[b - 1], ",") ||
      a->t[b - 2].ent < 0 || !determiner(a, a->t[b].low) ||
      a->en[a->t[b - 2].ent].type != PC_ENTITY_PERSON)
    return false;
  for (size_t k = b; k < at; k++)
    if (a->t[k].ent >= 0 || list_sep(a, &a->t[k]))
      return false;
  return true;
}

static bool claim_left(struct analysis *a, const struct pc_phrase *p, size_t t0,
                       struct match *m, char **claimant) {
  size_t at = pc_att_skip_adverbs(a, t0, m->lead);
  int slot = m->lead_slot;
  if (m->lead_poss && !possessive(a, t0, at))
    return false;
  if (m->lead_poss && slot == S_C) {
    size_t o = at - 1 - (at > t0 + 1 && low_eq(&a->t[at - 1], "'s"));
    int e = a->t[o].ent; /* "a backer of Hulk Hogan's lawsuit": Hogan's */
    *claimant = e >= 0 ? strdup(a->en[e].name) : subject_name(a, t0, at);
    m->b = at - 1;
    return *claimant != NULL;
  }
  if (slot == S_C || (slot == S_A && p->claimant == 2)) {
    /* no subject ("... and accused him"), or a participle ("posted on
     * Twitter accusing X"): claimant_around looks on */
    size_t n = strlen(a->t[m->lead].low);
    bool ing = n > 4 && strcmp(a->t[m->lead].low + n - 3, "ing") == 0;
    size_t sb = m->lead, be = 0; /* "is suing", "has been blaming": a
                                  * verb, its subject before its auxiliaries */
    while (ing && sb > t0 && a->t[sb - 1].type == T_WORD &&
           (fw_is(a, a->t[sb - 1].low, PC_FW_PASS) || aux_word(a, a->t[sb - 1].low)))
      be += fw_is(a, a->t[--sb].low, PC_FW_PASS);
    if (!be)
      sb = m->lead; /* "spoke Monday, also blaming": a participle */
    bool ptcp = ing && !be &&
                !(at > t0 && fw_is(a, a->t[at - 1].low, PC_FW_PASS));
    if (ptcp && at > t0 && low_eq(&a->t[at - 1], "that"))
      return false; /* "believe that merely assailing Trump may not win":
                     * a gerund, the clause's subject; no one's charge */
    *claimant = ptcp ? NULL : reporter_before(a, t0, at);
    if (!ptcp && !*claimant && p->claimant == 2)
      *claimant = reported_subject(a, t0, at);
    size_t nb = be ? pc_att_np_start(a, t0, sb) : t0;
    if (nb > t0 && a->t[nb - 1].type == T_WORD &&
        pc_att_ending(a, a->t[nb - 1].low, PC_FW_CLNOGER, 0) == 0 &&
        strlen(a->t[nb - 1].low) > 4 &&
        strcmp(a->t[nb - 1].low + strlen(a->t[nb - 1].low) - 3, "ing") == 0)
      return false; /* "part of being a good mayor is acknowledging
                     * mistakes": a gerund's phrase, no one */
    if (!ptcp && !*claimant)
      *claimant = subject_name(a, t0, sb);
    size_t b = left_list(a, t0, at);
    m->b = b < at ? b : at;
    return *claimant != NULL || slot == S_C;
  }
  if (slot == S_A || slot == S_N)
    at = cue_aside(
        a, t0,
        relative_antecedent(
            a, t0,
            skip_negation(a, t0, progressive_start(a, t0, at, m->lead))));
  if (tried_to(a, t0, at)) /* "the man tried to steal" */
    at = pc_att_skip_adverbs(a, t0, at - tried_to(a, t0, at));
  if (fw_is(a, a->t[m->lead].low, PC_FW_PASS))
    while (at > t0 && a->t[at - 1].type == T_WORD &&
           (aux_word(a, a->t[at - 1].low) ||
            fw_is(a, a->t[at - 1].low, PC_FW_PASS)))
      at--; /* "is being sued", "has been blamed": the subject before */
  if (at > t0 + 3 && is_punct(&a->t[at - 1], ",") &&
      is_punct(&a->t[at - 3], ",") && a->t[at - 2].low[0] >= '0' &&
      a->t[at - 2].low[0] <= '9')
    at -= 3; /* "Tom Bell, 45, was charged": the name before the age */
  size_t ap = slot == S_A || slot == S_N ? apposed_subject(a, t0, at) : 0;
  if (ap) { /* "the suspect, Tom Bell, stabbed": the name */
    m->cap[slot][0] = ap, m->cap[slot][1] = at - 1, m->have[slot] = true;
    m->b = pc_att_np_start(a, t0, ap - 1);
    return true;
  }
  size_t b = slot == S_E ? pc_att_np_start(a, t0, at) : left_list(a, t0, at);
  for (size_t k = at; slot != S_E && k-- > b + 1;)
    if (determiner(a, a->t[k].low) && !list_sep(a, &a->t[k - 1])) {
      b = k; /* "to confront the group, which X blamed": the phrase */
      break;
    }
  if (slot == S_A || slot == S_N)
    b = last_name_np(a, after_thought(a, t0, b, at), at);
  size_t ce = at; /* an act's owner alone is accused, not the act */
  if (slot == S_N && p->claimant == 0 && b > t0) {
    size_t oe = at, ob = owner_clause(a, t0, b, at, &oe);
    if (ob < b)
      b = ob, ce = oe;
  }
  if (b == at && slot != S_E && at > t0 &&
      (low_eq(&a->t[at - 1], "it") || first_person_word(a, at - 1)))
    b = at - 1; /* "said it had nothing to do with", "we were behind" */
  if (b == at && slot != S_E) /* the event may go unnamed ("it") */
    return false;
  if (slot != S_E && !m->lead_poss && b > t0 && at < a->nt &&
      !is_punct(&a->t[at], ",") && a->t[b - 1].type == T_WORD &&
      preposition(a, a->t[b - 1].low) &&
      !(p->claimant == 0 && finding_in(a, b + 1, at)))
    return false; /* "comments on relations with Russia have drawn
                   * criticism": Russia is no subject; but "A report by
                   * the Union claims Acme cheated": the subject ends
                   * before "claims" (finder_before) */
  size_t l = strlen(a->t[b].low);
  if (slot == S_A && b + 1 == at && l > 4 && strcmp(a->t[b].low + l - 2, "ly") == 0)
    return false; /* "Physically harming a rival": an adverb */
  if ((slot == S_A || slot == S_N) && apposed_before(a, t0, b, at)) {
    int e = a->t[b - 2].ent; /* "Fethullah Gulen, the preacher whom
                              * Erdogan accuses": the name */
    ce = b - 1;
    b = ce - 1;
    while (b > t0 && a->t[b - 1].ent == e)
      b--;
  }
  m->cap[slot][0] = b, m->cap[slot][1] = ce, m->have[slot] = b < ce;
  m->b = b;
  return true;
}

/* Whether the speaker a participle's report was given ("an ad featuring
 * farmers ... criticizing X", "her sister, who gave speeches criticizing
 * X") may be who criticizes: not a phrase that opens with a participle
 * ("featuring farmers") nor one common noun for no party ("speeches",
 * "means"); a name, a person's or a body's noun, or a longer phrase. */
static bool party_speaker(const struct analysis *a, const char *s) {
  if (!(s[0] >= 'a' && s[0] <= 'z'))
    return true;
  if (strchr(s, '\'') || strstr(s, "\xE2\x80\x99"))
    return false; /* "follow Hillary Clinton's Tuesday speech denouncing":
                   * words around an owner, not the party */
  char w[32];
  size_t n = strcspn(s, " ");
  if (n < 3 || n >= sizeof w)
    return n >= sizeof w;
  memcpy(w, s, n);
  w[n] = '\0';
  if (strcmp(w + n - 3, "ing") == 0)
    return false;
  if (s[n] == ' ')
    return true;
  if (person_noun(a, w) || org_head(a, w) || fw_is(a, w, PC_FW_PEOPLE) ||
      fw_is(a, w, PC_FW_AGENT))
    return true;
  if (w[n - 1] != 's')
    return false;
  w[n - 1] = '\0'; /* "prosecutors", "lawmakers": the singular */
  return person_noun(a, w) || org_head(a, w) || fw_is(a, w, PC_FW_PEOPLE);
}

/* The claimant when the pattern names none: "she described ... and
 * accused him of": the speaker of the report right after the verb; or
 * the speaker of the quote the words stand in. */
static char *claimant_around(const struct analysis *a,
                             const struct pc_phrase *p, size_t t1, size_t i,
                             int quote) {
  if (p->claimant == 1 && i + 1 < t1) {
    for (size_t q = a->sent_q0; q < a->nq; q++)
      if (a->q[q].block == a->t[i + 1].block && a->q[q].s == a->t[i + 1].s &&
          a->q[q].speaker)
        return party_speaker(a, a->q[q].speaker) ? strdup(a->q[q].speaker)
                                                 : NULL;
    return NULL;
  }
  return quote >= 0 && a->q[quote].speaker ? strdup(a->q[quote].speaker) : NULL;
}

/* Whether the word at k is a verb of finding, which reports no speech
 * (the speech stage takes no quote) but a wrong found: "Snopes found
 * that Tom Bell lied", "The inquiry concluded Acme broke the law".  Not
 * "shows": "The video shows Tom Bell stabbed a man" is no one's claim. */
static bool finding_verb(const struct analysis *a, size_t k) {
  static const char *const find[] = {"found",      "finds", "concluded",
                                     "concludes",  "ruled", "established",
                                     "determined", "claims"};
  if (a->t[k].type != T_WORD || a->t[k].in_span >= 0)
    return false;
  for (size_t n = 0; n < sizeof find / sizeof *find; n++)
    if (low_eq(&a->t[k], find[n]))
      return true;
  return false;
}

/* Whether a verb of finding stands in [b, e). */
static bool finding_in(const struct analysis *a, size_t b, size_t e) {
  for (size_t k = b; k < e; k++)
    if (finding_verb(a, k))
      return true;
  return false;
}

/* A wrong told outside any quote after a verb of finding (finding_verb)
 * is the finder's claim: the verb stands right before the accused
 * [b, e), or before "that" there, or inside it ("The report claims Acme
 * cheated": "claims" may be a noun, so the accused ran back to the
 * sentence's start); not negated ("did not find that").  "found no
 * evidence|proof that" is the finder's denial (*deny).  Moves *b past
 * the verb; the finder, or NULL. */
static char *finder_before(struct analysis *a, size_t t0, size_t *b, size_t e,
                           int *deny) {
  size_t v = SIZE_MAX;
  for (size_t k = *b; k + 1 < e && v == SIZE_MAX; k++)
    if (k > t0 && finding_verb(a, k))
      v = k;
  size_t s = *b;
  if (v == SIZE_MAX && s > t0 && is_comp(a, s - 1))
    s--;
  /* "found no evidence|proof that X lied": the finder denies it */
  bool none =
      v == SIZE_MAX && s < *b && s > t0 + 2 && low_eq(&a->t[s - 2], "no") &&
      (low_eq(&a->t[s - 1], "evidence") || low_eq(&a->t[s - 1], "proof"));
  if (none)
    s -= 2;
  if (v == SIZE_MAX && s > t0 + 1 && finding_verb(a, s - 1))
    v = s - 1;
  if (v == SIZE_MAX || negated(a, v, v))
    return NULL;
  if (none)
    *deny = 1;
  char *f = subject_name(a, t0, v);
  if (f && v >= *b)
    *b = v + 1 + (v + 2 < e && is_comp(a, v + 1));
  return f;
}

/* A participle right after a cue and its comma ("“Too much hate,”
 * she said, blaming some of it on Tom Bell"): the speaker of the quote
 * that cue gave, when it may be a party; else NULL. */
static char *cue_speaker(const struct analysis *a, size_t t0, size_t i) {
  if (i < t0 + 3 || !is_punct(&a->t[i - 1], ",") ||
      a->t[i - 2].type != T_WORD || (a->t[i - 2].flags & F_CAP))
    return NULL;
  size_t c = i - 2; /* the cue's first word: "said", "told reporters" */
  while (c > t0 && !a->t[c].cue && i - c < 4)
    c--;
  if (!a->t[c].cue || c + a->t[c].cue != i - 1)
    return NULL;
  for (size_t q = a->sent_q0; q < a->nq; q++) {
    const struct found_quote *x = &a->q[q];
    if (x->t0 == t0 && x->cue && x->speaker &&
        strncmp(x->cue, a->t[c].low, strlen(a->t[c].low)) == 0 &&
        party_speaker(a, x->speaker))
      return strdup(x->speaker);
  }
  return NULL;
}

/* The subject a participle hangs on when no report is near: "Then,
 * Jane Doe posted on Twitter accusing X of ...", "She left, blaming X";
 * "with Republicans taking shots at X": the phrase after "with";
 * the speaker of the report the participle stands in, or else the first
 * name or pronoun that opens the clause (after the sentence start or an
 * opening adverbial and its comma) and has words after it. */
static char *participle_subject(struct analysis *a, size_t t0, size_t i) {
  if (i > t0 && a->t[i - 1].type == T_WORD &&
      (aux_word(a, a->t[i - 1].low) || fw_is(a, a->t[i - 1].low, PC_FW_PASS)))
    return NULL; /* "the Russians are accusing": a verb with its subject */
  size_t wb = pc_att_np_start(a, t0, i);
  if (wb > t0 && wb < i && low_eq(&a->t[wb - 1], "with"))
    return np_name(a, wb, i, false); /* "..., with Republicans taking
                                      * shots at": the phrase after "with" */
  for (size_t k = i; k-- > t0 && !is_punct(&a->t[k], ",");)
    if (low_eq(&a->t[k], "who"))
      return NULL; /* "her sister, who gave speeches criticizing": the
                    * relative's own subject, unnamed here */
  int q = quote_holding(a, i); /* "X posted on Twitter accusing": a report */
  if (q >= 0)
    return a->q[q].speaker && party_speaker(a, a->q[q].speaker)
               ? strdup(a->q[q].speaker)
               : NULL;
  if (i <= t0 + 1)
    return NULL;
  char *said = cue_speaker(a, t0, i);
  if (said)
    return said;
  for (size_t k = t0; k < i; k++)
    if (cl_boundary(a, k))
      return NULL; /* another clause or a quote between */
  for (size_t k = t0; k + 1 < i; k++) {
    if (a->t[k].type != T_WORD || (k > t0 && !is_punct(&a->t[k - 1], ",")))
      continue;
    if (in_list_of(a, &a->lex->pronouns, a->t[k].low)) {
      bool found = false;
      return pronoun_name(a, k, &found);
    }
    if (a->t[k].ent < 0)
      continue;
    size_t e = k;
    while (e < i && a->t[e].ent == a->t[k].ent)
      e++;
    if (e < i && (low_eq(&a->t[e], "'s") ||
                  pc_att_ending(a, a->t[e - 1].low, PC_FW_GEN, 1)))
      return NULL; /* "Ann Bolt's husband, Bill, ... accusing": the owner
                    * is not who accuses */
    return e < i && a->t[e].type == T_WORD ? np_name(a, k, e, false) : NULL;
  }
  return NULL;
}

static void claim_drop(struct found_claim *c) {
  for (size_t k = 0; k < c->naccused; k++)
    free(c->accused[k]);
  free(c->claimant);
  free(c->event);
  memset(c, 0, sizeof *c);
}

/* A new claim, at a->c[a->nc] and not yet counted, of claimant (taken)
 * with the accused and event of claim from: one made by another party of
 * the same charge.  NULL, with claimant freed, when the claims are full
 * or memory is out. */
static struct found_claim *claim_copy(struct analysis *a, size_t from,
                                      char *claimant) {
  if (a->nc >= PC_MAX_QUOTES) {
    free(claimant);
    return NULL;
  }
  GROW(a, c, nc, capc);
  if (a->oom) {
    free(claimant);
    return NULL;
  }
  const struct found_claim *d = &a->c[from];
  struct found_claim *c = &a->c[a->nc];
  memset(c, 0, sizeof *c);
  c->claimant = claimant;
  for (size_t k = 0; k < d->naccused; k++)
    if ((c->accused[c->naccused] = strdup(d->accused[k])) != NULL)
      c->naccused++;
  c->event = d->event ? strdup(d->event) : NULL;
  return c;
}

/* Whether the clause at `from` follows "evidence|proof (in the report)
 * that" that a negation a few words before denies ("did not see
 * convincing evidence that"; "no evidence that" is near enough for
 * negated()). */
static bool no_evidence(const struct analysis *a, size_t from) {
  if (from < 3 || !low_eq(&a->t[from - 1], "that"))
    return false;
  size_t ev = from - 1; /* "evidence (in the report) that" */
  while (ev-- > 0 && ev + 6 > from && a->t[ev].type == T_WORD &&
         !low_eq(&a->t[ev], "evidence") && !low_eq(&a->t[ev], "proof"))
    ;
  if (ev >= from || a->t[ev].type != T_WORD ||
      !(low_eq(&a->t[ev], "evidence") || low_eq(&a->t[ev], "proof")))
    return false;
  for (size_t k = ev; k-- > 0 && k + 5 > ev && a->t[k].type == T_WORD;)
    if (fw_is(a, a->t[k].low, PC_FW_NEG))
      return true;
  return false;
}

/* "didn't", "hasn't", "haven't", "hadn't": what was not said, told. */
static bool narrated_neg(const struct token *k) {
  size_t n = neg_aux(k);
  return (n == 3 && (strncmp(k->low, "did", 3) == 0 ||
                     strncmp(k->low, "has", 3) == 0 ||
                     strncmp(k->low, "had", 3) == 0)) ||
         (n == 4 && strncmp(k->low, "have", 4) == 0);
}

/* Whether a pattern's words hold a negation of their own ("did nothing
 * wrong", "was n't involved", "played no role"). */
static bool pat_negative(const struct pc_phrase *p) {
  for (size_t k = 0; k < p->n; k++) {
    const char *w = p->w[k];
    if (strcmp(w, "not") == 0 || strcmp(w, "no") == 0 ||
        strcmp(w, "never") == 0 || strcmp(w, "nothing") == 0 ||
        strstr(w, "n't") || strstr(w, "n\xE2\x80\x99t"))
      return true;
  }
  return false;
}

/* The polarity of a match: a negated accusation denies ("does not blame
 * X", "X was not responsible"); a negated denial says nothing (-1). */
static int polarity(const struct analysis *a, const struct pc_phrase *p,
                    const struct match *m, size_t i) {
  if (p->tag && !pat_negative(p) && m->lead_slot != S_C &&
      m->lead != SIZE_MAX && negated(a, m->lead, i))
    return -1; /* "did not follow the rules": a denial's words of its own
                * with no "not" of their own, negated after the subject */
  if (p->tag) /* the denial's own words may hold "not": look before them */
    return negated(a, m->b, m->b) ? -1 : 1;
  if (m->lead_poss && m->lead_slot == S_C)
    return 0; /* "did not discuss his criticisms of her": his charge stands */
  size_t from = m->have[S_C] && m->cap[S_C][0] < i ? m->cap[S_C][0] : m->b;
  if (p->claimant == 0 && no_evidence(a, from))
    return 1; /* "did not see convincing evidence that Acme was behind" */
  if (!negated(a, from, i + 1))
    return 0;
  if (p->claimant == 2)
    return -1; /* "did not apologize", "took no responsibility": no claim */
  /* "X never accused Y", "did not blame", "has not criticized":
   * narration of what was not said; "X does not blame Y" holds Y
   * blameless */
  for (size_t k = from > 3 ? from - 3 : 0; p->claimant == 1 && k <= i; k++)
    if (low_eq(&a->t[k], "never") || low_eq(&a->t[k], "did") ||
        low_eq(&a->t[k], "has") || low_eq(&a->t[k], "have") ||
        low_eq(&a->t[k], "had") || narrated_neg(&a->t[k]))
      return -1;
  size_t n = strlen(a->t[i].low);
  if (p->claimant == 1 && n > 4 && strcmp(a->t[i].low + n - 3, "ing") == 0)
    return -1; /* "for not condemning Trump": an omission told */
  return 1;
}

/* A modal at i, after adverbs: "denied that he would run" denies an
 * intention, not a part in something done. */
static bool modal_at(const struct analysis *a, size_t i, size_t t1) {
  while (i < t1 && skippable(a, i) && !aux_word(a, a->t[i].low))
    i++;
  return i < t1 && fw_is(a, a->t[i].low, PC_FW_MODAL);
}

/* An admission of a feeling, a belief or a lack: "admitted that she
 * didn't like the photos", "that they had no idea" own a state of mind,
 * no deed (data: feel). */
static bool state_at(const struct analysis *a, size_t i, size_t t1) {
  bool have = false; /* the word before is a form of "have" */
  while (i < t1 && (skippable(a, i) || a->t[i].type == T_QOPEN)) {
    if (a->t[i].type == T_WORD)
      have = low_eq(&a->t[i], "had") || low_eq(&a->t[i], "has") ||
             low_eq(&a->t[i], "have");
    i++;
  }
  if (i >= t1 || a->t[i].type != T_WORD)
    return false;
  return in_list_of(a, &a->lex->fw[PC_FW_FEEL], a->t[i].low) ||
         (have && low_eq(&a->t[i], "no"));
}

/* A noun after "to" and a determiner that a "that" clause follows
 * within a few words: "confessed to the police that he was there",
 * "admitted to a reporter that": whom one told, not what one did; a name
 * there is a place one is let into ("refugees admitted to the United
 * States"). */
static bool told_to(const struct analysis *a, size_t e0, size_t t1) {
  if (e0 < 2 || !low_eq(&a->t[e0 - 2], "to"))
    return false;
  if (e0 < t1 && (a->t[e0].flags & F_CAP))
    return true;
  for (size_t k = e0; k < t1 && k < e0 + 5 && a->t[k].type == T_WORD; k++)
    if (low_eq(&a->t[k], "that"))
      return true;
  return false;
}

/* Whether the word at o (in a space-separated name), after a particle
 * ("carried out two"), opens an object: a determiner, a quantity, a
 * possessive or a number. */
static bool object_word(const struct analysis *a, const char *o) {
  char w[32];
  for (int k = 0; k < 2; k++) {
    size_t m = strcspn(o, " ");
    if (m == 0 || m >= sizeof w)
      return false;
    memcpy(w, o, m);
    w[m] = '\0';
    if (k == 0 && fw_is(a, w, PC_FW_PRT)) {
      o += m + (o[m] == ' ');
      continue;
    }
    break;
  }
  return determiner(a, w) || fw_is(a, w, PC_FW_QUANT) ||
         fw_is(a, w, PC_FW_POSS) || fw_is(a, w, PC_FW_NUM);
}

/* A claimant that opens with a lower-case preposition or auxiliary ("for
 * his part", "makes no apologies") is a phrase cut at the wrong place. */
static bool cut_name(const struct analysis *a, const char *s) {
  char w[32];
  size_t n = strcspn(s, " ");
  if (n == 0 || n >= sizeof w)
    return false;
  memcpy(w, s, n);
  w[n] = '\0';
  if (s[0] >= 'a' && s[0] <= 'z' &&
      (fw_is(a, w, PC_FW_LEAD) || preposition(a, w) || aux_word(a, w) ||
       (s[n] == '\0' && stop_word(a, w)) || fw_is(a, w, PC_FW_POSS)))
    return true; /* "our days of attacking Tom Bell": no one resolved */
  /* a verb and its object anywhere in it: "joined a long list of mayors
   * who", "misled some of the voters who", "the senator opened a rally"
   * (not "unnamed officials") */
  for (const char *p = s; *p;) {
    size_t l = strcspn(p, " ");
    const char *o = p + l + (p[l] == ' ');
    if (l > 4 && p[0] >= 'a' && p[0] <= 'z' &&
        (strncmp(p + l - 2, "ed", 2) == 0 || strncmp(p + l - 3, "ing", 3) == 0) &&
        object_word(a, o))
      return true;
    p = o;
  }
  /* "Roe's aide met voters and", "demonstrated amid (calls for X to
   * resign)": a phrase cut before its conjunct or its object */
  const char *last = strrchr(s, ' ');
  return last && (fw_is(a, last + 1, PC_FW_CONJ) ||
                  preposition(a, last + 1) || fw_is(a, last + 1, PC_FW_LEAD));
}

/* A conditional clause that ends at the comma at c: "said that if Rob
 * Fry had lied, he should resign" (the clause opens the sentence, its
 * report or a "that" clause). */
static bool if_clause(const struct analysis *a, size_t t0, size_t c) {
  for (size_t k = c; k > t0 && c - k < 24; k--) {
    const struct token *w = &a->t[k - 1];
    if (w->type == T_PUNCT && !is_punct(w, ","))
      return false;
    if (low_eq(w, "if") || low_eq(w, "unless"))
      return k - 1 == t0 || low_eq(&a->t[k - 2], "that") ||
             a->t[k - 2].type == T_QOPEN || is_punct(&a->t[k - 2], ",");
  }
  return false;
}

/* A gerund at i whose act was not done: "without blaming", "avoided
 * blaming", "stopped short of accusing", "rather than blaming" (data:
 * forgo, forgop). */
static bool forgone(const struct analysis *a, size_t t0, size_t i) {
  size_t n = strlen(a->t[i].low);
  if (n < 5 || strcmp(a->t[i].low + n - 3, "ing") != 0)
    return false;
  size_t p = pc_att_skip_adverbs(a, t0, i);
  if (p <= t0 || a->t[p - 1].type != T_WORD)
    return false;
  if (in_list_of(a, &a->lex->fw[PC_FW_FORGO], a->t[p - 1].low))
    return true;
  return p >= t0 + 2 &&
         (low_eq(&a->t[p - 1], "of") || low_eq(&a->t[p - 1], "from") ||
          low_eq(&a->t[p - 1], "than")) &&
         in_list_of(a, &a->lex->fw[PC_FW_FORGOP], a->t[p - 2].low);
}

/* "looking into whether X was guilty", "if X were to blame", "the
 * notion that X lied": a supposition, up to six words back in the same
 * clause. */
static bool supposed(const struct analysis *a, size_t t0, size_t b,
                     size_t i) {
  for (size_t k = b + 1; k < i && k < b + 4; k++)
    if (low_eq(&a->t[k], "whether"))
      return true; /* "said it was unclear whether Ed Marr was
                    * responsible": the slot opened before the question */
  for (size_t k = b + 1; k > t0 && k + 6 > b; k--) { /* from b itself */
    const struct token *w = &a->t[k - 1];
    if (is_punct(w, ","))
      return if_clause(a, t0, k - 1);
    if (w->type == T_PUNCT)
      return false;
    if (low_eq(w, "whether") || low_eq(w, "if") || low_eq(w, "unless"))
      return true;
    if (low_eq(w, "that") && k >= t0 + 2 &&
        (low_eq(&a->t[k - 2], "notion") || low_eq(&a->t[k - 2], "idea")))
      return true; /* "rejected the notion that the campaign is calling
                    * her corrupt" */
  }
  return false;
}

/* A modal negated in one word: "can't", "won't", "shouldn't" (its part
 * before "n't" a modal; "ca" is can's). */
static bool neg_modal(const struct analysis *a, const struct token *k) {
  size_t n = neg_aux(k);
  char w[16];
  if (n == 0 || n >= sizeof w)
    return false;
  memcpy(w, k->low, n);
  w[n] = '\0';
  return strcmp(w, "ca") == 0 || fw_is(a, w, PC_FW_MODAL) ||
         fw_is(a, w, PC_FW_OBLIG);
}

/* A deed in someone's report under a negated modal is no deed done: "we
 * can't ignore the changes", "Acme won't stop" (b the verb's first
 * token).  A speaker's verb of blame keeps its denial: "you can't blame
 * Acme" (not tried there). */
static bool modal_deed(const struct analysis *a, size_t t0, size_t b) {
  for (; b > t0 && skippable(a, b - 1); b--)
    if (neg_modal(a, &a->t[b - 1]))
      return true;
  return false;
}

/* A report whose cue follows a modal is only supposed: "the mayor would
 * say that Tom Bell was undermining the deal", "critics could argue Acme
 * misled them" (r the report's first token, s0 the sentence's). */
static bool modal_report(const struct analysis *a, size_t s0, size_t r) {
  if (r > s0 && low_eq(&a->t[r - 1], "that"))
    r--;
  return r > s0 + 1 && a->t[r - 1].type == T_WORD && a->t[r - 1].cue &&
         fw_is(a, a->t[r - 2].low, PC_FW_MODAL);
}

/* Whether a noun for a charge stands between the anchor i and the clause
 * at s0 ("rejected claims (by Mary Cole) that it ..."). */
static bool charge_before(const struct analysis *a, size_t i, size_t s0) {
  if (i > 0 && i < s0 && low_eq(&a->t[i], "that"))
    i--; /* a pattern anchored on "that": "Tom Hale's claim that" */
  for (size_t k = i; k < s0; k++)
    if (fw_is(a, a->t[k].low, PC_FW_CHARGE))
      return true;
  return false;
}

/* "Tom Bell called him divisive and accused him of ...": an object
 * pronoun does not stand for its own clause's subject; when the person
 * last named so is the claimant, named in the sentence, the accused is
 * the one of that gender named before the claimant, or the role named
 * by a definite phrase between them ("the pope"). */
static void rebind_object(struct analysis *a, size_t t0, size_t b, size_t e,
                          struct found_claim *c) {
  if (e != b + 1 || a->t[b].type != T_WORD)
    return;
  const char *w = a->t[b].low;
  int g = fw_is(a, w, PC_FW_OBJM) ? 'm' : fw_is(a, w, PC_FW_OBJF) ? 'f' : 0;
  if (!g)
    return;
  size_t j = b;
  while (j > t0 && !(a->t[j - 1].ent >= 0 &&
                     strcmp(a->en[a->t[j - 1].ent].name, c->claimant) == 0))
    j--;
  if (j <= t0)
    return; /* the claimant is not named in the sentence */
  for (size_t k = j; k < b; k++)
    if (determiner(a, a->t[k].low) && !fw_is(a, a->t[k].low, PC_FW_OBJF)) {
      /* "criticized the pope ... and accused him": the pope, when a
       * role's noun ends the phrase the determiner opens */
      for (size_t r = k + 1; r < b && r < k + 4 && a->t[r].type == T_WORD &&
                             !(a->t[r].flags & F_CAP);
           r++)
        if (is_role_word(a, r)) {
          char *role = np_name(a, k, r + 1, false);
          if (role) {
            free(c->accused[0]);
            c->accused[0] = role;
          }
          break;
        }
      return;
    }
  int ce = a->t[j - 1].ent;
  while (j > 0 && a->t[j - 1].ent == ce)
    j--;
  if (j > t0 && a->t[j - 1].type == T_WORD && !(a->t[j - 1].flags & F_CAP))
    return; /* "calling Alwaleed dopey and accusing him": an object */
  int o = pc_att_last_person_g(a, j, g);
  char *name = o >= 0 && o != ce ? strdup(a->en[o].name) : NULL;
  if (name) {
    free(c->accused[0]);
    c->accused[0] = name;
  }
}

/* Whether name is a body's: not a person's, a country's or a place's
 * that the entities know, and capitalised at both ends (not "Local
 * officials", a sentence's first word). */
static bool body_name(const struct analysis *a, const char *name) {
  const char *last = strrchr(name, ' ');
  last = last ? last + 1 : name;
  if (!(name[0] >= 'A' && name[0] <= 'Z') || !(*last >= 'A' && *last <= 'Z'))
    return false;
  for (size_t k = 0; k < a->nen; k++)
    if (strcmp(a->en[k].name, name) == 0)
      return a->en[k].type == PC_ENTITY_ORG || a->en[k].type == PC_ENTITY_GROUP;
  return true;
}

/* "X sued Boeing ... The company denied": a claimant named only by a
 * noun for a firm or a group stands for the body a claim before it in
 * the article named last (as accused, or as claimant); so does the
 * claim's own accused when it was the claimant too.  Only the nouns of
 * data 'body': most heads of a body's name ("the police", "the court")
 * are bodies of their own. */
static void body_before(struct analysis *a, struct found_claim *c) {
  if (strchr(c->claimant, ' ') || !fw_is(a, c->claimant, PC_FW_FIRM))
    return;
  const char *name = NULL;
  for (size_t k = a->nc; k-- > 0 && !name;) {
    for (size_t x = 0; x < a->c[k].naccused && !name; x++)
      if (body_name(a, a->c[k].accused[x]))
        name = a->c[k].accused[x];
    if (!name && body_name(a, a->c[k].claimant))
      name = a->c[k].claimant;
  }
  char *s = name ? strdup(name) : NULL;
  if (!s)
    return;
  for (size_t x = 0; x < c->naccused; x++)
    if (strcmp(c->accused[x], c->claimant) == 0) {
      char *t = strdup(s);
      if (t) {
        free(c->accused[x]);
        c->accused[x] = t;
      }
    }
  free(c->claimant);
  c->claimant = s;
}

/* "the prince", "the pope": a title that the entity stage keeps in a
 * name ("Prince Harry"; "Sen." and "President" it strips, and roles
 * resolve those) alone stands for the one person of the article whose
 * name opens with it, when only one does.  Only titles: "the bill" is
 * no "Bill Clinton".  Returns that name, or NULL. */
static const char *titled_person(const struct analysis *a, const char *w) {
  static const char *const titles[] = {
      "prince",  "princess", "king",   "queen", "duke",   "duchess",   "pope",
      "emperor", "empress",  "sheikh", "emir",  "sultan", "archbishop"};
  bool title = false;
  for (size_t k = 0; k < sizeof titles / sizeof *titles && !title; k++)
    title = strcmp(w, titles[k]) == 0;
  if (!title)
    return NULL;
  size_t n = strlen(w);
  const char *name = NULL;
  for (size_t k = 0; k < a->nen; k++) {
    const char *s = a->en[k].name;
    if (a->en[k].type != PC_ENTITY_PERSON || strncasecmp(s, w, n) != 0 ||
        s[n] != ' ')
      continue;
    if (name && strcmp(name, s) != 0)
      return NULL; /* "Prince Harry" and "Prince William": which one? */
    name = s;
  }
  return name;
}

/* A role alone, or after one word ("senator", "Illinois governor"),
 * left as written: the person last named with its title before `at`
 * (titled_mention), or NULL. */
static const char *titled_role(const struct analysis *a, size_t at,
                               const char *s) {
  const char *w = strchr(s, ' ');
  if (w && strchr(w + 1, ' '))
    return NULL;
  w = w ? w + 1 : s;
  if (!(w[0] >= 'a' && w[0] <= 'z') || !in_list_of(a, &a->lex->roles, w))
    return NULL;
  return titled_mention(a, at, w);
}

/* Whether the role r, as the article gave it to a person ("the former
 * secretary of state", "Democratic presidential candidate"), is the
 * description w or ends with it ("presidential candidate"). */
static bool role_is(const char *r, const char *w) {
  if (strncasecmp(r, "the ", 4) == 0)
    r += 4;
  size_t n = strlen(r), m = strlen(w);
  return m <= n && strcasecmp(r + n - m, w) == 0 &&
         (m == n || r[n - m - 1] == ' ');
}

/* A description of two words or more ("former secretary of state",
 * "Democratic presidential candidate"), no one's name, that is the role
 * the article gave one person named in it ("Ann Bolt, the former
 * secretary of state", "Democratic presidential candidate Ann Bolt"):
 * that person's name, or NULL (none, or two). */
static const char *role_person(const struct analysis *a, const char *w) {
  if (!strchr(w, ' '))
    return NULL; /* one word ("senator") is titled_role's */
  if (fw_is(a, strrchr(w, ' ') + 1, PC_FW_DOC))
    return NULL; /* "the congressional report": a document, no one's role */
  const char *name = NULL;
  for (size_t k = 0; k < a->nen; k++)
    if (strcmp(a->en[k].name, w) == 0)
      return NULL;
  for (size_t k = 0; k < a->nen; k++) {
    const struct found_entity *e = &a->en[k];
    if (e->type != PC_ENTITY_PERSON || !e->role || !role_is(e->role, w))
      continue;
    if (name && strcmp(name, e->name) != 0)
      return NULL;
    name = e->name;
  }
  return name;
}

/* "Rape Exception For Abortions Jeb Bush", "Says Donald Trump": a
 * headline run into a name (a live blog's) or a capitalised title
 * before it ends with the full name of a person the article names,
 * which is who is meant.  That name (two words or more), or NULL. */
static const char *named_at_end(const struct analysis *a, const char *s) {
  size_t n = strlen(s);
  const char *best = NULL;
  size_t bl = 0;
  for (size_t k = 0; k < a->nen; k++) {
    const char *e = a->en[k].name;
    size_t l = strlen(e);
    if (a->en[k].type != PC_ENTITY_PERSON || l + 1 >= n || l <= bl ||
        !strchr(e, ' ') || s[n - l - 1] != ' ' || strcmp(s + n - l, e) != 0)
      continue;
    best = e, bl = l;
  }
  for (const char *w = s; best && w < s + n - bl; w = strchr(w, ' ') + 1)
    if (!((*w >= 'A' && *w <= 'Z') || (*w >= '0' && *w <= '9')))
      return NULL; /* "his rival Ann Lee", "Mary Cole and Ann Lee", "the
                    * wife of Tom Bell": words of their own */
  return best;
}

/* The claimant and the accused written as a title alone
 * (titled_person), and the claimant as a role (titled_role), are the
 * person so titled. */
static void titled_names(const struct analysis *a, struct found_claim *c,
                         size_t at) {
  char **v[9] = {&c->claimant};
  size_t n = 1;
  for (size_t k = 0; k < c->naccused; k++)
    v[n++] = &c->accused[k];
  for (size_t k = 0; k < n; k++) {
    const char *name = titled_person(a, *v[k]);
    if (!name && k == 0) /* the accused: np_name_ex, which sees where */
      name = titled_role(a, at, *v[k]);
    if (!name)
      name = role_person(a, *v[k]);
    if (!name)
      name = named_at_end(a, *v[k]);
    char *s = name ? strdup(name) : NULL;
    if (s) {
      free(*v[k]);
      *v[k] = s;
    }
  }
}

/* Drops the accused that are things, not anyone: a lower-case head of
 * function-words' "thing" ("the Paris agreement", "the video"); an
 * owner was named already ("Obama's policy" is Obama). */
static void drop_things(const struct analysis *a, struct found_claim *c) {
  size_t w = 0;
  for (size_t k = 0; k < c->naccused; k++) {
    const char *h = strrchr(c->accused[k], ' ');
    h = h ? h + 1 : c->accused[k];
    if (*h >= 'a' && *h <= 'z' && fw_is(a, h, PC_FW_THING)) {
      free(c->accused[k]);
      continue;
    }
    c->accused[w++] = c->accused[k];
  }
  c->naccused = w;
}

/* Fills c from the match; false when it names no claimant or accused.
 * An accused that a verb of finding opens is cut after it (m). */
/* Whether the event of "blamed {E} on {A}" is a party ("blamed local
 * officials on Twitter", "blamed Ann Bolt on Twitter"): a person named,
 * or a head that names people or a body. */
static bool party_event(const struct analysis *a, const struct match *m) {
  size_t e0 = m->cap[S_E][0], e1 = m->cap[S_E][1];
  if (e1 <= e0 || m->cap[S_A][0] != e1 + 1 || !low_eq(&a->t[e1], "on"))
    return false;
  if (a->t[e0].ent >= 0 && a->en[a->t[e0].ent].type == PC_ENTITY_PERSON &&
      a->t[e1 - 1].ent == a->t[e0].ent)
    return true;
  const struct token *h = &a->t[e1 - 1];
  return h->type == T_WORD && !(h->flags & F_CAP) &&
         (fw_is(a, h->low, PC_FW_AGENT) || fw_is(a, h->low, PC_FW_PEOPLE));
}

/* Whether "denied" and the subject [s0, s1) it takes refuse someone
 * something rather than deny a clause: "denied Garland a hearing",
 * "denied him the nomination", "denied his party the victory" (an
 * object pronoun or a possessive is no clause's subject), "denied Ray
 * Dunn, the council's nominee, a hearing". */
static bool refused_to(const struct analysis *a, size_t s0, size_t s1,
                       size_t t1) {
  if (s1 == s0 + 1 && in_list_of(a, &a->lex->pronouns, a->t[s0].low) &&
      !fw_is(a, a->t[s0].low, PC_FW_SUBJ))
    return true;
  if (fw_is(a, a->t[s0].low, PC_FW_POSS) || determiner(a, a->t[s0].low))
    for (size_t k = s0 + 2; k < s1; k++)
      if (determiner(a, a->t[k].low))
        return true; /* "his party the victory": two objects */
  if ((s1 < t1 && low_eq(&a->t[s1], "'s")) ||
      pc_att_ending(a, a->t[s1 - 1].low, PC_FW_GEN, 1))
    return true; /* "denied Ann Bolt's claims": her claims, no clause */
  size_t j = s1;
  if (j < t1 && is_punct(&a->t[j], ",") && !(s0 > 0 && low_eq(&a->t[s0 - 1], "that"))) {
    size_t k = j + 1; /* past a name's apposition */
    while (k < t1 && k < j + 12 && !is_punct(&a->t[k], ",") && !cl_boundary(a, k))
      k++;
    if (k < t1 && is_punct(&a->t[k], ","))
      j = k + 1;
  }
  return j < t1 && determiner(a, a->t[j].low);
}

/* A charge's content told with a modal perfect: "rejected the theory
 * that Tom Bell would have taken bribes" denies a past deed, as "the
 * theory that he took bribes" does; only after a noun that names the
 * charge (not "denied that he would have run": an intention). */
static bool charged_past(const struct analysis *a, const struct pc_phrase *p,
                         size_t s0, size_t s1, size_t t1) {
  size_t w = 1;
  while (w < p->n && strcmp(p->w[w], "that") != 0)
    w++;
  if (w >= p->n || p->w[w - 1][0] == '{' || strchr(p->w[w - 1], '~') ||
      s0 < 1 || !low_eq(&a->t[s0 - 1], "that"))
    return false; /* "denied that he would": no noun before "that" */
  size_t k = s1;
  while (k < t1 && skippable(a, k) && !fw_is(a, a->t[k].low, PC_FW_MODAL))
    k++;
  return k + 1 < t1 && fw_is(a, a->t[k].low, PC_FW_MODAL) &&
         low_eq(&a->t[k + 1], "have");
}

/* A name whose first word is a lower-case past form or participle that
 * a claim pattern is anchored on, with its complement ("accused former
 * President Tom Bell of rape", where the speech stage read "A woman who
 * has accused ..."): a predicate, not a party ("fired staffer", "leading
 * candidates"). */
static bool opens_with_verb(const struct analysis *a, const char *name) {
  char w[24];
  size_t n = strcspn(name, " ");
  if (n < 5 || n >= sizeof w || !name[n] || name[0] < 'a' || name[0] > 'z')
    return false;
  memcpy(w, name, n);
  w[n] = '\0';
  if (strcmp(w + n - 2, "ed") != 0 && strcmp(w + n - 3, "ing") != 0)
    return false;
  return (strstr(name + n, " of ") || strstr(name + n, " for ")) &&
         pc_lex_claim_may_anchor(a->lex, pc_lex_hash(w));
}

/* Whether two names share a capitalised word: "Trump" and "Trump
 * University" (a firm's owner). */
static bool names_overlap(const char *x, const char *y) {
  for (const char *p = x; *p;) {
    size_t l = strcspn(p, " ");
    char w[48];
    if (l > 0 && l < sizeof w && p[0] >= 'A' && p[0] <= 'Z') {
      memcpy(w, p, l);
      w[l] = '\0';
      if (name_has(y, w))
        return true;
    }
    p += l;
    while (*p == ' ')
      p++;
  }
  return false;
}

/* The one a representative speaks for, from the claimant's words: "Tom
 * Bell's lawyer" and "a spokesman for Acme Corp" name Tom Bell and Acme
 * Corp (data: rep).  A copy, or NULL. */
static char *represented(const struct analysis *a, const char *s) {
  const char *last = strrchr(s, ' ');
  const char *f = strstr(s, " for ");
  char w[24];
  if (f) { /* "spokesman for Acme Corp" */
    const char *h = f;
    while (h > s && h[-1] != ' ')
      h--;
    size_t n = (size_t)(f - h);
    if (n == 0 || n >= sizeof w || !f[5] || !(f[5] >= 'A' && f[5] <= 'Z'))
      return NULL;
    memcpy(w, h, n);
    w[n] = '\0';
    return in_list_of(a, &a->lex->fw[PC_FW_REP], w) ? strdup(f + 5) : NULL;
  }
  if (!last || strlen(last + 1) >= sizeof w ||
      !in_list_of(a, &a->lex->fw[PC_FW_REP], last + 1))
    return NULL;
  const char *g = strstr(s, "'s ");
  size_t gl = 3;
  if (!g) {
    g = strstr(s, "\xE2\x80\x99s ");
    gl = 5;
  }
  if (!g || g + gl != last + 1 || !(s[0] >= 'A' && s[0] <= 'Z'))
    return NULL; /* "Tom Bell's lawyer" only: the owner right before */
  char *o = malloc((size_t)(g - s) + 1);
  if (o) {
    memcpy(o, s, (size_t)(g - s));
    o[g - s] = '\0';
  }
  return o;
}

/* Whether name s opens with a possessive pronoun in lower case ("his
 * critics": words the speech stage took unresolved). */
static bool owner_open_low(const struct analysis *a, const char *s) {
  char w[8];
  size_t n = strcspn(s, " ");
  if (n == 0 || n >= sizeof w || s[n] != ' ' || !(s[0] >= 'a' && s[0] <= 'z'))
    return false;
  memcpy(w, s, n);
  w[n] = '\0';
  return fw_is(a, w, PC_FW_POSS);
}

/* "He called China provocative, accusing it of ...", "sued it": "it"
 * as the object right after the verb of blame stands for a thing, never
 * a person: in an organisation's report the organisation (report_it),
 * else the body or country named last before it in the sentence; not
 * after a preposition ("railed against it": the law); NULL when none
 * is. */
static char *object_it(const struct analysis *a, size_t b, size_t e,
                       size_t i) {
  if (e != b + 1 || b != i + 1 || !low_eq(&a->t[b], "it"))
    return NULL;
  char *s = report_it(a, b);
  if (s)
    return s;
  if (fw_is(a, a->t[i].low, PC_FW_PREP))
    return NULL; /* "railed against it": a thing, the law */
  size_t lo = a->sent0[(a->nsent - 1) % SENTS];
  for (size_t k = i; k-- > lo;) {
    int en = a->t[k].ent;
    if (en >= 0 && (a->en[en].type == PC_ENTITY_ORG ||
                    a->en[en].type == PC_ENTITY_GROUP ||
                    a->en[en].type == PC_ENTITY_COUNTRY))
      return strdup(a->en[en].name);
  }
  return NULL;
}

static bool claim_fill(struct analysis *a, const struct pc_phrase *p, size_t t0,
                       size_t t1, size_t i, struct match *m,
                       struct found_claim *c) {
  int as = m->have[S_A] ? S_A : m->have[S_N] ? S_N : m->have[S_S] ? S_S : -1;
  if (as >= 0 && m->cap[as][1] < t1 && low_eq(&a->t[m->cap[as][1]], "by")) {
    const struct token *l = &a->t[m->cap[as][1] - 1];
    size_t n = strlen(l->low);
    if (l->type == T_WORD && !(l->flags & F_CAP) && n > 4 &&
        (strcmp(l->low + n - 2, "ed") == 0 || strcmp(l->low + n - 2, "en") == 0))
      return false; /* "criticisms of the actions taken by the departments":
                     * the agent of "taken", not the critic */
  }
  if (as == S_A && m->have[S_E] && party_event(a, m)) {
    m->cap[S_A][0] = m->cap[S_E][0]; /* "blamed local officials on
                                      * Twitter": the officials */
    m->cap[S_A][1] = m->cap[S_E][1];
    m->have[S_E] = false;
  }
  /* "rejected claims that it caused": "it" is the subject itself; not
   * "denied it happened" (an event) */
  size_t s0 = m->cap[as < 0 ? 0 : as][0];
  /* (owned by c->accused once taken: later steps may free it, so
   * lone_body keeps whether there was one) */
  char *body_it = (as == S_A || as == S_N) && p->claimant == 1
                      ? object_it(a, m->cap[as][0], m->cap[as][1], i)
                      : NULL;
  bool lone_body = body_it != NULL;
  bool it = as == S_S && c->deny && m->cap[as][1] == s0 + 1 &&
            low_eq(&a->t[s0], "it") && m->cap[as][1] < t1 &&
            a->t[m->cap[as][1]].type == T_WORD && charge_before(a, i, s0);
  if ((p->claimant == 2 || it) && c->claimant) {
    /* self-claims; "Acme rejected claims that it caused": Acme's own part */
    c->accused[0] = strdup(c->claimant);
    c->naccused = c->accused[0] != NULL;
  } else if (body_it) {
    c->accused[0] = body_it; /* "accusing it of": the body named last */
    c->naccused = 1;
  } else if (as >= 0) {
    bool ent = false;
    if (p->claimant == 0 && !m->have[S_C] && as != S_S && m->cap[as][0] < i &&
        quote_holding(a, i) < 0)
      c->claimant =
          finder_before(a, t0, &m->cap[as][0], m->cap[as][1], &c->deny);
    c->naccused =
        split_names(a, m->cap[as][0], m->cap[as][1], c->accused, &ent);
    if (as != S_A && !ent)
      return false; /* "the storm caused ...": no one is held to account */
    if (m->cap[as][1] == m->cap[as][0] + 1 &&
        in_list_of(a, &a->lex->fw[PC_FW_ANYONE], a->t[m->cap[as][0]].low))
      return false; /* "Somebody hits me": no party named */
    drop_things(a, c);
  }
  if (!c->naccused)
    return false;
  c->quote = quote_holding(a, i);
  if (!c->claimant && m->have[S_C])
    c->claimant = np_name(a, m->cap[S_C][0], m->cap[S_C][1], false);
  /* "X attacked Y by accusing him of": the means of X's act, whoever the
   * speech stage gave the participle's report */
  if (!c->claimant && !m->have[S_C] && p->claimant == 1 &&
      m->lead != SIZE_MAX && m->lead > t0 && low_eq(&a->t[m->lead - 1], "by"))
    c->claimant = participle_subject(a, t0, m->lead);
  if (!c->claimant && !m->have[S_C])
    c->claimant = claimant_around(a, p, t1, i, c->quote);
  if (!c->claimant && !m->have[S_C] && p->claimant == 1 && m->lead != SIZE_MAX)
    c->claimant = participle_subject(a, t0, m->lead);
  /* "his critics denounced him": the owner's people (owned), as an
   * accused; not "their critics" when "their" stands for no one */
  size_t cb = 0, ce = 0; /* the claimant's words */
  if (m->have[S_C]) {
    cb = m->cap[S_C][0], ce = m->cap[S_C][1];
  } else if (m->lead != SIZE_MAX && m->lead_slot == S_C) {
    ce = pc_att_skip_adverbs(a, t0, m->lead);
    cb = pc_att_np_start(a, t0, ce);
  }
  if (c->claimant && cb < ce && owner_open_low(a, c->claimant) &&
      fw_is(a, a->t[cb].low, PC_FW_POSS)) {
    char *o = np_name(a, cb, ce, false);
    if (o && strstr(o, "'s ")) { /* "his critics": Hale's critics */
      free(c->claimant);
      c->claimant = o;
    } else {
      free(o);
    }
  }
  if (!c->claimant || junk_name(a, c->claimant) || cut_name(a, c->claimant) ||
      opens_with_verb(a, c->claimant))
    return false; /* "accused former President Bill Clinton of rape": a
                   * predicate read as a claimant */
  body_before(a, c);
  titled_names(a, c, a->sent0[(a->nsent - 1) % SENTS]);
  if (m->have[S_S] && ((modal_at(a, m->cap[S_S][1], t1) &&
                        !charged_past(a, p, m->cap[S_S][0], m->cap[S_S][1], t1)) ||
                       refused_to(a, m->cap[S_S][0], m->cap[S_S][1], t1)))
    return false; /* "denied Garland a hearing": not a clause */
  if (as >= 0 && as != S_S && m->cap[as][0] > i && !lone_body &&
      m->cap[as][1] == m->cap[as][0] + 1 &&
      in_list_of(a, &a->lex->pronouns, a->t[m->cap[as][0]].low) &&
      fw_is(a, a->t[m->cap[as][0]].low, PC_FW_SUBJ))
    return false; /* "made clear he will ... of": "he" is no object */
  if (p->tag && p->claimant == 2 && m->have[S_E] &&
      modal_at(a, m->cap[S_E][0], t1))
    return false;
  if (p->claimant == 2 && !c->deny && m->have[S_E] &&
      state_at(a, m->cap[S_E][0], t1))
    return false; /* "admitted that she didn't like": a state of mind */
  if (p->claimant == 2 && m->have[S_E] && told_to(a, m->cap[S_E][0], t1))
    return false; /* "confessed to the police that": whom one told */
  for (size_t k = m->b; p->claimant == 2 && k + 1 < m->e && k + 1 < t1; k++)
    if (low_eq(&a->t[k], "to") &&
        in_list_of(a, &a->lex->fw[PC_FW_ANYONE], a->t[k + 1].low))
      return false; /* "I apologize to nobody for that": a refusal */
  if (p->claimant != 2 && as >= 0 && strcmp(c->claimant, c->accused[0]) == 0)
    rebind_object(a, t0, m->cap[as][0], m->cap[as][1], c);
  bool own = p->claimant == 0 && as >= 0 && m->cap[as][1] == m->cap[as][0] + 1 &&
             (first_person_word(a, m->cap[as][0]) ||
              low_eq(&a->t[m->cap[as][0]], "it"));
  bool self_denied = c->deny && as == S_S && charge_before(a, i, s0);
  if (p->claimant != 2 && strcmp(c->claimant, c->accused[0]) == 0 &&
      !(c->deny && p->claimant == 0) && !own && !it && !self_denied)
    return false; /* "they accused him" read as one person; but a speaker
                   * may deny their own part ("it had nothing to do") */
  if (p->claimant == 2 && strcmp(c->claimant, c->accused[0]) != 0) {
    free(c->accused[0]);
    c->accused[0] = strdup(c->claimant);
  }
  if (p->claimant == 2 && c->accused[0]) {
    char *o = represented(a, c->claimant);
    if (o) { /* "Tom Bell's lawyer denied the allegations": Tom Bell's */
      free(c->accused[0]);
      c->accused[0] = o;
    }
  }
  c->event =
      m->have[S_E] ? pc_att_np_text(a, m->cap[S_E][0], m->cap[S_E][1]) : NULL;
  return true;
}

/* Whether two claims hold one party to account: "accused the mayor, Sam
 * Cole, of lying" read as Sam Cole by one pattern and as "mayor" and Sam
 * Cole by another is one claim. */
static bool shared_accused(const struct found_claim *o,
                           const struct found_claim *c) {
  for (size_t i = 0; i < o->naccused; i++)
    for (size_t j = 0; j < c->naccused; j++)
      if (strcmp(o->accused[i], c->accused[j]) == 0)
        return true;
  return false;
}

/* Another pattern in the same sentence found the same claim ("her
 * claim that they killed ..." and "they killed"): the claim found first
 * keeps it, taking the event when it had none (c is dropped; true). */
static bool claim_merge(struct analysis *a, struct found_claim *c) {
  for (size_t k = a->nc; k-- > 0 && a->c[k].t0 == c->t0;) {
    struct found_claim *o = &a->c[k];
    if (o->deny != c->deny || strcmp(o->claimant, c->claimant) != 0 ||
        !shared_accused(o, c))
      continue;
    if (!o->event) {
      o->event = c->event;
      c->event = NULL;
    }
    claim_drop(c);
    return true;
  }
  return false;
}

/* A claim made before by a longer mention of its claimant: "A jury at
 * the court convicted Tom Bell ... A jury found him guilty" tells of one
 * verdict twice. */
static bool restated(const struct analysis *a, const struct found_claim *c) {
  if (strchr(c->claimant, ' ') || !(c->claimant[0] >= 'a' && c->claimant[0] <= 'z'))
    return false; /* a common noun alone: "jury", "police" */
  for (size_t k = 0; k < a->nc; k++) {
    const struct found_claim *o = &a->c[k];
    if (o->deny == c->deny && strcmp(o->claimant, c->claimant) != 0 &&
        name_has(o->claimant, c->claimant) &&
        strcmp(o->accused[0], c->accused[0]) == 0)
      return true;
  }
  return false;
}

/* The other member of a pair the plural "they" at k stands for: the
 * previous sentence named "Jane Doe and Ann Lee" and the claimant is one
 * of them.  Returns the other's entity, or -1. */
static int they_pair(const struct analysis *a, size_t k, const char *claimant) {
  if (!low_eq(&a->t[k], "they") || a->nsent < 2)
    return -1;
  size_t p0 = a->sent0[(a->nsent - 2) % SENTS], p1 = a->sent0[(a->nsent - 1) % SENTS];
  int ents[2] = {-1, -1}, n = 0;
  for (size_t j = p0; j < p1 && j < k; j++) {
    int e = a->t[j].ent;
    if (e < 0 || (j > p0 && a->t[j - 1].ent == e))
      continue;
    if (n == 2)
      return -1; /* more than two: not a pair */
    ents[n++] = e;
  }
  if (n != 2 || ents[0] == ents[1])
    return -1;
  /* the two joined by "and" with at most two words between */
  size_t j = p0;
  while (j < p1 && a->t[j].ent != ents[0])
    j++;
  while (j < p1 && a->t[j].ent == ents[0])
    j++;
  if (j >= p1 || !low_eq(&a->t[j], "and"))
    return -1;
  size_t m = j + 1;
  while (m < p1 && m < j + 4 && a->t[m].ent != ents[1])
    m++;
  if (m >= p1 || a->t[m].ent != ents[1])
    return -1;
  for (int x = 0; x < 2; x++)
    if (strcmp(a->en[ents[x]].name, claimant) == 0)
      return ents[1 - x];
  return -1;
}

/* "They criticised X" after "Jane Doe and Ann Lee ...": a claim for each. */
static void claim_they(struct analysis *a, size_t t0, size_t lead) {
  size_t at = pc_att_skip_adverbs(a, t0, lead);
  const struct found_claim *c = &a->c[a->nc - 1];
  int other = at > t0 ? they_pair(a, at - 1, c->claimant) : -1;
  if (other < 0 || a->nc >= PC_MAX_QUOTES)
    return;
  GROW(a, c, nc, capc);
  if (a->oom)
    return;
  struct found_claim *d = &a->c[a->nc], *o = &a->c[a->nc - 1];
  char *name = strdup(a->en[other].name);
  if (!name)
    return;
  *d = *o;
  d->claimant = name;
  d->event = o->event ? strdup(o->event) : NULL;
  for (size_t x = 0; x < o->naccused; x++)
    d->accused[x] = strdup(o->accused[x]);
  a->nc++;
}

/* A wrong told in a relative clause on a noun ("the siege that Israel
 * imposes on us") is taken for granted, also in a question. */
static bool relative_at(const struct analysis *a, size_t b) {
  return b > 0 && (low_eq(&a->t[b], "that") || low_eq(&a->t[b], "which")) &&
         a->t[b - 1].type == T_WORD && !(a->t[b - 1].flags & F_CAP) &&
         !np_stop(a, b - 1) && !a->t[b - 1].cue;
}

/* Whether the words at i end in a question mark: "Do I bear
 * responsibility for it?" asks, it claims nothing. */
static bool asked(const struct analysis *a, size_t i, size_t t1) {
  for (; i < t1; i++)
    if (a->t[i].type == T_PUNCT && strchr(".!?", a->t[i].low[0]))
      return a->t[i].low[0] == '?';
  return false;
}

/* A pattern that ends on a word of its own names a wrong only when that
 * word ends its phrase: "is a criminal defense lawyer", "the firm's fraud
 * unit", "fault lines" name no wrong.  A lower-case word after it that
 * no phrase runs through, an adverb or a time ("lied again", "is a liar
 * who") lets it stand; a self-claim's object may run on ("denied the
 * allegations made"), and so may a word after an event ("what X is doing
 * is a large illegal scheme"). */
static bool compound_tail(const struct analysis *a, const struct pc_phrase *p,
                          const struct match *m, size_t t1) {
  const char *w = p->w[p->n - 1];
  size_t j = m->e;
  if (p->claimant == 2 || w[0] == '{' || w[0] == '.' || j >= t1 ||
      (p->n > 1 && p->w[p->n - 2][0] == '{' && p->w[p->n - 2][1] == 'e') ||
      np_stop(a, j - 1))
    return false; /* nor a preposition: "has blood on his hands" */
  const struct token *k = &a->t[j];
  return k->type == T_WORD && !(k->flags & F_CAP) && !np_stop(a, j) &&
         !skippable(a, j) && !time_word(a, j, t1);
}

/* "described the idea that X did it" denies only when a word after it
 * calls the idea false ("as absurd"). */
static bool unjudged(const struct analysis *a, const struct pc_phrase *p,
                     size_t i, size_t t1, const struct match *m) {
  if (!p->tag || !fw_is(a, a->t[i].low, PC_FW_LABEL))
    return false;
  if (m->e > i && fw_is(a, a->t[m->e - 1].low, PC_FW_FALSE))
    return false; /* the pattern's own last word: "called the lawsuit
                   * frivolous" */
  for (size_t j = m->e; j < t1; j++)
    if (a->t[j].type == T_WORD && fw_is(a, a->t[j].low, PC_FW_FALSE))
      return false;
  return true;
}

/* The first token of the report holding token i, when the claimant is its
 * speaker: "According to Jane Doe, Acme was responsible" holds Acme, not
 * "Jane Doe, Acme", to account.  Else t0. */
static size_t report_start(const struct analysis *a, const struct pc_phrase *p,
                           size_t t0, size_t i) {
  int q = p->claimant == 0 ? quote_holding(a, i) : -1;
  if (q < 0)
    return t0;
  size_t k = i;
  while (k > t0 && a->t[k - 1].block == a->q[q].block &&
         a->t[k - 1].s >= a->q[q].s)
    k--;
  return k;
}

/* A denial whose pattern ends the sentence on a pronoun ("The company
 * denied it.") denies a charge only when one was made against the
 * denier earlier in the document. */
static bool denies_nothing(const struct analysis *a, const struct pc_phrase *p,
                           const struct found_claim *c) {
  if (!c->deny || p->n < 2 || strcmp(p->w[p->n - 1], ".") != 0 ||
      strchr(p->w[p->n - 2], '|'))
    return false; /* "rejected the accusation.": a charge named */
  for (size_t k = 0; k < a->nc; k++)
    for (size_t x = 0; !a->c[k].deny && x < a->c[k].naccused; x++)
      if (strcmp(a->c[k].accused[x], c->claimant) == 0)
        return false;
  return true;
}

/* A self-claim's verb in the passive: "was denied boarding", "was
 * admitted to hospital" say what was done to the subject. */
static bool passive_self(const struct analysis *a, const struct pc_phrase *p,
                         size_t t0, size_t b) {
  if (p->claimant != 2 || b <= t0)
    return false;
  size_t n = strlen(a->t[b].low);
  if (n > 4 && strcmp(a->t[b].low + n - 3, "ing") == 0)
    return false; /* "is accepting responsibility" */
  while (b > t0 + 1 && skippable(a, b - 1) && !aux_word(a, a->t[b - 1].low))
    b--; /* "was repeatedly denied" */
  return a->t[b - 1].type == T_WORD && fw_is(a, a->t[b - 1].low, PC_FW_PASS);
}

/* A self-claim's verb in its bare form after a name: "demanded that
 * Acme take responsibility" asks for the claim, it does not report it. */
static bool subjunctive_self(const struct analysis *a,
                             const struct pc_phrase *p, const struct match *m) {
  if (p->claimant != 2 || m->lead == SIZE_MAX || m->lead == 0)
    return false;
  const struct token *v = &a->t[m->lead_b];
  size_t k = 0; /* the pattern's first word: its verb */
  while (k < p->n && p->w[k][0] == '{')
    k++;
  if (k >= p->n || (v->flags & F_CAP))
    return false;
  const char *w = p->w[k], *bar = strchr(w, '|');
  size_t n = bar ? (size_t)(bar - w) : strlen(w);
  if (n && w[n - 1] == '~')
    n--;
  if (strlen(v->low) != n || strncmp(v->low, w, n) != 0)
    return false;
  /* after "that": "heard Hartley admit" reports the admission, and "the
   * group claim" may be a plural */
  return a->t[m->lead - 1].ent >= 0 && m->b > 0 &&
         low_eq(&a->t[m->b - 1], "that");
}

/* The demand as the accusation of whoever made it: the speaker of the
 * report it stands in holds the subject to account.  False when no one
 * made it, or when it asks for a denial. */
static bool demanded(struct analysis *a, struct found_claim *c) {
  int q = c->quote;
  if (c->deny || q < 0 || !a->q[q].speaker ||
      strcmp(a->q[q].speaker, c->claimant) == 0)
    return false;
  char *s = strdup(a->q[q].speaker);
  if (!s)
    return false;
  free(c->claimant);
  c->claimant = s;
  return true;
}

/* An accusation read in a report its speaker denies: "Acme denied
 * reports that its chief hid the losses" (cue "denied") holds no one to
 * account by Acme's word, it denies. */
static bool denied_report(const struct analysis *a, const struct found_claim *c) {
  int q = c->quote;
  if (c->deny || q < 0 || !a->q[q].cue || !a->q[q].speaker ||
      strcmp(a->q[q].speaker, c->claimant) != 0)
    return false;
  char w[32];
  size_t n = strcspn(a->q[q].cue, " ");
  if (n == 0 || n >= sizeof w)
    return false;
  memcpy(w, a->q[q].cue, n);
  w[n] = '\0';
  for (char *k = w; *k; k++)
    *k = (char)(*k >= 'A' && *k <= 'Z' ? *k - 'A' + 'a' : *k);
  return fw_is(a, w, PC_FW_REBUT);
}

/* The report a denial quotes may name its maker: "denied claims made in
 * a viral post that said Acme misreported its sales" denies for the
 * denier, and the post (the phrase after a preposition, before
 * "that|which" and a cue right before the accused at b) accuses Acme.
 * Adds that accusation after claim k. */
static void denied_source(struct analysis *a, size_t t0, size_t b, size_t k) {
  if (b < t0 + 3 || a->t[b - 1].type != T_WORD || !a->t[b - 1].cue ||
      !(low_eq(&a->t[b - 2], "that") || fw_is(a, a->t[b - 2].low, PC_FW_REL)))
    return;
  size_t s = b - 2;
  while (s > t0 + 1 && s + 8 > b && a->t[s - 1].type == T_WORD &&
         !preposition(a, a->t[s - 1].low))
    s--;
  if (s >= b - 2 || s <= t0 + 1 || a->t[s - 1].type != T_WORD ||
      !preposition(a, a->t[s - 1].low))
    return; /* its maker only: "claims made online that said" have none */
  char *name = np_name(a, s, b - 2, false);
  if (!name || junk_name(a, name) || cut_name(a, name)) {
    free(name);
    return;
  }
  struct found_claim *c = claim_copy(a, k, name);
  if (!c)
    return;
  const struct found_claim *d = &a->c[k];
  c->quote = d->quote;
  c->t0 = d->t0, c->t1 = d->t1, c->at = d->at;
  if (c->naccused)
    a->nc++;
  else
    claim_drop(c);
}

/* "was responsible for cleaning up the data", "are responsible for
 * dividing expenses": "responsible for" and a gerund of no wrongful act
 * (no claim pattern is anchored on the word: "killing", of "kill^") is
 * a duty, not a charge; "responsible for killing" stays one.  So is a
 * noun of a duty: "responsible for the security of the plants". */
static bool duty_for(const struct analysis *a, const struct match *m,
                     size_t t1) {
  size_t r = m->b;
  while (r < m->e && r < t1 && !low_eq(&a->t[r], "responsible"))
    r++;
  if (r + 2 >= t1 || !low_eq(&a->t[r], "responsible") ||
      !low_eq(&a->t[r + 1], "for"))
    return false;
  size_t k = r + 2; /* a noun of a duty: "for the security of the
                     * plants" (data: duty) */
  while (k < t1 && a->t[k].type == T_WORD &&
         (determiner(a, a->t[k].low) || fw_is(a, a->t[k].low, PC_FW_POSS)))
    k++;
  if (k < t1 && a->t[k].type == T_WORD &&
      in_list_of(a, &a->lex->fw[PC_FW_DUTY], a->t[k].low))
    return true;
  const struct token *g = &a->t[r + 2];
  size_t n = strlen(g->low);
  if (g->type != T_WORD || n < 6 || strcmp(g->low + n - 3, "ing") != 0)
    return false;
  return !pc_lex_claim_may_anchor(a->lex, g->hash);
}

/* "stands fully behind the president's stance", "stood behind Ray
 * Dunn": "behind" a person alone, or after a word of firmness, is
 * support, not a part in a deed ("stood behind the attack"). */
static bool backing(const struct analysis *a, const struct match *m,
                    size_t t1) {
  if (!m->have[S_E] || m->cap[S_E][0] < 1 ||
      !low_eq(&a->t[m->cap[S_E][0] - 1], "behind"))
    return false;
  size_t e0 = m->cap[S_E][0], e = e0;
  int en = a->t[e0].ent;
  while (en >= 0 && e < t1 && a->t[e].ent == en)
    e++;
  if (en >= 0 && a->en[en].type == PC_ENTITY_PERSON &&
      (e >= t1 || a->t[e].type != T_WORD || np_stop(a, e)) &&
      !(e < t1 && (low_eq(&a->t[e], "'s") || pc_att_ending(a, a->t[e - 1].low, PC_FW_GEN, 1))))
    return true; /* "stands behind Ray Dunn" */
  const char *w = e0 >= 2 ? a->t[e0 - 2].low : "";
  return strcmp(w, "fully") == 0 || strcmp(w, "firmly") == 0 ||
         strcmp(w, "squarely") == 0 || strcmp(w, "solidly") == 0 ||
         strcmp(w, "wholeheartedly") == 0;
}

/* The bit set (pc_claim_seen_bit) of the words of a sentence a pattern
 * word may match (tok_match), built when a pattern is first tried there
 * (a sentence that holds no pattern's anchor needs none). */
struct seen_words {
  uint64_t bits[PC_CLAIM_SEEN / 64];
  bool built;
};

/* Builds sw for the sentence [t0, t1): each token's word ("wasn't" as
 * itself: pc_claim_seen_bits gives a pattern's "was" its bit too). */
static void sentence_seen(struct analysis *a, size_t t0, size_t t1,
                          struct seen_words *sw) {
  memset(sw->bits, 0, sizeof sw->bits);
  sw->built = true;
  for (size_t i = t0; i < t1; i++) {
    unsigned b = pc_claim_seen_bit(token_hash(&a->t[i]));
    sw->bits[b / 64] |= (uint64_t)1 << (b % 64);
  }
}

/* Whether each word of pattern p but its anchor an may match a word of
 * the sentence whose bit set is seen (seen_words): the literal words
 * match in the sentence, so "{A} was responsible for {E}" cannot where
 * no "for" is. */
static bool words_seen(const struct pc_phrase *p, size_t an,
                       const uint64_t *seen) {
  const uint16_t *b = p->wseen;
  for (size_t k = 0; b && k < p->n; b += 1 + b[0], k++) {
    size_t j = 1;
    if (k == an || b[0] == 0)
      continue; /* the anchor, or a lemma's or a suffix's forms */
    while (j <= b[0] && !((seen[b[j] / 64] >> (b[j] % 64)) & 1u))
      j++;
    if (j > b[0])
      return false;
  }
  return true;
}

static void claim_try(struct analysis *a, const struct pc_phrase *p, size_t an,
                      size_t t0, size_t t1, size_t i, const uint64_t *seen) {
  /* its anchor word an (pc_claim_anchor) matches at i */
  if (an >= p->n || !words_seen(p, an, seen) ||
      !pat_match(p, an, a->t[i].low))
    return;
  if (a->t[i].ent >= 0 || ((a->t[i].flags & F_CAP) && i > t0 &&
                           !(a->t[i].flags & F_SENT)))
    return; /* a word of a name: "the Real Clear Politics average" */
  struct match m;
  memset(&m, 0, sizeof m);
  size_t s0 = t0; /* the sentence */
  t0 = report_start(a, p, t0, i);
  if (!match_right(a, p, an, i, t1, &m) || !match_left(a, p, an, t0, i, &m))
    return;
  if (a->nc >= PC_MAX_QUOTES)
    return;
  GROW(a, c, nc, capc);
  if (a->oom)
    return;
  struct found_claim *c = &a->c[a->nc];
  memset(c, 0, sizeof *c);
  if (m.lead != SIZE_MAX && !claim_left(a, p, t0, &m, &c->claimant)) {
    claim_drop(c);
    return;
  }
  int pol = polarity(a, p, &m, i);
  c->deny = pol;
  if (pol < 0 || hedged(a, t0, m.b) || modal_before(a, t0, m.lead_b) ||
      (asked(a, i, t1) && !relative_at(a, m.b)) || supposed(a, t0, m.b, i) ||
      modal_report(a, s0, t0) ||
      (p->claimant == 0 && modal_deed(a, t0, m.lead_b)) || forgone(a, t0, i) ||
      unjudged(a, p, i, t1, &m) || duty_for(a, &m, t1) || backing(a, &m, t1) ||
      compound_tail(a, p, &m, t1) || passive_self(a, p, t0, m.lead_b) ||
      !claim_fill(a, p, t0, t1, i, &m, c) || denies_nothing(a, p, c)) {
    claim_drop(c);
    return;
  }
  if (subjunctive_self(a, p, &m) && !demanded(a, c)) {
    claim_drop(c);
    return;
  }
  bool denied = p->claimant == 0 && denied_report(a, c);
  if (denied)
    c->deny = 1;
  c->t0 = s0, c->t1 = t1, c->at = i;
  if (claim_merge(a, c))
    return;
  if (restated(a, c)) {
    claim_drop(c);
    return;
  }
  a->nc++;
  if (denied)
    denied_source(a, s0, m.b, a->nc - 1);
  if (m.lead != SIZE_MAX && p->claimant == 1)
    claim_they(a, t0, m.lead);
}

/* Tries the patterns anchored on key (a word, or a lemma "blame~"; hk
 * its pc_lex_hash, which pc_lex_claim_may_anchor let through). */
static void claims_keyed(struct analysis *a, const char *key, uint32_t hk,
                         size_t t0, size_t t1, size_t i,
                         struct seen_words *sw) {
  const struct pc_lex *lx = a->lex;
  size_t end = 0;
  size_t lo = pc_lex_claim_first(lx, key, hk, &end);
  if (lo < end && !sw->built)
    sentence_seen(a, t0, t1, sw);
  for (; lo < end; lo++) {
    const struct pc_phrase *p = &lx->claims.p[lx->claim_first[lo].langs];
    size_t an = 0; /* the index holds the anchor word itself */
    while (an < p->n && p->w[an] != lx->claim_first[lo].w)
      an++;
    claim_try(a, p, an, t0, t1, i, sw->bits);
  }
}

/* Writes the key w[0, sl) + add + "~" to out[*k], and its pc_lex_hash
 * (h: that of w[0, sl)) to hk[*k], when a pattern may be anchored on it. */
static void lemma_key(const struct pc_lex *lx, const char *w, size_t sl,
                      const char *add, size_t al, uint32_t h, char out[][32],
                      uint32_t *hk, size_t *k) {
  for (size_t m = 0; m < al; m++)
    h = pc_lex_hash_step(h, (unsigned char)add[m]);
  h = pc_lex_hash_step(h, '~');
  if (!pc_lex_claim_may_anchor(lx, h))
    return; /* most keys: no pattern has that anchor */
  memcpy(out[*k], w, sl);
  memcpy(out[*k] + sl, add, al);
  memcpy(out[*k] + sl + al, "~", 2);
  hk[(*k)++] = h;
}

/* The lemmas word w may be a form of, as "stem~" keys: w itself, w less
 * -s, -es, -d, -ed, -ing (with its e back), -ied/-ies as -y, and a doubled
 * consonant.  Only keys a pattern may be anchored on are written, with
 * their pc_lex_hash in hk.  Returns how many were written to out. */
static size_t lemma_keys(const struct pc_lex *lx, const char *w, char out[][32],
                         uint32_t *hk) {
  /* the ending cut, what comes back, and their lengths: this runs for
   * every word whose first letters start a lemma, so no strlen/strcmp */
  static const struct {
    char cut[4], add[2];
    unsigned char cl, al;
  } cut[] = {{"", "", 0, 0},     {"s", "", 1, 0},    {"es", "", 2, 0},
             {"d", "", 1, 0},    {"ed", "", 2, 0},   {"ing", "", 3, 0},
             {"ing", "e", 3, 1}, {"ied", "y", 3, 1}, {"ies", "y", 3, 1}};
  uint32_t ph[25]; /* ph[j]: the hash of w[0, j), every key's start */
  size_t n = 0, k = 0;
  ph[0] = PC_LEX_HASH0;
  for (; w[n] && n < 24; n++)
    ph[n + 1] = pc_lex_hash_step(ph[n], (unsigned char)w[n]);
  if (n < 3 || w[n])
    return 0; /* shorter than 3 bytes or longer than 24 */
  /* the cuts whose ending may be the word's, by its last byte, in the
   * table's order (9 ends a list) */
  static const unsigned char by_s[] = {0, 1, 2, 8, 9}, by_d[] = {0, 3, 4, 7, 9},
                             by_g[] = {0, 5, 6, 9}, by_other[] = {0, 9};
  const unsigned char *cs = w[n - 1] == 's'   ? by_s
                            : w[n - 1] == 'd' ? by_d
                            : w[n - 1] == 'g' ? by_g
                                              : by_other;
  for (; *cs < 9; cs++) {
    size_t c = *cs, cl = cut[c].cl, m = 0;
    if (n <= cl + 1)
      continue;
    while (m < cl && w[n - cl + m] == cut[c].cut[m])
      m++;
    if (m < cl)
      continue;
    size_t sl = n - cl;
    if (c == 4 || c == 5) { /* "committed": the doubled consonant too */
      if (sl > 2 && w[sl - 1] == w[sl - 2] && w[sl - 1] != 'l' &&
          w[sl - 1] != 's')
        lemma_key(lx, w, sl - 1, "", 0, ph[sl - 1], out, hk, &k);
    }
    lemma_key(lx, w, sl, cut[c].add, cut[c].al, ph[sl], out, hk, &k);
  }
  return k;
}

/* "denies he said it, but he has admitted ...": a second statement. */
static bool contrast_between(const struct analysis *a, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (fw_is(a, a->t[i].low, PC_FW_CONTRAST) || is_punct(&a->t[i], ";"))
      return true;
  return false;
}

/* Whether claim c is the content of a denial made before it in the same
 * sentence: "Acme denied that it caused the fire", "dismissed claims
 * that Acme caused the fire" deny; the clause they deny accuses no one. */
static bool denied_content(const struct analysis *a, size_t n0,
                           const struct found_claim *c) {
  if (c->deny)
    return false;
  for (size_t k = n0; k < a->nc; k++) {
    const struct found_claim *d = &a->c[k];
    if (d->deny && d->at < c->at && d->t0 == c->t0 &&
        strcmp(d->claimant, c->claimant) == 0 &&
        strcmp(d->accused[0], c->accused[0]) == 0 &&
        !contrast_between(a, d->at, c->at))
      return true;
  }
  return false;
}

/* Drops the claims from n0 on that only restate a denial's content. */
static void drop_denied(struct analysis *a, size_t n0) {
  size_t w = n0;
  for (size_t k = n0; k < a->nc; k++) {
    if (denied_content(a, n0, &a->c[k])) {
      claim_drop(&a->c[k]);
      continue;
    }
    if (w != k)
      a->c[w] = a->c[k];
    w++;
  }
  a->nc = w;
}

void pc_att_claims_in(struct analysis *a, size_t t0, size_t t1) {
  /* patterns are indexed by their anchor word (pc_lex_claims) */
  char keys[12][32];
  uint32_t hk[12];
  struct seen_words sw;
  size_t n0 = a->nc;
  sw.built = false;
  for (size_t i = t0; i < t1; i++) {
    uint32_t h = token_hash(&a->t[i]);
    if (pc_lex_claim_may_anchor(a->lex, h)) /* most words: no call */
      claims_keyed(a, a->t[i].low, h, t0, t1, i, &sw);
    if (a->t[i].type != T_WORD || !a->t[i].low[0])
      continue;
    if (!pc_claim_may_be_form(a->lex, a->t[i].low))
      continue; /* no lemma anchor starts so */
    size_t nk = lemma_keys(a->lex, a->t[i].low, keys, hk);
    for (size_t k = 0; k < nk; k++)
      claims_keyed(a, keys[k], hk[k], t0, t1, i, &sw);
  }
  drop_denied(a, n0);
}

/* Whether the word at j calls a charge false: "baseless", "a lie"
 * (data: false), or "without" and a noun of its grounds ("without
 * merit", "without any basis"; data: nomerit). */
static bool false_at(const struct analysis *a, size_t j, size_t t1) {
  if (a->t[j].type != T_WORD)
    return false;
  if (fw_is(a, a->t[j].low, PC_FW_FALSE))
    return true;
  if (!low_eq(&a->t[j], "without"))
    return false;
  size_t k = j + 1;
  if (k < t1 && (low_eq(&a->t[k], "any") || low_eq(&a->t[k], "legal") ||
                 low_eq(&a->t[k], "factual")))
    k++;
  return k < t1 && in_list_of(a, &a->lex->fw[PC_FW_NOMERIT], a->t[k].low);
}

/* "called the allegations false", "described the claims as
 * baseless": a labelling verb at v, the charge at i, then a word that
 * calls it false. */
static bool called_false(const struct analysis *a, size_t v, size_t i,
                         size_t t1) {
  if (!fw_is(a, a->t[v].low, PC_FW_LABEL))
    return false;
  for (size_t j = i + 1; j < t1 && j < i + 5; j++)
    if (false_at(a, j, t1))
      return true;
  return false;
}

/* "found no evidence to support the claim": a verb that backs a charge
 * at v (data: backs) after "no evidence to" rebuts it, on behalf of the
 * finder.  Returns where the finding verb stands ("found", "saw"), or v
 * when the words are not so. */
static size_t unbacked(const struct analysis *a, size_t t0, size_t v) {
  if (v < t0 + 4 || !in_list_of(a, &a->lex->fw[PC_FW_BACKS], a->t[v].low) ||
      !low_eq(&a->t[v - 1], "to") ||
      !in_list_of(a, &a->lex->fw[PC_FW_NOMERIT], a->t[v - 2].low) ||
      !low_eq(&a->t[v - 3], "no"))
    return v;
  size_t f = v - 4;
  return a->t[f].type == T_WORD && !(a->t[f].flags & F_CAP) &&
                 !fw_is(a, a->t[f].low, PC_FW_PASS)
             ? f
             : v; /* not "there is no evidence to support": no finder */
}

/* "That's" in one word, straight or curly (a token writes ’ as '). */
static bool that_is(const struct token *k) {
  return low_eq(k, "that's");
}

/* Rebuttals: a sentence that rejects "these accusations" or calls "the
 * claim" false denies the accusation made last in the document, on
 * behalf of the rejecting subject or the speaker of the words. */
void pc_att_rebuttals_in(struct analysis *a, size_t t0, size_t t1) {
  int prior = -1; /* the last accusation of an earlier sentence */
  for (size_t k = a->nc; k-- > 0;)
    if (!a->c[k].deny && a->c[k].t1 <= t0) {
      prior = (int)k;
      break;
    }
  if (prior < 0)
    return;
  /* "“That's a lie,” he said" right after the charge: "that" is it */
  bool next = a->c[prior].t1 == t0;
  for (size_t i = t0; i < t1; i++) {
    bool demo = next && a->t[i].type == T_WORD &&
                (low_eq(&a->t[i], "that") || that_is(&a->t[i])) &&
                (i == t0 || a->t[i - 1].type == T_QOPEN);
    if (a->t[i].type != T_WORD ||
        (!demo && !fw_is(a, a->t[i].low, PC_FW_CHARGE)))
      continue;
    if (i + 1 < t1 && low_eq(&a->t[i + 1], "against"))
      continue; /* "denied the allegations against him": a charge that names
                 * its target, not the one made last */
    char *claimant = NULL;
    size_t at = i;
    /* "X rejected (these) accusations": a rebut verb up to 3 words before */
    for (size_t v = i; !demo && v-- > t0 && v + 4 > i;) {
      if (a->t[v].type != T_WORD)
        break;
      size_t f = v; /* the rebutting verb */
      if (!fw_is(a, a->t[v].low, PC_FW_REBUT) && !called_false(a, v, i, t1) &&
          (f = unbacked(a, t0, v)) == v)
        continue;
      if (negated(a, f, f + 1))
        break;
      size_t end = pc_att_skip_adverbs(a, t0, f);
      size_t b = pc_att_np_start(a, t0, end);
      if (b < end)
        claimant = np_name(a, b, end, false);
      at = f;
      break;
    }
    /* "the claims are (patently) false", "the claim is not true" */
    bool said_false = false;
    if (!claimant && at == i) {
      size_t j = i + 1;
      while (j < t1 && j < i + 3 && a->t[j].type != T_WORD)
        j++; /* quotation marks */
      if (demo && that_is(&a->t[i]))
        j = i; /* "That's": the verb in the word */
      if (j < t1 && (j == i || fw_is(a, a->t[j].low, PC_FW_PASS))) {
        bool neg = false;
        for (size_t f = j + 1; f < t1 && f < j + 5; f++) {
          if (a->t[f].type != T_WORD)
            continue;
          if (fw_is(a, a->t[f].low, PC_FW_NEG)) {
            neg = true;
            continue;
          }
          if ((!neg && false_at(a, f, t1)) ||
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
    if (a->c[prior].claimant && strcmp(a->c[prior].claimant, claimant) == 0) {
      free(claimant); /* "Trump sued the customer ... Trump denied the
                       * accusations": no one rebuts their own charge */
      continue;
    }
    char *rep = represented(a, claimant);
    bool other = rep && a->c[prior].naccused &&
                 !names_overlap(rep, a->c[prior].accused[0]);
    free(rep);
    if (other) {
      free(claimant); /* "A spokesman for Al Ng denied the allegations":
                       * Al Ng's, not the last charge against another */
      continue;
    }
    struct found_claim *c = claim_copy(a, prior, claimant);
    if (!c)
      return;
    c->deny = 1;
    c->quote = q;
    c->t0 = t0, c->t1 = t1, c->at = at;
    a->nc++;
    if (at > i) /* a second rebuttal may follow ("..., and analysts said") */
      i = at;
  }
}
