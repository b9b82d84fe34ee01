/*
 * prescan.c - drops what the article never needs before the parser sees it.
 *
 * More than half of the bytes of a news page are inline scripts and style
 * sheets, and libxml2 walks them character by character.  This pass copies
 * the page with the bodies of <script> (except JSON data such as JSON-LD),
 * <style> and comments left out, following the HTML5 tokenizer's rules for
 * where each ends (a comment with no end runs to the end of the input, as
 * in browsers).  Tags are scanned whole, quoted attribute values included,
 * so a "<script>" inside an attribute is never taken for a tag.
 *
 * Attributes never reach libxml2.  Its attribute parser reads a value
 * character by character through xmlNextChar, about a hundred instructions
 * a byte, and attribute values are most of what is left of a page after
 * the scripts (61% of the bytes on the corpus); parsing them cost more
 * than all the rest of the parse.  The attributes extraction reads are
 * stored here instead, character references decoded as libxml2 decodes
 * them, with where the tag stands in the copy, by which dom.c hands each
 * element its record (dom.h, struct pc_attrs).  The copy's tags have no
 * attributes at all: a short one naming the record was still a tenth of
 * the copy's bytes and as slow to parse as any attribute.
 */
#include "dom.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

static char lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c; }

static bool name_is(const char *s, size_t n, size_t i, const char *name) {
  size_t l = strlen(name);
  if (n - i < l)
    return false;
  for (size_t k = 0; k < l; k++)
    if (lower(s[i + k]) != name[k])
      return false;
  /* the name must end there */
  if (i + l == n)
    return true;
  char c = s[i + l];
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '/' || c == '>';
}

/* Whether the n lower-case bytes at s are one of the names in by_len[n]:
 * the names of each length run together ("idrel" would hold "id" and
 * "rel" were they of one length).  A page asks this for every tag and
 * attribute, so it costs one indexed load and a few short compares, with
 * no search whose branches a processor cannot predict. */
static bool in_by_len(const char *s, size_t n, const char *const *by_len,
                      size_t max) {
  if (n == 0 || n > max || !by_len[n])
    return false;
  for (const char *p = by_len[n]; *p; p += n) {
    size_t k = 0;
    while (k < n && p[k] == s[k])
      k++;
    if (k == n)
      return true;
  }
  return false;
}

/* Attributes that extraction and metadata read, by length. */
static const char *const KEEP_ATTRS[] = {
    [2] = "id",
    [3] = "altdirrelsrc",
    [4] = "hreflangnameroletype",
    [5] = "classstyletitlevaluewidth",
    [6] = "heighthiddensrcset",
    [7] = "charsetcolspancontentrowspan",
    [8] = "data-srcdatetimeitemproppropertyxml:lang",
    [10] = "http-equiv",
    [11] = "aria-hidden",
    [13] = "data-lazy-srcdata-original"};

/* Whether the attribute named s[0, n) is kept; its lower-case name into
 * name (16 bytes) when it is. */
static bool keep_attr(const char *s, size_t n, char *name) {
  if (n >= 16)
    return false;
  for (size_t k = 0; k < n; k++)
    name[k] = lower(s[k]);
  return in_by_len(name, n, KEEP_ATTRS, sizeof KEEP_ATTRS / sizeof *KEEP_ATTRS - 1);
}

static bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/*** the attribute store ***************************************************/

void pc_attrs_init(struct pc_attrs *a) {
  memset(a, 0, sizeof *a);
  pc_buf_init(&a->data, 0);
}

void pc_attrs_cleanup(struct pc_attrs *a) {
  if (!a)
    return;
  pc_buf_cleanup(&a->data);
  free(a->at);
  free(a->first);
  free(a->tag);
  memset(a, 0, sizeof *a);
}

const char *pc_attrs_get(const struct pc_attrs *a, size_t k, const char *name) {
  if (!a || k >= a->n)
    return NULL;
  size_t end = k + 1 < a->n ? a->first[k + 1] : a->nat;
  for (size_t i = a->first[k]; i < end; i++) {
    const char *p = a->data.data + a->at[i].name;
    if (*p == *name && strcmp(p, name) == 0)
      return a->data.data + a->at[i].value;
  }
  return NULL;
}

