/* html.c - the document as a safe HTML page: only model elements, no
 * script, no event handlers; its block writer is shared with print/. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A span's open or close position, for sorting (no global state: qsort
 * has no context argument in C17). */
struct span_ev {
  size_t pos, k;
};

/* Opens: by start, then in span order. */
static int ev_open_cmp(const void *a, const void *b) {
  const struct span_ev *p = a, *q = b;
  if (p->pos != q->pos)
    return p->pos < q->pos ? -1 : 1;
  return p->k < q->k ? -1 : p->k > q->k;
}

/* Closes: by end, then innermost (last opened) first. */
static int ev_close_cmp(const void *a, const void *b) {
  const struct span_ev *p = a, *q = b;
  if (p->pos != q->pos)
    return p->pos < q->pos ? -1 : 1;
  return p->k > q->k ? -1 : p->k < q->k;
}

void pc_html_inline(struct pc_buf *b, const pc_text *t) {
  /* spans are properly nested or disjoint: emit open/close tags by offset.
   * Opens and closes are visited in sorted order, so a paragraph with many
   * spans costs O(len + n log n), not O(len * n). */
  size_t ns = t->nspans;
  struct span_ev *opens = ns ? malloc(2 * ns * sizeof *opens) : NULL;
  struct span_ev *closes = opens ? opens + ns : NULL;
  if (ns && !opens) {
    b->failed = true;
    return;
  }
  for (size_t k = 0; k < ns; k++) {
    opens[k].pos = t->spans[k].start;
    closes[k].pos = t->spans[k].end;
    opens[k].k = closes[k].k = k;
  }
  if (ns > 1) {
    qsort(opens, ns, sizeof *opens, ev_open_cmp);
    qsort(closes, ns, sizeof *closes, ev_close_cmp);
  }
  size_t pos = 0, oi = 0, ci = 0;
  for (size_t i = 0; i <= t->len; i++) {
    for (; ci < ns && closes[ci].pos <= i; ci++) {
      const pc_span *s = &t->spans[closes[ci].k];
      if (s->end == i && s->start < i) {
        pc_html_esc(b, t->text + pos, i - pos);
        pos = i;
        switch (s->type) {
        case PC_SPAN_LINK: pc_buf_adds(b, pc_html_url_safe(s->href, false) ? "</a>" : ""); break;
        case PC_SPAN_EMPH: pc_buf_adds(b, "</em>"); break;
        case PC_SPAN_STRONG: pc_buf_adds(b, "</strong>"); break;
        case PC_SPAN_CODE: pc_buf_adds(b, "</code>"); break;
        }
      }
    }
    for (; oi < ns && opens[oi].pos <= i; oi++) {
      const pc_span *s = &t->spans[opens[oi].k];
      if (s->start == i && s->end > i) {
        pc_html_esc(b, t->text + pos, i - pos);
        pos = i;
        switch (s->type) {
        case PC_SPAN_LINK:
          if (pc_html_url_safe(s->href, false)) {
            pc_buf_adds(b, "<a href=\"");
            pc_html_esc(b, s->href, strlen(s->href));
            pc_buf_adds(b, "\">");
          }
          break;
        case PC_SPAN_EMPH: pc_buf_adds(b, "<em>"); break;
        case PC_SPAN_STRONG: pc_buf_adds(b, "<strong>"); break;
        case PC_SPAN_CODE: pc_buf_adds(b, "<code>"); break;
        }
      }
    }
    if (i < t->len && t->text[i] == '\n') {
      pc_html_esc(b, t->text + pos, i - pos);
      pc_buf_adds(b, "<br>\n");
      pos = i + 1;
    }
  }
  pc_html_esc(b, t->text + pos, t->len - pos);
  free(opens);
}

static void default_img(void *closure, const pc_block *bl, struct pc_buf *b) {
  (void)closure;
  if (!pc_html_url_safe(bl->src, true))
    return;
  pc_buf_adds(b, "<img src=\"");
  pc_html_esc(b, bl->src, strlen(bl->src));
  pc_buf_adds(b, "\" alt=\"");
  if (bl->alt)
    pc_html_esc(b, bl->alt, strlen(bl->alt));
  pc_buf_adds(b, "\">");
}

