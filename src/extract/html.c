/*
 * html.c - finds the article in an HTML page and turns it into blocks.
 *
 * Steps (docs/internals/EXTRACTION.md explains the signals):
 *  1. mark   - elements that are never content: scripts, navigation,
 *              hidden elements, widgets recognised by role or class/id.
 *  2. stats  - per element: visible characters, characters inside links,
 *              commas (one bottom-up pass).
 *  3. score  - every paragraph gives points to its ancestors (text length,
 *              commas), weighted by tag and class/id signals, discounted
 *              by link density; the best element is the article's root,
 *              joined by siblings that look like article text.
 *  4. blocks - the chosen subtrees are walked into the document model:
 *              paragraphs, headings, lists, quotes, figures, tables; link
 *              lists, galleries of images and short boilerplate are left
 *              out on the way; short blocks that are page chrome
 *              (data/<lang>/boilerplate.txt) are dropped, and a heading
 *              naming a tail section (related posts, comments) after some
 *              of the article's text ends the walk.
 *  5. lead     - a standfirst outside the body container (lead-type class
 *              in the preceding siblings of the root and its ancestors, or
 *              the first sentence after the headline in the article's
 *              <header>) goes first.
 *  6. fallback - a result of one or two short blocks (a notice) gives way
 *              to the next-best candidate, then to the JSON-LD body.
 * <header>, <footer>, <aside> and chrome roles are dropped unless broken
 * markup left the article inside them; a stub body gives way to the JSON-LD
 * articleBody.  Every walk is bounded by PC_MAX_DEPTH.
 */
#include "extract.h"
#include "html/dom.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*** per-element statistics ************************************************/

enum {
  F_DEAD = 1,     /* never content */
  F_SCORED = 2,   /* has a content score */
  F_KEEP = 4,     /* chosen as (part of) the article */
  F_HASART = 8    /* has an <article>, <main> or articleBody below */
};

/* Heuristics that a retry switches off when they left too little text,
 * as Readability does. */
enum {
  R_STRIP_UNLIKELY = 1,
  R_WEIGHT_CLASSES = 2,
  R_CLEAN_CONDITIONALLY = 4,
  R_ALL = 7
};

struct nstat {
  double score;
  unsigned text;   /* visible non-space code points */
  unsigned links;  /* of which inside <a> */
  unsigned commas;
  unsigned paras;  /* <p> descendants */
  unsigned imgs;
  unsigned lis;
  unsigned inputs;
  unsigned embeds;
  unsigned heads;  /* characters inside h1..h6 */
  unsigned brs;    /* <br> descendants */
  unsigned char flags;
};

struct ex {
  const pc_ctx *ctx;
  pc_doc *doc;
  const char *base;
  struct nstat *st;
  size_t nst, capst;
  xmlNode *body;
  const char *title; /* doc title, for dropping a repeated headline */
  struct pc_textb tb;
  unsigned rules; /* R_* in force */
  bool full;      /* the block cap is reached: stop walking */
  size_t dropped; /* bytes of boilerplate left out by this attempt */
  pc_status status;
  pc_error *err;
  xmlNode *root;        /* the root the last attempt chose */
  const xmlNode *avoid; /* when set: a root that gave a stub, left out */
};

static struct nstat *S(const struct ex *x, const xmlNode *n) {
  uintptr_t i = (uintptr_t)n->_private;
  return i ? &x->st[i - 1] : NULL;
}

static bool tag_is(const xmlNode *n, const char *t) {
  return strcmp(pc_dom_tag(n), t) == 0;
}

static bool tag_in(const char *t, const char *const *list) {
  for (; *list; list++)
    if (strcmp(t, *list) == 0)
      return true;
  return false;
}

/* Membership in a sorted, NULL-terminated table of names. */
#define TAG_IN(t, list) pc_in_sorted(t, list, sizeof list / sizeof *list - 1)

static const char *const never_content[] = {
    "applet", "area", "audio", "button", "canvas",
    "datalist", "dialog", "embed", "frame", "frameset",
    "head", "iframe", "input", "link", "map",
    "math", "menu", "meta", "meter", "nav", "noscript",
    "object", "option", "output", "progress", "script", "select",
    "style", "svg", "template", "textarea", "video", NULL};

static const char *const inline_tags[] = {
    "a", "abbr", "acronym", "b", "bdi", "bdo",
    "big", "br", "cite", "code", "data", "del",
    "dfn", "em", "font", "i", "img", "ins",
    "kbd", "label", "mark", "nobr", "picture", "q",
    "s", "samp", "small", "source", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u",
    "var", "wbr", NULL};

static bool is_inline(const xmlNode *n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
      n->type == XML_ENTITY_REF_NODE)
    return true;
  if (n->type != XML_ELEMENT_NODE)
    return true; /* comments etc. are nothing */
  return TAG_IN(pc_dom_tag(n), inline_tags);
}

/*** class/id signals (Readability's lists, generalised) *******************/

static void lower_class_id(const xmlNode *n, char *buf, size_t sz) {
  const char *c = pc_dom_attr(n, "class");
  const char *i = pc_dom_attr(n, "id");
  size_t k = 0;
  for (const char *p = c ? c : ""; *p && k + 2 < sz; p++)
    buf[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
  buf[k++] = ' ';
  for (const char *p = i ? i : ""; *p && k + 1 < sz; p++)
    buf[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
  buf[k] = '\0';
}

/* Whether s contains one of the words (each of two bytes or more).  A
 * bitmap of the byte pairs of s rules most words out without a search;
 * made once for a string, it serves every list asked about it. */
struct pairs {
  const char *s;
  uint64_t bits[64];
};

static void pairs_of(const char *s, struct pairs *pm) {
  pm->s = s;
  memset(pm->bits, 0, sizeof pm->bits);
  for (const unsigned char *p = (const unsigned char *)s; p[0] && p[1]; p++) {
    unsigned h = (p[0] * 64u + p[1]) & 4095u;
    pm->bits[h >> 6] |= 1ull << (h & 63);
  }
}

static bool pairs_any(const struct pairs *pm, const char *const *words) {
  for (; *words; words++) {
    const unsigned char *w = (const unsigned char *)*words;
    unsigned h = (w[0] * 64u + w[1]) & 4095u;
    if (((pm->bits[h >> 6] >> (h & 63)) & 1) && strstr(pm->s, *words))
      return true;
  }
  return false;
}

static bool has_any(const char *s, const char *const *words) {
  struct pairs pm;
  pairs_of(s, &pm);
  return pairs_any(&pm, words);
}

static const char *const unlikely_words[] = {
    "-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment",
    "community", "cover-wrap", "disqus", "extra", "footer", "gdpr",
    "header", "legends", "menu", "related", "remark", "replies", "rss",
    "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
    "ad-break", "agegate", "pagination", "pager", "popup", "yom-remote",
    "newsletter", "subscribe", "cookie", "consent", "promo",
    "share", "recirc", "outbrain", "taboola", "most-popular", "trending",
    NULL};
static const char *const maybe_words[] = {"and", "article", "body",
                                          "column", "content", "main",
                                          "shadow", "story", "text", NULL};
static const char *const negative_words[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact",
    "foot", "footnote", "gdpr", "masthead", "media", "meta", "outbrain",
    "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "byline",
    "author", "dateline", "caption", "credit", "newsletter", "signup",
    "recommend", "popular", "trending", "teaser", NULL};
static const char *const positive_words[] = {
    "article", "body", "content", "entry", "hentry", "h-entry", "main",
    "page", "post", "text", "blog", "story", NULL};

static int class_weight_raw(const xmlNode *n) {
  char ci[512];
  lower_class_id(n, ci, sizeof ci);
  if (ci[0] == ' ' && ci[1] == '\0')
    return 0;
  int w = 0;
  struct pairs pm;
  pairs_of(ci, &pm);
  if (pairs_any(&pm, negative_words))
    w -= 25;
  if (pairs_any(&pm, positive_words))
    w += 25;
  return w;
}

static int class_weight(const struct ex *x, const xmlNode *n) {
  return (x->rules & R_WEIGHT_CLASSES) ? class_weight_raw(n) : 0;
}

/*** 1. mark ***************************************************************/

static bool hidden(const xmlNode *n) {
  if (pc_dom_attr(n, "hidden"))
    return true;
  const char *ah = pc_dom_attr(n, "aria-hidden");
  if (ah && strcmp(ah, "true") == 0)
    return true;
  const char *style = pc_dom_attr(n, "style");
  if (style) {
    char s[256];
    size_t k = 0;
    for (const char *p = style; *p && k + 1 < sizeof s; p++)
      if (*p != ' ')
        s[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : *p);
    s[k] = '\0';
    if (strstr(s, "display:none") || strstr(s, "visibility:hidden"))
      return true;
  }
  return false;
}

/* A hidden part that a reader opens in place: an accordion's or a tab's
 * panel, a collapsed answer, a "read on" fold.  Its text is the page's, so
 * it is not dead for being hidden (where it sits still decides). */
static const char *const fold_words[] = {
    "accordion", "collapse", "tab-pane", "tabpanel", "tab-content",
    "tabs-panel", "toggle", "spoiler", "expand", "faq", "answer",
    "more-text", "readmore", "read-more", "weiterlesen", "aufklapp", NULL};
static bool folded(const xmlNode *n) {
  const char *r = pc_dom_attr(n, "role");
  if (r && strcmp(r, "tabpanel") == 0)
    return true;
  char ci[512];
  lower_class_id(n, ci, sizeof ci);
  return has_any(ci, fold_words);
}

static bool bad_role(const xmlNode *n) {
  static const char *const roles[] = {
      "menu", "menubar", "complementary", "navigation", "alert",
      "alertdialog", "dialog", "banner", "contentinfo", "search", NULL};
  const char *r = pc_dom_attr(n, "role");
  return r && tag_in(r, roles);
}

static bool unlikely(const xmlNode *n, bool in_table) {
  const char *t = pc_dom_tag(n);
  if (in_table || pc_tag_is(t, "body") || pc_tag_is(t, "a") ||
      pc_tag_is(t, "article") || pc_tag_is(t, "main") ||
      pc_tag_is(t, "html"))
    return false;
  char ci[512];
  lower_class_id(n, ci, sizeof ci);
  if (ci[0] == ' ' && ci[1] == '\0')
    return false;
  struct pairs pm;
  pairs_of(ci, &pm);
  return pairs_any(&pm, unlikely_words) && !pairs_any(&pm, maybe_words);
}

static bool new_stat(struct ex *x, xmlNode *n) {
  if (x->nst == x->capst) {
    if (x->nst >= PC_MAX_NODES)
      return false;
    size_t cap = x->capst ? x->capst * 2 : 1024;
    struct nstat *s = realloc(x->st, cap * sizeof *s);
    if (!s)
      return false;
    x->st = s;
    x->capst = cap;
  }
  memset(&x->st[x->nst], 0, sizeof *x->st);
  x->nst++;
  n->_private = (void *)(uintptr_t)x->nst;
  return true;
}

/* Visible text metrics of text node content. */
static void count_text(const char *s, unsigned *chars, unsigned *commas) {
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s), i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      unsigned c = p[i++];
      *chars += !pc_ascii_is_space(c);
      *commas += c == ',';
      continue;
    }
    uint32_t cp;
    size_t k = pc_utf8_decode(p + i, n - i, &cp);
    if (!k) {
      k = 1;
      cp = 0xFFFD;
    }
    if (!pc_uni_is_space(cp) && cp != 0xA0)
      (*chars)++;
    if (cp == ',' || cp == 0xFF0C || cp == 0x3001 || cp == 0x060C)
      (*commas)++;
    i += k;
  }
}

