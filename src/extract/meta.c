/*
 * meta.c - article metadata: title, byline, date, site, URL, language,
 * description and lead image.
 *
 * Sources, strongest first: schema.org JSON-LD, OpenGraph/Twitter/Dublin
 * Core <meta> tags, then what the page shows (h1, <time>, byline
 * elements).  The title is the headline a reader sees: the h1 closest to
 * the declared title, else the declared title without its site suffix.
 */
#include "extract.h"
#include "html/dom.h"

#include <ctype.h>
#include <json-c/json.h>
#include <libxml/uri.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cand {
  const char *v[PC_META_COUNT_]; /* borrowed from the tree or from ld */
  int rank[PC_META_COUNT_];      /* lower is stronger */
  const char *html_title;
  const char *ld_headline;
  struct json_object *ld_roots[8]; /* parsed JSON-LD, owned */
  size_t nld;
  char *ld_author;               /* joined names, owned */
  char *ld_body;
};

static void offer(struct cand *c, pc_meta f, const char *v, int rank) {
  if (!v)
    return;
  while (*v == ' ' || *v == '\n' || *v == '\t' || *v == '\r')
    v++;
  if (!*v)
    return;
  if (!c->v[f] || rank < c->rank[f]) {
    c->v[f] = v;
    c->rank[f] = rank;
  }
}

/* A byline without its leading "By" ("By Jane Roe", "by: Jane Roe"): the
 * renderers that print one add their own. */
static const char *skip_by(const char *s) {
  while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
    s++;
  if ((s[0] == 'B' || s[0] == 'b') && (s[1] == 'y' || s[1] == 'Y')) {
    const char *p = s + 2;
    if (*p == ':')
      p++;
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
      while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
      if (*p)
        return p;
    }
  }
  return s;
}

static bool is_url(const char *s) {
  return pc_ascii_istarts(s, "http:") || pc_ascii_istarts(s, "https:") ||
         s[0] == '/';
}

/*** JSON-LD ***************************************************************/

static bool is(const struct json_object *v, enum json_type t) {
  return v && json_object_is_type(v, t);
}

static const char *jstr(const struct json_object *o, const char *k) {
  struct json_object *v = pc_json_get(o, k);
  if (is(v, json_type_string))
    return pc_json_string(v, NULL);
  if (pc_json_array_len(v))
    return pc_json_string(json_object_array_get_idx(v, 0), NULL);
  if (is(v, json_type_object)) {
    const char *s = jstr(v, "name");
    if (!s)
      s = jstr(v, "url");
    if (!s)
      s = jstr(v, "@value");
    return s;
  }
  return NULL;
}

static bool type_is_article(const struct json_object *o) {
  struct json_object *t = pc_json_get(o, "@type");
  const char *one = pc_json_string(t, NULL);
  size_t n = is(t, json_type_array) ? pc_json_array_len(t) : 1;
  for (size_t i = 0; i < n; i++) {
    const char *s = is(t, json_type_array)
                        ? pc_json_string(json_object_array_get_idx(t, i), NULL)
                        : one;
    if (s && (strstr(s, "Article") || strstr(s, "BlogPosting") ||
              strcmp(s, "Report") == 0 || strstr(s, "NewsArticle")))
      return true;
  }
  return false;
}

static void ld_authors(struct cand *c, struct json_object *a) {
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_META);
  bool arr = is(a, json_type_array);
  size_t n = arr ? pc_json_array_len(a) : 1;
  for (size_t i = 0; i < n && i < 8; i++) {
    struct json_object *x = arr ? json_object_array_get_idx(a, i) : a;
    const char *name = is(x, json_type_string)   ? pc_json_string(x, NULL)
                       : is(x, json_type_object) ? jstr(x, "name")
                                                 : NULL;
    if (!name || !*name || is_url(name))
      continue;
    name = skip_by(name);
    if (b.len)
      pc_buf_adds(&b, ", ");
    pc_buf_adds(&b, name);
  }
  if (b.len && !c->ld_author)
    c->ld_author = pc_buf_steal(&b, NULL);
  pc_buf_cleanup(&b);
}