static bool grow_array(void **p, size_t *cap, size_t size) {
  size_t n = *cap ? *cap * 2 : 256;
  if (n > SIZE_MAX / size)
    return false;
  void *q = realloc(*p, n * size);
  if (!q)
    return false;
  *p = q;
  *cap = n;
  return true;
}

static bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

/* Appends the attribute value s[0, n) with character references decoded
 * the way libxml2 2.9 decodes them in attribute values: "&#N;" and
 * "&#xN;" (the ';' optional; 0, surrogates and values past U+10FFFF give
 * U+FFFD) and "&name;" from its HTML 4 table (with the ';'); anything else
 * stays as written. */
static bool put_value(struct pc_buf *b, const char *s, size_t n) {
  size_t i = 0, run = 0;
  while (i < n) {
    const char *amp = memchr(s + i, '&', n - i);
    if (!amp)
      break;
    i = (size_t)(amp - s);
    size_t k = i + 1;
    uint32_t cp = 0;
    bool ok = false;
    if (k < n && s[k] == '#') {
      bool hex = k + 1 < n && (s[k + 1] == 'x' || s[k + 1] == 'X');
      k += hex ? 2 : 1;
      size_t d0 = k;
      while (k < n) {
        char c = s[k];
        int v = (c >= '0' && c <= '9')           ? c - '0'
                : hex && (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10
                                                          : -1;
        if (v < 0)
          break;
        if (cp <= 0x10FFFF)
          cp = cp * (hex ? 16 : 10) + (uint32_t)v;
        k++;
      }
      if (k > d0) {
        ok = true;
        if (k < n && s[k] == ';')
          k++;
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
          cp = 0xFFFD;
      }
    } else {
      char name[33];
      size_t l = 0;
      while (k < n && l < 32 && name_char(s[k]))
        name[l++] = s[k++];
      name[l] = '\0';
      const htmlEntityDesc *e;
      if (l && k < n && s[k] == ';' &&
          (e = htmlEntityLookup((const xmlChar *)name)) != NULL) {
        ok = true;
        cp = e->value;
        k++;
      }
    }
    if (!ok) {
      i++;
      continue;
    }
    if (!pc_buf_add(b, s + run, i - run) || !pc_utf8_put(b, cp))
      return false;
    i = run = k;
  }
  return pc_buf_add(b, s + run, n - run);
}

/* Starts the record of the next tag, whose name is [name, end) in the
 * copy; its index, or SIZE_MAX on OOM. */
static size_t record_new(struct pc_attrs *a, size_t name, size_t end) {
  if (a->n == a->cap) {
    size_t c1 = a->cap, c2 = a->cap;
    if (!grow_array((void **)&a->first, &c1, sizeof *a->first) ||
        !grow_array((void **)&a->tag, &c2, sizeof *a->tag))
      return SIZE_MAX;
    a->cap = c1;
  }
  a->first[a->n] = a->nat;
  a->tag[a->n].name = name;
  a->tag[a->n].end = end;
  return a->n++;
}

/* Copies the start tag s[i, te) without its attributes, and stores the
 * ones extraction reads as record K of attrs, with where the copied tag's
 * name stands.  The attribute syntax is the HTML5 tokenizer's: a name
 * up to space, '/', '>' or '=', then an optional value, quoted or not. */
static bool copy_start_tag(const char *s, size_t i, size_t te,
                           struct pc_buf *out, struct pc_attrs *attrs) {
  size_t k = i + 1;
  while (k < te && !space(s[k]) && s[k] != '/' && s[k] != '>')
    k++;
  if (!pc_buf_add(out, s + i, k - i)) /* "<name" */
    return false;
  size_t k0 = k;
  size_t rec = SIZE_MAX;
  while (k < te) {
    while (k < te && (space(s[k]) || s[k] == '/'))
      k++;
    if (k >= te || s[k] == '>')
      break;
    size_t ns = k;
    k++; /* the first character is part of the name even if it is '=' */
    while (k < te && !space(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=')
      k++;
    size_t ne = k;
    size_t j = k, vs = 0, ve = 0;
    while (j < te && space(s[j]))
      j++;
    if (j < te && s[j] == '=') {
      j++;
      while (j < te && space(s[j]))
        j++;
      if (j < te && (s[j] == '"' || s[j] == '\'')) {
        const char *q = memchr(s + j + 1, s[j], te - j - 1);
        vs = j + 1;
        j = q ? (size_t)(q - s) + 1 : te;
        ve = q ? j - 1 : (s[te - 1] == '>' ? te - 1 : te);
      } else {
        vs = j;
        while (j < te && !space(s[j]) && s[j] != '>')
          j++;
        ve = j;
      }
      k = j;
    }
    char name[16];
    if (!keep_attr(s + ns, ne - ns, name))
      continue;
    if (rec == SIZE_MAX &&
        (rec = record_new(attrs, out->len - (k0 - i - 1), out->len)) == SIZE_MAX)
      return false;
    struct pc_buf *d = &attrs->data;
    size_t at = d->len;
    if ((attrs->nat == attrs->capat &&
         !grow_array((void **)&attrs->at, &attrs->capat, sizeof *attrs->at)) ||
        !pc_buf_add(d, name, ne - ns) || !pc_buf_addc(d, '\0'))
      return false;
    attrs->at[attrs->nat].name = at;
    attrs->at[attrs->nat].value = d->len;
    if (!put_value(d, s + vs, ve - vs) || !pc_buf_addc(d, '\0'))
      return false;
    attrs->nat++;
  }
  if (te > i && s[te - 1] == '>') {
    if (te >= 2 && s[te - 2] == '/' && !pc_buf_addc(out, '/'))
      return false;
    return pc_buf_addc(out, '>');
  }
  return true;
}

/* Index of the first '>', '"' or '\'' at or after k, or n: sixteen bytes
 * at a time where SSE2 is there, as every tag of the page is stepped over
 * this way. */
static size_t tag_stop(const char *s, size_t n, size_t k) {
#ifdef __SSE2__
  const __m128i gt = _mm_set1_epi8('>'), dq = _mm_set1_epi8('"'),
                sq = _mm_set1_epi8('\'');
  while (k + 16 <= n) {
    __m128i v = _mm_loadu_si128((const __m128i *)(s + k));
    unsigned m = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, gt), _mm_cmpeq_epi8(v, dq)),
                     _mm_cmpeq_epi8(v, sq)));
    if (m)
      return k + (size_t)__builtin_ctz(m);
    k += 16;
  }
