/*
 * speech.c - 4. speech, per sentence: a cue verb with its subject, a frame
 * ("according to X", "In X's view", "For X,"), or none; the reported
 * clause after the cue, split where ", and that" starts a second one,
 * searched again for speech reported inside it; quoted spans become direct
 * or mixed quotes.  A quote with no cue continues the last speaker.
 */
#include "analysis.h"

static bool participle_form(const struct analysis *a, const char *w);
static size_t that_after(const struct analysis *a, size_t i, size_t after,
                         size_t t1);
static char *cue_text(const struct analysis *a, size_t i, size_t len);
static bool time_only(const struct analysis *a, size_t c0, size_t c1);
static struct speaker_ref noun_owner(struct analysis *a, size_t t0,
                                     size_t n);
static size_t speech_noun_before(const struct analysis *a, size_t t0,
                                 size_t k);

/* A speaker known by its phrase [t0, t1) alone ("the committee's
 * letter"): the phrase is its name and its role. */
static void phrase_name(const struct analysis *a, size_t t0, size_t t1,
                        struct speaker_ref *w) {
  w->name = pc_att_np_text(a, t0, t1);
  w->role = w->name ? strdup(w->name) : NULL;
}

/* Whether word j (a word of i's block) is in category c. */
static bool fw_word_at(const struct analysis *a, size_t j, size_t i, int c) {
  return a->t[j].type == T_WORD && a->t[j].block == a->t[i].block &&
         (c < PC_FW_COUNT ? fw_is(a, a->t[j].low, c)
                          : in_list_at(a, j, &a->lex->fw[c]));
}

/* "Please explain": a cue right after a word of a request (data: imp)
 * is an imperative; "a very detailed plan": a cue right after a word of
 * degree is an adjective; "Nobody has said", "No one bothered
 * mentioning": a subject that says no one spoke (data: nobody, or a
 * negation and "one") with only auxiliaries between (data: aux, ctl,
 * inf).  Each way no speech was made. */
static bool unspoken(const struct analysis *a, size_t i) {
  if (i > 0 && fw_word_at(a, i - 1, i, PC_FW_IMP))
    return true;
  /* "the more elaborate moves", "a very detailed plan": an adjective
   * after a word of degree (data: degree; cmp after a determiner) */
  if (i > 0 && fw_word_at(a, i - 1, i, PC_FW_DEGREE))
    return true;
  if (i > 1 && fw_word_at(a, i - 1, i, PC_FW_CMP) &&
      fw_word_at(a, i - 2, i, PC_FW_DET))
    return true;
  size_t k = i;
  while (k > 0 && k + 3 > i && a->t[k - 1].type == T_WORD &&
         (aux_word(a, a->t[k - 1].low) ||
          fw_is(a, a->t[k - 1].low, PC_FW_CTL) ||
          fw_is(a, a->t[k - 1].low, PC_FW_INF)))
    k--;
  if (k > 0 && fw_word_at(a, k - 1, i, PC_FW_NOBODY))
    return true;
  return k > 1 && fw_word_at(a, k - 1, i, PC_FW_NUM) &&
         fw_word_at(a, k - 2, i, PC_FW_NEG);
}

/* cue_at for a word that starts a cue phrase. */
static size_t cue_checked(const struct analysis *a, size_t i, size_t lim,
                          size_t sp0, size_t sp1) {
  if (a->t[i].type != T_WORD || span_of(a, i, sp0, sp1) >= 0)
    return 0;
  /* "States" in "United States" is a name, not a verb; in a headline
   * all words are capitalised */
  if ((a->t[i].flags & F_CAP) && !(a->t[i].flags & F_SENT) &&
      (!a->t[i].cue || !pc_att_title_case(a, i)))
    return 0;
  size_t len = a->t[i].cue; /* looked up once per token, in pc_attribute */
  /* "he was told", "X was accused of": a passive cue's subject is not the
   * speaker ("was saying" is no passive) */
  if (len && i > 0 && a->t[i - 1].type == T_WORD &&
      a->t[i - 1].block == a->t[i].block &&
      fw_is(a, a->t[i - 1].low, PC_FW_PASS) &&
      !participle_form(a, a->t[i].low))
    return 0;
  if (len && unspoken(a, i))
    return 0;
  return i + len <= lim ? len : 0;
}

/* A cue at i (outside spans): its length, 0 if none.  This runs for
 * every word, and most start no cue phrase: no call for them. */
static inline size_t cue_at(const struct analysis *a, size_t i, size_t lim,
                            size_t sp0, size_t sp1) {
  return a->t[i].cue ? cue_checked(a, i, lim, sp0, sp1) : 0;
}

/*** speech ****************************************************************/

/* Bytes [*s, *e) of text tx less the spaces at both ends and the commas
 * at its end ("« Nous partons »": French sets a space, often a no-break
 * one, inside guillemets; '" We will win, "' in careless copy). */
static void trim_quote(const char *tx, uint32_t *s, uint32_t *e) {
  const unsigned char *p = (const unsigned char *)tx;
  uint32_t cp;
  size_t k;
  while (*s < *e && (k = pc_utf8_decode(p + *s, *e - *s, &cp)) != 0 &&
         pc_uni_is_space(cp))
    *s += (uint32_t)k;
  while (*e > *s) {
    uint32_t b = *e - 1;
    while (b > *s && (p[b] & 0xC0) == 0x80)
      b--;
    if (p[b] != ',' && (!pc_utf8_decode(p + b, *e - b, &cp) ||
                        !pc_uni_is_space(cp)))
      break;
    *e = b;
  }
}

/* Appends a quote of bytes [s, e) of the block, less the spaces at its
 * ends and a trailing comma, by w: its index, or -1 (empty, too many
 * quotes or no memory).  A headline's quote is one of its own even when
 * the body quotes the same words (tests/fixtures/quotes/README.md,
 * "Titles"). */
int pc_att_push_quote(struct analysis *a, uint32_t block, uint32_t s,
                      uint32_t e, pc_quote_kind kind,
                      const struct speaker_ref *w, const char *cue,
                      int parent, size_t t0, size_t t1) {
  trim_quote(btext(a, block), &s, &e);
  if (e <= s || a->nq >= PC_MAX_QUOTES)
    return -1;
  GROW(a, q, nq, capq);
  if (a->oom)
    return -1;
  struct found_quote *q = &a->q[a->nq];
  memset(q, 0, sizeof *q);
  q->block = block;
  q->s = s, q->e = e;
  q->kind = kind;
  q->speaker = w && w->name ? strdup(w->name) : NULL;
  q->ent = w ? w->ent : -1;
  q->role = w && w->role ? strdup(w->role) : NULL;
  q->cue = cue ? strdup(cue) : NULL;
  q->parent = parent;
  q->t0 = t0, q->t1 = t1;
  return (int)a->nq++;
}

/* Whether the speaker w is named by a phrase whose last word names what
 * cannot speak or write (data: mute): "her eyes", "Words". */
static bool mute_speaker(const struct analysis *a,
                         const struct speaker_ref *w) {
  if (!w || !w->name || w->ent >= 0)
    return false;
  char low[32];
  return pc_att_last_word_low(w->name, low, sizeof low) &&
         in_list_of(a, &a->lex->fw[PC_FW_MUTE], low);
}

/* A quote of tokens [c0, c1): inside the marks when they enclose it. */
static int add_quote(struct analysis *a, uint32_t block, size_t c0, size_t c1,
                     pc_quote_kind kind, const struct speaker_ref *w,
                     const char *cue, int parent, size_t t0, size_t t1) {
  if (c1 <= c0 || mute_speaker(a, w))
    return -1;
  uint32_t s = a->t[c0].s, e = a->t[c1 - 1].e;
  /* the marks go when they enclose the whole quote, else both stay */
  int sp = a->t[c0].opens;
  if (sp >= 0 && a->sp[sp].c == c1 - 1 && a->sp[sp].closed) {
    s = a->t[c0].e;
    e = a->t[c1 - 1].s;
  } else if (sp >= 0 && !a->sp[sp].closed && a->sp[sp].c == c1 - 1) {
    s = a->t[c0].e; /* open to the paragraph's end */
  }
  return pc_att_push_quote(a, block, s, e, kind, w, cue, parent, t0, t1);
}

