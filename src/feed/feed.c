/*
 * feed.c - RSS 2.0, RSS 1.0 (RDF), Atom and OPML into a pc_feed, with
 * libxml2.  The parser runs with XML_PARSE_NONET and without
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE: no network, no
 * DTD read, entities never substituted into the tree, libxml2's own caps
 * on depth, text size and entity amplification (an entity bomb is a parse
 * error).  Text is read from text and CDATA nodes only, never through an
 * entity reference, so nothing this file reads expands an entity.
 */
#include "feed/feed.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <stdlib.h>
#include <string.h>

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_RSS1 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

/* Caps on what one field keeps: a title, a content. */
#define MAX_TITLE 2048u
#define MAX_CONTENT (1024u * 1024u)

struct pc_feed {
  pc_feed_kind kind;
  char *title;
  char *link;          /* the channel's own page: a second base */
  pc_feed_entry *entries;
  size_t n, cap;
  size_t nolink, dup;
  char **seen;         /* ids and links met, an open-addressing set */
  size_t nseen, seen_cap;
};

/* The parse of one document: the feed being filled and what its
 * elements are matched against. */
struct parse {
  pc_feed *f;
  xmlDocPtr doc;
  const char *ns; /* the namespace of the format's own elements, or NULL */
  bool failed;    /* out of memory */
};

/* Whether node is an element named name in namespace ns (NULL: none). */
static bool is(xmlNodePtr node, const char *name, const char *ns) {
  if (!node || node->type != XML_ELEMENT_NODE ||
      strcmp((const char *)node->name, name) != 0)
    return false;
  const char *have = node->ns && node->ns->href ? (const char *)node->ns->href
                                                : NULL;
  if (!ns || !have)
    return ns == have;
  return strcmp(ns, have) == 0;
}

/* The text of node's text and CDATA descendants (entity references are
 * left out, never expanded), at most max bytes. */
static void text_into(xmlNodePtr node, struct pc_buf *b, int depth) {
  for (xmlNodePtr c = node->children; c && !b->failed; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      pc_buf_adds(b, (const char *)c->content);
    else if (c->type == XML_ELEMENT_NODE && depth < 64)
      text_into(c, b, depth + 1);
  }
}

/* Collapses white space and trims; NULL for an empty result. */
static char *squeeze(char *s) {
  if (!s)
    return NULL;
  size_t k = 0;
  bool space = false;
  for (const char *p = s; *p; p++) {
    bool ws = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
    if (ws) {
      space = k > 0;
      continue;
    }
    if (space)
      s[k++] = ' ';
    space = false;
    s[k++] = *p;
  }
  s[k] = '\0';
  if (k == 0) {
    free(s);
    return NULL;
  }
  return s;
}

/* The text of node, or NULL (empty, or out of memory: p->failed). */
static char *text_of(struct parse *p, xmlNodePtr node, size_t max) {
  struct pc_buf b;
  pc_buf_init(&b, max);
  text_into(node, &b, 0);
  if (b.failed && b.len < max)
    p->failed = true;
  size_t n;
  return b.data ? pc_buf_steal(&b, &n) : NULL;
}

/* A copy of s with markup (<...>) dropped, for a title given as HTML. */
static char *strip_tags(char *s) {
  if (!s)
    return NULL;
  size_t k = 0;
  bool in_tag = false;
  for (const char *q = s; *q; q++) {
    if (*q == '<')
      in_tag = true;
    else if (*q == '>' && in_tag)
      in_tag = false;
    else if (!in_tag)
      s[k++] = *q;
  }
  s[k] = '\0';
  return s;
}

/* The attribute name of node (no namespace), malloc'd, or NULL. */
static char *attr(xmlNodePtr node, const char *name) {
  xmlChar *v = xmlGetNoNsProp(node, (const xmlChar *)name);
  if (!v)
    return NULL;
  char *s = strdup((const char *)v);
  xmlFree(v);
  return s;
}

/* A copy of at most max bytes of s, cut before a character, not inside
 * one. */
static char *utf8_prefix(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n > max) {
    n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
      n--;
  }
  return strndup(s, n);
}