#endif
  while (k < n && s[k] != '>' && s[k] != '"' && s[k] != '\'')
    k++;
  return k;
}

/* End of the tag starting at s[i] == '<': index after its '>' (or n). */
static size_t tag_end(const char *s, size_t n, size_t i) {
  for (size_t k = tag_stop(s, n, i + 1); k < n; k = tag_stop(s, n, k + 1)) {
    char c = s[k];
    if (c == '>')
      return k + 1;
    /* a quote counts only as an attribute value: after '=' */
    size_t b = k;
    while (b > i && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n'))
      b--;
    if (b > i && s[b - 1] == '=') {
      const char *q = memchr(s + k + 1, c, n - k - 1);
      if (!q)
        return n;
      k = (size_t)(q - s);
    }
  }
  return n;
}

/* Index of the "</name" that ends raw text starting at i, or n. */
static size_t raw_end(const char *s, size_t n, size_t i, const char *name) {
  for (size_t k = i; k + 1 < n; k++) {
    const char *lt = memchr(s + k, '<', n - k);
    if (!lt)
      return n;
    k = (size_t)(lt - s);
    if (k + 1 < n && s[k + 1] == '/' && name_is(s, n, k + 2, name))
      return k;
  }
  return n;
}

/* Elements whose content is never read; sorted. */
static const char *const SKIP_INSIDE[] = {"aside",  "footer",   "iframe", "nav",
                                          "noscript", "select", "template"};

/* Index in SKIP_INSIDE of the name starting at s[i], or -1. */
static int skip_name(const char *s, size_t n, size_t i) {
  for (size_t k = 0; k < sizeof SKIP_INSIDE / sizeof *SKIP_INSIDE; k++)
    if (lower(s[i]) == SKIP_INSIDE[k][0] && name_is(s, n, i, SKIP_INSIDE[k]))
      return (int)k;
  return -1;
}

/* End of the comment starting at s[i] ("<!--"): index after "-->" or
 * "--!>", or n when it has none (it then runs to the end, as in browsers). */
static size_t comment_end(const char *s, size_t n, size_t i) {
  size_t k = i + 4;
  while (k < n) {
    const char *d = memchr(s + k, '-', n - k);
    if (!d)
      break;
    k = (size_t)(d - s);
    if (k + 2 < n && s[k + 1] == '-' && s[k + 2] == '>')
      return k + 3;
    if (k + 3 < n && s[k + 1] == '-' && s[k + 2] == '!' && s[k + 3] == '>')
      return k + 4;
    k++;
  }
  return n;
}

/* The raw-text element (script, style, svg, title, textarea) whose name
 * starts at s[i], or NULL. */
static const char *raw_name(const char *s, size_t n, size_t i) {
  char c1 = lower(s[i]);
  if (c1 == 's')
    return name_is(s, n, i, "script")  ? "script"
           : name_is(s, n, i, "style") ? "style"
           : name_is(s, n, i, "svg")   ? "svg"
                                       : NULL;
  if (c1 == 't')
    return name_is(s, n, i, "title")      ? "title"
           : name_is(s, n, i, "textarea") ? "textarea"
                                          : NULL;
  return NULL;
}

/* Index of the "</name" that closes the element whose start tag ends at i,
 * counting nested elements of the same name; n when there is none.  Tags
 * are stepped over whole and comments and raw text the way the main scan
 * reads them, so a "</nav>" inside an attribute value, a comment or a
 * script closes nothing. */
static size_t balanced_end(const char *s, size_t n, size_t i,
                           const char *name) {
  int depth = 1;
  size_t k = i;
  while (k + 1 < n) {
    const char *lt = memchr(s + k, '<', n - k);
    if (!lt)
      return n;
    k = (size_t)(lt - s);
    if (k + 1 >= n)
      return n;
    char c = s[k + 1];
    if (c == '/') {
      if (name_is(s, n, k + 2, name) && --depth == 0)
        return k;
      k += 2;
    } else if (c == '!' && k + 3 < n && s[k + 2] == '-' && s[k + 3] == '-') {
      k = comment_end(s, n, k);
    } else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
      size_t te = tag_end(s, n, k);
      const char *raw;
      if (name_is(s, n, k + 1, name)) {
        if (!(te >= 2 && s[te - 2] == '/')) /* <nav/> opens nothing */
          depth++;
        k = te;
      } else if ((raw = raw_name(s, n, k + 1)) != NULL) {
        k = raw_end(s, n, te, raw);
      } else {
        k = te;
      }
    } else {
      k++;
    }
  }
  return n;
}