static void ld_object(struct cand *c, struct json_object *o, int depth) {
  if (depth > 6)
    return;
  if (is(o, json_type_array)) {
    for (size_t i = 0; i < pc_json_array_len(o) && i < 64; i++)
      ld_object(c, json_object_array_get_idx(o, i), depth + 1);
    return;
  }
  if (!is(o, json_type_object))
    return;
  struct json_object *g = pc_json_get(o, "@graph");
  if (g)
    ld_object(c, g, depth + 1);
  if (!type_is_article(o)) {
    /* A WebPage or WebSite still names the site. */
    const char *t = pc_json_get_str(o, "@type", NULL);
    if (t && strcmp(t, "WebSite") == 0)
      offer(c, PC_META_SITE, jstr(o, "name"), 3);
    return;
  }
  const char *h = jstr(o, "headline");
  if (h && !c->ld_headline)
    c->ld_headline = h;
  offer(c, PC_META_DATE, jstr(o, "datePublished"), 0);
  offer(c, PC_META_DATE, jstr(o, "dateCreated"), 4);
  offer(c, PC_META_DESCRIPTION, jstr(o, "description"), 2);
  offer(c, PC_META_LANG, jstr(o, "inLanguage"), 3);
  struct json_object *pub = pc_json_get(o, "publisher");
  if (is(pub, json_type_object))
    offer(c, PC_META_SITE, jstr(pub, "name"), 1);
  struct json_object *img = pc_json_get(o, "image");
  if (pc_json_array_len(img))
    img = json_object_array_get_idx(img, 0);
  if (is(img, json_type_object) || is(img, json_type_string))
    offer(c, PC_META_IMAGE, is(img, json_type_string)
                                ? pc_json_string(img, NULL)
                                : jstr(img, "url"),
          2);
  struct json_object *a = pc_json_get(o, "author");
  if (a)
    ld_authors(c, a);
  const char *body = jstr(o, "articleBody");
  if (body && strlen(body) > 200 && !c->ld_body)
    c->ld_body = strdup(body);
}

static void ld_script(struct cand *c, const xmlNode *n) {
  if (c->nld >= sizeof c->ld_roots / sizeof *c->ld_roots)
    return;
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_JSONLD);
  pc_dom_text(n, &b);
  if (!b.failed && b.len) {
    const char *why = NULL; /* JSON-LD that does not parse is left out */
    struct json_object *root = pc_json_parse(b.data, b.len, false, 64, &why);
    if (root) {
      c->ld_roots[c->nld++] = root;
      ld_object(c, root, 0);
    }
  }
  pc_buf_cleanup(&b);
}

/*** <meta> and friends ****************************************************/

static void meta_tag(struct cand *c, const xmlNode *n) {
  const char *content = pc_dom_attr(n, "content");
  if (!content)
    return;
  const char *k = pc_dom_attr(n, "property");
  if (!k)
    k = pc_dom_attr(n, "name");
  if (!k)
    k = pc_dom_attr(n, "itemprop");
  const char *he = pc_dom_attr(n, "http-equiv");
  if (he && pc_ascii_ieq(he, "content-language"))
    offer(c, PC_META_LANG, content, 2);
  if (!k)
    return;
  static const struct {
    const char *key;
    pc_meta f;
    int rank;
  } map[] = {
      {"og:title", PC_META_TITLE, 1},
      {"twitter:title", PC_META_TITLE, 2},
      {"og:site_name", PC_META_SITE, 0},
      {"application-name", PC_META_SITE, 4},
      {"og:description", PC_META_DESCRIPTION, 1},
      {"description", PC_META_DESCRIPTION, 0},
      {"twitter:description", PC_META_DESCRIPTION, 3},
      {"og:image", PC_META_IMAGE, 0},
      {"og:image:url", PC_META_IMAGE, 1},
      {"twitter:image", PC_META_IMAGE, 3},
      {"og:url", PC_META_URL, 1},
      {"article:published_time", PC_META_DATE, 1},
      {"datepublished", PC_META_DATE, 1},
      {"og:article:published_time", PC_META_DATE, 1},
      {"article.published", PC_META_DATE, 2},
      {"pubdate", PC_META_DATE, 2},
      {"publishdate", PC_META_DATE, 2},
      {"publish-date", PC_META_DATE, 2},
      {"publish_date", PC_META_DATE, 2},
      {"parsely-pub-date", PC_META_DATE, 2},
      {"sailthru.date", PC_META_DATE, 3},
      {"dc.date.issued", PC_META_DATE, 2},
      {"dc.date", PC_META_DATE, 3},
      {"dcterms.date", PC_META_DATE, 3},
      {"dcterms.created", PC_META_DATE, 3},
      {"date", PC_META_DATE, 4},
      {"article:modified_time", PC_META_DATE, 8},
      {"og:locale", PC_META_LANG, 4},
      {"dc.language", PC_META_LANG, 3},
      {"language", PC_META_LANG, 4},
  };
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (pc_ascii_ieq(k, map[i].key)) {
      offer(c, map[i].f, content, map[i].rank);
      return;
    }
  if ((pc_ascii_ieq(k, "author") || pc_ascii_ieq(k, "article:author") ||
       pc_ascii_ieq(k, "dc.creator") || pc_ascii_ieq(k, "sailthru.author") ||
       pc_ascii_ieq(k, "parsely-author") || pc_ascii_ieq(k, "byl")) &&
      !is_url(content))
    offer(c, PC_META_BYLINE, skip_by(content), 2);
}