/* Spans lying inside [c0, c1). */
static int spans_inside(const struct analysis *a, size_t c0, size_t c1,
                        size_t sp0, size_t sp1, size_t *only) {
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
static size_t cue_at(const struct analysis *a, size_t i, size_t lim, size_t sp0,
                     size_t sp1);

/* True when a quoted span opens in (i, t1): the clause still reports. */
static bool span_after(const struct analysis *a, size_t i, size_t t1) {
  for (size_t k = i + 1; k < t1; k++)
    if (a->t[k].opens >= 0)
      return true;
  return false;
}

/* Whether a relative pronoun stands among the (up to) reach words right
 * before k, with no punctuation between. */
static bool rel_in_words_before(const struct analysis *a, size_t k,
                                size_t reach) {
  for (size_t n = 0; n < reach && k > 0; n++, k--) {
    const struct token *p = &a->t[k - 1];
    if (p->type != T_WORD)
      return false;
    if (fw_is(a, p->low, PC_FW_REL))
      return true;
  }
  return false;
}

/* Whether the cue before content c0 follows a relative pronoun: "X, who
 * said ..., said" (up to two adverbs or auxiliaries between), also past
 * an adjunct or addressee between the cue and the content ("who said
 * last week that ...", "who told reporters ..."). */
static bool subject_rel_before(const struct analysis *a, size_t c0) {
  enum { ADJUNCT_MAX = 7 };
  size_t k = c0;
  for (size_t z = c0; z > 0 && z + ADJUNCT_MAX > c0; z--) {
    if (a->t[z - 1].type != T_WORD)
      break;
    if (a->t[z - 1].cue) {
      k = z - 1;
      break;
    }
  }
  while (k > 0 && (a->t[k - 1].cue || is_comp(a, k - 1)))
    k--;
  return rel_in_words_before(a, k, 3);
}

/* "and accused", "and repeatedly says": the "and" before the cue at i,
 * adverbs between (data: aux), and with fin auxiliaries too ("and has
 * said"); its index + 1, 0 when there is none. */
static size_t conj_before(const struct analysis *a, size_t lo, size_t i,
                          bool fin) {
  size_t k = i;
  while (k > lo + 1 && k + 3 > i && a->t[k - 1].type == T_WORD &&
         aux_word(a, a->t[k - 1].low) &&
         (fin || !fw_is(a, a->t[k - 1].low, PC_FW_FIN)))
    k--;
  return k > lo && a->t[k - 1].type == T_WORD &&
                 fw_is(a, a->t[k - 1].low, PC_FW_CONJ)
             ? k
             : 0;
}

/* Words from i on (up to eight) that hold a finite cue of their own:
 * ", and more than half said ...", a second report of another subject. */
static bool report_follows(const struct analysis *a, size_t i, size_t t1,
                           size_t sp0, size_t sp1) {
  for (size_t k = i + 1; k < t1 && k < i + 9; k++) {
    if (a->t[k].type != T_WORD || span_of(a, k, sp0, sp1) >= 0)
      return false;
    if (cue_at(a, k, t1, sp0, sp1) && !participle_form(a, a->t[k].low) &&
        !fw_is(a, a->t[k - 1].low, PC_FW_INF))
      return true;
  }
  return false;
}

/* A comma at i, or one just inside the closing mark at i ('a “terrible
 * situation,” but'): American style puts the comma inside the marks. */
static bool comma_at(const struct analysis *a, size_t i, size_t c0) {
  return is_punct(&a->t[i], ",") ||
         (a->t[i].type == T_QCLOSE && i > c0 && is_punct(&a->t[i - 1], ","));
}

/* Whether the writer's own words start after i (a comma, or a comma
 * inside closing marks): "..., but stopped short of ...", "..., and
 * most voters said ...", "..., according to ...". */
static bool writer_after_comma(const struct analysis *a, size_t i, size_t c0,
                               size_t t1, size_t sp0, size_t sp1) {
  if (!comma_at(a, i, c0) || i <= c0 + 1 || i + 2 >= t1 ||
      a->t[i + 1].type != T_WORD)
    return false;
  const char *w = a->t[i + 1].low;
  if (strcmp(w, "according") == 0 && low_eq(&a->t[i + 2], "to"))
    return true;
  if (a->t[i].type == T_QCLOSE && fw_is(a, w, PC_FW_CONTRAST))
    return true;
  /* "..., 39 have said they support Sanders": a count or a share with a
   * cue of its own reports a second thing */
  bool count = w[0] >= '0' && w[0] <= '9' &&
               a->t[i + 1].s > a->t[i].e && /* not "1,100" */
               !(a->t[i - 1].low[0] >= '0' &&
                 a->t[i - 1].low[0] <= '9'); /* nor "Sept. 11, 2012" */
  if ((count || fw_is(a, w, PC_FW_QUANT)) && !low_eq(&a->t[i + 2], "of"))
    return report_follows(a, i, t1, sp0, sp1);
  return (fw_is(a, w, PC_FW_CONJ) || fw_is(a, w, PC_FW_CONTRAST)) &&
         report_follows(a, i + 1, t1, sp0, sp1);
}

/* "said the plan was sound, but that it came late": a second "that" after
 * "but" is a second clause of the same report, and so is a verb of the
 * content's subject ("said she hired him, but hasn't decided ...", "...,
 * but not the tax").  A clause with its own subject ("..., but the
 * campaign refused to answer") is as often the writer's as the
 * speaker's (PolNeAR train), so the report ends there. */
static bool contrast_clause(const struct analysis *a, size_t i, size_t t1) {
  return i + 1 < t1 && a->t[i].type == T_WORD && a->t[i].in_span < 0 &&
         (is_comp(a, i) || fw_is(a, a->t[i].low, PC_FW_FIN) ||
          fw_is(a, a->t[i].low, PC_FW_NEG));
}

/* A past form in -ed (more than four letters) at k, outside quoted words. */
static bool ed_form(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  size_t n = strlen(t->low);
  return t->type == T_WORD && t->in_span < 0 && !(t->flags & F_CAP) && n > 4 &&
         strcmp(t->low + n - 2, "ed") == 0;
}

/* Whether [c0, e) holds a finite verb: an auxiliary or modal (data: fin)
 * or a past form (in -ed, or irregular: data: ipast) after a word that
 * is no determiner, possessive, preposition or function word ("China
 * opposed hacking", "the visit became"), or after a subject pronoun ("it
 * started"). */
static bool past_after_word(const struct analysis *a, size_t k);

static bool finite_in(const struct analysis *a, size_t c0, size_t e) {
  for (size_t k = c0; k < e; k++) {
    if (a->t[k].type != T_WORD || a->t[k].in_span >= 0)
      continue;
    if (fw_is(a, a->t[k].low, PC_FW_FIN))
      return true;
    if (k > c0 && past_after_word(a, k))
      return true;
  }
  return false;
}

/* Whether word k is a past form (in -ed, or data: ipast) after a word
 * that is no determiner, possessive, preposition or function word, or
 * after a subject pronoun: a verb ("the mayor met", "it started"), not
 * a modifier ("the paid staff"). */
static bool past_after_word(const struct analysis *a, size_t k) {
  bool past = ed_form(a, k) || (fw_is(a, a->t[k].low, PC_FW_IPAST) &&
                                !(a->t[k].flags & F_CAP));
  if (k == 0 || !past || a->t[k - 1].type != T_WORD)
    return false;
  const char *p = a->t[k - 1].low;
  return fw_is(a, p, PC_FW_SUBJ) ||
         (!determiner(a, p) && !fw_is(a, p, PC_FW_POSS) &&
          !preposition(a, p) && !stop_word(a, p));
}

/* "asked the company to unwind the deal and returned the money": after
 * content with no finite verb of its own (an object, "X to do Y"), "and"
 * or "but" and a past form is a second verb of the speaker's.  After a
 * clause ("she was tired and wanted ...") the verb may be the clause's,
 * and it stays (PolNeAR train: ending those cost more than it won). */
static bool speaker_verb(const struct analysis *a, size_t i, size_t c0,
                         size_t t1) {
  if (i <= c0 + 3 || i + 1 >= t1 || !ed_form(a, i) ||
      low_eq(&a->t[i + 1], "by"))
    return false;
  const struct token *p = &a->t[i - 1];
  return p->type == T_WORD && (fw_is(a, p->low, PC_FW_CONJ) ||
                               fw_is(a, p->low, PC_FW_CONTRAST)) &&
         !finite_in(a, c0, i - 1);
}

/* "..., a charge that party leaders denied": an apposition of the
 * writer's on what was said, "a" or "an" and a few words to "that" or a
 * relative pronoun. */
static bool writer_apposition(const struct analysis *a, size_t i, size_t c0,
                              size_t t1) {
  if (i <= c0 + 2 || i + 3 >= t1 || !is_punct(&a->t[i], ",") ||
      !article_a(&a->t[i + 1]))
    return false;
  for (size_t k = i + 2; k < t1 && k < i + 6; k++) {
    if (a->t[k].type != T_WORD || a->t[k].in_span >= 0)
      return false;
    if (k > i + 2 && (is_comp(a, k) || fw_is(a, a->t[k].low, PC_FW_REL)))
      return true;
  }
  return false;
}

/* Whether a cue that is no participle stands among the `words` words from
 * k (before t1), only words between: the verb of a subject that ends at
 * k. */
static bool finite_cue_within(const struct analysis *a, size_t k,
                              size_t words, size_t t1, size_t sp0,
                              size_t sp1) {
  for (size_t n = k; k < t1 && k < n + words; k++) {
    if (a->t[k].type != T_WORD)
      return false;
    if (cue_at(a, k, t1, sp0, sp1) && !participle_form(a, a->t[k].low))
      return true;
  }
  return false;
}

static bool participle_before(const struct analysis *a, size_t c0);
static bool participle_cue_within(const struct analysis *a, size_t k,
                                  size_t words, size_t t1, size_t sp0,
                                  size_t sp1);

/* "said hackers broke in and she accused him of ...": "and" or "but", a
 * subject pronoun and a cue of its own (a word or two between) start a
 * second report; ", however this time ...": the writer's turn. */
static bool second_subject(const struct analysis *a, size_t i, size_t c0,
                           size_t t1, size_t sp0, size_t sp1) {
  if (i <= c0 + 2 || i + 2 >= t1 || a->t[i].type != T_WORD ||
      a->t[i].in_span >= 0)
    return false;
  if (is_punct(&a->t[i - 1], ",") && low_eq(&a->t[i], "however"))
    return true;
  if (!(fw_is(a, a->t[i].low, PC_FW_CONJ) ||
        fw_is(a, a->t[i].low, PC_FW_CONTRAST) ||
        fw_is(a, a->t[i].low, PC_FW_SUB)))
    return false;
  /* "accuses Obama of “leading from behind” and Donald Trump says ...",
   * "while Sanders suggests ...": a name for the subject, too, after
   * content that is a clause or holds quoted words (not "said the
   * council and Tom Lake had agreed": the two are one subject) */
  size_t k = i + 1, dummy;
  int e = a->t[k].ent;
  /* "with Israel saying Hamas built it and the Indonesian government
   * firing back that ...": after a participle's report, a subject of a
   * few words with a participle cue of its own is a second report */
  if (participle_before(a, c0) && fw_is(a, a->t[i].low, PC_FW_CONJ) &&
      participle_cue_within(a, k, 6, t1, sp0, sp1))
    return true;
  if (e >= 0 && (a->t[k].flags & F_CAP) &&
      (finite_in(a, c0, i) || spans_inside(a, c0, i, sp0, sp1, &dummy)))
    while (k < t1 && k < i + 6 && a->t[k].ent == e)
      k++;
  else if (fw_is(a, a->t[k].low, PC_FW_SUBJ))
    k++;
  else if (fw_is(a, a->t[k].low, PC_FW_QUANT) ||
           (a->t[k].low[0] >= '0' && a->t[k].low[0] <= '9') ||
           fw_is(a, a->t[k].low, PC_FW_NUM))
    /* "... and one in four said ...", "and 40 percent of them say" */
    return finite_cue_within(a, k + 1, 5, t1, sp0, sp1);
  else
    return false;
  return finite_cue_within(a, k, 3, t1, sp0, sp1);
}

/* Whether a participle cue with a clause after it ("firing back that",
 * "saying it was") stands within words words from k, after a subject
 * (a determiner or a capitalised word first), no verb between. */
static bool participle_cue_within(const struct analysis *a, size_t k,
                                  size_t words, size_t t1, size_t sp0,
                                  size_t sp1) {
  if (k >= t1 || a->t[k].type != T_WORD ||
      !(determiner(a, a->t[k].low) || (a->t[k].flags & F_CAP)))
    return false;
  for (size_t n = k + 1; n < t1 && n < k + words; n++) {
    if (a->t[n].type != T_WORD || fw_is(a, a->t[n].low, PC_FW_FIN))
      return false;
    size_t len = cue_at(a, n, t1, sp0, sp1);
    if (len)
      return participle_form(a, a->t[n].low) &&
             pc_att_clausal_after(a, n + len, t1);
  }
  return false;
}

/* A dash at i: "—", "–", or a hyphen after a space ("-", "--"; not
 * "above- and below-ground"); the second "-" of "--" is none. */
static bool dash_at(const struct analysis *a, size_t i) {
  if (is_punct(&a->t[i], "\xE2\x80\x94") ||
      is_punct(&a->t[i], "\xE2\x80\x93"))
    return true;
  return is_punct(&a->t[i], "-") && i > 0 && a->t[i - 1].e < a->t[i].s &&
         a->t[i - 1].block == a->t[i].block;
}

/* After the dash at i: "and" or "but", or a participle ("— asserting
 * that ...", "-- having suggested ..."), opens the writer's words; not a
 * dash that a second one closes ("those old - and previously unreported
 * - postings"), nor "- and that ...", a second clause of the report. */
static bool writer_after_dash(const struct analysis *a, size_t i, size_t c0,
                              size_t t1) {
  size_t pairs = 0; /* a dash that closes an inset ("-- a position he has
                       since changed -- and") is no end either */
  for (size_t z = c0; z < i; z++)
    pairs += dash_at(a, z) && a->t[z].in_span < 0;
  if (pairs % 2)
    return false;
  size_t k = i + 1;
  if (k < t1 && is_punct(&a->t[i], "-") && is_punct(&a->t[k], "-"))
    k++; /* "--" */
  if (k + 1 >= t1 || a->t[k].type != T_WORD || a->t[k].in_span >= 0)
    return false;
  for (size_t z = k + 1; z < t1; z++)
    if (dash_at(a, z) && a->t[z].in_span < 0)
      return false;
  const char *w = a->t[k].low;
  /* ("-- but more dangerously, given ...": after hyphens, "but" often
   * goes on with the speaker's words) */
  if (fw_is(a, w, PC_FW_CONJ) ||
      (fw_is(a, w, PC_FW_CONTRAST) && !is_punct(&a->t[i], "-")))
    return !is_comp(a, k + 1);
  /* "said he was “encouraged” by the plan — a modest boost for ...": an
   * apposition of the writer's on the speaker's quoted words (without
   * them, "looked like a tuft cell — a cell type ..." goes on) */
  size_t dummy;
  if (determiner(a, w) && !(a->t[k].flags & F_CAP))
    return spans_inside(a, c0, i, 0, 0, &dummy) > 0;
  /* "there were 22 infants in the ward — some of whose families ...",
   * "— most of whom ...": a share of a relative's people after the dash
   * is the writer's note on the report */
  if (fw_is(a, w, PC_FW_QUANT) && k + 2 < t1 && low_eq(&a->t[k + 1], "of") &&
      fw_is(a, a->t[k + 2].low, PC_FW_REL))
    return true;
  return !(a->t[k].flags & F_CAP) && participle_form(a, w) &&
         !preposition(a, w) && !stop_word(a, w);
}

/* "..., which he argued help ...", "..., who says it's ...": a relative
 * clause after the comma at i whose subject reports on its own (a
 * pronoun or a name, then a cue) is a second report, not this one's. */
static bool relative_report(const struct analysis *a, size_t i, size_t c0,
                            size_t t1, size_t sp0, size_t sp1) {
  if (!comma_at(a, i, c0) || i <= c0 + 1 || i + 3 >= t1 ||
      a->t[i + 1].type != T_WORD || !fw_is(a, a->t[i + 1].low, PC_FW_REL))
    return false;
  size_t k = i + 2;
  int e = a->t[k].ent;
  if (fw_is(a, a->t[k].low, PC_FW_SUBJ))
    k++;
  else if (e >= 0 && (a->t[k].flags & F_CAP))
    while (k < t1 && k < i + 7 && a->t[k].ent == e)
      k++;
  else
    return false; /* "who pleaded guilty": the relative is the subject */
  return finite_cue_within(a, k, 2, t1, sp0, sp1);
}

/* "but said", "but did not suggest", "but then announced": the "but"
 * before the cue at i, auxiliaries, adverbs and negations between; its
 * index + 1, 0 when none. */
static size_t contrast_before(const struct analysis *a, size_t c0, size_t i) {
  size_t k = i;
  while (k > c0 + 2 && k + 3 > i && a->t[k - 1].type == T_WORD &&
         (fw_is(a, a->t[k - 1].low, PC_FW_FIN) ||
          fw_is(a, a->t[k - 1].low, PC_FW_NEG) ||
          aux_word(a, a->t[k - 1].low)))
    k--;
  return k > c0 + 1 && a->t[k - 1].type == T_WORD &&
                 fw_is(a, a->t[k - 1].low, PC_FW_CONTRAST)
             ? k
             : 0;
}

/* Whether the word before content c0 (before its "that") is a
 * participle: "saying (that) ...". */
static bool participle_before(const struct analysis *a, size_t c0) {
  size_t k = c0 > 0 ? c0 - 1 : 0;
  if (k > 0 && is_comp(a, k))
    k--;
  return k > 0 && a->t[k].type == T_WORD && participle_form(a, a->t[k].low);
}

/* Whether the cue right before content c0 is a participle that opens an
 * inset after a comma, with an object and no "that": "The paper, citing
 * a source, reported that ...", "Roe, recalling her years in office,
 * said ..." (not "..., adding that Tom Bell, its chairman, joined"). */
static bool inset_participle(const struct analysis *a, size_t c0) {
  return c0 > 2 && participle_before(a, c0) && !is_comp(a, c0 - 1) &&
         is_punct(&a->t[c0 - 2], ",");
}

/* Whether a comma stands in [c0, i). */
static bool comma_between(const struct analysis *a, size_t c0, size_t i) {
  for (size_t k = c0; k < i; k++)
    if (is_punct(&a->t[k], ","))
      return true;
  return false;
}

/* Whether a relative pronoun stands among the words before c0 back to
 * a comma: "who feared reprisals and asked not to be named, said". */
static bool relative_clause_before(const struct analysis *a, size_t c0) {
  enum { REACH = 14 };
  return rel_in_words_before(a, c0, REACH);
}

/* "Republicans, who say the tax is unfair, voted against it": after the
 * comma at k - 1 a predicate with no subject of its own runs to the
 * sentence's end (a finite auxiliary or a past form, in -ed or irregular
 * (data: ipast), no other comma): the main clause's, whose subject the relative clause was on.
 * ("who said the plan, approved last year, was vetted" has a comma
 * after its participle.) */
static bool main_verb_to_end(const struct analysis *a, size_t k, size_t t1) {
  const struct token *t = &a->t[k];
  if (t->type != T_WORD || (t->flags & F_CAP) || t->in_span >= 0 ||
      !(fw_is(a, t->low, PC_FW_FIN) || ed_form(a, k) ||
        fw_is(a, t->low, PC_FW_IPAST)))
    return false;
  for (size_t z = k + 1; z < t1; z++)
    if (is_punct(&a->t[z], ",") || a->t[z].type == T_QOPEN)
      return false;
  return true;
}

/* "a crucial, although brief, opportunity": a subordinator and a word or
 * two with no verb, between commas, before a lower-case word that goes
 * on with the noun phrase (no conjunction, subordinator, relative or
 * participle). */
static bool bare_inset(const struct analysis *a, size_t k, size_t j) {
  const struct token *n = &a->t[j + 1];
  if (finite_in(a, k + 1, j) || (n->flags & F_CAP) || n->in_span >= 0 ||
      stop_word(a, n->low) || fw_is(a, n->low, PC_FW_CONJ) ||
      participle_form(a, n->low))
    return false;
  for (size_t z = k + 1; z < j; z++)
    if (a->t[z].type != T_WORD || stop_word(a, a->t[z].low) ||
        participle_form(a, a->t[z].low))
      return false;
  return true;
}

/* "the email scandal, while troublesome, was dealt with": a short
 * subordinate inset from k, closed by a comma before an auxiliary (data:
 * fin) that goes on with the clause it interrupts. */
static bool sub_inset(const struct analysis *a, size_t k, size_t t1) {
  enum { INSET_MAX = 6, BARE_MAX = 3 };
  for (size_t j = k + 1; j < t1 && j < k + INSET_MAX; j++) {
    if (is_punct(&a->t[j], ","))
      return j + 1 < t1 && a->t[j + 1].type == T_WORD &&
             (fw_is(a, a->t[j + 1].low, PC_FW_FIN) ||
              (j <= k + BARE_MAX && bare_inset(a, k, j)));
    if (a->t[j].type != T_WORD)
      return false;
  }
  return false;
}

/* "said they back her, compared with 41 percent for him": a comparison
 * the writer adds to what was said (most often a poll's second figure)
 * after a comma is not the speaker's; after the speaker's quoted words
 * ('is “peanuts,” compared to ...') it may be. */
static bool comparison_at(const struct analysis *a, size_t i, size_t c0,
                          size_t t1, size_t sp0, size_t sp1) {
  size_t k = i + 1, dummy;
  return is_punct(&a->t[i], ",") && i > c0 + 1 && k + 1 < t1 &&
         a->t[k].in_span < 0 && low_eq(&a->t[k], "compared") &&
         (low_eq(&a->t[k + 1], "with") || low_eq(&a->t[k + 1], "to")) &&
         spans_inside(a, c0, i, sp0, sp1, &dummy) == 0;
}

/* "said he would ban them, a plan he has since changed": after a clause
 * of its own, a comma and "a" or "an" open a noun phrase of the writer's
 * on what was said, when a clause with no comma of its own comes before
 * it and it runs to the sentence's end (no comma or quoted words in it:
 * not "..., a bit adrift, in the weeks after"). */
static bool summary_apposition(const struct analysis *a, size_t i, size_t c0,
                               size_t t1) {
  if (!is_punct(&a->t[i], ",") || i <= c0 + 2 || i + 2 >= t1 ||
      !article_a(&a->t[i + 1]) ||
      !finite_in(a, c0, i))
    return false;
  for (size_t k = c0; k < i; k++)
    if (is_punct(&a->t[k], ","))
      return false; /* "that, even if ..., a recount could not be done" */
  for (size_t k = i + 2; k < t1; k++)
    if (a->t[k].type != T_WORD && !is_end_punct(&a->t[k]) &&
        !(is_punct(&a->t[k], "-") && a->t[k].s == a->t[k - 1].e) &&
        !(is_punct(&a->t[k], ",") && a->t[k + 1].s == a->t[k].e))
      return false; /* ("a 100,000-strong force": one word) */
  return true;
}

/* Whether the cue before content c0 stands deeper in a relative clause
 * in commas, up to 24 words after its pronoun with no punctuation
 * between: "Jo Ames, who has thrown restraint to the winds in denouncing
 * the nominee, declared ...". */
static bool inset_rel_before(const struct analysis *a, size_t c0) {
  enum { REACH = 25 };
  size_t k = c0;
  while (k > 0 && is_comp(a, k - 1))
    k--;
  if (k == 0 || !a->t[k - 1].cue)
    return false;
  for (size_t z = k - 1; z > 1 && z + REACH > k; z--) {
    const struct token *p = &a->t[z - 1];
    if (p->type != T_WORD)
      return false;
    if (fw_is(a, p->low, PC_FW_REL))
      return is_punct(&a->t[z - 2], ",");
  }
  return false;
}

/* "Officials who say the plan is dead said the vote would fail": after
 * the report of a relative clause on the subject, once that report holds
 * a finite verb of its own, a finite cue right after a word of it (no
 * auxiliary, subject pronoun, "to" or relative pronoun before the cue:
 * not "who say the mayor has said", "who say they said", "a booker who
 * said"; no cue that is also a noun: "weapons attacks"; no comma in
 * the report, after which the cue may have a subject of its own: "...,
 * Mr. Roe said") is the main clause's verb, whose subject the relative
 * clause was on. */
static bool main_cue_after_clause(const struct analysis *a, size_t i,
                                  size_t c0, size_t t1, size_t sp0,
                                  size_t sp1) {
  const struct token *p = &a->t[i - (i > 0)];
  if (!a->t[i].cue || i <= c0 + 2 || a->t[i].in_span >= 0 ||
      (a->t[i].flags & F_CAP) || p->type != T_WORD || p->in_span >= 0 ||
      participle_form(a, a->t[i].low) || aux_word(a, p->low) ||
      fw_is(a, p->low, PC_FW_FIN) || fw_is(a, p->low, PC_FW_SUBJ) ||
      fw_is(a, p->low, PC_FW_INF) || fw_is(a, p->low, PC_FW_CONJ) ||
      fw_is(a, p->low, PC_FW_CONTRAST) || fw_is(a, p->low, PC_FW_REL) ||
      is_comp(a, i - 1) || (a->t[i].flags & F_WEAK) ||
      c0 < 2 || !subject_rel_before(a, c0) || !cue_at(a, i, t1, sp0, sp1) ||
      !finite_in(a, c0, i - 1) || comma_between(a, c0, i))
    return false;
  return pc_att_clausal_after(a, i + cue_at(a, i, t1, sp0, sp1), t1);
}

/* "Podesta, who said the project was vetted, said he was unaware": the
 * main verb after the comma at i that closes the relative clause whose
 * cue reported from c0 ends the clause's report; so does a cue after an
 * inset participle ("X, citing a source, reported that ..."); words
 * that only tell when may stand between the comma and the main verb
 * ("Jo Ames, who has long criticized the nominee, on Friday declared
 * ..."). */
static bool main_verb_after_inset(const struct analysis *a, size_t i,
                                  size_t c0, size_t t1, size_t sp0,
                                  size_t sp1) {
  if (!is_punct(&a->t[i], ",") || i <= c0 + 2 || i + 1 >= t1 || c0 <= 1)
    return false;
  bool rel = subject_rel_before(a, c0) || inset_rel_before(a, c0);
  /* (or a verb that issues statements, data: make: "X, who said ...,
   * issued a statement Tuesday saying, “...”") */
  if ((cue_at(a, i + 1, t1, sp0, sp1) || main_verb_to_end(a, i + 1, t1) ||
       (rel && fw_is(a, a->t[i + 1].low, PC_FW_MAKE) &&
        !(a->t[i + 1].flags & F_CAP))) &&
      !participle_form(a, a->t[i + 1].low) &&
      (rel || (inset_participle(a, c0) && cue_at(a, i + 1, t1, sp0, sp1))))
    return true;
  for (size_t m = i + 2; rel && m < t1 && m < i + 5; m++)
    if (a->t[m].type == T_WORD && cue_at(a, m, t1, sp0, sp1) &&
        !participle_form(a, a->t[m].low) && time_only(a, i + 1, m))
      return true;
  return false;
}

/* What a cue inside a report does to the words after it (clause_end):
 * nested, the speech after it is the inner speaker's, and ", and that"
 * with it; adjunct, a participle cue after a preposition or "having"
 * was seen; inf, the cue that nests is an infinitive's. */
struct nesting {
  bool nested, adjunct, inf;
};

/* The cue at i, if any, in a report from c0 (clause_end): not a cue's
 * noun form ("had begun making calls to members but said ..."); nor a
 * participle after a preposition ("slammed X for suggesting that ...
 * and bragged about ...": the predicate's adjunct, which only a
 * participle joins: "aimed at explaining ... and clarifying") or after
 * "having"; "said it was too early to congratulate them but added ...":
 * an infinitive's cue is an intention, no speech of another speaker's,
 * and only a second cue of the subject's ends the report after it. */
static void nesting_at(const struct analysis *a, size_t i, size_t c0,
                       size_t t1, size_t sp0, size_t sp1,
                       struct nesting *n) {
  if (n->nested || !cue_at(a, i, t1, sp0, sp1) || (a->t[i].flags & F_WEAK))
    return;
  if (i > c0 && a->t[i - 1].type == T_WORD &&
      ((participle_form(a, a->t[i].low) && preposition(a, a->t[i - 1].low)) ||
       low_eq(&a->t[i - 1], "having"))) {
    n->adjunct = true;
    return;
  }
  n->nested = true;
  n->inf = i > 0 && fw_is(a, a->t[i - 1].low, PC_FW_INF);
}

static size_t clause_end(const struct analysis *a, size_t c0, size_t t1,
                         size_t sp0, size_t sp1) {
  struct nesting ns = {false, false, false};
  bool nested = false; /* ", and that" then belongs to the inner speaker */
  for (size_t i = c0; i < t1; i++) {
    /* 'its claim “is false,” and that “...”': the comma inside the marks */
    if (!nested && a->t[i].type == T_QCLOSE && i > c0 &&
        is_punct(&a->t[i - 1], ",") && i + 2 < t1 &&
        fw_is(a, a->t[i + 1].low, PC_FW_CONJ) && is_comp(a, i + 2))
      return i + 1;
    /* '“It’s time,” promising ...', '“We’ll see,” when asked ...': a
     * participle or a subordinate clause after the quoted words is the
     * writer's */
    if (a->t[i].type == T_QCLOSE && i > c0 && is_punct(&a->t[i - 1], ",") &&
        i + 1 < t1 && a->t[i + 1].type == T_WORD &&
        !(a->t[i + 1].flags & F_CAP) &&
        (participle_form(a, a->t[i + 1].low) ||
         fw_is(a, a->t[i + 1].low, PC_FW_SUB) ||
         ((low_eq(&a->t[i + 1], "when") || low_eq(&a->t[i + 1], "until")) &&
          a->t[c0].type == T_QOPEN) ||
         fw_is(a, a->t[i + 1].low, PC_FW_AFTER)))
      return i + 1;
    /* 'telling others “he was in charge” despite being ...': after
     * quoted words that open the report, a subordinator (not "as")
     * opens the writer's words */
    if (a->t[i].type == T_QCLOSE && a->t[c0].type == T_QOPEN && i + 1 < t1 &&
        a->t[i + 1].type == T_WORD && fw_is(a, a->t[i + 1].low, PC_FW_SUB) &&
        !low_eq(&a->t[i + 1], "as"))
      return i + 1;
    if (!nested && (writer_after_comma(a, i, c0, t1, sp0, sp1) ||
                    relative_report(a, i, c0, t1, sp0, sp1)))
      return a->t[i].type == T_QCLOSE ? i + 1 : i;
    /* 'chanted “What curfew?” and kept going': a question or an
     * exclamation in marks that opens the content is all of it */
    if (a->t[i].type == T_QCLOSE && i > c0 + 1 && a->t[c0].type == T_QOPEN &&
        (is_punct(&a->t[i - 1], "?") || is_punct(&a->t[i - 1], "!")) &&
        i + 1 < t1 && a->t[i + 1].type == T_WORD &&
        (fw_is(a, a->t[i + 1].low, PC_FW_CONJ) ||
         fw_is(a, a->t[i + 1].low, PC_FW_CONTRAST)))
      return i + 1;
    if (!nested && writer_apposition(a, i, c0, t1))
      return i;
    if (!nested && summary_apposition(a, i, c0, t1))
      return i;
    if (comparison_at(a, i, c0, t1, sp0, sp1))
      return i;
    if (span_of(a, i, sp0, sp1) >= 0 || a->t[i].type == T_QOPEN)
      continue;
    if (!nested && speaker_verb(a, i, c0, t1))
      return i - 1;
    if (!nested && second_subject(a, i, c0, t1, sp0, sp1))
      return i;
    /* "praised the plan, noted that it came late, and left": a cue with
     * its own "that" after the first comma is the next verb of a list of
     * the same subject, which ends the first report; not after an inset
     * ("X, citing a source, reported that", "X, who feared reprisals and
     * asked not to be named, said that": the main verb) nor an apposition ("a study by
     * Y, a think tank, concluded that") */
    if (!nested && is_punct(&a->t[i], ",") && i > c0 + 1 && i + 2 < t1 &&
        a->t[i + 1].type == T_WORD && !participle_form(a, a->t[i + 1].low) &&
        !comma_between(a, c0, i) && !participle_before(a, c0) &&
        !relative_clause_before(a, c0)) {
      size_t n = cue_at(a, i + 1, t1, sp0, sp1);
      if (n && i + 1 + n < t1 && is_comp(a, i + 1 + n))
        return i;
    }
    /* "described this as X and accused him of Y": a second cue of the
     * same subject ends the first report; "tell" and "ask" too
     * ("claimed they were treated well and asked their governments to
     * help", "... and told aides that ...") */
    if ((!nested || ns.inf) && i > c0 && conj_before(a, c0, i, true) &&
        cue_at(a, i, t1, sp0, sp1) &&
        !(ns.adjunct && participle_form(a, a->t[i].low)))
      return conj_before(a, c0, i, true) - 1;
    /* "said she had met him twice but said neither played a role": a
     * second report of the same subject after "but" ends the first, and
     * so does "saying ... but suggesting ...": a participle after the
     * speech a participle reported */
    if ((!nested || ns.inf) && i > c0 + 1 && cue_at(a, i, t1, sp0, sp1) &&
        contrast_before(a, c0, i) &&
        (!participle_form(a, a->t[i].low) || participle_before(a, c0)))
      return contrast_before(a, c0, i) - 1;
    if (!nested && main_verb_after_inset(a, i, c0, t1, sp0, sp1))
      return i;
    /* "said he had not seen it, and when asked whether ...": a new clause
     * opened by a subordinator after ", and" */
    if (!nested && is_punct(&a->t[i], ",") && i > c0 + 2 && i + 2 < t1 &&
        fw_is(a, a->t[i + 1].low, PC_FW_CONJ) &&
        (fw_is(a, a->t[i + 2].low, PC_FW_SUB) ||
         strcmp(a->t[i + 2].low, "when") == 0))
      return i;
    /* 'telling others “he was in charge” despite ..., said another
     * witness': an attribution of the whole sentence after a comma
     * (data: vpast) ends a report that opens with quoted words */
    if (is_punct(&a->t[i], ",") && i > c0 + 2 && i + 1 < t1 &&
        a->t[c0].type == T_QOPEN && a->t[i + 1].type == T_WORD &&
        fw_is(a, a->t[i + 1].low, PC_FW_VPAST) &&
        cue_at(a, i + 1, t1, sp0, sp1))
      return i;
    /* "revealed the news, noting that ...": a participle cue after a comma
     * reports a second thing */
    if (!nested && is_punct(&a->t[i], ",") && i + 1 < t1 &&
        cue_at(a, i + 1, t1, sp0, sp1) &&
        participle_form(a, a->t[i + 1].low))
      return i;
    /* ("said the bridge would reopen in May, depending on the weather":
     * a participle clause after a comma that is no cue stays in the
     * report; the gold and PolNeAR train mark it as the speaker's as
     * often as the writer's) */
    if (!nested && main_cue_after_clause(a, i, c0, t1, sp0, sp1))
      return i;
    nesting_at(a, i, c0, t1, sp0, sp1, &ns);
    nested = ns.nested;
    if (is_punct(&a->t[i], ";"))
      return i;
    /* "says his approach has created leverage — and in some cases, he is
     * right", "says the tax is “a disaster” -- asserting that ...": the
     * writer's own words after a dash */
    if (dash_at(a, i) && i > c0 && writer_after_dash(a, i, c0, t1))
      return i;
    if (is_punct(&a->t[i], ",") && i + 1 < t1 &&
        fw_is(a, a->t[i + 1].low, PC_FW_SUB) && !span_after(a, i, t1) &&
        !sub_inset(a, i + 1, t1))
      return i;
    if (is_punct(&a->t[i], ",") && i + 1 < t1 &&
        ((fw_is(a, a->t[i + 1].low, PC_FW_CONTRAST) &&
          !contrast_clause(a, i + 2, t1) &&
          !(spans_inside(a, c0, i, sp0, sp1, &(size_t){0}) == 0 &&
            span_after(a, i, t1) && !report_follows(a, i + 1, t1, sp0, sp1))) ||
         (!nested && fw_is(a, a->t[i + 1].low, PC_FW_CONJ) && i + 2 < t1 &&
          is_comp(a, i + 2))))
      return i;
  }
  return t1;
}

/* Whether the token at k lies in quoted words that are no title (or is
 * the opening mark of such words). */
static bool quoted_not_title(const struct analysis *a, size_t k) {
  enum { TITLE_MAX = 8 }; /* "Meet the Press", "Shark Tank", "Today" */
  int s = a->t[k].opens >= 0 ? a->t[k].opens : a->t[k].in_span;
  return s >= 0 && !pc_att_title_words(a, (size_t)s, TITLE_MAX);
}

/* Whether the word at c0 opens an adjunct of the attribution: a
 * preposition of place, time or source ("in", "at", "from", "via"; data:
 * after, and "from"), "by" before a word that is no gerund, and "to"
 * before a determiner ("said to a crowd of 500"); not "to" of an infinitive ("vowed to win"), "of" or "on" of a
 * topic ("warned of a crisis", "declined to comment on the figures") or
 * "as" of a description ("described it as a failure"). */
static bool adjunct_opener(const struct analysis *a, size_t c0, size_t c1) {
  const struct token *t = &a->t[c0];
  if (fw_is(a, t->low, PC_FW_INF))
    return c0 + 1 < c1 && a->t[c0 + 1].type == T_WORD &&
           (determiner(a, a->t[c0 + 1].low) ||
            fw_is(a, a->t[c0 + 1].low, PC_FW_POSS));
  /* ("said by telephone", not "responded by leaving") */
  if (low_eq(t, "by"))
    return c0 + 1 < c1 && a->t[c0 + 1].type == T_WORD &&
           !pc_att_ending(a, a->t[c0 + 1].low, PC_FW_PTCP, 2);
  if (low_eq(t, "of") || low_eq(t, "on") || low_eq(t, "as"))
    return false;
  return fw_is(a, t->low, PC_FW_AFTER) || low_eq(t, "from");
}

/* Whether the word at k is a number ("15", "2019"). */
static bool digits_at(const struct analysis *a, size_t k) {
  return a->t[k].type == T_WORD && a->t[k].low[0] >= '0' &&
         a->t[k].low[0] <= '9';
}

/* Whether the word at k names a month before its day ("March 3", "Nov.
 * 15"): a capitalised month name (data/months.txt, as quote dates are
 * read), with the dot of its abbreviation or not, then a number. */
static bool month_at(const struct analysis *a, size_t k, size_t c1) {
  const struct token *t = &a->t[k];
  if (t->type != T_WORD || !(t->flags & F_CAP) ||
      !pc_month_of(a->ctx, t->low))
    return false;
  if (k + 2 < c1 && is_punct(&a->t[k + 1], "."))
    return digits_at(a, k + 2);
  return k + 1 < c1 && digits_at(a, k + 1);
}

/* Whether token k of [c0, c1) is part of a date: a month, the dot of its
 * abbreviation, its day, a comma and the year after the day ("Nov. 15,
 * 2019"). */
static bool date_part(const struct analysis *a, size_t k, size_t c0,
                      size_t c1) {
  if (month_at(a, k, c1))
    return true;
  if (k == c0)
    return false;
  if (is_punct(&a->t[k], "."))
    return month_at(a, k - 1, c1);
  if (is_punct(&a->t[k], ","))
    return digits_at(a, k - 1) && k + 1 < c1 && digits_at(a, k + 1);
  return digits_at(a, k) &&
         (month_at(a, k - 1, c1) ||
          (k >= c0 + 2 && month_at(a, k - 2, c1)) ||
          (is_punct(&a->t[k - 1], ",") && k >= c0 + 2 &&
           digits_at(a, k - 2)));
}

/* "Smith said last week.", "Trump said Friday.", "continued on
 * Saturday", "On Nov. 15, 2019, Roe testified.": words [c0, c1) that
 * only tell when (data: when, tunit after "this" or "last"; a date),
 * after a preposition (data: prep) or not. */
static bool time_only(const struct analysis *a, size_t c0, size_t c1) {
  if (c0 + 1 < c1 && preposition(a, a->t[c0].low))
    c0++;
  for (size_t k = c0; k < c1; k++) {
    const struct token *t = &a->t[k];
    if (date_part(a, k, c0, c1))
      continue;
    if (t->type != T_WORD ||
        !(fw_is(a, t->low, PC_FW_WHEN) ||
          ((low_eq(t, "this") || low_eq(t, "last")) && k + 1 < c1 &&
           fw_is(a, a->t[k + 1].low, PC_FW_TUNIT)) ||
          (fw_is(a, t->low, PC_FW_TUNIT) && k > c0 &&
           (low_eq(&a->t[k - 1], "this") || low_eq(&a->t[k - 1], "last")))))
      return false;
  }
  return true;
}

/* "said in the earnings release", "said, via the Los Angeles Times",
 * "said from his office in Orlando", "Smith said last week.": words
 * [c0, c1) that open with a preposition of the attribution
 * (adjunct_opener), or only tell when, and hold no verb, clause or
 * quoted words of their own are an adjunct of the cue, not what was
 * said. */
static bool adjunct_only(const struct analysis *a, size_t c0, size_t c1) {
  enum { ADJUNCT_MAX = 12 };
  if (c0 >= c1 || c1 > c0 + ADJUNCT_MAX || a->t[c0].type != T_WORD ||
      !(adjunct_opener(a, c0, c1) || time_only(a, c0, c1)) ||
      finite_in(a, c0, c1))
    return false;
  /* (a title in marks may name the programme: "said on NBC's “Meet the
   * Press”") */
  for (size_t k = c0; k < c1; k++) {
    const struct token *t = &a->t[k];
    if (quoted_not_title(a, k) ||
        (t->in_span < 0 && t->opens < 0 && t->type != T_WORD &&
         t->type != T_QCLOSE && !is_punct(t, ",") && !is_punct(t, ".")))
      return false;
    if (t->in_span < 0 && t->type == T_WORD &&
        (t->cue || is_comp(a, k) || fw_is(a, t->low, PC_FW_SUBJ)))
      return false;
  }
  return true;
}

static bool this_time(const struct analysis *a, size_t z);

/* Whether the phrase from k (after a determiner) tells when or where
 * words were said: "Monday", "June 2015", "2012", "a statement", "this
 * week" (data: when, venue, tunit; a month is a capitalised function
 * word before a number). */
static bool when_phrase(const struct analysis *a, size_t k, size_t c1) {
  if (k < c1 && a->t[k].type == T_WORD &&
      (determiner(a, a->t[k].low) || fw_is(a, a->t[k].low, PC_FW_POSS)) &&
      !this_time(a, k))
    k++;
  if (k >= c1 || a->t[k].type != T_WORD || a->t[k].in_span >= 0)
    return false;
  const struct token *t = &a->t[k];
  bool num = t->low[0] >= '0' && t->low[0] <= '9';
  return fw_is(a, t->low, PC_FW_WHEN) || fw_is(a, t->low, PC_FW_VENUE) ||
         this_time(a, k) || (num && k + 1 == c1) || /* "in 2012" */
         ((t->flags & F_CAP) && function_cap(a, t->low) && k + 1 < c1 &&
          a->t[k + 1].low[0] >= '0' && a->t[k + 1].low[0] <= '9');
}

/* "announced his candidacy in June", "denied the charges on Monday":
 * content that is only a noun phrase (no verb, clause, infinitive or
 * quoted words) ends before a preposition of the attribution (data:
 * after; not "of", "to", "as", "with", "while"), whose phrase tells where
 * or when it was said.  Its end; c1 when it runs on. */
static size_t object_end(const struct analysis *a, size_t c0, size_t c1) {
  enum { TAIL_MAX = 6 };
  if (a->t[c0].type != T_WORD || fw_is(a, a->t[c0].low, PC_FW_AFTER) ||
      fw_is(a, a->t[c0].low, PC_FW_SUBJ) || preposition(a, a->t[c0].low) ||
      finite_in(a, c0, c1))
    return c1;
  for (size_t k = c0 + 1; k + 1 < c1; k++) {
    const struct token *t = &a->t[k];
    if (t->type != T_WORD || t->in_span >= 0 || t->cue || is_comp(a, k) ||
        fw_is(a, t->low, PC_FW_INF) || pc_att_ending(a, t->low, PC_FW_PTCP, 3))
      return c1;
    if (fw_is(a, t->low, PC_FW_AFTER) && !low_eq(t, "of") &&
        !low_eq(t, "as") && !low_eq(t, "with") && !low_eq(t, "while") &&
        when_phrase(a, k + 1, c1))
      /* (the phrase ends the content: "The visit in March 2013 became
       * a turning point" goes on with a verb) */
      return c1 <= k + TAIL_MAX ? k : c1;
  }
  return c1;
}

/* Reported content [c0, c1) by w: one quote, and speech reported in it. */
static void content(struct analysis *a, size_t c0, size_t c1,
                    const struct speaker_ref *w, const char *cue, int parent,
                    size_t t0, size_t t1, size_t sp0, size_t sp1, int depth) {
  bool clause = false;
  while (c0 < c1 && (is_punct(&a->t[c0], ",") || is_punct(&a->t[c0], ":") ||
                     is_comp(a, c0)))
    clause |= is_comp(a, c0++);
  while (c1 > c0 && a->t[c1 - 1].type == T_PUNCT)
    c1--;
  if (c1 <= c0 || adjunct_only(a, c0, c1))
    return;
  if (!clause && depth == 0)
    c1 = object_end(a, c0, c1);
  size_t only = 0;
  int n = spans_inside(a, c0, c1, sp0, sp1, &only);
  pc_quote_kind kind = PC_QUOTE_INDIRECT;
  if (n == 1 && a->sp[only].o == c0 && a->sp[only].c + 1 >= c1) {
    /* a whole sentence in the marks is direct; words without a sentence's
     * end are part of the reported clause */
    size_t last = a->sp[only].c;
    /* (a quotation inside may end it: '... he left,’”') */
    while (last > c0 &&
           (a->t[last - 1].type == T_QCLOSE || is_punct(&a->t[last - 1], "'")))
      last--;
    bool sentence = last > c0 && (is_end_punct(&a->t[last - 1]) ||
                                  is_punct(&a->t[last - 1], ","));
    kind = a->sp[only].upper && sentence ? PC_QUOTE_DIRECT : PC_QUOTE_MIXED;
  }
  else if (n > 0)
    kind = PC_QUOTE_MIXED;
  int q = add_quote(a, a->t[c0].block, c0, c1, kind, w, cue, parent, t0, t1);
  if (q >= 0 && depth == 0 && kind == PC_QUOTE_DIRECT)
    pc_att_speech_in_quote(a, only, q);
  else if (q >= 0 && depth == 0)
    pc_att_speech_in(a, c0, c1, sp0, sp1, q, depth + 1);
}

/* A single mark at k (flags F_SINGLE) that may close a quotation: one
 * written as a closing mark, or an ambiguous one (') after punctuation
 * or with no word after it. */
static bool single_close(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  if (is_punct(t, "'")) /* the typewriter mark after the words' end */
    return a->t[k - 1].type == T_PUNCT;
  return (t->flags & F_SINGLE) &&
         (t->type == T_QCLOSE ||
          ((t->flags & F_EITHER) &&
           (a->t[k + 1].type != T_WORD || a->t[k - 1].type == T_PUNCT)));
}

/* A single mark at k that opens a quotation before the word after it:
 * ‘ or the typewriter '. */
static bool single_open(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  return a->t[k + 1].type == T_WORD &&
         (is_punct(t, "'") || (t->type == T_QOPEN && (t->flags & F_SINGLE)));
}

/* The cue that ends right before the mark at b, after "," or ":" and a
 * "quote," of the speaker's ("ask, quote, ‘...’"; not "said ‘best’
 * players"): its first token, or 0. */
static size_t cue_before_mark(const struct analysis *a, size_t lo, size_t b) {
  if (!is_punct(&a->t[b - 1], ",") && !is_punct(&a->t[b - 1], ":"))
    return 0;
  while (b > lo + 1 &&
         (is_punct(&a->t[b - 1], ",") || is_punct(&a->t[b - 1], ":") ||
          low_eq(&a->t[b - 1], "quote")))
    b--;
  for (size_t j = b; j > lo && j + 3 > b; j--)
    if (a->t[j - 1].cue && j - 1 + a->t[j - 1].cue == b)
      return j - 1;
  return 0;
}

static struct speaker_ref sentence_subject(struct analysis *a, size_t t0,
                                           size_t i);

/* Where the sentence of token i starts inside a quotation that opens at
 * lo: after the last end mark before i. */
static size_t inner_sentence(const struct analysis *a, size_t lo, size_t i) {
  size_t b = i;
  while (b > lo && !is_end_punct(&a->t[b - 1]))
    b--;
  return b;
}

/* '“They came, and they said, ‘Oh, he left.’ ...”': words in single
 * marks after a cue inside the quotation of span sp (quote q) are a
 * quotation of their own, nested in q, of the cue's subject. */
static void single_quoted_in(struct analysis *a, size_t sp, int q) {
  const struct quoted_span *s = &a->sp[sp];
  size_t lo = s->o + 1, hi = s->c;
  for (size_t k = lo + 1; k + 2 < hi && !a->oom; k++) {
    if (!single_open(a, k))
      continue;
    size_t ci = cue_before_mark(a, lo, k), e = k + 2;
    while (e < hi && !single_close(a, e))
      e++;
    if (!ci || e >= hi)
      continue;
    struct speaker_ref w = pc_att_speaker_left(a, lo, ci);
    if (!w.name && ci > lo && a->t[ci - 1].type == T_WORD &&
        fw_is(a, a->t[ci - 1].low, PC_FW_CONJ)) {
      /* "“The council met and said, ‘We will not pay,’” Ames said.": a
       * second verb of its sentence's subject */
      who_free(&w);
      w = sentence_subject(a, inner_sentence(a, lo, ci), ci);
      /* ('“He just stopped and said, ‘...’” Roe said': the speaker
       * does not call himself "he") */
      if (w.ent >= 0 && w.ent == a->q[q].ent) {
        who_free(&w);
        w.ent = -1;
      }
    }
    char *cue = cue_text(a, ci, a->t[ci].cue);
    pc_att_push_quote(a, a->t[k].block, a->t[k].e, a->t[e].s, PC_QUOTE_DIRECT,
                      &w, cue, q, a->q[q].t0, a->q[q].t1);
    free(cue);
    who_free(&w);
    k = e;
  }
}

/* Speech reported inside the quotation of span sp, quote q: '“Smith
 * confirmed under oath that he had no deal,” she said.' */
void pc_att_speech_in_quote(struct analysis *a, size_t sp, int q) {
  const struct quoted_span *s = &a->sp[sp];
  if (s->c <= s->o + 3 || a->reading_span)
    return;
  single_quoted_in(a, sp, q);
  /* only a cue with a "that" clause reports inside a quotation ("they
   * would have continued the massacre" reports nothing) */
  bool clause = false;
  for (size_t i = s->o + 1; i < s->c && !clause; i++)
    for (size_t k = i + 1; a->t[i].cue && k < s->c && k <= i + 6; k++)
      if (is_comp(a, k)) {
        clause = true;
        break;
      }
  if (!clause)
    return;
  a->reading_span = (int)sp + 1;
  /* sentence by sentence: 'he said that he was going. That is like a
   * hobby for him' reports up to the stop */
  size_t b = s->o + 1;
  for (size_t k = b; k < s->c; k++)
    if (is_end_punct(&a->t[k]) && k + 1 < s->c &&
        a->t[k + 1].type == T_WORD && (a->t[k + 1].flags & F_CAP) &&
        a->t[k + 1].s > a->t[k].e) {
      pc_att_speech_in(a, b, k + 1, 0, a->nsp, q, 1);
      b = k + 1;
    }
  pc_att_speech_in(a, b, s->c, 0, a->nsp, q, 1);
  a->reading_span = 0;
}

/* The cue phrase's text as written, lower case. */
static char *cue_text(const struct analysis *a, size_t i, size_t len) {
  char *s = pc_att_text_of(a, i, i + len);
  if (s)
    for (char *p = s; *p; p++)
      if (*p >= 'A' && *p <= 'Z')
        *p = (char)(*p + 32);
  return s;
}

/* "to" at k with a verb after it ("to depose", "to find"): not a
 * determiner, a possessive, a name, a number, a role or a plural ("to
 * reporters"; "discuss" is a verb). */
static bool infinitive_at(const struct analysis *a, size_t k, size_t t1) {
  if (k + 1 >= t1 || !fw_is(a, a->t[k].low, PC_FW_INF))
    return false;
  const struct token *v = &a->t[k + 1];
  size_t n = strlen(v->low);
  bool plural = n > 3 && v->low[n - 1] == 's' && v->low[n - 2] != 's';
  return v->type == T_WORD && !(v->flags & F_CAP) && !determiner(a, v->low) &&
         !fw_is(a, v->low, PC_FW_POSS) &&
         !(v->low[0] >= '0' && v->low[0] <= '9') && !plural &&
         !is_role_word(a, k + 1);
}

/* "this week", "last month": a time of two words at z (data: tunit). */
static bool this_time(const struct analysis *a, size_t z) {
  const struct token *t = &a->t[z];
  if (fw_is(a, t->low, PC_FW_TUNIT))
    return z > 0 && (low_eq(&a->t[z - 1], "this") ||
                     low_eq(&a->t[z - 1], "last"));
  return (low_eq(t, "this") || low_eq(t, "last")) && z + 1 < a->nt &&
         fw_is(a, a->t[z + 1].low, PC_FW_TUNIT);
}

/* Whether a comma inside a number ("20,000") is at k. */
static bool number_comma(const struct analysis *a, size_t k) {
  return k > 0 && is_punct(&a->t[k], ",") && a->t[k].s == a->t[k - 1].e &&
         a->t[k - 1].low[0] >= '0' && a->t[k - 1].low[0] <= '9';
}

/* Whether quoted words that open with a capital follow a short phrase
 * from `after` and its comma or colon: "wrote to his 20,000 followers,
 * “It's time ...”", "said in a statement: “...”"; not a title's words
 * ("said in his book, “An American Son.”"). */
static bool quote_follows(const struct analysis *a, size_t after, size_t t1) {
  for (size_t k = after; k < t1 && k < after + 12; k++) {
    if ((is_punct(&a->t[k], ",") || is_punct(&a->t[k], ":")) && k > after &&
        !number_comma(a, k))
      return k + 1 < t1 && a->t[k + 1].opens >= 0 &&
             a->sp[a->t[k + 1].opens].upper &&
             !pc_att_title_words(a, (size_t)a->t[k + 1].opens, 5);
    if (a->t[k].type != T_WORD && !number_comma(a, k) &&
        !(is_punct(&a->t[k], ".") && k > after &&
          in_list_of(a, &a->lex->honorifics, a->t[k - 1].low)))
      return false;
  }
  return false;
}

/* After a cue at the end of speech ("..., Cook said Tuesday.") only a few
 * words follow before the sentence or clause ends. */
static bool attribution_ends(const struct analysis *a, size_t after,
                             size_t t1) {
  /* "asked to depose Clinton", "urged Silicon Valley to find": "to"
   * and a verb are a request, not a phrase after the attribution */
  if (after < t1 && a->t[after].type == T_WORD &&
      fw_is(a, a->t[after].low, PC_FW_AFTER) && !infinitive_at(a, after, t1))
    return true; /* "said of that on-ramp", "noted as she left" */
  size_t k = after;
  /* ("announced she wasn't coming": a clause, not the attribution's end;
   * "insisted Thursday during a tour of ...": the time ends before the
   * preposition of an adjunct) */
  while (k < t1 && k < after + 3 && a->t[k].type == T_WORD &&
         !stop_word(a, a->t[k].low) && !fw_is(a, a->t[k].low, PC_FW_SUBJ) &&
         !fw_is(a, a->t[k].low, PC_FW_FIN) &&
         !(k > after && fw_is(a, a->t[k - 1].low, PC_FW_WHEN) &&
           fw_is(a, a->t[k].low, PC_FW_AFTER)))
    k++;
  if (k >= t1)
    return true;
  if (is_end_punct(&a->t[k]))
    return true;
  /* "Action is needed, Roe said: swift help will save lives.": a colon
   * after an attribution that ends a clause before it (words there)
   * opens a second report */
  if (is_punct(&a->t[k], ":") && k == after && k + 2 < t1 &&
      a->t[k + 1].type == T_WORD)
    return true;
  if (is_punct(&a->t[k], ","))
    /* "sagte, dass ..." and "said, “...”" go on reporting */
    return !(k + 1 < t1 && (is_comp(a, k + 1) || a->t[k + 1].type == T_QOPEN));
  /* "noted as she left", "said Tuesday at ...", but not "assailed
   * Williams as part of ..." or "said he's proud of ...": the words
   * skipped are a time or an adverb */
  for (size_t z = after; z < k; z++)
    if (!(a->t[z].flags & F_CAP) && !aux_word(a, a->t[z].low) &&
        !fw_is(a, a->t[z].low, PC_FW_WHEN) &&
        !(a->t[z].low[0] >= '0' && a->t[z].low[0] <= '9') &&
        !this_time(a, z))
      return false;
  /* "Cook said while visiting ...", "Dempsey said, adding ..." */
  return fw_is(a, a->t[k].low, PC_FW_AFTER) && !infinitive_at(a, k, t1);
}

/* Whether the noun phrase before token i follows a preposition: "posted
 * on Twitter accusing ..." (Twitter is not who accuses). */
static bool after_prep(const struct analysis *a, size_t t0, size_t i) {
  size_t b = pc_att_np_start(a, t0, i);
  return b < i && b > t0 && a->t[b - 1].type == T_WORD &&
         preposition(a, a->t[b - 1].low);
}

/* Whether the noun phrase right before the participle at i follows a
 * passive's "by" (data: by): "met by a chorus of Democrats urging". */
static bool by_agent(const struct analysis *a, size_t t0, size_t i) {
  size_t b = pc_att_np_start(a, t0, i);
  return b + 1 < i && b > t0 && a->t[b - 1].type == T_WORD &&
         fw_is(a, a->t[b - 1].low, PC_FW_BY) && a->t[i - 1].type == T_WORD;
}

/* Whether the cue at i has a relative pronoun for its subject, maybe
 * with auxiliaries and adverbs between: "critics who have long said". */
static bool relative_cue(const struct analysis *a, size_t t0, size_t i) {
  size_t k = pc_att_skip_adverbs(a, t0, i);
  return k > t0 && a->t[k - 1].type == T_WORD &&
         fw_is(a, a->t[k - 1].low, PC_FW_REL);
}

/* Whether a relative pronoun stands in [t0, t1): "a refugee who feared
 * ... and asked" has "who" for its subject, not the sentence's. */
static bool rel_between(const struct analysis *a, size_t t0, size_t t1) {
  for (size_t k = t0; k < t1; k++) {
    if (a->t[k].type != T_WORD || !fw_is(a, a->t[k].low, PC_FW_REL))
      continue;
    /* "Roe, who was speaking to ..., did not ... but told": a relative
     * clause in commas only describes the subject before it */
    size_t c = k + 1;
    while (c < t1 && !is_punct(&a->t[c], ","))
      c++;
    if (k > t0 && is_punct(&a->t[k - 1], ",") && c + 2 < t1) {
      k = c;
      continue;
    }
    return true;
  }
  return false;
}

/* Whether a "that" stands in [t0, t1): "X related that the loggers
 * left and had informed police" has the loggers for the subject of the
 * second verb, not X. */
static bool comp_between(const struct analysis *a, size_t t0, size_t t1) {
  for (size_t k = t0; k < t1; k++)
    if (is_comp(a, k))
      return true;
  return false;
}

/* A word with a participle ending (data: ptcp), such as "saying". */
static bool participle_form(const struct analysis *a, const char *w) {
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

/*** speech_in, in parts ***************************************************/

/* The sentence speech_in reads: tokens [t0, t1), the quoted spans of its
 * block [sp0, sp1), the quote it lies in (parent, -1 for none) and how
 * deep that nests (depth 0: not inside reported speech). */
struct sentence {
  size_t t0, t1, sp0, sp1;
  int parent, depth;
};

/* The report [c0, c1) of a sentence's speaker w (then freed, with cue)
 * as its quotes; the first of them the last speaker's when the sentence
 * is no quote's; c1 when there was one, else 0. */
static size_t sentence_report(struct analysis *a, const struct sentence *sn,
                              size_t c0, size_t c1, struct speaker_ref *w,
                              char *cue, size_t t0, size_t t1) {
  size_t first = a->nq;
  content(a, c0, c1, w, cue, sn->parent, t0, t1, sn->sp0, sn->sp1,
          sn->depth);
  if (sn->parent < 0 && a->nq > first)
    a->last_speaker_q = (int)first;
  free(cue);
  who_free(w);
  return a->nq > first ? c1 : 0;
}

/* A cue verb at token i, len words long, and what the parts of speech_in
 * learn about it, in order. */
struct cue {
  size_t i, len;
  size_t after;    /* the first token after the attribution */
  size_t np_b;     /* where the speaker's phrase starts, left of the cue */
  size_t consumed; /* where the next cue may start */
  bool post;       /* "..., X said" or "..., said X": speech before */
};

/* Whether frame p opens with "as" ("as {S} put it"). */
static bool frame_as(const struct pc_phrase *p) {
  return p->n && p->w[0][0] == 'a' && p->w[0][1] == 's' && !p->w[0][2];
}

/* The token after a sentence's opening conjunction ("And", "But", "Or")
 * and its comma, when two tokens or more follow them; else t0. */
static size_t past_opening_conj(const struct analysis *a, size_t t0,
                                size_t t1) {
  size_t s = t0;
  if (s + 2 < t1 && (fw_is(a, a->t[s].low, PC_FW_CONJ) ||
                     fw_is(a, a->t[s].low, PC_FW_CONTRAST))) {
    s++;
    if (is_punct(&a->t[s], ","))
      s++;
  }
  return s;
}

/* Whether [s0, s1) holds a role word (data: roles): "For Belgian analyst
 * Pieter Claes, the vote ..." gives a judgement; "For President Obama,
 * it was a day of celebration", "For Cruz backers, support is ..." tell
 * whom something concerns (PolNeAR train: of the "For X," frames without
 * a role few paired with a quotation). */
static bool role_in(const struct analysis *a, size_t s0, size_t s1) {
  for (size_t k = s0; k < s1; k++)
    if (a->t[k].type == T_WORD && is_role_word(a, k) &&
        !(a->t[k].flags & F_CAP))
      return true;
  return false;
}

/* A frame at the start: "According to X, ...", "In X's view, ...".
 * True when one reported the sentence. */
static bool frame_first(struct analysis *a, const struct sentence *sn) {
  size_t t0 = sn->t0, t1 = sn->t1, sp0 = sn->sp0, sp1 = sn->sp1;
  int parent = sn->parent, depth = sn->depth;
  /* "Or, as X put it: ...": a conjunction (and its comma) before "as" */
  size_t fs = past_opening_conj(a, t0, t1);
  for (size_t f = 0; f < a->lex->frames.n; f++) {
    const struct pc_phrase *p = &a->lex->frames.p[f];
    size_t f0 = fs != t0 && frame_as(p) ? fs : t0;
    if (p->n && p->w[0][0] != '{' &&
        (f0 >= t1 || a->t[f0].low[0] != p->w[0][0]))
      continue; /* a literal first word: its first letter first */
    size_t i = f0, k = 0, s0 = 0, s1 = 0, ap0 = 0, ap1 = 0;
    bool ok = true;
    for (; k < p->n && ok; k++) {
      if (strcmp(p->w[k], "{s}") == 0) {
        s0 = i;
        const char *next = k + 1 < p->n ? p->w[k + 1] : ",";
        /* "According to early results of exit polls conducted by X for
         * Y, ...": after two literal words the source may run long */
        size_t reach = literals(p) >= 2 ? 24 : 10;
        while (i < t1 && i - s0 < reach && strcmp(a->t[i].low, next) != 0 &&
               !(strcmp(next, ",") != 0 && is_punct(&a->t[i], ",")))
          i++;
        s1 = i;
        /* "As Tom Ridge, a former secretary, put it": an apposition in
         * commas between the slot and the next literal word */
        if (i > s0 && i < t1 && is_punct(&a->t[i], ",") &&
            strcmp(next, ",") != 0 && frame_as(p)) {
          size_t d = i + 1;
          while (d < t1 && d < i + 24 && !is_punct(&a->t[d], ",") &&
                 !is_punct(&a->t[d], ";") && !is_punct(&a->t[d], ":"))
            d++;
          /* ("..., author of “The Unwritten Constitution,” put it": the
           * comma inside a title's closing mark) */
          size_t q = d + 1 < t1 && a->t[d + 1].type == T_QCLOSE ? 1 : 0;
          if (d + 1 + q < t1 && d > i + 1 && is_punct(&a->t[d], ",") &&
              strcmp(a->t[d + 1 + q].low, next) == 0) {
            ap0 = i + 1;
            ap1 = d + q;
            i = d + 1 + q;
          }
        }
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
    struct speaker_ref w = pc_att_resolve_np(a, s0, s1);
    /* "As the chief executive, Jeff Weiner, put it": the person named in
     * the apposition, with the phrase before as the role */
    if (ap1 > ap0 && !(w.ent >= 0 && a->en[w.ent].type == PC_ENTITY_PERSON)) {
      struct speaker_ref n = pc_att_resolve_np(a, ap0, ap1);
      if (n.ent >= 0 && a->en[n.ent].type == PC_ENTITY_PERSON) {
        free(n.role);
        n.role = pc_att_np_text(a, s0, s1);
        who_free(&w);
        w = n;
      } else {
        who_free(&n);
      }
    }
    if (!w.name && literals(p) >= 2) {
      phrase_name(a, s0, s1, &w); /* "According to the Pentagon, ..." */
    } else if (w.name && w.ent < 0 && !w.role && literals(p) >= 2) {
      w.role = strdup(w.name); /* "According to Variety, ...": a source */
    }
    if (!w.name || (w.ent < 0 && !w.role) ||
        (literals(p) < 2 && !role_in(a, s0, s1))) {
      who_free(&w);
      continue;
    }
    /* the cue is the frame's head word: "according", "view" */
    /* "As reported by X", "In the words of X": the frame's longest
     * word before the slot names its cue ("according", "reported") */
    size_t head = f0;
    for (size_t m = 0; m < p->n && p->w[m][0] != '{'; m++)
      if (strlen(p->w[m]) > strlen(a->t[head].low))
        head = f0 + m;
    char *cue = p->w[p->n - 1][0] != '{' ? strdup(p->w[p->n - 1])
                                         : cue_text(a, head, 1);
    size_t c1 = clause_end(a, i, t1, sp0, sp1);
    size_t first = a->nq;
    content(a, i, c1, &w, cue, parent, t0, t1, sp0, sp1, depth);
    if (parent < 0 && a->nq > first)
      a->last_speaker_q = (int)first;
    free(cue);
    who_free(&w);
    return true;
  }
  return false;
}

/* "..., according to credible reports received by Amnesty.", "...,
 * according to an investigation by X and Y.": a source phrase that runs
 * on to the sentence's end, words with no clause of their own, is the
 * source whole; where it stops otherwise stays s1. */
/* Whether the dot at i ends capitalised initials inside a name, a word
 * following ("the U.S. Department of Education", "F.A.A. records"; not
 * a sentence's first word: "in the U.S. The mayor ..."). */
static bool initials_dot(const struct analysis *a, size_t i, size_t t1) {
  return i > 0 && i + 1 < t1 && is_punct(&a->t[i], ".") &&
         a->t[i - 1].type == T_WORD && (a->t[i - 1].flags & F_CAP) &&
         initials(a->t[i - 1].low) && a->t[i + 1].type == T_WORD &&
         a->t[i + 1].block == a->t[i].block &&
         !function_cap(a, a->t[i + 1].low) && /* "the U.S. The ..." */
         !in_list_of(a, &a->lex->pronouns, a->t[i + 1].low);
}

/* "a New York Times/CBS News survey", "a CNN/ORC poll": a slash at k
 * between capitalised words joins the names of a joint work's makers. */
static bool name_slash(const struct analysis *a, size_t k, size_t t1) {
  return k > 0 && k + 1 < t1 && is_punct(&a->t[k], "/") &&
         a->t[k - 1].type == T_WORD && (a->t[k - 1].flags & F_CAP) &&
         a->t[k + 1].type == T_WORD && (a->t[k + 1].flags & F_CAP);
}

static size_t source_end(const struct analysis *a, size_t s1, size_t t1) {
  enum { SOURCE_MAX = 16 };
  size_t e = s1;
  while (e < t1 && e < s1 + SOURCE_MAX &&
         ((a->t[e].type == T_WORD && !fw_is(a, a->t[e].low, PC_FW_REL) &&
           !is_comp(a, e) && !fw_is(a, a->t[e].low, PC_FW_FIN) &&
           !a->t[e].cue) ||
          initials_dot(a, e, t1) || name_slash(a, e, t1)))
    e++;
  bool end = e >= t1 || (is_end_punct(&a->t[e]) &&
                         (e + 1 >= t1 || a->t[e + 1].type == T_QCLOSE));
  return end ? e : s1;
}

/* "That's according to a new survey.", "This is according to X.": a
 * demonstrative ("this", data: dem, or "that") with its "is" (data:
 * pass, or the contracted "'s", data: gen) that are all the words
 * [t0, e) before the frame stand for the sentence before. */
static bool anaphoric_subject(const struct analysis *a, size_t t0, size_t e) {
  if (e <= t0 || e > t0 + 2 || a->t[t0].type != T_WORD)
    return false;
  const char *w = a->t[t0].low;
  char stem[8];
  size_t g = e == t0 + 1 ? pc_att_ending(a, w, PC_FW_GEN, 1) : 0;
  size_t n = strlen(w) - g;
  if ((e == t0 + 1) != (g > 0) || n >= sizeof stem)
    return false;
  memcpy(stem, w, n);
  stem[n] = '\0';
  if (!fw_is(a, stem, PC_FW_DEM) && !in_list_of(a, &a->lex->comps, stem))
    return false;
  return e == t0 + 1 || (a->t[t0 + 1].type == T_WORD &&
                         fw_is(a, a->t[t0 + 1].low, PC_FW_PASS));
}

/* The sentence before the one at t0 as the report of w ("Teens love the
 * phone. That's according to a new survey."), when it is the body's and
 * no quote was found in it; true when it was reported. */
static bool sentence_before(struct analysis *a, size_t t0,
                            const struct speaker_ref *w, const char *cue) {
  if (a->nsent < 2 || a->reading_span)
    return false;
  size_t p0 = a->sent0[(a->nsent - 2) % SENTS];
  if (p0 >= t0 || title_block(a, a->t[p0].block))
    return false;
  for (size_t q = a->nq; q > 0 && a->q[q - 1].t1 > p0; q--)
    if (a->q[q - 1].t0 < t0)
      return false; /* it has speech of its own */
  size_t first = a->nq;
  content(a, p0, t0, w, cue, -1, p0, t0, 0, 0, 0);
  if (a->nq > first)
    a->last_speaker_q = (int)first;
  return a->nq > first;
}

/* Whether [t0, i) holds a clause of its own before a frame: six words or
 * more with a finite verb after the first word (data: fin, vpast,
 * ipast). */
static bool clause_before(const struct analysis *a, size_t t0, size_t i) {
  enum { CLAUSE_MIN = 6 };
  /* (not after a word that opens the clause the frame is in: "because,
   * according to Roe, the media ...", "said that according to X, ...") */
  size_t b = i > t0 && is_punct(&a->t[i - 1], ",") ? i - 1 : i;
  if (b > t0 && a->t[b - 1].type == T_WORD &&
      (is_comp(a, b - 1) || fw_is(a, a->t[b - 1].low, PC_FW_SUB) ||
       fw_is(a, a->t[b - 1].low, PC_FW_CONJ) ||
       fw_is(a, a->t[b - 1].low, PC_FW_CONTRAST)))
    return false;
  size_t n = 0;
  bool verb = false;
  for (size_t k = t0; k < i; k++) {
    const struct token *t = &a->t[k];
    if (t->type != T_WORD)
      continue;
    n++;
    verb |= k > t0 && (fw_is(a, t->low, PC_FW_FIN) ||
                       fw_is(a, t->low, PC_FW_VPAST) ||
                       fw_is(a, t->low, PC_FW_IPAST));
  }
  return verb && n >= CLAUSE_MIN;
}

/* "..., according to X." and "X, according to Y, did ...": frames of
 * two or more words that end with the speaker, inside a sentence.
 * True when one reported the sentence. */
static bool frame_inside(struct analysis *a, const struct sentence *sn) {
  size_t t0 = sn->t0, t1 = sn->t1, sp0 = sn->sp0, sp1 = sn->sp1;
  int parent = sn->parent, depth = sn->depth;
  for (size_t i = t0 + 1; i + 2 < t1; i++) {
    const struct pc_phrase *fp = NULL;
    if (!pc_lex_frame_may_start(a->lex, token_hash(&a->t[i])))
      continue; /* no frame starts with the word: most words */
    for (size_t f = 0; f < a->lex->frames.n && !fp; f++) {
      const struct pc_phrase *p = &a->lex->frames.p[f];
      /* the first letter first: this runs for every word and frame */
      if (a->t[i].low[0] != p->w[0][0] || i + p->n > t1 ||
          p->w[p->n - 1][0] != '{' || literals(p) < 2)
        continue;
      size_t k = 0;
      while (k + 1 < p->n && strcmp(a->t[i + k].low, p->w[k]) == 0)
        k++;
      if (k + 1 == p->n)
        fp = p;
    }
    if (!fp || span_of(a, i, sp0, sp1) >= 0)
      continue;
    /* the source: up to FRAME_SOURCE_MAX tokens ("an interview with
     * The New York Times at the time"), where the initials' dot stays
     * ("data from the U.S. Department") and a title's ("according to
     * Mrs. Roe's campaign") */
    enum { FRAME_SOURCE_MAX = 12 };
    size_t s0 = i + fp->n - 1, s1 = s0;
    while (s1 < t1 && s1 < s0 + FRAME_SOURCE_MAX &&
           ((a->t[s1].type == T_WORD &&
             (!stop_word(a, a->t[s1].low) || preposition(a, a->t[s1].low))) ||
            initials_dot(a, s1, t1) || (s1 > s0 && name_slash(a, s1, t1)) ||
            (is_punct(&a->t[s1], ".") && s1 > s0 && s1 + 1 < t1 &&
             (a->t[s1 + 1].flags & F_CAP) &&
             in_list_of(a, &a->lex->honorifics, a->t[s1 - 1].low))))
      s1++;
    s1 = source_end(a, s1, t1);
    /* a phrase cut short ends with no preposition or determiner
     * ("an email ... obtained by") */
    while (s1 > s0 + 1 && a->t[s1 - 1].type == T_WORD &&
           (preposition(a, a->t[s1 - 1].low) ||
            determiner(a, a->t[s1 - 1].low)))
      s1--;
    struct speaker_ref w = pc_att_resolve_np(a, s0, s1);
    if (!w.name && s1 > s0) {
      w.name = pc_att_np_text(a, s0, s1); /* "a new case report" */
    }
    if (!w.name) {
      who_free(&w);
      continue;
    }
    bool at_end = s1 >= t1 || is_end_punct(&a->t[s1]);
    /* "..., according to Jane Roe, the city's budget director.": an
     * apposition of the source ends the sentence */
    if (!at_end && s1 + 1 < t1 && is_punct(&a->t[s1], ","))
      at_end = source_end(a, s1 + 1, t1) > s1 + 1;
    /* "..., according to three sources who spoke to Fox News.": a
     * relative clause or phrase ends the sentence with the source */
    for (size_t r = s1; !at_end && r < t1 && !is_punct(&a->t[r], ",") &&
                        span_of(a, r, sp0, sp1) < 0 &&
                        a->t[r].type != T_QOPEN; r++)
      at_end = r + 1 == t1 || is_end_punct(&a->t[r + 1]);
    if (at_end && depth == 0 && parent < 0 && anaphoric_subject(a, t0, i)) {
      sentence_before(a, t0, &w, fp->w[0]);
      who_free(&w);
      return true;
    }
    size_t c1 = at_end && is_punct(&a->t[i - 1], ",") ? i - 1 : t1;
    /* "Clinton leads by 271 delegates, according to a count by the AP,
     * but ...": a frame inside after a clause of its own (a finite
     * verb in six words or more) closes what that clause reports, when
     * no quotation or cue after it reports on its own */
    bool rest_reports = false;
    for (size_t r = s1; r < t1 && !rest_reports; r++)
      rest_reports = a->t[r].cue || a->t[r].type == T_QOPEN;
    if (!at_end && !rest_reports && clause_before(a, t0, i))
      c1 = is_punct(&a->t[i - 1], ",") ? i - 1 : i;
    size_t first = a->nq;
    content(a, t0, c1, &w, fp->w[0], parent, t0, t1, sp0, sp1, depth);
    if (parent < 0 && a->nq > first)
      a->last_speaker_q = (int)first;
    who_free(&w);
    return true;
  }
  return false;
}

/* Whether the word at k is a stop word with a verb's contraction ("As
 * we’ve noted": "we've", "they'd"), the writer's or a pronoun's, no
 * name. */
static bool contracted_stop(const struct analysis *a, size_t k) {
  const char *w = a->t[k].low, *ap = strchr(w, '\'');
  char stem[sizeof a->t[k].low];
  if (!ap || ap == w || ap[1] == 's' || ap[1] == '\0')
    return false;
  memcpy(stem, w, (size_t)(ap - w));
  stem[ap - w] = '\0';
  return stop_word(a, stem);
}

/* The end of "X CUE [adjunct]" from k: the cue after a phrase of up to
 * eight words, then a comma or the sentence's end after at most six words
 * that open with a preposition ("in a tweet").  *cue_i gets the cue;
 * 0 when the words are no such attribution. */
static size_t as_attribution(const struct analysis *a, size_t k, size_t t1,
                             size_t sp0, size_t sp1, size_t *cue_i) {
  size_t c = k;
  while (c < t1 && c < k + 8 && a->t[c].type == T_WORD &&
         !cue_at(a, c, t1, sp0, sp1) && !stop_word(a, a->t[c].low) &&
         !contracted_stop(a, c))
    c++;
  size_t len = c < t1 ? cue_at(a, c, t1, sp0, sp1) : 0;
  if (c == k || !len || participle_form(a, a->t[c].low) ||
      (a->t[c].flags & F_WEAK))
    return 0;
  size_t e = c + len;
  if (e < t1 && a->t[e].type == T_WORD && preposition(a, a->t[e].low))
    while (e < t1 && e < c + len + 6 && a->t[e].type == T_WORD)
      e++;
  *cue_i = c;
  return e;
}

/* "As the Guardian noted, ...", "..., as one official put it.": a
 * clause of "as" with a cue reports the rest of the sentence.  True when
 * one reported it. */
static bool as_frame(struct analysis *a, const struct sentence *sn) {
  size_t t0 = sn->t0, t1 = sn->t1, sp0 = sn->sp0, sp1 = sn->sp1;
  size_t ci = 0, c0 = t0, c1 = t1, n0 = 0, e = 0;
  /* "But as The Hill pointed out, ...": a conjunction first */
  size_t s = past_opening_conj(a, t0, t1);
  if (s + 1 < t1 && low_eq(&a->t[s], "as")) {
    e = as_attribution(a, s + 1, t1, sp0, sp1, &ci);
    /* "As The Hill noted: “...”": a colon as well as a comma */
    if (!e || e >= t1 ||
        !(is_punct(&a->t[e], ",") || is_punct(&a->t[e], ":")))
      return false;
    n0 = s + 1;
    c0 = e + 1;
  } else {
    size_t k = t1;
    while (k > t0 && (is_end_punct(&a->t[k - 1]) ||
                      a->t[k - 1].type == T_QCLOSE))
      k--;
    size_t m = k;
    while (m > t0 + 3 && m + 16 > k && !is_punct(&a->t[m - 1], ","))
      m--;
    if (m <= t0 + 3 || m >= k || !low_eq(&a->t[m], "as"))
      return false;
    e = as_attribution(a, m + 1, t1, sp0, sp1, &ci);
    if (e != k)
      return false;
    n0 = m + 1;
    c1 = m - 1;
  }
  /* "As The Atlantic recently noted": the adverb is no part of the name */
  size_t ne = pc_att_skip_adverbs(a, n0, ci);
  if (ne == n0)
    ne = ci;
  struct speaker_ref w = pc_att_resolve_np(a, n0, ne);
  if (!w.name) {
    phrase_name(a, n0, ne, &w);
  }
  char *cue = cue_text(a, ci, a->t[ci].cue);
  size_t first = a->nq;
  if (c0 > t0)
    c1 = clause_end(a, c0, t1, sp0, sp1);
  content(a, c0, c1, &w, cue, sn->parent, t0, t1, sp0, sp1, sn->depth);
  if (sn->parent < 0 && a->nq > first)
    a->last_speaker_q = (int)first;
  free(cue);
  who_free(&w);
  return a->nq > first;
}

/* "Afterward, Sondland said he had ..., Morrison testified.": an
 * attribution that ends the sentence reports all before it, and the
 * cues inside are nested speech.
 * Returns the comma before that attribution, 0 when there is none. */
/* "..., Lewandowski added, saying ...": a person and a one-word cue
 * between commas (or after closing marks with a comma), a participle cue
 * after them; the comma before the person, 0 when there is none. */
static size_t participle_attribution(struct analysis *a,
                                     const struct sentence *sn) {
  size_t t0 = sn->t0, t1 = sn->t1, sp0 = sn->sp0, sp1 = sn->sp1;
  for (size_t k = t0 + 4; k + 1 < t1; k++) {
    /* the cue fields first: most words are no cue */
    if (!a->t[k + 1].cue || !a->t[k - 1].cue ||
        !is_punct(&a->t[k], ",") || span_of(a, k, sp0, sp1) >= 0 ||
        cue_at(a, k - 1, t1, sp0, sp1) != 1 ||
        fw_is(a, a->t[k - 1].low, PC_FW_TELL) ||
        !cue_at(a, k + 1, t1, sp0, sp1) ||
        !participle_form(a, a->t[k + 1].low))
      continue;
    size_t n = k - 1, b = n;
    while (b > t0 && n - b < 4 && a->t[b - 1].type == T_WORD)
      b--;
    if (b == n || b < t0 + 3 || !comma_at(a, b - 1, t0))
      continue;
    struct speaker_ref w = pc_att_resolve_np(a, b, n);
    bool person = w.ent >= 0 && a->en[w.ent].type == PC_ENTITY_PERSON;
    who_free(&w);
    if (person)
      return b - 1;
  }
  return 0;
}

/* Whether [b, e) holds a conjunction or a negation: a clause of its own
 * ("..., but Roe did not say when"), not the speaker of a final
 * attribution ("..., Roe said"). */
static bool clause_words(const struct analysis *a, size_t b, size_t e) {
  for (size_t k = b; k < e; k++)
    if (fw_is(a, a->t[k].low, PC_FW_CONJ) ||
        fw_is(a, a->t[k].low, PC_FW_CONTRAST) ||
        fw_is(a, a->t[k].low, PC_FW_NEG))
      return true;
  return false;
}

static size_t final_attribution(struct analysis *a, const struct sentence *sn) {
  size_t t0 = sn->t0, t1 = sn->t1, sp0 = sn->sp0, sp1 = sn->sp1;
  size_t last_comma = 0;
  size_t e = t1;
  while (e > t0 && (is_end_punct(&a->t[e - 1]) ||
                    a->t[e - 1].type == T_QCLOSE))
    e--;
  size_t c = e;
  /* ("said that he did not": a clause after the cue, with its subject
   * pronoun, is its content) */
  while (c > t0 && c + 4 > e && a->t[c - 1].type == T_WORD &&
         !cue_at(a, c - 1, t1, sp0, sp1) &&
         !fw_is(a, a->t[c - 1].low, PC_FW_SUBJ))
    c--; /* "Tuesday" */
  if (c > t0 + 1 && cue_at(a, c - 1, t1, sp0, sp1) == 1 &&
      !fw_is(a, a->t[c - 1].low, PC_FW_TELL)) {
    size_t n = c - 1, b = n;
    while (b > t0 && n - b < 4 && a->t[b - 1].type == T_WORD)
      b--;
    if (b < n && b > t0 + 2 && is_punct(&a->t[b - 1], ",") &&
        !clause_words(a, b, n)) {
      struct speaker_ref w = pc_att_resolve_np(a, b, n);
      if (w.ent >= 0 && a->en[w.ent].type == PC_ENTITY_PERSON)
        last_comma = b - 1;
      who_free(&w);
    }
  }
  return last_comma ? last_comma : participle_attribution(a, sn);
}

/* Whether the person named at k (the first token of the name) cannot
 * be the subject of the cue at i in the sentence that starts at t0: a
 * name governed by a preposition, a title between them ("of Mr.
 * Trump"), or one that owns the noun after it ("As word of Mrs.
 * Clinton's victories rolled in, he gave a speech, predicting"), or one
 * among the examples after "including".  A name right before the cue is
 * its subject all the same ("with Donald Trump tweeting", "footage of
 * Jane Roe saying"). */
static bool name_not_subject(const struct analysis *a, size_t t0, size_t k,
                             size_t i) {
  int e = a->t[k].ent;
  size_t j = k;
  while (j + 1 < a->nt && a->t[j + 1].ent == e)
    j++;
  if (j + 1 == i)
    return false;
  if (j + 1 < a->nt && a->t[j + 1].type == T_WORD &&
      pc_att_ending(a, a->t[j].low, PC_FW_GEN, 1))
    return true;
  /* "Other candidates, including Jo Roe and Al Bell, have followed":
   * a name among the examples that "including" gives */
  for (size_t z = k; z > t0 && !is_punct(&a->t[z - 1], ","); z--)
    if (low_eq(&a->t[z - 1], "including"))
      return true;
  size_t p = pc_att_title_start(a, t0, k);
  /* "A spokesman for Mayor Tom Vale": a title, capitalised, before the
   * name */
  if (p == k && p > t0 + 1 && (a->t[p - 1].flags & F_CAP) &&
      is_role_word(a, p - 1))
    p--;
  /* "Speaking to WKRT's Jo Roe": the owner's name before it */
  if (p > t0 && a->t[p - 1].type == T_WORD && (a->t[p - 1].flags & F_CAP) &&
      pc_att_possessive(a, a->t[p - 1].low)) {
    int o = a->t[--p].ent;
    while (o >= 0 && p > t0 && a->t[p - 1].ent == o)
      p--;
  }
  return p > t0 && preposition(a, a->t[p - 1].low);
}

/* Whether word v, after a plural ("Democrats see", "supporters
 * remain"), is a verb in the present: in lower case, no function word,
 * not ending in "s", "-ing", "-ed" or "-ly". */
static bool present_after_plural(const struct analysis *a, size_t v) {
  const struct token *k = &a->t[v];
  size_t l = strlen(k->low);
  return v > 0 && k->type == T_WORD && !(k->flags & F_CAP) && l > 2 &&
         a->t[v - 1].type == T_WORD && pc_att_plural(a, a->t[v - 1].low) &&
         !stop_word(a, k->low) && !aux_word(a, k->low) &&
         !preposition(a, k->low) && !determiner(a, k->low) &&
         !fw_is(a, k->low, PC_FW_POSS) && k->low[l - 1] != 's' &&
         !lower_suffix(k, "ing", 5) && !lower_suffix(k, "ly", 4) &&
         !ed_form(a, v);
}

/* The end of a phrase with a determiner or a possessive that opens the
 * sentence at *t0 (moved past "and", "but") and ends at a verb before i
 * (at the verb, or at an adverb right before it), 0 when there is none.
 * at_verb: only a verb for sure, a past form or a finite auxiliary ("An
 * early tweet from Obama" is no subject, nor the first words of a long
 * phrase). */
static bool initial_dot(const struct analysis *a, size_t t0, size_t k,
                        size_t i);
static size_t determined_end(const struct analysis *a, size_t *t0, size_t i,
                             bool at_verb) {
  size_t b = *t0;
  while (b + 1 < i && a->t[b].type == T_WORD &&
         (fw_is(a, a->t[b].low, PC_FW_CONJ) ||
          fw_is(a, a->t[b].low, PC_FW_CONTRAST)))
    b++;
  *t0 = b;
  /* ("Trump's representatives reached out to ...": a possessive name
   * opens such a phrase too) */
  /* (at a verb: a count or a plural opens one too, "Most of the
   * senators have said ...", "Democrats have argued ...") */
  const struct token *o = &a->t[b];
  bool group = at_verb && o->type == T_WORD && o->in_span < 0 &&
               (o->ent < 0 || a->en[o->ent].type != PC_ENTITY_PERSON) &&
               (fw_is(a, o->low, PC_FW_QUANT) ||
                pc_att_plural(a, o->low));
  if (b + 1 >= i || o->type != T_WORD ||
      !(determiner(a, o->low) || fw_is(a, o->low, PC_FW_POSS) || group ||
        ((o->flags & F_CAP) && !fw_is(a, o->low, PC_FW_SUBJ) &&
         pc_att_ending(a, o->low, PC_FW_GEN, 1))))
    return 0;
  /* ("The attorney general of the state of Ohio is suing": "of" and
   * "for" are no stop words, and the phrase goes on through them) */
  /* ("A U.S. District Court judge sided with ...": the dot of initials
   * is inside the phrase) */
  size_t e = b + 1;
  while (e < i && initial_dot(a, b, e, i))
    e++;
  /* ("The retired surgeon met ...", "His embattled aide said": a form
   * in -ed right after the determiner, before a word in lower case that
   * is no stop word, modifies the head; it is no verb) */
  if (e == b + 1 && e + 2 < i && ed_form(a, e) &&
      a->t[e + 1].type == T_WORD && !(a->t[e + 1].flags & F_CAP) &&
      !stop_word(a, a->t[e + 1].low) && !determiner(a, a->t[e + 1].low) &&
      !ed_form(a, e + 1))
    e++;
  /* ("Some of his supporters remain reluctant to ...": after a plural
   * in a group's phrase, a verb in the present ends it) */
  while (e < i && e < b + 10 && a->t[e].type == T_WORD &&
         !(group && present_after_plural(a, e)) &&
         !stop_word(a, a->t[e].low) && !a->t[e].cue && !ed_form(a, e) &&
         !aux_word(a, a->t[e].low) &&
         !fw_is(a, a->t[e].low, PC_FW_IPAST) &&
         !fw_is(a, a->t[e].low, PC_FW_VPAST) &&
         !(at_verb && e + 1 < i && lower_suffix(&a->t[e], "ly", 4) &&
           (ed_form(a, e + 1) || fw_is(a, a->t[e + 1].low, PC_FW_IPAST) ||
            fw_is(a, a->t[e + 1].low, PC_FW_VPAST))))
    e += 1 + (e + 1 < i && initial_dot(a, b, e + 1, i));
  /* the phrase ends at its verb: a stop word, an adverb or a past form,
   * regular or not ("The billionaire businessman began by") */
  if (e == b + 1 || e >= i || a->t[e].type != T_WORD)
    return 0;
  if (!at_verb)
    return e;
  /* ("his critics hysterically claimed": an adverb before the verb;
   * "The party's presumed nominee": no verb after a possessive) */
  /* ("Her campaign also announced": an adverb of data: aux too) */
  size_t v = e;
  while (v + 1 < i && (lower_suffix(&a->t[v], "ly", 4) ||
                       (aux_word(a, a->t[v].low) &&
                        !fw_is(a, a->t[v].low, PC_FW_FIN))))
    v++;
  const char *x = a->t[v].low;
  if (pc_att_ending(a, a->t[v - 1].low, PC_FW_GEN, 1) ||
      (!ed_form(a, v) && !fw_is(a, x, PC_FW_IPAST) &&
       !fw_is(a, x, PC_FW_VPAST) && !fw_is(a, x, PC_FW_FIN) &&
       !(group && v == e && present_after_plural(a, v))))
    return 0;
  return e;
}

/* "The nurse later sued, claiming ...", "But the report found ... and
 * warned": a phrase with a determiner or a possessive that opens the
 * sentence [t0, i) and ends before its verb names the subject when no
 * name does (its own words are the speaker). */
static struct speaker_ref determined_subject(struct analysis *a, size_t t0,
                                             size_t i, bool at_verb) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t e = determined_end(a, &t0, i, at_verb);
  if (e)
    phrase_name(a, t0, e, &w);
  return w;
}

/* "WikiLeaks hit Snowden back by accusing him ...", "Democrats had sued
 * after Ohio ..., saying": an organisation or a group that opens the
 * sentence [t0, i) right before its verb (an auxiliary, a form of "be",
 * a past form) is the subject, though a person is named after it. */
static struct speaker_ref opening_entity(struct analysis *a, size_t t0,
                                         size_t i) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t k = t0;
  while (k < i && a->t[k].type == T_WORD &&
         (fw_is(a, a->t[k].low, PC_FW_CONJ) ||
          fw_is(a, a->t[k].low, PC_FW_CONTRAST) ||
          determiner(a, a->t[k].low)))
    k++;
  int e = k < i ? a->t[k].ent : -1;
  /* ("WikiLeaks wasn't happy ... and hit Snowden back": a capitalised
   * word that opens the sentence right before its verb is the subject
   * though no entity was made of it; not a sentence opener, data: cap) */
  bool word = e < 0 && k + 1 < i && k == t0 && a->t[k].type == T_WORD &&
              (a->t[k].flags & F_CAP) && a->t[k].in_span < 0 &&
              !function_cap(a, a->t[k].low) && !stop_word(a, a->t[k].low);
  if (!word &&
      (e < 0 || a->t[k].in_span >= 0 || a->en[e].type == PC_ENTITY_PERSON))
    return w;
  size_t v = k;
  while (v < i && ((word && v == k) || (!word && a->t[v].ent == e)))
    v++;
  if (v >= i || a->t[v].type != T_WORD || (a->t[v].flags & F_CAP) ||
      pc_att_ending(a, a->t[v - 1].low, PC_FW_GEN, 1))
    return w;
  const char *vw = a->t[v].low;
  /* ("Democrats see Roe as a threat, arguing": after a group named in
   * the plural, a word in lower case that no function word, ending in
   * "s", "-ing" or "-ly" is the verb in the present) */
  bool present = !word && a->en[e].type == PC_ENTITY_GROUP &&
                 present_after_plural(a, v);
  if (!(fw_is(a, vw, PC_FW_FIN) || fw_is(a, vw, PC_FW_PASS) ||
        (aux_word(a, vw) && !word) || ed_form(a, v) || present))
    return w;
  if (word) {
    phrase_name(a, k, v, &w);
    return w;
  }
  w.ent = e;
  w.name = strdup(a->en[e].name);
  return w;
}

/* "When asked whom she supported, Ms. Sherry smiled and said", "After
 * Jerry Brown criticized Bill Clinton, Hillary shot back": the start of
 * the main clause after an adverbial clause that opens the sentence [t0,
 * i) (data: sub, lead; "when", "if") and holds a verb, at its comma;
 * t0 when none. */
static size_t after_fronted_clause(const struct analysis *a, size_t t0,
                                   size_t i) {
  const struct token *k = &a->t[t0];
  if (k->type != T_WORD ||
      !(fw_is(a, k->low, PC_FW_SUB) || fw_is(a, k->low, PC_FW_LEAD) ||
        low_eq(k, "when") || low_eq(k, "if")))
    return t0;
  bool verb = false; /* not "When Robby Mook, Clinton's manager, was" */
  for (size_t z = t0 + 1; z + 1 < i; z++) {
    if (a->t[z].in_span >= 0 || a->t[z].type == T_QOPEN)
      return t0;
    if (is_punct(&a->t[z], ","))
      return verb ? z + 1 : t0;
    /* (an irregular past is a verb too: "As voters went to the polls,") */
    verb = verb || ed_form(a, z) || fw_is(a, a->t[z].low, PC_FW_FIN) ||
           fw_is(a, a->t[z].low, PC_FW_PASS) ||
           fw_is(a, a->t[z].low, PC_FW_IPAST);
  }
  return t0;
}

/* Whether token k is an adverb in -ly in lower case ("hysterically"). */
static bool ly_adverb(const struct analysis *a, size_t k) {
  return lower_suffix(&a->t[k], "ly", 4);
}

/* "When Winfrey asked if ..., he declined, saying": after an adverbial
 * clause that opens the sentence, a subject of the main clause (a person
 * named or a pronoun) before the cue at i; the speaker of a cue inside
 * the fronted clause is not the participle's. */
static bool fronted_subject(const struct analysis *a, size_t t0, size_t i) {
  size_t m = after_fronted_clause(a, t0, i);
  if (m == t0)
    return false;
  for (size_t k = m; k < i; k++) {
    const struct token *t = &a->t[k];
    if (t->type != T_WORD || t->in_span >= 0)
      continue;
    if ((t->ent >= 0 && a->en[t->ent].type == PC_ENTITY_PERSON) ||
        fw_is(a, t->low, PC_FW_SUBJ))
      return true;
  }
  return false;
}

/* Whether the name [nb, ne) only qualifies the noun after it ("The Roe
 * campaign doubled down", "A Roe aide walked back", "Roe's campaign
 * shrugged off"): a possessive name, or one after a determiner followed
 * by a word in lower case that reads as no verb (no function word,
 * adverb or auxiliary, no past form, no -s form, no cue). */
static bool name_modifies(const struct analysis *a, size_t nb, size_t ne,
                          size_t i) {
  const char *p = a->t[ne - 1].low;
  size_t pl = strlen(p);
  if (pl > 2 && strcmp(p + pl - 2, "'s") == 0)
    return ne < i && a->t[ne].type == T_WORD;
  if (ne >= i || nb == 0 || a->t[nb - 1].type != T_WORD ||
      !determiner(a, a->t[nb - 1].low) || a->t[ne].type != T_WORD ||
      (a->t[ne].flags & F_CAP) || a->t[ne].cue)
    return false;
  const char *w = a->t[ne].low;
  size_t n = strlen(w);
  return n > 2 && !stop_word(a, w) && !aux_word(a, w) && !ed_form(a, ne) &&
         !fw_is(a, w, PC_FW_IPAST) && !fw_is(a, w, PC_FW_VPAST) &&
         !fw_is(a, w, PC_FW_FIN) && !fw_is(a, w, PC_FW_WHEN) &&
         !fw_is(a, w, PC_FW_PASS) && w[n - 1] != 's' &&
         strcmp(w + n - 2, "ly") != 0;
}

/* "NASA awarded the orders to Roe Corp, but Roe Corp canceled its
 * order later, citing": the start of the last clause after ", but" (or
 * ", and": "Protest groups say ..., and the ACLU has already sued the
 * city, saying"; or a subordinator: "Ames argues that ..., while her
 * rival, Jo Roe, has soared in the polls by saying") in [t0, i) that
 * has a subject and a verb of its own (a name, a pronoun or a
 * determiner opens it; not "..., but said"); t0 if none. */
static size_t clause_after_but(const struct analysis *a, size_t t0,
                               size_t i) {
  for (size_t k = i - 1; k > t0 + 1; k--) {
    if (!is_punct(&a->t[k - 1], ",") ||
        !(fw_is(a, a->t[k].low, PC_FW_CONTRAST) ||
          fw_is(a, a->t[k].low, PC_FW_CONJ) ||
          fw_is(a, a->t[k].low, PC_FW_SUB)) || k + 3 > i)
      continue;
    const struct token *n = &a->t[k + 1];
    bool opens = n->type == T_WORD && n->in_span < 0 &&
                 (n->ent >= 0 || (n->flags & F_CAP) ||
                  fw_is(a, n->low, PC_FW_SUBJ) || determiner(a, n->low));
    return opens && finite_in(a, k + 1, i) ? k + 1 : t0;
  }
  return t0;
}

/* "Netanyahu and other leaders shunned Carter, claiming ...": the
 * phrase of the name [k, ke), "and" and the words up to the verb, when
 * they speak together (speakers.c: "Trump and his lawyers", "Clinton
 * and the DNC"); no name when the name speaks alone. */
static struct speaker_ref joint_subject(struct analysis *a, size_t k,
                                        size_t ke, size_t i) {
  struct speaker_ref w = {NULL, -1, NULL};
  if (ke + 1 >= i || !low_eq(&a->t[ke], "and"))
    return w;
  size_t v = ke + 1;
  while (v < i && v < ke + 12 && a->t[v].type == T_WORD && !a->t[v].cue &&
         !aux_word(a, a->t[v].low) && !past_after_word(a, v))
    v++;
  if (v >= i || v == ke + 1)
    return w;
  /* ("Roe and Ames both floated": a floating quantifier before the verb
   * is no part of the phrase) */
  v = pc_att_skip_adverbs(a, ke + 1, v);
  w = pc_att_resolve_np(a, k, v);
  if (w.name && !(w.ent == a->t[k].ent && strstr(w.name, " and ")))
    who_free(&w);
  return w;
}

/* Whether a clause with a subject of its own opens at k, before i: a
 * comma, "and" or "but" and a person named or a subject pronoun ("...,
 * and he has battled"), or a subordinator and one ("cheered when Trump
 * spotted a sign"). */
static bool clause_opens(const struct analysis *a, size_t k, size_t i) {
  const struct token *t = &a->t[k];
  size_t s = k + 1;
  if (is_punct(t, ",") && s + 1 < i && a->t[s].type == T_WORD &&
      (fw_is(a, a->t[s].low, PC_FW_CONJ) ||
       fw_is(a, a->t[s].low, PC_FW_CONTRAST)))
    s++;
  else if (t->type != T_WORD || t->in_span >= 0 || (t->flags & F_CAP) ||
           !(fw_is(a, t->low, PC_FW_SUB) || low_eq(t, "when") ||
             low_eq(t, "because") || low_eq(t, "after") ||
             low_eq(t, "before") || low_eq(t, "since") || low_eq(t, "if")))
    return false;
  if (s + 1 >= i || a->t[s].type != T_WORD || a->t[s].in_span >= 0)
    return false;
  int e = a->t[s].ent;
  if (e < 0)
    return fw_is(a, a->t[s].low, PC_FW_SUBJ);
  size_t n = s;
  while (n + 1 < i && a->t[n + 1].ent == e)
    n++;
  return a->en[e].type == PC_ENTITY_PERSON &&
         !pc_att_ending(a, a->t[n].low, PC_FW_GEN, 1);
}

/* "In December, the prince called ...": the start of the clause after
 * a short phrase that opens the sentence [t0, i) before a comma and
 * holds no verb, cue, person or quoted words (a time, a place); t0 when
 * there is none. */
static size_t opening_adjunct(const struct analysis *a, size_t t0, size_t i) {
  /* (a preposition's phrase may be longer, and a place's state in
   * commas goes with it: "At a conference that month in Aspen, Colo.,
   * the graduate ...") */
  bool prep = a->t[t0].type == T_WORD && preposition(a, a->t[t0].low);
  for (size_t k = t0; k < i && k < t0 + (prep ? 12 : 5); k++) {
    const struct token *t = &a->t[k];
    if (is_punct(t, ",") && prep && k > t0 && k + 3 < i &&
        (a->t[k - 1].flags & F_CAP) && a->t[k + 1].type == T_WORD &&
        (a->t[k + 1].flags & F_CAP) &&
        (is_punct(&a->t[k + 2], ",") ||
         (is_punct(&a->t[k + 2], ".") && is_punct(&a->t[k + 3], ",")))) {
      k += is_punct(&a->t[k + 2], ",") ? 1 : 2;
      continue;
    }
    if (is_punct(t, ","))
      return k > t0 && k + 1 < i ? k + 1 : t0;
    if (t->type != T_WORD || t->in_span >= 0 || t->cue ||
        (t->ent >= 0 && a->en[t->ent].type == PC_ENTITY_PERSON) ||
        (fw_is(a, t->low, PC_FW_FIN) && !(t->flags & F_CAP)) ||
        fw_is(a, t->low, PC_FW_SUBJ) || ed_form(a, k) ||
        fw_is(a, t->low, PC_FW_IPAST))
      return t0; /* (a month's name is no modal: "In May, ...") */
  }
  return t0;
}

/* Whether the phrase at k is a preposition's object: a preposition
 * before it, past determiners ("marched through the Center City", "in
 * Lisbon"); not a number after "about" ("about 200 nurses": data:
 * approx). */
static bool prep_object(const struct analysis *a, size_t t0, size_t k) {
  size_t p = k;
  while (p > t0 && a->t[p - 1].type == T_WORD &&
         determiner(a, a->t[p - 1].low))
    p--;
  if (p == t0 || a->t[p - 1].type != T_WORD ||
      !preposition(a, a->t[p - 1].low))
    return false;
  return !(fw_is(a, a->t[p - 1].low, PC_FW_APPROX) && p == k &&
           digits_at(a, k));
}

/* The first phrase of [t0, i) that names someone, as the subject of
 * the sentence (sentence_subject); objects: a preposition's object or a
 * participle's phrase too. */
static struct speaker_ref phrase_subject(struct analysis *a, size_t t0,
                                         size_t i, bool objects) {
  struct speaker_ref w = {NULL, -1, NULL};
  bool first = true; /* the phrase that opens the sentence */
  for (size_t k = t0; k + 1 < i && !w.name; k++) {
    /* an auxiliary or an adverb opens no phrase ("... and begins
     * yelling": no group "begins") */
    if (a->t[k].type != T_WORD || aux_word(a, a->t[k].low))
      continue;
    size_t e = k;
    /* "She says people ..., but insists", "His chief aide doubled down
     * ..., saying": the phrase ends before its verb, and a subject
     * pronoun is a phrase of its own */
    while (e < i && a->t[e].type == T_WORD && !stop_word(a, a->t[e].low) &&
           !(e > k && (a->t[e].cue || past_after_word(a, e) ||
                       (e > k + 1 && (aux_word(a, a->t[e].low) ||
                                      ly_adverb(a, e))) ||
                       fw_is(a, a->t[e - 1].low, PC_FW_SUBJ))))
      e++;
    /* "The US welcomed the exchange, saying": a name that opens the
     * phrase is its subject; the words after it are the predicate (not
     * the noun it qualifies: "The Roe campaign") */
    size_t n = k;
    while (n < e && determiner(a, a->t[n].low))
      n++;
    if (n < e && a->t[n].ent >= 0) {
      size_t ne = n;
      while (ne < e && a->t[ne].ent == a->t[n].ent)
        ne++;
      if (ne < e && a->t[ne].type == T_WORD && !(a->t[ne].flags & F_CAP) &&
          !name_modifies(a, n, ne, e))
        e = ne;
    }
    /* "Here in Columbia, Sanders stepped up ..., saying": a phrase
     * after a preposition is its object, never the subject */
    bool ptcp = !(a->t[k].flags & F_CAP) && participle_form(a, a->t[k].low);
    bool obj = !objects && prep_object(a, t0, k);
    /* "..., holding signs and chanting": a participle opens none, nor
     * its object ("from entering the United States") */
    if (obj || (!objects && ptcp)) {
      /* ("From 2010 to 2013 the party led ...": a determiner inside a
       * preposition's object opens the next phrase) */
      size_t z = obj && !ptcp ? k + 1 : e;
      while (z < e && !determiner(a, a->t[z].low))
        z++;
      first = false;
      k = z < e ? z - 1 : e;
      continue;
    }
    w = pc_att_resolve_np(a, k, e > k ? e : k + 1);
    /* "His campaign sued the DNC ..., seeking": a phrase with a
     * determiner that opens the sentence is its subject, though it
     * names no one; not a name in the predicate after it */
    if (!w.name && first) {
      who_free(&w);
      w = determined_subject(a, t0, i, true);
      if (w.name)
        return w;
    }
    first = false;
    k = e;
  }
  return w;
}

/* Whether the word at k is written in capitals only, of three letters
 * or more ("WASHINGTON"). */
static bool all_caps(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  const char *x = btext(a, t->block);
  if (t->type != T_WORD || t->e < t->s + 3)
    return false;
  for (uint32_t b = t->s; b < t->e; b++)
    if (x[b] >= 'a' && x[b] <= 'z')
      return false;
  return true;
}

/* "WASHINGTON, Dec. 8 (UPI) — In response to ..., the aide rallied
 * supporters, saying": a dateline that opens the paragraph (a place in
 * capitals, maybe a date and an agency, then a dash) names no subject;
 * the sentence starts after its dash.  t0 when there is none. */
static size_t after_dateline(const struct analysis *a, size_t t0, size_t i) {
  if (!all_caps(a, t0) || (t0 > 0 && a->t[t0 - 1].block == a->t[t0].block))
    return t0;
  for (size_t k = t0 + 1; k < i && k < t0 + 12; k++) {
    if (dash_at(a, k) || (is_punct(&a->t[k], "-") && k + 1 < i &&
                          is_punct(&a->t[k + 1], "-")))
      return is_punct(&a->t[k + 1], "-") ? k + 2 : k + 1;
    if (a->t[k].type == T_QOPEN || a->t[k].cue)
      return t0;
  }
  return t0;
}

/* "X expressed confidence, saying ...", "X touched upon it and noted
 * ...", "..., but said ...": the subject of the sentence [t0, i), a person
 * when one is named before the cue (not one that only qualifies a noun:
 * "The Roe campaign ..., saying" is the campaign's). */
static struct speaker_ref sentence_subject(struct analysis *a, size_t t0,
                                           size_t i) {
  t0 = after_fronted_clause(a, after_dateline(a, t0, i), i);
  size_t cb = clause_after_but(a, t0, i);
  if (cb > t0) {
    struct speaker_ref w = sentence_subject(a, cb, i);
    if (w.name)
      return w;
    who_free(&w);
  }
  struct speaker_ref w = opening_entity(a, t0, i);
  /* "The Wisconsin Republican did give Trump some credit, saying": a
   * phrase with a determiner that opens the sentence and ends at its
   * verb is the subject; a name or a pronoun after the verb is in the
   * predicate */
  size_t db = opening_adjunct(a, t0, i);
  size_t dv = determined_end(a, &db, i, true);
  for (size_t k = t0; k < i && !w.name; k++) {
    /* (past the verb, until a clause of its own opens: "..., but the
     * effort stalled, and he has battled ..., calling") */
    if (dv && k >= dv) {
      if (!clause_opens(a, k, i))
        continue;
      dv = 0;
    }
    /* "Roe's spokeswoman challenged the claim that Roe had ..., and
     * said": a name in a clause that "that" opens after a noun is no
     * subject of the sentence */
    if (k > t0 + 1 && low_eq(&a->t[k], "that") && a->t[k - 1].type == T_WORD &&
        !stop_word(a, a->t[k - 1].low) && !a->t[k - 1].cue &&
        a->t[k - 1].ent < 0)
      break;
    int e = a->t[k].ent;
    size_t ke = k;
    while (e >= 0 && ke < i && a->t[ke].ent == e)
      ke++;
    /* "In interviews, he defended Mr. Trump's views, saying": a
     * pronoun before any name is the subject, not the name after it */
    if (e < 0 && a->t[k].in_span < 0 && a->t[k].type == T_WORD &&
        (list_tag_of(a, &a->lex->pronouns, a->t[k].low) == 'm' ||
         list_tag_of(a, &a->lex->pronouns, a->t[k].low) == 'f'))
      return pc_att_resolve_np(a, k, k + 1);
    if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON &&
        !(k > t0 && a->t[k - 1].ent == e) &&
        !name_not_subject(a, t0, k, i) && !name_modifies(a, k, ke, i)) {
      w = joint_subject(a, k, ke, i);
      if (w.name)
        break;
      w.ent = e;
      w.name = strdup(a->en[e].name);
      if (a->en[e].role)
        w.role = strdup(a->en[e].role);
    }
  }
  if (!w.name && dv) {
    w = pc_att_resolve_np(a, db, dv);
    if (!w.name)
      phrase_name(a, db, dv, &w);
    return w;
  }
  if (!w.name)
    w = phrase_subject(a, t0, i, false);
  /* none: a preposition's object ("An early letter from the volunteers
   * circulated, saying"), then the phrase that opens the sentence */
  if (!w.name)
    w = phrase_subject(a, t0, i, true);
  if (!w.name)
    w = determined_subject(a, t0, i, false);
  return w;
}

/* "The campaign said it would ...", "The Guardian said ...": when no
 * speaker is known, a plain noun phrase that opens the sentence right
 * before a strong cue with a clausal complement still names one (its
 * own words are the speaker).  Not a weak or sense-ambiguous cue. */
/* The plain noun phrase [t0, i) before a cue at i as its speaker (its
 * own words), or no name: one with a possessive, a determiner (when det)
 * or a share ("About four in 10", "More than 60 percent"), of a few
 * words. */
/* The last dot of initials at k ("U.S.", "U.N.", "J. Roe"): after a
 * capital letter, or capitals with dots between ("U.S"), before a
 * word. */
static bool initial_dot(const struct analysis *a, size_t t0, size_t k,
                        size_t i) {
  if (k <= t0 || k + 1 >= i || !is_punct(&a->t[k], ".") ||
      a->t[k + 1].type != T_WORD || !(a->t[k - 1].flags & F_CAP))
    return false;
  const char *w = a->t[k - 1].low;
  return w[1] == '\0' || initials(w);
}

/* Dots of initials in [t0, i): "A U.S. official" is three words. */
static size_t initial_dots(const struct analysis *a, size_t t0, size_t i) {
  size_t n = 0;
  for (size_t k = t0; k < i; k++)
    n += initial_dot(a, t0, k, i);
  return n;
}

static struct speaker_ref plain_phrase(struct analysis *a, size_t t0,
                                       size_t i, bool det) {
  struct speaker_ref w = {NULL, -1, NULL};
  i = pc_att_skip_adverbs(a, t0, i);
  if (i == t0)
    return w;
  size_t dots = initial_dots(a, t0, i);
  /* "About four in 10 said", "More than 60 percent said": a share */
  bool share = false;
  for (size_t k = t0; k < i; k++)
    share |= (a->t[k].low[0] >= '0' && a->t[k].low[0] <= '9') ||
             strcmp(a->t[k].low, "half") == 0 ||
             strcmp(a->t[k].low, "majority") == 0;
  if (!share && !fw_is(a, a->t[t0].low, PC_FW_POSS) &&
      !(det && determiner(a, a->t[t0].low)))
    return w;
  /* "The last man to mount a major race says": after five words a
   * phrase of its own (a preposition, "to") may follow the head */
  bool post_mod = false;
  for (size_t k = t0 + 1; k < i; k++) {
    if (initial_dot(a, t0, k, i))
      continue;
    /* "The host of “Night Court” says": a title is one word of it */
    if (a->t[k].opens >= 0 && pc_att_title_span(a, (size_t)a->t[k].opens) &&
        a->sp[a->t[k].opens].c < i) {
      k = a->sp[a->t[k].opens].c;
      continue;
    }
    if (a->t[k].type != T_WORD || aux_word(a, a->t[k].low) || a->t[k].cue ||
        fw_is(a, a->t[k].low, PC_FW_SUBJ))
      return w;
    if (preposition(a, a->t[k].low) && k > t0 + 1 && k + 1 < i) {
      post_mod = true;
      continue;
    }
    if (stop_word(a, a->t[k].low) &&
        !(share && (low_eq(&a->t[k], "in") || low_eq(&a->t[k], "than") ||
                    low_eq(&a->t[k], "of"))))
      return w;
  }
  if ((!post_mod && i > t0 + 5 + dots) || i == t0 + 1)
    return w;
  phrase_name(a, t0, i, &w);
  return w;
}

/* Whether the word at k opens a subordinate clause ("although",
 * "when", "because", "if", "unless"). */
static bool subordinator(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  return t->type == T_WORD &&
         (fw_is(a, t->low, PC_FW_SUB) || low_eq(t, "when") ||
          low_eq(t, "after") || low_eq(t, "before") || low_eq(t, "because") ||
          low_eq(t, "if") || low_eq(t, "unless"));
}

/* Whether [t0, e), up to the comma at e, is a phrase that opens the
 * sentence before its subject ("On Wednesday, the state election board
 * said"): a preposition's phrase with no verb or comma in it, or one
 * word that names no one ("Later,"), or a subordinate clause with no
 * comma in it ("Even though skating is allowed here, the women say").
 * The phrase after it opens the clause as one that opens the sentence
 * does. */
static bool opening_phrase(const struct analysis *a, size_t t0, size_t e) {
  enum { SUB_CLAUSE_MAX = 16 };
  if (e <= t0 || !is_punct(&a->t[e], ",") || a->t[t0].type != T_WORD)
    return false;
  if (e <= t0 + SUB_CLAUSE_MAX && subordinator(a, t0)) {
    for (size_t k = t0 + 1; k < e; k++)
      if (a->t[k].type != T_WORD)
        return false;
    return true;
  }
  if (e > t0 + 6)
    return false;
  if (e == t0 + 1)
    return a->t[t0].ent < 0 && !in_list_of(a, &a->lex->pronouns, a->t[t0].low);
  for (size_t k = t0 + 1; k < e; k++)
    if (a->t[k].type != T_WORD)
      return false;
  return preposition(a, a->t[t0].low) && !finite_in(a, t0, e);
}

/* Whether the phrase [b, i) before a cue ends in a noun for a person in
 * lower case: a role ("the nurse"), one of the people on someone's side
 * ("his lawyer"), or a doer's ending ("a woman", "a protester"; data:
 * roles, people, doer). */
static bool person_head(const struct analysis *a, size_t b, size_t i) {
  i = pc_att_skip_adverbs(a, b, i);
  if (i <= b + 1 || i > b + 4)
    return false;
  const struct token *h = &a->t[i - 1];
  return h->type == T_WORD && !(h->flags & F_CAP) && h->ent < 0 &&
         (is_role_word(a, i - 1) || fw_is(a, h->low, PC_FW_PEOPLE) ||
          pc_att_ending(a, h->low, PC_FW_DOER, 2));
}

static struct speaker_ref plain_subject(struct analysis *a,
                                        const struct sentence *sn,
                                        const struct cue *c) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t t0 = sn->t0, i = c->i;
  /* "But the missive suggests", "And nearly three in five said": a
   * conjunction or a focus word that opens the sentence is no part of
   * the phrase; "The campaign later said": nor are adverbs before the
   * cue */
  while (t0 + 1 < i && a->t[t0].type == T_WORD &&
         (fw_is(a, a->t[t0].low, PC_FW_CONJ) ||
          fw_is(a, a->t[t0].low, PC_FW_CONTRAST) ||
          fw_is(a, a->t[t0].low, PC_FW_FOCUS)))
    t0++;
  /* ("The star noted that ...": a cue with other senses is speech
   * when "that" follows it) */
  bool creq = (a->t[i].flags & F_CREQ) &&
              !(i + c->len < sn->t1 && is_comp(a, i + c->len));
  if (a->t[i].flags & (F_WEAK | F_QREQ) || creq || i == t0 ||
      participle_form(a, a->t[i].low) ||
      !pc_att_clausal_after(a, i + c->len, sn->t1))
    return w;
  if (i <= t0 + 9 + initial_dots(a, t0, i))
    w = plain_phrase(a, t0, i, true);
  /* "..., but six in 10 said", "shortly after her campaign said": a
   * share or an owned phrase may open a clause inside the sentence,
   * after a comma, ", and", "but" or a subordinator (not "while this
   * claim implies": a determiner there names a thing as often) */
  for (size_t b = i; !w.name && b > t0 + 1 && b + 8 > i; b--) {
    const struct token *k = &a->t[b - 1];
    if (is_punct(k, ",") ||
        (k->type == T_WORD &&
         ((fw_is(a, k->low, PC_FW_CONJ) && is_punct(&a->t[b - 2], ",")) ||
          fw_is(a, k->low, PC_FW_CONTRAST) || subordinator(a, b - 1) ||
          is_comp(a, b - 1)))) {
      /* (after a subordinate clause, "this claim implies" names a thing
       * the clause told of: a demonstrative opens no speaker) */
      /* ("He spoke after a woman told him ...": a subordinator's
       * phrase that ends in a noun for a person, data: roles, people,
       * doer endings, names someone, not a thing) */
      bool open = (opening_phrase(a, t0, b - 1) ||
                   (subordinator(a, b - 1) && person_head(a, b, i))) &&
                  !(subordinator(a, t0) &&
                    (low_eq(&a->t[b], "this") || low_eq(&a->t[b], "that") ||
                     low_eq(&a->t[b], "these") || low_eq(&a->t[b], "those")));
      if (b < i)
        w = plain_phrase(a, b, i, open);
      break;
    }
  }
  return w;
}

