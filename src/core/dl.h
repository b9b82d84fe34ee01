/* dl.h - libraries loaded when first needed, not when the program starts.
 *
 * libcurl (fetch, SMTP), GMime (mail), libmicrohttpd (serve), libcrypto
 * (batch ids), libpq (a PostgreSQL archive), libsystemd (serve's
 * sd_notify under systemd) and libzip (EPUB) bring 31 more shared objects with them: linked normally they
 * cost every start of the program about 8 ms of loading and relocation
 * (15 ms against 7 for the rest; docs/internals/LOADING.md), even for
 * `presscut pdf`, which uses none of them.  So the program is not linked
 * with them; the stage that needs one calls pc_dl_load() first, which
 * dlopen()s it once per process (pthread_once) and fills a table of its
 * functions, read-only from then on.
 *
 * Each library has a header (dl_curl.h, dl_gmime.h, dl_mhd.h,
 * dl_crypto.h, dl_pq.h, dl_systemd.h) listing the functions presscut calls.  A source file that
 * includes it calls them by their own names: the header defines each name
 * as the table's entry.  A function used but not listed fails at link
 * time (the library is not on the link line), so the lists cannot fall
 * behind the code. */
#ifndef PC_DL_H
#define PC_DL_H

#include "internal.h"

enum pc_dl_lib { PC_DL_CURL, PC_DL_GMIME, PC_DL_MHD, PC_DL_CRYPTO, PC_DL_PQ,
                  PC_DL_SYSTEMD, PC_DL_GLIB /* see dl_glib.h */,
                  PC_DL_SQLITE, PC_DL_ICU_I18N, PC_DL_ZIP };

/* Loads lib and all its functions, once per process; later calls return
 * the first call's outcome.  PC_ERR_INTERNAL with "cannot load SONAME:
 * why" when the library or one of its functions is missing. */
pc_status pc_dl_load(enum pc_dl_lib lib, pc_error *err);

/* One entry of a table: a pointer with the function's own type. */
#define PC_DL_FIELD(name) __typeof__(name) *name;

#endif
