/*
 * cuts.c - editorial optional-cut markup.
 *
 * Editors mark a passage that may be dropped as
 *     ***+OP CUT  ...passage...  ****
 * The markers are never shown.  The passage becomes blocks of its own
 * flagged optional (a paragraph that is only partly inside a cut is split
 * at the markers).  A cut may run over several blocks.  An opener with no
 * closer anywhere after it ends at the end of its own block, so a stray
 * marker never swallows the rest of an article.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of an opener at s (0 if none): "***" ws* "+" ws* "OP" ws+ "CUT". */
static size_t opener_at(const char *s, size_t n) {
  if (n < 10 || memcmp(s, "***", 3) != 0)
    return 0;
  size_t i = 3;
  while (i < n && s[i] == '*')
    i++;
  while (i < n && s[i] == ' ')
    i++;
  if (i >= n || s[i] != '+')
    return 0;
  i++;
  while (i < n && s[i] == ' ')
    i++;
  if (n - i < 6 || (s[i] | 32) != 'o' || (s[i + 1] | 32) != 'p')
    return 0;
  i += 2;
  size_t ws = i;
  while (i < n && s[i] == ' ')
    i++;
  if (i == ws || n - i < 3 || (s[i] | 32) != 'c' || (s[i + 1] | 32) != 'u' ||
      (s[i + 2] | 32) != 't')
    return 0;
  return i + 3;
}

/* Length of a closer at s: four or more '*'. */
static size_t closer_at(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && s[i] == '*')
    i++;
  return i >= 4 ? i : 0;
}

/* Looks at each run of '*' once, from its start: a later position in the
 * same run is a closer or an opener exactly when the start is, so testing
 * every position made a long run of stars quadratic. */
static bool has_closer(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '*')
      continue;
    if (closer_at(s + i, n - i) && !opener_at(s + i, n - i))
      return true;
    while (i + 1 < n && s[i + 1] == '*')
      i++;
  }
  return false;
}

/* Copies t[a,b) trimmed into a new arena text, with spans clipped. */
static bool slice(struct pc_arena *ar, const pc_text *t, size_t a, size_t b,
                  pc_text *out) {
  while (a < b && (t->text[a] == ' ' || t->text[a] == '\n'))
    a++;
  while (b > a && (t->text[b - 1] == ' ' || t->text[b - 1] == '\n'))
    b--;
  out->text = pc_arena_strndup(ar, t->text + a, b - a);
  out->len = b - a;
  out->spans = NULL;
  out->nspans = 0;
  if (!out->text)
    return false;
  /* Count first: an array of all the block's spans for every piece grew
   * as pieces x spans (GBs for a paragraph of many links and many cuts). */
  size_t k = 0, keep = 0;
  for (size_t i = 0; i < t->nspans; i++)
    keep += (t->spans[i].end < b ? t->spans[i].end : b) >
            (t->spans[i].start > a ? t->spans[i].start : a);
  pc_span *sp = keep ? pc_arena_alloc(ar, keep * sizeof *sp) : NULL;
  if (keep && !sp)
    return false;
  for (size_t i = 0; i < t->nspans && sp; i++) {
    size_t s = t->spans[i].start > a ? t->spans[i].start : a;
    size_t e = t->spans[i].end < b ? t->spans[i].end : b;
    if (e > s) {
      sp[k] = t->spans[i];
      sp[k].start = s - a;
      sp[k].end = e - a;
      k++;
    }
  }
  out->spans = sp;
  out->nspans = k;
  return true;
}

static bool text_block(pc_block_type t) {
  return t == PC_BLOCK_PARAGRAPH || t == PC_BLOCK_BLOCKQUOTE ||
         t == PC_BLOCK_HEADING;
}

static bool reserve(pc_block **nb, size_t *cap, size_t need) {
  if (need <= *cap)
    return true;
  size_t c = *cap * 2 > need ? *cap * 2 : need;
  pc_block *g = realloc(*nb, c * sizeof *g);
  if (!g)
    return false;
  *nb = g;
  *cap = c;
  return true;
}

