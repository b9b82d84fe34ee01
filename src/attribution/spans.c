/*
 * spans.c - 4b. quoted spans first: after the cue analysis of a sentence
 * (speech.c), each quoted span that no quote covers and that reads as a
 * quotation (several words, a sentence's shape) becomes a quote of its
 * own, with a speaker found around it, in this order:
 *   after the span   '“...,” Smith said [adjuncts].', '“...?” asked Smith.'
 *                    (also across a sentence end after '?', '!' or '.');
 *   before the span  'Smith said: “...”', 'Another commenter said, “...”';
 *   a roundup        'Jane Doe, The Daily Herald: “...”', 'Clinton: “...”';
 *   continuation     a span opening a sentence, shortly after a quote of
 *                    the last speaker, continues that speaker.
 * A span attached to the cue after it takes that cue's complement back:
 * '“We will win,” Smith told supporters at a rally.' reports the span,
 * not "supporters at a rally".  Every search is bounded by a few words.
 * In a headline only a span that opens it (or follows its colon) is
 * read, before an attribution or as a pull quote before a colon: the
 * others are scare quotes or names (pc_att_title_spans_in).
 */
#include "analysis.h"
#include <string.h>
#include <utf8proc.h>

enum { NP_MAX = 9 /* words of a speaker phrase */, CUE_REACH = 14 };

static bool verb_shape(const struct analysis *a, size_t i);

/* "Sen." in "said Sen. Jeff Merkley": the dot of an abbreviation at i
 * (a title, or one capital letter), inside a phrase that starts at n0. */
static bool abbrev_dot(const struct analysis *a, size_t i, size_t n0) {
  return i > n0 && is_punct(&a->t[i], ".") &&
         (in_list_of(a, &a->lex->honorifics, a->t[i - 1].low) ||
          (strlen(a->t[i - 1].low) == 1 && (a->t[i - 1].flags & F_CAP)));
}

/* Words inside span s; whether it ends with a clause's punctuation. */
static size_t span_words(const struct analysis *a, const struct quoted_span *s,
                         bool *ends) {
  size_t n = 0;
  for (size_t k = s->o + 1; k < s->c; k++)
    n += a->t[k].type == T_WORD;
  size_t last = s->c;
  while (last > s->o + 1 && a->t[last - 1].type == T_QCLOSE)
    last--;
  *ends = last > s->o + 1 && a->t[last - 1].type == T_PUNCT &&
          (is_end_punct(&a->t[last - 1]) || is_punct(&a->t[last - 1], ","));
  return n;
}

/* Whether quoted span si holds a title's words ("Meet the Press",
 * "Shark Tank"): up to max words, each one of more than three letters
 * capitalised. */
bool pc_att_title_words(const struct analysis *a, size_t si, size_t max) {
  enum { LONG = 3 };
  const struct quoted_span *s = &a->sp[si];
  if (!s->upper || s->c <= s->o)
    return false;
  size_t n = 0;
  for (size_t k = s->o + 1; k < s->c; k++) {
    const struct token *t = &a->t[k];
    if (t->type == T_WORD &&
        (++n > max || (strlen(t->low) > LONG && !(t->flags & F_CAP))))
      return false;
  }
  return n > 0;
}

/* Whether span si is a title inside a noun phrase ("the show “Night
 * Court,” said", "the “Save the Bridge” crowd"): closed, a title's words
 * of up to five, with no end punctuation inside, right after a
 * lower-case word of the sentence that is no cue but "told" ("Roe said
 * “Never again,”" quotes).  A quotation opens its clause instead: at the
 * sentence's start, or after a comma, a colon or a cue. */
bool pc_att_title_span(const struct analysis *a, size_t si) {
  enum { TITLE_MAX = 5, WORK_MAX = 14 };
  const struct quoted_span *s = &a->sp[si];
  if (!s->closed || s->o == 0 || s->c <= s->o + 1)
    return false;
  const struct token *p = &a->t[s->o - 1];
  /* ('told “Fox and Friends,” adding': after "told" or "asked", data:
   * tell, the title names who was told) */
  bool tell = p->cue && fw_is(a, p->low, PC_FW_TELL);
  bool prep = p->type == T_WORD && preposition(a, p->low);
  /* ('From “The Long Road Home” by Jane Roe': a preposition that opens
   * the sentence) */
  if (p->type != T_WORD ||
      ((p->flags & F_CAP) && !(prep && (p->flags & F_SENT))) ||
      (p->cue && !tell) || p->block != s->block)
    return false;
  /* ("said on “Meet the Press.”", 'told “Today.”': after a preposition
   * or "told" the sentence's full stop may stand inside the closing
   * mark) */
  bool stop_ok = tell || prep;
  for (size_t k = s->o + 1; k < s->c; k++)
    if (a->t[k].type == T_PUNCT && is_end_punct(&a->t[k]) &&
        !(stop_ok && k + 1 == s->c && is_punct(&a->t[k], ".")))
      return false;
  /* ('excerpted from “Superminds: The Surprising Power of People and
   * Computers Thinking Together”': after a preposition a work's title
   * may be long, every long word capitalised) */
  return pc_att_title_words(a, si, prep ? WORK_MAX : TITLE_MAX);
}

/* Whether span s reads as a quotation, not a scare quote, a title or a
 * nickname: a clause's words with its punctuation, or a long run (2);
 * a capitalised word or two with their punctuation ('“Denver,” he
 * answered', '“USA! USA!”') when an attribution stands right by (1). */
static int quotation_like(const struct analysis *a,
                          const struct quoted_span *s) {
  if (s->c <= s->o + 1 || pc_att_title_span(a, (size_t)(s - a->sp)))
    return 0;
  bool ends = false;
  size_t n = span_words(a, s, &ends);
  /* ('„Wir bauen die Brücke“, sagte sie', '"We will win", he said': a
   * sentence's opening quotation ends its clause at the comma after the
   * marks, in the British and the continental styles, when the clause
   * goes on in lower case; not a list of quoted phrases ('«Avoir peur»,
   * «des nœuds»') or a name and its place ('„Parkhotel“, Tegernsee') */
  ends = ends || ((a->t[s->o + 1].flags & F_SENT) && s->c + 2 < a->nt &&
                  a->t[s->c + 2].block == s->block &&
                  is_punct(&a->t[s->c + 1], ",") &&
                  a->t[s->c + 2].type == T_WORD &&
                  !(a->t[s->c + 2].flags & F_CAP));
  if (!s->closed) /* open to the paragraph's end: a quotation that goes on */
    return n >= 3 && s->upper ? 2 : 0;
  if ((n >= 3 && ends && s->upper) || n >= 8)
    return 2;
  return n >= 1 && ends && s->upper ? 1 : 0;
}