/* "Gov. Jane Roe (R) said", "Rep. Paul Lake (D-Ohio) said": a short
 * parenthesis right before the cue at i; the speaker's phrase ends
 * before it.  Returns where the phrase ends (i when there is none). */
static size_t party_tag(const struct analysis *a, size_t t0, size_t i) {
  if (i < t0 + 3 || !is_punct(&a->t[i - 1], ")"))
    return i;
  /* (or a longer aside: "Sen. Tom Lake (a Democrat so young he has been
   * mistaken for an aide) says") */
  for (size_t k = i - 1; k > t0 + 1 && k + 20 > i; k--)
    if (is_punct(&a->t[k - 1], "("))
      return a->t[k - 2].type == T_WORD ? k - 1 : i;
  return i;
}

/* After "told" or "asked" at i: the end of its addressee ("The Wall
 * Street Journal", "a Senate panel Wednesday") when the attribution ends
 * after it; else after itself. */
static size_t addressee_end(const struct analysis *a, size_t i, size_t after,
                            size_t t1) {
  if (!fw_is(a, a->t[after > i ? after - 1 : i].low, PC_FW_TELL))
    return after;
  size_t k = after;
  while (k < t1 && k < after + 8 && a->t[k].type == T_WORD &&
         !stop_word(a, a->t[k].low) && !preposition(a, a->t[k].low) &&
         !fw_is(a, a->t[k].low, PC_FW_SUBJ) && a->t[k].in_span < 0)
    k++;
  /* "asked Carson about his ties", "asked the crowd to stand": an object
   * with more after it is no addressee of an attribution ("told his
   * advisers as he labored ...": a subordinate clause after it is) */
  if (k == after ||
      (k < t1 && !is_end_punct(&a->t[k]) && !is_punct(&a->t[k], ",") &&
       !(k + 2 < t1 && (fw_is(a, a->t[k].low, PC_FW_SUB) ||
                        low_eq(&a->t[k], "when")) &&
         fw_is(a, a->t[k + 1].low, PC_FW_SUBJ))))
    return after;
  return k;
}

