/*
 * claims.c - 6. claims: data/en/claims.txt patterns (who accuses whom of
 * what, or denies it), owned by the speaker of the innermost quote they
 * stand in; and rebuttals, which deny the accusation made last.
 */
#include "analysis.h"

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
      in_list(&a->lex->honorifics, a->t[i - 1].low))
    return false;
  return boundary(&a->t[i]);
}

static bool list_sep(const struct analysis *a, const struct token *k) {
  return is_punct(k, ",") || is_punct(k, "\xE2\x80\x93") ||
         is_punct(k, "\xE2\x80\x94") || fw_is(a, k->low, PC_FW_CONJ);
}

/* A list of noun phrases to the right of i: "X, Y and Z". */
static size_t right_list(const struct analysis *a, size_t i, size_t t1) {
  size_t e = i;
  while (e < t1 && e < i + 14 && !cl_boundary(a, e)) {
    const struct token *k = &a->t[e];
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
static size_t left_list(const struct analysis *a, size_t lo, size_t end) {
  size_t b = end;
  while (b > lo && end - b < 14) {
    const struct token *k = &a->t[b - 1];
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
static char *np_name(const struct analysis *a, size_t t0, size_t t1,
                     bool agent) {
  while (t0 < t1 && (determiner(a, a->t[t0].low) || a->t[t0].type != T_WORD))
    t0++;
  if (t1 - t0 == 1) { /* "she accused him": the people they stand for */
    const char *w = a->t[t0].low;
    int g = fw_is(a, w, PC_FW_OBJM) ? 'm' : fw_is(a, w, PC_FW_OBJF) ? 'f'
                                        : list_tag(&a->lex->pronouns, w);
    if (g == 'm' || g == 'f') {
      int e = pc_att_last_person_g(a, t0, g);
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
    while (k < t1 && a->t[k].type == T_WORD &&
           fw_is(a, a->t[k].low, PC_FW_AGENT))
      k++;
    if (k > i && (k == t1 || stop_word(a, a->t[k].low)))
      return strdup(a->en[e].name);
  }
  if (t1 - t0 == 1 &&
      (stop_word(a, a->t[t0].low) || function_cap(a, a->t[t0].low)))
    return NULL; /* "who", "it", "they" name no one */
  return pc_att_np_text(a, t0, t1);
}

/* Splits [t0, t1) at list separators into up to 8 names. */
static size_t split_names(const struct analysis *a, size_t t0, size_t t1,
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

static bool negated(const struct analysis *a, size_t from, size_t to) {
  for (size_t i = from > 3 ? from - 3 : 0; i < to; i++)
    if (fw_is(a, a->t[i].low, PC_FW_NEG))
      return true;
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

static void claim_try(struct analysis *a, const struct pc_phrase *p, size_t t0,
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
    at = pc_att_skip_adverbs(a, t0, at);
    size_t b = slot == 0 ? left_list(a, t0, at) : pc_att_np_start(a, t0, at);
    /* "the Russian and Syrian defense ministries accused": coordinated
     * capitalised words belong to the claimant */
    while (slot == 1 && b >= t0 + 2 && b < at && (a->t[b].flags & F_CAP) &&
           fw_is(a, a->t[b - 1].low, PC_FW_CONJ) &&
           a->t[b - 2].type == T_WORD && (a->t[b - 2].flags & F_CAP) &&
           !function_cap(a, a->t[b - 2].low))
      b = pc_att_np_start(a, t0, b - 1);
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
  struct found_claim *c = &a->c[a->nc];
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
  c->event = have[2] ? pc_att_np_text(a, cap[2][0], cap[2][1]) : NULL;
  c->deny = p->tag;
  c->t0 = t0, c->t1 = t1, c->at = i;
  a->nc++;
}

void pc_att_claims_in(struct analysis *a, size_t t0, size_t t1) {
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
void pc_att_rebuttals_in(struct analysis *a, size_t t0, size_t t1) {
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
      size_t end = pc_att_skip_adverbs(a, t0, v);
      size_t b = pc_att_np_start(a, t0, end);
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
    const struct found_claim *p = &a->c[prior];
    struct found_claim *c = &a->c[a->nc];
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