/* Whether a quote already found holds span s's words. */
static bool covered(const struct analysis *a, const struct quoted_span *s) {
  for (size_t q = 0; q < a->nq; q++) {
    const struct found_quote *f = &a->q[a->nq - 1 - q];
    if (q > 64) /* the last quotes are the sentence's */
      break;
    if (f->block == s->block && f->s < s->e && f->e > s->s)
      return true;
  }
  return false;
}

/* A cue word at i (outside spans, not a name's word). */
static bool cue_word(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  return k->type == T_WORD && k->cue && k->in_span < 0 &&
         (!(k->flags & F_CAP) || (k->flags & F_SENT)) &&
         !(k->flags & F_QREQ);
}

/* The speaker named by [n0, n1): resolved, else the phrase's own words. */
static struct speaker_ref name_np(struct analysis *a, size_t n0, size_t n1) {
  struct speaker_ref w = pc_att_resolve_np(a, n0, n1);
  if (!w.name && n1 > n0) {
    for (size_t k = n0; k < n1; k++)
      if (a->t[k].type != T_WORD || stop_word(a, a->t[k].low) ||
          a->t[k].cue)
        return w; /* not a plain noun phrase */
    w.name = pc_att_np_text(a, n0, n1);
  }
  return w;
}

/* Whether the attribution that starts at k ends the sentence within a few
 * words: "said Tuesday.", "told a crowd in Ohio." (not a second clause). */
static bool ends_soon(const struct analysis *a, size_t k, size_t lim) {
  for (size_t z = k; z < lim && z < k + 12; z++) {
    if (is_end_punct(&a->t[z]) || a->t[z].type == T_QOPEN)
      return true;
    if (a->t[z].type == T_PUNCT && !is_punct(&a->t[z], ",") &&
        !is_punct(&a->t[z], "."))
      return false;
    if (is_punct(&a->t[z], ",") && z + 1 < lim &&
        (is_comp(a, z + 1) || fw_is(a, a->t[z + 1].low, PC_FW_CONJ)))
      return false;
  }
  return true;
}

/* After the party tag that follows a name at n ('said Sen. Jo Ames
 * (D-Ill.) in an interview'): the token after its closing parenthesis;
 * n when none stands there. */
static size_t party_end(const struct analysis *a, size_t n, size_t lim) {
  if (n >= lim || !is_punct(&a->t[n], "("))
    return n;
  for (size_t z = n + 1; z < lim && z < n + 8; z++)
    if (is_punct(&a->t[z], ")"))
      return z + 1;
  return n;
}

/* '“...,” Smith said', '“...,” said Smith': the cue right after the
 * span (k: the first token after its marks, lim: the window's end).
 * Returns the speaker; *cue_i is the cue's token. */
static struct speaker_ref after_span(struct analysis *a, size_t k, size_t lim,
                                     size_t *cue_i) {
  struct speaker_ref w = {NULL, -1, NULL};
  if (k < lim && is_punct(&a->t[k], ","))
    k++;
  if (k >= lim || a->t[k].type != T_WORD)
    return w;
  if (cue_word(a, k)) { /* "said Smith", "asked John Smith" */
    size_t e = k + a->t[k].cue;
    size_t n = e;
    while (n < lim && n < e + NP_MAX &&
           ((a->t[n].type == T_WORD && !stop_word(a, a->t[n].low)) ||
            abbrev_dot(a, n, e)))
      n++;
    /* ('“...,” read one.': a bare number word stands for a thing named
     * before, one of the remarks or the signs, and names no one) */
    if (n > e && (n >= lim || a->t[n].type == T_PUNCT) &&
        ends_soon(a, party_end(a, n, lim), lim) &&
        !(n == e + 1 && a->t[e].ent < 0 && fw_is(a, a->t[e].low, PC_FW_NUM))) {
      w = name_np(a, e, n);
      *cue_i = k;
    }
    return w;
  }
  size_t j = k; /* "Smith said", "the former senator has said" */
  while (j < lim && j < k + NP_MAX && (a->t[j].type == T_WORD ||
                                       abbrev_dot(a, j, k)) &&
         !cue_word(a, j))
    j++;
  if (j < lim && j > k && !cue_word(a, j)) {
    j = k + 1;
    while (j < lim && j < k + NP_MAX && a->t[j].type == T_WORD &&
           !verb_shape(a, j) && !stop_word(a, a->t[j].low))
      j++;
  }
  /* '“...,” the man shouted': a verb not in the lexicon after a short
   * phrase that ends the sentence */
  bool shape = j < lim && j > k && !cue_word(a, j) && verb_shape(a, j) &&
               !aux_word(a, a->t[j].low) && ends_soon(a, j + 1, lim);
  if (j >= lim || j == k || !(cue_word(a, j) || shape) ||
      !ends_soon(a, j + (shape ? 1 : a->t[j].cue), lim))
    return w;
  size_t n1 = j;
  while (n1 > k + 1 && aux_word(a, a->t[n1 - 1].low))
    n1--;
  w = pc_att_speaker_left(a, k, j);
  if (!w.name)
    w = name_np(a, k, n1);
  if (w.name)
    *cue_i = j;
  return w;
}

/* The speaker of the sentence's last quote (from q0 on) into *w. */
static bool sentence_speaker(const struct analysis *a, size_t q0,
                             struct speaker_ref *w) {
  for (size_t q = a->nq; q > q0; q--) {
    const struct found_quote *f = &a->q[q - 1];
    if (f->speaker && f->parent < 0) {
      w->name = strdup(f->speaker);
      w->ent = f->ent;
      w->role = f->role ? strdup(f->role) : NULL;
      return w->name != NULL;
    }
  }
  return false;
}