/* "Sen. Rob Lake (R-Ohio), another incumbent, said": a name with its
 * party tag before an apposition between commas right before the cue at
 * i; the named person, or no name. */
static struct speaker_ref tagged_apposition(struct analysis *a, size_t t0,
                                            size_t i) {
  struct speaker_ref w = {NULL, -1, NULL};
  if (i < t0 + 6 || !is_punct(&a->t[i - 1], ","))
    return w;
  size_t j = i - 2;
  while (j > t0 + 3 && j + 10 > i && a->t[j].type == T_WORD)
    j--;
  if (!is_punct(&a->t[j], ",") || j + 2 >= i)
    return w;
  size_t pe = party_tag(a, t0, j);
  if (pe == j)
    return w;
  w = pc_att_speaker_left(a, t0, pe);
  if (w.name && (w.ent < 0 || a->en[w.ent].type != PC_ENTITY_PERSON))
    who_free(&w);
  return w;
}

/* "Trump, speaking at a rally in Wilmington, N.C., warned that": a
 * participle clause between commas after a person, right before the cue
 * at i; the person, or no name. */
static struct speaker_ref participle_inset(struct analysis *a, size_t t0,
                                           size_t i) {
  struct speaker_ref w = {NULL, -1, NULL};
  i = pc_att_skip_adverbs(a, t0, i); /* "..., has said" */
  if (i < t0 + 5 || !is_punct(&a->t[i - 1], ","))
    return w;
  for (size_t j = i - 3; j > t0 && j + 16 > i; j--) {
    if (!is_punct(&a->t[j], ",") || a->t[j + 1].type != T_WORD ||
        (a->t[j + 1].flags & F_CAP) || a->t[j + 1].cue ||
        !participle_form(a, a->t[j + 1].low))
      continue;
    w = pc_att_speaker_left(a, t0, j);
    if (w.name && (w.ent < 0 || a->en[w.ent].type != PC_ENTITY_PERSON))
      who_free(&w);
    return w;
  }
  return w;
}