static void walk_head(struct cand *c, const xmlNode *n, int depth) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    const char *t = pc_dom_tag(n);
    if (pc_tag_is(t, "meta")) {
      meta_tag(c, n);
    } else if (pc_tag_is(t, "title") && !c->html_title) {
      c->html_title = n->children && n->children->content
                          ? (const char *)n->children->content
                          : NULL;
    } else if (pc_tag_is(t, "link")) {
      const char *rel = pc_dom_attr(n, "rel");
      if (rel && pc_ascii_ieq(rel, "canonical"))
        offer(c, PC_META_URL, pc_dom_attr(n, "href"), 0);
    } else if (pc_tag_is(t, "script")) {
      const char *ty = pc_dom_attr(n, "type");
      if (ty && pc_ascii_ieq(ty, "application/ld+json"))
        ld_script(c, n);
    } else if (pc_tag_is(t, "time")) {
      const char *dt = pc_dom_attr(n, "datetime");
      const char *ip = pc_dom_attr(n, "itemprop");
      offer(c, PC_META_DATE, dt, ip && strstr(ip, "datePublished") ? 1 : 6);
    } else if (depth < 64 && n->children) {
      const char *ip = pc_dom_attr(n, "itemprop");
      if (ip && strcmp(ip, "datePublished") == 0)
        offer(c, PC_META_DATE, pc_dom_attr(n, "datetime"), 1);
      walk_head(c, n->children, depth + 1);
    }
  }
}

/*** dates *****************************************************************/

static int month_of(const char *s) {
  static const char *const m[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  for (int i = 0; i < 12; i++)
    if (pc_ascii_istarts(s, m[i]))
      return i + 1;
  return 0;
}

static bool dig2(const char *s) {
  return isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]);
}

/* The time of day that follows "T" (or a space) in an ISO date, written
 * back as "THH:MM[:SS[.fff]]" with its offset always in the "+HH:MM" form
 * ("+0000", "+00" and "Z" become "+00:00"); "" when s starts no time. */
static void iso_time(const char *s, char *out, size_t outsz) {
  out[0] = '\0';
  if (!dig2(s) || s[2] != ':' || !dig2(s + 3))
    return;
  size_t k = 5;
  while (k < 18 && (isdigit((unsigned char)s[k]) || s[k] == ':' || s[k] == '.'))
    k++;
  while (s[k - 1] == ':' || s[k - 1] == '.')
    k--;
  const char *o = s + k;
  while (*o == ' ' && o < s + k + 2)
    o++;
  char off[16] = "";
  if (*o == 'Z' || *o == 'z') {
    snprintf(off, sizeof off, "+00:00");
  } else if ((*o == '+' || *o == '-') && dig2(o + 1)) {
    int hh = (o[1] - '0') * 10 + (o[2] - '0'), mm = 0;
    const char *m = o[3] == ':' ? o + 4 : o + 3;
    if (dig2(m))
      mm = (m[0] - '0') * 10 + (m[1] - '0');
    if (hh <= 14 && mm < 60)
      snprintf(off, sizeof off, "%c%02d:%02d", *o, hh, mm);
  }
  snprintf(out, outsz, "T%.*s%s", (int)k, s, off);
}

