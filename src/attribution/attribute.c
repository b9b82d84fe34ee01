/*
 * attribute.c - who said what: quotations, speakers, entities and claims.
 * The driver of the attribution stage, pc_attribute.
 *
 * Works on the document model, so every input kind gets it.  In order:
 *  1. tokens   - each text block becomes words, punctuation and quotation
 *                marks (every typographic style), with byte offsets
 *                (tokens.c).
 *  2. spans    - quotation marks are paired into quoted spans; one left
 *                open at a paragraph's end runs to that end (tokens.c).
 *  3. entities - names of countries and groups from the lexicon (ISO 3166
 *                included), runs of capitalised words as people and
 *                organisations, surnames and demonyms merged into them
 *                (entities.c).
 *  4. speech   - per sentence: a cue verb with its subject, a frame
 *                ("according to X", "In X's view", "For X,"), or none; the
 *                reported clause after the cue, split where ", and that"
 *                starts a second one, searched again for speech reported
 *                inside it; quoted spans become direct or mixed quotes
 *                (speech.c).
 *  5. speakers - names stand for their entity, pronouns for the last
 *                person named, role phrases for themselves; a quote with
 *                no cue continues the last speaker (speakers.c).
 *  6. claims   - data/en/claims.txt patterns, owned by the speaker of the
 *                innermost quote they stand in (claims.c).
 * The title is read as one more block after the body's (analysis.h,
 * TITLE_GAP) in a headline's grammar: speech.c; its quotes are published
 * with block PC_QUOTE_TITLE, after the body's.
 * All passes are linear in the number of tokens, times small constants.
 * Then the results are copied into the document's arena (publish), with
 * each quote's date and sentence.  The shared state is analysis.h.
 */
#include "analysis.h"

#include "attribution/attribution.h"

#include <stdio.h>

/*** dates *****************************************************************/

/* "On April 2" in the sentence before its cue: ISO 8601 with the
 * document's year (the year before when the month is later than the
 * document's), or "--MM-DD" when no year is known. */
