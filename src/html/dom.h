/* dom.h - the parsed HTML tree (libxml2) and helpers over it. */
#ifndef PC_DOM_H
#define PC_DOM_H

#include "internal.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* The attributes of a parsed page.  libxml2 never sees attributes (see
 * prescan.c): record K holds the ones extraction reads of the K-th start
 * tag that has any, names in lower case, character references decoded;
 * the element libxml2 makes of that tag keeps K + 1 in its psvi field
 * (dom.c). */
struct pc_attrs {
  struct pc_buf data; /* "name\0value\0" for each attribute */
  struct pc_attr_at {
    size_t name, value; /* offsets in data */
  } *at;
  size_t nat, capat;
  size_t *first; /* first[K]: record K's first entry in at */
  struct pc_tag_at {
    size_t name, end; /* where the tag's name starts and ends in the copy */
  } *tag;             /* tag[K]: record K's start tag, ascending */
  size_t n, cap;
};
void pc_attrs_init(struct pc_attrs *a);
void pc_attrs_cleanup(struct pc_attrs *a);
/* The value of attribute name (lower case) in record k, or NULL. */
const char *pc_attrs_get(const struct pc_attrs *a, size_t k, const char *name);

/* Copies HTML with script bodies (except JSON), style sheets and comments
 * left out and attributes moved to attrs; false on OOM or buffer cap. */
bool pc_html_prescan(const char *s, size_t n, struct pc_buf *out,
                     struct pc_attrs *attrs);

/* Parses valid UTF-8 HTML.  Returns NULL on failure (err set); the tree,
 * its attributes with it, is freed with pc_dom_free. */
htmlDocPtr pc_dom_parse(const char *s, size_t n, pc_error *err);
void pc_dom_free(htmlDocPtr doc);

/* Lower-case ASCII tag name of an element, "" for other nodes. */
static inline const char *pc_dom_tag(const xmlNode *n) {
  return n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name
                                                     : "";
}

/* Whether tag name t is lit: inline, as the walks compare every element's
 * name with several literals and a call to strcmp costs more than the
 * comparison. */
static inline bool pc_tag_is(const char *t, const char *lit) {
  while (*lit && *t == *lit) {
    t++;
    lit++;
  }
  return *t == *lit;
}

/* Attribute value borrowed from the tree, or NULL. */
const char *pc_dom_attr(const xmlNode *n, const char *name);

/* Appends the visible text of n (no script/style) to b, whitespace as is;
 * stops at depth PC_MAX_DEPTH. */
void pc_dom_text(const xmlNode *n, struct pc_buf *b);

/* First element below n (depth-first) with the tag, or NULL. */
xmlNode *pc_dom_find(xmlNode *n, const char *tag);

#endif