/* Whether the words [b, e) open an inset of a subject: a relative
 * pronoun ("who was to travel ..."), a participle ("speaking on the
 * condition ..."), a determiner (an apposition, "a registered
 * Republican"), a preposition ("on television or at ...") or a
 * conjunction. */
static bool inset_opener(const struct analysis *a, size_t b, size_t e) {
  if (b >= e || a->t[b].type != T_WORD)
    return false;
  const char *w = a->t[b].low;
  return fw_is(a, w, PC_FW_REL) || participle_form(a, w) ||
         determiner(a, w) || preposition(a, w) || fw_is(a, w, PC_FW_CONJ) ||
         fw_is(a, w, PC_FW_SUB);
}

/* "Vice President Joseph R. Biden Jr., who was to travel to Columbus,
 * Ohio, ..., said", "Some voters who have listened to his speeches ...,
 * on television or at events, said", "Federal officials familiar with
 * the server, speaking on the condition of anonymity ..., said": a
 * subject that opens the sentence, then insets up to a comma right
 * before a strong cue with a clause; the subject's head phrase (up to
 * its first comma or relative pronoun) is the speaker. */
static struct speaker_ref inset_subject(struct analysis *a,
                                        const struct sentence *sn,
                                        const struct cue *c) {
  enum { HEAD_MAX = 10, INSETS_MAX = 48 };
  struct speaker_ref w = {NULL, -1, NULL};
  size_t t0 = sn->t0, i = c->i;
  while (t0 + 1 < i && a->t[t0].type == T_WORD &&
         (fw_is(a, a->t[t0].low, PC_FW_CONJ) ||
          fw_is(a, a->t[t0].low, PC_FW_CONTRAST)))
    t0++;
  if (a->t[i].flags & (F_WEAK | F_CREQ | F_QREQ) ||
      participle_form(a, a->t[i].low) ||
      !pc_att_clausal_after(a, i + c->len, sn->t1))
    return w;
  i = pc_att_skip_adverbs(a, t0, i); /* "..., has said" */
  if (i < t0 + 4 || i > t0 + INSETS_MAX || !is_punct(&a->t[i - 1], ","))
    return w;
  size_t e = t0; /* the head phrase ends at a comma or a relative pronoun */
  while (e < i && e < t0 + HEAD_MAX && !is_punct(&a->t[e], ",") &&
         !(e > t0 && a->t[e].type == T_WORD &&
           fw_is(a, a->t[e].low, PC_FW_REL)) &&
         (a->t[e].type == T_WORD || is_punct(&a->t[e], ".")))
    e++;
  if (e == t0 || e >= i - 1 || finite_in(a, t0, e))
    return w;
  /* every comma-delimited part after it opens an inset */
  size_t b = is_punct(&a->t[e], ",") ? e + 1 : e;
  if (!inset_opener(a, b, i))
    return w;
  for (size_t k = b; k + 1 < i; k++)
    if (is_punct(&a->t[k], ",") && a->t[k + 1].type == T_WORD &&
        !(a->t[k + 1].flags & F_CAP) && !inset_opener(a, k + 1, i))
      return w;
  w = pc_att_resolve_np(a, t0, e);
  if (!w.name) {
    phrase_name(a, t0, e, &w);
  }
  return w;
}

/* "The logger who stayed back claimed that ...": a relative clause of
 * "who" with a verb of its own (no comma) between the subject and the
 * cue; the phrase "who" follows, with a determiner or a possessive or
 * in the plural, is the speaker.  "who" names a person, so a cue with
 * other senses ("+") is speech after it too.  Not "people who said they
 * had used it rose by 23 percent": the cue right after "who" is the
 * relative clause's own, and its report runs into the sentence's verb. */
static struct speaker_ref relative_subject(struct analysis *a,
                                           const struct sentence *sn,
                                           const struct cue *c) {
  enum { REL_REACH = 12 };
  struct speaker_ref w = {NULL, -1, NULL};
  size_t t0 = sn->t0, i = c->i;
  if (i < t0 + 3 || (a->t[i].flags & (F_WEAK | F_QREQ)) ||
      participle_form(a, a->t[i].low) ||
      !pc_att_clausal_after(a, i + c->len, sn->t1))
    return w;
  size_t r = i;
  while (r > t0 + 1 && r + REL_REACH > i && a->t[r - 1].type == T_WORD &&
         !fw_is(a, a->t[r - 1].low, PC_FW_REL) && !is_comp(a, r - 1))
    r--;
  if (r <= t0 + 1 || r + REL_REACH <= i || a->t[r - 1].type != T_WORD)
    return w;
  /* "who", "whose" ("officials whose laws were struck down say"), or a
   * "that" with a verb right after it ("groups that have endorsed him
   * say"; not "the report that the mayor wrote says") */
  bool rel = low_eq(&a->t[r - 1], "who") || low_eq(&a->t[r - 1], "whose") ||
             (is_comp(a, r - 1) && r < i &&
              (fw_is(a, a->t[r].low, PC_FW_FIN) || ed_form(a, r)));
  size_t v = pc_att_skip_adverbs(a, r, i);
  /* (not "a diagnosis that was later confirmed by ...": a passive) */
  if (!rel || v == r || fw_is(a, a->t[v - 1].low, PC_FW_PASS))
    return w;
  size_t e = r - 1, b = pc_att_np_start(a, t0, e);
  while (b < e && (preposition(a, a->t[b].low) || stop_word(a, a->t[b].low)))
    b++; /* "among retailers" */
  if (b >= e || e > b + 5)
    return w;
  size_t n = strlen(a->t[e - 1].low);
  bool plural = n > 3 && a->t[e - 1].low[n - 1] == 's';
  if (!(determiner(a, a->t[b].low) || fw_is(a, a->t[b].low, PC_FW_POSS) ||
        plural))
    return w;
  w = pc_att_resolve_np(a, b, e);
  if (!w.name) {
    phrase_name(a, b, e, &w);
  }
  return w;
}

/* "Joyce — who is listed as an attorney — told ...": an inset between
 * dashes right before the cue at i; the speaker before it, or no name. */
static struct speaker_ref dash_inset(struct analysis *a, size_t t0,
                                     size_t i) {
  enum { INSET_MAX = 24 };
  struct speaker_ref w = {NULL, -1, NULL};
  i = pc_att_skip_adverbs(a, t0, i); /* "— have also said" */
  /* "-- who has been ... -- said": the second hyphen of "--" */
  if (i > t0 + 5 && is_punct(&a->t[i - 1], "-") && dash_at(a, i - 2))
    i--;
  if (i < t0 + 4 || !dash_at(a, i - 1))
    return w;
  for (size_t j = i - 2; j > t0 && j + INSET_MAX > i; j--) {
    if (a->t[j].type == T_QOPEN || a->t[j].type == T_QCLOSE)
      return w;
    if (dash_at(a, j))
      return pc_att_speaker_left(a, t0, j);
  }
  return w;
}

/* Where a comma-delimited run of words [b, e) ends going back from e
 * (at most APPOS_WORDS words): its first token, e when it is not one. */
static size_t comma_segment(const struct analysis *a, size_t t0, size_t e) {
  enum { APPOS_WORDS = 16 };
  size_t b = e;
  while (b > t0 && e - b < APPOS_WORDS &&
         (a->t[b - 1].type == T_WORD ||
          (is_punct(&a->t[b - 1], ".") && b - 1 > t0 &&
           in_list_of(a, &a->lex->honorifics, a->t[b - 2].low))))
    b--;
  return b > t0 && b < e && is_punct(&a->t[b - 1], ",") ? b : e;
}

/* "..., his top aide, Tad Devine, told X.", "..., Tad Devine, his top
 * aide, said.": the speaker w stands in commas right before the cue at
 * ce (a comma before it); where the attribution's phrase starts (the
 * named person's segment, with a short one of a role before it), ce
 * when it is no such phrase. */
static size_t apposition_start(const struct analysis *a, size_t t0,
                               size_t ce, const struct speaker_ref *w) {
  if (ce < t0 + 4 || !is_punct(&a->t[ce - 1], ","))
    return ce;
  size_t b = comma_segment(a, t0, ce - 1);
  if (b == ce - 1)
    return ce;
  /* a phrase that names no one in particular ("a spokesman for X")
   * opens with a determiner or a possessive; not "voters who, even
   * with ..., describe" */
  bool named = w->ent < 0 && a->t[b].type == T_WORD &&
               (determiner(a, a->t[b].low) ||
                fw_is(a, a->t[b].low, PC_FW_POSS)) &&
               !(b >= 2 && fw_is(a, a->t[b - 2].low, PC_FW_REL));
  for (size_t k = b; k + 1 < ce && !named && w->ent >= 0; k++)
    named = a->t[k].ent == w->ent;
  size_t b2 = comma_segment(a, t0, b - 1);
  /* '“...,” the White House spokesman, Josh Earnest, said': words that
   * follow quoted words (no comma before them) belong to the phrase;
   * those cases are read elsewhere */
  size_t r = b - 1;
  while (r > t0 && a->t[r - 1].type == T_WORD)
    r--;
  if (b2 == b - 1 && r < b - 1)
    return ce;
  if (!named) { /* "..., Tad Devine, his top aide, said" */
    for (size_t k = b2; k + 1 < b && b2 < b - 1 && !named && w->ent >= 0;
         k++)
      named = a->t[k].ent == w->ent;
    b = named ? b2 : ce;
  } else if (b2 < b - 1 && b - 1 - b2 <= 6 && a->t[b2].type == T_WORD &&
             (determiner(a, a->t[b2].low) ||
              fw_is(a, a->t[b2].low, PC_FW_POSS))) {
    b = b2; /* "..., his top aide, Tad Devine, said": a short role */
  }
  /* what stands before is speech: a clause ("On television, Mr.
   * Trump's campaign chairman, Paul Manafort, dismissed" is none) */
  return b < ce && finite_in(a, t0, b - 1) ? b : ce;
}

/* Whether the attribution ends at k, after a time of up to three words
 * ("said on Saturday."): the sentence's end or a comma. */
static bool plain_end(const struct analysis *a, size_t k, size_t t1) {
  for (size_t n = k; k < t1 && k < n + 3 && a->t[k].type == T_WORD; k++)
    if (!fw_is(a, a->t[k].low, PC_FW_WHEN) && !preposition(a, a->t[k].low) &&
        !(a->t[k].flags & F_CAP))
      return false;
  return k >= t1 || is_end_punct(&a->t[k]) || is_punct(&a->t[k], ",");
}

/* Whether the sentence ends after the cue at i (after is its end): a
 * time or an addressee of up to three words, then only punctuation ("...
 * officials said Tuesday."; not "accused U.S. forces of": an
 * abbreviation's dot ends no sentence). */
static bool sentence_end_at(const struct analysis *a, size_t i, size_t after,
                            size_t t1) {
  size_t k = addressee_end(a, i, after, t1);
  for (size_t n = k; k < t1 && k < n + 3 && a->t[k].type == T_WORD; k++)
    if (!fw_is(a, a->t[k].low, PC_FW_WHEN) && !preposition(a, a->t[k].low) &&
        !(a->t[k].flags & F_CAP))
      return false;
  for (; k < t1; k++)
    if (a->t[k].type == T_WORD)
      return false;
  return true;
}

/* Whether [b, e) holds no preposition nor quoted word. */
static bool plain_phrase_words(const struct analysis *a, size_t b, size_t e) {
  for (size_t k = b; k < e; k++)
    if (a->t[k].in_span >= 0 || preposition(a, a->t[k].low))
      return false;
  return true;
}

/* "..., her campaign announced Saturday.", "..., a source close to him
 * said.", "..., current and former officials said.": a plain phrase of a
 * few words between a comma and a cue that ends the sentence names the
 * speaker of the clause before the comma (its own words are the name).
 * Not a clause ("..., but Roe did not say"), nor a pronoun subject (read
 * elsewhere).  Its first token goes to *b. */
static struct speaker_ref final_phrase(struct analysis *a,
                                       const struct sentence *sn,
                                       const struct cue *c, size_t *b) {
  enum { PHRASE_MAX = 8 };
  struct speaker_ref w = {NULL, -1, NULL};
  size_t t0 = sn->t0, t1 = sn->t1, i = c->i, k = i;
  /* a verb that ends the sentence, a time or an addressee aside (a
   * weak cue after a determiner's phrase only: "..., a new study
   * reports.", not "in caucus states.") */
  if (i < t0 + 6 || participle_form(a, a->t[i].low) ||
      !sentence_end_at(a, i, c->after, t1))
    return w;
  while (k > t0 && i - k < PHRASE_MAX && a->t[k - 1].type == T_WORD &&
         a->t[k - 1].in_span < 0)
    k--;
  if (k == i || k < t0 + 5 || !is_punct(&a->t[k - 1], ",") ||
      stop_word(a, a->t[k].low) || preposition(a, a->t[i - 1].low) ||
      determiner(a, a->t[i - 1].low) || !finite_in(a, t0, k - 1))
    return w;
  /* "..., borrowing continued.": a cue with other senses needs a phrase
   * that names someone as one, with a determiner or a possessive */
  if ((a->t[i].flags & (F_CREQ | F_WEAK)) && !determiner(a, a->t[k].low) &&
      !fw_is(a, a->t[k].low, PC_FW_POSS))
    return w;
  /* ("..., a new study reports.": a weak cue ends the sentence right
   * after a phrase with no preposition, "the most of any state.") */
  if ((a->t[i].flags & F_WEAK) &&
      ((c->after < t1 && !is_end_punct(&a->t[c->after])) ||
       !plain_phrase_words(a, k, i)))
    return w;
  for (size_t z = k; z < i; z++) {
    const char *x = a->t[z].low;
    if (fw_is(a, x, PC_FW_FIN) || fw_is(a, x, PC_FW_NEG) ||
        fw_is(a, x, PC_FW_SUBJ) || fw_is(a, x, PC_FW_REL) ||
        fw_is(a, x, PC_FW_SUB) || fw_is(a, x, PC_FW_CONTRAST) ||
        (a->t[z].cue && z > k) || is_comp(a, z) ||
        participle_form(a, x) || (x[0] >= '0' && x[0] <= '9'))
      return w;
  }
  *b = k;
  phrase_name(a, k, i, &w);
  return w;
}

/* Whether the final phrase [b, i) has parts that a name search would
 * take alone ("people close to the mayor", "teachers and union
 * officials"): a preposition or a conjunction, and no person named. */
static bool phrase_parts(const struct analysis *a, size_t b, size_t i) {
  bool parts = false;
  for (size_t z = b; z < i; z++) {
    int e = a->t[z].ent;
    if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON)
      return false;
    parts |= preposition(a, a->t[z].low) || fw_is(a, a->t[z].low, PC_FW_CONJ);
  }
  return parts;
}

/* Whether [t0, e) is a participle's clause that opens the sentence
 * ("Asked if he was ever bullied, the candidate said no"): a form in
 * -ed, then a question word.  It is the question put to the subject
 * (asked_opening), not what the subject said. */
static bool participle_opening(const struct analysis *a, size_t t0,
                               size_t e) {
  const struct token *k = &a->t[t0];
  size_t n = strlen(k->low);
  if (t0 + 2 >= e || k->type != T_WORD || k->in_span >= 0 || n < 5 ||
      strcmp(k->low + n - 2, "ed") != 0 || a->t[t0 + 1].type != T_WORD)
    return false;
  const char *x = a->t[t0 + 1].low;
  return fw_is(a, x, PC_FW_QWORD) || strcmp(x, "if") == 0;
}

/* "The new rules, Roe said, would cut costs", "Prices, she said, rose":
 * an attribution in commas [np_b, after) between a subject of words
 * with no comma or quotation [t0, np_b - 1) and its finite verb (data:
 * fin, ipast; a past form in -ed after two words or more: "The plan,
 * he said, failed", not "Rather, he said, continued struggles ...")
 * splits one report, the sentence.  Not after "That" alone, nor an
 * opener (data: cap, "Still, ..."), nor before a cue ("Bob, they
 * said, ordered them to wait": the cue reports). */
static bool split_subject(const struct analysis *a, size_t t0, size_t np_b,
                          size_t i, size_t after, size_t t1) {
  if (np_b < t0 + 2 || np_b >= i || !is_punct(&a->t[np_b - 1], ",") ||
      after + 2 >= t1 || !is_punct(&a->t[after], ",") || is_comp(a, t0) ||
      (np_b == t0 + 2 && fw_is(a, a->t[t0].low, PC_FW_CAP)))
    return false;
  for (size_t k = t0; k + 1 < np_b; k++)
    if (a->t[k].type != T_WORD || a->t[k].cue)
      return false;
  const struct token *v = &a->t[after + 1];
  return v->type == T_WORD && !(v->flags & F_CAP) && v->in_span < 0 &&
         !v->cue &&
         (fw_is(a, v->low, PC_FW_FIN) || fw_is(a, v->low, PC_FW_IPAST) ||
          (ed_form(a, after + 1) && np_b > t0 + 2));
}

/* *w becomes o when o names someone (an entity too when ent: "Roe's
 * statement saying" names Roe, not the description); else o is freed.
 * Ownership of o's strings passes either way. */
static void take_speaker(struct speaker_ref *w, struct speaker_ref o,
                         bool ent) {
  if (o.name && (!ent || o.ent >= 0)) {
    who_free(w);
    *w = o;
  } else {
    who_free(&o);
  }
}

/* Whether name has at most four words and ends in the word w (lower
 * case, "'s" kept). */
static bool short_phrase_ending(const char *name, const char *w) {
  size_t words = 1, n = strlen(name), l = strlen(w);
  for (const char *k = name; *k; k++)
    words += *k == ' ';
  if (words > 4 || n < l || (n > l && name[n - l - 1] != ' '))
    return false;
  for (size_t k = 0; k < l; k++) {
    char c = name[n - l + k];
    if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != w[k])
      return false;
  }
  return true;
}

/* Whether the word at k is a noun that may speak: a role, people on
 * someone's side, an organisation's or a public body's head, a written
 * work ("campaign", "aides", "spokesman", "report"). */
static bool agent_noun(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  return t->type == T_WORD &&
         (is_role_word(a, k) || fw_is(a, t->low, PC_FW_PEOPLE) ||
          org_head(a, t->low) || fw_is(a, t->low, PC_FW_BODY) ||
          fw_is(a, t->low, PC_FW_DOC));
}

/* Whether a cue starts in [b, e). */
static bool cue_in(const struct analysis *a, size_t b, size_t e) {
  for (size_t k = b; k < e; k++)
    if (a->t[k].cue)
      return true;
  return false;
}

/* "Then Acme, only two months later, announced", "had spent months
 * pushing back": a short description that a unit of time ends, right
 * before the cue at i (its phrase ends at e, maybe at a comma), is a
 * time, no one; the phrase before its commas ("Acme, two months later,
 * said"), or else the sentence's subject, speaks (w is replaced when
 * one is found; not "a report on Monday for the first time"). */
static void time_subject(struct analysis *a, size_t t0, size_t e, size_t i,
                         struct speaker_ref *w) {
  if (!w->name || w->ent >= 0 || e <= t0 + 1 || (a->t[i].flags & F_WEAK))
    return;
  size_t te = pc_att_skip_adverbs(a, t0, e);
  if (te > t0 + 1 && is_punct(&a->t[te - 1], ","))
    te = pc_att_skip_adverbs(a, t0, te - 1); /* "two months later," */
  if (te <= t0 || !pc_att_time_unit(a, te - 1) ||
      !short_phrase_ending(w->name, a->t[te - 1].low))
    return;
  size_t tb = pc_att_np_start(a, t0, te);
  struct speaker_ref s = {NULL, -1, NULL};
  if (tb > t0 + 1 && is_punct(&a->t[tb - 1], ","))
    s = pc_att_speaker_left(a, t0, tb - 1);
  if (!s.name) {
    who_free(&s);
    s = sentence_subject(a, t0, i);
  }
  take_speaker(w, s, false);
}

/* "Senator Roe, the Ohio populist, has drawn huge crowds describing":
 * a description right after a finite auxiliary, before the cue at i
 * (its phrase ends at e), is the object of the verb that follows the
 * auxiliary; the sentence's subject speaks (w is replaced when one is
 * found). */
static void predicate_subject(struct analysis *a, size_t t0, size_t e,
                              size_t i, struct speaker_ref *w) {
  if (!w->name || w->ent >= 0 || e <= t0 + 1 || (a->t[i].flags & F_WEAK))
    return;
  size_t pe = pc_att_skip_adverbs(a, t0, e);
  size_t b = pc_att_np_start(a, t0, pe);
  const struct token *p = b > t0 ? &a->t[b - 1] : NULL, *v = &a->t[b];
  /* (the verb's form opens the phrase: no determiner, count or name) */
  if (b >= pe || !p || p->type != T_WORD || (p->flags & F_CAP) ||
      !fw_is(a, p->low, PC_FW_FIN) || v->type != T_WORD ||
      (v->flags & F_CAP) || determiner(a, v->low) ||
      fw_is(a, v->low, PC_FW_POSS) || fw_is(a, v->low, PC_FW_QUANT) ||
      fw_is(a, v->low, PC_FW_NUM) ||
      (b > t0 + 1 && fw_is(a, a->t[b - 2].low, PC_FW_REL)))
    return; /* (nor a relative clause's: "A woman who has accused ...") */
  /* (the phrase read is that one: not "left 62 percent of voters") */
  char *obj = pc_att_np_text(a, b, pe);
  bool other = !obj || strlen(w->name) < strlen(obj);
  free(obj);
  if (other)
    return;
  /* "Roe supporters have launched petitions calling": the phrase
   * right before the auxiliary is its subject */
  size_t sb = b >= t0 + 2 && a->t[b - 2].type == T_WORD &&
                      !in_list_of(a, &a->lex->pronouns, a->t[b - 2].low)
                  ? pc_att_np_start(a, t0, b - 1)
                  : b;
  /* (a phrase that opens the sentence or follows a comma: not "an
   * inquiry into Roe's meetings have renewed calls") */
  if (sb < b - 1 && (sb == t0 || is_punct(&a->t[sb - 1], ","))) {
    struct speaker_ref l = pc_att_speaker_left(a, t0, b);
    if (l.name) {
      who_free(w);
      *w = l;
      return;
    }
    who_free(&l);
  }
  /* else a name that opens the sentence (after a word or two: "Then
   * Acme", "Senator Roe") and ends at a comma before the auxiliary */
  struct speaker_ref s = sentence_subject(a, t0, i);
  size_t k = t0;
  while (k < t0 + 3 && k + 1 < b && (s.ent < 0 || a->t[k].ent != s.ent))
    k++;
  while (s.ent >= 0 && k + 1 < b && a->t[k + 1].ent == s.ent)
    k++;
  if (s.name && s.ent >= 0 && a->t[k].ent == s.ent &&
      (is_punct(&a->t[k + 1], ",") || k + 2 == b)) {
    who_free(w);
    *w = s;
  } else {
    who_free(&s);
  }
}

/* "Roe's wording in the statement makes clear", "Roe, a delegate, is
 * backing him and in a statement credited him": a common noun's phrase
 * right before the cue at i (end at e) that follows a preposition is the
 * preposition's object, no subject; a person or organisation that
 * heads the sentence is the speaker instead (w is replaced when there
 * is one; not after "by", an agent, "of", a part's ("two-thirds of
 * caucus goers"), nor an approximation ("about two-thirds", "at
 * least"); nor before a cue that is also a noun: "in several states"
 * reports nothing). */
static void prep_object_subject(struct analysis *a, size_t t0, size_t e,
                                size_t i, struct speaker_ref *w) {
  if (!w->name || w->ent >= 0 || e <= t0 || a->t[e - 1].type != T_WORD ||
      (a->t[e - 1].flags & F_CAP) || (a->t[i].flags & F_WEAK))
    return;
  size_t b = pc_att_np_start(a, t0, e);
  const struct token *p = b > t0 ? &a->t[b - 1] : NULL;
  if (!p || p->type != T_WORD || (p->flags & F_CAP) ||
      !preposition(a, p->low) || low_eq(p, "by") || low_eq(p, "of") ||
      fw_is(a, p->low, PC_FW_APPROX) || low_eq(&a->t[b], "least"))
    return;
  /* (the phrase read is that object, no longer one: "people familiar
   * with her thinking") */
  char *obj = pc_att_np_text(a, b, e);
  bool longer = !obj || strlen(w->name) > strlen(obj);
  free(obj);
  if (longer)
    return;
  take_speaker(w, sentence_subject(a, t0, i), true);
}