static char *quote_date(const struct analysis *a, const struct found_quote *q) {
  for (size_t i = q->t0; i + 1 < q->t1; i++) {
    /* a day follows: a number (strtol reads nothing else); looked at
     * first, as it is cheaper than the month */
    if (a->t[i].type != T_WORD || a->t[i + 1].type != T_WORD ||
        !(a->t[i + 1].low[0] >= '0' && a->t[i + 1].low[0] <= '9'))
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

/* "q12", "e3" into buf (24 bytes): every quote and entity gets one, and
 * snprintf cost more than the rest of copying a quote out. */
static const char *item_id(char *buf, char prefix, size_t n) {
  char digits[20];
  size_t k = 0;
  do
    digits[k++] = (char)('0' + n % 10);
  while ((n /= 10) > 0);
  buf[0] = prefix;
  for (size_t i = 0; i < k; i++)
    buf[1 + i] = digits[k - 1 - i];
  buf[1 + k] = '\0';
  return buf;
}

static bool text_block(pc_block_type t) {
  return t == PC_BLOCK_PARAGRAPH || t == PC_BLOCK_BLOCKQUOTE ||
         t == PC_BLOCK_LIST;
}

/* The title, read as a headline: "Senator vows to fight the plan",
 * "Mayor: the budget is balanced".  Not when the body opens with it again
 * (some extractions keep the headline as the first paragraph), so that
 * its quotes are not found twice. */
static const char *title_to_read(const pc_doc *doc) {
  const char *t = doc->meta[PC_META_TITLE];
  if (!t || !*t)
    return NULL;
  size_t n = strlen(t);
  while (n && (t[n - 1] == '.' || t[n - 1] == ' '))
    n--;
  for (size_t b = 0; b < doc->nblocks; b++)
    if (text_block(doc->blocks[b].type))
      return n <= doc->blocks[b].content.len &&
                     memcmp(doc->blocks[b].content.text, t, n) == 0
                 ? NULL
                 : t;
  return t;
}

/* Whether the letters and digits of the title are those of block b,
 * case, punctuation and marks aside ("Roe: ‘We won’" and "Roe: “We
 * won.”"). */
static bool repeats_title(const pc_doc *doc, size_t b, const char *t) {
  const char *x = doc->blocks[b].content.text;
  size_t n = doc->blocks[b].content.len, tn = strlen(t), i = 0, j = 0;
  int c;
  while ((c = pc_att_next_letter(t, tn, &j)))
    if (c != pc_att_next_letter(x, n, &i))
      return false;
  return pc_att_next_letter(x, n, &i) == 0; /* and nothing more */
}

/* The first text block when it repeats the title read as a headline
 * with its stop or marks written otherwise: read once, as the headline;
 * SIZE_MAX when none. */
static size_t title_repeat(const pc_doc *doc, const char *title) {
  if (!title)
    return SIZE_MAX;
  for (size_t b = 0; b < doc->nblocks; b++)
    if (text_block(doc->blocks[b].type))
      return repeats_title(doc, b, title) ? b : SIZE_MAX;
  return SIZE_MAX;
}

static char *arena_take(struct pc_arena *ar, char *s) {
  if (!s)
    return NULL;
  char *r = pc_arena_strdup(ar, s);
  free(s);
  return r;
}

/* A name as output: a pronoun left with its contracted auxiliary ("We've",
 * "I’m": function words, subj) is the pronoun alone; other names as
 * they are.  In the arena. */
static char *name_out(const struct analysis *a, struct pc_arena *ar,
                      const char *name) {
  if (!name)
    return NULL;
  const char *ap = strstr(name, "\xe2\x80\x99"); /* ’ */
  const char *st = strchr(name, '\'');
  if (!ap || (st && st < ap))
    ap = st;
  size_t n = strlen(name);
  if (!ap || ap == name || n > 12 || strchr(name, ' '))
    return pc_arena_strdup(ar, name);
  char low[16];
  size_t k = 0;
  for (const char *c = name; *c && k + 1 < sizeof low; c++) {
    if (c == ap) { /* the tokenizer writes ’ as ' */
      low[k++] = '\'';
      c += *c == '\'' ? 0 : 2;
      continue;
    }
    low[k++] = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
  }
  low[k] = '\0';
  if (!pc_att_clitic_cut(a, low))
    return pc_arena_strdup(ar, name);
  return pc_arena_strndup(ar, name, (size_t)(ap - name));
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
  const struct found_quote *p = x, *q = y;
  if (p->block != q->block)
    return p->block < q->block ? -1 : 1;
  if (p->s != q->s)
    return p->s < q->s ? -1 : 1;
  return p->e > q->e ? -1 : p->e < q->e; /* outer first */
}

/* A quote and its index in the analysis, sorted by cmp_qi: in reading
 * order, outer first, and the one found first first among the same
 * words. */
struct qi {
  struct found_quote q;
  size_t i;
};

static int cmp_qi(const void *x, const void *y) {
  const struct qi *p = x, *q = y;
  int c = cmp_quote(&p->q, &q->q);
  return c ? c : p->i < q->i ? -1 : p->i > q->i;
}

static void analysis_free(struct analysis *a) {
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
  free(a->pm);
  pc_att_map_free(&a->names);
  pc_att_map_free(&a->surnames);
  free(a->sp);
  free(a->en);
  free(a->q);
  free(a->c);
}

static bool same_claim(const struct found_claim *x,
                       const struct found_claim *y) {
  if (x->deny != y->deny || strcmp(x->claimant, y->claimant) != 0 ||
      x->naccused != y->naccused)
    return false;
  for (size_t k = 0; k < x->naccused; k++)
    if (strcmp(x->accused[k], y->accused[k]) != 0)
      return false;
  return true;
}

/* Text in a language no lexicon reads: the English grammar's speakers are
 * words that happen to stand near a quotation ("sagte jetzt", "Am Ende"),
 * so its quotations are published with no speaker, role or cue, and a
 * report with no quotation marks, nothing without its speaker, is
 * dropped. */
static void unattribute(struct analysis *a) {
  int *to = malloc((a->nq + 1) * sizeof *to);
  if (!to) {
    a->oom = true;
    return;
  }
  size_t n = 0;
  for (size_t i = 0; i < a->nq; i++) {
    struct found_quote *q = &a->q[i];
    free(q->speaker);
    free(q->role);
    free(q->cue);
    q->speaker = q->role = q->cue = NULL;
    q->ent = -1;
    to[i] = q->kind == PC_QUOTE_INDIRECT ? -1 : (int)n;
    if (q->kind == PC_QUOTE_INDIRECT)
      free(q->date);
    else
      a->q[n++] = *q;
  }
  for (size_t i = 0; i < n; i++)
    if (a->q[i].parent >= 0)
      a->q[i].parent = to[a->q[i].parent];
  a->nq = n;
  free(to);
}

/* Copies the results into the document's arena as the public structs. */
static pc_status publish(struct analysis *a, pc_error *err) {
  pc_doc *doc = a->doc;
  struct pc_arena *ar = &doc->arena;
  struct pc_attribution *r = pc_arena_alloc(ar, sizeof *r);
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
  struct qi *tmp = a->nq ? malloc(a->nq * sizeof *tmp) : NULL;
  if (a->nq && !tmp) {
    free(order);
    free(orig);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  for (size_t i = 0; i < a->nq; i++)
    tmp[i].q = a->q[i], tmp[i].i = i;
  if (a->nq > 1)
    qsort(tmp, a->nq, sizeof *tmp, cmp_qi);
  /* the same words reported twice ("When Roe said that he would run,
   * ...": once as the sentence's report, once inside the clause that
   * holds it) are one quote, the one found first: the others map to it */
  size_t nout = 0;
  for (size_t i = 0; i < a->nq; i++) {
    const struct found_quote *p = i ? &tmp[i - 1].q : NULL, *q = &tmp[i].q;
    bool dup = p && p->block == q->block && p->s == q->s && p->e == q->e;
    order[tmp[i].i] = dup ? order[tmp[i - 1].i] : (int)nout;
    if (!dup)
      orig[nout++] = tmp[i].i;
    else
      tmp[i].q = tmp[i - 1].q; /* (the next one compares with the kept) */
  }
  free(tmp);
  r->quotes = nout ? pc_arena_alloc(ar, nout * sizeof *r->quotes) : NULL;
  for (size_t i = 0; i < nout && r->quotes; i++) {
    struct found_quote *q = &a->q[orig[i]];
    pc_quote *o = &r->quotes[i];
    char id[24];
    o->id = pc_arena_strdup(ar, item_id(id, 'q', i + 1));
    o->text = pc_arena_strndup(ar, btext(a, q->block) + q->s, q->e - q->s);
    o->kind = q->kind;
    o->speaker = name_out(a, ar, q->speaker);
    o->speaker_entity = q->ent;
    const char *role = pc_att_clean_role(a, q->speaker, q->role);
    o->role = role ? pc_arena_strdup(ar, role) : NULL;
    o->cue = q->cue ? pc_arena_strdup(ar, q->cue) : NULL;
    o->date = arena_take(ar, quote_date(a, q));
    o->block = title_block(a, q->block) ? PC_QUOTE_TITLE : q->block;
    o->start = q->s;
    o->end = q->e;
    if (q->t1 > q->t0) {
      const struct token *f = &a->t[q->t0], *l = &a->t[q->t1 - 1];
      o->sentence = excerpt(ar, btext(a, f->block), f->s, l->e, q->s, q->e);
    }
    o->parent = q->parent >= 0 && order[q->parent] != (int)i
                    ? order[q->parent]
                    : -1;
  }
  r->nquotes = r->quotes ? nout : 0;
  r->entities =
      a->nen ? pc_arena_alloc(ar, a->nen * sizeof *r->entities) : NULL;
  for (size_t i = 0; i < a->nen && r->entities; i++) {
    pc_entity *o = &r->entities[i];
    char id[24];
    o->id = pc_arena_strdup(ar, item_id(id, 'e', i + 1));
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
    const struct found_claim *c = &a->c[i];
    pc_claim *o = &r->claims[nc++];
    o->claimant = name_out(a, ar, c->claimant);
    const char **acc = pc_arena_alloc(ar, c->naccused * sizeof *acc);
    for (size_t k = 0; acc && k < c->naccused; k++)
      acc[k] = pc_arena_strdup(ar, c->accused[k]);
    o->accused = acc;
    o->naccused = acc ? c->naccused : 0;
    o->event = c->event ? pc_arena_strdup(ar, c->event) : NULL;
    o->deny = c->deny;
    const struct token *f = &a->t[c->t0], *l = &a->t[c->t1 - 1];
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

/* A document whose language is known and has no lexicon of its own: the
 * lexicon read is another language's (English), whose speech verbs and
 * charge words match words of the text by chance ("tout", "questions" in
 * French), so only its quoted spans are read, with no cue and no claim. */
static bool foreign_text(const struct pc_lex *lex, const char *lang) {
  return lang && lang[0] && strncmp(lex->lang, lang, 2) != 0;
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
  struct analysis a;
  memset(&a, 0, sizeof a);
  a.ctx = ctx;
  a.lex = lex;
  a.doc = doc;
  a.last_speaker_q = -1;
  a.foreign = foreign_text(lex, doc->meta[PC_META_LANG]);
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
    pc_att_tokenize_block(&a, (uint32_t)b);
    pc_att_mark_sentence_starts(&a, t0);
    pc_att_pair_block(&a, t0, a.nt);
    if (!a.foreign)
      pc_att_mark_cues(&a, t0);
  }
  a.title = title_to_read(doc);
  size_t again = title_repeat(doc, a.title);
  if (a.title && !a.oom) {
    size_t t0 = a.nt;
    pc_att_tokenize_title(&a);
    pc_att_mark_sentence_starts(&a, t0);
    pc_att_pair_block(&a, t0, a.nt);
    if (!a.foreign)
      pc_att_mark_cues(&a, t0);
  }
  if (!a.oom)
    pc_att_entities(&a);
  if (!a.oom && a.nt)
    pc_att_index_persons(&a);
  /* interview turns ("Rick: ...") are quotes already: no speech in them */
  bool *turn = calloc(doc->nblocks + TITLE_GAP + 1, sizeof *turn);
  if (!turn)
    a.oom = true;
  if (!a.oom && a.nt && !a.foreign)
    pc_att_transcript(&a, turn);
  if (!a.oom && a.nt && !a.foreign)
    pc_att_source_lines(&a);
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
      size_t e = pc_att_sentence_end(&a, s, bend, sp0, sp);
      if (e <= s)
        e = s + 1;
      a.sent_q0 = a.nq;
      a.sent0[a.nsent++ % SENTS] = s;
      bool label = title_block(&a, bl) && pc_att_headline_label(&a, s, e);
      if (!turn[bl] && !label && bl != again)
        pc_att_speech_in(&a, s, e, sp0, sp, -1, 0);
      if (!title_block(&a, bl) && !a.foreign) { /* claims: the body's */
        pc_att_claims_in(&a, s, e);
        pc_att_rebuttals_in(&a, s, e);
      }
      s = e;
    }
    i = bend;
  }
  free(turn);
  if (a.foreign)
    unattribute(&a);
  if (a.foreign && !a.oom)
    pc_att_foreign_speakers(&a);
  pc_status st = a.oom ? pc_error_set(err, PC_ERR_NOMEM, "out of memory")
                       : publish(&a, err);
  analysis_free(&a);
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