/* "remarking": a lower-case word ending in -ing. */
static bool ing_form(const struct analysis *a, size_t i) {
  return lower_suffix(&a->t[i], "ing", 5);
}

/* A verb's shape: a lower-case word ending in -ed or -s (not -ss), or a
 * past form of the lexicon ("put", "sought", "went": data ipast) after
 * no determiner, possessive or preposition (not "The paid staff"). */
static bool verb_shape(const struct analysis *a, size_t i) {
  const struct token *k = &a->t[i];
  size_t n = strlen(k->low);
  if (k->type != T_WORD || (k->flags & F_CAP) || n < 3)
    return false;
  const struct token *p = i > 0 ? &a->t[i - 1] : NULL;
  bool modifies = p && p->type == T_WORD &&
                  (determiner(a, p->low) || fw_is(a, p->low, PC_FW_POSS) ||
                   preposition(a, p->low));
  return strcmp(k->low + n - 2, "ed") == 0 ||
         (!modifies && (fw_is(a, k->low, PC_FW_IPAST) ||
                        fw_is(a, k->low, PC_FW_VPAST))) ||
         (k->low[n - 1] == 's' && k->low[n - 2] != 's' &&
          k->low[n - 2] != '\'' && !stop_word(a, k->low));
}

static struct speaker_ref clause_subject(struct analysis *a, size_t s0,
                                         size_t p);

/* "Sembler responded in a text message: “...”", "It continued: “...”":
 * the subject of a short clause that ends at the colon p, when its verb
 * is not a cue of the lexicon. */
static struct speaker_ref colon_subject(struct analysis *a, size_t t0,
                                        size_t p) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t s0 = t0;
  for (size_t k = p; k > t0 && p - k < 2 * NP_MAX; k--)
    if (is_punct(&a->t[k - 1], ",")) {
      s0 = k;
      break;
    }
  while (s0 < p && a->t[s0].type == T_WORD && stop_word(a, a->t[s0].low) &&
         !in_list_of(a, &a->lex->pronouns, a->t[s0].low))
    s0++; /* "to which O'Malley interjected:" */
  if (s0 >= p || p - s0 > 2 * NP_MAX)
    return w;
  for (size_t k = s0; k < p; k++)
    if (a->t[k].type != T_WORD)
      return w;
  return clause_subject(a, s0, p);
}

/* The subject of the clause that starts at s0: the phrase before its
 * first word with a verb's shape, before p. */
static struct speaker_ref clause_subject(struct analysis *a, size_t s0,
                                         size_t p) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t v = s0 + 1;
  while (v < p && v < s0 + NP_MAX && a->t[v].type == T_WORD &&
         !verb_shape(a, v) && !aux_word(a, a->t[v].low))
    v++;
  if (v >= p || v >= s0 + NP_MAX || a->t[v].type != T_WORD)
    return w;
  w = pc_att_resolve_np(a, s0, v);
  if (!w.name && determiner(a, a->t[s0].low))
    w = name_np(a, s0, v);
  return w;
}

/* 'Smith said: “...”', 'Another commenter said, “...”', 'Clinton: “...”'
 * before the span that opens at o (the sentence starts at t0). */
static struct speaker_ref before_span(struct analysis *a, size_t t0, size_t o,
                                      size_t q0, size_t *cue_i) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t p = o;
  if (p > t0 && (is_punct(&a->t[p - 1], ":") || is_punct(&a->t[p - 1], ",")))
    p--;
  bool colon = p < o && is_punct(&a->t[p], ":");
  if (p > t0 + 1 && p < o && (cue_word(a, p - 1) || ing_form(a, p - 1)) &&
      is_punct(&a->t[p - 2], ",")) {
    /* "..., adding, “...”": the sentence's speaker, or its subject */
    if (!sentence_speaker(a, q0, &w))
      w = clause_subject(a, t0, p - 2);
    if (w.name) {
      *cue_i = p - 1;
      return w;
    }
  }
  if (p > t0 && cue_word(a, p - 1) && (p < o || a->t[p - 1].cue == 1)) {
    w = pc_att_speaker_left(a, t0, p - 1); /* "Smith said, “...”" */
    if (!w.name) { /* "The crowd began yelling “...”": no aux word */
      size_t ne = pc_att_skip_adverbs(a, t0, p - 1);
      w = name_np(a, pc_att_np_start(a, t0, ne), ne);
    }
    if (w.name)
      *cue_i = p - 1;
    return w;
  }
  if (!colon)
    return w;
  /* "The email goes on to say:", "released the following statement:" */
  for (size_t j = p; j > t0 && j + CUE_REACH > p; j--)
    if (cue_word(a, j - 1)) {
      w = pc_att_speaker_left(a, t0, j - 1);
      size_t ne = pc_att_skip_adverbs(a, t0, j - 1);
      if (!w.name)
        w = name_np(a, pc_att_np_start(a, t0, ne), ne);
      if (w.name) {
        *cue_i = j - 1;
        return w;
      }
      who_free(&w);
      break;
    }
  /* a roundup: "Jane Doe, The Daily Herald:", "Clinton:" at the start;
   * a title's dot and a party tag are the name's ("Rep. Jo Ames
   * (R-Ky.):") */
  size_t pe = pc_att_paren_tag(a, t0, p);
  size_t b = pe;
  while (b > t0 && pe - b < NP_MAX &&
         (a->t[b - 1].type == T_WORD || abbrev_dot(a, b - 1, t0)))
    b--;
  if (b > t0 && !is_punct(&a->t[b - 1], ","))
    return w;
  if (b > t0 && b - 1 > t0) { /* "Jane Doe, The Daily Herald:" */
    size_t b2 = b - 1;
    while (b2 > t0 && b - 1 - b2 < NP_MAX && a->t[b2 - 1].type == T_WORD &&
           (a->t[b2 - 1].flags & F_CAP))
      b2--; /* a name's words */
    if (b2 == t0) {
      w = pc_att_resolve_np(a, b2, b - 1);
      if (w.name && w.ent >= 0)
        return w;
      who_free(&w);
    }
  }
  bool verb = false; /* "Mook agreed:", "X issued a statement:" */
  for (size_t k = b + 1; k < pe; k++)
    verb = verb || verb_shape(a, k);
  if (b == t0 && pe > b && !verb)
    w = pc_att_resolve_np(a, b, pe);
  if (w.name && w.ent < 0 && !w.role)
    who_free(&w);
  if (!w.name && p + 1 == o)
    w = colon_subject(a, t0, p);
  return w;
}

