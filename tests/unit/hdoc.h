/* hdoc.h - what the unit tests that extract documents share (test_core.c,
 * test_textmeta.c): the run's context and a document extracted from a
 * string.  Include after harness.h and internal.h. */
#ifndef PC_HDOC_H
#define PC_HDOC_H

#include <stdio.h>
#include <string.h>

/* The run's context, made by h_ctx_open and freed at the end of main. */
static pc_ctx *ctx;

/* The context with the built-in language data: false, with the reason on
 * stderr, when it cannot be made (the run stops: nothing can be tested). */
static bool h_ctx_open(void) {
  pc_error err = {""};
  if (pc_ctx_new(NULL, &ctx, &err) == PC_OK)
    return true;
  fprintf(stderr, "ctx: %s\n", err.msg);
  return false;
}

/* s extracted as kind, with url as the page's address (or NULL); NULL,
 * the reason on stderr, when extraction fails. */
static pc_doc *h_extract(const char *s, pc_input_kind kind, const char *url) {
  pc_extract_opts o;
  pc_extract_opts_init(&o);
  o.kind = kind;
  o.url = url;
  pc_doc *doc = NULL;
  pc_error err = {""};
  if (pc_extract(ctx, s, strlen(s), &o, &doc, &err) != PC_OK)
    fprintf(stderr, "extract failed: %s\n", err.msg);
  return doc;
}

#endif
