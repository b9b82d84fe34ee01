/* test_lexicon.c - the look-up indexes of the attribution lexicon
 * (src/lang/lexicon.c) answer as a plain scan of its lists would, for every
 * word of the built-in English data and for words it does not hold.  The
 * indexes only make look-ups cheaper: attribution's output must not depend
 * on them, so any disagreement here is a defect. */
#include "internal.h"
#include "harness.h"
#include "lang/lexicon.h"

#include <stdlib.h>

/* Words no list starts with, and words some list does. */
static const char *const probes[] = {
    "", "zzqx", "the", "said", "says", "according", "president", "mr",
    "he", "she", "that", "u", ".", ",", "accuse~", "deny~", "blame~",
    "accused", "united", "france", "x", "qq", "'s", "reportedly", "told"};

/* [lo, end) of the phrases whose first word is w, by a scan. */
static void scan_first(const struct pc_phrase_list *l, const char *w,
                       size_t *lo, size_t *end) {
  *lo = *end = 0;
  for (size_t k = 0; k < l->n; k++)
    if (l->p[k].n && strcmp(l->p[k].w[0], w) == 0) {
      if (*end == 0)
        *lo = k;
      *end = k + 1;
    }
}

/* pc_lex_first(_h) and pc_lex_may_start against the scan, for w. */
static void check_first(const struct pc_phrase_list *l, const char *w) {
  size_t lo, end, got_end = 0;
  scan_first(l, w, &lo, &end);
  uint32_t h = pc_lex_hash(w);
  size_t got = pc_lex_first_h(l, w, h, &got_end);
  if (end == 0) {
    CHECK(got_end <= got); /* empty */
    return;
  }
  CHECK(pc_lex_may_start(l, h));
  CHECK(got == lo && got_end == end);
  for (size_t k = lo; k < end; k++) /* sorted: one run */
    CHECK(l->p[k].n && strcmp(l->p[k].w[0], w) == 0);
  size_t end2 = 0;
  CHECK(pc_lex_first(l, w, &end2) == lo && end2 == end);
}

static void test_sorted_lists(const struct pc_lex *lx) {
  const struct pc_phrase_list *lists[] = {
      &lx->cues, &lx->pronouns, &lx->roles, &lx->honorifics,
      &lx->names, &lx->given, &lx->comps};
  size_t nl = sizeof lists / sizeof *lists;
  for (size_t i = 0; i < nl + PC_FW_COUNT; i++) {
    const struct pc_phrase_list *l = i < nl ? lists[i] : &lx->fw[i - nl];
    for (size_t k = 0; k < l->n; k++)
      if (l->p[k].n) {
        check_first(l, l->p[k].w[0]);
        CHECK(l->p[k].len0 == strlen(l->p[k].w[0]));
      }
    for (size_t k = 0; k < sizeof probes / sizeof *probes; k++)
      check_first(l, probes[k]);
  }
  CHECK(lx->cues.n > 100 && lx->names.n > 100); /* the data was read */
}

/* pc_lex_fw: the categories of every function word and of the probes. */
static void test_function_words(const struct pc_lex *lx) {
  for (int c = 0; c < PC_FW_COUNT; c++)
    for (size_t k = 0; k < lx->fw[c].n; k++) {
      const char *w = lx->fw[c].p[k].w[0];
      uint64_t want = 0;
      for (int c2 = 0; c2 < PC_FW_COUNT; c2++)
        for (size_t k2 = 0; k2 < lx->fw[c2].n; k2++)
          if (strcmp(lx->fw[c2].p[k2].w[0], w) == 0)
            want |= (uint64_t)1 << c2;
      CHECK(pc_lex_fw(lx, w) == want);
      CHECK(pc_lex_fw_h(lx, w, pc_lex_hash(w)) == want);
    }
  CHECK(pc_lex_fw(lx, "zzqx") == 0);
  CHECK((pc_lex_fw(lx, "the") >> PC_FW_DET) & 1u);
}

/* Claims by anchor, and the frames' first words. */
static void test_claims_frames(const struct pc_lex *lx) {
  CHECK(lx->nclaim_first > 10);
  for (size_t i = 0; i < lx->nclaim_first; i++) {
    const char *w = lx->claim_first[i].w;
    uint32_t h = pc_lex_hash(w);
    CHECK(pc_lex_claim_may_anchor(lx, h));
    size_t end = 0, lo = pc_lex_claim_first(lx, w, h, &end);
    CHECK(lo <= i && i < end);
    for (size_t k = lo; k < end; k++)
      CHECK(strcmp(lx->claim_first[k].w, w) == 0);
    CHECK((lo == 0 || strcmp(lx->claim_first[lo - 1].w, w) != 0) &&
          (end == lx->nclaim_first || strcmp(lx->claim_first[end].w, w) != 0));
  }
  size_t end = 1;
  pc_lex_claim_first(lx, "zzqx", pc_lex_hash("zzqx"), &end);
  CHECK(end == 0);
  CHECK(lx->frames.n > 0);
  for (size_t f = 0; f < lx->frames.n; f++)
    if (lx->frames.p[f].n)
      CHECK(pc_lex_frame_may_start(lx, pc_lex_hash(lx->frames.p[f].w[0])));
}

int main(void) {
  struct pc_lex lx;
  memset(&lx, 0, sizeof lx);
  pc_error err;
  CHECK(pc_lex_load(NULL, "en", &lx, &err) == PC_OK);
  test_sorted_lists(&lx);
  test_function_words(&lx);
  test_claims_frames(&lx);
  pc_lex_free(&lx);
  return h_report();
}
