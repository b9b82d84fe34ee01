/* epub.c - pc_epub: the documents as one EPUB 3 book.
 *
 * The book holds, in the order of the container: mimetype (first and
 * stored, so that a reader knows the file by its first bytes),
 * META-INF/container.xml pointing at the package, and in OEBPS/ the style
 * sheet, the cover page (more than one document), a chapter per document
 * (xhtml.c), the who-said-what chapter (with --who-said-what), the images,
 * the navigation document and the package document (content.opf: the
 * metadata, manifest and reading order).  Everything is built in memory,
 * then zipped with libzip (zip.c) and handed to write. */
#include "epub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#define PC_EPUB_MAX_DOCS 1000

struct pc_epub_part *pc_epub_add(struct pc_epub *e, const char *name,
                                 const char *media, unsigned char *data,
                                 size_t len, bool owned) {
  if (e->nparts == e->cap) {
    size_t cap = e->cap ? 2 * e->cap : 32;
    struct pc_epub_part *n = realloc(e->parts, cap * sizeof *n);
    if (!n) {
      if (owned)
        free(data);
      e->fatal = PC_ERR_NOMEM;
      return NULL;
    }
    e->parts = n;
    e->cap = cap;
  }
  struct pc_epub_part *p = &e->parts[e->nparts++];
  *p = (struct pc_epub_part){.media = media, .data = data, .len = len,
                             .owned = owned};
  snprintf(p->name, sizeof p->name, "%s", name);
  return p;
}

/* Adds a finished buffer as a file; its failure (a size cap or memory)
 * becomes the call's. */
static struct pc_epub_part *add_buf(struct pc_epub *e, const char *name,
                                    const char *media, struct pc_buf *b) {
  if (b->failed) {
    pc_buf_cleanup(b);
    if (e->fatal == PC_OK)
      e->fatal = PC_ERR_TOO_LARGE;
    return NULL;
  }
  size_t len = 0;
  char *data = pc_buf_steal(b, &len);
  if (!data) {
    e->fatal = PC_ERR_NOMEM;
    return NULL;
  }
  return pc_epub_add(e, name, media, (unsigned char *)data, len, true);
}

static const char *title_of(const pc_doc *doc) {
  const char *t = pc_doc_meta(doc, PC_META_TITLE);
  return t && t[strspn(t, " \t\r\n")] ? t : "Untitled";
}

/*** the fixed files *******************************************************/

static void fixed_files(struct pc_epub *e) {
  static const char container[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<container version=\"1.0\" "
      "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
      "<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" "
      "media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n"
      "</container>\n";
  struct pc_epub_part *p = pc_epub_add(
      e, "mimetype", NULL, (unsigned char *)"application/epub+zip", 20, false);
  if (p)
    p->store = true;
  pc_epub_add(e, "META-INF/container.xml", NULL, (unsigned char *)container,
              sizeof container - 1, false);
  struct pc_style st;
  pc_style_from(e->o, &st);
  struct pc_buf b;
  pc_buf_init(&b, 0);
  pc_buf_printf(
      &b,
      "body { line-height: 1.45; }\n"
      "h1 { font-size: 1.6em; line-height: 1.2; margin: 0 0 0.4em; }\n"
      "p { margin: 0 0 0.7em; text-align: %s; }\n"
      "blockquote { margin: 0 0 0.7em 1.5em; }\n"
      "pre { white-space: pre-wrap; font-size: 0.85em; }\n"
      "figure { margin: 0.5em 0 1em; text-align: center; }\n"
      "figure img { max-width: %.0f%%; height: auto; }\n"
      "figcaption { font-size: 0.85em; font-style: italic; }\n"
      "table { border-collapse: collapse; margin: 0 0 0.7em; }\n"
      "td, th { border: 1px solid #bbb; padding: 0.2em 0.4em; "
      "vertical-align: top; }\n"
      ".pc-meta, .pc-source { font-size: 0.9em; color: #444; }\n"
      ".pc-source { margin-top: 2em; border-top: 1px solid #bbb; }\n"
      ".q-direct { background-color: #fff1b8; }\n"
      ".q-mixed { background-color: #e3efff; }\n"
      ".q-indirect { border-bottom: 1px dotted #777; }\n"
      "td.q-indirect, td.q-mixed, td.q-direct { background-color: "
      "transparent; border-bottom: 1px solid #bbb; }\n"
      "nav ol { list-style: none; padding-left: 0; }\n",
      st.justify ? "justify" : "left",
      st.image_share > 0 ? st.image_share * 100 : 100);
  add_buf(e, "style.css", "text/css", &b);
}

/*** cover and navigation **************************************************/

static const char *book_title(const pc_doc *const *docs, size_t n,
                              const pc_print_opts *o, char *tmp, size_t sz) {
  if (o->title && o->title[strspn(o->title, " \t")])
    return o->title;
  if (n == 1)
    return title_of(docs[0]);
  snprintf(tmp, sz, "%zu articles", n);
  return tmp;
}

static const char *book_author(const pc_doc *const *docs, size_t n,
                               const pc_print_opts *o) {
  if (o->author && o->author[strspn(o->author, " \t")])
    return o->author;
  return n == 1 ? pc_doc_meta(docs[0], PC_META_BYLINE) : NULL;
}

/* Today (UTC) as YYYY-MM-DD, or the time the book is dated as. */
static void day_of(time_t t, char out[16]) {
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 16, "%Y-%m-%d", &tm);
}