/* Quotes found from the cue at ci onwards in [q0, nq), none holding a
 * quoted span: a complement that the span's attribution takes back. */
static void drop_complement(struct analysis *a, size_t q0, size_t ci) {
  size_t out = q0;
  int map_last = a->last_speaker_q;
  for (size_t q = q0; q < a->nq; q++) {
    struct found_quote *f = &a->q[q];
    bool drop = f->block == a->t[ci].block && f->s >= a->t[ci].e &&
                f->kind == PC_QUOTE_INDIRECT && f->parent < (int)q0;
    if (drop) {
      free(f->speaker), free(f->role), free(f->cue), free(f->date);
      if (map_last == (int)q)
        map_last = -1;
      continue;
    }
    if (map_last == (int)q)
      map_last = (int)out;
    if (f->parent >= (int)q0) /* children of a dropped quote go too */
      f->parent = -1;
    a->q[out++] = *f;
  }
  a->nq = out;
  a->last_speaker_q = map_last;
}

/* A quote of span s by w. */
static int add_span(struct analysis *a, const struct quoted_span *s,
                    const struct speaker_ref *w, const char *cue, size_t t0,
                    size_t t1) {
  return pc_att_push_quote(a, s->block, s->s, s->e,
                           s->upper ? PC_QUOTE_DIRECT : PC_QUOTE_MIXED, w, cue,
                           -1, t0, t1);
}

/* The quote whose voice a later quotation continues: the last speaker's,
 * unless that is an indirect report inside a sentence that quoted
 * someone else in marks first ('“...,” Trump said after Nabisco
 * announced it would close a plant.  “...”', '“...,” said Roe, who
 * said she would march'): the clause reports in passing, the marks carry
 * the sentence's voice on. */
static const struct found_quote *last_voice(const struct analysis *a) {
  const struct found_quote *lq = &a->q[a->last_speaker_q];
  if (lq->kind != PC_QUOTE_INDIRECT)
    return lq;
  for (size_t q = (size_t)a->last_speaker_q; q-- > 0;) {
    const struct found_quote *f = &a->q[q];
    if (f->t0 != lq->t0)
      break;
    if (f->parent < 0 && f->kind != PC_QUOTE_INDIRECT && f->speaker)
      return f;
  }
  return lq;
}

/* The last speaker, when its quote stands in this block or the one
 * before: a span opening a sentence continues it. */
static struct speaker_ref continued(const struct analysis *a, size_t t0,
                                    const struct quoted_span *s, bool strict) {
  struct speaker_ref w = {NULL, -1, NULL};
  if (a->last_speaker_q < 0 || (strict && (s->o > t0 + 1 || !s->upper)))
    return w;
  const struct found_quote *lq = last_voice(a);
  if (!lq->speaker || lq->block + 2 < s->block)
    return w;
  w.name = strdup(lq->speaker);
  w.ent = lq->ent;
  w.role = lq->role ? strdup(lq->role) : NULL;
  return w;
}

/* "... advice from one of the study authors, Owen Dempsey, a chest
 * doctor.  ¶ “...”": a paragraph of quotation right after one that
 * introduces one person with a role (first named there, after a comma)
 * goes to that person when the last speaker is no person; -1 when there
 * is none. */
static int introduced_person(const struct analysis *a,
                             const struct quoted_span *s) {
  if (a->last_speaker_q < 0 || s->block == 0)
    return -1;
  const struct found_quote *lq = &a->q[a->last_speaker_q];
  if (lq->ent >= 0 && a->en[lq->ent].type == PC_ENTITY_PERSON)
    return -1;
  int found = -1;
  for (size_t k = s->o; k-- > lq->t1 && a->t[k].block + 1 >= s->block;) {
    int e = a->t[k].ent;
    if (e < 0 || a->t[k].block + 1 != s->block)
      continue;
    if (a->en[e].type != PC_ENTITY_PERSON)
      continue; /* "a doctor at the Aberdeen Royal Infirmary" */
    if (a->t[k].in_span >= 0 || found >= 0)
      return -1; /* two people, or one quoted */
    size_t f = k;
    while (f > 0 && a->t[f - 1].ent == e)
      f--;
    if (!a->en[e].role || f == 0 || !is_punct(&a->t[f - 1], ","))
      return -1;
    for (size_t z = 0; z < f; z++)
      if (a->t[z].ent == e)
        return -1; /* named before: no introduction */
    found = e;
    k = f;
  }
  return found;
}

/* "Dashing into a lunch, Senator Jo Roe, Republican of Ohio, called over
 * her shoulder, “...”", "One early backer, Jo Roe, a Democrat, gave the
 * idea a whirl: “...”": a person named where the sentence [t0, o) opens
 * or right after its first comma (titles before the name), then an
 * apposition in commas, if any, and a verb's shape or an auxiliary is
 * the sentence's subject; no name when there is none. */
static struct speaker_ref opening_person(struct analysis *a, size_t t0,
                                         size_t o) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t st[2] = {t0, o};
  for (size_t k = t0; k < o && k < t0 + 2 * NP_MAX; k++)
    if (a->t[k].type != T_WORD) {
      if (is_punct(&a->t[k], ","))
        st[1] = k + 1;
      break;
    }
  for (int n = 0; n < 2 && !w.name; n++) {
    size_t k = st[n];
    while (k < o && k < st[n] + 3 && a->t[k].ent < 0 &&
           ((a->t[k].type == T_WORD && (a->t[k].flags & F_CAP)) ||
            (k > st[n] && is_punct(&a->t[k], "."))))
      k++; /* "Senator", "Rep." */
    int e = k < o ? a->t[k].ent : -1;
    if (e < 0 || a->en[e].type != PC_ENTITY_PERSON || a->t[k].in_span >= 0)
      continue;
    size_t v = k;
    while (v < o && a->t[v].ent == e)
      v++;
    if (v < o && is_punct(&a->t[v], ",")) { /* the apposition */
      size_t c = v + 1;
      while (c < o && c < v + 16 && a->t[c].type == T_WORD)
        c++;
      if (c >= o || !is_punct(&a->t[c], ","))
        continue;
      v = c + 1;
    }
    if (v < o && (verb_shape(a, v) || aux_word(a, a->t[v].low))) {
      w.ent = e;
      w.name = strdup(a->en[e].name);
      w.role = a->en[e].role ? strdup(a->en[e].role) : NULL;
    }
  }
  return w;
}

