/* quotes.h - the attribution stage's shared declarations. */
#ifndef PC_QUOTES_H
#define PC_QUOTES_H

#include "doc/doc.h"
#include "lang/lexicon.h"

/* Attribution results kept in the document (arena-owned). */
struct pc_attr {
  pc_quote *quotes;
  size_t nquotes;
  pc_entity *entities;
  size_t nentities;
  pc_claim *claims;
  size_t nclaims;
};

#endif