/* The speaker left of the cue, and whether the speech stands before the
 * attribution (c->post: "..., Trump said") and where (c->np_b). */
static struct speaker_ref left_subject(struct analysis *a,
                                       const struct sentence *sn,
                                       struct cue *c) {
  size_t t0 = sn->t0, t1 = sn->t1, sp0 = sn->sp0, sp1 = sn->sp1;
  size_t i = c->i, after = c->after, np_b = c->np_b;
  bool post = c->post;
  size_t ce = party_tag(a, t0, i);
  size_t fb = 0;
  struct speaker_ref w = final_phrase(a, sn, c, &fb);
  if (w.name && !phrase_parts(a, fb, i)) {
    who_free(&w);
    fb = 0;
  }
  if (!w.name) {
    w = pc_att_speaker_left(a, t0, ce);
    time_subject(a, t0, ce, i, &w);
    /* "targets for Trump's false claims that": a cue that is also a
     * noun, owned by a name with "'s" or "his", "her" (adjectives
     * between), is its owner's, not the description's that holds it
     * (a noun whose phrase names no one stays without a speaker; nor
     * after another cue: "She says Roe's tweets accusing ...", nor
     * after a noun that speaks: "Roe's campaign claims" is a verb's) */
    if ((a->t[i].flags & F_WEAK) && w.name && w.ent < 0 && ce == i &&
        !cue_in(a, pc_att_np_start(a, t0, i), i) && !agent_noun(a, i - 1)) {
      take_speaker(&w, noun_owner(a, t0, i), true);
    }
    predicate_subject(a, t0, ce, i, &w);
    prep_object_subject(a, t0, ce, i, &w);
  }
  /* "Tom Bell, the host of “Night Court,” said": the comma inside the
   * title's closing mark ends an inset, and the subject stands before
   * the comma that opens it */
  if (!w.name && ce == i && i > t0 + 2 && a->t[i - 1].type == T_QCLOSE &&
      is_punct(&a->t[i - 2], ",") && a->t[i - 2].in_span >= 0 &&
      pc_att_title_span(a, (size_t)a->t[i - 2].in_span)) {
    size_t m = a->sp[a->t[i - 2].in_span].o;
    while (m > t0 && !is_punct(&a->t[m - 1], ","))
      m--;
    if (m > t0 + 1)
      w = pc_att_speaker_left(a, t0, m - 1);
  }
  if (!w.name)
    w = tagged_apposition(a, t0, i);
  if (!w.name)
    w = participle_inset(a, t0, i);
  if (!w.name)
    w = dash_inset(a, t0, i);
  if (!w.name)
    w = plain_subject(a, sn, c);
  if (!w.name)
    w = inset_subject(a, sn, c);
  if (!w.name)
    w = relative_subject(a, sn, c);
  if (!w.name)
    w = final_phrase(a, sn, c, &fb);
  /* "Voters are more likely to say that ...", "took to Twitter to say":
   * "to say" (data: hedge, the verbs of saying itself) shares the
   * sentence's subject; not "What it is to say is that ...", the
   * writer's (a form of "be" before "to"); other infinitive cues are
   * as often intentions ("tried to pit ...", "wants to mention") */
  if (!w.name && i > t0 + 2 && fw_is(a, a->t[i - 1].low, PC_FW_INF) &&
      !fw_is(a, a->t[i - 2].low, PC_FW_PASS) &&
      !(a->t[i].flags & (F_WEAK | F_QREQ)) &&
      /* ("tried to suggest that ...": a cue with other senses after a
       * verb of trying, data: try, ctl, and before "that") */
      (!(a->t[i].flags & F_CREQ) ||
       (i + 1 < sn->t1 && is_comp(a, i + 1) &&
        (fw_is(a, a->t[i - 2].low, PC_FW_TRY) ||
         fw_is(a, a->t[i - 2].low, PC_FW_CTL)))) &&
      c->len == 1 && fw_is(a, a->t[i].low, PC_FW_HEDGE))
    w = sentence_subject(a, t0, i - 1);
  if (w.name) {
    np_b = fb ? fb : pc_att_np_start(a, t0, ce);
    bool bare = np_b == i; /* no phrase between the cue and what is before */
    size_t dummy0;
    if (np_b == ce && !spans_inside(a, t0, ce, sp0, sp1, &dummy0) &&
        plain_end(a, addressee_end(a, i, after, t1), t1))
      np_b = apposition_start(a, t0, ce, &w);
    while (np_b > t0 && a->t[np_b - 1].type == T_WORD &&
           aux_word(a, a->t[np_b - 1].low))
      np_b--;
    /* '“...,” Steve Clarke, deputy administrator, said of ...': the
     * quotation that opens the sentence, before the apposition (also
     * with an auxiliary: "..., has written") */
    int lead = a->t[t0].opens;
    /* ('The “plan is dead,” Jo Ames, a law professor, wrote': after the
     * determiner or possessive that opens the sentence) */
    if (lead < 0 && t0 + 1 < i && a->t[t0].type == T_WORD &&
        (determiner(a, a->t[t0].low) || fw_is(a, a->t[t0].low, PC_FW_POSS)))
      lead = a->t[t0 + 1].opens;
    if (bare && lead >= 0 && a->sp[lead].c + 1 < i &&
        attribution_ends(a, after, t1)) {
      np_b = a->sp[lead].c + 1;
      if (is_punct(&a->t[np_b], ","))
        np_b++;
    }
    size_t words = 0, dummy1;
    for (size_t z = t0; z < np_b; z++)
      words += a->t[z].type == T_WORD;
    /* "..., Ash Carter told a Senate panel Wednesday.": the addressee of
     * "tell" stands between the cue and the attribution's end */
    size_t aend = addressee_end(a, i, after, t1);
    /* "Over the weekend, Trump assailed ...": too short to be speech */
    /* ("Sales were great, he said": a short clause is speech) */
    bool split = split_subject(a, t0, np_b, i, after, t1);
    post = (words >= 4 || (words >= 2 && finite_in(a, t0, np_b)) ||
            spans_inside(a, t0, np_b, sp0, sp1, &dummy1) > 0 || split) &&
           (np_b > t0 + 2 || split) && np_b < i &&
           (is_punct(&a->t[np_b - 1], ",") ||
                             a->t[np_b - 1].type == T_QCLOSE) &&
           attribution_ends(a, aend, t1) && !that_after(a, i, after, t1) &&
           !participle_opening(a, t0, np_b) &&
           /* "Soon after X was booed ..., Roe wrote to his followers,
            * “...”": the quoted words after the cue are the speech */
           !(quote_follows(a, aend, t1) &&
             !spans_inside(a, t0, np_b, sp0, sp1, &dummy1));
  }
  c->np_b = np_b;
  c->post = post;
  return w;
}

/* "made gaffes after telling his aides he ...", "by saying that ...":
 * a preposition or a subordinator right before the participle cue at i,
 * which then shares the sentence's subject (not "After saying ..., the
 * man": nothing before it). */
static bool lead_before(const struct analysis *a, size_t t0, size_t i) {
  if (i < t0 + 3 || a->t[i - 1].type != T_WORD)
    return false;
  const char *w = a->t[i - 1].low;
  return (preposition(a, w) || fw_is(a, w, PC_FW_AFTER) ||
          fw_is(a, w, PC_FW_SUB)) &&
         !fw_is(a, w, PC_FW_INF);
}

/* The first comma after i in the sentence (outside quoted words, or
 * one right inside a closing mark), t1 when none. */
static size_t comma_after(const struct analysis *a, const struct sentence *sn,
                          size_t i) {
  for (size_t k = i + 1; k < sn->t1; k++) {
    if (is_punct(&a->t[k], ",") && span_of(a, k, sn->sp0, sn->sp1) < 0)
      return k;
    /* ("Citing the “reveries of outsiders,” Will urged": the comma
     * inside the closing mark) */
    if (a->t[k].type == T_QCLOSE && k > i + 1 && is_punct(&a->t[k - 1], ","))
      return k;
  }
  return sn->t1;
}

/* "Noting that the plan failed, Roe said ...": a participle cue that
 * opens the sentence shares the subject of the clause after its comma,
 * a person named or a pronoun right after the comma; no name else. */
static struct speaker_ref opening_participle_subject(struct analysis *a,
                                                     const struct sentence *sn,
                                                     size_t i) {
  struct speaker_ref w = {NULL, -1, NULL};
  /* (the comma after an aside too: "Acknowledging that “...,” though,
   * Allen did suggest") */
  size_t c = i;
  for (int tries = 0; tries < 2; tries++) {
    c = comma_after(a, sn, c);
    size_t k = c + 1;
    if (k + 1 >= sn->t1 || a->t[k].type != T_WORD)
      return w;
    int e = a->t[k].ent;
    if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON) {
      size_t n = k;
      while (n < sn->t1 && a->t[n].ent == e)
        n++;
      return pc_att_resolve_np(a, k, n);
    }
    char g = (char)list_tag_of(a, &a->lex->pronouns, a->t[k].low);
    if (g == 'm' || g == 'f')
      return pc_att_resolve_np(a, k, k + 1);
    if (k + 1 >= sn->t1 || !is_punct(&a->t[k + 1], ","))
      return w; /* only a one-word aside */
  }
  return w;
}

/* "..., with forecasters warning that ...": the start of a noun phrase
 * of up to eight words after ", with" that ends right before the
 * participle at i (maybe two joined by "and"); i when there is none. */
static size_t with_phrase(const struct analysis *a, size_t t0, size_t i) {
  for (size_t b = i; b > t0 + 1 && b + 9 > i; b--) {
    const struct token *k = &a->t[b - 1];
    if (is_punct(k, ".") && b >= t0 + 3 &&
        in_list_of(a, &a->lex->honorifics, a->t[b - 2].low))
      continue; /* "with Sen. Jo Roe warning" */
    if (k->type != T_WORD || k->in_span >= 0)
      return i;
    /* after a comma or a dash, or a verb's past form ("The talk ended
     * with Jo Roe asking"): not "ran ads with X", "footage of X" */
    if (low_eq(k, "with"))
      return b < i && b >= t0 + 2 &&
                     (is_punct(&a->t[b - 2], ",") || dash_at(a, b - 2) ||
                      ed_form(a, b - 2))
                 ? b
                 : i;
    /* ("with three in 10 saying", "with the campaign of the senator
     * from Ohio saying": a phrase's own prepositions; "with marchers and
     * spectators chanting": two joined by a conjunction) */
    if (stop_word(a, k->low) && !determiner(a, k->low) &&
        !preposition(a, k->low) &&
        !(fw_is(a, k->low, PC_FW_CONJ) && b + 1 < i))
      return i;
  }
  return i;
}

/* Whether the words [b, e) hold a poll's noun (data: doc: "poll",
 * "survey", "report") and no comma. */
static bool doc_phrase(const struct analysis *a, size_t b, size_t e) {
  bool doc = false;
  for (size_t k = b; k < e; k++) {
    if (is_punct(&a->t[k], ",") || a->t[k].in_span >= 0)
      return false;
    doc = doc || (a->t[k].type == T_WORD && fw_is(a, a->t[k].low, PC_FW_DOC));
  }
  return doc;
}

/* "In a Harbor Times poll, 75 percent of residents said ...", "A Harbor
 * Times poll showed that 72 percent of voters said ...": a share of
 * those asked (a number, data: num, quant, approx) that says what the
 * poll (data: doc) found right after the poll's phrase, an opening
 * adjunct before a comma or the subject of the verb before "that",
 * speaks as the poll: *w becomes the poll's phrase.  Not a share alone
 * ("Six in 10 voters said ..."). */
static void poll_share(struct analysis *a, const struct sentence *sn,
                       size_t i, struct speaker_ref *w) {
  size_t t0 = sn->t0, b = i;
  /* the share's phrase: back to a comma or "that", no cue or stop word
   * but a preposition or "and" inside ("31% of Republicans and
   * independents") */
  while (b > t0 && b + 12 > i && a->t[b - 1].in_span < 0 &&
         (is_punct(&a->t[b - 1], "%") ||
          (a->t[b - 1].type == T_WORD && !a->t[b - 1].cue &&
           (!stop_word(a, a->t[b - 1].low) ||
            preposition(a, a->t[b - 1].low) ||
            fw_is(a, a->t[b - 1].low, PC_FW_CONJ)))))
    b--;
  size_t k = b;
  while (k < i && a->t[k].type == T_WORD && fw_is(a, a->t[k].low, PC_FW_APPROX))
    k++;
  if (k >= i || b < t0 + 3 || a->t[k].type != T_WORD ||
      !(digits_at(a, k) || fw_is(a, a->t[k].low, PC_FW_NUM) ||
        fw_is(a, a->t[k].low, PC_FW_QUANT)) ||
      doc_phrase(a, b, i))
    return;
  size_t pb = t0, pe = b - 1;
  if (!is_punct(&a->t[b - 1], ",") && !low_eq(&a->t[b - 1], "that"))
    return;
  if (is_punct(&a->t[b - 1], ",")) {
    /* "In a ... poll, ..." */
    if (a->t[t0].type != T_WORD || !preposition(a, a->t[t0].low))
      return;
    pb = t0 + 1;
  } else {
    /* "A ... poll showed that ...", "... are showing that ...": the
     * verb before "that", auxiliaries before it */
    pe = b - 2;
    if (a->t[pe].type != T_WORD || (a->t[pe].flags & F_CAP) ||
        stop_word(a, a->t[pe].low))
      return;
    while (pe > t0 + 1 && a->t[pe - 1].type == T_WORD &&
           (aux_word(a, a->t[pe - 1].low) ||
            fw_is(a, a->t[pe - 1].low, PC_FW_PASS)))
      pe--;
  }
  if (pe <= pb + 1 || !doc_phrase(a, pb, pe))
    return;
  who_free(w);
  w->ent = -1;
  phrase_name(a, pb, pe, w);
}

/* Whether the word at k is a verb's form in lower case: a past (in -ed,
 * data: ipast, vpast) or an -ing form. */
static bool verb_form(const struct analysis *a, size_t k) {
  const struct token *v = &a->t[k];
  return v->type == T_WORD && !(v->flags & F_CAP) &&
         (ed_form(a, k) || fw_is(a, v->low, PC_FW_IPAST) ||
          fw_is(a, v->low, PC_FW_VPAST) || lower_suffix(v, "ing", 4));
}

/* "led Republicans to say", "drove thousands of voters to demand", "for
 * the judge to criticize": a cue after an infinitive's "to" (data: inf)
 * whose speaker came out as the words before it, "to" and all, names no
 * one: the phrase right before "to" is the cue's subject when a verb's
 * form (past, -ing) or "for" stands before it; else ("gathered at the
 * bar to talk", "pointed to a case to say") the sentence's subject. */
static void infinitive_subject(struct analysis *a, const struct sentence *sn,
                               size_t i, struct speaker_ref *w) {
  size_t t0 = sn->t0, n = w->name ? strlen(w->name) : 0;
  if (n < 4 || strcmp(w->name + n - 3, " to") != 0 || i < t0 + 3 ||
      !fw_is(a, a->t[i - 1].low, PC_FW_INF))
    return;
  /* the phrase before "to": back to a stop word or a verb's form */
  size_t nb = i - 1;
  while (nb > t0 && a->t[nb - 1].type == T_WORD &&
         !stop_word(a, a->t[nb - 1].low) && !verb_form(a, nb - 1))
    nb--;
  while (nb < i - 1 && determiner(a, a->t[nb].low) &&
         !fw_is(a, a->t[nb].low, PC_FW_POSS))
    nb++;
  struct speaker_ref r = {NULL, -1, NULL};
  const struct token *v = nb > t0 ? &a->t[nb - 1] : NULL;
  if (nb == i - 1) {
    /* "spent the week trying to underscore": the verb's subject */
    r = sentence_subject(a, t0, nb);
  } else if (v && v->type == T_WORD && (verb_form(a, nb - 1) ||
                                        low_eq(v, "for"))) {
    r = pc_att_resolve_np(a, nb, i - 1);
    if (!r.name)
      phrase_name(a, nb, i - 1, &r);
  } else {
    r = sentence_subject(a, t0, nb);
  }
  if (r.name) { /* none: the words stay, as the best known */
    who_free(w);
    *w = r;
  } else {
    who_free(&r);
  }
}

/* "The Tax Office obscured facts, admitted it withheld files, and ...":
 * a cue's past form (in -ed or irregular) right after a comma that ends
 * a clause opening the sentence (words only, a past form after its
 * first two) is the next verb of a series; the clause's subject speaks
 * (not '“...,” said Roe', nor "Sales fell, officials admitted"). */
static bool series_verb(const struct analysis *a, size_t t0, size_t i,
                        size_t len, size_t t1) {
  if (i < t0 + 4 || !is_punct(&a->t[i - 1], ",") || a->t[t0].opens >= 0 ||
      !(ed_form(a, i) || fw_is(a, a->t[i].low, PC_FW_IPAST)) ||
      !pc_att_clausal_after(a, i + len, t1))
    return false;
  bool verb = false;
  for (size_t k = t0; k + 1 < i; k++) {
    if (a->t[k].type != T_WORD || a->t[k].in_span >= 0 || a->t[k].cue)
      return false;
    verb = verb || (k > t0 + 1 && !(a->t[k].flags & F_CAP) &&
                    (ed_form(a, k) || fw_is(a, a->t[k].low, PC_FW_IPAST)));
  }
  return verb;
}

/* "Ames attacked Roe by reminding voters ...", "Ames responded to the
 * letter by calling it a stunt and accusing Roe of ...", "Ames decried
 * Roe's plan to close the port, noting ...": a participle after "by" or
 * a comma (or after a conjunction that joins it to such a one) inside
 * reported words that are their cue's object (no complementiser or
 * subject pronoun opens them, no finite verb stands before the
 * participle) modifies the outer clause, whose speaker does its act; not
 * an aside in commas before the reported clause's verb ("said Roe,
 * recalling the vote, had changed").  The outer quote, or -1. */
static int object_report_parent(const struct analysis *a,
                                const struct sentence *sn, size_t pi) {
  size_t t0 = sn->t0;
  if (sn->depth == 0 || sn->parent < 0 || pi <= t0 + 1 ||
      !a->q[sn->parent].speaker)
    return -1;
  const struct token *p = &a->t[pi - 1];
  bool comma = is_punct(p, ",");
  bool joins = comma || (p->type == T_WORD && fw_is(a, p->low, PC_FW_BY));
  /* ("by calling it a stunt and accusing Roe of ...": a participle after
   * a conjunction joins one after "by" or a comma) */
  if (!joins && p->type == T_WORD && fw_is(a, p->low, PC_FW_CONJ))
    for (size_t k = pi - 2; k >= t0 && k > 0 && !joins; k--)
      joins = a->t[k].type == T_WORD &&
              participle_form(a, a->t[k].low) &&
              (is_punct(&a->t[k - 1], ",") ||
               (a->t[k - 1].type == T_WORD &&
                fw_is(a, a->t[k - 1].low, PC_FW_BY)));
  if (!joins ||
      (t0 > 0 && is_comp(a, t0 - 1)) ||
      (a->t[t0].type == T_WORD && fw_is(a, a->t[t0].low, PC_FW_SUBJ)))
    return -1;
  /* (a past form after a genitive modifies its noun: "Roe's repeated
   * calls") */
  for (size_t k = t0; k < pi; k++) {
    if (a->t[k].type != T_WORD || a->t[k].in_span >= 0)
      continue;
    if (fw_is(a, a->t[k].low, PC_FW_FIN) ||
        (k > t0 && past_after_word(a, k) &&
         !pc_att_ending(a, a->t[k - 1].low, PC_FW_GEN, 1)))
      return -1;
  }
  for (size_t k = pi; comma && k + 1 < sn->t1; k++)
    if (is_punct(&a->t[k], ",")) {
      const struct token *v = &a->t[k + 1];
      if (v->type == T_WORD && !(v->flags & F_CAP) &&
          (v->cue || fw_is(a, v->low, PC_FW_FIN) || ed_form(a, k + 1) ||
           fw_is(a, v->low, PC_FW_IPAST)))
        return -1;
      break;
    }
  return sn->parent;
}

/* Who speaks at the cue: the subject shared with the cue before (prev),
 * the sentence's subject, or the speaker left of the cue. */
static struct speaker_ref cue_subject(struct analysis *a,
                                      const struct sentence *sn,
                                      struct cue *c,
                                      const struct speaker_ref *prev) {
  size_t t0 = sn->t0, i = c->i, len = c->len;
  struct speaker_ref w = {NULL, -1, NULL};
  bool participle = len >= 1 && participle_form(a, a->t[i].low);
  /* "..., recently telling": an adverb may stand between the comma and
   * the participle */
  size_t pi = i;
  while (participle && pi > t0 + 1 && pi + 2 > i &&
         a->t[pi - 1].type == T_WORD && !(a->t[pi - 1].flags & F_CAP) &&
         ((aux_word(a, a->t[pi - 1].low) &&
           !fw_is(a, a->t[pi - 1].low, PC_FW_FIN)) ||
          (strlen(a->t[pi - 1].low) > 4 &&
           strcmp(a->t[pi - 1].low + strlen(a->t[pi - 1].low) - 2, "ly") ==
               0)))
    pi--;
  /* '“...,” promising a new budget' is the writer's; '“...,” telling
   * reporters that ...' reports with a clause of its own */
  bool comma = pi > t0 && ((comma_at(a, pi - 1, t0) &&
                            (is_punct(&a->t[pi - 1], ",") ||
                             pc_att_clausal_after(a, i + len, sn->t1))) ||
                           dash_at(a, pi - 1)); /* "... — asserting that" */
  size_t wb = participle ? with_phrase(a, t0, i) : i, we = i;
  /* "..., with officials underlining its strength and vowing to ...": a
   * participle joined by "and" to one of such a phrase shares it */
  if (participle && wb == i && pi > t0 + 2 && a->t[pi - 1].type == T_WORD &&
      fw_is(a, a->t[pi - 1].low, PC_FW_CONJ))
    for (size_t k = pi - 2; k > t0 + 1 && k + 16 > pi && wb == i; k--) {
      if (a->t[k].type != T_WORD || a->t[k].in_span >= 0)
        break;
      if (participle_form(a, a->t[k].low) && with_phrase(a, t0, k) < k) {
        wb = with_phrase(a, t0, k);
        we = k;
      }
    }
  if (participle && i == t0 && sn->depth == 0) {
    /* "Noting that the plan failed, Roe said ...": the subject of the
     * clause after the participle's */
    w = opening_participle_subject(a, sn, i);
  } else if (participle && by_agent(a, t0, i)) {
    /* "met by a chorus of Democrats urging him to ...": the agent after
     * "by" (data: by) is who does the participle's act */
    size_t b = pc_att_np_start(a, t0, i);
    w = pc_att_resolve_np(a, b, i);
    if (!w.name)
      phrase_name(a, b, i, &w);
  } else if (wb < i) {
    /* "..., with forecasters warning that ...": the phrase after "with"
     * is the participle's subject */
    w = pc_att_resolve_np(a, wb, we);
    if (!w.name)
      phrase_name(a, wb, we, &w);
  } else if (i > t0 && prev->name &&
      (conj_before(a, t0, i, true) || contrast_before(a, t0, i))) {
    /* "she described this as ... and accused him of ...": the same
     * subject */
    w.name = strdup(prev->name);
    w.ent = prev->ent;
    w.role = prev->role ? strdup(prev->role) : NULL;
  } else
  if (participle && comma && prev->name && !fronted_subject(a, t0, i)) {
    /* "..., Dempsey said, adding that ...": the same speaker */
    w.name = strdup(prev->name);
    w.ent = prev->ent;
    w.role = prev->role ? strdup(prev->role) : NULL;
  } else if ((participle && comma) ||
             /* "... but said", "... but has said", "... but did not
              * say": auxiliaries and negations may stand between */
             (i > t0 + 1 &&
              (fw_is(a, a->t[i - 1].low, PC_FW_CONJ) ||
               fw_is(a, a->t[i - 1].low, PC_FW_CONTRAST) ||
               /* "offered him a job, then says ...": a second verb */
               (i > t0 + 2 && low_eq(&a->t[i - 1], "then") &&
                is_punct(&a->t[i - 2], ",")) ||
               (sn->depth == 0 && !comp_between(a, t0, i) &&
                (conj_before(a, t0, i, true) ||
                 contrast_before(a, t0, i)))) &&
              !rel_between(a, after_fronted_clause(a, t0, i), i)) ||
             (participle && after_prep(a, t0, i)) ||
             (!participle && sn->depth == 0 && series_verb(a, t0, i, len, sn->t1)) ||
             (participle && sn->depth == 0 && lead_before(a, t0, i))) {
    w = sentence_subject(a, t0, i);
  } else {
    w = left_subject(a, sn, c);
  }
  int op = participle ? object_report_parent(a, sn, pi) : -1;
  if (op >= 0) {
    const struct found_quote *o = &a->q[op];
    struct speaker_ref s = {strdup(o->speaker), o->ent,
                            o->role ? strdup(o->role) : NULL};
    take_speaker(&w, s, false);
  }
  /* "In her statement condemning the test, Roe defended", "she revised
   * her statement explaining": a participle right after a speech noun
   * that someone owns modifies the noun; its owner speaks, not the
   * description read */
  size_t n = participle && len == 1 && w.name && w.ent < 0
                 ? speech_noun_before(a, t0, i)
                 : 0;
  if (n)
    take_speaker(&w, noun_owner(a, t0, n), true);
  return w;
}

/* "warns Pan American Health Organization (PAHO) Director Carissa
 * Etienne": a word in parentheses at k, inside a name that goes on after
 * it with a capitalised word. */
static bool acronym_tag(const struct analysis *a, size_t k, size_t t1) {
  return k > 0 && k + 3 < t1 && is_punct(&a->t[k], "(") &&
         a->t[k - 1].type == T_WORD && (a->t[k - 1].flags & F_CAP) &&
         a->t[k + 1].type == T_WORD && (a->t[k + 1].flags & F_CAP) &&
         is_punct(&a->t[k + 2], ")") && a->t[k + 3].type == T_WORD &&
         (a->t[k + 3].flags & F_CAP);
}

/* Whether the words from k are a name (its first word capitalised, a
 * title's dot inside) that a comma or a colon and an opening quotation
 * mark follow: "said Solovey, “...”". */
static bool inverted_before_quote(const struct analysis *a, size_t k,
                                  size_t t1) {
  if (k >= t1 || a->t[k].type != T_WORD || !(a->t[k].flags & F_CAP) ||
      function_cap(a, a->t[k].low))
    return false;
  size_t e = k;
  while (e < t1 && e < k + 8 &&
         (a->t[e].type == T_WORD ||
          (is_punct(&a->t[e], ".") && e + 1 < t1 &&
           a->t[e + 1].type == T_WORD && (a->t[e + 1].flags & F_CAP))))
    e++;
  if (e + 1 >= t1 || !(is_punct(&a->t[e], ",") || is_punct(&a->t[e], ":")))
    return false;
  if (a->t[e + 1].type == T_QOPEN)
    return true;
  /* "Said Dorothy Poynter, who grew up with Ali, “...”" */
  size_t d = e + 1;
  while (d < t1 && d < e + 16 && a->t[d].type == T_WORD)
    d++;
  return d > e + 1 && d + 1 < t1 && is_punct(&a->t[d], ",") &&
         a->t[d + 1].type == T_QOPEN;
}

/* Whether the "to" at e joins a role to whom it serves, in a phrase
 * right of the cue ("said a longtime adviser to Trump", "said an aide to
 * the mayor"), as "for" and "of" join theirs; not "said a spokesman to
 * reporters" (the addressee). */
static bool role_to(const struct analysis *a, size_t after, size_t e,
                    size_t t1) {
  if (e <= after || e + 1 >= t1 || !low_eq(&a->t[e], "to") ||
      !is_role_word(a, e - 1))
    return false;
  const struct token *n = &a->t[e + 1];
  return n->type == T_WORD && ((n->flags & F_CAP) || determiner(a, n->low) ||
                               fw_is(a, n->low, PC_FW_POSS) ||
                               fw_is(a, n->low, PC_FW_QUANT));
}

/* "..., said Scott Paul": a person named right of the cue may be the
 * speaker instead of *wp; then the speech stands before (c->post). */
static void speaker_right(struct analysis *a, const struct sentence *sn,
                          struct cue *c, struct speaker_ref *wp) {
  size_t t0 = sn->t0, t1 = sn->t1, i = c->i;
  size_t after = c->after, np_b = c->np_b;
  bool post = c->post;
  struct speaker_ref w = *wp;
  /* "..., said Scott Paul" (not "told X": X is who was told; nor
   * "Kaine decried it, saying Clinton took questions": a participle
   * with its subject known reports after itself) */
  bool tells = fw_is(a, a->t[i].low, PC_FW_TELL) ||
               (w.name && participle_form(a, a->t[i].low));
  /* "Jane Roe, 70, said the plan had failed": a clause after the cue is
   * the speech; its subject is no speaker */
  /* '“...,” says a source involved in the talks': right after the
   * quotation, with no one left of the cue, the words after it are its
   * speaker even when they look like a clause (the speech was quoted) */
  /* (not a title: "The host of “Night Court” said the show ...") */
  bool quoted = !w.name && i > t0 + 1 &&
                (a->t[i - 1].type == T_QCLOSE ||
                 (is_punct(&a->t[i - 1], ",") &&
                  a->t[i - 2].type == T_QCLOSE));
  if (quoted) { /* (the closing mark is read only once it is known) */
    size_t qc = a->t[i - 1].type == T_QCLOSE ? i - 1 : i - 2;
    quoted = !(qc > t0 && a->t[qc - 1].in_span >= 0 &&
               pc_att_title_span(a, (size_t)a->t[qc - 1].in_span));
  }
  /* "But, said Solovey, “...”", "Said Jane Roe: “...”": a name right
   * after the cue, then a comma or a colon and the quotation */
  bool leads = !w.name && inverted_before_quote(a, after, t1);
  if (!tells && (leads || i > t0) &&
      (leads || is_punct(&a->t[i - 1], ",") ||
       a->t[i - 1].type == T_QCLOSE) &&
      (quoted || leads || !pc_att_clausal_after(a, after, t1))) {
    /* "..., said Scott Paul, who heads ..." */
    size_t e = after;
    /* ("said a former U.S. official": the dot of initials inside) */
    while (e < t1 &&
           ((a->t[e].type == T_WORD && !stop_word(a, a->t[e].low)) ||
            role_to(a, after, e, t1) ||
            (is_punct(&a->t[e], ".") && e > after && e + 1 < t1 &&
             (a->t[e + 1].flags & F_CAP) &&
             in_list_of(a, &a->lex->honorifics, a->t[e - 1].low)) ||
            (is_punct(&a->t[e], ".") && e > after && e + 1 < t1 &&
             a->t[e + 1].type == T_WORD && initials(a->t[e - 1].low)) ||
            acronym_tag(a, e, t1)))
      e += acronym_tag(a, e, t1) ? 3 : 1; /* "said Sen. Jane Roe" */
    /* "said one official familiar with the plan": the adjective keeps
     * its object; "said a report from Acme Research": a written work
     * keeps its maker */
    /* ... and so does "person" ("said one person with knowledge of the
     * talks": two prepositions at most; a role's stays out, "said an
     * analyst from Acme", but for "to", role_to) */
    size_t e0 = e; /* the phrase without them */
    for (int round = 0; round < 2; round++) {
      if (!(e > after && e + 1 < t1 && preposition(a, a->t[e].low) &&
            !low_eq(&a->t[e], "by") &&
            (fw_is(a, a->t[e - 1].low, PC_FW_PADJ) ||
             fw_is(a, a->t[e - 1].low, PC_FW_DOC) ||
             (a->t[e - 1].ent < 0 &&
              (low_eq(&a->t[e - 1], "person") ||
               (round > 0 && !(a->t[e - 1].flags & F_CAP)))))))
        break;
      size_t f = e + 1;
      while (f < t1 && a->t[f].type == T_WORD &&
             (!stop_word(a, a->t[f].low) || determiner(a, a->t[f].low)))
        f++;
      if (f <= e + 1 || determiner(a, a->t[f - 1].low))
        break;
      e = f;
    }
    /* "wrote the authors of the “Growth Plan,”": the title is one word */
    e = e < t1 ? pc_att_title_after(a, after, e) : e;
    struct speaker_ref r = pc_att_resolve_np(a, after, e);
    if (!r.name && e > e0) { /* (the longer phrase names no one) */
      who_free(&r);
      e = e0;
      r = pc_att_resolve_np(a, after, e);
    }
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
      struct speaker_ref p = pc_att_resolve_np(a, ce + 1, pe);
      if (p.ent >= 0 && a->en[p.ent].type == PC_ENTITY_PERSON &&
          (pe >= t1 || is_end_punct(&a->t[pe]) ||
           is_punct(&a->t[pe], ","))) {
        free(p.role);
        p.role = pc_att_np_text(a, after, ce);
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
      post = !leads; /* "said X, “...”": the speech follows */
      np_b = i;
      after = e;
      while (leads && after < t1 && a->t[after].type != T_QOPEN)
        after++; /* past "who grew up with Ali," to the quotation */
    } else {
      who_free(&r);
    }
  }
  *wp = w;
  c->after = after;
  c->np_b = np_b;
  c->post = post;
}