/* Marks and counts in one recursive pass; returns false when a limit
 * stopped it (the rest of the tree is then left dead). */
static void mark(struct ex *x, xmlNode *n, int depth, bool in_table,
                 bool in_link, bool in_head) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (!new_stat(x, n)) {
      x->status = PC_ERR_TOO_LARGE;
      return;
    }
    struct nstat *s = S(x, n);
    const char *t = pc_dom_tag(n);
    if (depth >= PC_MAX_DEPTH) {
      s->flags |= F_DEAD;
      x->doc->truncated = true; /* deeper content is not read */
      continue;
    }
    if (TAG_IN(t, never_content) || (hidden(n) && !folded(n)) ||
        n == x->avoid) {
      s->flags |= F_DEAD;
      continue;
    }
    /* Page chrome by tag or role, unless broken markup left the article
     * inside it (an unclosed <header> holds the rest of the page). */
    bool chrome = pc_tag_is(t, "header") || pc_tag_is(t, "footer") ||
                  pc_tag_is(t, "aside") || bad_role(n);
    bool link = in_link || pc_tag_is(t, "a");
    bool head = in_head || (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]);
    mark(x, n->children, depth + 1, in_table || pc_tag_is(t, "table"),
         link, head);
    s = S(x, n); /* the recursion may have moved the table */
    /* sum children */
    for (xmlNode *c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        unsigned ch = 0, co = 0;
        if (c->content)
          count_text((const char *)c->content, &ch, &co);
        s->text += ch;
        s->commas += co;
        if (link)
          s->links += ch;
        if (head)
          s->heads += ch;
      } else if (c->type == XML_ELEMENT_NODE) {
        struct nstat *cs = S(x, c);
        if (!cs || (cs->flags & F_DEAD))
          continue;
        s->text += cs->text;
        s->links += cs->links;
        s->commas += cs->commas;
        s->paras += cs->paras;
        s->imgs += cs->imgs;
        s->lis += cs->lis;
        s->inputs += cs->inputs;
        s->embeds += cs->embeds;
        s->heads += cs->heads;
        s->brs += cs->brs;
        s->flags |= cs->flags & F_HASART;
      }
    }
    const char *ip = pc_dom_attr(n, "itemprop");
    if (pc_tag_is(t, "article") || pc_tag_is(t, "main") ||
        (ip && strstr(ip, "articleBody")))
      s->flags |= F_HASART;
    if (chrome && !((s->flags & F_HASART) && s->paras >= 3)) {
      s->flags |= F_DEAD;
      continue;
    }
    /* A class like "page-ad-margins" on the article's own wrapper must not
     * sink it: unlikely names kill only what holds no article marker. */
    if ((x->rules & R_STRIP_UNLIKELY) && !(s->flags & F_HASART) &&
        unlikely(n, in_table)) {
      s->flags |= F_DEAD;
      continue;
    }
    if (pc_tag_is(t, "p"))
      s->paras++;
    else if (pc_tag_is(t, "img"))
      s->imgs++;
    else if (pc_tag_is(t, "li"))
      s->lis++;
    else if (pc_tag_is(t, "br"))
      s->brs++;
  }
}

static double link_density(const struct nstat *s) {
  return s->text ? (double)s->links / (double)s->text : 0.0;
}

/*** 2. score **************************************************************/

static double tag_base(const char *t) {
  if (pc_tag_is(t, "div") || pc_tag_is(t, "article") ||
      pc_tag_is(t, "section") || pc_tag_is(t, "main"))
    return 5;
  if (pc_tag_is(t, "pre") || pc_tag_is(t, "td") ||
      pc_tag_is(t, "blockquote"))
    return 3;
  if (pc_tag_is(t, "address") || pc_tag_is(t, "ol") ||
      pc_tag_is(t, "ul") || pc_tag_is(t, "dl") || pc_tag_is(t, "dd") ||
      pc_tag_is(t, "dt") || pc_tag_is(t, "li") || pc_tag_is(t, "form"))
    return -3;
  if ((t[0] == 'h' && t[1] >= '1' && t[1] <= '6') || pc_tag_is(t, "th"))
    return -5;
  return 0;
}

static void init_score(struct ex *x, xmlNode *n) {
  struct nstat *s = S(x, n);
  if (!s || (s->flags & F_SCORED))
    return;
  s->flags |= F_SCORED;
  s->score = tag_base(pc_dom_tag(n)) + class_weight(x, n);
  /* <article> and <main> are the page saying where the content is */
  if (tag_is(n, "article") || tag_is(n, "main"))
    s->score += 10;
  const char *ip = pc_dom_attr(n, "itemprop");
  if (ip && strstr(ip, "articleBody"))
    s->score += 30;
}

/* Distributes a paragraph's score to its ancestors, starting at `parent`. */
static void give(struct ex *x, xmlNode *parent, unsigned chars,
                 unsigned commas) {
  if (chars < 25)
    return;
  double score = 1.0 + commas + fmin(floor(chars / 100.0), 3.0);
  int level = 0;
  for (xmlNode *a = parent; a && a->type == XML_ELEMENT_NODE && level < 5;
       a = a->parent, level++) {
    if (!S(x, a) || tag_is(a, "html"))
      break;
    init_score(x, a);
    double div = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
    S(x, a)->score += score / div;
  }
}

/* The commas a paragraph scores with.  A paragraph of many short lines
 * (names and affiliations, an address, a list of signatories: "Jane Roe,
 * Example University<br>": short lines, dense commas) is not prose however
 * many commas it holds. */