/* An Atom text construct (type text, html or xhtml) as HTML. */
static char *atom_html(struct parse *p, xmlNodePtr node) {
  char *type = attr(node, "type");
  char *src = attr(node, "src");
  char *out = NULL;
  if (src) { /* content elsewhere: nothing to show here */
  } else if (type && strcmp(type, "xhtml") == 0) {
    xmlBufferPtr xb = xmlBufferCreate();
    for (xmlNodePtr c = node->children; xb && c; c = c->next)
      if (xmlBufferLength(xb) < (int)MAX_CONTENT)
        xmlNodeDump(xb, p->doc, c, 0, 0);
    if (xb && xmlBufferLength(xb) > 0)
      out = utf8_prefix((const char *)xmlBufferContent(xb), MAX_CONTENT);
    else if (!xb)
      p->failed = true;
    xmlBufferFree(xb);
  } else if (type && (strcmp(type, "html") == 0 ||
                      strcmp(type, "text/html") == 0)) {
    out = text_of(p, node, MAX_CONTENT);
  } else {
    char *t = text_of(p, node, MAX_CONTENT);
    if (t) {
      struct pc_buf b;
      pc_buf_init(&b, 0);
      pc_html_esc(&b, t, strlen(t));
      size_t n;
      out = b.failed ? (pc_buf_cleanup(&b), NULL) : pc_buf_steal(&b, &n);
      free(t);
    }
  }
  free(type);
  free(src);
  return out;
}

/* A title as plain text (an Atom title of type html without its tags). */
static char *title_of(struct parse *p, xmlNodePtr node) {
  char *type = attr(node, "type");
  char *t = squeeze(text_of(p, node, MAX_TITLE));
  if (type && strcmp(type, "html") == 0)
    t = squeeze(strip_tags(t));
  free(type);
  return t;
}

/* An http(s) URL with a host. */
static bool http_abs(const char *u) {
  return u && (pc_ascii_istarts(u, "http://") ||
               pc_ascii_istarts(u, "https://")) &&
         u[strcspn(u, ":") + 3] != '\0' && !strpbrk(u, " \t\r\n");
}

/* href resolved against node's base (xml:base up the tree, then the
 * feed's URL), else against the channel's own link; NULL when the result
 * is no http(s) URL (a relative link in a local file, javascript:). */
static char *resolve(struct parse *p, xmlNodePtr node, const char *href) {
  char *h = href ? squeeze(strdup(href)) : NULL;
  if (!h)
    return NULL;
  char *out = NULL;
  xmlChar *base = xmlNodeGetBase(p->doc, node);
  xmlChar *abs = xmlBuildURI((const xmlChar *)h, base);
  if (abs && http_abs((const char *)abs))
    out = strdup((const char *)abs);
  else if (p->f->link && http_abs(p->f->link)) {
    out = pc_url_resolve(p->f->link, h);
    if (out && !http_abs(out)) {
      free(out);
      out = NULL;
    }
  }
  xmlFree(abs);
  xmlFree(base);
  free(h);
  return out;
}

/* FNV-1a of s. */
static size_t hash(const char *s) {
  uint64_t h = 1469598103934665603u;
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return (size_t)h;
}

/* Whether key is in the set of ids and links met so far. */
static bool seen(const pc_feed *f, const char *key) {
  if (!key || !f->seen_cap)
    return false;
  for (size_t i = hash(key) & (f->seen_cap - 1); f->seen[i];
       i = (i + 1) & (f->seen_cap - 1))
    if (strcmp(f->seen[i], key) == 0)
      return true;
  return false;
}

/* Adds key (borrowed: the entry owns it) to the set; false when out of
 * memory. */
static bool remember(pc_feed *f, char *key) {
  if (!key || seen(f, key))
    return true;
  if (2 * (f->nseen + 1) > f->seen_cap) {
    size_t cap = f->seen_cap ? 2 * f->seen_cap : 64;
    char **s = calloc(cap, sizeof *s);
    if (!s)
      return false;
    for (size_t i = 0; i < f->seen_cap; i++)
      if (f->seen[i]) {
        size_t j = hash(f->seen[i]) & (cap - 1);
        while (s[j])
          j = (j + 1) & (cap - 1);
        s[j] = f->seen[i];
      }
    free(f->seen);
    f->seen = s;
    f->seen_cap = cap;
  }
  size_t j = hash(key) & (f->seen_cap - 1);
  while (f->seen[j])
    j = (j + 1) & (f->seen_cap - 1);
  f->seen[j] = key;
  f->nseen++;
  return true;
}

static void entry_free(pc_feed_entry *e) {
  free((char *)e->title);
  free((char *)e->link);
  free((char *)e->id);
  free((char *)e->date);
  free((char *)e->summary);
  free((char *)e->content);
}

/* Keeps e (its strings now the feed's) unless it has no link or repeats
 * an earlier entry, which are counted and freed. */