/* ISO 8601 from the common forms; out gets "" when nothing is found. */
static void norm_date(const char *s, char *out, size_t outsz) {
  out[0] = '\0';
  while (*s == ' ')
    s++;
  int y, mo, d;
  if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
      isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
      (s[4] == '-' || s[4] == '/') && sscanf(s, "%4d%*[-/]%2d%*[-/]%2d", &y, &mo, &d) == 3) {
    if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31)
      return;
    /* keep the time of day and offset when given in ISO form */
    size_t len = strnlen(s, 64);
    if (len < 10 || s[4] != s[7] || !isdigit((unsigned char)s[8])) {
      /* "2019-1-5": no time part follows a short form */
      snprintf(out, outsz, "%04d-%02d-%02d", y, mo, d);
      return;
    }
    char tm[40] = "";
    if (len > 11 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' '))
      iso_time(s + 11, tm, sizeof tm);
    snprintf(out, outsz, "%04d-%02d-%02d%s", y, mo, d, tm);
    return;
  }
  /* "November 19, 2019", "Nov. 19 2019", "19 November 2019" */
  const char *p = s;
  for (; *p; p++) {
    int m = isalpha((unsigned char)*p) &&
                    (p == s || !isalpha((unsigned char)p[-1]))
                ? month_of(p)
                : 0;
    if (!m)
      continue;
    const char *q = p;
    while (isalpha((unsigned char)*q) || *q == '.')
      q++;
    if (sscanf(q, " %d , %d", &d, &y) == 2 || sscanf(q, " %d %d", &d, &y) == 2) {
      if (d >= 1 && d <= 31 && y >= 1900 && y <= 2100) {
        snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
        return;
      }
    }
    /* day before month */
    const char *b = p;
    while (b > s && (b[-1] == ' ' || b[-1] == '.'))
      b--;
    const char *ds = b;
    while (ds > s && isdigit((unsigned char)ds[-1]))
      ds--;
    if (ds < b && sscanf(ds, "%d", &d) == 1 && sscanf(q, " %d", &y) == 1 &&
        d >= 1 && d <= 31 && y >= 1900 && y <= 2100) {
      snprintf(out, outsz, "%04d-%02d-%02d", y, m, d);
      return;
    }
  }
}

/*** title *****************************************************************/

/* Share of the words of a that occur in b (ASCII case-folded). */
static double overlap(const char *a, const char *b) {
  size_t total = 0, hit = 0;
  const char *p = a;
  while (*p) {
    while (*p && !isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
      p++;
    const char *e = p;
    while (*e && (isalnum((unsigned char)*e) || ((unsigned char)*e & 0x80)))
      e++;
    if (e > p) {
      total++;
      char w[64];
      size_t l = (size_t)(e - p) < sizeof w - 1 ? (size_t)(e - p) : sizeof w - 1;
      memcpy(w, p, l);
      w[l] = '\0';
      if (pc_ascii_istr(b, w))
        hit++;
    }
    p = e;
  }
  return total ? (double)hit / (double)total : 0.0;
}

/* Strips " | Site", " - Site" and similar from a <title>. */
static void strip_site(char *t) {
  static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ",
                                     " \xE2\x80\x94 ", " :: ", " \xC2\xBB ",
                                     " / "};
  for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
    char *last = NULL, *p = t;
    while ((p = strstr(p, seps[i])) != NULL) {
      last = p;
      p += strlen(seps[i]);
    }
    if (last && (size_t)(last - t) >= 15) {
      /* keep the longer side: the headline */
      if (strlen(last + strlen(seps[i])) > (size_t)(last - t))
        memmove(t, last + strlen(seps[i]), strlen(last + strlen(seps[i])) + 1);
      else
        *last = '\0';
      return;
    }
  }
}

struct h1s {
  const xmlNode *n[16];
  size_t count;
};