#define LIST_LINES 4
#define LIST_LINE_CHARS 60
#define LIST_COMMA_CHARS 40 /* a comma every 40 characters or closer */
static unsigned para_commas(unsigned chars, unsigned commas, unsigned brs) {
  if (brs >= LIST_LINES && chars / (brs + 1) < LIST_LINE_CHARS &&
      commas * LIST_COMMA_CHARS > chars)
    return commas < 2 ? commas : 2;
  return commas;
}

static bool has_block_child(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !is_inline(c))
      return true;
  return false;
}

static void score_walk(struct ex *x, xmlNode *n, int depth) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    struct nstat *s = S(x, n);
    if (!s || (s->flags & F_DEAD))
      continue;
    const char *t = pc_dom_tag(n);
    bool para = pc_tag_is(t, "p") || pc_tag_is(t, "pre") ||
                pc_tag_is(t, "td");
    if (!para && !is_inline(n) && !has_block_child(n) &&
        !pc_tag_is(t, "li") && !(t[0] == 'h' && t[1] >= '1' && t[1] <= '6'))
      para = true; /* a div of only inline content reads as a paragraph */
    if (para) {
      give(x, n->parent, s->text, para_commas(s->text, s->commas, s->brs));
      if (pc_tag_is(t, "td") && depth < PC_MAX_DEPTH)
        score_walk(x, n->children, depth + 1);
      continue;
    }
    if (!is_inline(n)) {
      /* direct inline text of a mixed container is a paragraph of it */
      unsigned ch = 0, co = 0, br = 0;
      for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content)
          count_text((const char *)c->content, &ch, &co);
        else if (c->type == XML_ELEMENT_NODE && is_inline(c) && S(x, c) &&
                 !(S(x, c)->flags & F_DEAD)) {
          ch += S(x, c)->text;
          co += S(x, c)->commas;
          br += S(x, c)->brs + tag_is(c, "br");
        }
      }
      if (ch >= 25)
        give(x, n, ch, para_commas(ch, co, br));
    }
    if (depth < PC_MAX_DEPTH)
      score_walk(x, n->children, depth + 1);
  }
}

/* All scored elements, best first (top 5 kept). */
struct top {
  xmlNode *n[5];
  double s[5];
};

static void collect_top(struct ex *x, xmlNode *n, struct top *tp, int depth) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    struct nstat *s = S(x, n);
    if (!s || (s->flags & F_DEAD))
      continue;
    if (s->flags & F_SCORED) {
      s->score *= 1.0 - link_density(s);
      for (int i = 0; i < 5; i++) {
        if (!tp->n[i] || s->score > tp->s[i]) {
          memmove(&tp->n[i + 1], &tp->n[i], (size_t)(4 - i) * sizeof *tp->n);
          memmove(&tp->s[i + 1], &tp->s[i], (size_t)(4 - i) * sizeof *tp->s);
          tp->n[i] = n;
          tp->s[i] = s->score;
          break;
        }
      }
    }
    if (depth < PC_MAX_DEPTH)
      collect_top(x, n->children, tp, depth + 1);
  }
}

static bool is_ancestor(const xmlNode *a, const xmlNode *n) {
  for (n = n->parent; n; n = n->parent)
    if (n == a)
      return true;
  return false;
}

static xmlNode *choose_root(struct ex *x) {
  struct top tp;
  memset(&tp, 0, sizeof tp);
  collect_top(x, x->body, &tp, 0);
  xmlNode *top = tp.n[0];
  if (!top)
    return NULL;
  double ts = tp.s[0];
  /* Several strong candidates under one ancestor: take the ancestor. */
  int alts = 0;
  for (int i = 1; i < 5; i++)
    alts += tp.n[i] && tp.s[i] / ts >= 0.75;
  if (alts >= 2) {
    for (xmlNode *p = top->parent; p && p != x->body->parent; p = p->parent) {
      int in = 0;
      for (int i = 1; i < 5; i++)
        in += tp.n[i] && tp.s[i] / ts >= 0.75 && is_ancestor(p, tp.n[i]);
      if (in >= 2) {
        top = p;
        break;
      }
      if (p == x->body)
        break;
    }
  }
  init_score(x, top);
  /* Climb while the parent holds more of the score. */
  double last = S(x, top)->score;
  double threshold = last / 3.0;
  for (xmlNode *p = top->parent; p && p != x->body && S(x, p); p = p->parent) {
    if (!(S(x, p)->flags & F_SCORED))
      continue;
    double ps = S(x, p)->score;
    if (ps < threshold)
      break;
    if (ps > last) {
      top = p;
      break;
    }
    last = ps;
  }
  /* An only child says nothing its parent does not. */
  while (top->parent && top->parent != x->body && S(x, top->parent) &&
         xmlChildElementCount(top->parent) == 1)
    top = top->parent;
  return top;
}

/*** 3. siblings ***********************************************************/

static bool ends_sentence(const xmlNode *n) {
  struct pc_buf b;
  pc_buf_init(&b, 1u << 20);
  pc_dom_text(n, &b);
  bool r = false;
  if (b.data) {
    size_t l = b.len;
    while (l && (b.data[l - 1] == ' ' || b.data[l - 1] == '\n'))
      l--;
    r = (l && b.data[l - 1] == '.') || strstr(b.data, ". ") != NULL;
  }
  pc_buf_cleanup(&b);
  return r;
}

/* The class and id of n, lower case, digits left out ("section-12" and
 * "section-30" are of one shape); empty when n has neither. */
static void class_shape(const xmlNode *n, char *out, size_t sz) {
  char ci[256];
  lower_class_id(n, ci, sizeof ci);
  size_t k = 0;
  for (const char *p = ci; *p && k + 1 < sz; p++)
    if (!(*p >= '0' && *p <= '9'))
      out[k++] = *p;
  while (k && out[k - 1] == ' ')
    k--;
  out[k] = '\0';
}

static void keep_siblings(struct ex *x, xmlNode *top) {
  struct nstat *ts = S(x, top);
  ts->flags |= F_KEEP;
  if (!top->parent || top == x->body)
    return;
  double threshold = fmax(10.0, ts->score * 0.2);
  const char *tcls = pc_dom_attr(top, "class");
  char tshape[256];
  class_shape(top, tshape, sizeof tshape);
  for (xmlNode *c = top->parent->children; c; c = c->next) {
    if (c == top || c->type != XML_ELEMENT_NODE)
      continue;
    struct nstat *s = S(x, c);
    if (!s || (s->flags & F_DEAD))
      continue;
    double bonus = 0.0;
    const char *cls = pc_dom_attr(c, "class");
    if (tcls && cls && *tcls && strcmp(cls, tcls) == 0)
      bonus = ts->score * 0.2;
    bool keep = (s->flags & F_SCORED) && s->score + bonus >= threshold;
    /* the article split over sibling parts of one kind (sections, text
     * widgets of a page builder): text of the same tag and class shape */
    if (!keep && tshape[0] && s->text >= 80 && link_density(s) < 0.25 &&
        tag_is(c, pc_dom_tag(top))) {
      char shape[256];
      class_shape(c, shape, sizeof shape);
      keep = strcmp(shape, tshape) == 0;
    }
    if (!keep && tag_is(c, "p")) {
      double ld = link_density(s);
      if (s->text > 80 && ld < 0.25)
        keep = true;
      else if (s->text > 0 && s->text <= 80 && ld == 0.0 && ends_sentence(c))
        keep = true;
    }
    if (keep)
      s->flags |= F_KEEP;
  }
}

/*** 4. blocks *************************************************************/

static bool is_heading_tag(const char *t) {
  return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && t[2] == '\0';
}

static bool ends_sentence_mark(const xmlNode *n);

/* A short line of text by itself ("Warum jetzt?", an interview question,
 * "Zutaten:"): no links, no form, no negative class, and it ends as a
 * sentence or a lead-in does. */
static bool short_line(struct ex *x, const xmlNode *n) {
  struct nstat *s = S(x, n);
  return s->text >= 3 && s->links == 0 && s->inputs == 0 && s->imgs == 0 &&
         !has_block_child(n) && class_weight_raw(n) >= 0 &&
         ends_sentence_mark(n);
}

/* Readability's "clean conditionally": containers that look like link
 * farms, galleries or forms are dropped inside the article. */