static void add_entry(struct parse *p, pc_feed_entry *e) {
  pc_feed *f = p->f;
  if (!e->link) {
    f->nolink++;
    entry_free(e);
    return;
  }
  if (seen(f, e->link) || seen(f, e->id)) {
    f->dup++;
    entry_free(e);
    return;
  }
  if (f->n == PC_FEED_MAX_ENTRIES) {
    entry_free(e);
    return;
  }
  if (f->n == f->cap) {
    size_t cap = f->cap ? 2 * f->cap : 16;
    pc_feed_entry *ne = realloc(f->entries, cap * sizeof *ne);
    if (!ne) {
      p->failed = true;
      entry_free(e);
      return;
    }
    f->entries = ne;
    f->cap = cap;
  }
  f->entries[f->n++] = *e;
  if (!remember(f, (char *)e->link) || !remember(f, (char *)e->id))
    p->failed = true;
}

/* The date of an entry from the text of node (first one that parses). */
static void take_date(struct parse *p, pc_feed_entry *e, xmlNodePtr node) {
  if (e->date)
    return;
  char *s = text_of(p, node, 256);
  long long t;
  /* before 1970 is no feed's date, and -1 says "none" */
  if (s && pc_feed_date(s, &t) && t >= 0) {
    char buf[32];
    pc_feed_format_time(t, buf, sizeof buf);
    e->date = strdup(buf);
    e->time = e->date ? t : -1;
  }
  free(s);
}

/* Sets *slot to v (when still empty), else frees v. */
static void keep(char **slot, char *v) {
  if (!*slot)
    *slot = v;
  else
    free(v);
}

/* One RSS item (2.0 or 1.0): title, link, guid or rdf:about, dates,
 * description, content:encoded. */
static void rss_item(struct parse *p, xmlNodePtr item) {
  pc_feed_entry e = {.time = -1};
  char *title = NULL, *link = NULL, *id = NULL, *sum = NULL, *content = NULL;
  char *perma = NULL; /* a guid that is a permalink: the link's stand-in */
  xmlChar *about = xmlGetNsProp(item, (const xmlChar *)"about",
                                (const xmlChar *)NS_RDF);
  if (about)
    id = strdup((const char *)about);
  xmlFree(about);
  for (xmlNodePtr c = item->children; c; c = c->next) {
    if (is(c, "title", p->ns))
      keep(&title, squeeze(text_of(p, c, MAX_TITLE)));
    else if (is(c, "link", p->ns) && !link) {
      char *h = text_of(p, c, MAX_TITLE);
      link = resolve(p, c, h);
      free(h);
    } else if (is(c, "guid", p->ns) && !id) {
      id = squeeze(text_of(p, c, MAX_TITLE));
      char *pl = attr(c, "isPermaLink");
      if (id && (!pl || strcmp(pl, "false") != 0))
        keep(&perma, resolve(p, c, id));
      free(pl);
    } else if (is(c, "pubDate", p->ns) || is(c, "date", NS_DC))
      take_date(p, &e, c);
    else if (is(c, "description", p->ns))
      keep(&sum, text_of(p, c, MAX_CONTENT));
    else if (is(c, "encoded", NS_CONTENT))
      keep(&content, text_of(p, c, MAX_CONTENT));
  }
  e.title = title;
  e.link = link ? link : perma;
  if (link)
    free(perma);
  e.id = id;
  e.summary = sum;
  e.content = content;
  add_entry(p, &e);
}

/* The link of an Atom entry: rel alternate (or none), text/html first. */
static char *atom_link(struct parse *p, xmlNodePtr entry) {
  char *best = NULL;
  bool best_html = false;
  for (xmlNodePtr c = entry->children; c; c = c->next) {
    if (!is(c, "link", p->ns))
      continue;
    char *rel = attr(c, "rel"), *type = attr(c, "type");
    char *href = attr(c, "href");
    bool alt = !rel || strcmp(rel, "alternate") == 0;
    bool html = !type || strstr(type, "html");
    if (alt && href && (!best || (html && !best_html))) {
      char *u = resolve(p, c, href);
      if (u) {
        free(best);
        best = u;
        best_html = html;
      }
    }
    free(rel);
    free(type);
    free(href);
  }
  return best;
}

/* One Atom entry: title, link, id, published (else updated), summary,
 * content. */