/* "what aides called “a new era”", "a clip that the judge called
 * “distasteful”": the thing a labelling cue names stands before its
 * speaker, as "what", a relative pronoun or "that". */
static bool object_before(const struct analysis *a, const struct sentence *sn,
                          const struct cue *c) {
  size_t b = c->np_b;
  if (b <= sn->t0 || b >= c->i || a->t[b - 1].type != T_WORD)
    return false;
  const char *w = a->t[b - 1].low;
  return fw_is(a, w, PC_FW_WH) || fw_is(a, w, PC_FW_REL) || is_comp(a, b - 1);
}

/* Whether a clause of a headline opens at k: the title's start, or after
 * a comma, colon, semicolon or dash ("Update: Mayor vows to ..."). */
static bool headline_clause_at(const struct analysis *a,
                               const struct sentence *sn, size_t k) {
  if (k <= sn->t0)
    return true;
  const struct token *p = &a->t[k - 1];
  return p->type == T_PUNCT &&
         (strcmp(p->low, ",") == 0 || strcmp(p->low, ":") == 0 ||
          strcmp(p->low, ";") == 0 || strcmp(p->low, "-") == 0 ||
          strcmp(p->low, "\xE2\x80\x94") == 0 ||
          strcmp(p->low, "\xE2\x80\x93") == 0);
}

/* A headline's grammar: the speaker opens a clause ("Senator vows to
 * fight plan") or the attribution follows the speech ("Plan will fail,
 * senator warns").  In title case a cue with other words before it is a
 * word of a name or a noun ("Trump Addresses Munich Attack", "Drivers
 * Shocked By Highway Warning Sign"). */
static bool headline_cue(const struct analysis *a, const struct sentence *sn,
                         const struct cue *c) {
  return c->post || (c->np_b < c->i && headline_clause_at(a, sn, c->np_b));
}

/* Whether a restrictive relative clause holds the cue at i: a relative
 * pronoun in [t0, i) with no comma before it or between it and i ("a
 * source who spoke", not "Roe, who says"). */
static bool restrictive_rel(const struct analysis *a, size_t t0, size_t i) {
  for (size_t k = i; k > t0 + 1; k--) {
    const struct token *t = &a->t[k - 1];
    if (t->type != T_WORD)
      return false;
    if (fw_is(a, t->low, PC_FW_REL))
      return a->t[k - 2].type == T_WORD;
  }
  return false;
}

/* Whether the words from c0 after the cue at i run, with no verb, clause
 * or punctuation of their own, into a finite cue, when the cue or a cue
 * in those words is an infinitive ("who spoke anonymously to discuss
 * strategy said", "who was not authorized to discuss the talks said"):
 * the formula that says why a source is not named, then the sentence's
 * own verb of speech. */
static bool main_cue_after(const struct analysis *a, size_t i, size_t c0,
                           size_t t1) {
  enum { OBJECT_REACH = 10 };
  bool inf = i > 0 && fw_is(a, a->t[i - 1].low, PC_FW_INF);
  for (size_t k = c0; k < t1 && k < c0 + OBJECT_REACH; k++) {
    const struct token *t = &a->t[k];
    if (t->type != T_WORD || t->in_span >= 0 || is_comp(a, k) ||
        fw_is(a, t->low, PC_FW_SUBJ) || fw_is(a, t->low, PC_FW_CONJ) ||
        fw_is(a, t->low, PC_FW_CONTRAST))
      return false;
    if (!t->cue)
      continue;
    if (k > c0 && fw_is(a, a->t[k - 1].low, PC_FW_INF))
      inf = true;
    else if (k > c0 && !(t->flags & F_WEAK) && !participle_form(a, t->low) &&
             !fw_is(a, t->low, PC_FW_FIN))
      return inf && !finite_in(a, c0, k);
  }
  return false;
}

/* Whether ", that" stands in [k, t1): "a recent claim, first made by
 * X, that he ...": the noun's clause after an inset. */
static bool comma_that(const struct analysis *a, size_t k, size_t t1) {
  for (; k + 1 < t1; k++)
    if (is_punct(&a->t[k], ",") && is_comp(a, k + 1))
      return true;
  return false;
}

/* Whether the word at i ends a noun phrase that a determiner, a
 * possessive, a quantity word or a preposition opens within four words
 * before it ("the Durham reports", "Clinton's recent remarks", "many
 * Asian states", "in Silk Road projects"; not "Frank notes"). */
static bool noun_phrase_head(const struct analysis *a, size_t t0, size_t i) {
  enum { REACH = 4 };
  for (size_t k = i; k > t0 && k + REACH >= i; k--) {
    const struct token *p = &a->t[k - 1];
    if (p->type != T_WORD)
      return false;
    if (determiner(a, p->low) || fw_is(a, p->low, PC_FW_POSS) ||
        fw_is(a, p->low, PC_FW_QUANT) || preposition(a, p->low) ||
        pc_att_ending(a, p->low, PC_FW_GEN, 1))
      return true;
    if (stop_word(a, p->low) || p->cue)
      return false;
  }
  return false;
}

/* Whether the cue reports speech by *w: not a noun, nor a cue that
 * needs quotation marks without them. */
static bool cue_accepted(const struct analysis *a, const struct sentence *sn,
                         const struct cue *c, const struct speaker_ref *w) {
  size_t t1 = sn->t1, i = c->i, len = c->len;
  bool post = c->post;
  /* "Other estimates are ...", "Republican state schools ...": a cue
   * that is also a noun needs a speaker known as one; right after a
   * pronoun ("They note") it is the verb */
  bool pron = c->np_b + 1 == i && c->np_b < i &&
              in_list_of(a, &a->lex->pronouns, a->t[c->np_b].low);
  /* ("..., a new study reports.": after the speech and ending the
   * sentence, the form is the verb) */
  bool last = post && (i + len >= t1 || is_end_punct(&a->t[i + len])) &&
              c->np_b < i && plain_phrase_words(a, c->np_b, i);
  if (!w->name ||
      ((a->t[i].flags & F_WEAK) && w->ent < 0 && !w->role && !pron && !last))
    return false;
  if (title_block(a, a->t[i].block) && !headline_cue(a, sn, c))
    return false;
  /* "A source who spoke anonymously to discuss strategy said the plan
   * was dead": a cue in a relative clause of the subject, whose object
   * runs into the sentence's own verb, is no attribution; that verb
   * is */
  if (!post && restrictive_rel(a, sn->t0, i) &&
      main_cue_after(a, i, i + len, t1))
    return false;
  /* "before the Durham reports, before the public ...", "after the Paris
   * attacks, Trump released ...": a weak cue with a comma right after it
   * and a plain word after the comma (no quotation, "that" or adjunct:
   * "the rule states, in part, that"), at the end of a noun phrase, is
   * the noun (not "a claim, first made by X, that ...") */
  if ((a->t[i].flags & F_WEAK) && !post && i + len + 1 < t1 &&
      is_punct(&a->t[i + len], ",") && a->t[i + len + 1].type == T_WORD &&
      !is_comp(a, i + len + 1) && !preposition(a, a->t[i + len + 1].low) &&
      noun_phrase_head(a, sn->t0, i) && !comma_that(a, i + len + 1, t1))
    return false;
  /* "the Syrian claims are false": a form of "be" right after a weak cue
   * makes it the noun */
  if ((a->t[i].flags & F_WEAK) && i + len < t1 &&
      a->t[i + len].type == T_WORD && fw_is(a, a->t[i + len].low, PC_FW_PASS))
    return false;
  /* "maintains strict rules", "claimed victory": a cue with other senses
   * is speech only with a clausal or quoted complement, or at the end of
   * the speech it reports (data: cues.txt "+") */
  if ((a->t[i].flags & F_CREQ) && !post &&
      !pc_att_clausal_after(a, i + len, t1))
    return false;
  /* "called his death “a crisis”": such a cue reports only quoted
   * words that follow the thing it names within a few words (not
   * "called for", "called her", nor "a group called “Friends of X”") */
  if (a->t[i].flags & F_QREQ) {
    size_t qo = i + len;
    /* "called Jane Roe, her rival, a “fraud”": an apposition may stand
     * in the thing named */
    /* (not past a participle after a comma: 'called the guests to the
     * stage, singing “It's Our Time.”' quotes the song) */
    while (qo < t1 && qo < i + len + 12 &&
           (a->t[qo].type == T_WORD ||
            (is_punct(&a->t[qo], ",") && qo + 1 < t1 &&
             a->t[qo + 1].type == T_WORD &&
             !(participle_form(a, a->t[qo + 1].low) &&
               !preposition(a, a->t[qo + 1].low) &&
               !stop_word(a, a->t[qo + 1].low)))))
      qo++;
    if (post || (qo == i + len && !object_before(a, sn, c)) || qo >= t1 ||
        a->t[qo].type != T_QOPEN)
      return false;
  }
  return true;
}

/* Where the sentence goes on after an attribution that ends at k ("This
 * program, says Jane Roe, a historian at the University of Kent,
 * Canterbury, helps ..."): after its comma and any apposition of a
 * speaker named after the cue (appos), which runs to a comma before a
 * word in lower case; 0 when no clause of some length follows. */
static size_t resume_after(const struct analysis *a, size_t k, size_t t1,
                           bool appos) {
  enum { APPOS_MAX = 16 };
  if (k + 1 >= t1 || !is_punct(&a->t[k], ","))
    return 0;
  k++;
  if (appos && a->t[k].type == T_WORD && determiner(a, a->t[k].low)) {
    size_t m = k;
    while (m + 1 < t1 && m < k + APPOS_MAX &&
           !(is_punct(&a->t[m], ",") && a->t[m + 1].type == T_WORD &&
             !(a->t[m + 1].flags & F_CAP))) {
      if (a->t[m].type != T_WORD && !is_punct(&a->t[m], ",") &&
          !is_punct(&a->t[m], "."))
        return 0;
      m++;
    }
    if (m + 1 >= t1 || !is_punct(&a->t[m], ","))
      return 0;
    k = m + 1;
  }
  if (k + 3 >= t1 || a->t[k].type != T_WORD ||
      fw_is(a, a->t[k].low, PC_FW_CONJ) ||
      fw_is(a, a->t[k].low, PC_FW_CONTRAST) || is_comp(a, k) ||
      participle_form(a, a->t[k].low) || a->t[k].cue)
    return 0;
  return k;
}

/* "Building a new wing, she said, is the most urgent task", "Currently,
 * said Jane Roe, the director, there are ...": before a medial
 * attribution only a subject or an adverb, no verb of its own; the
 * speech is the predicate after it.  "..., which, she said, scared him
 * off": a relative pronoun before it opens the speech.  True when one
 * reported it. */
static bool medial_report(struct analysis *a, const struct sentence *sn,
                          struct cue *c, const struct speaker_ref *w,
                          const char *cue, size_t c1, size_t k) {
  enum { FRAGMENT_MAX = 8 };
  size_t t0 = sn->t0, t1 = sn->t1;
  bool appos = c->np_b >= c->i; /* the speaker after the cue */
  size_t r = c1 > t0 && a->t[c1 - 1].type == T_WORD
                 ? resume_after(a, k, t1, appos)
                 : 0;
  if (!r)
    return false;
  size_t from;
  if (fw_is(a, a->t[c1 - 1].low, PC_FW_REL) && c1 > t0 + 1 &&
      is_punct(&a->t[c1 - 2], ","))
    from = c1 - 1; /* "which, she said, ...": the relative clause */
  else if (c1 <= t0 + FRAGMENT_MAX && !finite_in(a, t0, c1) &&
           !spans_inside(a, t0, c1, sn->sp0, sn->sp1, &(size_t){0}))
    from = r;
  else
    return false;
  size_t e = clause_end(a, r, t1, sn->sp0, sn->sp1);
  /* (the attribution inside the relative clause is not read again) */
  content(a, from, e, w, cue, sn->parent, t0, t1, sn->sp0, sn->sp1,
          from < r ? sn->depth + 1 : sn->depth);
  c->consumed = e > c->consumed ? e : c->consumed;
  return true;
}

/* "Yet Sondland has amended his testimony — “I now do recall,” he
 * said": quoted words after a dash that run to the attribution are the
 * speech, the words before the dash the writer's.  Where the speech in
 * [t0, c1) starts. */
static size_t dash_quote(const struct analysis *a, size_t t0, size_t c1) {
  size_t e = c1;
  while (e > t0 && (is_punct(&a->t[e - 1], ",") || is_punct(&a->t[e - 1], ".")))
    e--; /* a comma before the attribution */
  if (e <= t0 + 3 || a->t[e - 1].type != T_QCLOSE)
    return t0;
  for (size_t d = e - 1; d-- > t0 + 1;) {
    if (a->t[d + 1].type != T_QOPEN || a->t[d + 1].opens < 0)
      continue;
    if (a->sp[a->t[d + 1].opens].c == e - 1 &&
        (is_punct(&a->t[d], "\xE2\x80\x94") ||
         is_punct(&a->t[d], "\xE2\x80\x93")))
      return d + 1;
    break; /* only the span that ends at the attribution */
  }
  return t0;
}

/* '“We will win,” Roe said, in a jab at her rival': when one quotation
 * in marks runs from the sentence's start to the attribution at np_b, the
 * speech is whole, and unquoted words after the attribution's comma (from
 * k) are the writer's; not when they go on with a verb or an infinitive
 * ('“Only you,” she said, would ...', '“It is better,” he said, to
 * ...'), nor when they hold a cue of their own ('..., while also saying
 * that ...', '..., as he traced her career'), which may report more. */
static bool whole_quote_before(const struct analysis *a, size_t t0,
                               size_t t1, size_t np_b, size_t k) {
  size_t q = np_b - 1;
  if (q > t0 && is_punct(&a->t[q], ","))
    q--;
  if (a->t[q].type != T_QCLOSE || a->t[t0].type != T_QOPEN ||
      a->t[t0].opens < 0 || a->sp[a->t[t0].opens].c != q ||
      a->t[k].type != T_WORD || fw_is(a, a->t[k].low, PC_FW_FIN) ||
      fw_is(a, a->t[k].low, PC_FW_INF))
    return false;
  /* ('..., he said, although it could ...', '..., Harry said, but ...':
   * a clause joined by a conjunction or a concession goes on with what
   * was said; "as" of time does not) */
  if (fw_is(a, a->t[k].low, PC_FW_CONJ) ||
      fw_is(a, a->t[k].low, PC_FW_CONTRAST) ||
      (fw_is(a, a->t[k].low, PC_FW_SUB) && !low_eq(&a->t[k], "as")))
    return false;
  for (size_t m = k; m < t1; m++)
    if (a->t[m].cue)
      return false;
  return true;
}

/* Whether the word at k opens an adverbial: a preposition, a
 * subordinator or a word of time ("In", "As", "When", "Earlier"; data:
 * prep, after, sub, when). */
static bool adverbial_opener(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  return t->type == T_WORD && t->in_span < 0 &&
         (preposition(a, t->low) || fw_is(a, t->low, PC_FW_AFTER) ||
          fw_is(a, t->low, PC_FW_SUB) || fw_is(a, t->low, PC_FW_WHEN) ||
          low_eq(t, "when") || low_eq(t, "if"));
}

/* "On the campaign trail, Cruz describes himself as ...", "As caucusing
 * got under way, voters weighed in on ...": words [t0, e) before the
 * speaker that only set the scene are no speech; the cue's words follow
 * it.  Each of their parts between commas opens with an adverbial
 * (after "and", "but", "even") or holds no verb; the first opens with
 * one; none holds quoted words, a cue or a "that" ("After suggesting
 * that he regretted it, Roe ...").  ("In fact, sales fell, analysts
 * say": a part with a verb of its own is the speech.) */
static bool scene_only(const struct analysis *a, size_t t0, size_t e) {
  size_t s = past_opening_conj(a, t0, e);
  if (s >= e || !adverbial_opener(a, s))
    return false;
  for (size_t b = s; b < e;) {
    size_t z = b;
    while (z < e && !is_punct(&a->t[z], ","))
      z++;
    size_t f = b;
    while (f < z && a->t[f].type == T_WORD &&
           (fw_is(a, a->t[f].low, PC_FW_CONJ) ||
            fw_is(a, a->t[f].low, PC_FW_CONTRAST) ||
            fw_is(a, a->t[f].low, PC_FW_FOCUS)))
      f++;
    for (size_t q = b; q < z; q++)
      if (a->t[q].type == T_QOPEN || a->t[q].in_span >= 0 || a->t[q].cue ||
          is_comp(a, q))
        return false;
    if (!(f < z && adverbial_opener(a, f)) && finite_in(a, b, z))
      return false;
    b = z + 1;
  }
  return true;
}

/* '“...,” said Adam Segal, the author of “Hacked World,” who studies
 * ...', '..., said Cuban, who hosts “Shark Tank.”': words from k that
 * open with a determiner or a relative pronoun, quote only titles and
 * hold no cue describe the speaker; they are no second part of the
 * speech. */
static bool titled_apposition(const struct analysis *a, size_t k,
                              size_t t1) {
  if (k >= t1 || a->t[k].type != T_WORD ||
      !(determiner(a, a->t[k].low) || fw_is(a, a->t[k].low, PC_FW_REL)))
    return false;
  for (size_t m = k; m < t1; m++)
    if (quoted_not_title(a, m) || a->t[m].cue)
      return false;
  return true;
}

/* The speech stands before the attribution ("..., X said"): [t0, np_b),
 * and a second part after it. */
static void report_before(struct analysis *a, const struct sentence *sn,
                          struct cue *c, const struct speaker_ref *w,
                          const char *cue) {
  size_t t0 = sn->t0, t1 = sn->t1, sp0 = sn->sp0, sp1 = sn->sp1;
  int parent = sn->parent, depth = sn->depth;
  size_t i = c->i, len = c->len, after = c->after, np_b = c->np_b;
  size_t consumed = c->consumed;
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
      !participle_form(a, a->t[k + 1].low) &&
      !cue_at(a, k + 1, t1, sp0, sp1) && !is_comp(a, k + 1) &&
      t1 > k + 3) {
    /* "The larger landers, he said, could deliver ...": the
     * attribution stands inside one report, which is the sentence */
    content(a, t0, t1, w, cue, parent, t0, t1, sp0, sp1,
            depth + 1); /* not again as speech inside itself */
    c->consumed = t1;
    return;
  }
  if (medial_report(a, sn, c, w, cue, c1, k))
    return;
  /* (only when the cue has words of its own after it: "If it fails,
   * she said, they will ..." is a report around its attribution) */
  if (after < t1 && !is_end_punct(&a->t[after]) &&
      !(k < t1 && is_punct(&a->t[k], ",")) && scene_only(a, t0, np_b))
    return;
  content(a, dash_quote(a, t0, c1), c1, w, cue, parent, t0, t1, sp0, sp1,
          depth);
  /* "..., Roe said: swift help will ...": the words after the colon */
  if (k + 2 < t1 && is_punct(&a->t[k], ":") && a->t[k + 1].type == T_WORD) {
    content(a, k + 1, t1, w, cue, parent, t0, t1, sp0, sp1, depth);
    k = t1;
  }
  /* "..., Mayer said, and “patched” ...": a second part after it */
  if (k < t1 && is_punct(&a->t[k], ",")) {
    k++;
    if (k < t1 && fw_is(a, a->t[k].low, PC_FW_CONJ))
      k++;
    size_t dummy;
    /* "..., Benioff said, ever since he did ...": a clause after an
     * inset attribution goes on reporting */
    /* (not ", saying ...": a participle cue reports on its own) */
    bool ptcp_cue = k < t1 && cue_at(a, k, t1, sp0, sp1) &&
                    participle_form(a, a->t[k].low);
    if ((spans_inside(a, k, t1, sp0, sp1, &dummy) > 0 && !ptcp_cue &&
         !titled_apposition(a, k, t1)) ||
        (inset && !whole_quote_before(a, t0, t1, np_b, k) && t1 > k + 3 &&
         !cue_at(a, k, t1, sp0, sp1) &&
         !is_comp(a, k) && a->t[k].type == T_WORD &&
         !participle_form(a, a->t[k].low))) {
      content(a, k, t1, w, cue, parent, t0, t1, sp0, sp1, depth);
      k = t1;
    }
  }
  consumed = k > consumed ? k : consumed;
  c->consumed = consumed;
}

/* Whether the cue [i, after) is "tell" or "ask" (data: tell): its last
 * word, so that "is telling" counts as "telling". */
static bool tell_cue(const struct analysis *a, size_t i, size_t after) {
  return fw_is(a, a->t[after > i ? after - 1 : i].low, PC_FW_TELL);
}

/* Whether the word at k governs a noun phrase as a preposition does
 * (data: prep, and the stop words that are no conjunction, auxiliary,
 * negation, pronoun, verb or adverb of time: "through", "over",
 * "against"; not "hinted before that ..."). */
static bool prep_like(const struct analysis *a, size_t k) {
  const char *w = a->t[k].low;
  if (a->t[k].type != T_WORD)
    return false;
  if (preposition(a, w))
    return true;
  return stop_word(a, w) && !is_comp(a, k) && !aux_word(a, w) &&
         !fw_is(a, w, PC_FW_AFTER) &&
         !fw_is(a, w, PC_FW_CONJ) && !fw_is(a, w, PC_FW_CONTRAST) &&
         !fw_is(a, w, PC_FW_FIN) && !fw_is(a, w, PC_FW_NEG) &&
         !fw_is(a, w, PC_FW_SUBJ) && !fw_is(a, w, PC_FW_REL) &&
         !fw_is(a, w, PC_FW_PASS) && !fw_is(a, w, PC_FW_SUB) &&
         !fw_is(a, w, PC_FW_WH);
}

/* Whether [b, e) is a plain noun phrase: lower-case words, no
 * preposition nor other stop word but a determiner ("wait times",
 * "third-quarter earnings"; not "a comment on Twitter", "Post op-ed"). */
static bool plain_object(const struct analysis *a, size_t b, size_t e) {
  for (size_t k = b; k < e; k++)
    if (a->t[k].type != T_WORD || (a->t[k].flags & F_CAP) ||
        a->t[k].in_span >= 0 || preposition(a, a->t[k].low) ||
        (stop_word(a, a->t[k].low) && !determiner(a, a->t[k].low)))
      return false;
  return true;
}

/* The "that" opening the content after the cue at i (words from after
 * on), 0 if none: "told VOA correspondent Carla Babb on Nov. 12 that",
 * and past adjuncts "said in an email to The Associated Press that";
 * not a relative "that" ("said in a report that was released ...")
 * beyond the first few words. */
static size_t that_after(const struct analysis *a, size_t i, size_t after,
                         size_t t1) {
  size_t reach = tell_cue(a, i, after) ? 14 : 7;
  bool place = false;
  /* "said in an email to The Associated Press that", "said earlier on
   * Friday during a news conference that": an adjunct of place or time
   * may run long */
  if (after < t1 && a->t[after].type == T_WORD &&
      (preposition(a, a->t[after].low) || fw_is(a, a->t[after].low, PC_FW_WHEN)))
    reach = 14;
  for (size_t k = after; k < t1 && k < after + reach; k++) {
    /* "on that front", "through that contest": "that" after a
     * preposition is no complementizer */
    if (is_comp(a, k) && !(k > after && prep_like(a, k - 1))) {
      /* "told Yahoo News in a story that posted this week that he ...":
       * a relative "that" after a noun of the adjunct, a past form
       * right after it; the complement comes later, if at all
       * ("reported wait times that exceeded two hours": after a plain
       * noun phrase, the object and its relative clause are the
       * report) */
      if (k > after + 1 && (reach > 7 || plain_object(a, after, k)) &&
          k + 2 < t1 &&
          a->t[k - 1].type == T_WORD && !a->t[k - 1].cue &&
          !stop_word(a, a->t[k - 1].low) && ed_form(a, k + 1)) {
        k++;
        continue;
      }
      if (k >= after + 7 && k + 1 < t1 &&
          (fw_is(a, a->t[k + 1].low, PC_FW_FIN) ||
           (a->t[k + 1].type != T_WORD && a->t[k + 1].type != T_QOPEN)))
        return 0;
      return k;
    }
    if (is_punct(&a->t[k], ".") && k > after &&
        in_list_of(a, &a->lex->honorifics, a->t[k - 1].low))
      continue; /* "told X on Nov. 12 that" */
    /* "said on ABC's “This Week” that": a short title in quotation marks
     * inside the adjunct, a capitalised word after the opening mark */
    if (a->t[k].type == T_QOPEN && k > after && a->t[k].opens >= 0 &&
        a->sp[a->t[k].opens].upper && a->sp[a->t[k].opens].c < k + 8 &&
        a->sp[a->t[k].opens].c + 1 < t1 &&
        is_comp(a, a->sp[a->t[k].opens].c + 1)) {
      size_t c = a->sp[a->t[k].opens].c;
      reach += c - k;
      k = c;
      continue;
    }
    /* "told diners in Manchester, New Hampshire, that": a comma between
     * capitalised words of a place */
    if (is_punct(&a->t[k], ",") && k > after && k + 1 < t1 &&
        (a->t[k - 1].flags & F_CAP) && a->t[k + 1].type == T_WORD &&
        ((a->t[k + 1].flags & F_CAP) || is_comp(a, k + 1) || place)) {
      place = !place; /* the second comma closes the place */
      continue;
    }
    if (a->t[k].type != T_WORD)
      return 0;
    /* "asked if the deployments meant that ...": a question opens the
     * content; its own "that" is inside it (data: qword) */
    if (fw_is(a, a->t[k].low, PC_FW_QWORD))
      return 0;
    /* "said the coverage would resemble that of ...", "said it was clear
     * that": a verb of its own (data: fin) starts the content before
     * any "that"; so does a subject pronoun ("said he believes that"),
     * and a second cue verb takes the "that" ("said the plan collapsed
     * and added that") */
    /* ("told you that ...": a subject pronoun that is an object too,
     * right after "tell" and before "that", is who was told) */
    if (k == after && k + 1 < t1 && tell_cue(a, i, after) &&
        is_comp(a, k + 1))
      continue;
    if ((k > after && fw_is(a, a->t[k].low, PC_FW_FIN)) ||
        fw_is(a, a->t[k].low, PC_FW_SUBJ) ||
        (k > after && a->t[k].cue && !(a->t[k].flags & F_WEAK)))
      return 0;
  }
  return 0;
}

/* Where the speech after a cue starts: after an object or adverbial up
 * to "that", after the addressee of "told"; t1 when only a time or a
 * place follows. */
static size_t content_start(const struct analysis *a,
                            const struct sentence *sn, const struct cue *c) {
  size_t t1 = sn->t1, i = c->i, after = c->after;
  size_t c0 = after;
  size_t reach = tell_cue(a, i, after) ? 14 : 7;
  size_t tk = that_after(a, i, after, t1);
  bool that = tk > 0;
  if (that)
    c0 = tk + 1;
  /* "told the agency simply, “We lost.”", "said in a statement: “...”":
   * the quoted words after the addressee or an adjunct are the speech */
  for (size_t k = after; !that && k < t1 && k < after + reach + 4; k++) {
    /* "said he welcomed it and added, “...”": a clause or a second cue
     * before the comma; the quoted words are not this cue's */
    if (a->t[k].type == T_WORD &&
        (fw_is(a, a->t[k].low, PC_FW_SUBJ) ||
         fw_is(a, a->t[k].low, PC_FW_FIN) ||
         (k > after && a->t[k].cue &&
          fw_is(a, a->t[k - 1].low, PC_FW_CONJ))))
      break;
    if ((is_punct(&a->t[k], ",") || is_punct(&a->t[k], ":")) && k > after &&
        !number_comma(a, k) && k + 1 < t1 && a->t[k + 1].opens >= 0 &&
        a->sp[a->t[k + 1].opens].upper)
      return k + 1;
    if (a->t[k].type != T_WORD && !number_comma(a, k) &&
        !(is_punct(&a->t[k], ".") && k > after &&
          in_list_of(a, &a->lex->honorifics, a->t[k - 1].low)))
      break;
  }
  /* "asked to leave": "to" right after "ask" opens the request, there
   * is no addressee to skip */
  if (!that && tell_cue(a, i, after) && c0 < t1 &&
      !fw_is(a, a->t[c0].low, PC_FW_INF)) {
    /* "told lawmakers it was ...": the addressee is not the speech */
    size_t k = c0;
    /* "told The Daily Herald she was ...", "told a radio station the
     * plan ...": an addressee with its determiner, up to where a clause
     * starts (not "told the story of his life") */
    bool det0 = k < t1 && a->t[k].type == T_WORD &&
                determiner(a, a->t[k].low);
    if (det0)
      k++;
    while (k < t1 && k < c0 + 5 && a->t[k].type == T_WORD &&
           !determiner(a, a->t[k].low) &&
           !fw_is(a, a->t[k].low, PC_FW_SUBJ) &&
           !fw_is(a, a->t[k].low, PC_FW_QWORD) && /* "asked X whether" */
           !(k > c0 && in_list_of(a, &a->lex->fw[PC_FW_QWH], a->t[k].low)) &&
           !(det0 && (stop_word(a, a->t[k].low) ||
                      preposition(a, a->t[k].low))))
      k++;
    /* "asked party leaders to disavow him": an object and "to" make
     * the request, which keeps its object */
    for (size_t z = c0; z < k; z++)
      if (fw_is(a, a->t[z].low, PC_FW_INF))
        k = c0;
    /* ("asked the voters if they ...", "what they ...": a question
     * word after the addressee with its determiner opens the speech) */
    if (det0 && !(k < t1 && k > c0 + 1 && a->t[k].type == T_WORD &&
                  (determiner(a, a->t[k].low) ||
                   fw_is(a, a->t[k].low, PC_FW_SUBJ) ||
                   fw_is(a, a->t[k].low, PC_FW_QWORD) ||
                   in_list_of(a, &a->lex->fw[PC_FW_QWH], a->t[k].low))))
      k = c0;
    if (k < t1 && k > c0 &&
        (a->t[k].type == T_WORD || a->t[k].type == T_QOPEN))
      c0 = k; /* (or quoted words: 'telling others “he was ...”') */
    else if (k < t1 && k > c0 && is_punct(&a->t[k], ":"))
      c0 = k + 1; /* "told Newsweek: ..." */
  }
  /* "told “Fox and Friends,” adding ...": a short title in marks right
   * after "told" names who was told, a programme; the speech, if any,
   * follows it ('told “Today” he would run') */
  if (!that && c0 == after && c0 < t1 && a->t[c0].opens >= 0 &&
      tell_cue(a, i, after) && pc_att_title_span(a, (size_t)a->t[c0].opens)) {
    size_t k = a->sp[a->t[c0].opens].c + 1;
    bool clause = k < t1 && a->t[k].type == T_WORD && !a->t[k].cue &&
                  !is_punct(&a->t[k - 2], ",");
    c0 = clause ? k : t1;
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
                        determiner(a, a->t[k].low) || (a->t[k].flags & F_CAP) ||
                        (a->t[k].low[0] >= '0' && a->t[k].low[0] <= '9') ||
                        fw_is(a, a->t[k].low, PC_FW_VENUE))) ||
                      (is_punct(&a->t[k], ".") && k > c0 &&
                       in_list_of(a, &a->lex->honorifics, a->t[k - 1].low)) ||
                      is_punct(&a->t[k], ",")))
      k++;
    if (k >= t1 || is_end_punct(&a->t[k]))
      c0 = t1;
  }
  return c0;
}