static bool junk_container(struct ex *x, const xmlNode *n) {
  const char *t = pc_dom_tag(n);
  struct nstat *s = S(x, n);
  if (!s)
    return true;
  bool list = pc_tag_is(t, "ul") || pc_tag_is(t, "ol");
  bool cand = list || pc_tag_is(t, "div") || pc_tag_is(t, "section") ||
              pc_tag_is(t, "table") || pc_tag_is(t, "form") ||
              pc_tag_is(t, "fieldset") || pc_tag_is(t, "figure") ||
              pc_tag_is(t, "span");
  if (!cand)
    return false;
  int weight = class_weight(x, n);
  double score = (s->flags & F_SCORED) ? s->score : 0.0;
  double ld = link_density(s);
  /* a list's own score is low by tag: a list of text (steps, ingredients,
   * points of a programme) inside the article is kept */
  bool text_list = list && weight >= 0 && ld <= 0.3 && s->text >= 20;
  if (weight + score < 0 && !(s->flags & F_KEEP) && !text_list)
    return true;
  if (s->commas >= 10)
    return false;
  unsigned p = s->paras, img = s->imgs, li = s->lis > 100 ? s->lis - 100 : 0;
  bool figure = pc_tag_is(t, "figure");
  if (list)
    li = 0;
  /* a gallery, unless a list of steps with a photo each */
  bool steps = s->lis >= img && s->text >= img * 40;
  if (img > 1 && (double)p / img < 0.5 && !figure && !steps)
    return true;
  if (!list && li > p)
    return true;
  if (s->inputs > p / 3 + 0)
    return s->inputs > 0 && p < 3 * s->inputs;
  double hd = s->text ? (double)s->heads / s->text : 0.0;
  if (!list && !figure && hd < 0.9 && s->text < 25 && (img == 0 || img > 2) &&
      !short_line(x, n))
    return true;
  if (!list && weight < 25 && ld > 0.2 && s->text > 0)
    return true;
  if (weight >= 25 && ld > 0.5)
    return true;
  if ((s->embeds == 1 && s->text < 75) || s->embeds > 1)
    return true;
  return false;
}

static void fail(struct ex *x, pc_status st, const char *msg) {
  if (x->status == PC_OK)
    x->status = pc_error_set(x->err, st, "%s", msg);
}

static const char *arena_attr(struct ex *x, const xmlNode *n,
                              const char *name) {
  const char *v = pc_dom_attr(n, name);
  if (!v || !*v || strlen(v) > PC_MAX_ATTR)
    return NULL;
  char *abs = pc_url_resolve(x->base, v);
  if (!abs)
    return NULL;
  char *r = pc_arena_strdup(&x->doc->arena, abs);
  free(abs);
  return r;
}

static void inline_node(struct ex *x, const xmlNode *n, int depth);

/* Inline content of the children of n into x->tb. */
static void inline_children(struct ex *x, const xmlNode *n, int depth) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
    inline_node(x, c, depth);
}

/* One inline node (text or element) into x->tb. */
static void inline_node(struct ex *x, const xmlNode *n, int depth) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (n->content)
      pc_textb_add(&x->tb, (const char *)n->content,
                   strlen((const char *)n->content));
    return;
  }
  if (n->type != XML_ELEMENT_NODE || depth >= PC_MAX_DEPTH)
    return;
  struct nstat *s = S(x, n);
  if (s && (s->flags & F_DEAD))
    return;
  const char *t = pc_dom_tag(n);
  if (pc_tag_is(t, "br")) {
    pc_textb_newline(&x->tb);
    return;
  }
  pc_span_type st = 0;
  const char *href = NULL;
  if (pc_tag_is(t, "a")) {
    st = PC_SPAN_LINK;
    href = arena_attr(x, n, "href");
    /* javascript:, data: and other schemes never enter the model: the
     * words stay, the link goes */
    if (!href || !pc_html_url_safe(href, false))
      st = 0;
  } else if (pc_tag_is(t, "em") || pc_tag_is(t, "i") ||
             pc_tag_is(t, "cite")) {
    st = PC_SPAN_EMPH;
  } else if (pc_tag_is(t, "strong") || pc_tag_is(t, "b")) {
    st = PC_SPAN_STRONG;
  } else if (pc_tag_is(t, "code") || pc_tag_is(t, "kbd") ||
             pc_tag_is(t, "samp") || pc_tag_is(t, "tt")) {
    st = PC_SPAN_CODE;
  } else if (!is_inline(n)) {
    /* a block inside inline context (bad markup): a line of its own */
    pc_textb_newline(&x->tb);
    inline_children(x, n, depth + 1);
    pc_textb_newline(&x->tb);
    return;
  }
  size_t idx = st ? pc_textb_span_open(&x->tb, st, href) : (size_t)-1;
  inline_children(x, n, depth + 1);
  if (st)
    pc_textb_span_close(&x->tb, idx);
}

static pc_block *add_block(struct ex *x, pc_block_type type) {
  pc_block *b = pc_doc_add_block(x->doc, type);
  if (!b && x->doc->nblocks >= PC_MAX_BLOCKS)
    x->full = true; /* the doc is flagged truncated */
  else if (!b)
    fail(x, PC_ERR_NOMEM, "out of memory");
  return b;
}

/* A photo credit or copyright line: a short line whose last words follow
 * a copyright sign ("Ski star Marco Odermatt. © AFP / Jane Roe",
 * "Copyright © 2019 Example Media"): a caption that escaped its figure, or
 * the page's footer. */
#define CREDIT_MAX_LINE 240
#define CREDIT_MAX_TAIL 60
static bool credit_line(const char *s, size_t n) {
  if (n > CREDIT_MAX_LINE)
    return false;
  const char *c = NULL;
  for (size_t i = 0; i + 1 < n; i++)
    if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA9)
      c = s + i; /* the last sign */
  if (!c)
    return false;
  size_t tail = n - (size_t)(c - s) - 2;
  if (tail > CREDIT_MAX_TAIL)
    return false;
  for (const char *p = c + 2; p + 1 < s + n; p++)
    if ((*p == '.' || *p == '!' || *p == '?') && p[1] == ' ')
      return false; /* a sentence goes on after the sign */
  return true;
}

/* A link that is content where it stands: an e-mail address written out
 * ("info@example.org"), not a page of the site or a "Share by e-mail". */
static bool content_link(const pc_text *t, const pc_span *sp) {
  return sp->href && pc_ascii_istarts(sp->href, "mailto:") &&
         memchr(t->text + sp->start, '@', sp->end - sp->start) != NULL;
}

/* Text blocks that are only boilerplate ("Advertisement", "Share this"),
 * or a short line that is mostly a link ("READ MORE: ...") to a page;
 * a line that writes out an e-mail address stays. */
static bool boilerplate(struct ex *x, const pc_text *t) {
  if (pc_phrases_match_line(&x->ctx->widgets, t->text, t->len))
    return true;
  if (credit_line(t->text, t->len))
    return true;
  if (pc_boiler_match(&x->ctx->boiler.drop, t->text, t->len))
    return true;
  size_t linked = 0;
  for (size_t i = 0; i < t->nspans; i++)
    if (t->spans[i].type == PC_SPAN_LINK && !content_link(t, &t->spans[i]))
      linked += t->spans[i].end - t->spans[i].start;
  return t->len < 300 && linked * 10 > t->len * 6;
}

static size_t body_chars(const pc_doc *doc);

/* Characters of body text before a tail heading may end the article. */
#define TAIL_MIN_BEFORE 250

/* Whether a heading or short paragraph names a related-links, comments or
 * newsletter section ("Related posts", "Ähnliche Beiträge";
 * data/<lang>/boilerplate.txt) after some of the article's text: the
 * article ends there. */
static bool tail_starts(struct ex *x, pc_block_type type, const pc_text *t) {
  if (type != PC_BLOCK_HEADING && t->len > 100)
    return false;
  return pc_boiler_match(&x->ctx->boiler.tail, t->text, t->len) &&
         body_chars(x->doc) >= TAIL_MIN_BEFORE;
}

/* Whether one line of a block is boilerplate by itself. */
static bool boiler_line(struct ex *x, const char *s, size_t n) {
  return pc_phrases_match_line(&x->ctx->widgets, s, n) ||
         pc_boiler_match(&x->ctx->boiler.drop, s, n) || credit_line(s, n);
}

/* Where old offset pos lands after a cut: inside a kept range it moves
 * with it; in a cut line it goes to the next range's start (a span's
 * start) or to the previous range's end (a span's end). */
