/*
 * fuzz_common.h - shared body of the libFuzzer targets (fuzz_html.c,
 * fuzz_text.c).  Not a library header: included by exactly one .c each.
 *
 * Input layout: byte 0 chooses options, bytes 1.. are the document.
 *   bit 0 (0x01)  pc_doc_drop_optional() after extraction
 *   bit 1 (0x02)  pc_doc_delete_blocks("b1,b2")
 *   bit 2 (0x04)  opts.url = a base URL (relative links get resolved)
 *   bits 3-4      opts.content_type: none, utf-8, windows-1251, shift_jis
 *   bits 6-7 = 3  opts.max_input = half the document (PC_ERR_TOO_LARGE path)
 * Seed files start with a printable option byte, e.g. ' ' (0x20) = none.
 *
 * Besides crashes, sanitizer reports and leaks, the harness aborts when a
 * documented invariant does not hold (oracle): statuses, one-line error
 * messages, every string of the model is valid UTF-8 without NUL and its
 * len matches, spans lie inside their text, every rendering is valid
 * UTF-8 and NUL-terminated at out_len, JSON parses (json-c, strict) and lists
 * every block, HTML output has only the renderer's own tags.
 */
#ifndef PC_FUZZ_COMMON_H
#define PC_FUZZ_COMMON_H

#include "presscut.h"

#include "fuzz_check.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pc_ctx *fz_ctx;

static void fz_free_ctx(void) {
  pc_ctx_free(fz_ctx);
  fz_ctx = NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  if (fz_ctx)
    return 0;
  pc_error err = {""};
  if (pc_ctx_new(NULL, &fz_ctx, &err) != PC_OK) {
    fprintf(stderr, "fuzz: pc_ctx_new: %s\n", err.msg);
    abort();
  }
  atexit(fz_free_ctx);
  return 0;
}

#define FZ_CHECK(cond, what)                                                  \
  do {                                                                        \
    if (!(cond)) {                                                            \
      fprintf(stderr, "fuzz: invariant failed: %s (%s:%d)\n", what,           \
              __FILE__, __LINE__);                                            \
      abort();                                                                \
    }                                                                         \
  } while (0)

/* Strict UTF-8 (no overlongs, surrogates, > U+10FFFF) and no NUL. */
static int fz_utf8_ok(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    unsigned c = p[i];
    if (c == 0)
      return 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF)
      len = 2, v = c & 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
      len = 3, v = c & 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
      len = 4, v = c & 0x07, min = 0x10000;
    else
      return 0;
    if (n - i < len)
      return 0;
    for (size_t k = 1; k < len; k++) {
      if ((p[i + k] & 0xC0) != 0x80)
        return 0;
      v = (v << 6) | (p[i + k] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
      return 0;
    i += len;
  }
  return 1;
}

static void fz_check_str(const char *s, const char *what) {
  if (s)
    FZ_CHECK(fz_utf8_ok(s, strlen(s)), what);
}

static void fz_check_text(const pc_text *t, int may_be_null) {
  if (!t->text) {
    FZ_CHECK(may_be_null && t->len == 0 && t->nspans == 0, "pc_text NULL text");
    return;
  }
  FZ_CHECK(strlen(t->text) == t->len, "pc_text len != strlen(text)");
  FZ_CHECK(fz_utf8_ok(t->text, t->len), "pc_text not valid UTF-8");
  FZ_CHECK(t->nspans == 0 || t->spans, "pc_text spans NULL");
  for (size_t i = 0; i < t->nspans; i++) {
    const pc_span *s = &t->spans[i];
    FZ_CHECK(s->start <= s->end && s->end <= t->len, "span out of its text");
    FZ_CHECK(s->type >= PC_SPAN_LINK && s->type <= PC_SPAN_CODE, "span type");
    fz_check_str(s->href, "span href not valid UTF-8");
  }
}

static void fz_check_doc(const pc_doc *doc) {
  for (int f = 0; f < PC_META_COUNT_; f++) {
    const char *m = pc_doc_meta(doc, (pc_meta)f);
    fz_check_str(m, "meta not valid UTF-8");
    if (m)
      FZ_CHECK(m[0] != '\0', "meta is \"\" instead of NULL");
  }
  size_t n = pc_doc_block_count(doc);
  FZ_CHECK(pc_doc_block(doc, n) == NULL, "pc_doc_block past the end");
  for (size_t i = 0; i < n; i++) {
    const pc_block *b = pc_doc_block(doc, i);
    FZ_CHECK(b && b->id && b->id[0] == 'b', "block id");
    FZ_CHECK(b->type >= PC_BLOCK_PARAGRAPH && b->type <= PC_BLOCK_RULE,
             "block type");
    if (b->type == PC_BLOCK_HEADING)
      FZ_CHECK(b->level >= 1 && b->level <= 6, "heading level");
    fz_check_text(&b->content, 0);
    FZ_CHECK(b->nitems == 0 || b->items, "items NULL");
    for (size_t k = 0; k < b->nitems; k++)
      fz_check_text(&b->items[k], 0);
    if (b->type == PC_BLOCK_TABLE) {
      FZ_CHECK(b->nrows <= SIZE_MAX / (b->ncols ? b->ncols : 1), "table size");
      FZ_CHECK(b->nrows * b->ncols == 0 || b->cells, "cells NULL");
      for (size_t k = 0; k < b->nrows * b->ncols; k++)
        fz_check_text(&b->cells[k], 0);
    }
    fz_check_str(b->src, "figure src");
    fz_check_str(b->alt, "figure alt");
    fz_check_str(b->href, "figure href");
    fz_check_text(&b->caption, 1);
  }
}

