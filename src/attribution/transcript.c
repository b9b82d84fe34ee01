/*
 * transcript.c - interviews, Q&As and transcripts: paragraphs that open
 * with a speaker's label ("Rick: I got into tech ...") are that speaker's
 * words, quoted without marks.
 *
 * A label is one to four capitalised words and a colon at the start of a
 * paragraph.  It counts only in a document where labels make a dialogue:
 * at least two distinct labels, together opening at least three
 * paragraphs, each naming a person (an entity of the document, or a given
 * name).  That leaves out "Update:", "Photo:" and a single "Warning:".
 * The label stands for the person the document names in full ("Rick" for
 * Rick Terrill); the paragraph after the colon is one direct quote with
 * no cue.  Questions labelled "Q" and answers labelled "A" name no one and
 * are left to the other passes.
 *
 * Round-ups of reviews or reactions quote paragraphs without marks too,
 * and name the source on a line of its own after them ("[ The Verge ]").
 * Such a line counts only where the document has two or more; the
 * paragraphs before it, up to a heading, a line that does not end a
 * sentence ("Here's what the reviews say:") or the previous source line,
 * are each one direct quote of that source.  So is an embedded post
 * (a tweet) before its signature line, "— Jane Roe (@janeroe) November
 * 1, 2019", of the one who signed it.
 */
#include "analysis.h"

#include <strings.h>

enum { LABEL_MAX = 4, DIALOGUE_MIN = 3 };
enum { SOURCE_WORDS = 5, SOURCES_MIN = 2, SOURCE_PARAS = 4 };

/* Whether the n words at t0 are the whole of name, its last n words
 * (a surname), or (one word) the first of two or more (a given name). */
static bool label_names(const struct analysis *a, size_t t0, size_t n,
                        const char *name) {
  const char *w[16];
  size_t wl[16], nw = 0;
  for (const char *p = name; *p && nw < 16;) {
    while (*p == ' ')
      p++;
    if (!*p)
      break;
    w[nw] = p;
    while (*p && *p != ' ')
      p++;
    wl[nw] = (size_t)(p - w[nw]);
    nw++;
  }
  if (n > nw)
    return false;
  bool tail = true, head = n == 1 && nw > 1;
  for (size_t k = 0; k < n; k++) {
    const char *low = a->t[t0 + k].low;
    size_t j = nw - n + k;
    tail = tail && strlen(low) == wl[j] && strncasecmp(low, w[j], wl[j]) == 0;
  }
  head = head && strlen(a->t[t0].low) == wl[0] &&
         strncasecmp(a->t[t0].low, w[0], wl[0]) == 0;
  return tail || head;
}

/* The person the label names: an entity of the document (-1 when none,
 * -2 when two answer to it), or -3 for a given name alone. */
static int label_person(const struct analysis *a, size_t t0, size_t n) {
  int found = -1;
  for (size_t e = 0; e < a->nen; e++) {
    if (a->en[e].type != PC_ENTITY_PERSON || !a->en[e].name ||
        !label_names(a, t0, n, a->en[e].name))
      continue;
    if (found >= 0 && found != (int)e)
      return -2; /* two people answer to the label: it names no one */
    found = (int)e;
  }
  if (found == -1 && n == 1 && list_tag_of(a, &a->lex->given, a->t[t0].low))
    return -3; /* a given name the article gives no surname */
  return found;
}

/* The label opening the paragraph at token t0 of a block ending at bend:
 * its word count (the colon follows), or 0. */
static size_t label_at(const struct analysis *a, size_t t0, size_t bend) {
  size_t k = t0;
  while (k < bend && k < t0 + LABEL_MAX && a->t[k].type == T_WORD &&
         (a->t[k].flags & F_CAP) && !function_cap(a, a->t[k].low))
    k++;
  if (k == t0 || k + 1 >= bend || !is_punct(&a->t[k], ":"))
    return 0;
  /* "Q:" and "A:" name no one */
  if (k == t0 + 1 && a->t[t0].e - a->t[t0].s == 1)
    return 0;
  /* "DEAR WORRIED:": an advice column's salutation opens the
   * columnist's own answer, not a speaker's turn */
  if (low_eq(&a->t[t0], "dear"))
    return 0;
  return k - t0;
}

struct label {
  size_t t0, n, bend; /* the label's first token, words, block end */
  int ent;            /* the person, or -1 for a bare given name */
};

