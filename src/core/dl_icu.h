/* dl_icu.h - the functions of ICU's libicui18n (the transliterator that
 * makes a title a file name, mail/compose.c), loaded by
 * pc_dl_load(PC_DL_ICU_I18N).  See dl.h.  libicuuc, which libxml2 needs
 * anyway, stays linked.
 *
 * ICU's headers rename each function after its version (utrans_close is
 * a macro for utrans_close_72), so the table's entries are named after the
 * renamed functions too, and dl.c looks the renamed names up.  The
 * callers name the table: pc_dl_icu()->utrans_close(t) (no macro can give
 * a function both names). */
#ifndef PC_DL_ICU_H
#define PC_DL_ICU_H

#include <unicode/utrans.h>

#include "core/dl.h"

#define PC_DL_ICU_FUNCS(X)                                                    \
  X(utrans_openU)                                                             \
  X(utrans_transUChars)                                                       \
  X(utrans_close)

struct pc_dl_icu {
  PC_DL_ICU_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_ICU_I18N)
 * succeeded. */
const struct pc_dl_icu *pc_dl_icu(void);

#endif