/* The subject of the sentence [t0, ...) that a span opening at o stands
 * inside with no cue: "Moore thanked him for “...”", "He vowed that
 * “...”".  Only a phrase that names someone: a person, an organisation,
 * a role or a pronoun. */
static struct speaker_ref mid_subject(struct analysis *a, size_t t0,
                                      size_t o) {
  struct speaker_ref w = clause_subject(a, t0, o);
  if (w.name && w.ent < 0 && !w.role)
    who_free(&w);
  /* "Earlier this week, Roe shared ...": after a short phrase that opens
   * the sentence at its comma; "Sen. Jo Roe, R-Ky., delivered ...": a
   * person whose apposition ends at a comma before the verb */
  size_t c = t0;
  while (!w.name && c < o && c < t0 + NP_MAX && a->t[c].type == T_WORD)
    c++;
  if (!w.name && c > t0 && c + 2 < o && is_punct(&a->t[c], ",")) {
    int e = a->t[c - 1].ent;
    size_t d = c + 1;
    while (d < o && d < c + NP_MAX && !is_punct(&a->t[d], ","))
      d++;
    if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON) {
      if (d + 1 < o && is_punct(&a->t[d], ",") && verb_shape(a, d + 1))
        w = pc_att_resolve_np(a, t0, c);
    } else {
      w = clause_subject(a, c + 1, o);
    }
  }
  if (w.name && w.ent < 0 && !w.role)
    who_free(&w);
  if (!w.name)
    w = opening_person(a, t0, o);
  return w;
}

/* The cue's words, lower case. */
static char *cue_words(const struct analysis *a, size_t i) {
  char *s = pc_att_text_of(a, i, i + (a->t[i].cue ? a->t[i].cue : 1));
  for (char *p = s; p && *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p + 32);
  return s;
}

/* The end of the window after span s: the sentence's end, or the next
 * sentence's when s ends this one ('“Is it fair?” Smith asked.'), which
 * may be its paragraph's end with no point (a headline's "‘We won!’ Roe
 * says"). */
static size_t window_end(const struct analysis *a, const struct quoted_span *s,
                         size_t t1) {
  size_t e = t1;
  if (s->c + 1 < t1)
    return t1;
  size_t k = t1;
  /* the dot of "Mr." or "Sen." ends no sentence: '“...?” Mr. Kim asked.' */
  while (k < a->nt && k < t1 + CUE_REACH && a->t[k].block == s->block &&
         a->t[k].type != T_QOPEN &&
         (!is_end_punct(&a->t[k]) || abbrev_dot(a, k, t1)))
    k++;
  if (k < a->nt && a->t[k].block == s->block && is_end_punct(&a->t[k]))
    e = k + 1;
  else if (k > t1 && (k == a->nt || a->t[k].block != s->block))
    e = k;
  /* '“...?” Roe told the station in an interview aired on Monday when
   * asked ...': a question or an exclamation stands for the comma
   * before an attribution, whose first words are read however long its
   * sentence */
  else if (k == t1 + CUE_REACH && s->c > s->o + 1 &&
           (is_punct(&a->t[s->c - 1], "?") || is_punct(&a->t[s->c - 1], "!")))
    e = k;
  return e;
}

/* "Cruz continued:" or "X released the following statement:" ending the
 * paragraph before the one that the span at o opens: that sentence's
 * attribution, as before_span finds it. */
static struct speaker_ref colon_paragraph(struct analysis *a, size_t o,
                                          size_t q0, size_t *cue_i) {
  struct speaker_ref w = {NULL, -1, NULL};
  if (o < 2 || !is_punct(&a->t[o - 1], ":") ||
      a->t[o - 1].block + 1 != a->t[o].block)
    return w;
  size_t b = o - 1;
  while (b > 0 && o - b < 2 * NP_MAX + 8 &&
         a->t[b - 1].block == a->t[o - 1].block &&
         !is_end_punct(&a->t[b - 1]) && a->t[b - 1].type != T_QCLOSE)
    b--;
  if (b > 0 && a->t[b - 1].block == a->t[o - 1].block &&
      !is_end_punct(&a->t[b - 1]) && a->t[b - 1].type != T_QCLOSE)
    return w; /* too long a sentence */
  return before_span(a, b, o, q0, cue_i);
}

/* '“...” ― Jane Roe' or '“...” — Jane Roe, teacher' ending the
 * paragraph, or on a line of its own after a quoted paragraph ('- Jane
 * Roe.'): a roundup's attribution by a dash.  *cue_i gets the dash. */
static struct speaker_ref dash_name(struct analysis *a,
                                    const struct quoted_span *s,
                                    size_t *cue_i) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t d = s->c + 1;
  /* ('“...”' a paragraph of its own and '- Jo Roe.' the line after it,
   * a hyphen for the dash there) */
  bool line = d + 1 < a->nt && a->t[d].block == s->block + 1 &&
              (s->o == 0 || a->t[s->o - 1].block != s->block);
  uint32_t blk = line ? s->block + 1 : s->block;
  if (d + 1 >= a->nt || a->t[d].block != blk ||
      !(is_punct(&a->t[d], "\xE2\x80\x95") ||
        is_punct(&a->t[d], "\xE2\x80\x94") ||
        is_punct(&a->t[d], "\xE2\x80\x93") ||
        (line && is_punct(&a->t[d], "-"))))
    return w;
  size_t n = d + 1;
  while (n < a->nt && n < d + 1 + NP_MAX && a->t[n].block == blk &&
         (a->t[n].type == T_WORD || abbrev_dot(a, n, d + 1)))
    n++;
  /* the name, then at most an apposition, to the paragraph's end */
  size_t e = n;
  if (e < a->nt && a->t[e].block == blk && is_punct(&a->t[e], ","))
    while (e < a->nt && a->t[e].block == blk && e < n + 12 &&
           a->t[e].type != T_QOPEN)
      e++;
  if (e < a->nt && a->t[e].block == blk && !is_end_punct(&a->t[e]))
    return w;
  /* (a line of its own ends there) */
  if (line && e + 1 < a->nt && a->t[e].block == blk &&
      a->t[e + 1].block == blk)
    return w;
  if (n == d + 1 || !(a->t[d + 1].flags & F_CAP))
    return w;
  w = name_np(a, d + 1, n);
  if (w.name)
    *cue_i = d;
  return w;
}