/* The labels of the document's paragraphs, at most cap. */
static size_t find_labels(const struct analysis *a, struct label *l,
                          size_t cap) {
  size_t nl = 0;
  for (size_t i = 0; i < a->nt && nl < cap;) {
    size_t bend = i;
    while (bend < a->nt && a->t[bend].block == a->t[i].block)
      bend++;
    size_t n = label_at(a, i, bend);
    int p = n ? label_person(a, i, n) : -2;
    if (n && (p >= 0 || p == -3))
      l[nl++] = (struct label){i, n, bend, p >= 0 ? p : -1};
    i = bend;
  }
  return nl;
}

/* Whether the labels make a dialogue: two distinct ones, three in all. */
static bool dialogue(const struct analysis *a, const struct label *l,
                     size_t nl) {
  if (nl < DIALOGUE_MIN)
    return false;
  for (size_t k = 1; k < nl; k++)
    if (l[k].n != l[0].n || strcmp(a->t[l[k].t0].low, a->t[l[0].t0].low))
      return true;
  return false;
}

static void add_turn(struct analysis *a, const struct label *l) {
  size_t c0 = l->t0 + l->n + 1; /* after the colon */
  if (c0 >= l->bend)
    return;
  struct speaker_ref w = {NULL, l->ent, NULL};
  if (l->ent >= 0) {
    w.name = a->en[l->ent].name;
    w.role = a->en[l->ent].role;
  } else {
    w.name = pc_att_text_of(a, l->t0, l->t0 + l->n);
  }
  pc_att_push_quote(a, a->t[c0].block, a->t[c0].s, a->t[l->bend - 1].e,
                    PC_QUOTE_DIRECT, &w, NULL, -1, c0, l->bend);
  if (l->ent < 0)
    free(w.name);
}

/* Marks each labelled turn's block in *turn (one flag per block) and
 * adds its quote; the other passes skip those blocks' speech. */
void pc_att_transcript(struct analysis *a, bool *turn) {
  enum { CAP = 512 };
  struct label *l = malloc(CAP * sizeof *l);
  if (!l) {
    a->oom = true;
    return;
  }
  size_t nl = find_labels(a, l, CAP);
  if (dialogue(a, l, nl))
    for (size_t k = 0; k < nl && !a->oom; k++) {
      add_turn(a, &l[k]);
      turn[a->t[l[k].t0].block] = true;
    }
  free(l);
}

/* The tokens of one block: [t0, bend). */
struct para {
  size_t t0, bend;
};

/* The words of a source line "[ Name ]" that is the whole of p: the
 * name's first token in *n0, its end in *n1; false when p is none. */
static bool source_line(const struct analysis *a, const struct para *p,
                        size_t *n0, size_t *n1) {
  size_t t0 = p->t0, bend = p->bend, words = 0;
  if (bend < t0 + 3 || !is_punct(&a->t[t0], "[") ||
      !is_punct(&a->t[bend - 1], "]") || a->t[t0 + 1].type != T_WORD ||
      !(a->t[t0 + 1].flags & F_CAP))
    return false;
  /* "[ Tom's Guide ]", "[ PC World ]": a few words, an apostrophe */
  for (size_t k = t0 + 1; k + 1 < bend; k++) {
    if (a->t[k].type == T_WORD)
      words++;
    else if (!is_punct(&a->t[k], "'") && !is_punct(&a->t[k], "\xE2\x80\x99") &&
             !is_punct(&a->t[k], "."))
      return false;
  }
  *n0 = t0 + 1, *n1 = bend - 1;
  return words > 0 && words <= SOURCE_WORDS;
}

/* The signature line of an embedded post, "— Jane Roe (@janeroe)
 * November 1, 2019", that is the whole of p: the name's first token in
 * *n0, its end in *n1; false when p is none. */
static bool post_signature(const struct analysis *a, const struct para *p,
                           size_t *n0, size_t *n1) {
  size_t t0 = p->t0, k = t0 + 1;
  if (p->bend < t0 + 5 || !(is_punct(&a->t[t0], "\xE2\x80\x94") ||
                            is_punct(&a->t[t0], "\xE2\x80\x93")))
    return false;
  while (k < p->bend && k < t0 + 1 + SOURCE_WORDS && a->t[k].type == T_WORD &&
         (a->t[k].flags & F_CAP))
    k++;
  /* the handle: "(@janeroe" */
  if (k == t0 + 1 || k + 2 >= p->bend || !is_punct(&a->t[k], "(") ||
      !(a->t[k + 1].low[0] == '@'))
    return false;
  *n0 = t0 + 1, *n1 = k;
  return true;
}