/* Appends a copy of b with the given content and flag. */
static bool emit(pc_block **nb, size_t *n, size_t *cap, const pc_block *b,
                 const pc_text *content, bool optional) {
  if (!reserve(nb, cap, *n + 1))
    return false;
  (*nb)[*n] = *b;
  if (content)
    (*nb)[*n].content = *content;
  (*nb)[*n].optional = optional;
  (*n)++;
  return true;
}

pc_status pc_cuts_apply(pc_doc *doc, pc_error *err) {
  /* Quick exit: no marker anywhere. */
  bool any = false;
  for (size_t i = 0; i < doc->nblocks && !any; i++)
    any = strstr(doc->blocks[i].content.text, "***") != NULL;
  if (!any)
    return PC_OK;

  /* closer_after[j]: some block from j on holds a closer.  Computed once:
   * looking ahead from every opener was quadratic in the block count. */
  bool *closer_after = calloc(doc->nblocks + 1, sizeof *closer_after);
  if (!closer_after)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  for (size_t j = doc->nblocks; j-- > 0;)
    closer_after[j] = closer_after[j + 1] ||
                      has_closer(doc->blocks[j].content.text,
                                 doc->blocks[j].content.len);
  size_t cap = doc->nblocks + 8, n = 0;
  pc_block *nb = malloc(cap * sizeof *nb);
  if (!nb) {
    free(closer_after);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  bool inside = false, close_later = false;
  for (size_t bi = 0; bi < doc->nblocks; bi++) {
    const pc_block *b = &doc->blocks[bi];
    if (!text_block(b->type)) {
      if (!emit(&nb, &n, &cap, b, NULL, inside))
        goto oom;
      continue;
    }
    const pc_text *t = &b->content;
    size_t seg = 0, i = 0;
    bool seg_inside = inside, split = false;
    while (i < t->len) {
      size_t m = 0;
      if (t->text[i] == '*') {
        if (!inside && (m = opener_at(t->text + i, t->len - i)) != 0) {
          close_later = has_closer(t->text + i + m, t->len - i - m) ||
                        closer_after[bi + 1];
        } else if (inside) {
          m = closer_at(t->text + i, t->len - i);
        }
        if (!m) { /* no marker at the start of this run: none in it */
          while (i < t->len && t->text[i] == '*')
            i++;
          continue;
        }
      }
      if (!m) {
        i++;
        continue;
      }
      pc_text piece;
      if (!slice(&doc->arena, t, seg, i, &piece))
        goto oom;
      if (piece.len && !emit(&nb, &n, &cap, b, &piece, seg_inside))
        goto oom;
      split = true;
      inside = !inside;
      i += m;
      seg = i;
      seg_inside = inside;
    }
    if (split) {
      pc_text piece;
      if (!slice(&doc->arena, t, seg, t->len, &piece))
        goto oom;
      if (piece.len && !emit(&nb, &n, &cap, b, &piece, seg_inside))
        goto oom;
    } else if (!emit(&nb, &n, &cap, b, NULL, inside)) {
      goto oom;
    }
    if (inside && !close_later)
      inside = false; /* unterminated: the cut ends with its block */
  }
  /* renumber: ids stay b1..bn in reading order */
  for (size_t i = 0; i < n; i++) {
    char id[24];
    snprintf(id, sizeof id, "b%zu", i + 1);
    nb[i].id = pc_arena_strdup(&doc->arena, id);
    if (!nb[i].id)
      goto oom;
  }
  free(closer_after);
  free(doc->blocks);
  doc->blocks = nb;
  doc->nblocks = n;
  doc->capblocks = cap;
  doc->next_id = (unsigned)n;
  return PC_OK;
oom:
  free(closer_after);
  free(nb);
  return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
}