/* 'Dianne Roe agreed. “...”': the sentence right before the one that a
 * quotation opens, in the same paragraph, is a speaker and a cue that
 * ends it, reporting nothing of its own; the quotation is what was
 * said.  *cue_i gets the cue. */
static struct speaker_ref cue_sentence_before(struct analysis *a, size_t t0,
                                              size_t *cue_i) {
  struct speaker_ref w = {NULL, -1, NULL};
  if (a->nsent < 2)
    return w;
  size_t p0 = a->sent0[(a->nsent - 2) % SENTS];
  if (p0 + 3 > t0 || a->t[p0].block != a->t[t0].block ||
      !is_end_punct(&a->t[t0 - 1]))
    return w;
  /* (a bare attribution: no quotation of its own, "“...,” Roe said.
   * “...”" goes on as before) */
  for (size_t z = p0; z < t0; z++)
    if (a->t[z].type == T_QOPEN || a->t[z].in_span >= 0)
      return w;
  size_t k = t0 - 1;
  while (k > p0 && k + 4 > t0 && !(a->t[k - 1].cue &&
                                   k - 1 + a->t[k - 1].cue == t0 - 1))
    k--;
  /* (a verb: not capitalised, not a noun's form: "the Huffington Post.") */
  if (k <= p0 || !a->t[k - 1].cue || k - 1 + a->t[k - 1].cue != t0 - 1 ||
      (a->t[k - 1].flags & (F_CAP | F_WEAK)))
    return w;
  w = pc_att_speaker_left(a, p0, k - 1);
  if (w.name && w.ent < 0 && !w.role)
    who_free(&w);
  if (w.name)
    *cue_i = k - 1;
  return w;
}

/* '“...,” Trumka said in March, “but when you look close ...”': whether
 * the span opening at o goes on from a quotation of the sentence [t0, o)
 * that closed a few words before it (the attribution in between). */
static bool resumed(const struct analysis *a, size_t t0, size_t o) {
  for (size_t k = o, words = 0; k-- > t0 && words <= 8;) {
    if (a->t[k].type == T_QCLOSE)
      return k + 1 < o;
    if (is_end_punct(&a->t[k]) || a->t[k].type == T_QOPEN)
      return false;
    words += a->t[k].type == T_WORD;
  }
  return false;
}

/* 'Roe returned to the issue later. “...?”': a quotation that opens its
 * sentence with no cue goes to the person named as the subject of the
 * sentence right before it, in the same paragraph, that reports nothing
 * of its own; -1 when there is none. */
static int subject_sentence_before(struct analysis *a, size_t t0) {
  if (a->nsent < 2 || t0 == 0 || !is_end_punct(&a->t[t0 - 1]))
    return -1;
  size_t p0 = a->sent0[(a->nsent - 2) % SENTS];
  if (p0 + 3 > t0 || a->t[p0].block != a->t[t0].block)
    return -1;
  for (size_t z = p0; z < t0; z++)
    if (a->t[z].type == T_QOPEN || a->t[z].in_span >= 0 || a->t[z].cue)
      return -1;
  struct speaker_ref w = clause_subject(a, p0, t0);
  int e = w.ent;
  who_free(&w);
  return e >= 0 && a->en[e].type == PC_ENTITY_PERSON ? e : -1;
}

/* "But you will always wonder, “What would have happened ...?”": quoted
 * words right after a verb of thinking (data: think), a comma, colon or
 * dash between or none, are a thought, unless an attribution follows
 * them. */
static bool thought_before(const struct analysis *a, size_t t0, size_t o) {
  size_t k = o;
  if (k > t0 && a->t[k - 1].type == T_PUNCT &&
      (is_punct(&a->t[k - 1], ",") || is_punct(&a->t[k - 1], ":") ||
       is_punct(&a->t[k - 1], "\xe2\x80\x94") ||
       is_punct(&a->t[k - 1], "\xe2\x80\x93")))
    k--;
  return k > t0 && a->t[k - 1].type == T_WORD && a->t[k - 1].in_span < 0 &&
         in_list_at(a, k - 1, &a->lex->fw[PC_FW_THINK]);
}

/* One uncovered span of the sentence [t0, t1) (q0: its first quote). */
static void attach(struct analysis *a, const struct quoted_span *s, size_t t0,
                   size_t t1, size_t q0, int like) {
  size_t ci = SIZE_MAX;
  size_t lim = window_end(a, s, t1);
  struct speaker_ref w = after_span(a, s->c + 1, lim, &ci);
  if (!w.name)
    w = dash_name(a, s, &ci);
  bool after = w.name != NULL;
  if (!after && thought_before(a, t0, s->o))
    return;
  if (!w.name)
    w = before_span(a, t0, s->o, q0, &ci);
  if (!w.name && s->o == t0)
    w = colon_paragraph(a, s->o, q0, &ci);
  if (!w.name && s->o == t0)
    w = cue_sentence_before(a, t0, &ci);
  /* a short span only with a cue right by it */
  if (w.name && like < 2 && !(after || ci + 2 >= s->o))
    who_free(&w);
  int ip = !w.name && like == 2 && s->o == t0 ? introduced_person(a, s) : -1;
  if (ip < 0 && !w.name && like == 2 && s->o == t0)
    ip = subject_sentence_before(a, t0);
  if (ip >= 0) {
    w.ent = ip;
    w.name = strdup(a->en[ip].name);
    w.role = a->en[ip].role ? strdup(a->en[ip].role) : NULL;
  }
  if (!w.name && like == 2)
    w = continued(a, t0, s, true);
  if (!w.name && like == 2 && resumed(a, t0, s->o))
    sentence_speaker(a, q0, &w); /* the speaker of the first part */
  if (!w.name && like == 2 && s->o > t0 + 1)
    w = mid_subject(a, t0, s->o); /* "Moore thanked him for “...”" */
  if (!w.name && like == 2) /* the nearest speaker before, if any */
    w = continued(a, t0, s, false);
  if (!w.name && like < 2) {
    who_free(&w);
    return;
  }
  if (after && ci < t1)
    drop_complement(a, q0, ci);
  char *cue = ci != SIZE_MAX ? cue_words(a, ci) : NULL;
  int q = add_span(a, s, &w, cue, t0, t1);
  if (q >= 0) {
    a->last_speaker_q = q;
    if (s->closed)
      pc_att_speech_in_quote(a, (size_t)(s - a->sp), q);
  }
  free(cue);
  who_free(&w);
}