static void cover(struct pc_epub *e, const pc_doc *const *docs, size_t n,
                  const char *title, const char *author, time_t when) {
  struct pc_buf b;
  pc_buf_init(&b, 0);
  pc_epub_head(&b, title, pc_doc_meta(docs[0], PC_META_LANG));
  pc_buf_adds(&b, "<section epub:type=\"titlepage\" id=\"cover\">\n<h1>");
  pc_epub_esc(&b, title);
  pc_buf_adds(&b, "</h1>\n");
  if (author) {
    pc_buf_adds(&b, "<p class=\"pc-author\">");
    pc_epub_esc(&b, author);
    pc_buf_adds(&b, "</p>\n");
  }
  char day[16];
  day_of(when, day);
  pc_buf_printf(&b, "<p class=\"pc-meta\">%s</p>\n<ol>\n", day);
  for (size_t i = 0; i < n; i++) {
    pc_buf_printf(&b, "<li><a href=\"a%zu.xhtml\">", i + 1);
    pc_epub_esc(&b, title_of(docs[i]));
    pc_buf_adds(&b, "</a>");
    const char *site = pc_doc_meta(docs[i], PC_META_SITE);
    const char *date = pc_doc_meta(docs[i], PC_META_DATE);
    if (site) {
      pc_buf_adds(&b, " \xE2\x80\x94 ");
      pc_epub_esc(&b, site);
    }
    if (date) {
      pc_buf_adds(&b, " \xC2\xB7 ");
      pc_html_esc(&b, date, strcspn(date, "T "));
    }
    pc_buf_adds(&b, "</li>\n");
  }
  pc_buf_adds(&b, "</ol>\n</section>\n</body>\n</html>\n");
  pc_epub_scrub(&b);
  add_buf(e, "cover.xhtml", "application/xhtml+xml", &b);
}

static void nav(struct pc_epub *e, const pc_doc *const *docs, size_t n,
                bool wsw) {
  struct pc_buf b;
  pc_buf_init(&b, 0);
  pc_epub_head(&b, "Contents", pc_doc_meta(docs[0], PC_META_LANG));
  pc_buf_adds(&b, "<nav epub:type=\"toc\" id=\"toc\">\n<h1>Contents</h1>\n"
                  "<ol>\n");
  if (n > 1)
    pc_buf_adds(&b, "<li><a href=\"cover.xhtml\">Cover</a></li>\n");
  for (size_t i = 0; i < n; i++) {
    pc_buf_printf(&b, "<li><a href=\"a%zu.xhtml\">", i + 1);
    pc_epub_esc(&b, title_of(docs[i]));
    pc_buf_adds(&b, "</a></li>\n");
  }
  if (wsw)
    pc_buf_adds(&b, "<li><a href=\"wsw.xhtml\">Who said what</a></li>\n");
  pc_buf_adds(&b, "</ol>\n</nav>\n</body>\n</html>\n");
  pc_epub_scrub(&b);
  struct pc_epub_part *p = add_buf(e, "nav.xhtml", "application/xhtml+xml",
                                   &b);
  if (p)
    p->props = "nav";
}

/*** the package document **************************************************/

/* urn:uuid from a SHA-256 of the documents' URLs (or titles): the same
 * articles make a book with the same identifier. */
static void identifier(const pc_doc *const *docs, size_t n,
                       struct pc_buf *b) {
  GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
  for (size_t i = 0; ck && i < n; i++) {
    const char *u = pc_doc_meta(docs[i], PC_META_URL);
    const char *s = u ? u : title_of(docs[i]);
    g_checksum_update(ck, (const guchar *)s, (gssize)strlen(s));
    g_checksum_update(ck, (const guchar *)"\n", 1);
  }
  const char *h = ck ? g_checksum_get_string(ck) : NULL;
  if (h) /* version 8 (RFC 9562: made by the application), variant 10 */
    pc_buf_printf(b, "urn:uuid:%.8s-%.4s-8%.3s-a%.3s-%.12s", h, h + 8,
                  h + 13, h + 17, h + 20);
  else
    pc_buf_adds(b, "urn:uuid:00000000-0000-8000-a000-000000000000");
  if (ck)
    g_checksum_free(ck);
}

