/* wsw.c - who said what, as every writer shows it: the quotes' table (a
 * row a quote: speaker, role, quotation, cue) and the claims' (claimant,
 * accused, accuse or deny, evidence).  The print HTML, the PDF appendix
 * and the text view take their cells from here, so what they show is
 * decided in one place. */
#include "render.h"

#include <string.h>

const char *const pc_wsw_quote_heads[PC_WSW_NCOLS] = {"Speaker", "Role",
                                                      "Quotation", "Cue"};
const char *const pc_wsw_claim_heads[PC_WSW_NCLAIM] = {
    "Claimant", "Accused", "Accuse/deny", "Evidence"};

void pc_wsw_quote_row(const pc_quote *q, const char *unknown,
                      const char *cell[PC_WSW_NCOLS]) {
  cell[PC_WSW_SPEAKER] = q->speaker ? q->speaker : unknown;
  cell[PC_WSW_ROLE] = q->role;
  cell[PC_WSW_QUOTE] = q->text;
  cell[PC_WSW_CUE] = q->cue;
}

void pc_wsw_accused(struct pc_buf *b, const pc_claim *c, const char *sep,
                    const char *last) {
  for (size_t k = 0; k < c->naccused; k++) {
    if (k)
      pc_buf_adds(b, last && k + 1 == c->naccused ? last : sep);
    pc_buf_adds(b, c->accused[k]);
  }
}
