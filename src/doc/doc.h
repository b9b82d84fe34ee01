/* doc.h - the document model: a pc_doc's metadata and blocks in one arena,
 * and the builder of a block's text with its spans.  Pure model: writers
 * are in render/, readers in extract/. */
#ifndef PC_DOC_H
#define PC_DOC_H

#include "internal.h"

struct pc_attribution;

/*** doc/doc.c ***************************************************************/

struct pc_doc {
  struct pc_arena arena;
  const char *meta[PC_META_COUNT_];
  pc_block *blocks;
  size_t nblocks;
  size_t capblocks;
  unsigned next_id;
  bool truncated; /* a limit cut the body short; see pc_doc_truncated */
  struct pc_attribution *attr; /* after pc_attribute, arena-owned */
};

pc_doc *pc_doc_new(void);
/* Sets a metadata value (copied, whitespace collapsed, capped). */
void pc_doc_set_meta(pc_doc *doc, pc_meta field, const char *s, size_t n);
/* Appends a zeroed block with the next id; NULL on OOM or block cap. */
pc_block *pc_doc_add_block(pc_doc *doc, pc_block_type type);
/* Drops the last block (when it turned out empty); its id is reused. */
void pc_doc_pop_block(pc_doc *doc);

/*** doc/textb.c: text builder with spans ***********************************/

struct pc_textb {
  struct pc_buf text;
  pc_span *spans;
  size_t nspans, capspans;
  bool pending_space; /* collapse runs of whitespace into one space */
  bool preserve;      /* keep whitespace as is (pre) */
};

void pc_textb_init(struct pc_textb *t);
void pc_textb_cleanup(struct pc_textb *t);
void pc_textb_reset(struct pc_textb *t);
/* Appends text, collapsing whitespace unless preserve is set. */
void pc_textb_add(struct pc_textb *t, const char *s, size_t n);
/* A hard line break inside a block. */
void pc_textb_newline(struct pc_textb *t);
/* Opens a span at the current end; returns its index. */
size_t pc_textb_span_open(struct pc_textb *t, pc_span_type type,
                          const char *href);
void pc_textb_span_close(struct pc_textb *t, size_t idx);
/* Trims trailing whitespace, drops empty spans, and copies into a pc_text
 * whose memory belongs to the arena. */
bool pc_textb_finish(struct pc_textb *t, struct pc_arena *a, pc_text *out);

#endif