/* <dc:language> for each distinct language of the documents, at least
 * one ("und": undetermined). */
static void languages(const pc_doc *const *docs, size_t n, struct pc_buf *b) {
  size_t written = 0;
  for (size_t i = 0; i < n; i++) {
    const char *l = pc_doc_meta(docs[i], PC_META_LANG);
    bool seen = !l || !*l || strspn(l, "abcdefghijklmnopqrstuvwxyz"
                                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
                                 != strlen(l);
    for (size_t k = 0; k < i && !seen; k++) {
      const char *m = pc_doc_meta(docs[k], PC_META_LANG);
      seen = m && strcmp(m, l) == 0;
    }
    if (!seen && written++ < 16)
      pc_buf_printf(b, "<dc:language>%s</dc:language>\n", l);
  }
  if (!written)
    pc_buf_adds(b, "<dc:language>und</dc:language>\n");
}

/* An OPF element with escaped text, when s is set. */
static void dc(struct pc_buf *b, const char *el, const char *s) {
  if (!s || !s[strspn(s, " \t\r\n")])
    return;
  pc_buf_printf(b, "<%s>", el);
  pc_epub_esc(b, s);
  pc_buf_printf(b, "</%s>\n", el);
}

/* The day of an ISO 8601 date, when it is one (dc:date must be). */
static bool iso_day(const char *d, char out[11]) {
  if (!d || strlen(d) < 10)
    return false;
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? d[i] != '-' : (d[i] < '0' || d[i] > '9'))
      return false;
  memcpy(out, d, 10);
  out[10] = '\0';
  return true;
}

static void metadata(const pc_doc *const *docs, size_t n,
                     const char *title, const char *author, time_t when,
                     struct pc_buf *b) {
  pc_buf_adds(b, "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                 "<dc:identifier id=\"bookid\">");
  identifier(docs, n, b);
  pc_buf_adds(b, "</dc:identifier>\n");
  dc(b, "dc:title", title);
  languages(docs, n, b);
  dc(b, "dc:creator", author);
  char day[11];
  if (n == 1) {
    dc(b, "dc:publisher", pc_doc_meta(docs[0], PC_META_SITE));
    dc(b, "dc:description", pc_doc_meta(docs[0], PC_META_DESCRIPTION));
    if (iso_day(pc_doc_meta(docs[0], PC_META_DATE), day))
      dc(b, "dc:date", day);
  }
  for (size_t i = 0; i < n; i++) {
    const char *u = pc_doc_meta(docs[i], PC_META_URL);
    if (u && (pc_ascii_istarts(u, "http://") ||
              pc_ascii_istarts(u, "https://")))
      dc(b, "dc:source", u);
  }
  struct tm tm;
  gmtime_r(&when, &tm);
  char mod[32];
  strftime(mod, sizeof mod, "%Y-%m-%dT%H:%M:%SZ", &tm);
  pc_buf_printf(b, "<meta property=\"dcterms:modified\">%s</meta>\n"
                   "</metadata>\n", mod);
}

