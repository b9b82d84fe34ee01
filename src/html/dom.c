/* dom.c - libxml2's HTML parser behind our limits, and tree helpers. */
#include "dom.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>

/* The record number of a mark value ("12"), plus one; 0 when it is not
 * one (not all digits, or too long). */
static uintptr_t mark_record(const xmlChar *d) {
  size_t k = 0;
  if (!d || !*d)
    return 0;
  for (; *d; d++) {
    if (*d < '0' || *d > '9' || k > SIZE_MAX / 10 - 10 || k >= UINTPTR_MAX - 10)
      return 0;
    k = k * 10 + (size_t)(*d - '0');
  }
  return (uintptr_t)k + 1;
}

/* libxml2's start of an element, the mark taken off: the element keeps its
 * record number in psvi (unused by the HTML parser) instead of an attribute
 * node, which spares libxml2 building, checking and freeing one for every
 * tag, and pc_dom_attr the search and the parse of its value.  An element
 * whose mark libxml2 attaches another way (merging a stray <html>'s
 * attributes) still has it as an attribute. */
static void start_element(void *ud, const xmlChar *name, const xmlChar **atts) {
  htmlParserCtxtPtr ctxt = ud;
  uintptr_t rec = 0;
  if (atts && atts[0] && !atts[2] &&
      strcmp((const char *)atts[0], PC_ATTR_MARK) == 0 &&
      (rec = mark_record(atts[1])) != 0)
    atts = NULL;
  xmlNodePtr parent = ctxt->node;
  xmlSAX2StartElement(ud, name, atts);
  if (rec && ctxt->node && ctxt->node != parent)
    ctxt->node->psvi = (void *)rec;
}

htmlDocPtr pc_dom_parse(const char *s, size_t n, pc_error *err) {
  if (n > (size_t)INT32_MAX) {
    pc_error_set(err, PC_ERR_TOO_LARGE, "HTML input over 2 GiB");
    return NULL;
  }
  struct pc_attrs *attrs = malloc(sizeof *attrs);
  struct pc_buf lean;
  pc_buf_init(&lean, n + 1);
  if (attrs)
    pc_attrs_init(attrs);
  if (!attrs || !pc_buf_reserve(&lean, n) ||
      !pc_html_prescan(s, n, &lean, attrs)) {
    pc_buf_cleanup(&lean);
    pc_attrs_cleanup(attrs);
    free(attrs);
    pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    return NULL;
  }
  s = lean.data ? lean.data : "";
  n = lean.len;
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
  htmlDocPtr doc = NULL;
  /* NONET: never fetch DTDs or anything else; COMPACT: fewer allocations;
   * no NOBLANKS, as spaces between inline elements are text.  HUGE: without
   * it libxml2 stops parsing for good at nesting depth 256, and everything
   * after one deep widget was lost; our own limits (input size, PC_MAX_DEPTH
   * on every walk) bound the work instead. */
  int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
             HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD |
             XML_PARSE_HUGE;
  if (ctxt && ctxt->sax)
    ctxt->sax->startElement = start_element;
  if (ctxt)
    doc = htmlCtxtReadMemory(ctxt, s, (int)n, NULL, "UTF-8", opts);
  htmlFreeParserCtxt(ctxt);
  pc_buf_cleanup(&lean);
  if (!doc) {
    pc_attrs_cleanup(attrs);
    free(attrs);
    pc_error_set(err, ctxt ? PC_ERR_INPUT : PC_ERR_NOMEM,
                 ctxt ? "HTML could not be parsed" : "out of memory");
    return NULL;
  }
  doc->_private = attrs;
  return doc;
}

void pc_dom_free(htmlDocPtr doc) {
  if (!doc)
    return;
  pc_attrs_cleanup(doc->_private);
  free(doc->_private);
  xmlFreeDoc(doc);
}

const char *pc_dom_attr(const xmlNode *n, const char *name) {
  if (!n || n->type != XML_ELEMENT_NODE || !n->doc)
    return NULL;
  if (n->psvi)
    return pc_attrs_get(n->doc->_private, (uintptr_t)n->psvi - 1, name);
  /* the mark is the element's one attribute; an element without it (one
   * libxml2 made up, or a tag in text it reads as markup) has none */
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    if (!a->name || strcmp((const char *)a->name, PC_ATTR_MARK) != 0)
      continue;
    const xmlNode *c = a->children;
    if (!c || c->type != XML_TEXT_NODE || !c->content)
      return NULL;
    size_t k = 0;
    for (const xmlChar *d = c->content; *d; d++) {
      if (*d < '0' || *d > '9' || k > SIZE_MAX / 10 - 10)
        return NULL;
      k = k * 10 + (size_t)(*d - '0');
    }
    return pc_attrs_get(n->doc->_private, k, name);
  }
  return NULL;
}

static void text_rec(const xmlNode *n, struct pc_buf *b, int depth) {
  for (; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content)
        pc_buf_adds(b, (const char *)n->content);
    } else if (n->type == XML_ELEMENT_NODE && depth < PC_MAX_DEPTH) {
      const char *t = pc_dom_tag(n);
      if (pc_tag_is(t, "script") || pc_tag_is(t, "style") ||
          pc_tag_is(t, "noscript") || pc_tag_is(t, "template"))
        continue;
      if (pc_tag_is(t, "br"))
        pc_buf_addc(b, '\n');
      text_rec(n->children, b, depth + 1);
    }
  }
}

void pc_dom_text(const xmlNode *n, struct pc_buf *b) {
  if (!n)
    return;
  if (n->type == XML_TEXT_NODE) {
    if (n->content)
      pc_buf_adds(b, (const char *)n->content);
    return;
  }
  text_rec(n->children, b, 0);
}

static xmlNode *find_rec(xmlNode *n, const char *tag, int depth) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (strcmp(pc_dom_tag(n), tag) == 0)
      return n;
    if (depth < PC_MAX_DEPTH) {
      xmlNode *f = find_rec(n->children, tag, depth + 1);
      if (f)
        return f;
    }
  }
  return NULL;
}

xmlNode *pc_dom_find(xmlNode *n, const char *tag) {
  return n ? find_rec(n->children, tag, 0) : NULL;
}