static void find_headings(const xmlNode *n, struct h1s *h, const char *tag,
                          int depth) {
  for (; n && h->count < 16; n = n->next) {
    if (n->type != XML_ELEMENT_NODE)
      continue;
    const char *t = pc_dom_tag(n);
    if (pc_tag_is(t, "script") || pc_tag_is(t, "style") ||
        pc_tag_is(t, "head"))
      continue;
    if (strcmp(t, tag) == 0)
      h->n[h->count++] = n;
    else if (depth < PC_MAX_DEPTH)
      find_headings(n->children, h, tag, depth + 1);
  }
}

static char *norm_text(const xmlNode *n) {
  struct pc_buf b;
  pc_buf_init(&b, PC_MAX_META);
  pc_dom_text(n, &b);
  struct pc_textb t;
  pc_textb_init(&t);
  if (b.data)
    pc_textb_add(&t, b.data, b.len);
  pc_buf_cleanup(&b);
  char *r = pc_buf_steal(&t.text, NULL);
  pc_textb_cleanup(&t);
  return r;
}

static const xmlNode *pick_title(htmlDocPtr html, pc_doc *doc) {
  const char *declared = doc->meta[PC_META_TITLE];
  xmlNode *root = xmlDocGetRootElement(html);
  struct h1s h = {{0}, 0};
  find_headings(root, &h, "h1", 0);
  char *best = NULL;
  const xmlNode *best_node = NULL;
  double best_score = 0.0;
  for (size_t i = 0; i < h.count; i++) {
    char *t = norm_text(h.n[i]);
    if (!t)
      continue;
    size_t len = strlen(t);
    double s = 0.0;
    if (len >= 8 && len <= 400) {
      s = declared ? (overlap(t, declared) + overlap(declared, t)) / 2.0
                   : (h.count == 1 ? 0.6 : 0.0);
    }
    if (s > best_score) {
      free(best);
      best = t;
      best_node = h.n[i];
      best_score = s;
    } else {
      free(t);
    }
  }
  if (best && best_score >= 0.5)
    pc_doc_set_meta(doc, PC_META_TITLE, best, strlen(best));
  else
    best_node = NULL;
  free(best);
  return best_node;
}

/*** the date a reader sees ************************************************/

struct dwalk {
  const xmlNode *from; /* start after this element (the headline) */
  bool on;
  struct pc_buf text;  /* after the headline */
  struct pc_buf pre;   /* the last words before it */
};

/* Keeps only the last PRE_KEEP bytes of the text before the headline. */
#define PRE_KEEP 600

static void add_pre(struct dwalk *w, const char *s) {
  pc_buf_adds(&w->pre, s);
  pc_buf_addc(&w->pre, ' ');
  if (w->pre.len > 4 * PRE_KEEP) {
    size_t cut = w->pre.len - PRE_KEEP;
    while (cut < w->pre.len && ((unsigned char)w->pre.data[cut] & 0xC0) == 0x80)
      cut++;
    memmove(w->pre.data, w->pre.data + cut, w->pre.len - cut + 1);
    w->pre.len -= cut;
  }
}

static bool blank(const xmlChar *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
    s++;
  return !*s;
}

/* Collects the text before and after the headline; white space between
 * tags counts for nothing, so the window is the same however the page is
 * indented. */
static void date_walk(struct dwalk *w, const xmlNode *n, int depth) {
  for (; n && w->text.len < w->text.max - 1; n = n->next) {
    if (n->type == XML_TEXT_NODE && n->content && !blank(n->content)) {
      if (w->on) {
        pc_buf_adds(&w->text, (const char *)n->content);
        pc_buf_addc(&w->text, ' ');
      } else {
        add_pre(w, (const char *)n->content);
      }
    } else if (n->type == XML_ELEMENT_NODE && depth < PC_MAX_DEPTH) {
      const char *t = pc_dom_tag(n);
      if (pc_tag_is(t, "script") || pc_tag_is(t, "style") ||
          pc_tag_is(t, "noscript") || pc_tag_is(t, "template") ||
          pc_tag_is(t, "head"))
        continue;
      if (w->on && pc_tag_is(t, "input")) {
        /* hidden fields named like a date carry one */
        const char *cls = pc_dom_attr(n, "class"), *v = pc_dom_attr(n, "value");
        if (cls && v && strstr(cls, "publish")) {
          pc_buf_adds(&w->text, v);
          pc_buf_addc(&w->text, ' ');
        }
      }
      if (n == w->from) {
        w->on = true;
        continue; /* the headline's own words are not a dateline */
      }
      date_walk(w, n->children, depth + 1);
    }
  }
}

