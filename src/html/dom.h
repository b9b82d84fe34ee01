/* dom.h - the parsed HTML tree (libxml2) and helpers over it. */
#ifndef PC_DOM_H
#define PC_DOM_H

#include "internal.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* Copies HTML with script bodies (except JSON), style sheets and comments
 * left out; false on OOM or buffer cap. */
bool pc_html_prescan(const char *s, size_t n, struct pc_buf *out);

/* Parses valid UTF-8 HTML.  Returns NULL on failure (err set). */
htmlDocPtr pc_dom_parse(const char *s, size_t n, pc_error *err);

/* Lower-case ASCII tag name of an element, "" for other nodes. */
static inline const char *pc_dom_tag(const xmlNode *n) {
  return n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name
                                                     : "";
}

/* Attribute value borrowed from the tree, or NULL. */
const char *pc_dom_attr(const xmlNode *n, const char *name);

/* Appends the visible text of n (no script/style) to b, whitespace as is;
 * stops at depth PC_MAX_DEPTH. */
void pc_dom_text(const xmlNode *n, struct pc_buf *b);

/* First element below n (depth-first) with the tag, or NULL. */
xmlNode *pc_dom_find(xmlNode *n, const char *tag);

/*** metadata (extract/meta.c) *********************************************/

/* Fills the document metadata from <head>, JSON-LD and the page.  The
 * JSON-LD articleBody, when present, is returned malloc'd in *ld_body for
 * use as a content hint (caller frees). */
void pc_meta_extract(const pc_ctx *ctx, htmlDocPtr html, const char *url,
                     pc_doc *doc, char **ld_body);

#endif
