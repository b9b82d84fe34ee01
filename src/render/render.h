/* render.h - the writers: a pc_doc in each output format (pc_render), and
 * the HTML block writer that print/ shares.  Writers read the document
 * model and the attribution results through the public accessors only. */
#ifndef PC_RENDER_H
#define PC_RENDER_H

#include "doc/doc.h"

/*** render/text.c, json.c, html.c: the document formats *******************/

void pc_render_text(const pc_doc *doc, struct pc_buf *b, bool markdown);
void pc_render_json(const pc_doc *doc, struct pc_buf *b);
void pc_render_html(const pc_doc *doc, struct pc_buf *b);

/* A text's HTML with its spans (links, emphasis, code). */
void pc_html_inline(struct pc_buf *b, const pc_text *t);
/* The HTML of the document's blocks, as pc_render writes it; img(closure,
 * block, b) writes a figure's <img> element (or nothing). */
typedef void (*pc_html_img_fn)(void *closure, const pc_block *bl,
                               struct pc_buf *b);
void pc_html_blocks(struct pc_buf *b, const pc_doc *doc, pc_html_img_fn img,
                    void *closure);

/*** render/attribution.c: the attribution views ***************************/

/* PC_FORMAT_QUOTES_JSON, _TEXT or _HTML of doc into b. */
void pc_render_attribution(const pc_doc *doc, pc_format format,
                           struct pc_buf *b);
/* The "quotes", "entities" and "claims" members (no braces around), for
 * the JSON of extract --attribution. */
void pc_render_attribution_arrays(const pc_doc *doc, struct pc_buf *b);

#endif