/* Every '<' of the safe HTML rendering opens one of the renderer's own
 * tags: the text and attribute values are escaped. */
static void fz_check_html_out(const char *s, size_t n) {
  static const char *const ok[] = {
      "!DOCTYPE html>", "html", "head", "meta charset=\"utf-8\">", "title",
      "body", "article", "h1", "h2", "h3", "h4", "h5", "h6", "p ", "p>",
      "blockquote", "ul", "ol", "li>", "pre", "figure", "figcaption",
      "img src=\"", "table", "tr>", "td>", "hr", "br>", "a href=\"", "a>",
      "em>", "strong>", "code>", NULL};
  for (const char *p = memchr(s, '<', n); p; p = memchr(p + 1, '<', (size_t)(s + n - p - 1))) {
    const char *t = p + 1;
    if (*t == '/')
      t++;
    int found = 0;
    for (int k = 0; ok[k] && !found; k++)
      found = strncmp(t, ok[k], strlen(ok[k])) == 0;
    FZ_CHECK(found, "unexpected tag in HTML output");
    if (p + 1 >= s + n)
      break;
  }
}

static void fz_check_json_out(const pc_doc *doc, const char *s, size_t n) {
  struct json_object *root = fz_json_parse(s, n);
  FZ_CHECK(root != NULL, "JSON output parses");
  FZ_CHECK(json_object_is_type(root, json_type_object),
           "JSON output is an object");
  FZ_CHECK(fz_json_array_len(root, "blocks") == (long)pc_doc_block_count(doc),
           "JSON blocks[] lists every block");
  json_object_put(root);
  FZ_CHECK(memchr(s, '\n', n) == NULL, "JSON output is one line");
}

static void fz_render_all(const pc_doc *doc) {
  static const pc_format fmts[] = {PC_FORMAT_TEXT, PC_FORMAT_MARKDOWN,
                                   PC_FORMAT_HTML, PC_FORMAT_JSON};
  for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++) {
    char *out = NULL;
    size_t len = 12345;
    pc_error err = {""};
    pc_status st = pc_render(doc, fmts[f], &out, &len, &err);
    FZ_CHECK(st == PC_OK, "pc_render succeeds");
    FZ_CHECK(out && out[len] == '\0' && strlen(out) == len,
             "rendering NUL-terminated at out_len");
    FZ_CHECK(fz_utf8_ok(out, len), "rendering is valid UTF-8");
    if (fmts[f] == PC_FORMAT_HTML)
      fz_check_html_out(out, len);
    if (fmts[f] == PC_FORMAT_JSON)
      fz_check_json_out(doc, out, len);
    pc_free(out);
  }
}

static void fz_check_err(const pc_error *err) {
  size_t l = strnlen(err->msg, sizeof err->msg);
  FZ_CHECK(l > 0 && l < sizeof err->msg, "error message set");
  FZ_CHECK(memchr(err->msg, '\n', l) == NULL, "error message is one line");
}

static void fz_run(const uint8_t *data, size_t size, pc_input_kind kind) {
  if (!fz_ctx)
    LLVMFuzzerInitialize(NULL, NULL);
  unsigned opt = size ? data[0] : 0;
  const char *doc_bytes = size ? (const char *)data + 1 : "";
  size_t doc_len = size ? size - 1 : 0;

  pc_extract_opts eo;
  pc_extract_opts_init(&eo);
  eo.kind = kind;
  if (opt & 0x04)
    eo.url = "https://example.com/news/2024/05/story.html?id=7#top";
  static const char *const ctypes[] = {
      NULL, "text/html; charset=utf-8", "text/html; charset=windows-1251",
      "text/plain; charset=\"Shift_JIS\""};
  eo.content_type = ctypes[(opt >> 3) & 3];
  if ((opt & 0xC0) == 0xC0)
    eo.max_input = doc_len / 2 + 1;

  pc_doc *doc = NULL;
  pc_error err = {""};
  pc_status st = pc_extract(fz_ctx, doc_bytes, doc_len, &eo, &doc, &err);
  if (st != PC_OK) {
    FZ_CHECK(doc == NULL, "no document on failure");
    FZ_CHECK(st == PC_ERR_INPUT || st == PC_ERR_TOO_LARGE ||
                 st == PC_ERR_NOMEM,
             "pc_extract fails only with INPUT, TOO_LARGE or NOMEM");
    if ((opt & 0xC0) != 0xC0)
      FZ_CHECK(st != PC_ERR_TOO_LARGE || doc_len > 4096,
               "TOO_LARGE for a small input");
    fz_check_err(&err);
    return;
  }
  FZ_CHECK(doc != NULL, "document on success");
  fz_check_doc(doc);
  fz_render_all(doc);

  if (opt & 0x01) {
    pc_doc_drop_optional(doc);
    for (size_t i = 0; i < pc_doc_block_count(doc); i++)
      FZ_CHECK(!pc_doc_block(doc, i)->optional, "optional block survives cut");
  }
  if (opt & 0x02) {
    size_t before = pc_doc_block_count(doc);
    err.msg[0] = '\0';
    st = pc_doc_delete_blocks(doc, "b1,b2", &err);
    FZ_CHECK(st == PC_OK || st == PC_ERR_NOT_FOUND, "delete_blocks status");
    if (st == PC_OK) {
      FZ_CHECK(pc_doc_block_count(doc) == before - 2, "two blocks deleted");
    } else {
      FZ_CHECK(pc_doc_block_count(doc) == before, "all or nothing");
      fz_check_err(&err);
    }
  }
  if (opt & 0x03) {
    fz_check_doc(doc);
    fz_render_all(doc);
  }
  (void)pc_doc_word_count(doc);
  pc_doc_free(doc);
}

#endif
