/* text.c - the document as plain text and as Markdown.  Soft hyphens
 * (U+00AD), which the model keeps as the page wrote them, are dropped: in
 * plain text they are only noise inside words. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s[0..n) without its soft hyphens. */
static void add_text(struct pc_buf *b, const char *s, size_t n) {
  const char *e = s + n, *p = s;
  while (p < e) {
    const char *q = memchr(p, 0xC2, (size_t)(e - p));
    if (!q || q + 1 >= e) {
      pc_buf_add(b, p, (size_t)(e - p));
      return;
    }
    pc_buf_add(b, p, (size_t)(q - p));
    if ((unsigned char)q[1] == 0xAD) {
      p = q + 2;
    } else {
      pc_buf_add(b, q, 2);
      p = q + 2;
    }
  }
}

static void add_str(struct pc_buf *b, const char *s) {
  add_text(b, s, strlen(s));
}

void pc_render_text(const pc_doc *doc, struct pc_buf *b, bool md) {
  const char *title = doc->meta[PC_META_TITLE];
  if (title) {
    if (md)
      pc_buf_adds(b, "# ");
    add_str(b, title);
    pc_buf_adds(b, "\n\n");
  }
  if (md) {
    const char *by = doc->meta[PC_META_BYLINE], *date = doc->meta[PC_META_DATE];
    if (by || date) {
      pc_buf_addc(b, '*');
      if (by)
        add_str(b, by);
      if (by && date)
        pc_buf_adds(b, ", ");
      if (date)
        pc_buf_adds(b, date);
      pc_buf_adds(b, "*\n\n");
    }
  }
  bool first = true;
  for (size_t i = 0; i < doc->nblocks; i++) {
    const pc_block *bl = &doc->blocks[i];
    if (!md && !bl->content.len)
      continue;
    if (!first)
      pc_buf_adds(b, "\n\n");
    first = false;
    if (!md) {
      add_text(b, bl->content.text, bl->content.len);
      continue;
    }
    switch (bl->type) {
    case PC_BLOCK_HEADING:
      for (int l = 0; l < (bl->level ? bl->level : 2) && l < 6; l++)
        pc_buf_addc(b, '#');
      pc_buf_addc(b, ' ');
      add_text(b, bl->content.text, bl->content.len);
      break;
    case PC_BLOCK_BLOCKQUOTE:
    case PC_BLOCK_PARAGRAPH: {
      bool q = bl->type == PC_BLOCK_BLOCKQUOTE;
      if (q)
        pc_buf_adds(b, "> ");
      for (size_t k = 0; k < bl->content.len; k++) {
        if ((unsigned char)bl->content.text[k] == 0xC2 && k + 1 < bl->content.len &&
            (unsigned char)bl->content.text[k + 1] == 0xAD) {
          k++;
          continue;
        }
        pc_buf_addc(b, bl->content.text[k]);
        if (q && bl->content.text[k] == '\n')
          pc_buf_adds(b, "> ");
      }
      break;
    }
    case PC_BLOCK_LIST:
      for (size_t k = 0; k < bl->nitems; k++) {
        if (k)
          pc_buf_addc(b, '\n');
        if (bl->ordered)
          pc_buf_printf(b, "%zu. ", k + 1);
        else
          pc_buf_adds(b, "- ");
        add_text(b, bl->items[k].text, bl->items[k].len);
      }
      break;
    case PC_BLOCK_PRE:
      pc_buf_adds(b, "```\n");
      add_text(b, bl->content.text, bl->content.len);
      pc_buf_adds(b, "\n```");
      break;
    case PC_BLOCK_FIGURE:
      pc_buf_adds(b, "![");
      add_str(b, bl->alt ? bl->alt : "");
      pc_buf_adds(b, "](");
      pc_buf_adds(b, bl->src ? bl->src : "");
      pc_buf_addc(b, ')');
      if (bl->caption.len) {
        pc_buf_adds(b, "\n\n*");
        add_text(b, bl->caption.text, bl->caption.len);
        pc_buf_addc(b, '*');
      }
      break;
    case PC_BLOCK_TABLE:
      for (size_t r = 0; r < bl->nrows; r++) {
        pc_buf_adds(b, "|");
        for (size_t c = 0; c < bl->ncols; c++) {
          pc_buf_addc(b, ' ');
          const pc_text *cell = &bl->cells[r * bl->ncols + c];
          add_text(b, cell->text, cell->len);
          pc_buf_adds(b, " |");
        }
        pc_buf_addc(b, '\n');
        if (r == 0) {
          pc_buf_adds(b, "|");
          for (size_t c = 0; c < bl->ncols; c++)
            pc_buf_adds(b, " --- |");
          pc_buf_addc(b, '\n');
        }
      }
      while (b->len && b->data[b->len - 1] == '\n')
        b->len--;
      break;
    case PC_BLOCK_RULE:
      pc_buf_adds(b, "---");
      break;
    }
  }
  pc_buf_addc(b, '\n');
}