/* The next quoted span from token *k on that no other holds and that
 * closes before t1, with *k moved to its closing mark; NULL when none. */
static const struct quoted_span *next_span(const struct analysis *a,
                                           size_t *k, size_t t1) {
  for (; *k < t1; (*k)++) {
    int si = a->t[*k].opens;
    if (si < 0 || a->t[*k].in_span >= 0)
      continue;
    const struct quoted_span *s = &a->sp[si];
    if (s->c >= t1 || s->c < *k)
      continue;
    *k = s->c;
    return s;
  }
  return NULL;
}

void pc_att_spans_in(struct analysis *a, size_t t0, size_t t1, size_t q0) {
  for (size_t k = t0; k < t1 && !a->oom; k++) {
    const struct quoted_span *s = next_span(a, &k, t1);
    if (!s)
      break;
    int like = quotation_like(a, s);
    if (like && !covered(a, s))
      attach(a, s, t0, t1, q0, like);
  }
}

/*** text in a language no lexicon reads ***********************************/

enum { FOREIGN_RUN = 4, FOREIGN_VERB = 2 };

/* The end of a run of 1 to FOREIGN_RUN capitalised words from k, in one
 * block and before a token that ends it (punctuation, a word in lower
 * case, the block's end); k when there is none. */
static size_t cap_run(const struct analysis *a, size_t k) {
  size_t e = k;
  while (e < a->nt && e < k + FOREIGN_RUN && a->t[e].block == a->t[k].block &&
         a->t[e].type == T_WORD && (a->t[e].flags & F_CAP))
    e++;
  if (e == k || (e < a->nt && a->t[e].block == a->t[k].block &&
                 a->t[e].type == T_WORD && (a->t[e].flags & F_CAP)))
    return k;
  return e;
}

/* Whether every word of name starts with a capital or a digit (not
 * 'Laut der Bahn-Sprecherin', 'Anwälte der Partei': the English names
 * finder reads a German noun phrase, every noun capitalised, as one). */
static bool capitalised(const char *name) {
  for (const char *p = name; *p; p++) {
    if (p != name && p[-1] != ' ')
      continue;
    uint32_t cp;
    size_t k = pc_utf8_decode((const unsigned char *)p, strlen(p), &cp);
    if (k && (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp) != cp)
      return false;
  }
  return true;
}

/* The person's name in an entity's name: from its first given name on
 * ('Forschung Heinz Faßmann' -> 'Heinz Faßmann'; 'Heinz-Josef' read as
 * 'Heinz'), else its last two words ('Die Klimaaktivistin Luisa
 * Neubauer' -> 'Luisa Neubauer'): the English names finder takes a
 * German role noun, capitalised, for a name's word. */
static const char *given_on(const struct analysis *a, const char *name) {
  const char *last2[2] = {name, name};
  for (const char *p = name; p;) {
    char low[32];
    size_t n = 0;
    while (p[n] && p[n] != ' ' && p[n] != '-' && n + 1 < sizeof low) {
      low[n] = (char)(p[n] >= 'A' && p[n] <= 'Z' ? p[n] + 32 : p[n]);
      n++;
    }
    low[n] = '\0';
    if (list_tag_of(a, &a->lex->given, low))
      return p;
    last2[0] = last2[1], last2[1] = p;
    p = strchr(p, ' ');
    p = p ? p + 1 : NULL;
  }
  return last2[0];
}

/* The speaker a language-neutral shape names for span s: after it, a
 * comma, one or two words in lower case (the verb: 'sagte', 'a
 * déclaré', 'dijo') and a name ('„…“, sagte Neubauer'); before it, a
 * name that opens the sentence and a colon ('Rohde: „…“').  Only a
 * person the entities know: a capitalised word there may be any noun
 * ('„…“, lautete meine Antwort', 'Aber: „…“'). */
static struct speaker_ref foreign_speaker(struct analysis *a,
                                          const struct quoted_span *s) {
  struct speaker_ref w = {NULL, -1, NULL};
  size_t n0 = 0, n1 = 0, k = s->c + 1;
  if (k < a->nt && a->t[k].block == s->block && is_punct(&a->t[k], ","))
    k++;
  size_t v = k;
  while (v < a->nt && v < k + FOREIGN_VERB && a->t[v].block == s->block &&
         a->t[v].type == T_WORD && !(a->t[v].flags & F_CAP))
    v++;
  if (v > k && v < a->nt && a->t[v].block == s->block)
    n0 = v, n1 = cap_run(a, v);
  if (n1 <= n0 && s->o >= 2 && is_punct(&a->t[s->o - 1], ":")) {
    size_t b = s->o - 1;
    while (b > 0 && b + FOREIGN_RUN >= s->o && a->t[b - 1].type == T_WORD &&
           (a->t[b - 1].flags & F_CAP) && a->t[b - 1].block == s->block)
      b--;
    if (b < s->o - 1 && (a->t[b].flags & F_SENT) && cap_run(a, b) == s->o - 1)
      n0 = b, n1 = s->o - 1;
  }
  int e = n1 > n0 ? a->t[n1 - 1].ent : -1;
  if (e >= 0 && a->en[e].type == PC_ENTITY_PERSON &&
      capitalised(a->en[e].name)) {
    w.name = strdup(given_on(a, a->en[e].name));
    w.ent = e;
  }
  return w;
}

