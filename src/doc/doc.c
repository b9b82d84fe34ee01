/* doc.c - the document model: metadata and ordered body blocks. */
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const meta_names[PC_META_COUNT_] = {
    "title", "byline", "date", "site", "url", "lang", "description", "image"};

const char *pc_meta_name(pc_meta field) {
  return (unsigned)field < PC_META_COUNT_ ? meta_names[field] : "";
}

pc_doc *pc_doc_new(void) {
  pc_doc *doc = calloc(1, sizeof *doc);
  if (doc)
    pc_arena_init(&doc->arena);
  return doc;
}

void pc_doc_free(pc_doc *doc) {
  if (!doc)
    return;
  free(doc->blocks);
  pc_arena_cleanup(&doc->arena);
  free(doc);
}

void pc_doc_set_meta(pc_doc *doc, pc_meta field, const char *s, size_t n) {
  if ((unsigned)field >= PC_META_COUNT_ || !s)
    return;
  struct pc_textb t;
  pc_textb_init(&t);
  t.text.max = PC_MAX_META * 2;
  struct pc_buf clean;
  pc_buf_init(&clean, PC_MAX_META * 2);
  pc_utf8_sanitize(&clean, s, n > PC_MAX_META ? PC_MAX_META : n);
  if (clean.data) {
    /* a cut in the middle of a UTF-8 sequence became U+FFFD; drop it */
    if (n > PC_MAX_META && clean.len >= 3 &&
        memcmp(clean.data + clean.len - 3, "\xEF\xBF\xBD", 3) == 0)
      clean.len -= 3;
    pc_textb_add(&t, clean.data, clean.len);
  }
  pc_text out;
  if (pc_textb_finish(&t, &doc->arena, &out))
    doc->meta[field] = out.len ? out.text : NULL;
  pc_buf_cleanup(&clean);
  pc_textb_cleanup(&t);
}

const char *pc_doc_meta(const pc_doc *doc, pc_meta field) {
  if (!doc || (unsigned)field >= PC_META_COUNT_)
    return NULL;
  return doc->meta[field];
}

int pc_doc_truncated(const pc_doc *doc) { return doc && doc->truncated; }

size_t pc_doc_block_count(const pc_doc *doc) { return doc ? doc->nblocks : 0; }

const pc_block *pc_doc_block(const pc_doc *doc, size_t i) {
  if (!doc || i >= doc->nblocks)
    return NULL;
  return &doc->blocks[i];
}

pc_block *pc_doc_add_block(pc_doc *doc, pc_block_type type) {
  if (doc->nblocks >= PC_MAX_BLOCKS) {
    doc->truncated = true;
    return NULL;
  }
  if (doc->nblocks == doc->capblocks) {
    size_t cap = doc->capblocks ? doc->capblocks * 2 : 32;
    pc_block *nb = realloc(doc->blocks, cap * sizeof *nb);
    if (!nb)
      return NULL;
    doc->blocks = nb;
    doc->capblocks = cap;
  }
  char id[24];
  snprintf(id, sizeof id, "b%u", ++doc->next_id);
  pc_block *b = &doc->blocks[doc->nblocks];
  memset(b, 0, sizeof *b);
  b->id = pc_arena_strdup(&doc->arena, id);
  if (!b->id)
    return NULL;
  b->type = type;
  b->content.text = "";
  doc->nblocks++;
  return b;
}

void pc_doc_pop_block(pc_doc *doc) {
  if (doc->nblocks) {
    doc->nblocks--;
    doc->next_id--;
  }
}

size_t pc_doc_word_count(const pc_doc *doc) {
  size_t w = 0;
  for (size_t i = 0; doc && i < doc->nblocks; i++)
    w += pc_utf8_words(doc->blocks[i].content.text, doc->blocks[i].content.len);
  return w;
}

/* The next id of a list (ids between commas or spaces) at *p: its start,
 * and its length in *n (0: the list has no more); *p moves past it. */
static const char *next_id(const char **p, size_t *n) {
  const char *s = *p;
  while (*s == ',' || *s == ' ')
    s++;
  const char *e = s;
  while (*e && *e != ',' && *e != ' ')
    e++;
  *n = (size_t)(e - s);
  *p = e;
  return s;
}

static bool id_listed(const char *ids, const char *id) {
  size_t il = strlen(id), n;
  const char *p = ids;
  for (const char *s = next_id(&p, &n); n; s = next_id(&p, &n))
    if (n == il && memcmp(s, id, il) == 0)
      return true;
  return false;
}

pc_status pc_doc_delete_blocks(pc_doc *doc, const char *ids, pc_error *err) {
  if (!doc || !ids)
    return pc_error_set(err, PC_ERR_USAGE, "no document or ids");
  /* First check every id exists: all or nothing. */
  const char *p = ids;
  size_t n;
  for (const char *s = next_id(&p, &n); n; s = next_id(&p, &n)) {
    bool found = false;
    for (size_t i = 0; i < doc->nblocks && !found; i++)
      found = strlen(doc->blocks[i].id) == n &&
              memcmp(doc->blocks[i].id, s, n) == 0;
    if (!found)
      return pc_error_set(err, PC_ERR_NOT_FOUND, "no block with id '%.*s'",
                          (int)(n > 32 ? 32 : n), s);
  }
  size_t w = 0;
  for (size_t i = 0; i < doc->nblocks; i++)
    if (!id_listed(ids, doc->blocks[i].id))
      doc->blocks[w++] = doc->blocks[i];
  doc->nblocks = w;
  return PC_OK;
}

void pc_doc_drop_optional(pc_doc *doc) {
  if (!doc)
    return;
  size_t w = 0;
  for (size_t i = 0; i < doc->nblocks; i++)
    if (!doc->blocks[i].optional)
      doc->blocks[w++] = doc->blocks[i];
  doc->nblocks = w;
}