/* Whether the start tag s[a..b) is a <script> holding an HTML template
 * (type "text/template", "text/x-template", "text/html", ...): some pages
 * keep their article there and render it with script.  Its content is
 * then read as markup. */
static bool template_script(const char *s, size_t a, size_t b) {
  for (size_t k = a; k + 5 <= b; k++) {
    if (!(lower(s[k]) == 't' && lower(s[k + 1]) == 'y' &&
          lower(s[k + 2]) == 'p' && lower(s[k + 3]) == 'e' && s[k + 4] == '=' &&
          k > a && space(s[k - 1])))
      continue;
    size_t v = k + 5, e;
    char q = v < b ? s[v] : 0;
    if (q == '"' || q == '\'') {
      v++;
      for (e = v; e < b && s[e] != q; e++)
        ;
    } else {
      for (e = v; e < b && !space(s[e]) && s[e] != '>'; e++)
        ;
    }
    char t[32];
    size_t l = e - v < sizeof t - 1 ? e - v : sizeof t - 1;
    for (size_t j = 0; j < l; j++)
      t[j] = lower(s[v + j]);
    t[l] = '\0';
    return strstr(t, "template") || strcmp(t, "text/html") == 0;
  }
  return false;
}

/* Whether s[a..b) is markup with paragraphs and no placeholders of a
 * template language ("{{name}}", "<%= x %>", "${x}"): text to read. */