static size_t cut_map(const size_t *from, const size_t *upto,
                      const size_t *to, size_t nk, size_t pos, bool end) {
  for (size_t i = 0; i < nk; i++) {
    if (pos < from[i])
      return !end ? to[i] : i ? to[i - 1] + (upto[i - 1] - from[i - 1]) : 0;
    if (pos <= upto[i])
      return to[i] + (pos - from[i]);
  }
  return nk ? to[nk - 1] + (upto[nk - 1] - from[nk - 1]) : 0;
}

/* Lines glued into one block by <br> ("24.01.2022<br>Kategorie: News",
 * "Text ...<br>Teilen mit:<br>More text"): every line that is boilerplate
 * by itself is cut out, wherever it sits in the block, and the spans move
 * with the text.  t's text and spans are fresh in the doc's arena, so they
 * are cut in place.  Each line is scanned once: linear in the block. */
#define CUT_MAX_RANGES 64
static void trim_edge_lines(struct ex *x, pc_text *t) {
  if (!memchr(t->text, '\n', t->len))
    return;
  /* kept line ranges [from[i], upto[i]) of the old text, placed at to[i] */
  size_t from[CUT_MAX_RANGES], upto[CUT_MAX_RANGES], to[CUT_MAX_RANGES];
  size_t nk = 0, out = 0, a = 0, dropped = 0;
  while (a <= t->len) {
    const char *nl = memchr(t->text + a, '\n', t->len - a);
    size_t e = nl ? (size_t)(nl - t->text) : t->len;
    if (e > a && boiler_line(x, t->text + a, e - a)) {
      dropped += e - a;
    } else if (e > a) {
      if (nk == CUT_MAX_RANGES)
        return; /* too many lines to map: the block stays as it is */
      from[nk] = a;
      upto[nk] = e;
      to[nk] = out + (out > 0);
      out = to[nk] + (e - a);
      nk++;
    }
    a = e + 1;
  }
  if (!dropped)
    return;
  x->dropped += dropped;
  char *text = (char *)t->text;
  for (size_t i = 0; i < nk; i++) {
    if (to[i] > 0)
      text[to[i] - 1] = '\n';
    memmove(text + to[i], text + from[i], upto[i] - from[i]);
  }
  text[out] = '\0';
  pc_span *sp = (pc_span *)t->spans;
  size_t k = 0;
  for (size_t i = 0; i < t->nspans; i++) {
    pc_span s = sp[i];
    size_t st = cut_map(from, upto, to, nk, s.start, false);
    size_t e = cut_map(from, upto, to, nk, s.end, true);
    if (e <= st)
      continue;
    s.start = st;
    s.end = e;
    sp[k++] = s;
  }
  t->nspans = k;
  if (!k)
    t->spans = NULL;
  t->len = out;
}

static void flush_para(struct ex *x, pc_block_type type, int level) {
  pc_text t;
  if (!pc_textb_finish(&x->tb, &x->doc->arena, &t)) {
    fail(x, PC_ERR_NOMEM, "out of memory");
    return;
  }
  pc_textb_reset(&x->tb);
  if (t.len)
    trim_edge_lines(x, &t);
  if (!t.len)
    return;
  if (tail_starts(x, type, &t)) {
    x->full = true; /* the walk stops: the rest is the page's tail */
    x->dropped += t.len;
    return;
  }
  if (boilerplate(x, &t)) {
    x->dropped += t.len;
    return;
  }
  if (type == PC_BLOCK_HEADING && x->title && strcmp(t.text, x->title) == 0)
    return; /* the headline is metadata */
  pc_block *b = add_block(x, type);
  if (b) {
    b->level = level;
    b->content = t;
  }
}

static void figure_block(struct ex *x, const xmlNode *img,
                         const xmlNode *caption, const xmlNode *link) {
  const char *src = NULL;
  /* lazy-loading pages keep the real URL in data-src */
  static const char *const attrs[] = {"data-src", "data-original",
                                      "data-lazy-src", "src", NULL};
  for (int i = 0; attrs[i] && !src; i++) {
    const char *v = pc_dom_attr(img, attrs[i]);
    if (v && *v && !pc_ascii_istarts(v, "data:"))
      src = arena_attr(x, img, attrs[i]);
  }
  if (!src)
    return;
  pc_block *b = add_block(x, PC_BLOCK_FIGURE);
  if (!b)
    return;
  b->src = src;
  const char *alt = pc_dom_attr(img, "alt");
  b->alt = pc_arena_strdup(&x->doc->arena, alt ? alt : "");
  const char *w = pc_dom_attr(img, "width"), *h = pc_dom_attr(img, "height");
  b->width = w ? (int)strtol(w, NULL, 10) : 0;
  b->height = h ? (int)strtol(h, NULL, 10) : 0;
  if (b->width < 0 || b->width > 100000)
    b->width = 0;
  if (b->height < 0 || b->height > 100000)
    b->height = 0;
  b->href = link ? arena_attr(x, link, "href") : NULL;
  if (caption) {
    inline_children(x, caption, 0);
    if (!pc_textb_finish(&x->tb, &x->doc->arena, &b->caption))
      fail(x, PC_ERR_NOMEM, "out of memory");
    pc_textb_reset(&x->tb);
  } else {
    b->caption.text = "";
  }
}

static void find_img(const xmlNode *n, const xmlNode **img,
                     const xmlNode **cap, const xmlNode **link, int depth) {
  for (; n && depth < 32; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    const char *t = pc_dom_tag(n);
    if (pc_tag_is(t, "img") && !*img)
      *img = n;
    else if (pc_tag_is(t, "figcaption") && !*cap)
      *cap = n;
    else {
      if (pc_tag_is(t, "a") && !*img)
        *link = n;
      find_img(n->children, img, cap, link, depth + 1);
    }
  }
}

static void list_block(struct ex *x, const xmlNode *n) {
  struct nstat *s = S(x, n);
  /* lists of links are navigation or "related" boxes */
  if (s && link_density(s) > 0.5)
    return;
  size_t cap = 0, count = 0;
  pc_text *items = NULL;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !tag_is(c, "li"))
      continue;
    struct nstat *cs = S(x, c);
    if (cs && (cs->flags & F_DEAD))
      continue;
    inline_children(x, c, 1);
    pc_text t;
    if (!pc_textb_finish(&x->tb, &x->doc->arena, &t)) {
      fail(x, PC_ERR_NOMEM, "out of memory");
      break;
    }
    pc_textb_reset(&x->tb);
    if (t.len)
      trim_edge_lines(x, &t);
    if (!t.len || boiler_line(x, t.text, t.len)) {
      x->dropped += t.len; /* "Print this page", "Permalink ..." items */
      continue;
    }
    if (count == cap) {
      cap = cap ? cap * 2 : 8;
      pc_text *ni = realloc(items, cap * sizeof *ni);
      if (!ni) {
        fail(x, PC_ERR_NOMEM, "out of memory");
        break;
      }
      items = ni;
    }
    items[count++] = t;
  }
  if (count && x->status == PC_OK) {
    pc_block *b = add_block(x, PC_BLOCK_LIST);
    pc_text *ai = b ? pc_arena_alloc(&x->doc->arena, count * sizeof *ai) : NULL;
    if (b && ai) {
      memcpy(ai, items, count * sizeof *ai);
      b->items = ai;
      b->nitems = count;
      b->ordered = tag_is(n, "ol");
      struct pc_buf all;
      pc_buf_init(&all, 0);
      for (size_t i = 0; i < count; i++) {
        if (i)
          pc_buf_addc(&all, '\n');
        pc_buf_add(&all, items[i].text, items[i].len);
      }
      b->content.text =
          pc_arena_strndup(&x->doc->arena, all.data ? all.data : "", all.len);
      b->content.len = all.len;
      pc_buf_cleanup(&all);
    }
  }
  free(items);
}

/* A table of data (headers, or a grid of short cells) becomes a table
 * block; a layout table is walked as containers. */
static bool data_table(const xmlNode *n) {
  if (pc_dom_find((xmlNode *)n, "th") || pc_dom_find((xmlNode *)n, "caption"))
    return !pc_dom_find((xmlNode *)n, "table");
  return false;
}

static void collect_rows(const xmlNode *n, const xmlNode **rows, size_t *nr,
                         size_t max, int depth) {
  for (; n && *nr < max && depth < 4; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (tag_is(n, "tr"))
      rows[(*nr)++] = n;
    else if (tag_is(n, "thead") || tag_is(n, "tbody") || tag_is(n, "tfoot"))
      collect_rows(n->children, rows, nr, max, depth + 1);
  }
}