static void atom_entry(struct parse *p, xmlNodePtr entry) {
  pc_feed_entry e = {.time = -1};
  char *title = NULL, *id = NULL, *sum = NULL, *content = NULL;
  xmlNodePtr updated = NULL;
  for (xmlNodePtr c = entry->children; c; c = c->next) {
    if (is(c, "title", p->ns))
      keep(&title, title_of(p, c));
    else if (is(c, "id", p->ns))
      keep(&id, squeeze(text_of(p, c, MAX_TITLE)));
    else if (is(c, "published", p->ns) || is(c, "issued", p->ns))
      take_date(p, &e, c);
    else if (is(c, "updated", p->ns) || is(c, "modified", p->ns))
      updated = updated ? updated : c;
    else if (is(c, "summary", p->ns))
      keep(&sum, atom_html(p, c));
    else if (is(c, "content", p->ns))
      keep(&content, atom_html(p, c));
  }
  if (updated)
    take_date(p, &e, updated);
  e.title = title;
  e.link = atom_link(p, entry);
  e.id = id;
  e.summary = sum;
  e.content = content;
  add_entry(p, &e);
}

/* OPML: every outline with an xmlUrl, at any depth (folders nest). */
static void opml_outlines(struct parse *p, xmlNodePtr node, int depth) {
  for (xmlNodePtr c = node->children; c && !p->failed; c = c->next) {
    if (!is(c, "outline", NULL))
      continue;
    char *url = attr(c, "xmlUrl");
    if (url) {
      pc_feed_entry e = {.time = -1};
      e.link = resolve(p, c, url);
      char *t = attr(c, "title");
      e.title = squeeze(t ? t : attr(c, "text"));
      add_entry(p, &e);
      free(url);
    }
    if (depth < 32)
      opml_outlines(p, c, depth + 1);
  }
}

/* The channel's title and link (RSS) or the feed's (Atom). */
static void feed_head(struct parse *p, xmlNodePtr head) {
  for (xmlNodePtr c = head->children; c; c = c->next) {
    if (is(c, "title", p->ns))
      keep(&p->f->title, title_of(p, c));
    else if (is(c, "link", p->ns) && p->f->kind != PC_FEED_ATOM) {
      char *h = text_of(p, c, MAX_TITLE);
      keep(&p->f->link, resolve(p, c, h));
      free(h);
    }
  }
  if (p->f->kind == PC_FEED_ATOM && !p->f->link)
    p->f->link = atom_link(p, head);
}

/* The format by the root element: its namespace for the own elements. */
static bool feed_kind(struct parse *p, xmlNodePtr root) {
  pc_feed *f = p->f;
  if (is(root, "rss", NULL)) {
    f->kind = PC_FEED_RSS2;
    p->ns = NULL;
  } else if (is(root, "RDF", NS_RDF)) {
    f->kind = PC_FEED_RSS1;
    bool r090 = false;
    for (xmlNodePtr c = root->children; c; c = c->next)
      r090 = r090 || is(c, "channel", NS_RSS090);
    p->ns = r090 ? NS_RSS090 : NS_RSS1;
  } else if (is(root, "feed", NS_ATOM) || is(root, "feed", NS_ATOM03)) {
    f->kind = PC_FEED_ATOM;
    p->ns = (const char *)root->ns->href;
  } else if (is(root, "opml", NULL)) {
    f->kind = PC_FEED_OPML;
    p->ns = NULL;
  } else {
    return false;
  }
  return true;
}

/* Walks the document's entries by kind. */
static void walk(struct parse *p, xmlNodePtr root) {
  pc_feed *f = p->f;
  if (f->kind == PC_FEED_ATOM)
    feed_head(p, root);
  for (xmlNodePtr c = root->children; c && !p->failed; c = c->next) {
    if (f->kind == PC_FEED_RSS2 && is(c, "channel", NULL)) {
      feed_head(p, c);
      for (xmlNodePtr i = c->children; i && !p->failed; i = i->next)
        if (is(i, "item", NULL))
          rss_item(p, i);
    } else if (f->kind == PC_FEED_RSS1 && is(c, "channel", p->ns)) {
      feed_head(p, c);
    } else if (f->kind == PC_FEED_RSS1 && is(c, "item", p->ns)) {
      rss_item(p, c);
    } else if (f->kind == PC_FEED_OPML && is(c, "head", NULL)) {
      for (xmlNodePtr h = c->children; h; h = h->next)
        if (is(h, "title", NULL))
          keep(&f->title, squeeze(text_of(p, h, MAX_TITLE)));
    } else if (f->kind == PC_FEED_OPML && is(c, "body", NULL)) {
      opml_outlines(p, c, 0);
    } else if (f->kind == PC_FEED_ATOM && is(c, "entry", p->ns)) {
      atom_entry(p, c);
    }
  }
}