/* Days since 1970 for YYYY-MM-DD (civil calendar), for comparing. */
static long days_of(const char *d) {
  int y, m, dd;
  if (sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3)
    return -1;
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The date in the URL path: /2019/11/19/ or /2019-11-19. */
static bool url_date(const char *url, char out[11]) {
  for (const char *p = url; p && *p; p++) {
    int y, m, d;
    char s1, s2;
    if (*p == '/' && sscanf(p + 1, "%4d%c%2d%c%2d", &y, &s1, &m, &s2, &d) == 5 &&
        (s1 == '/' || s1 == '-') && s1 == s2 && y >= 1990 && y <= 2100 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31 && isdigit((unsigned char)p[9]) &&
        isdigit((unsigned char)p[10])) {
      snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
      return true;
    }
  }
  return false;
}

/*** entry *****************************************************************/

static void lang_tag(const char *in, char *out, size_t outsz) {
  size_t k = 0;
  while (in[k] && k + 1 < outsz && isalpha((unsigned char)in[k])) {
    out[k] = (char)tolower((unsigned char)in[k]);
    k++;
  }
  out[k] = '\0';
  if (k < 2 || k > 3)
    out[0] = '\0';
}

static void byline_from_dom(struct cand *c, const xmlNode *n, int depth,
                            char **found) {
  for (; n && !*found; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || depth > PC_MAX_DEPTH)
      continue;
    const char *t = pc_dom_tag(n);
    if (pc_tag_is(t, "script") || pc_tag_is(t, "style") ||
        pc_tag_is(t, "head"))
      continue;
    const char *cls = pc_dom_attr(n, "class");
    const char *rel = pc_dom_attr(n, "rel");
    const char *ip = pc_dom_attr(n, "itemprop");
    bool cand = (rel && strcmp(rel, "author") == 0) ||
                (ip && strstr(ip, "author")) ||
                (cls && (strstr(cls, "byline") || strstr(cls, "author-name") ||
                         strstr(cls, "author__name") ||
                         strcmp(cls, "author") == 0));
    if (cand) {
      char *txt = norm_text(n);
      if (txt) {
        const char *s = skip_by(txt);
        size_t l = strlen(s);
        if (l >= 3 && l <= 100 && !strchr(s, '@'))
          *found = strdup(s);
        free(txt);
      }
    } else {
      byline_from_dom(c, n->children, depth + 1, found);
    }
  }
}

