/* extract.h - the extraction stage: a page or a text into a pc_doc
 * (body, metadata, date), and the editor's cut markup. */
#ifndef PC_EXTRACT_H
#define PC_EXTRACT_H

#include "doc/doc.h"
#include "lang/lang.h"

#include <libxml/HTMLparser.h>

/*** extract/text.c *********************************************************/

/* Plain text (valid UTF-8) into doc: title, paragraphs, cut markup. */
pc_status pc_text_extract(const pc_ctx *ctx, const char *s, size_t n,
                          pc_doc *doc, pc_error *err);

/*** extract/html.c *********************************************************/

/* HTML (valid UTF-8) into doc. */
pc_status pc_html_extract(const pc_ctx *ctx, const char *s, size_t n,
                          const char *url, pc_doc *doc, pc_error *err);

/*** extract/meta.c *********************************************************/

/* Fills the document metadata from <head>, JSON-LD and the page.  The
 * JSON-LD articleBody, when present, is returned malloc'd in *ld_body for
 * use as a content hint (caller frees). */
void pc_meta_extract(const pc_ctx *ctx, htmlDocPtr html, const char *url,
                     pc_doc *doc, char **ld_body);

/*** extract/date.c *********************************************************/

/* Finds the first date written in text (the first one not introduced as
 * "updated", when there is one) and writes it as YYYY-MM-DD into out.
 * mdy: read 11/12/2019 month first (English pages). */
bool pc_date_find(const pc_ctx *ctx, const char *text, size_t len, bool mdy,
                  char out[11]);

/*** extract/cuts.c *********************************************************/

/* Applies "***+OP CUT ... ****" markup to the blocks of doc: markers are
 * removed, the passages become blocks flagged optional, ids renumbered. */
pc_status pc_cuts_apply(pc_doc *doc, pc_error *err);

#endif