/* libxml2's reason for a failed parse, on one line. */
static pc_status parse_error(xmlParserCtxtPtr ctxt, pc_error *err) {
  const xmlError *e = ctxt ? xmlCtxtGetLastError(ctxt) : NULL;
  char msg[160] = "";
  if (e && e->message) {
    snprintf(msg, sizeof msg, "%s", e->message);
    msg[strcspn(msg, "\r\n")] = '\0';
  }
  if (e && e->code == XML_ERR_ENTITY_LOOP)
    return pc_error_set(err, PC_ERR_INPUT,
                        "feed refused: its entities expand too much "
                        "(line %d: %s)", e->line, msg);
  return pc_error_set(err, PC_ERR_INPUT, "not a well-formed XML feed "
                      "(line %d: %s)", e ? e->line : 0,
                      msg[0] ? msg : "no document");
}

pc_status pc_feed_parse(const char *data, size_t len, const char *url,
                        pc_feed **out, pc_error *err) {
  *out = NULL;
  if (!data && len)
    return pc_error_set(err, PC_ERR_USAGE, "no data");
  if (len > PC_FEED_MAX_BYTES)
    return pc_error_set(err, PC_ERR_TOO_LARGE, "feed over %u bytes",
                        PC_FEED_MAX_BYTES);
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt)
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  /* no NOENT (substitution), no DTDLOAD, no HUGE: see the top */
  int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data ? data : "", (int)len,
                                    url && http_abs(url) ? url : NULL, NULL,
                                    opts);
  if (!doc) {
    pc_status st = parse_error(ctxt, err);
    xmlFreeParserCtxt(ctxt);
    return st;
  }
  xmlFreeParserCtxt(ctxt);
  pc_feed *f = calloc(1, sizeof *f);
  struct parse p = {.f = f, .doc = doc};
  xmlNodePtr root = xmlDocGetRootElement(doc);
  pc_status st = PC_OK;
  if (!f) {
    st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  } else if (!root || !feed_kind(&p, root)) {
    st = pc_error_set(err, PC_ERR_INPUT, "not a feed: the root element is "
                      "<%.40s>, not rss, rdf:RDF, feed (Atom) or opml",
                      root ? (const char *)root->name : "");
  } else {
    walk(&p, root);
    if (p.failed)
      st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  xmlFreeDoc(doc);
  if (st != PC_OK) {
    pc_feed_free(f);
    return st;
  }
  *out = f;
  return PC_OK;
}

void pc_feed_free(pc_feed *f) {
  if (!f)
    return;
  for (size_t i = 0; i < f->n; i++)
    entry_free(&f->entries[i]);
  free(f->entries);
  free(f->seen);
  free(f->title);
  free(f->link);
  free(f);
}

pc_feed_kind pc_feed_type(const pc_feed *f) { return f->kind; }
const char *pc_feed_title(const pc_feed *f) { return f->title; }
size_t pc_feed_entry_count(const pc_feed *f) { return f->n; }
const pc_feed_entry *pc_feed_entry_at(const pc_feed *f, size_t i) {
  return i < f->n ? &f->entries[i] : NULL;
}
size_t pc_feed_skipped_nolink(const pc_feed *f) { return f->nolink; }
size_t pc_feed_skipped_dup(const pc_feed *f) { return f->dup; }

char *pc_feed_entry_page(const pc_feed_entry *e, size_t *len) {
  struct pc_buf b;
  pc_buf_init(&b, 0);
  const char *title = e->title ? e->title : e->link;
  pc_buf_adds(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                  "<title>");
  pc_html_esc(&b, title, strlen(title));
  pc_buf_adds(&b, "</title></head><body><article><h1>");
  pc_html_esc(&b, title, strlen(title));
  pc_buf_adds(&b, "</h1>\n");
  if (e->date) {
    pc_buf_adds(&b, "<p><time datetime=\"");
    pc_html_esc(&b, e->date, strlen(e->date));
    pc_buf_printf(&b, "\">%.10s</time></p>\n", e->date);
  }
  const char *body = e->content ? e->content : e->summary;
  if (body)
    pc_buf_adds(&b, body);
  pc_buf_adds(&b, "\n<p><a href=\"");
  pc_html_esc(&b, e->link, strlen(e->link));
  pc_buf_adds(&b, "\">");
  pc_html_esc(&b, e->link, strlen(e->link));
  pc_buf_adds(&b, "</a></p></article></body></html>\n");
  if (b.failed) {
    pc_buf_cleanup(&b);
    return NULL;
  }
  size_t n;
  char *s = pc_buf_steal(&b, &n);
  if (len)
    *len = n;
  return s;
}