static bool static_markup(const char *s, size_t a, size_t b) {
  while (a < b && space(s[a]))
    a++;
  if (a >= b || s[a] != '<')
    return false;
  bool para = false;
  for (size_t k = a; k + 1 < b; k++) {
    char c = s[k], d = s[k + 1];
    if ((c == '{' && d == '{') || (c == '<' && d == '%') ||
        (c == '$' && d == '{'))
      return false;
    if (c == '<' && (d == 'p' || d == 'P') && k + 2 < b &&
        (s[k + 2] == '>' || space(s[k + 2])))
      para = true;
  }
  return para;
}

static bool json_script(const char *s, size_t a, size_t b) {
  for (size_t k = a; k + 4 <= b; k++)
    if (lower(s[k]) == 'j' && lower(s[k + 1]) == 's' && lower(s[k + 2]) == 'o' &&
        lower(s[k + 3]) == 'n')
      return true;
  return false;
}

/* Elements around which white space is never rendered: block boxes, and
 * what is never rendered at all; by length (in_by_len). */
static const char *const BLOCKISH[] = {
    [1] = "p",
    [2] = "dddldth1h2h3h4h5h6hrlioltdthtrul",
    [3] = "coldivnavpre",
    [4] = "basebodyformheadhtmllinkmainmenumeta",
    [5] = "asidestyletabletbodytfoottheadtitle",
    [6] = "centerfigurefooterheaderhgrouplegendscript",
    [7] = "addressarticlecaptiondetailssectionsummary",
    [8] = "colgroupfieldsetnoscripttemplate",
    [10] = "blockquotefigcaption"};

/* The lower-case name of the tag whose name starts at s[i] into buf (at
 * most cap - 1 bytes; empty when longer). */
static void tag_name(const char *s, size_t n, size_t i, char *buf, size_t cap) {
  size_t k = 0;
  while (i + k < n && !space(s[i + k]) && s[i + k] != '/' && s[i + k] != '>') {
    if (k + 1 >= cap) {
      k = 0;
      break;
    }
    buf[k] = lower(s[i + k]);
    k++;
  }
  buf[k] = '\0';
}

static bool blockish(const char *name) {
  return in_by_len(name, strlen(name), BLOCKISH, sizeof BLOCKISH / sizeof *BLOCKISH - 1);
}

static bool white(const char *s, size_t a, size_t b) {
  for (; a < b; a++)
    if (!space(s[a]))
      return false;
  return true;
}

/* The scan's position between tags: white space between two block-level
 * tags (outside <pre>) is left out, as a browser never renders it; on news
 * pages it is most of the text nodes libxml2 would build. */
struct gap {
  size_t last;     /* end of the last tag, or SIZE_MAX */
  size_t last_name; /* where that tag's name starts */
  unsigned in_pre;
  /* whether the last tag, and the tag text_end last looked at, are
   * block-level: 1 or 0, -1 when not known yet (every tag would otherwise
   * have its name read twice, as the tag after a gap and before one) */
  int last_block, name_block;
};

static int block_at(const char *s, size_t n, size_t name) {
  char b[16];
  tag_name(s, n, name, b, sizeof b);
  return blockish(b);
}

static bool pre_name(const char *s, size_t n, size_t i) {
  return name_is(s, n, i, "pre") || name_is(s, n, i, "listing");
}

