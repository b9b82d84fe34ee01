/* dl_curl.h - libcurl's functions, loaded by pc_dl_load(PC_DL_CURL).
 * See dl.h.  curl's compile-time check of curl_easy_setopt's arguments
 * (typecheck-gcc.h) wraps the function in a macro, so it is turned off:
 * CURLOPT_* arguments are checked by the tests instead. */
#ifndef PC_DL_CURL_H
#define PC_DL_CURL_H

#ifndef CURL_DISABLE_TYPECHECK
#define CURL_DISABLE_TYPECHECK
#endif
#include <curl/curl.h>

#include "core/dl.h"

#define PC_DL_CURL_FUNCS(X)                                                    \
  X(curl_easy_init)                                                            \
  X(curl_easy_cleanup)                                                         \
  X(curl_easy_setopt)                                                          \
  X(curl_easy_perform)                                                         \
  X(curl_easy_getinfo)                                                         \
  X(curl_easy_strerror)                                                        \
  X(curl_slist_append)                                                         \
  X(curl_slist_free_all)                                                       \
  X(curl_url)                                                                  \
  X(curl_url_cleanup)                                                          \
  X(curl_url_set)                                                              \
  X(curl_url_get)                                                              \
  X(curl_free)

struct pc_dl_curl {
  PC_DL_CURL_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_CURL) succeeded. */
const struct pc_dl_curl *pc_dl_curl(void);

#ifndef PC_DL_IMPL
/* curl.h defines these two as themselves, to insist on three arguments */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_init (pc_dl_curl()->curl_easy_init)
#define curl_easy_cleanup (pc_dl_curl()->curl_easy_cleanup)
#define curl_easy_setopt (pc_dl_curl()->curl_easy_setopt)
#define curl_easy_perform (pc_dl_curl()->curl_easy_perform)
#define curl_easy_getinfo (pc_dl_curl()->curl_easy_getinfo)
#define curl_easy_strerror (pc_dl_curl()->curl_easy_strerror)
#define curl_slist_append (pc_dl_curl()->curl_slist_append)
#define curl_slist_free_all (pc_dl_curl()->curl_slist_free_all)
#define curl_url (pc_dl_curl()->curl_url)
#define curl_url_cleanup (pc_dl_curl()->curl_url_cleanup)
#define curl_url_set (pc_dl_curl()->curl_url_set)
#define curl_url_get (pc_dl_curl()->curl_url_get)
#define curl_free (pc_dl_curl()->curl_free)
#endif

#endif