/* Whether the comma at k separates items of a list of names that opens
 * the content [c0, c1) ("asked Pike, Rusk and Venn to ..."): only
 * capitalised words before it, one after it, then "and" or "or" (data:
 * conj) and a capitalised word within three words with no comma between
 * (not "said the ferry would leave Dover, Rusk and Venn laughed"). */
static bool list_comma(const struct analysis *a, size_t c0, size_t k,
                       size_t c1) {
  if (k <= c0 || k + 2 >= c1 || a->t[k + 1].type != T_WORD ||
      !(a->t[k + 1].flags & F_CAP))
    return false;
  for (size_t z = c0; z < k; z++)
    if (!(a->t[z].type == T_WORD && (a->t[z].flags & F_CAP)) &&
        !is_punct(&a->t[z], ","))
      return false;
  for (size_t z = k + 2; z < c1 && z < k + 5; z++) {
    if (a->t[z].type != T_WORD)
      return false;
    if (fw_is(a, a->t[z].low, PC_FW_CONJ))
      return z + 1 < c1 && (a->t[z + 1].flags & F_CAP);
  }
  return false;
}

/* A word at k that opens a subordinate clause: "while", "although",
 * "after", "before" (data: sub, after; not a preposition), "when", "if";
 * not "as" ("as Clyburn noted, ..." is a frame around the report). */
static bool sub_opener(const struct analysis *a, size_t k) {
  const struct token *t = &a->t[k];
  if (t->type != T_WORD || t->in_span >= 0 || low_eq(t, "as"))
    return false;
  return fw_is(a, t->low, PC_FW_SUB) ||
         (fw_is(a, t->low, PC_FW_AFTER) && !preposition(a, t->low)) ||
         low_eq(t, "when") || low_eq(t, "if");
}

/* After a labelling cue ("called the mayor a “liar” and left"): the
 * content [c0, c1) ends after its last quoted words when "and", "but",
 * a comma or a dash follows them (a phrase after them stays: "called it
 * “a step forward” in efforts to ..."). */
static size_t labelled_end(const struct analysis *a, size_t c0, size_t c1) {
  size_t last = 0;
  for (size_t k = c0; k < c1; k++)
    if (a->t[k].opens >= 0 && a->sp[a->t[k].opens].c < c1) {
      k = a->sp[a->t[k].opens].c;
      last = k + 1;
    }
  if (!last || last >= c1)
    return c1;
  const struct token *n = &a->t[last];
  if (is_punct(n, ",") || is_punct(n, "\xE2\x80\x94") ||
      is_punct(n, "\xE2\x80\x93") || is_punct(n, "-") ||
      (n->type == T_WORD && (fw_is(a, n->low, PC_FW_CONJ) ||
                             fw_is(a, n->low, PC_FW_CONTRAST))))
    return last;
  return c1;
}

/* "Deyal told this newspaper.", "Aderholt asked again.", "asking
 * questions": a word or three after "tell" or "ask" with no verb, clause
 * or quoted words is who was told or asked, or how; nothing was
 * reported. */
static bool bare_object(const struct analysis *a, const struct cue *c,
                        size_t c0, size_t c1) {
  enum { OBJECT_MAX = 3 };
  while (c1 > c0 && a->t[c1 - 1].type == T_PUNCT)
    c1--;
  /* (after the addressee or a "that", the words are a clause) */
  if (!tell_cue(a, c->i, c->after) || c0 != c->after || c1 <= c0)
    return false;
  /* "told the delegates before the vote", "told lawmakers on a recent
   * visit to the capital": who was told and an adjunct of time or place
   * (from a preposition of the attribution on, adjunct_only) */
  if (c1 > c0 + OBJECT_MAX) {
    size_t k = c0 + 1;
    while (k < c0 + OBJECT_MAX + 1 && k < c1 &&
           !(a->t[k].type == T_WORD && fw_is(a, a->t[k].low, PC_FW_AFTER)))
      k++;
    if (k >= c1 || k > c0 + OBJECT_MAX || !adjunct_only(a, k, c1))
      return false;
    c1 = k;
  }
  for (size_t k = c0; k < c1; k++)
    if (a->t[k].type != T_WORD || a->t[k].in_span >= 0 || is_comp(a, k) ||
        fw_is(a, a->t[k].low, PC_FW_INF) || fw_is(a, a->t[k].low, PC_FW_FIN) ||
        fw_is(a, a->t[k].low, PC_FW_SUBJ) || fw_is(a, a->t[k].low, PC_FW_REL))
      return false;
  return true;
}

/* "spoke about an hour", "talked about 20 minutes": the "about" that
 * ends the cue phrase [c->i, c->after) is an approximation (data:
 * approx) before a count at c0 (a number, or "a"/"an" and a time unit,
 * data: tunit). */
static bool approx_count(const struct analysis *a, const struct cue *c,
                         size_t c0, size_t t1) {
  if (c->after <= c->i || c0 >= t1 ||
      !fw_is(a, a->t[c->after - 1].low, PC_FW_APPROX) ||
      a->t[c0].type != T_WORD)
    return false;
  if (a->t[c0].low[0] >= '0' && a->t[c0].low[0] <= '9')
    return true;
  return article_a(&a->t[c0]) &&
         c0 + 1 < t1 && fw_is(a, a->t[c0 + 1].low, PC_FW_TUNIT);
}

/* The speech follows the cue ("X said that ..."): up to the clause's
 * end, then each ", and that ..." clause. */
static void report_after(struct analysis *a, const struct sentence *sn,
                         struct cue *c, const struct speaker_ref *w,
                         const char *cue) {
  size_t t0 = sn->t0, t1 = sn->t1, sp0 = sn->sp0, sp1 = sn->sp1;
  int parent = sn->parent, depth = sn->depth;
  size_t i = c->i, consumed = c->consumed;
  size_t c0 = content_start(a, sn, c);
  if (approx_count(a, c, c0, t1))
    c0 = t1;
  /* "declined to comment but said ...": a conjunction right after the
   * cue opens another predicate; the cue reports nothing */
  if (c0 < t1 && a->t[c0].type == T_WORD &&
      (fw_is(a, a->t[c0].low, PC_FW_CONJ) ||
       fw_is(a, a->t[c0].low, PC_FW_CONTRAST)))
    c0 = t1;
  if (c0 < t1 && !is_end_punct(&a->t[c0])) {
    size_t c1 = clause_end(a, c0, t1, sp0, sp1);
    /* "While X said the trip was ..., he did not ...", "After X said
     * ..., Y said", "But when X said ...": a clause that opens the
     * sentence with a subordinator ends at its comma */
    size_t p = t0;
    while (p < i && a->t[p].type == T_WORD &&
           (fw_is(a, a->t[p].low, PC_FW_CONJ) ||
            fw_is(a, a->t[p].low, PC_FW_CONTRAST) ||
            fw_is(a, a->t[p].low, PC_FW_FOCUS)))
      p++; /* "But even ..." */
    /* ("As Obama announces that he is ready ..., he is set to": "as"
     * with a "that" clause after the cue is a subordinate clause too) */
    /* ("Last month, when I asked her if ..., she left", "..., and when
     * she said ..., he": so does one opened after a comma, a
     * conjunction between) */
    for (size_t k = i; p < i && !sub_opener(a, p) && k > p + 1; k--)
      if (is_punct(&a->t[k - 1], ",") && a->t[k - 1].in_span < 0) {
        size_t o = k + (fw_is(a, a->t[k].low, PC_FW_CONJ) ? 1 : 0);
        if (o < i && sub_opener(a, o))
          p = o;
        break;
      }
    bool sub = p < i && (sub_opener(a, p) ||
                         (low_eq(&a->t[p], "as") && is_comp(a, c0 - 1)));
    /* "Noting that the plan failed, Roe said ...": a participle cue
     * that opens the sentence reports up to its comma */
    sub |= i == t0 && depth == 0 && participle_form(a, a->t[i].low);
    for (size_t k = p; k < i && sub; k++)
      sub = !is_punct(&a->t[k], ","); /* the cue is in that clause */
    if (sub) /* (or at the comma inside closing marks: '“best
              * experience,” Trump is ...', not '“...,” and “...”') */
      for (size_t k = c0; k < c1; k++)
        if ((is_punct(&a->t[k], ",") && span_of(a, k, sp0, sp1) < 0 &&
             !list_comma(a, c0, k, c1)) ||
            (a->t[k].type == T_QCLOSE && comma_at(a, k, c0) &&
             !(k + 1 < c1 && fw_is(a, a->t[k + 1].low, PC_FW_CONJ)))) {
          c1 = a->t[k].type == T_QCLOSE ? k + 1 : k;
          break;
        }
    /* "called the mayor a “liar” and left": the thing named and the
     * quoted words, not what follows them */
    if ((a->t[i].flags & F_QREQ) && !preposition(a, a->t[c0].low))
      c1 = labelled_end(a, c0, c1);
    /* "what aides called “a new era” in a book": only the quoted words */
    if ((a->t[i].flags & F_QREQ) && c0 == c->after && a->t[c0].opens >= 0 &&
        a->sp[a->t[c0].opens].c < c1 && object_before(a, sn, c))
      c1 = a->sp[a->t[c0].opens].c + 1;
    if (!bare_object(a, c, c0, c1))
      content(a, c0, c1, w, cue, parent, t0, t1, sp0, sp1, depth);
    /* ", and that ..." reports a second thing */
    for (;;) {
      size_t k = c1;
      if (k < t1 && is_punct(&a->t[k], ","))
        k++;
      if (!(k + 1 < t1 && fw_is(a, a->t[k].low, PC_FW_CONJ) &&
            is_comp(a, k + 1)))
        break;
      size_t c2 = clause_end(a, k + 2, t1, sp0, sp1);
      content(a, k + 2, c2, w, cue, parent, t0, t1, sp0, sp1, depth);
      c1 = c2;
    }
    consumed = c1 > consumed ? c1 : consumed;
  }
  c->consumed = consumed;
}

/* A cue that reported nothing: the quoted spans of the sentence are the
 * speech. */
static void spans_as_speech(struct analysis *a, const struct sentence *sn,
                            const struct speaker_ref *w, const char *cue,
                            size_t after) {
  size_t t0 = sn->t0, t1 = sn->t1, lim = t1;
  int parent = sn->parent;
  /* 'chimed in, noting that the offer was “a lovely gesture.”': spans
   * after a later cue are that cue's */
  for (size_t k = after; k < t1; k++)
    if (a->t[k].opens < 0 && a->t[k].in_span < 0 &&
        cue_at(a, k, t1, sn->sp0, sn->sp1)) {
      lim = k;
      break;
    }
  for (size_t k = t0; k < lim; k++) {
    int sidx = a->t[k].opens;
    if (sidx < 0 || a->sp[sidx].c >= t1)
      continue;
    k = a->sp[sidx].c;
    /* ('told “Fox and Friends” on Sunday': a title names who was told) */
    if (pc_att_title_span(a, (size_t)sidx))
      continue;
    add_quote(a, a->sp[sidx].block, a->sp[sidx].o, a->sp[sidx].c + 1,
              a->sp[sidx].upper ? PC_QUOTE_DIRECT : PC_QUOTE_MIXED, w,
              cue, parent, t0, t1);
  }
}

/* "Asked if he was ever bullied, the candidate said no": the question
 * of a participle cue that opens the sentence, up to its comma, is a
 * report of its own, whose asker is not named.  Returns where reading
 * goes on, 0 when there is none. */
static size_t asked_opening(struct analysis *a, const struct sentence *sn,
                            size_t i, size_t len) {
  size_t c0 = i + len, c1 = c0 + 1;
  while (c1 < sn->t1 && c1 < c0 + 40 && !is_punct(&a->t[c1], ",") &&
         a->t[c1].type == T_WORD)
    c1++;
  if (c1 >= sn->t1 || !is_punct(&a->t[c1], ",") || c1 < c0 + 3)
    return 0;
  struct speaker_ref w = {NULL, -1, NULL};
  return sentence_report(a, sn, c0, c1, &w, cue_text(a, i, len), sn->t0,
                         sn->t1);
}

/* "he was told by Jane Roe to leave", "was assured by the agency that
 * ...": a passive cue with its agent after "by"; the content follows
 * the agent.  Returns where reading goes on, 0 when there is none. */
static size_t passive_by(struct analysis *a, const struct sentence *sn,
                         size_t i) {
  size_t t1 = sn->t1, len = a->t[i].cue;
  if (!len)
    return 0; /* most words: this runs for each */
  /* "Asked by Starnes if he believed ..., Carson said": a participle
   * clause that opens the sentence (or follows "when") is passive too */
  size_t n = strlen(a->t[i].low);
  bool opens = (i == sn->t0 ||
                (i == sn->t0 + 1 && low_eq(&a->t[i - 1], "when"))) &&
               n > 4 && strcmp(a->t[i].low + n - 2, "ed") == 0;
  if (opens && i + len + 2 < t1 && fw_is(a, a->t[i + len].low, PC_FW_QWORD))
    return asked_opening(a, sn, i, len);
  if (!len || (i <= sn->t0 && !opens) || i + len + 2 >= t1 ||
      a->t[i].type != T_WORD || span_of(a, i, sn->sp0, sn->sp1) >= 0 ||
      !(opens || fw_is(a, a->t[i - 1].low, PC_FW_PASS)) ||
      participle_form(a, a->t[i].low) || !low_eq(&a->t[i + len], "by"))
    return 0;
  size_t b = i + len + 1, e = b;
  while (e < t1 && e < b + 7 && a->t[e].type == T_WORD &&
         !stop_word(a, a->t[e].low) && !fw_is(a, a->t[e].low, PC_FW_QWORD))
    e++;
  if (e == b || e >= t1 ||
      !(low_eq(&a->t[e], "to") || is_comp(a, e) ||
        (opens && fw_is(a, a->t[e].low, PC_FW_QWORD))))
    return 0;
  struct speaker_ref w = pc_att_resolve_np(a, b, e);
  /* (a name of no entity speaks too: "was urged by Democrats to") */
  if (!w.name || (w.ent < 0 && !w.role && !(a->t[b].flags & F_CAP))) {
    who_free(&w);
    return 0;
  }
  size_t c0 = is_comp(a, e) ? e + 1 : e;
  size_t c1 = clause_end(a, c0, t1, sn->sp0, sn->sp1);
  for (size_t k = c0; opens && k < c1; k++)
    if (is_punct(&a->t[k], ",") && a->t[k].in_span < 0) {
      c1 = k; /* the opening clause ends at its comma */
      break;
    }
  return sentence_report(a, sn, c0, c1, &w, cue_text(a, i, len), sn->t0,
                         t1);
}

/* The speech noun before the "that" at k ("his suggestion that", "the
 * statement earlier this year that"): its index, 0 when there is none.
 * A noun of cues.txt ("n") or the noun form of a verb that is also one
 * ("?": "claim", "claims"). */
static size_t speech_noun_before(const struct analysis *a, size_t t0,
                                 size_t k) {
  size_t n = k;
  /* "Trump's statement earlier this year that": a time between */
  while (n > t0 + 1 && n + 4 > k && a->t[n - 1].type == T_WORD &&
         (fw_is(a, a->t[n - 1].low, PC_FW_WHEN) ||
          fw_is(a, a->t[n - 1].low, PC_FW_TUNIT) ||
          low_eq(&a->t[n - 1], "this") || low_eq(&a->t[n - 1], "last")))
    n--;
  if (n <= t0 || a->t[n - 1].type != T_WORD || a->t[n - 1].in_span >= 0)
    return 0;
  size_t which = 0;
  if (pc_att_match_list(a, n - 1, k, &a->lex->cues, &which) != 1)
    return 0;
  int tag = a->lex->cues.p[which].tag;
  return tag & (PC_CUE_NOUN | PC_CUE_WEAK) ? n - 1 : 0;
}

/* Who owns the speech noun at n: "his" or "her" (the last person of
 * that gender), a name with "'s" ("Trump's statement"), or the subject
 * of a verb that issues it ("Trump made the assertion that", data:
 * make); adjectives may stand between ("his controversial remarks").
 * No name when there is none. */
static struct speaker_ref noun_owner(struct analysis *a, size_t t0,
                                     size_t n) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t o = n;
  while (o > t0 && n - o < 2 && a->t[o - 1].type == T_WORD &&
         !(a->t[o - 1].flags & F_CAP) && !stop_word(a, a->t[o - 1].low) &&
         !determiner(a, a->t[o - 1].low) &&
         !pc_att_ending(a, a->t[o - 1].low, PC_FW_GEN, 1))
    o--; /* adjectives */
  if (o <= t0 || a->t[o - 1].type != T_WORD)
    return w;
  const struct token *p = &a->t[o - 1];
  if (low_eq(p, "his") || low_eq(p, "her")) {
    int e = pc_att_last_person_g(a, o - 1, low_eq(p, "his") ? 'm' : 'f');
    if (e >= 0) {
      w.ent = e;
      w.name = strdup(a->en[e].name);
      w.role = a->en[e].role ? strdup(a->en[e].role) : NULL;
    }
    return w;
  }
  if (pc_att_ending(a, p->low, PC_FW_GEN, 1) && (p->flags & F_CAP)) {
    size_t b = o - 1;
    while (b > t0 && a->t[b - 1].type == T_WORD &&
           (a->t[b - 1].flags & F_CAP) && o - b < 5)
      b--;
    w = pc_att_resolve_np(a, b, o);
    if (w.name && w.ent < 0 && !w.role)
      who_free(&w);
    return w;
  }
  if (determiner(a, p->low) && !fw_is(a, p->low, PC_FW_POSS) &&
      o >= t0 + 3 && fw_is(a, a->t[o - 2].low, PC_FW_MAKE)) {
    w = pc_att_speaker_left(a, t0, o - 2);
    if (w.name && w.ent < 0 && !w.role)
      who_free(&w);
  }
  return w;
}

/* "His claim that he doesn't know her name is hard to believe": a
 * report in the sentence's subject [c0, c1) ends where a second
 * auxiliary (data: fin) follows its own verb, not one after "and", a
 * comma, a relative pronoun or a subordinator. */
static size_t subject_clause_end(const struct analysis *a, size_t c0,
                                 size_t c1) {
  bool verb = false;
  for (size_t k = c0; k < c1; k++) {
    const struct token *t = &a->t[k];
    if (t->type != T_WORD || t->in_span >= 0) {
      if (t->type != T_WORD && !is_punct(t, "'"))
        verb = false; /* a comma or a mark: a new clause may start */
      continue;
    }
    if (fw_is(a, t->low, PC_FW_CONJ) || fw_is(a, t->low, PC_FW_CONTRAST) ||
        fw_is(a, t->low, PC_FW_REL) || fw_is(a, t->low, PC_FW_SUB) ||
        is_comp(a, k) || low_eq(t, "if") || low_eq(t, "when"))
      verb = false;
    else if (fw_is(a, t->low, PC_FW_FIN) && verb)
      return k;
    else if (fw_is(a, t->low, PC_FW_FIN) || ed_form(a, k))
      verb = true;
  }
  return c1;
}

/* "his suggestion that a judge can't be impartial", "Trump's statement
 * earlier this year that ...", "issued a statement that ...": a speech
 * noun with a content clause after "that" (at k) reports it; not a
 * relative clause ("the statement that he made", "the claim that was
 * rejected": a verb right after "that", or one that makes or reports
 * the noun after its subject).  Where reading goes on, 0 when it is no
 * such report. */
static size_t noun_report(struct analysis *a, const struct sentence *sn,
                          size_t k) {
  size_t t0 = sn->t0, t1 = sn->t1;
  if (!is_comp(a, k) || k < t0 + 2 || k + 3 >= t1 || a->t[k].in_span >= 0 ||
      a->t[k + 1].type != T_WORD || fw_is(a, a->t[k + 1].low, PC_FW_FIN) ||
      ed_form(a, k + 1) || preposition(a, a->t[k + 1].low) ||
      (stop_word(a, a->t[k + 1].low) &&
       !fw_is(a, a->t[k + 1].low, PC_FW_SUBJ)))
    return 0;
  size_t n = speech_noun_before(a, t0, k);
  if (!n)
    return 0;
  for (size_t j = k + 2; j < t1 && j < k + 6; j++) {
    if (a->t[j].type != T_WORD)
      break;
    if (fw_is(a, a->t[j].low, PC_FW_MAKE) || a->t[j].cue)
      return 0; /* "the allegation that he denied" */
    if (fw_is(a, a->t[j].low, PC_FW_FIN))
      break;
  }
  struct speaker_ref w = noun_owner(a, t0, n);
  if (!w.name)
    return 0;
  size_t c1 = clause_end(a, k + 1, t1, sn->sp0, sn->sp1);
  if (n <= t0 + 3)
    c1 = subject_clause_end(a, k + 1, c1);
  return sentence_report(a, sn, k + 1, c1, &w, cue_text(a, n, 1), t0, t1);
}

/* Whether entity e speaks a quote found so far (the body's, read before
 * the title). */
static bool quoted_before(const struct analysis *a, int e) {
  for (size_t i = 0; i < a->nq; i++)
    if (a->q[i].ent == e)
      return true;
  return false;
}

/* "Jane Roe: The plan will fail", "Acme Corp: ‘We did nothing wrong’": a
 * headline whose label before a colon names a person or an organisation
 * the article quotes gives the rest as that one's words, with no cue.
 * True when it did.  "The Latest:", "EXCLUSIVE:", a topic ("Tax reform:
 * ...") or a question about someone ("Jane Roe: hero or villain?") are
 * no one's words. */
bool pc_att_headline_label(struct analysis *a, size_t t0, size_t t1) {
  enum { LABEL_MAX = 6 };
  size_t k = t0; /* words, and the dot of a title ("Dr. Jane Roe:") */
  while (k < t1 && k < t0 + LABEL_MAX &&
         (a->t[k].type == T_WORD ||
          (k > t0 && is_punct(&a->t[k], ".") &&
           in_list_of(a, &a->lex->honorifics, a->t[k - 1].low))))
    k++;
  /* "Dear Abby:": an advice column's name opens a reader's letter */
  if (k == t0 || k + 1 >= t1 || !is_punct(&a->t[k], ":") ||
      low_eq(&a->t[t0], "dear"))
    return false;
  /* to a semicolon (a second headline follows) or the end, less the
   * stop */
  size_t c1 = k + 1;
  while (c1 < t1 && !(is_punct(&a->t[c1], ";") && a->t[c1].in_span < 0))
    c1++;
  while (c1 > k + 1 &&
         (is_punct(&a->t[c1 - 1], ".") || is_punct(&a->t[c1 - 1], ",")))
    c1--;
  if (c1 <= k + 1 || is_punct(&a->t[t1 - 1], "?"))
    return false;
  /* "Jane Roe praises Tom Bell: ‘...’": a cue inside the label reports
   * the words after the colon; its subject is the speaker */
  size_t ne = k;
  for (size_t j = t0 + 1; j < k && ne == k; j++)
    if (a->t[j].cue)
      ne = j;
  struct speaker_ref w = pc_att_resolve_np(a, t0, ne);
  pc_entity_type ty = w.ent >= 0 ? a->en[w.ent].type : 0;
  /* someone the body quotes (the title names no one new, entities.c),
   * or a person whose given name the body gives ("Roe:" for Jane Roe;
   * not "Tennis Podcast: Cup finals open in Madrid", a show the body
   * names), or a person the body does not name known by a given name
   * and a surname ("Ann Roe:"), not by any capitalised words ("Big Win
   * For Bernie:") */
  bool known = ((ty == PC_ENTITY_PERSON || ty == PC_ENTITY_ORG) &&
                quoted_before(a, w.ent)) ||
               (ty == PC_ENTITY_PERSON && a->en[w.ent].gender) ||
               (w.ent < 0 && k - t0 >= 2 && k - t0 <= 3 &&
                list_tag_of(a, &a->lex->given, a->t[t0].low) &&
                (a->t[t0 + 1].flags & F_CAP) && (a->t[k - 1].flags & F_CAP));
  if (!known) {
    who_free(&w);
    return false;
  }
  size_t only = 0;
  int n = spans_inside(a, k + 1, c1, 0, 0, &only);
  pc_quote_kind kind =
      n == 0 ? PC_QUOTE_INDIRECT
      : n == 1 && a->sp[only].o == k + 1 && a->sp[only].c + 1 == c1
          ? PC_QUOTE_DIRECT
          : PC_QUOTE_MIXED;
  add_quote(a, a->t[k].block, k + 1, c1, kind, &w, NULL, -1, t0, t1);
  who_free(&w);
  return true;
}

/* Whether [t0, t1) is a question outside quotation marks that opens
 * with an auxiliary or a modal (data: fin): "Would Roe have said so?". */
static bool yes_no_question(const struct analysis *a, size_t t0, size_t t1) {
  size_t e = t1;
  while (e > t0 && a->t[e - 1].type == T_QCLOSE)
    e--;
  return e > t0 + 2 && is_punct(&a->t[e - 1], "?") &&
         a->t[e - 1].in_span < 0 && a->t[t0].type == T_WORD &&
         a->t[t0].in_span < 0 && a->t[t0].opens < 0 &&
         fw_is(a, a->t[t0].low, PC_FW_FIN);
}

/* Speech in the sentence [t0, t1): frames, cue verbs, quoted spans. */
void pc_att_speech_in(struct analysis *a, size_t t0, size_t t1, size_t sp0,
                      size_t sp1, int parent, int depth) {
  const struct sentence sn = {t0, t1, sp0, sp1, parent, depth};
  /* "For GOP, a golden opportunity": a headline's frames are the
   * headline's own words */
  bool found = false, frames = depth == 0 && !title_block(a, a->t[t0].block);
  if (frames)
    found = frame_first(a, &sn);
  if (!found && frames)
    found = frame_inside(a, &sn);
  if (!found && frames)
    found = as_frame(a, &sn);
  size_t last_comma = 0;
  if (depth == 0 && !found)
    last_comma = final_attribution(a, &sn);
  /* "Would Roe have pleaded to keep it secret?": a question that opens
   * with an auxiliary or modal (data: fin) asks; its cues report
   * nothing */
  if (depth == 0 && parent < 0 && yes_no_question(a, t0, t1))
    found = true;
  struct speaker_ref prev = {NULL, -1,
                             NULL}; /* the last speaker in this sentence */
  size_t prev_i = t1; /* the cue of prev, t1 when none */
  bool prev_post = false; /* prev reported the words before it */
  for (size_t i = t0; i < t1 && (!found || prev.name); i++) {
    size_t pb = i >= last_comma ? passive_by(a, &sn, i) : 0;
    if (pb > i) {
      i = pb - 1;
      continue;
    }
    size_t nr = i >= last_comma ? noun_report(a, &sn, i) : 0;
    if (nr > i) {
      i = nr - 1;
      continue;
    }
    size_t len = cue_at(a, i, t1, sp0, sp1);
    if (!len || i < last_comma)
      continue;
    struct cue c = {i, len, i + len, i, i + len, false};
    /* "Obama rebuked critics who say ..., saying ...": the participle is
     * the sentence's, not the relative clause's */
    struct speaker_ref none = {NULL, -1, NULL};
    bool own = prev_i < t1 && participle_form(a, a->t[i].low) &&
               relative_cue(a, t0, prev_i);
    /* "X talked about trade, but Roe brought him back to it, asking":
     * a clause after ", but" with a subject of its own stands between
     * the cue before and this one, so they do not share a speaker */
    own = own || (prev_i < t1 && clause_after_but(a, prev_i, i) > prev_i);
    struct speaker_ref w = cue_subject(a, &sn, &c, own ? &none : &prev);
    speaker_right(a, &sn, &c, &w);
    if (w.name && !c.post)
      poll_share(a, &sn, i, &w);
    infinitive_subject(a, &sn, i, &w);
    /* '“...,” said Roe, who will testify Thursday': a relative clause on
     * the speaker after an attribution that reported the words before
     * it does not report them again */
    bool again = c.post && prev_post && rel_in_words_before(a, i, 3);
    if (again || !cue_accepted(a, &sn, &c, &w)) {
      who_free(&w);
      continue;
    }
    char *cue = cue_text(a, i, len);
    size_t first = a->nq;
    if (c.post)
      report_before(a, &sn, &c, &w, cue);
    else
      report_after(a, &sn, &c, &w, cue);
    if (a->nq == first && !found)
      spans_as_speech(a, &sn, &w, cue, c.after);
    if (parent < 0 && a->nq > first)
      a->last_speaker_q = (int)first;
    free(cue);
    /* "The senator gave Jo Ames some credit during the interview,
     * saying ...": a cue's noun form (weak) that reported nothing was
     * a noun, no verb of the clause; the participle after it does not
     * share its speaker */
    if (a->nq == first && (a->t[i].flags & F_WEAK)) {
      who_free(&w);
      continue;
    }
    who_free(&prev);
    prev = w; /* "..., but he said that ...", "..., adding that ..." */
    prev_i = i;
    prev_post = c.post;
    found = true;
    if (c.consumed > i + 1)
      i = c.consumed - 1;
  }
  who_free(&prev);
  /* quoted spans no cue reported: spans.c (in a headline only those
   * that open it; others are scare quotes or names) */
  if (depth == 0 && parent < 0 && title_block(a, a->t[t0].block))
    pc_att_title_spans_in(a, t0, t1, a->sent_q0);
  else if (depth == 0 && parent < 0)
    pc_att_spans_in(a, t0, t1, a->sent_q0);
}