static void table_block(struct ex *x, const xmlNode *n) {
  enum { MAXR = 1000, MAXC = 64 };
  const xmlNode **rows = malloc(MAXR * sizeof *rows);
  if (!rows) {
    fail(x, PC_ERR_NOMEM, "out of memory");
    return;
  }
  size_t nr = 0, nc = 0;
  collect_rows(n->children, rows, &nr, MAXR, 0);
  for (size_t r = 0; r < nr; r++) {
    size_t c = 0;
    for (const xmlNode *k = rows[r]->children; k; k = k->next)
      c += k->type == XML_ELEMENT_NODE && (tag_is(k, "td") || tag_is(k, "th"));
    if (c > nc)
      nc = c;
  }
  if (nc > MAXC)
    nc = MAXC;
  if (!nr || !nc) {
    free(rows);
    return;
  }
  pc_text *cells = pc_arena_alloc(&x->doc->arena, nr * nc * sizeof *cells);
  pc_block *b = cells ? add_block(x, PC_BLOCK_TABLE) : NULL;
  if (!b) {
    free(rows);
    return;
  }
  struct pc_buf all;
  pc_buf_init(&all, 0);
  for (size_t r = 0; r < nr; r++) {
    size_t c = 0;
    for (const xmlNode *k = rows[r]->children; k && c < nc; k = k->next) {
      if (k->type != XML_ELEMENT_NODE || !(tag_is(k, "td") || tag_is(k, "th")))
        continue;
      inline_children(x, k, 1);
      if (!pc_textb_finish(&x->tb, &x->doc->arena, &cells[r * nc + c]))
        fail(x, PC_ERR_NOMEM, "out of memory");
      pc_textb_reset(&x->tb);
      c++;
    }
    for (; c < nc; c++)
      cells[r * nc + c].text = "";
    for (c = 0; c < nc; c++) {
      if (c)
        pc_buf_addc(&all, '\t');
      pc_buf_add(&all, cells[r * nc + c].text, cells[r * nc + c].len);
    }
    pc_buf_addc(&all, '\n');
  }
  if (all.len)
    all.len--;
  b->cells = cells;
  b->nrows = nr;
  b->ncols = nc;
  b->content.text =
      pc_arena_strndup(&x->doc->arena, all.data ? all.data : "", all.len);
  b->content.len = all.len;
  pc_buf_cleanup(&all);
  free(rows);
}

static void block_walk(struct ex *x, const xmlNode *n, int depth);

/* Children of a container: runs of inline content become paragraphs. */
static void container(struct ex *x, const xmlNode *n, int depth) {
  int brs = 0;
  for (const xmlNode *c = n->children;
       c && x->status == PC_OK && !x->full; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      struct nstat *s = S(x, c);
      if (s && (s->flags & F_DEAD))
        continue;
    }
    if (c->type == XML_ELEMENT_NODE && tag_is(c, "br")) {
      /* two <br> in a row end a paragraph */
      if (++brs >= 2) {
        flush_para(x, PC_BLOCK_PARAGRAPH, 0);
        brs = 0;
      } else {
        pc_textb_newline(&x->tb);
      }
      continue;
    }
    if (c->type == XML_TEXT_NODE && c->content) {
      const char *p = (const char *)c->content;
      while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
      if (!*p) { /* whitespace between elements */
        if (x->tb.text.len)
          x->tb.pending_space = true;
        continue;
      }
    }
    brs = 0;
    if (c->type == XML_ELEMENT_NODE && tag_is(c, "img")) {
      flush_para(x, PC_BLOCK_PARAGRAPH, 0);
      figure_block(x, c, NULL, NULL);
      continue;
    }
    if (is_inline(c)) {
      /* an inline element that holds only an image is a figure */
      if (c->type == XML_ELEMENT_NODE && S(x, c) && S(x, c)->text == 0 &&
          S(x, c)->imgs == 1) {
        const xmlNode *img = NULL, *cap = NULL, *link = NULL;
        find_img(c, &img, &cap, &link, 0);
        if (img) {
          flush_para(x, PC_BLOCK_PARAGRAPH, 0);
          figure_block(x, img, NULL, tag_is(c, "a") ? c : link);
        }
        continue;
      }
      inline_node(x, c, depth + 1);
      continue;
    }
    flush_para(x, PC_BLOCK_PARAGRAPH, 0);
    block_walk(x, c, depth + 1);
  }
  flush_para(x, PC_BLOCK_PARAGRAPH, 0);
}

static void block_walk(struct ex *x, const xmlNode *n, int depth) {
  if (n->type != XML_ELEMENT_NODE || x->status != PC_OK || x->full)
    return;
  if (depth >= PC_MAX_DEPTH) {
    x->doc->truncated = true;
    return;
  }
  struct nstat *s = S(x, n);
  if (!s || (s->flags & F_DEAD))
    return;
  const char *t = pc_dom_tag(n);
  if ((x->rules & R_CLEAN_CONDITIONALLY) && junk_container(x, n))
    return;
  if (pc_tag_is(t, "p")) {
    if (s->text == 0 && s->imgs) {
      const xmlNode *img = NULL, *cap = NULL, *link = NULL;
      find_img(n->children, &img, &cap, &link, 0);
      if (img)
        figure_block(x, img, NULL, link);
      return;
    }
    if (has_block_child(n)) {
      container(x, n, depth);
      return;
    }
    inline_children(x, n, depth + 1);
    flush_para(x, PC_BLOCK_PARAGRAPH, 0);
  } else if (is_heading_tag(t)) {
    if (class_weight(x, n) < 0 || link_density(s) > 0.5)
      return;
    inline_children(x, n, depth + 1);
    flush_para(x, PC_BLOCK_HEADING, t[1] - '0');
  } else if (pc_tag_is(t, "blockquote")) {
    /* embedded posts (class twitter-tweet...) are quoted speech too */
    inline_children(x, n, depth + 1);
    flush_para(x, PC_BLOCK_BLOCKQUOTE, 0);
  } else if (pc_tag_is(t, "ul") || pc_tag_is(t, "ol")) {
    list_block(x, n);
  } else if (pc_tag_is(t, "pre")) {
    x->tb.preserve = true;
    struct pc_buf raw;
    pc_buf_init(&raw, 0);
    pc_dom_text(n, &raw);
    if (raw.data)
      pc_textb_add(&x->tb, raw.data, raw.len);
    pc_buf_cleanup(&raw);
    flush_para(x, PC_BLOCK_PRE, 0);
    x->tb.preserve = false;
  } else if (pc_tag_is(t, "figure") || pc_tag_is(t, "picture")) {
    const xmlNode *img = NULL, *cap = NULL, *link = NULL;
    find_img(n->children, &img, &cap, &link, 0);
    if (img)
      figure_block(x, img, cap, link);
  } else if (pc_tag_is(t, "img")) {
    figure_block(x, n, NULL, NULL);
  } else if (pc_tag_is(t, "hr")) {
    add_block(x, PC_BLOCK_RULE);
  } else if (pc_tag_is(t, "table") && data_table(n)) {
    table_block(x, n);
  } else if (pc_tag_is(t, "figcaption") || pc_tag_is(t, "dt")) {
    return; /* captions and definition terms outside figures: not body */
  } else {
    container(x, n, depth);
  }
}

/*** 5. the lead **********************************************************/

/* A standfirst often sits outside the body container: in the article's
 * <header>, or in a sibling before it with a class saying so. */
static const char *const lead_words[] = {
    "lead", "intro", "teaser", "standfirst", "excerpt", "abstract",
    "subtitle", "subheadline", "sub-headline", "chapo", "vorspann", "bajada",
    "summary", "description", "deck", "sumario", "entradilla", "sommario",
    "catenaccio", "occhiello", "descr", NULL};
static const char *const lead_stop[] = {
    "related", "sidebar", "comment", "footer", "menu", "nav", "caption",
    "credit", "author", "byline", "date", "promo", "widget", "list",
    "share", "social", "newsletter", "cookie", "image", "photo", "video",
    "media", "leading", "asset", "site-", "picture", "gallery", "title",
    NULL};

static const char *const lead_strong[] = {
    "lead", "standfirst", "intro", "chapo", "vorspann", "bajada",
    "entradilla", "abstract", NULL};
#define LEAD_BARE_MIN 80

/* Whether n's text ends as a sentence does (a deck or kicker usually
 * does not). */
static bool ends_sentence_mark(const xmlNode *n) {
  struct pc_buf b;
  pc_buf_init(&b, 1u << 16);
  pc_dom_text(n, &b);
  bool r = false;
  size_t l = b.data ? b.len : 0;
  while (l && strchr(" \t\r\n\"')\xC2\xA0\xBB\x9C\x9D\x80\xE2", b.data[l - 1]))
    l--;
  if (l)
    r = strchr(".!?:", b.data[l - 1]) != NULL ||
        (l >= 3 && memcmp(b.data + l - 3, "\xE2\x80\xA6", 3) == 0);
  pc_buf_cleanup(&b);
  return r;
}