/* Where the text pending since run ends before the tag at i, whose name
 * starts at name: i, or the end of the last tag when what lies between is
 * white space to leave out. */
static size_t text_end(struct gap *g, const char *s, size_t n, size_t run,
                       size_t i, size_t name) {
  g->name_block = -1;
  if (g->last == SIZE_MAX || g->last < run || g->last == i || g->in_pre ||
      !white(s, g->last, i))
    return i;
  if (g->last_block < 0)
    g->last_block = block_at(s, n, g->last_name);
  if (!g->last_block)
    return i;
  g->name_block = block_at(s, n, name);
  return g->name_block ? g->last : i;
}

bool pc_html_prescan(const char *s, size_t n, struct pc_buf *out,
                     struct pc_attrs *attrs) {
  size_t i = 0, run = 0;
  /* names whose balanced_end already ran off the end: a later start tag of
   * the same name is copied as is instead of scanning to the end again,
   * which made "<nav><nav><nav>..." quadratic */
  unsigned unclosed = 0;
  struct gap g = {SIZE_MAX, 0, 0, -1, -1};
  while (i < n) {
    const char *lt = memchr(s + i, '<', n - i);
    if (!lt)
      break;
    i = (size_t)(lt - s);
    if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
      /* comment: drop it whole */
      size_t end = comment_end(s, n, i);
      if (!pc_buf_add(out, s + run, i - run))
        return false;
      i = run = end;
      if (g.last != SIZE_MAX)
        g.last = end; /* the gap goes on after it */
      continue;
    }
    if (i + 2 < n && s[i + 1] == '/' && (s[i + 2] | 32) >= 'a' &&
        (s[i + 2] | 32) <= 'z') {
      /* end tag: copied with the text after it, the gap before it dropped
       * when white */
      size_t te = text_end(&g, s, n, run, i, i + 2);
      if (te < i) {
        if (!pc_buf_add(out, s + run, te - run))
          return false;
        run = i;
      }
      if (g.in_pre && pre_name(s, n, i + 2))
        g.in_pre--;
      g.last_name = i + 2;
      g.last_block = g.name_block;
      i = g.last = tag_end(s, n, i);
      continue;
    }
    if (i + 1 >= n || !((s[i + 1] | 32) >= 'a' && (s[i + 1] | 32) <= 'z')) {
      i++;
      continue;
    }
    size_t te = tag_end(s, n, i);
    const char *raw = raw_name(s, n, i + 1);
    if (raw && strcmp(raw, "script") == 0 && template_script(s, i, te) &&
        static_markup(s, te, raw_end(s, n, te, raw))) {
      /* the template's markup is read; its tags go, its end tag is a
       * stray one the parser drops */
      if (!pc_buf_add(out, s + run, i - run))
        return false;
      run = i = te;
      continue;
    }
    /* the start tag, lean */
    if (!pc_buf_add(out, s + run, text_end(&g, s, n, run, i, i + 1) - run) ||
        !copy_start_tag(s, i, te, out, attrs))
      return false;
    run = te;
    g.last = te;
    g.last_name = i + 1;
    g.last_block = g.name_block;
    if (pre_name(s, n, i + 1) && !(te >= 2 && s[te - 2] == '/'))
      g.in_pre++;
    if (!raw) {
      int sk = skip_name(s, n, i + 1);
      if (sk >= 0 && !(unclosed & (1u << sk)) && !(te >= 2 && s[te - 2] == '/')) {
        size_t end = balanced_end(s, n, te, SKIP_INSIDE[sk]);
        if (end < n) {
          run = i = end; /* its end tag is copied from here on */
          continue;
        }
        unclosed |= 1u << sk;
      }
      i = te;
      continue;
    }
    size_t body_end = raw_end(s, n, te, raw);
    bool drop = (strcmp(raw, "script") == 0 && !json_script(s, i, te)) ||
                strcmp(raw, "style") == 0 || strcmp(raw, "svg") == 0;
    if (drop && body_end > te)
      run = body_end;
    i = body_end;
  }
  return pc_buf_add(out, s + run, n - run);
}