/* A manifest id for a file name: letters, digits and hyphens. */
static void item_id(struct pc_buf *b, const char *name) {
  pc_buf_adds(b, "f-");
  for (const char *p = name; *p; p++)
    pc_buf_addc(b, (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
                       ? *p : '-');
}

static void package(struct pc_epub *e, const pc_doc *const *docs, size_t n,
                    const char *title, const char *author, time_t when) {
  struct pc_buf b;
  pc_buf_init(&b, 0);
  pc_buf_adds(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<package xmlns=\"http://www.idpf.org/2007/opf\" "
                  "version=\"3.0\" unique-identifier=\"bookid\">\n");
  metadata(docs, n, title, author, when, &b);
  pc_buf_adds(&b, "<manifest>\n");
  for (size_t i = 0; i < e->nparts; i++) {
    const struct pc_epub_part *p = &e->parts[i];
    if (!p->media)
      continue;
    pc_buf_adds(&b, "<item id=\"");
    item_id(&b, p->name);
    pc_buf_printf(&b, "\" href=\"%s\" media-type=\"%s\"", p->name, p->media);
    if (p->props)
      pc_buf_printf(&b, " properties=\"%s\"", p->props);
    pc_buf_adds(&b, "/>\n");
  }
  pc_buf_adds(&b, "</manifest>\n<spine>\n");
  for (size_t i = 0; i < e->nparts; i++) {
    const struct pc_epub_part *p = &e->parts[i];
    bool page = p->media && strcmp(p->media, "application/xhtml+xml") == 0;
    if (!page || (p->props && n == 1))
      continue; /* one article: the contents are the reader's menu */
    pc_buf_adds(&b, "<itemref idref=\"");
    item_id(&b, p->name);
    pc_buf_adds(&b, "\"/>\n");
  }
  pc_buf_adds(&b, "</spine>\n</package>\n");
  pc_epub_scrub(&b);
  add_buf(e, "content.opf", NULL, &b);
  if (e->nparts && !e->fatal) /* the package is not in its own manifest */
    e->parts[e->nparts - 1].media = NULL;
}

/*** the call **************************************************************/

/* The time the book is dated: $SOURCE_DATE_EPOCH when set (reproducible
 * builds' convention), else now. */
static time_t book_time(void) {
  const char *s = getenv("SOURCE_DATE_EPOCH");
  if (s && *s && strspn(s, "0123456789") == strlen(s) && strlen(s) < 12)
    return (time_t)strtoll(s, NULL, 10);
  return time(NULL);
}

static void chapters(struct pc_epub *e, const pc_doc *const *docs, size_t n) {
  for (size_t i = 0; i < n && e->fatal == PC_OK; i++) {
    const char *dir = e->o->base_dirs ? e->o->base_dirs[i] : e->o->base_dir;
    struct pc_buf b;
    pc_buf_init(&b, 0);
    pc_epub_chapter(e, docs[i], i, dir, &b);
    char name[32];
    snprintf(name, sizeof name, "a%zu.xhtml", i + 1);
    add_buf(e, name, "application/xhtml+xml", &b);
  }
  if (e->o->who_said_what && e->fatal == PC_OK) {
    struct pc_buf b;
    pc_buf_init(&b, 0);
    pc_epub_wsw(docs, n, &b);
    add_buf(e, "wsw.xhtml", "application/xhtml+xml", &b);
  }
}

static void release(struct pc_epub *e) {
  for (size_t i = 0; i < e->nparts; i++)
    if (e->parts[i].owned)
      free(e->parts[i].data);
  free(e->parts);
  free(e->imgs);
  pc_imgset_cleanup(&e->set);
}

static pc_status check_args(const pc_doc *const *docs, size_t ndocs,
                            pc_write_fn write, pc_error *err) {
  if (!docs || !ndocs || !write)
    return pc_error_set(err, PC_ERR_USAGE, "pc_epub: no document or writer");
  if (ndocs > PC_EPUB_MAX_DOCS)
    return pc_error_set(err, PC_ERR_USAGE, "pc_epub: at most %d documents",
                        PC_EPUB_MAX_DOCS);
  for (size_t i = 0; i < ndocs; i++)
    if (!docs[i])
      return pc_error_set(err, PC_ERR_USAGE, "pc_epub: document %zu is NULL",
                          i + 1);
  return PC_OK;
}

pc_status pc_epub(const pc_doc *const *docs, size_t ndocs,
                  const pc_print_opts *opts, pc_write_fn write, void *closure,
                  pc_error *err) {
  pc_status st = check_args(docs, ndocs, write, err);
  if (st != PC_OK)
    return st;
  pc_print_opts defaults;
  if (!opts) {
    pc_print_opts_init(&defaults);
    opts = &defaults;
  }
  struct pc_epub e = {.o = opts};
  pc_imgset_init(&e.set, opts);
  time_t when = book_time();
  char tmp[32];
  const char *title = book_title(docs, ndocs, opts, tmp, sizeof tmp);
  const char *author = book_author(docs, ndocs, opts);
  fixed_files(&e);
  if (ndocs > 1)
    cover(&e, docs, ndocs, title, author, when);
  chapters(&e, docs, ndocs);
  pc_imgset_report(&e.set);
  nav(&e, docs, ndocs, opts->who_said_what);
  package(&e, docs, ndocs, title, author, when);
  if (e.fatal == PC_ERR_NOMEM)
    st = pc_error_set(err, e.fatal, "out of memory");
  else if (e.fatal != PC_OK)
    st = pc_error_set(err, e.fatal, "EPUB: a chapter over %u bytes",
                      (unsigned)PC_MAX_OUTPUT);
  else
    st = pc_epub_zip(e.parts, e.nparts, when, write, closure, err);
  release(&e);
  return st;
}