void pc_html_blocks(struct pc_buf *b, const pc_doc *doc, pc_html_img_fn img,
                    void *closure) {
  if (!img)
    img = default_img;
  for (size_t i = 0; i < doc->nblocks; i++) {
    const pc_block *bl = &doc->blocks[i];
    char open[64];
    const char *tag = "p";
    switch (bl->type) {
    case PC_BLOCK_HEADING: tag = bl->level == 1 ? "h2" : bl->level == 2 ? "h2"
                               : bl->level == 3 ? "h3" : bl->level == 4 ? "h4"
                               : bl->level == 5 ? "h5" : "h6"; break;
    case PC_BLOCK_BLOCKQUOTE: tag = "blockquote"; break;
    case PC_BLOCK_LIST: tag = bl->ordered ? "ol" : "ul"; break;
    case PC_BLOCK_PRE: tag = "pre"; break;
    case PC_BLOCK_FIGURE: tag = "figure"; break;
    case PC_BLOCK_TABLE: tag = "table"; break;
    case PC_BLOCK_RULE: tag = "hr"; break;
    case PC_BLOCK_PARAGRAPH: tag = "p"; break;
    }
    snprintf(open, sizeof open, "<%s id=\"%s\"%s>", tag, bl->id,
             bl->optional ? " class=\"optional\"" : "");
    pc_buf_adds(b, open);
    switch (bl->type) {
    case PC_BLOCK_RULE:
      pc_buf_addc(b, '\n');
      continue;
    case PC_BLOCK_LIST:
      for (size_t k = 0; k < bl->nitems; k++) {
        pc_buf_adds(b, "<li>");
        pc_html_inline(b, &bl->items[k]);
        pc_buf_adds(b, "</li>");
      }
      break;
    case PC_BLOCK_TABLE:
      for (size_t r = 0; r < bl->nrows; r++) {
        pc_buf_adds(b, "<tr>");
        for (size_t c = 0; c < bl->ncols; c++) {
          pc_buf_adds(b, "<td>");
          pc_html_inline(b, &bl->cells[r * bl->ncols + c]);
          pc_buf_adds(b, "</td>");
        }
        pc_buf_adds(b, "</tr>");
      }
      break;
    case PC_BLOCK_FIGURE:
      img(closure, bl, b);
      if (bl->caption.len) {
        pc_buf_adds(b, "<figcaption>");
        pc_html_inline(b, &bl->caption);
        pc_buf_adds(b, "</figcaption>");
      }
      break;
    case PC_BLOCK_PRE:
      pc_html_esc(b, bl->content.text, bl->content.len);
      break;
    default:
      pc_html_inline(b, &bl->content);
      break;
    }
    pc_buf_adds(b, "</");
    pc_buf_adds(b, tag);
    pc_buf_adds(b, ">\n");
  }
}

void pc_render_html(const pc_doc *doc, struct pc_buf *b) {
  const char *lang = doc->meta[PC_META_LANG];
  const char *title = doc->meta[PC_META_TITLE];
  pc_buf_adds(b, "<!DOCTYPE html>\n<html");
  if (lang) {
    pc_buf_adds(b, " lang=\"");
    pc_html_esc(b, lang, strlen(lang));
    pc_buf_addc(b, '"');
  }
  pc_buf_adds(b, ">\n<head>\n<meta charset=\"utf-8\">\n<title>");
  if (title)
    pc_html_esc(b, title, strlen(title));
  pc_buf_adds(b, "</title>\n</head>\n<body>\n<article>\n");
  if (title) {
    pc_buf_adds(b, "<h1>");
    pc_html_esc(b, title, strlen(title));
    pc_buf_adds(b, "</h1>\n");
  }
  pc_html_blocks(b, doc, NULL, NULL);
  pc_buf_adds(b, "</article>\n</body>\n</html>\n");
}