static bool lead_like(struct ex *x, const xmlNode *n) {
  struct nstat *s = S(x, n);
  if (!s || s->text < 30 || s->text > 1500 || link_density(s) > 0.3 ||
      s->imgs > 1 || s->lis > 0)
    return false;
  if (tag_is(n, "h1"))
    return false; /* the headline */
  char ci[512];
  lower_class_id(n, ci, sizeof ci);
  if (!has_any(ci, lead_words) || has_any(ci, lead_stop))
    return false;
  /* a standfirst by name may end without a period when it is long enough
   * to be a sentence; decks and descriptions must end as one */
  return ends_sentence_mark(n) ||
         (s->text >= LEAD_BARE_MIN && has_any(ci, lead_strong));
}

/* The first lead-like element of n's subtree (document order). */
static const xmlNode *find_lead(struct ex *x, const xmlNode *n, int depth) {
  for (; n && depth < 8; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || !S(x, n))
      continue;
    if (S(x, n)->flags & F_KEEP)
      continue; /* walked anyway */
    if (lead_like(x, n))
      return n;
    const xmlNode *r = find_lead(x, n->children, depth + 1);
    if (r)
      return r;
  }
  return NULL;
}

/* The article's own <header> (it holds the headline) often carries the
 * standfirst as its first paragraph, with no class saying so: the first
 * paragraph-like element after the headline that reads as a sentence and
 * is not a byline, date or caption by class. */
#define HEADER_LEAD_MIN 40
static const xmlNode *header_lead(struct ex *x, const xmlNode *h) {
  if (!pc_dom_find((xmlNode *)h, "h1") && !pc_dom_find((xmlNode *)h, "h2"))
    return NULL;
  bool seen_head = false;
  for (const xmlNode *c = h->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !S(x, c))
      continue;
    const char *t = pc_dom_tag(c);
    if (is_heading_tag(t) || pc_dom_find((xmlNode *)c, "h1")) {
      seen_head = true;
      continue;
    }
    struct nstat *s = S(x, c);
    bool para = pc_tag_is(t, "p") ||
                (pc_tag_is(t, "div") && !has_block_child(c));
    if (!seen_head || !para || hidden(c))
      continue;
    char ci[512];
    lower_class_id(c, ci, sizeof ci);
    if (s->text >= HEADER_LEAD_MIN && s->text <= 1500 &&
        link_density(s) <= 0.3 && !has_any(ci, lead_stop) &&
        ends_sentence_mark(c))
      return c;
  }
  return NULL;
}

/* The lead nearest before the article's root: in the preceding siblings
 * of the root and of its next three ancestors. */
static const xmlNode *lead_before(struct ex *x, const xmlNode *root) {
  int level = 0;
  for (const xmlNode *a = root; a && a != x->body && level < 4;
       a = a->parent, level++) {
    for (const xmlNode *p = a->prev; p; p = p->prev) {
      if (p->type != XML_ELEMENT_NODE)
        continue;
      if (S(x, p) && !(S(x, p)->flags & F_KEEP)) {
        if (lead_like(x, p))
          return p;
        const xmlNode *r = find_lead(x, p->children, 1);
        if (!r && (tag_is(p, "header") || tag_is(p, "hgroup")))
          r = header_lead(x, p);
        if (r)
          return r;
      }
    }
  }
  return NULL;
}

static void lead_block(struct ex *x, const xmlNode *lead) {
  if (has_block_child(lead)) {
    container(x, lead, 1);
    return;
  }
  inline_children(x, lead, 1);
  flush_para(x, PC_BLOCK_PARAGRAPH, 0);
}

/*** driver ****************************************************************/

/* The kept elements under n, in document order; a kept element is walked
 * whole. */
static void walk_kept(struct ex *x, xmlNode *n, int depth) {
  for (; n && x->status == PC_OK && depth < PC_MAX_DEPTH; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || !S(x, n) || (S(x, n)->flags & F_DEAD))
      continue;
    if (S(x, n)->flags & F_KEEP)
      block_walk(x, n, 0);
    else
      walk_kept(x, n->children, depth + 1);
  }
}

static void kept_walk(struct ex *x, xmlNode *root, bool cousins) {
  if (root == x->body || !root->parent) {
    block_walk(x, root, 0);
    return;
  }
  if (cousins) { /* kept parts all over the page */
    walk_kept(x, x->body->children, 1);
    return;
  }
  /* The root and its kept siblings, in document order. */
  for (xmlNode *c = root->parent->children; c && x->status == PC_OK;
       c = c->next)
    if (c->type == XML_ELEMENT_NODE && S(x, c) && (S(x, c)->flags & F_KEEP))
      block_walk(x, c, 0);
}

/* Whether n sits in a teaser card: its parent or grandparent holds a
 * heading that is a link (the title of another page) besides n. */
static bool in_teaser_card(struct ex *x, const xmlNode *n) {
  const xmlNode *p = n->parent;
  for (int up = 0; up < 2 && p && p != x->body; up++, p = p->parent)
    for (const xmlNode *c = p->children; c; c = c->next) {
      if (c == n || c->type != XML_ELEMENT_NODE || !S(x, c))
        continue;
      const char *t = pc_dom_tag(c);
      if ((is_heading_tag(t) || pc_tag_is(t, "a")) && S(x, c)->heads &&
          link_density(S(x, c)) > 0.5)
        return true;
    }
  return false;
}

/* Page builders put each text block of the article in a widget of its own,
 * and the widgets sit in columns of rows, not side by side: the elements
 * of the root's tag and class shape anywhere in the page that hold text
 * and few links are parts of the article too.  Returns whether it kept
 * any. */
#define COUSIN_MIN_TEXT 80
static bool keep_cousins_in(struct ex *x, xmlNode *n, const xmlNode *top,
                            const char *shape, int depth) {
  bool any = false;
  for (; n && depth < PC_MAX_DEPTH; n = n->next) {
    struct nstat *s = S(x, n);
    if (n->type != XML_ELEMENT_NODE || !s || (s->flags & F_DEAD) || n == top)
      continue;
    if ((s->flags & F_KEEP) || s->text < COUSIN_MIN_TEXT)
      continue;
    char sh[256];
    class_shape(n, sh, sizeof sh);
    /* a part holds no <article> of its own (a list of teasers does) */
    if (!(s->flags & F_HASART) && tag_is(n, pc_dom_tag(top)) &&
        strcmp(sh, shape) == 0 &&
        link_density(s) < 0.25 && !is_ancestor(n, top) &&
        !in_teaser_card(x, n)) {
      s->flags |= F_KEEP;
      any = true;
      continue;
    }
    any |= keep_cousins_in(x, n->children, top, shape, depth + 1);
  }
  return any;
}

static bool keep_cousins(struct ex *x, xmlNode *top) {
  char shape[256];
  class_shape(top, shape, sizeof shape);
  if (!shape[0] || top == x->body || !pc_dom_attr(top, "class"))
    return false;
  return keep_cousins_in(x, x->body->children, top, shape, 1);
}

/* Platforms a "follow us" or "get our app" prompt names, in any language
 * (names of platforms, not of any site). */
static const char *const platforms[] = {
    "android", "app store", "facebook", "google play", "instagram", "ios",
    "linkedin", "mastodon", "pinterest", "snapchat", "telegram", "tiktok",
    "twitter", "whatsapp", "youtube", NULL};
#define PROMPT_MAX 300

/* How many of the platforms a short text names, each as a whole word. */
static int platform_names(const char *s, size_t n) {
  char low[PROMPT_MAX + 1];
  for (size_t i = 0; i < n; i++)
    low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
  low[n] = '\0';
  int k = 0;
  for (const char *const *w = platforms; *w; w++) {
    size_t l = strlen(*w);
    for (const char *p = strstr(low, *w); p; p = strstr(p + 1, *w)) {
      bool a = p == low || !pc_ascii_is_word((unsigned char)p[-1]);
      bool b = !pc_ascii_is_word((unsigned char)p[l]);
      if (a && b) {
        k++;
        break;
      }
    }
  }
  return k;
}

/* Paragraphs in the last third of the blocks that are a prompt to follow
 * the site or get its app: short and naming two platforms or more ("Follow
 * us on Twitter and Facebook", "download our app for iOS and Android"). */
