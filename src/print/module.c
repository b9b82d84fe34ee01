/* module.c - the print stage, loaded when first needed.
 *
 * The print stage (the other files of src/print but style.c) typesets
 * with cairo and pango and decodes images with libjpeg, libpng, giflib
 * and libwebp: with GLib, fontconfig, freetype and harfbuzz behind them,
 * 40 shared objects that cost every start of the program more than the
 * rest of it, though only `pdf`, `html`, `mail` and `serve` print.  So
 * the shared library and the program are built without them (nor the
 * EPUB writer of src/epub, which reads images the same way): this file
 * defines the public print functions there as forwarders that load
 * presscut-print.so, the print stage built as a module with its own copy
 * of the core it calls (linked with -Bsymbolic, so that its calls stay
 * inside it), once per process (pthread_once), and call its function of
 * the same name.  The static library has the print stage itself and not
 * this file (CMakeLists.txt), so a program linked statically needs no
 * module.
 *
 * The module is looked for in $PRESSCUT_MODULE_DIR when set, else beside
 * the running library or program (the build directory keeps it beside
 * build/presscut), else in PC_MODULE_DIR, the directory it is installed
 * in.  A module that cannot be loaded is PC_ERR_INTERNAL with "the print
 * module is missing: PATH: why". */
#define _GNU_SOURCE /* dladdr */
#include "internal.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef PC_MODULE_DIR
#define PC_MODULE_DIR "/usr/local/lib/presscut"
#endif
#define MODULE_NAME "presscut-print.so"

/* The module's functions: the public functions of the print stage. */
#define PRINT_FUNCS(X)                                                         \
  X(pc_print_html)                                                             \
  X(pc_image_fetch)                                                            \
  X(pc_pdf)                                                                    \
  X(pc_pdf_cache_new)                                                          \
  X(pc_pdf_cache_free)                                                         \
  X(pc_epub)

#define FIELD(name) __typeof__(name) *name;
static struct {
  PRINT_FUNCS(FIELD)
} fns;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool loaded;
static char why[PATH_MAX + 512]; /* when !loaded */

/* The directory of the file this code was loaded from (the library or
 * the program) into dir; false when unknown.  For the program, dladdr
 * gives argv[0], a bare name when it was found on PATH: then the
 * kernel's /proc/self/exe says where it is. */
static bool own_dir(char *dir, size_t n) {
  Dl_info info;
  if (!dladdr(&once, &info) || !info.dli_fname)
    return false;
  const char *f = info.dli_fname;
  char real[PATH_MAX];
  if (strchr(f, '/') ? realpath(f, real) != NULL
                     : realpath("/proc/self/exe", real) != NULL)
    f = real;
  else if (!strchr(f, '/'))
    return false;
  const char *slash = strrchr(f, '/');
  int len = (int)(slash - f);
  return snprintf(dir, n, "%.*s", len > 0 ? len : 1, f) < (int)n;
}

/* Where the module is: the first of the places above that has it, or the
 * last place looked at (for the message) when none has. */
static void module_path(char *path, size_t n) {
  const char *env = getenv("PRESSCUT_MODULE_DIR");
  if (env && env[0]) {
    snprintf(path, n, "%s/" MODULE_NAME, env);
    return;
  }
  char dir[PATH_MAX];
  if (own_dir(dir, sizeof dir) &&
      snprintf(path, n, "%s/" MODULE_NAME, dir) < (int)n &&
      access(path, F_OK) == 0)
    return;
  snprintf(path, n, "%s/" MODULE_NAME, PC_MODULE_DIR);
}

/* Looks name up into *slot; false (and *missing = name) when absent. */
static bool find(void *h, const char *name, void *slot,
                 const char **missing) {
  void *sym = *missing ? NULL : dlsym(h, name);
  if (!sym && !*missing)
    *missing = name;
  memcpy(slot, &sym, sizeof sym); /* see dl.c's find */
  return sym != NULL;
}

#define FIND(name) find(h, #name, &fns.name, &missing);

static void load(void) {
  char path[PATH_MAX + 32];
  module_path(path, sizeof path);
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    const char *e = dlerror();
    /* dlerror() starts with the path already */
    snprintf(why, sizeof why, "%s", e ? e : path);
    return;
  }
  const char *missing = NULL;
  PRINT_FUNCS(FIND)
  if (missing) {
    snprintf(why, sizeof why, "%s: no function %.64s", path, missing);
    memset(&fns, 0, sizeof fns);
    dlclose(h);
    return;
  }
  loaded = true; /* the handle stays open for the life of the process */
}

static pc_status load_module(pc_error *err) {
  pthread_once(&once, load);
  if (!loaded)
    return pc_error_set(err, PC_ERR_INTERNAL,
                        "the print module is missing: %s", why);
  return PC_OK;
}

pc_status pc_print_html(const pc_doc *doc, const pc_print_opts *opts,
                        char **out, size_t *out_len, pc_error *err) {
  pc_status st = load_module(err);
  return st != PC_OK ? st : fns.pc_print_html(doc, opts, out, out_len, err);
}

pc_status pc_image_fetch(const char *url, const pc_print_opts *opts,
                         char **data, size_t *len, const char **mime,
                         pc_error *err) {
  pc_status st = load_module(err);
  return st != PC_OK ? st
                     : fns.pc_image_fetch(url, opts, data, len, mime, err);
}

pc_status pc_pdf(const pc_doc *const *docs, size_t ndocs,
                 const pc_print_opts *opts, pc_write_fn write, void *closure,
                 pc_error *err) {
  pc_status st = load_module(err);
  return st != PC_OK ? st
                     : fns.pc_pdf(docs, ndocs, opts, write, closure, err);
}

pc_status pc_pdf_cache_new(pc_pdf_cache **out, pc_error *err) {
  pc_status st = load_module(err);
  return st != PC_OK ? st : fns.pc_pdf_cache_new(out, err);
}

pc_status pc_epub(const pc_doc *const *docs, size_t ndocs,
                  const pc_print_opts *opts, pc_write_fn write, void *closure,
                  pc_error *err) {
  pc_status st = load_module(err);
  return st != PC_OK ? st
                     : fns.pc_epub(docs, ndocs, opts, write, closure, err);
}

/* A cache was made by the module, so it is loaded when there is one. */
void pc_pdf_cache_free(pc_pdf_cache *cache) {
  if (cache && load_module(NULL) == PC_OK)
    fns.pc_pdf_cache_free(cache);
}
