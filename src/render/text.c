/* text.c - the document as plain text and as Markdown. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pc_render_text(const pc_doc *doc, struct pc_buf *b, bool md) {
  const char *title = doc->meta[PC_META_TITLE];
  if (title) {
    if (md)
      pc_buf_adds(b, "# ");
    pc_buf_adds(b, title);
    pc_buf_adds(b, "\n\n");
  }
  if (md) {
    const char *by = doc->meta[PC_META_BYLINE], *date = doc->meta[PC_META_DATE];
    if (by || date) {
      pc_buf_addc(b, '*');
      if (by)
        pc_buf_adds(b, by);
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
      pc_buf_add(b, bl->content.text, bl->content.len);
      continue;
    }
    switch (bl->type) {
    case PC_BLOCK_HEADING:
      for (int l = 0; l < (bl->level ? bl->level : 2) && l < 6; l++)
        pc_buf_addc(b, '#');
      pc_buf_addc(b, ' ');
      pc_buf_add(b, bl->content.text, bl->content.len);
      break;
    case PC_BLOCK_BLOCKQUOTE:
    case PC_BLOCK_PARAGRAPH: {
      bool q = bl->type == PC_BLOCK_BLOCKQUOTE;
      if (q)
        pc_buf_adds(b, "> ");
      for (size_t k = 0; k < bl->content.len; k++) {
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
        pc_buf_add(b, bl->items[k].text, bl->items[k].len);
      }
      break;
    case PC_BLOCK_PRE:
      pc_buf_adds(b, "```\n");
      pc_buf_add(b, bl->content.text, bl->content.len);
      pc_buf_adds(b, "\n```");
      break;
    case PC_BLOCK_FIGURE:
      pc_buf_adds(b, "![");
      pc_buf_adds(b, bl->alt ? bl->alt : "");
      pc_buf_adds(b, "](");
      pc_buf_adds(b, bl->src ? bl->src : "");
      pc_buf_addc(b, ')');
      if (bl->caption.len) {
        pc_buf_adds(b, "\n\n*");
        pc_buf_add(b, bl->caption.text, bl->caption.len);
        pc_buf_addc(b, '*');
      }
      break;
    case PC_BLOCK_TABLE:
      for (size_t r = 0; r < bl->nrows; r++) {
        pc_buf_adds(b, "|");
        for (size_t c = 0; c < bl->ncols; c++) {
          pc_buf_addc(b, ' ');
          const pc_text *cell = &bl->cells[r * bl->ncols + c];
          pc_buf_add(b, cell->text, cell->len);
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
