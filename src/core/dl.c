/* dl.c - libcurl, GMime, libmicrohttpd, libcrypto, libpq, libsystemd,
 * GLib, SQLite, ICU's libicui18n and libzip, loaded when first
 * needed (see dl.h).
 *
 * Each library is loaded once per process under pthread_once; its table
 * is written only inside that once routine and only read afterwards, so
 * any thread may call pc_dl_load() and then the functions.  The handle is
 * never closed: the functions stay valid for the life of the process. */
#define PC_DL_IMPL
#include "core/dl.h"
#include "core/dl_crypto.h"
#include "core/dl_curl.h"
#include "core/dl_glib.h"
#include "core/dl_gmime.h"
#include "core/dl_icu.h"
#include "core/dl_mhd.h"
#include "core/dl_pq.h"
#include "core/dl_systemd.h"
#include "core/dl_sqlite.h"
#include "core/dl_zip.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shared object names come from the build (CMakeLists.txt reads them
 * from the libraries found at configure time); these are Debian 12's. */
#ifndef PC_SONAME_CURL
#define PC_SONAME_CURL "libcurl.so.4"
#endif
#ifndef PC_SONAME_GMIME
#define PC_SONAME_GMIME "libgmime-3.0.so.0"
#endif
#ifndef PC_SONAME_MHD
#define PC_SONAME_MHD "libmicrohttpd.so.12"
#endif
#ifndef PC_SONAME_CRYPTO
#define PC_SONAME_CRYPTO "libcrypto.so.3"
#endif
#ifndef PC_SONAME_PQ
#define PC_SONAME_PQ "libpq.so.5"
#endif
#ifndef PC_SONAME_SYSTEMD
#define PC_SONAME_SYSTEMD "libsystemd.so.0"
#endif
#ifndef PC_SONAME_SQLITE
#define PC_SONAME_SQLITE "libsqlite3.so.0"
#endif
#ifndef PC_SONAME_ICU_I18N
#define PC_SONAME_ICU_I18N "libicui18n.so.72"
#endif
#ifndef PC_SONAME_ZIP
#define PC_SONAME_ZIP "libzip.so.4"
#endif
#ifndef PC_SONAME_GLIB
#define PC_SONAME_GLIB "libglib-2.0.so.0"
#endif

struct lib {
  const char *soname;
  pthread_once_t once;
  bool ok;
  char why[256]; /* when !ok */
};

static struct pc_dl_curl curl_fns;
static struct pc_dl_gmime gmime_fns;
static struct pc_dl_mhd mhd_fns;
static struct pc_dl_crypto crypto_fns;
static struct pc_dl_pq pq_fns;
static struct pc_dl_systemd systemd_fns;
static struct pc_dl_glib glib_fns;
static struct pc_dl_sqlite sqlite_fns;
static struct pc_dl_icu icu_fns;
static struct pc_dl_zip zip_fns;

static struct lib libs[] = {
    [PC_DL_CURL] = {PC_SONAME_CURL, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_GMIME] = {PC_SONAME_GMIME, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_MHD] = {PC_SONAME_MHD, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_CRYPTO] = {PC_SONAME_CRYPTO, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_PQ] = {PC_SONAME_PQ, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_SYSTEMD] = {PC_SONAME_SYSTEMD, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_GLIB] = {PC_SONAME_GLIB, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_SQLITE] = {PC_SONAME_SQLITE, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_ICU_I18N] = {PC_SONAME_ICU_I18N, PTHREAD_ONCE_INIT, false, ""},
    [PC_DL_ZIP] = {PC_SONAME_ZIP, PTHREAD_ONCE_INIT, false, ""},
};

/* dlopen()s l; NULL with l->why set on failure (dlerror()'s text, which
 * starts with the library's name, as the other reasons do). */
static void *open_lib(struct lib *l) {
  void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    snprintf(l->why, sizeof l->why, "%s", e ? e : l->soname);
  }
  return h;
}

/* Looks name up in h into *slot (a function pointer, copied bytewise:
 * ISO C has no cast from void * to a function pointer). */
static bool find(struct lib *l, void *h, const char *name, void *slot) {
  if (l->why[0])
    return false;
  void *sym = dlsym(h, name);
  if (!sym) {
    snprintf(l->why, sizeof l->why, "%s: no function %s", l->soname, name);
    return false;
  }
  memcpy(slot, &sym, sizeof sym);
  return true;
}

/* The name looked up is the name after macro expansion: ICU's functions
 * are macros for their versioned names (dl_icu.h). */
#define PC_DL_STR(x) PC_DL_STR2(x)
#define PC_DL_STR2(x) #x
#define FIND(name) find(l, h, PC_DL_STR(name), &fns->name);