/* The span whose inner bytes hold quote q's, by binary search over the
 * spans in reading order; -1 when none. */
static int quote_span(const struct analysis *a, const struct found_quote *q) {
  size_t lo = 0, hi = a->nsp;
  while (lo < hi) {
    size_t m = lo + (hi - lo) / 2;
    const struct quoted_span *s = &a->sp[m];
    if (s->block < q->block || (s->block == q->block && s->e <= q->s))
      lo = m + 1;
    else
      hi = m;
  }
  if (lo < a->nsp && a->sp[lo].block == q->block && a->sp[lo].s <= q->s &&
      a->sp[lo].e >= q->e)
    return (int)lo;
  return -1;
}

void pc_att_foreign_speakers(struct analysis *a) {
  for (size_t i = 0; i < a->nq && !a->oom; i++) {
    struct found_quote *q = &a->q[i];
    int si = quote_span(a, q);
    if (q->speaker || si < 0 || !a->sp[si].closed)
      continue;
    struct speaker_ref w = foreign_speaker(a, &a->sp[si]);
    q->speaker = w.name;
    q->ent = w.ent;
    w.name = NULL;
    who_free(&w);
  }
}

/*** headlines *************************************************************/

/* Whether the letters and digits of [x, x + n) occur in those of
 * [y, y + m), as a run. */
static bool letters_in(const char *x, size_t n, const char *y, size_t m) {
  for (size_t j = 0; j < m; j++) {
    size_t xi = 0, yi = j;
    int cx = pc_att_next_letter(x, n, &xi);
    if (!cx)
      return false;
    while (cx && cx == pc_att_next_letter(y, m, &yi))
      cx = pc_att_next_letter(x, n, &xi);
    if (!cx)
      return true;
  }
  return false;
}

/* The speaker of a quote of the body (read before the title) that holds
 * span s's words, into *w. */
static bool body_speaker(const struct analysis *a, const struct quoted_span *s,
                         struct speaker_ref *w) {
  const char *tx = btext(a, s->block) + s->s;
  for (size_t i = 0; i < a->nq; i++) {
    const struct found_quote *q = &a->q[i];
    if (q->speaker && !title_block(a, q->block) &&
        letters_in(tx, s->e - s->s, btext(a, q->block) + q->s, q->e - q->s)) {
      w->name = strdup(q->speaker);
      w->ent = q->ent;
      w->role = q->role ? strdup(q->role) : NULL;
      return w->name != NULL;
    }
  }
  return false;
}

/* "“He died in my hands”: 3 killed in clashes", "‘We will rebuild’:
 * Mayor vows ...": a pull quote before the headline's colon, of two words
 * or more.  Not a name in title case ("‘Dancing with the Stars’: Roe
 * out"), every long word but a function word capitalised, unless the
 * body quotes it (a headline all in title case tells no name from a
 * quotation). */
static bool pull_quote(const struct analysis *a, const struct quoted_span *s,
                       size_t t1, bool quoted) {
  enum { LONG = 3 };
  if (s->c + 1 >= t1 || !is_punct(&a->t[s->c + 1], ":"))
    return false;
  bool ends = false;
  if (span_words(a, s, &ends) < 2)
    return false;
  if (quoted)
    return true;
  for (size_t k = s->o + 1; k < s->c; k++)
    if (a->t[k].type == T_WORD && strlen(a->t[k].low) > LONG &&
        !(a->t[k].flags & F_CAP) && !stop_word(a, a->t[k].low))
      return true;
  return false;
}

/* A headline's quoted spans that open a clause of it (its start, or
 * after a colon): '‘We had some issues,’ exec says on glitches' (the
 * phrase before the cue is the speaker; or a name after a dash), or a
 * pull quote before a colon,
 * direct, whose speaker is the one the body quotes the same words by,
 * else the headline's own speaker ("Mayor vows ..."), else none.  Other
 * spans of a headline are scare quotes or names ("Cells That ‘Taste’
 * Danger"). */
void pc_att_title_spans_in(struct analysis *a, size_t t0, size_t t1,
                           size_t q0) {
  for (size_t k = t0; k < t1 && !a->oom; k++) {
    const struct quoted_span *s = next_span(a, &k, t1);
    if (!s)
      break;
    if (!s->closed || (s->o > t0 && !is_punct(&a->t[s->o - 1], ":")) ||
        covered(a, s))
      continue;
    /* "..., exec says on Disney+ glitches": the rest of a headline
     * after its attribution is an adjunct; the window ends where it
     * stops being words; after a span that ends its sentence ("‘We
     * won!’ Roe says") it runs on in the headline */
    size_t lim = s->c + 1, stop = t1;
    if (stop == lim)
      while (stop < a->nt && a->t[stop].block == s->block)
        stop++;
    while (lim < stop && (a->t[lim].type == T_WORD ||
                        is_punct(&a->t[lim], ",") || is_punct(&a->t[lim], ".")))
      lim++;
    size_t ci = SIZE_MAX;
    struct speaker_ref w = {NULL, -1, NULL};
    /* a headline drops the stop: two words and a capital will do */
    bool ends = false;
    bool like = quotation_like(a, s) ||
                (s->upper && span_words(a, s, &ends) >= 2);
    if (like)
      w = after_span(a, s->c + 1, lim, &ci);
    if (!w.name && like)
      w = dash_name(a, s, &ci); /* "‘...’ – Acme boss" */
    bool found = w.name != NULL;
    if (!found) {
      bool quoted = body_speaker(a, s, &w);
      found = pull_quote(a, s, t1, quoted);
      if (found && !quoted)
        sentence_speaker(a, q0, &w);
    }
    char *cue = ci != SIZE_MAX ? cue_words(a, ci) : NULL;
    if (found)
      pc_att_push_quote(a, s->block, s->s, s->e, PC_QUOTE_DIRECT,
                        w.name ? &w : NULL, cue, -1, t0, t1);
    free(cue);
    who_free(&w);
  }
}