static void drop_tail_prompts(struct ex *x) {
  pc_doc *doc = x->doc;
  size_t from = doc->nblocks - doc->nblocks / 3, k = from;
  for (size_t i = from; i < doc->nblocks; i++) {
    pc_block *b = &doc->blocks[i];
    if (b->type == PC_BLOCK_PARAGRAPH && b->content.len <= PROMPT_MAX &&
        platform_names(b->content.text, b->content.len) >= 2) {
      x->dropped += b->content.len;
      continue;
    }
    const char *id = doc->blocks[k].id; /* ids stay b1, b2, ... */
    doc->blocks[k] = *b;
    doc->blocks[k++].id = id;
  }
  doc->next_id -= (unsigned)(doc->nblocks - k);
  doc->nblocks = k;
}

/* Forgets the statistics of a previous attempt. */
static void clear_private(xmlNode *n, int depth) {
  for (; n; n = n->next) {
    n->_private = NULL;
    if (n->type == XML_ELEMENT_NODE && depth <= PC_MAX_DEPTH)
      clear_private(n->children, depth + 1);
  }
}

static size_t body_chars(const pc_doc *doc) {
  size_t n = 0;
  for (size_t i = 0; i < doc->nblocks; i++)
    n += doc->blocks[i].content.len;
  return n;
}

/* One extraction attempt under the given rules; blocks go into x->doc. */
static void attempt(struct ex *x, unsigned rules) {
  x->rules = rules;
  x->nst = 0;
  x->doc->nblocks = 0;
  x->doc->next_id = 0;
  x->doc->truncated = false;
  x->full = false;
  x->dropped = 0;
  clear_private(x->body, 0);
  mark(x, x->body, 0, false, false, false);
  if (x->status == PC_ERR_TOO_LARGE) /* node cap: use what was seen */
    x->status = PC_OK;
  if (!S(x, x->body) || (S(x, x->body)->flags & F_DEAD))
    return;
  score_walk(x, x->body->children, 0);
  xmlNode *top = choose_root(x);
  x->root = top;
  if (!top)
    top = x->body;
  keep_siblings(x, top);
  bool cousins = keep_cousins(x, top);
  const xmlNode *lead = top == x->body ? NULL : lead_before(x, top);
  if (lead)
    lead_block(x, lead);
  kept_walk(x, top, cousins);
  drop_tail_prompts(x);
}

/* The chosen text is a stub when it is one or two short blocks: a notice,
 * a disclosure, a teaser.  The page is read again without that root, and
 * the next-best candidate replaces the stub when it reads as an article:
 * ALT_MIN_BLOCKS blocks or more and at least half as much text. */
#define ALT_MAX_BLOCKS 2
#define ALT_MIN_BLOCKS 3
static size_t body_chars(const pc_doc *doc);
static void next_best(struct ex *x, size_t min_chars) {
  pc_doc *doc = x->doc;
  size_t have = body_chars(doc), n = doc->nblocks;
  if (!x->root || x->root == x->body || have >= min_chars ||
      n > ALT_MAX_BLOCKS)
    return;
  pc_block *keep = n ? malloc(n * sizeof *keep) : NULL;
  if (n && !keep)
    return; /* the stub stays */
  if (n)
    memcpy(keep, doc->blocks, n * sizeof *keep);
  unsigned ids = doc->next_id;
  bool trunc = doc->truncated;
  x->avoid = x->root;
  attempt(x, R_ALL);
  x->avoid = NULL;
  if (x->status == PC_OK && doc->nblocks >= ALT_MIN_BLOCKS &&
      2 * body_chars(doc) >= have) {
    free(keep);
    return;
  }
  if (n)
    memcpy(doc->blocks, keep, n * sizeof *keep);
  doc->nblocks = n;
  doc->next_id = ids;
  doc->truncated = trunc;
  free(keep);
}

/* Below this many characters the chosen text is a stub (a notice, a
 * teaser): the JSON-LD articleBody replaces it when much longer. */
#define STUB_CHARS 300

/* The page's text only in its structured data: the articleBody, one
 * paragraph a line, when the page's own blocks hold next to nothing. */
static void ld_fallback(struct ex *x, const char *body) {
  size_t have = body_chars(x->doc), len = strlen(body);
  if (have >= STUB_CHARS || len < 3 * have + 200)
    return;
  x->doc->nblocks = 0;
  x->doc->next_id = 0;
  x->full = false;
  const char *p = body;
  while (*p && !x->full && x->status == PC_OK) {
    const char *e = strchr(p, '\n');
    size_t l = e ? (size_t)(e - p) : strlen(p);
    pc_textb_add(&x->tb, p, l);
    flush_para(x, PC_BLOCK_PARAGRAPH, 0);
    p += l + (e != NULL);
  }
}

/* The page's <base href> made absolute (against base: the input's URL or
 * the canonical one), the base of its relative links and images as in a
 * browser; NULL unless that gives an http(s) address.  Caller frees. */
static char *base_href(htmlDocPtr html, const char *base) {
  xmlNode *root = xmlDocGetRootElement(html);
  xmlNode *b = root ? pc_dom_find(root, "base") : NULL;
  const char *h = b ? pc_dom_attr(b, "href") : NULL;
  if (!h || !*h || strlen(h) > PC_MAX_ATTR)
    return NULL;
  char *abs = pc_url_resolve(base, h);
  if (abs && !pc_ascii_istarts(abs, "http://") &&
      !pc_ascii_istarts(abs, "https://")) {
    free(abs);
    abs = NULL;
  }
  return abs;
}

/* Below this many characters of body text an attempt is retried with
 * fewer heuristics (Readability's charThreshold). */
#define MIN_BODY_CHARS 500

pc_status pc_html_extract(const pc_ctx *ctx, const char *s, size_t n,
                          const char *url, pc_doc *doc, pc_error *err) {
  htmlDocPtr html = pc_dom_parse(s, n, err);
  if (!html)
    return PC_ERR_INPUT;
  struct ex x;
  memset(&x, 0, sizeof x);
  x.ctx = ctx;
  x.doc = doc;
  x.base = url;
  x.err = err;
  x.status = PC_OK;
  pc_textb_init(&x.tb);

  char *ld_body = NULL; /* owned here */
  pc_meta_extract(ctx, html, url, doc, &ld_body);
  const char *canon = doc->meta[PC_META_URL];
  if (!x.base && canon)
    x.base = canon;
  char *based = base_href(html, x.base); /* owned here */
  if (based)
    x.base = based;
  x.title = doc->meta[PC_META_TITLE];

  xmlNode *root = xmlDocGetRootElement(html);
  x.body = root ? pc_dom_find(root, "body") : NULL;
  if (!x.body && root && tag_is(root, "body"))
    x.body = root;
  if (!x.body)
    x.body = root;
  if (x.body) {
    static const unsigned tries[] = {
        R_ALL, R_ALL & ~R_STRIP_UNLIKELY,
        R_ALL & ~(R_STRIP_UNLIKELY | R_WEIGHT_CLASSES), 0};
    pc_block *best = NULL;
    size_t best_n = 0, best_chars = 0;
    unsigned best_ids = 0;
    xmlNode *best_root = NULL;
    for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
      attempt(&x, tries[i]);
      if (x.status != PC_OK)
        break;
      size_t chars = body_chars(doc);
      /* what boilerplate filters left out counts as found: a short page
       * must not go looking for a longer block because of them */
      if (chars + x.dropped >= MIN_BODY_CHARS) {
        free(best);
        best = NULL;
        break;
      }
      /* keep the longest of the failed attempts */
      if (!best || chars > best_chars) {
        free(best);
        best = doc->nblocks ? malloc(doc->nblocks * sizeof *best) : NULL;
        if (doc->nblocks && !best) {
          x.status = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
          break;
        }
        if (best)
          memcpy(best, doc->blocks, doc->nblocks * sizeof *best);
        best_n = doc->nblocks;
        best_chars = chars;
        best_ids = doc->next_id;
        best_root = x.root;
      }
      if (i + 1 == sizeof tries / sizeof *tries) {
        if (best_n)
          memcpy(doc->blocks, best, best_n * sizeof *best);
        doc->nblocks = best_n;
        doc->next_id = best_ids;
        x.root = best_root;
      }
    }
    free(best);
  }
  if (x.status == PC_OK && x.body)
    next_best(&x, MIN_BODY_CHARS);
  if (x.status == PC_OK && ld_body)
    ld_fallback(&x, ld_body);
  free(ld_body);
  pc_status st = x.status;
  pc_textb_cleanup(&x.tb);
  free(x.st);
  free(based);
  pc_dom_free(html);
  return st;
}