#define LOADER(fn, table, var, index, FUNCS)                                   \
  static void fn(void) {                                                       \
    struct lib *l = &libs[index];                                              \
    struct table *fns = &var;                                                  \
    void *h = open_lib(l);                                                     \
    if (!h)                                                                    \
      return;                                                                  \
    FUNCS(FIND)                                                                \
    if (l->why[0]) {                                                           \
      memset(fns, 0, sizeof *fns);                                             \
      dlclose(h);                                                              \
      return;                                                                  \
    }                                                                          \
    l->ok = true;                                                              \
  }

LOADER(load_curl, pc_dl_curl, curl_fns, PC_DL_CURL, PC_DL_CURL_FUNCS)
LOADER(load_gmime, pc_dl_gmime, gmime_fns, PC_DL_GMIME, PC_DL_GMIME_FUNCS)
LOADER(load_mhd, pc_dl_mhd, mhd_fns, PC_DL_MHD, PC_DL_MHD_FUNCS)
LOADER(load_crypto, pc_dl_crypto, crypto_fns, PC_DL_CRYPTO, PC_DL_CRYPTO_FUNCS)
LOADER(load_pq, pc_dl_pq, pq_fns, PC_DL_PQ, PC_DL_PQ_FUNCS)
LOADER(load_systemd, pc_dl_systemd, systemd_fns, PC_DL_SYSTEMD,
       PC_DL_SYSTEMD_FUNCS)
LOADER(load_glib, pc_dl_glib, glib_fns, PC_DL_GLIB, PC_DL_GLIB_FUNCS)
LOADER(load_sqlite, pc_dl_sqlite, sqlite_fns, PC_DL_SQLITE,
       PC_DL_SQLITE_FUNCS)
/* SQLite's memory statistics (sqlite3_memory_used, which presscut does
 * not read) take a global mutex at every allocation: off, before SQLite
 * initialises itself (index's writer, --from-jsonl of the bench's 1,356
 * documents: 3,578 M instructions against 3,846 M, callgrind).  When the
 * program loaded and initialised SQLite before us, sqlite3_config refuses
 * (SQLITE_MISUSE) and changes nothing. */
static void load_sqlite_quiet(void) {
  load_sqlite();
  if (libs[PC_DL_SQLITE].ok)
    sqlite_fns.sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
LOADER(load_icu, pc_dl_icu, icu_fns, PC_DL_ICU_I18N, PC_DL_ICU_FUNCS)
LOADER(load_zip, pc_dl_zip, zip_fns, PC_DL_ZIP, PC_DL_ZIP_FUNCS)

pc_status pc_dl_load(enum pc_dl_lib lib, pc_error *err) {
  static void (*const loaders[])(void) = {
      [PC_DL_CURL] = load_curl,
      [PC_DL_GMIME] = load_gmime,
      [PC_DL_MHD] = load_mhd,
      [PC_DL_CRYPTO] = load_crypto,
      [PC_DL_PQ] = load_pq,
      [PC_DL_SYSTEMD] = load_systemd,
      [PC_DL_GLIB] = load_glib,
      [PC_DL_SQLITE] = load_sqlite_quiet,
      [PC_DL_ICU_I18N] = load_icu,
      [PC_DL_ZIP] = load_zip,
  };
  if ((unsigned)lib >= sizeof libs / sizeof libs[0])
    return pc_error_set(err, PC_ERR_INTERNAL, "no such library");
  struct lib *l = &libs[lib];
  pthread_once(&l->once, loaders[lib]);
  if (!l->ok)
    return pc_error_set(err, PC_ERR_INTERNAL, "cannot load %s", l->why);
  return PC_OK;
}

const struct pc_dl_curl *pc_dl_curl(void) { return &curl_fns; }
const struct pc_dl_gmime *pc_dl_gmime(void) { return &gmime_fns; }
const struct pc_dl_mhd *pc_dl_mhd(void) { return &mhd_fns; }
const struct pc_dl_crypto *pc_dl_crypto(void) { return &crypto_fns; }
const struct pc_dl_pq *pc_dl_pq(void) { return &pq_fns; }
const struct pc_dl_systemd *pc_dl_systemd(void) { return &systemd_fns; }

const struct pc_dl_sqlite *pc_dl_sqlite(void) { return &sqlite_fns; }
const struct pc_dl_icu *pc_dl_icu(void) { return &icu_fns; }
const struct pc_dl_zip *pc_dl_zip(void) { return &zip_fns; }

/* GLib's table loads itself (dl_glib.h): after the first call, the cost
 * is pthread_once's check. */
const struct pc_dl_glib *pc_dl_glib(void) {
  struct lib *l = &libs[PC_DL_GLIB];
  pthread_once(&l->once, load_glib);
  if (!l->ok) {
    fprintf(stderr, "presscut: cannot load %s\n", l->why);
    abort();
  }
  return &glib_fns;
}
