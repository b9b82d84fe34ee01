/* dom.c - libxml2's HTML parser behind our limits, and tree helpers. */
#include "dom.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/SAX2.h>

/* What the parser's start-of-element hook needs: the records and the
 * lean copy libxml2 reads. */
struct parse_state {
  const struct pc_attrs *attrs;
  const char *lean;
  size_t next; /* the first record whose tag may still come */
};

/* Whether the tag name [a, b) of the lean copy is name as libxml2 reads
 * it: lower case, up to the first character not of a name. */
static bool same_name(const char *a, const char *b, const char *name) {
  for (; *name; name++, a++)
    if (a == b || (*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) != *name)
      return false;
  char c = a < b ? *a : ' ';
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' ||
           c == '.');
}

/* The record of the start tag libxml2 is starting an element for, plus
 * one; 0 for a tag with none.  libxml2 reads the copy's UTF-8 unchanged,
 * so its offsets are the copy's (consumed counts what it dropped from its
 * buffer); when it starts an element, its input is at the end of the
 * tag's name (the copy's tags have no attributes), where prescan noted
 * the record.  An element libxml2 makes up there (the <body> a <p>
 * implies) has another name. */
static uintptr_t record_here(const htmlParserCtxt *ctxt, const xmlChar *name) {
  struct parse_state *ps = ctxt->_private;
  const xmlParserInput *in = ctxt->input;
  if (!ps || !in || !in->cur || !in->base || !name || ps->attrs->n == 0)
    return 0;
  const struct pc_attrs *a = ps->attrs;
  size_t at = (size_t)in->consumed + (size_t)(in->cur - in->base);
  /* libxml2 reads forward, so the records are met in order: the one
   * sought is mostly the next or close after it, else searched for */
  size_t lo = ps->next, hi = a->n;
  if (lo > hi || (lo > 0 && a->tag[lo - 1].end >= at))
    lo = 0; /* a step back, should one ever come */
  for (int step = 0; step < 4 && lo < hi && a->tag[lo].end < at; step++)
    lo++;
  if (lo < hi && a->tag[lo].end < at) {
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (a->tag[mid].end < at)
        lo = mid + 1;
      else
        hi = mid;
    }
  }
  ps->next = lo;
  if (lo == a->n || a->tag[lo].end != at ||
      !same_name(ps->lean + a->tag[lo].name, ps->lean + at, (const char *)name))
    return 0;
  return (uintptr_t)lo + 1;
}

/* libxml2's start of an element, which then keeps its attribute record's
 * number in psvi (a field the HTML parser leaves alone). */
static void start_element(void *ud, const xmlChar *name, const xmlChar **atts) {
  htmlParserCtxtPtr ctxt = ud;
  uintptr_t rec = record_here(ctxt, name);
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
  /* libxml2 drops a leading byte order mark without counting it in its
   * input offsets, by which elements find their attribute records
   * (extraction's charset step drops it already; other callers may not) */
  if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
    s += 3;
    n -= 3;
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
  struct parse_state ps = {attrs, s, 0};
  if (ctxt && ctxt->sax) {
    ctxt->sax->startElement = start_element;
    ctxt->_private = &ps;
  }
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
  /* an element with no record (one libxml2 made up, or a tag with no
   * attribute extraction reads) has none */
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
