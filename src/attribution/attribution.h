/*
 * attribution.h - what other modules may use of the attribution stage
 * (src/attribution/): the results it keeps in the document.  The stage's
 * entry point, pc_attribute, and the pc_doc_quote* accessors are API
 * (include/presscut.h); its working state is private (analysis.h).
 */
#ifndef PC_ATTRIBUTION_H
#define PC_ATTRIBUTION_H

#include "internal.h"

/* Attribution results kept in the document (arena-owned). */
struct pc_attribution {
  pc_quote *quotes;
  size_t nquotes;
  pc_entity *entities;
  size_t nentities;
  pc_claim *claims;
  size_t nclaims;
};

#endif