void pc_meta_extract(const pc_ctx *ctx, htmlDocPtr html, const char *url,
                     pc_doc *doc, char **ld_body) {
  struct cand c;
  memset(&c, 0, sizeof c);
  xmlNode *root = xmlDocGetRootElement(html);
  if (!root)
    return;
  walk_head(&c, root, 0);

  /* language: <html lang> first, it is what the page says of itself */
  const char *hl = pc_dom_attr(root, "lang");
  if (!hl)
    hl = pc_dom_attr(root, "xml:lang");
  offer(&c, PC_META_LANG, hl, 0);

  if (c.ld_author)
    offer(&c, PC_META_BYLINE, c.ld_author, 0);
  char *dom_by = NULL;
  if (!c.v[PC_META_BYLINE]) {
    byline_from_dom(&c, root, 0, &dom_by);
    offer(&c, PC_META_BYLINE, dom_by, 5);
  }

  /* declared title: og:title, JSON-LD headline, <title> minus site */
  char *title = NULL;
  if (c.v[PC_META_TITLE])
    title = strdup(c.v[PC_META_TITLE]);
  else if (c.ld_headline)
    title = strdup(c.ld_headline);
  else if (c.html_title)
    title = strdup(c.html_title);
  if (title) {
    strip_site(title);
    pc_doc_set_meta(doc, PC_META_TITLE, title, strlen(title));
  }
  free(title);
  const xmlNode *headline = pick_title(html, doc);

  for (int f = 0; f < PC_META_COUNT_; f++) {
    const char *v = c.v[f];
    if (!v || f == PC_META_TITLE)
      continue;
    char buf[64];
    if (f == PC_META_DATE) {
      norm_date(v, buf, sizeof buf);
      if (buf[0])
        pc_doc_set_meta(doc, PC_META_DATE, buf, strlen(buf));
    } else if (f == PC_META_LANG) {
      lang_tag(v, buf, sizeof buf);
      if (buf[0])
        pc_doc_set_meta(doc, PC_META_LANG, buf, strlen(buf));
    } else if (f == PC_META_URL || f == PC_META_IMAGE) {
      /* an image is resolved against the page's address: the input's, or
       * the canonical one the page declares (resolved just before) */
      const char *base = url;
      const char *canon = doc->meta[PC_META_URL];
      if (!base && f == PC_META_IMAGE && canon &&
          (pc_ascii_istarts(canon, "http://") ||
           pc_ascii_istarts(canon, "https://")))
        base = canon;
      char *abs = pc_url_resolve(base, v); /* trimmed even without a base */
      const char *u = abs ? abs : v;
      pc_doc_set_meta(doc, (pc_meta)f, u, strlen(u));
      free(abs);
    } else if (f == PC_META_BYLINE) {
      v = skip_by(v);
      pc_doc_set_meta(doc, (pc_meta)f, v, strlen(v));
    } else {
      pc_doc_set_meta(doc, (pc_meta)f, v, strlen(v));
    }
  }
  if (!doc->meta[PC_META_URL] && url)
    pc_doc_set_meta(doc, PC_META_URL, url, strlen(url));

  /* The date a reader sees: the first one written after the headline.  A
   * declared UTC time is often a day off from the page's local date, so
   * the shown date wins when the two are a day apart at most. */
  struct dwalk w = {headline, headline == NULL, {0}, {0}};
  pc_buf_init(&w.text, headline ? 1500 : 3000);
  pc_buf_init(&w.pre, 0);
  date_walk(&w, root, 0);
  const char *lang = doc->meta[PC_META_LANG];
  char shown[11] = "", from_url[11] = "";
  if (w.text.data)
    pc_date_find(ctx, w.text.data, w.text.len, !lang || strcmp(lang, "en") == 0,
                 shown);
  if (!shown[0] && w.pre.len) {
    size_t from = w.pre.len > PRE_KEEP ? w.pre.len - PRE_KEEP : 0;
    while (from < w.pre.len && ((unsigned char)w.pre.data[from] & 0xC0) == 0x80)
      from++;
    pc_date_find(ctx, w.pre.data + from, w.pre.len - from,
                 !lang || strcmp(lang, "en") == 0, shown);
  }
  pc_buf_cleanup(&w.text);
  pc_buf_cleanup(&w.pre);
  if (doc->meta[PC_META_URL])
    url_date(doc->meta[PC_META_URL], from_url);
  const char *declared = doc->meta[PC_META_DATE];
  const char *pick = NULL;
  if (declared) {
    long dd = days_of(declared);
    if (shown[0] && labs(days_of(shown) - dd) <= 1 && strncmp(shown, declared, 10))
      pick = shown;
    else if (from_url[0] && labs(days_of(from_url) - dd) <= 1 &&
             strncmp(from_url, declared, 10))
      pick = from_url;
  } else {
    pick = shown[0] ? shown : from_url[0] ? from_url : NULL;
  }
  if (pick)
    pc_doc_set_meta(doc, PC_META_DATE, pick, strlen(pick));
  if (!doc->meta[PC_META_SITE] && doc->meta[PC_META_URL]) {
    /* the host name, without www. */
    xmlURIPtr u = xmlParseURI(doc->meta[PC_META_URL]);
    if (u && u->server) {
      const char *h = u->server;
      if (pc_ascii_istarts(h, "www."))
        h += 4;
      pc_doc_set_meta(doc, PC_META_SITE, h, strlen(h));
    }
    xmlFreeURI(u);
  }
  if (ld_body)
    *ld_body = c.ld_body;
  else
    free(c.ld_body);
  free(dom_by);
  free(c.ld_author);
  for (size_t i = 0; i < c.nld; i++)
    json_object_put(c.ld_roots[i]);
}

