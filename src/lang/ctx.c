/* ctx.c - the read-only context: language data loaded once at start-up,
 * and the attribution lexicons loaded on first use. */
#include "lang.h"
#include "lexicon.h"

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>

/* Adds the language of data folder `lang` once. */
static pc_status add_lexicon(pc_ctx *ctx, const char *data_dir,
                             const char *lang, size_t n, pc_error *err) {
  char code[8];
  if (n == 0 || n >= sizeof code)
    return PC_OK;
  memcpy(code, lang, n);
  code[n] = '\0';
  for (size_t i = 0; i < ctx->nlexes; i++)
    if (strcmp(ctx->lexes[i]->lang, code) == 0)
      return PC_OK;
  if (ctx->nlexes >= sizeof ctx->lexes / sizeof *ctx->lexes)
    return PC_OK;
  struct pc_lex *lx = calloc(1, sizeof *lx);
  if (!lx)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  ctx->lexes[ctx->nlexes++] = lx;
  pc_status st = pc_lex_load(data_dir, code, lx, err);
  if (st == PC_OK && strcmp(code, "en") == 0)
    ctx->lex = lx;
  return st;
}

/* A lexicon for every data/<lang>/ with a cues.txt: the built-in ones and
 * those of data_dir.  Adding a language is adding a folder. */
static pc_status load_lexicons(pc_ctx *ctx, const char *data_dir,
                               pc_error *err) {
  pc_status st = PC_OK;
  for (size_t i = 0; i < pc_data_nfiles && st == PC_OK; i++) {
    const char *nm = pc_data_files[i].name, *sl = strchr(nm, '/');
    if (sl && strcmp(sl, "/cues.txt") == 0)
      st = add_lexicon(ctx, data_dir, nm, (size_t)(sl - nm), err);
  }
  DIR *d = data_dir && st == PC_OK ? opendir(data_dir) : NULL;
  for (struct dirent *e; d && st == PC_OK && (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/cues.txt", data_dir, e->d_name);
    if (access(path, R_OK) == 0)
      st = add_lexicon(ctx, data_dir, e->d_name, strlen(e->d_name), err);
  }
  if (d)
    closedir(d);
  if (st == PC_OK && !ctx->lex && ctx->nlexes)
    ctx->lex = ctx->lexes[0];
  if (st == PC_OK && !ctx->lex)
    st = pc_error_set(err, PC_ERR_INTERNAL, "no attribution lexicon");
  return st;
}

const struct pc_lex *pc_ctx_lex(const pc_ctx *cctx, const char *lang) {
  /* the one lazy part of a context, guarded by its own lock */
  pc_ctx *ctx = (pc_ctx *)cctx;
  pthread_mutex_lock(&ctx->lex_lock);
  if (!ctx->lex_loaded) {
    pc_error err;
    ctx->lex_status = load_lexicons(ctx, NULL, &err);
    ctx->lex_loaded = true;
  }
  pthread_mutex_unlock(&ctx->lex_lock);
  if (ctx->lex_status != PC_OK)
    return NULL;
  for (size_t i = 0; lang && i < ctx->nlexes; i++)
    if (strncmp(ctx->lexes[i]->lang, lang, 2) == 0)
      return ctx->lexes[i];
  return ctx->lex;
}

pc_status pc_ctx_new(const char *data_dir, pc_ctx **out, pc_error *err) {
  if (!out)
    return pc_error_set(err, PC_ERR_USAGE, "pc_ctx_new: out is NULL");
  *out = NULL;
  /* libxml2 sets up its own tables once; done here, before any thread
   * extracts, as its documentation asks. */
  xmlInitParser();
  pc_ctx *ctx = calloc(1, sizeof *ctx);
  if (!ctx)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  if (pthread_mutex_init(&ctx->lex_lock, NULL) != 0) {
    free(ctx);
    return pc_error_set(err, PC_ERR_INTERNAL, "cannot create a lock");
  }
  pc_status st = pc_data_load(data_dir, "en/widgets.txt", pc_phrases_parse,
                      &ctx->widgets, err);
  static const char *const boiler_files[] = {
      "en/boilerplate.txt", "de/boilerplate.txt", "fr/boilerplate.txt",
      "es/boilerplate.txt", "it/boilerplate.txt", "pl/boilerplate.txt",
      "ru/boilerplate.txt"};
  for (size_t i = 0; st == PC_OK && i < sizeof boiler_files / sizeof *boiler_files; i++)
    st = pc_data_load(data_dir, boiler_files[i], pc_boiler_parse, &ctx->boiler,
                      err);
  if (st == PC_OK)
    st = pc_data_load(data_dir, "stopwords.txt", pc_stopwords_parse, ctx,
                      err);
  if (st == PC_OK)
    st = pc_stopwords_index(ctx, err);
  if (st == PC_OK)
    st = pc_data_load(data_dir, "months.txt", pc_months_parse, ctx, err);
  /* user data is checked now; the built-in lexicons wait for their
   * first use */
  if (st == PC_OK && data_dir) {
    st = load_lexicons(ctx, data_dir, err);
    ctx->lex_loaded = true;
    ctx->lex_status = st;
  }
  if (st != PC_OK) {
    pc_ctx_free(ctx);
    return st;
  }
  *out = ctx;
  return PC_OK;
}

void pc_ctx_free(pc_ctx *ctx) {
  if (!ctx)
    return;
  for (size_t i = 0; i < ctx->nlexes; i++) {
    pc_lex_free(ctx->lexes[i]);
    free(ctx->lexes[i]);
  }
  pthread_mutex_destroy(&ctx->lex_lock);
  pc_phrases_free(&ctx->widgets);
  pc_boiler_free(&ctx->boiler);
  for (size_t i = 0; i < ctx->nstop; i++)
    free(ctx->stop[i].w);
  free(ctx->stop);
  free(ctx->stop_slot);
  for (size_t i = 0; i < ctx->nmonths; i++)
    free(ctx->months[i].w);
  free(ctx->months);
  free(ctx);
}
