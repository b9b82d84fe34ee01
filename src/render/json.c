/* json.c - the document as one line of JSON (docs/output-json.md): its
 * metadata, blocks with their links, and the attribution arrays. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_key(struct pc_buf *b, const char *k) {
  pc_buf_addc(b, '"');
  pc_buf_adds(b, k);
  pc_buf_adds(b, "\":");
}

static const char *type_name(pc_block_type t) {
  switch (t) {
  case PC_BLOCK_PARAGRAPH: return "paragraph";
  case PC_BLOCK_HEADING: return "heading";
  case PC_BLOCK_BLOCKQUOTE: return "blockquote";
  case PC_BLOCK_LIST: return "list";
  case PC_BLOCK_PRE: return "preformatted";
  case PC_BLOCK_FIGURE: return "figure";
  case PC_BLOCK_TABLE: return "table";
  case PC_BLOCK_RULE: return "rule";
  }
  return "paragraph";
}

/* Code points in text[0, to): counted on from the cursor's last answer
 * when `to` lies ahead of it, so offsets in text order cost one pass over
 * the text, not one pass per offset. */
struct cp_cursor {
  size_t byte, cps;
};

static size_t cp_offset(struct cp_cursor *c, const char *text, size_t to) {
  if (to < c->byte)
    c->byte = 0, c->cps = 0;
  c->cps += pc_utf8_count(text + c->byte, to - c->byte);
  c->byte = to;
  return c->cps;
}

/* Offsets in JSON are in Unicode code points, as most consumers index. */
static void json_links(struct pc_buf *b, const pc_text *t) {
  size_t nlinks = 0;
  for (size_t i = 0; i < t->nspans; i++)
    nlinks += t->spans[i].type == PC_SPAN_LINK && t->spans[i].href;
  if (!nlinks)
    return;
  pc_buf_adds(b, ",\"links\":[");
  bool first = true;
  struct cp_cursor at_start = {0, 0}, at_end = {0, 0};
  for (size_t i = 0; i < t->nspans; i++) {
    const pc_span *s = &t->spans[i];
    if (s->type != PC_SPAN_LINK || !s->href)
      continue;
    if (!first)
      pc_buf_addc(b, ',');
    first = false;
    size_t cs = cp_offset(&at_start, t->text, s->start);
    size_t ce = cp_offset(&at_end, t->text, s->end);
    pc_buf_printf(b, "{\"start\":%zu,\"end\":%zu,\"href\":", cs, ce);
    pc_json_cstr(b, s->href);
    pc_buf_addc(b, '}');
  }
  pc_buf_addc(b, ']');
}

static void json_blocks(const pc_doc *doc, struct pc_buf *b);

void pc_render_json(const pc_doc *doc, struct pc_buf *b, bool blocks) {
  pc_buf_addc(b, '{');
  for (int f = 0; f < PC_META_COUNT_; f++) {
    if (f)
      pc_buf_addc(b, ',');
    json_key(b, pc_meta_name((pc_meta)f));
    pc_json_cstr(b, doc->meta[f]);
  }
  pc_buf_addc(b, ',');
  if (doc->truncated)
    pc_buf_adds(b, "\"truncated\":true,");
  json_key(b, "word_count");
  pc_buf_printf(b, "%zu,", pc_doc_word_count(doc));
  json_key(b, "text");
  struct pc_buf all;
  pc_buf_init(&all, 0);
  for (size_t i = 0; i < doc->nblocks; i++) {
    if (!doc->blocks[i].content.len)
      continue;
    if (all.len)
      pc_buf_adds(&all, "\n\n");
    pc_buf_add(&all, doc->blocks[i].content.text, doc->blocks[i].content.len);
  }
  pc_json_str(b, all.data ? all.data : "", all.len);
  pc_buf_cleanup(&all);
  if (blocks)
    json_blocks(doc, b);
  if (doc->attr) {
    pc_buf_addc(b, ',');
    pc_render_attribution_arrays(doc, b);
  }
  pc_buf_addc(b, '}');
}

/* ,"blocks":[...] */
static void json_blocks(const pc_doc *doc, struct pc_buf *b) {
  pc_buf_adds(b, ",\"blocks\":[");
  for (size_t i = 0; i < doc->nblocks; i++) {
    const pc_block *bl = &doc->blocks[i];
    if (i)
      pc_buf_addc(b, ',');
    pc_buf_adds(b, "{\"id\":");
    pc_json_cstr(b, bl->id);
    pc_buf_adds(b, ",\"type\":");
    pc_json_cstr(b, type_name(bl->type));
    pc_buf_printf(b, ",\"level\":%d,\"text\":", bl->level);
    pc_json_str(b, bl->content.text, bl->content.len);
    pc_buf_adds(b, bl->optional ? ",\"optional\":true" : ",\"optional\":false");
    json_links(b, &bl->content);
    if (bl->type == PC_BLOCK_LIST) {
      pc_buf_adds(b, bl->ordered ? ",\"ordered\":true" : ",\"ordered\":false");
      pc_buf_adds(b, ",\"items\":[");
      for (size_t k = 0; k < bl->nitems; k++) {
        if (k)
          pc_buf_addc(b, ',');
        pc_json_str(b, bl->items[k].text, bl->items[k].len);
      }
      pc_buf_addc(b, ']');
    }
    if (bl->type == PC_BLOCK_TABLE) {
      pc_buf_adds(b, ",\"rows\":[");
      for (size_t r = 0; r < bl->nrows; r++) {
        pc_buf_adds(b, r ? ",[" : "[");
        for (size_t c = 0; c < bl->ncols; c++) {
          if (c)
            pc_buf_addc(b, ',');
          const pc_text *cell = &bl->cells[r * bl->ncols + c];
          pc_json_str(b, cell->text, cell->len);
        }
        pc_buf_addc(b, ']');
      }
      pc_buf_addc(b, ']');
    }
    if (bl->type == PC_BLOCK_FIGURE) {
      pc_buf_adds(b, ",\"src\":");
      pc_json_cstr(b, bl->src);
      pc_buf_adds(b, ",\"alt\":");
      pc_json_cstr(b, bl->alt ? bl->alt : "");
      pc_buf_adds(b, ",\"caption\":");
      pc_json_str(b, bl->caption.text ? bl->caption.text : "", bl->caption.len);
      if (bl->href) {
        pc_buf_adds(b, ",\"href\":");
        pc_json_cstr(b, bl->href);
      }
      if (bl->width > 0 && bl->height > 0)
        pc_buf_printf(b, ",\"width\":%d,\"height\":%d", bl->width, bl->height);
    }
    pc_buf_addc(b, '}');
  }
  pc_buf_addc(b, ']');
}