/* Whether the paragraph is prose: it ends a sentence (not a line that
 * announces what follows: "Here's what the early reviews say:"), and is
 * no heading in title case ("What Does Stadia Offer?"). */
static bool prose_para(const struct analysis *a, const struct para *p) {
  size_t e = p->bend, lower = 0;
  while (e > p->t0 && a->t[e - 1].type == T_QCLOSE)
    e--;
  if (e <= p->t0 + 3 || !is_end_punct(&a->t[e - 1]))
    return false;
  for (size_t k = p->t0; k < e; k++)
    lower += a->t[k].type == T_WORD && !(a->t[k].flags & F_CAP) &&
             strlen(a->t[k].low) > 3; /* "of", "the" stay small in titles */
  return lower > 0;
}

/* Each paragraph before the source line at paras[j] (back to a heading or
 * the previous source line) as a direct quote of the source. */
static void source_quotes(struct analysis *a, const struct para *paras,
                          size_t j, size_t n0, size_t n1) {
  struct speaker_ref w = pc_att_resolve_np(a, n0, n1);
  if (!w.name) {
    w.name = pc_att_text_of(a, n0, n1);
    w.ent = -1;
  }
  size_t first = j;
  size_t m0, m1;
  while (first > 0 && j - first < SOURCE_PARAS &&
         prose_para(a, &paras[first - 1]) &&
         !source_line(a, &paras[first - 1], &m0, &m1))
    first--;
  for (size_t k = first; k < j && !a->oom; k++) {
    const struct para *p = &paras[k];
    pc_att_push_quote(a, a->t[p->t0].block, a->t[p->t0].s, a->t[p->bend - 1].e,
                      PC_QUOTE_DIRECT, &w, NULL, -1, p->t0, p->bend);
  }
  who_free(&w);
}

/* The document's paragraphs, malloc'd (*n of them); NULL when out of
 * memory. */
static struct para *paragraphs(struct analysis *a, size_t *n) {
  size_t cap = 16;
  struct para *p = malloc(cap * sizeof *p);
  *n = 0;
  for (size_t i = 0; p && i < a->nt;) {
    size_t bend = i;
    while (bend < a->nt && a->t[bend].block == a->t[i].block)
      bend++;
    if (*n == cap) {
      struct para *q = realloc(p, 2 * cap * sizeof *p);
      if (!q) {
        free(p);
        p = NULL;
        break;
      }
      p = q, cap *= 2;
    }
    if (p)
      p[(*n)++] = (struct para){i, bend};
    i = bend;
  }
  if (!p)
    a->oom = true;
  return p;
}

/* The post before its signature line paras[j]: one direct quote of the
 * one who signed it. */
static void post_quote(struct analysis *a, const struct para *paras, size_t j,
                       size_t n0, size_t n1) {
  const struct para *p = &paras[j - 1];
  if (p->bend < p->t0 + 3)
    return;
  struct speaker_ref w = pc_att_resolve_np(a, n0, n1);
  if (!w.name) {
    w.name = pc_att_text_of(a, n0, n1);
    w.ent = -1;
  }
  pc_att_push_quote(a, a->t[p->t0].block, a->t[p->t0].s, a->t[p->bend - 1].e,
                    PC_QUOTE_DIRECT, &w, NULL, -1, p->t0, p->bend);
  who_free(&w);
}

void pc_att_source_lines(struct analysis *a) {
  size_t n = 0, lines = 0, n0, n1;
  struct para *p = paragraphs(a, &n);
  if (!p)
    return;
  for (size_t j = 1; j < n && !a->oom; j++)
    if (post_signature(a, &p[j], &n0, &n1))
      post_quote(a, p, j, n0, n1);
  for (size_t j = 0; j < n; j++)
    lines += source_line(a, &p[j], &n0, &n1);
  for (size_t j = 0; j < n && lines >= SOURCES_MIN && !a->oom; j++)
    if (source_line(a, &p[j], &n0, &n1))
      source_quotes(a, p, j, n0, n1);
  free(p);
}
