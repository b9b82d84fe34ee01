/* test_core.c - unit tests of the library internals and public API. */
#include "internal.h"
#include "harness.h"
#include "hdoc.h"
#include "extract/extract.h"
#include "html/dom.h"
#include "input/input.h"
#include "archive/archive.h"

#include <json-c/json.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pc_doc *extract(const char *s, pc_input_kind kind) {
  return h_extract(s, kind, NULL);
}

static void test_buf(void) {
  struct pc_buf b;
  pc_buf_init(&b, 8);
  CHECK(pc_buf_adds(&b, "abcd"));
  CHECK(pc_buf_adds(&b, "efgh"));
  CHECK(!pc_buf_addc(&b, 'x')); /* over the cap */
  CHECK(b.failed && b.len == 8);
  CHECK(!pc_buf_adds(&b, "")); /* failure is sticky */
  pc_buf_cleanup(&b);
  pc_buf_init(&b, 0);
  CHECK(pc_buf_printf(&b, "%d-%s", 42, "x"));
  CHECK_STR(b.data, "42-x");
  size_t len;
  char *s = pc_buf_steal(&b, &len);
  CHECK(len == 4 && b.data == NULL);
  free(s);
}

static void test_utf8(void) {
  struct pc_buf b;
  pc_buf_init(&b, 0);
  /* invalid byte, NUL, overlong, surrogate, truncated: all repaired */
  const char bad[] = "a\xff" "b\0c\xc0\xaf" "d\xed\xa0\x80" "e\xe2\x82";
  CHECK(pc_utf8_sanitize(&b, bad, sizeof bad - 1));
  CHECK(pc_utf8_valid(b.data, b.len));
  CHECK(strstr(b.data, "a\xEF\xBF\xBD" "b") != NULL);
  CHECK(strchr(b.data, 'c') != NULL); /* the NUL went, c stayed */
  pc_buf_cleanup(&b);
  CHECK(pc_utf8_words("Hello, wörld — 2024!", strlen("Hello, wörld — 2024!")) == 3);
  CHECK(pc_utf8_count("aé€😀", strlen("aé€😀")) == 4);
  uint32_t cp;
  CHECK(pc_utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp) == 4 &&
        cp == 0x1F600);
  CHECK(pc_utf8_decode((const unsigned char *)"\xc0\x80", 2, &cp) == 0);
}

static void test_charset(void) {
  pc_error err;
  struct pc_buf b;
  const char *t;
  size_t tn;
  /* windows-1251 declared in <meta>: Cyrillic comes out */
  const char cyr[] = "<html><head><meta charset=\"windows-1251\"></head>"
                     "<body><p>\xcf\xf0\xe8\xe2\xe5\xf2</p></body></html>";
  pc_buf_init(&b, 0);
  CHECK(pc_charset_to_utf8(cyr, sizeof cyr - 1, NULL, true, &b, &t, &tn, &err) == PC_OK);
  CHECK(strstr(b.data, "Привет") != NULL);
  pc_buf_cleanup(&b);
  /* header beats meta */
  const char l1[] = "<meta charset=utf-8><p>caf\xe9</p>";
  pc_buf_init(&b, 0);
  CHECK(pc_charset_to_utf8(l1, sizeof l1 - 1, "text/html; charset=ISO-8859-1",
                           true, &b, &t, &tn, &err) == PC_OK);
  CHECK(strstr(b.data, "café") != NULL);
  pc_buf_cleanup(&b);
  /* nothing declared and not UTF-8: windows-1252 */
  const char w[] = "<p>\x93quoted\x94</p>";
  pc_buf_init(&b, 0);
  CHECK(pc_charset_to_utf8(w, sizeof w - 1, NULL, true, &b, &t, &tn, &err) == PC_OK);
  CHECK(strstr(b.data, "“quoted”") != NULL);
  pc_buf_cleanup(&b);
  /* UTF-16LE with BOM */
  const char u16[] = "\xff\xfeH\0i\0";
  pc_buf_init(&b, 0);
  CHECK(pc_charset_to_utf8(u16, sizeof u16 - 1, NULL, false, &b, &t, &tn, &err) == PC_OK);
  CHECK_STR(b.data, "Hi");
  CHECK(t == b.data && tn == 2);
  pc_buf_cleanup(&b);
  /* clean UTF-8 is used where it is, a BOM skipped; repairs are copies */
  const char ok[] = "\xef\xbb\xbf<p>caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80\tok</p>\n";
  pc_buf_init(&b, 0);
  CHECK(pc_charset_to_utf8(ok, sizeof ok - 1, "text/html; charset=utf-8", true, &b, &t, &tn,
                           &err) == PC_OK);
  CHECK(t == ok + 3 && tn == sizeof ok - 4 && b.len == 0);
  pc_buf_cleanup(&b);
  const char bad[] = "<p>a\x01" "b\xc3(c\xed\xa0\x80" "d</p>";
  pc_buf_init(&b, 0);
  CHECK(pc_charset_to_utf8(bad, sizeof bad - 1, "text/html; charset=utf-8", true, &b, &t, &tn,
                           &err) == PC_OK);
  CHECK(t == b.data);
  CHECK_STR(b.data, "<p>ab\xef\xbf\xbd(c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d</p>");
  pc_buf_cleanup(&b);
  CHECK(pc_utf8_clean_prefix("ab\xe0\x80\x80", 5) == 2); /* overlong */
  CHECK(pc_utf8_clean_prefix("ab\x7f", 3) == 2);
  CHECK(pc_utf8_clean_prefix("0123456789abcdef\n", 17) == 17);
  /* whole steps of 64 bytes that end exactly at the end of the input (read
   * from an allocation of that size, so that a sanitizer sees a byte
   * read past it) */
  for (size_t len = 63; len <= 129; len++) {
    char *plain = malloc(len);
    if (!plain)
      continue;
    memset(plain, 'a', len);
    CHECK(pc_utf8_clean_prefix(plain, len) == len);
    plain[len - 1] = '\x01';
    CHECK(pc_utf8_clean_prefix(plain, len) == len - 1);
    free(plain);
  }
}

static void test_sniff(void) {
  CHECK(pc_sniff("<!DOCTYPE html><p>x", 19) == PC_INPUT_HTML);
  CHECK(pc_sniff("  \n<html>", 9) == PC_INPUT_HTML);
  CHECK(pc_sniff("Title\n\nA < B and C > D.", 23) == PC_INPUT_TEXT);
}

static void test_text(void) {
  pc_doc *doc = extract("  \nMy Title\n\nFirst para\nwraps here.\n\n"
                        "Share this:\n\nSecond para.\n\nPrint Friendly, PDF & Email\n",
                        PC_INPUT_TEXT);
  CHECK(doc != NULL);
  if (!doc)
    return;
  CHECK_STR(pc_doc_meta(doc, PC_META_TITLE), "My Title");
  CHECK(pc_doc_block_count(doc) == 2);
  CHECK_STR(pc_doc_block(doc, 0)->content.text, "First para wraps here.");
  CHECK_STR(pc_doc_block(doc, 1)->content.text, "Second para.");
  CHECK_STR(pc_doc_block(doc, 1)->id, "b2");
  pc_doc_free(doc);
}

static void test_cuts(void) {
  pc_doc *doc = extract("T\n\nKeep one.\n\n***+OP CUT Cut me. ****\n\nKeep two.\n\n"
                        "Before ***+OP CUT inside **** after.\n\n"
                        "***+OP CUT spans\n\ntwo paragraphs ****\n\n"
                        "Stray ***+OP CUT with no end\n\nLast.\n",
                        PC_INPUT_TEXT);
  CHECK(doc != NULL);
  if (!doc)
    return;
  size_t n = pc_doc_block_count(doc);
  CHECK(n == 11);
  const char *want[] = {"Keep one.", "Cut me.", "Keep two.", "Before",
                        "inside", "after.", "spans", "two paragraphs",
                        "Stray", "with no end", "Last."};
  int opt[] = {0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0};
  for (size_t i = 0; i < n && i < 11; i++) {
    CHECK_STR(pc_doc_block(doc, i)->content.text, want[i]);
    CHECK(pc_doc_block(doc, i)->optional == opt[i]);
    CHECK(strstr(pc_doc_block(doc, i)->content.text, "***") == NULL);
  }
  /* ids are renumbered in reading order */
  CHECK_STR(pc_doc_block(doc, 4)->id, "b5");
  pc_doc_drop_optional(doc);
  CHECK(pc_doc_block_count(doc) == 6);
  CHECK_STR(pc_doc_block(doc, 2)->id, "b4"); /* ids stay stable */
  pc_doc_free(doc);
  /* "Last." comes after the unterminated cut ended with its block */
  doc = extract("T\n\n***+OP CUT open\n\nLast.\n", PC_INPUT_TEXT);
  CHECK(doc && pc_doc_block_count(doc) == 2 && !pc_doc_block(doc, 1)->optional);
  pc_doc_free(doc);
}

static void test_delete(void) {
  pc_doc *doc = extract("T\n\na\n\nb\n\nc\n\nd\n", PC_INPUT_TEXT);
  pc_error err = {""};
  CHECK(pc_doc_delete_blocks(doc, "b2,b9", &err) == PC_ERR_NOT_FOUND);
  CHECK(pc_doc_block_count(doc) == 4); /* all or nothing */
  CHECK(strstr(err.msg, "b9") != NULL);
  CHECK(pc_doc_delete_blocks(doc, "b2, b4", &err) == PC_OK);
  CHECK(pc_doc_block_count(doc) == 2);
  CHECK_STR(pc_doc_block(doc, 1)->id, "b3");
  pc_doc_free(doc);
}

static const char *PAGE =
    "<!DOCTYPE html><html lang=\"en\"><head><title>Big news | The Daily</title>"
    "<meta property=\"og:site_name\" content=\"The Daily\">"
    "<meta name=\"author\" content=\"Jane Roe\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
    "\"headline\":\"Big news\",\"datePublished\":\"2024-03-05T10:00:00Z\"}</script>"
    "<script>var x = '<p>not text</p>';</script><style>p{}</style></head>"
    "<body><nav><a href=\"/\">Home</a> <a href=\"/w\">World</a></nav>"
    "<article><h1>Big news</h1>"
    "<p>The first paragraph of the story, which is long enough to count, "
    "has commas, and more words to make it score as article text.</p>"
    "<p>A second paragraph with a <a href=\"/rel\">relative link</a> and "
    "<em>emphasis</em>, plus enough words to be counted as content here.</p>"
    "<h2>A subheading</h2>"
    "<ul><li>one item of a list</li><li>another item</li></ul>"
    "<figure><img src=\"/a.jpg\" alt=\"A picture\" width=\"640\" height=\"480\">"
    "<figcaption>The caption</figcaption></figure>"
    "<p onclick=\"evil()\">Third paragraph, still the article, with more "
    "words, commas, and a <a href=\"javascript:alert(1)\">bad link</a>.</p>"
    "<div class=\"share-tools\">Share this</div>"
    "</article><footer>Copyright footer text here</footer></body></html>";

static void test_html(void) {
  pc_extract_opts o;
  pc_extract_opts_init(&o);
  o.url = "https://news.example/2024/03/05/big";
  pc_doc *doc = NULL;
  pc_error err = {""};
  CHECK(pc_extract(ctx, PAGE, strlen(PAGE), &o, &doc, &err) == PC_OK);
  if (!doc)
    return;
  CHECK_STR(pc_doc_meta(doc, PC_META_TITLE), "Big news");
  CHECK_STR(pc_doc_meta(doc, PC_META_SITE), "The Daily");
  CHECK_STR(pc_doc_meta(doc, PC_META_BYLINE), "Jane Roe");
  CHECK_STR(pc_doc_meta(doc, PC_META_LANG), "en");
  const char *date = pc_doc_meta(doc, PC_META_DATE);
  CHECK(date && strncmp(date, "2024-03-05", 10) == 0);
  size_t n = pc_doc_block_count(doc);
  CHECK(n == 6);
  int seen_fig = 0, seen_list = 0, seen_h2 = 0;
  for (size_t i = 0; i < n; i++) {
    const pc_block *b = pc_doc_block(doc, i);
    CHECK(strstr(b->content.text, "Home") == NULL);
    CHECK(strstr(b->content.text, "not text") == NULL);
    CHECK(strstr(b->content.text, "Share this") == NULL);
    CHECK(strstr(b->content.text, "Copyright") == NULL);
    if (b->type == PC_BLOCK_FIGURE) {
      seen_fig = 1;
      CHECK_STR(b->src, "https://news.example/a.jpg");
      CHECK_STR(b->alt, "A picture");
      CHECK_STR(b->caption.text, "The caption");
      CHECK(b->width == 640 && b->height == 480);
      CHECK(b->content.len == 0);
    }
    if (b->type == PC_BLOCK_LIST) {
      seen_list = 1;
      CHECK(b->nitems == 2);
      CHECK_STR(b->items[1].text, "another item");
    }
    if (b->type == PC_BLOCK_HEADING) {
      seen_h2 = 1;
      CHECK(b->level == 2);
      CHECK_STR(b->content.text, "A subheading");
    }
  }
  CHECK(seen_fig && seen_list && seen_h2);
  const pc_block *b2 = pc_doc_block(doc, 1);
  CHECK(b2 && b2->content.nspans == 2);
  if (b2 && b2->content.nspans == 2) {
    CHECK(b2->content.spans[0].type == PC_SPAN_LINK);
    CHECK_STR(b2->content.spans[0].href, "https://news.example/rel");
    CHECK(strncmp(b2->content.text + b2->content.spans[0].start,
                  "relative link", 13) == 0);
    CHECK(b2->content.spans[1].type == PC_SPAN_EMPH);
  }
  /* the HTML rendering is inert */
  char *html = NULL;
  size_t len = 0;
  CHECK(pc_render(doc, PC_FORMAT_HTML, &html, &len, &err) == PC_OK);
  CHECK(html && strstr(html, "javascript:") == NULL);
  CHECK(html && strstr(html, "onclick") == NULL);
  CHECK(html && strstr(html, "<script") == NULL);
  CHECK(html && strstr(html, "<a href=\"https://news.example/rel\">") != NULL);
  pc_free(html);
  pc_doc_free(doc);
}

static void test_json(void) {
  pc_doc *doc = extract("Quote \"me\"\n\nLine\twith\x01 control and sep.\n",
                        PC_INPUT_TEXT);
  char *js = NULL;
  size_t len = 0;
  pc_error err;
  CHECK(pc_render(doc, PC_FORMAT_JSON, &js, &len, &err) == PC_OK);
  CHECK(js && strstr(js, "\"title\":\"Quote \\\"me\\\"\"") != NULL);
  CHECK(js && strchr(js, '\x01') == NULL);
  CHECK(js && strstr(js, "\"blocks\":[{\"id\":\"b1\",\"type\":\"paragraph\"") != NULL);
  CHECK(js && strstr(js, "\"word_count\":5") != NULL);
  pc_free(js);
  pc_doc_free(doc);
}

/* pc_json_parse: strict for requests and JSON Lines, lenient for JSON-LD. */
static void test_json_read(void) {
  const char *why = NULL;
  const char *req = "{\"html\":\"a\\u0000b\"} \n";
  struct json_object *o = pc_json_parse(req, strlen(req), true, 16, &why);
  size_t n = 0;
  CHECK(o && why == NULL);
  CHECK(pc_json_get_str(o, "html", &n) && n == 3); /* NUL kept */
  CHECK(pc_json_get_str(o, "missing", NULL) == NULL);
  json_object_put(o);
  o = pc_json_parse("{\"a\":1}", 7, true, 16, &why);
  CHECK(o && pc_json_get_str(o, "a", NULL) == NULL); /* not a string */
  CHECK(pc_json_array_len(pc_json_get(o, "a")) == 0);
  json_object_put(o);
  static const char *const bad[] = {
      "{\"a\":1} x",      /* text after the value */
      "{\"a\":1,}",       /* trailing comma */
      "{\"a\":'b'}",       /* a single-quoted string (json-c's strict mode
                              still takes single-quoted member names) */
      "{\"a\":1",         /* cut short */
      "null",              /* no value to return */
      "",                  /* nothing */
      "[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]", /* deeper than 16 */
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    why = NULL;
    o = pc_json_parse(bad[i], strlen(bad[i]), true, 16, &why);
    CHECK(o == NULL && why != NULL);
    json_object_put(o);
  }
  /* JSON-LD as pages write it: a trailing comma and a comment */
  const char *ld = "{\"@type\":\"NewsArticle\", /* x */ \"headline\":\"H\",}";
  o = pc_json_parse(ld, strlen(ld), false, 64, &why);
  CHECK(o && strcmp(pc_json_get_str(o, "headline", NULL), "H") == 0);
  json_object_put(o);
  /* ... and what follows the value in its script: ignored when lenient */
  const char *tail = "{\"headline\":\"H\"} // end";
  o = pc_json_parse(tail, strlen(tail), false, 64, &why);
  CHECK(o && strcmp(pc_json_get_str(o, "headline", NULL), "H") == 0);
  json_object_put(o);
  o = pc_json_parse(tail, strlen(tail), true, 64, &why);
  CHECK(o == NULL && why != NULL);
}

static void test_dates(void) {
  char out[11];
  CHECK(pc_date_find(ctx, "Posted November 19, 2019 at 9am", 31, true, out));
  CHECK_STR(out, "2019-11-19");
  CHECK(pc_date_find(ctx, "publiziert am 25. September 2018", 33, false, out));
  CHECK_STR(out, "2018-09-25");
  CHECK(pc_date_find(ctx, "em 05/10/2018 - P", 17, false, out));
  CHECK_STR(out, "2018-10-05");
  CHECK(pc_date_find(ctx, "on 11/12/2019", 13, true, out));
  CHECK_STR(out, "2019-11-12");
  CHECK(pc_date_find(ctx, "Updated Nov 20, 2019. First published Nov 19, 2019",
                     51, true, out));
  CHECK_STR(out, "2019-11-19");
  CHECK(pc_date_find(ctx, "23 de agosto de 2018", 20, false, out));
  CHECK_STR(out, "2018-08-23");
  CHECK(!pc_date_find(ctx, "no date 2019 here 13/45/2019", 28, true, out));
}

static void test_lang(void) {
  const char *en = "The minister said that the plan would be ready by the end "
                   "of the year and that it was not a matter for the courts.";
  const char *de = "Der Minister sagte, dass der Plan bis zum Ende des Jahres "
                   "fertig sein wird und dass es nicht eine Sache der Gerichte ist.";
  CHECK_STR(pc_lang_guess(ctx, en, strlen(en)), "en");
  CHECK_STR(pc_lang_guess(ctx, de, strlen(de)), "de");
  CHECK_STR(pc_lang_guess(ctx, "이것은 한국어 문장입니다 정말로 그렇습니다 한국어",
                          strlen("이것은 한국어 문장입니다 정말로 그렇습니다 한국어")),
            "ko");
  CHECK(pc_lang_guess(ctx, "ok", 2) == NULL);
}

static void test_limits(void) {
  pc_extract_opts o;
  pc_extract_opts_init(&o);
  o.max_input = 10;
  pc_doc *doc = NULL;
  pc_error err = {""};
  CHECK(pc_extract(ctx, "0123456789A", 11, &o, &doc, &err) == PC_ERR_TOO_LARGE);
  CHECK(doc == NULL && strstr(err.msg, "limit") != NULL);
  CHECK(pc_extract(NULL, "x", 1, NULL, &doc, &err) == PC_ERR_USAGE);
  pc_doc_free(NULL);
  pc_ctx_free(NULL);
  pc_fetch_result_free(NULL);
  CHECK_STR(pc_strerror(PC_ERR_NETWORK), "network error");
  CHECK(pc_meta_name(PC_META_COUNT_)[0] == '\0');
}

/* First element with the tag below n, depth first. */
static const xmlNode *nth_tag(const xmlNode *n, const char *tag, int *skip) {
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, tag) == 0 &&
        (*skip)-- == 0)
      return n;
    const xmlNode *r = nth_tag(n->children, tag, skip);
    if (r)
      return r;
  }
  return NULL;
}

static const xmlNode *tag_at(htmlDocPtr d, const char *tag, int k) {
  return nth_tag(xmlDocGetRootElement(d), tag, &k);
}

/* Attributes go around libxml2 (prescan.c): what pc_dom_attr gives back. */
static void test_attrs(void) {
  static const char page[] =
      "<html><head><title>T <b pc=\"99999\">x</b> <i pc=\"0\">y</i></title></head>"
      "<body><a href=\"/x?a=1&amp;b=2&#x41;&#66&nbsp;&bogus;&amp z\" TITLE='t' "
      "data-x=\"dropped\" class=c1 onclick=\"alert(1)\">link</a>"
      "<div hidden id=\"first\" id=\"second\">d</div>"
      "<img src=\"p.jpg\" alt=\"&#0;&#x110000;&#xD800;&lt;&gt;\"/>"
      "<p>plain</p><a href=unquoted/>u</a><a href=\"never closed>v</a>"
      "</body></html>";
  pc_error err = {""};
  htmlDocPtr d = pc_dom_parse(page, sizeof page - 1, &err);
  CHECK(d != NULL);
  if (!d)
    return;
  const xmlNode *a = tag_at(d, "a", 0), *div = tag_at(d, "div", 0),
                *img = tag_at(d, "img", 0), *p = tag_at(d, "p", 0),
                *body = tag_at(d, "body", 0), *u = tag_at(d, "a", 1);
  CHECK_STR(pc_dom_attr(a, "href"), "/x?a=1&b=2AB\xc2\xa0&bogus;&amp z");
  CHECK_STR(pc_dom_attr(a, "title"), "t");
  CHECK_STR(pc_dom_attr(a, "class"), "c1");
  CHECK(pc_dom_attr(a, "data-x") == NULL);  /* not one extraction reads */
  CHECK(pc_dom_attr(a, "onclick") == NULL); /* never kept */
  CHECK(pc_dom_attr(a, "pc") == NULL);      /* the mark is not an attribute */
  CHECK_STR(pc_dom_attr(div, "hidden"), "");
  CHECK_STR(pc_dom_attr(div, "id"), "first"); /* the first of two wins */
  CHECK_STR(pc_dom_attr(img, "src"), "p.jpg");
  CHECK_STR(pc_dom_attr(img, "alt"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd<>");
  CHECK(pc_dom_attr(p, "class") == NULL);
  CHECK(pc_dom_attr(body, "class") == NULL); /* tag without attributes */
  CHECK_STR(pc_dom_attr(u, "href"), "unquoted/");
  /* a mark written in the page (inside <title>, which the prescan copies
   * as text) is not the prescan's: out of range gives nothing, in range a
   * record of the page, never memory outside it */
  const xmlNode *b = tag_at(d, "b", 0);
  CHECK(!b || pc_dom_attr(b, "href") == NULL);
  pc_dom_free(d);
}

/* A page that opens with a byte order mark: libxml2 skips the mark
 * without counting it in the offsets by which elements find their
 * attributes, so the parse must drop it first (every attribute of such a
 * page was lost). */
static void test_attrs_bom(void) {
  static const char page[] = "\xEF\xBB\xBF<html><body><div class=\"entry\">"
                             "<a href=\"/x\">x</a></div></body></html>";
  pc_error err = {""};
  htmlDocPtr d = pc_dom_parse(page, sizeof page - 1, &err);
  CHECK(d != NULL);
  if (!d)
    return;
  CHECK_STR(pc_dom_attr(tag_at(d, "div", 0), "class"), "entry");
  CHECK_STR(pc_dom_attr(tag_at(d, "a", 0), "href"), "/x");
  pc_dom_free(d);
}

/* The prescan's output: white space between block-level tags goes, the
 * rest stays (inline neighbours, <pre>, text). */
static void test_prescan_space(void) {
  static const char page[] =
      "<div>\n  <p>a</p>\n  <p>b</p>\n</div>\n<pre>\n  <b>x</b>\n  </pre>\n"
      "<span>a</span> <span>b</span>\n<p> text </p><!-- c -->\n<div></div>";
  struct pc_buf out;
  struct pc_attrs at;
  pc_buf_init(&out, 0);
  pc_attrs_init(&at);
  CHECK(pc_html_prescan(page, sizeof page - 1, &out, &at));
  CHECK_STR(out.data, "<div><p>a</p><p>b</p></div><pre>\n  <b>x</b>\n  </pre>\n"
                      "<span>a</span> <span>b</span>\n<p> text </p><div></div>");
  pc_buf_cleanup(&out);
  pc_attrs_cleanup(&at);
}

/* The JSON reader's fast path reads flat objects as json-c does, and
 * leaves everything else to json-c. */
static void test_json_flat(void) {
  static const char *const flat[] = {
      "{\"html\": \"<p class=\\\"x\\\">caf\\u00e9 \\\\ \\/ \\b\\f\\n\\r\\t</p>\", "
      "\"cut\": true, \"ragged\": false, \"text_size\": 3, \"delete\": null}",
      " {}\n",
      "{\"k\": \"first\", \"k\": \"last\"}",
      "{\"t\": \"a\\u0000b\", \"n\": -42, \"z\": 0, \"big\": 123456789012345678}",
      "{\"\": \"\", \"u\": \"\\u20ac\\u00fc\xc3\xa9\"}",
      "{\"s\": \"\\ud83d\\ude00 \\uD83D\\uDE00\"}"};
  static const char *const other[] = {
      "{\"a\": {\"b\": 1}}", "{\"a\": [1]}", "{\"x\": 1.5}", "{\"x\": 1e3}",
      "{\"s\": \"\\ud83d\"}", "{\"s\": \"\\ude00\\ud83d\"}",
      "{\"s\": \"\\ud83d\\u0041\"}", "{\"c\": \"tab\there\"}",
      "{\"\\u0000\": 1}", "{\"a\": \"1\",}", "{\"a\" \"1\"}", "{\"a\": 01}",
      "{\"a\": 1234567890123456789}", "{\"a\": 1} x", "[1]", "\"s\"",
      "{\"a\": \"unterminated}", "{\"a\": tru}", "{\"e\": \"\\x\"}", ""};
  for (size_t i = 0; i < sizeof flat / sizeof *flat; i++) {
    const char *why = NULL;
    struct json_object *f = pc_json_parse_flat(flat[i], strlen(flat[i]));
    struct json_object *j = pc_json_parse_jsonc(flat[i], strlen(flat[i]), true, 16, &why);
    CHECK(f != NULL && j != NULL);
    CHECK(f && j && json_object_equal(f, j));
    json_object_put(f);
    json_object_put(j);
  }
  for (size_t i = 0; i < sizeof other / sizeof *other; i++)
    CHECK(pc_json_parse_flat(other[i], strlen(other[i])) == NULL);
  /* the value keeps its length and bytes */
  const char body[] = "{\"html\": \"a\\u0000b\\\"c\"}";
  const char *why = NULL;
  struct json_object *o = pc_json_parse(body, sizeof body - 1, true, 16, &why);
  size_t len = 0;
  const char *v = pc_json_get_str(o, "html", &len);
  CHECK(v && len == 5 && memcmp(v, "a\0b\"c", 5) == 0);
  json_object_put(o);
}

/* The dateline after the headline is found however much blank text the
 * page's markup puts between them. */
static void test_dateline_blank(void) {
  struct pc_buf page;
  pc_buf_init(&page, 0);
  pc_buf_adds(&page, "<html><body><article><h1>A headline for the dateline</h1>");
  for (int i = 0; i < 1000; i++)
    pc_buf_adds(&page, "<span>\n   </span>");
  pc_buf_adds(&page, "<p>By Jane Roe | November 18, 2019</p>");
  for (int i = 0; i < 6; i++)
    pc_buf_adds(&page, "<p>A paragraph of the article, long enough to be read as "
                       "body text by the extractor, with commas, and more.</p>");
  pc_buf_adds(&page, "</article></body></html>");
  pc_doc *doc = extract(page.data, PC_INPUT_HTML);
  CHECK(doc != NULL);
  const char *date = doc ? pc_doc_meta(doc, PC_META_DATE) : NULL;
  CHECK(date && strncmp(date, "2019-11-18", 10) == 0);
  pc_doc_free(doc);
  pc_buf_cleanup(&page);
}

static int count_writes(void *closure, const unsigned char *d, size_t n) {
  (void)d, (void)n;
  ++*(int *)closure;
  return 0;
}

/* A cache of fonts and dictionaries serves calls one after another and
 * needs somewhere to go. */
static void test_pdf_cache(void) {
  pc_doc *doc = extract("A title\n\nA paragraph of text.\n", PC_INPUT_TEXT);
  CHECK(doc != NULL);
  pc_print_opts po;
  pc_print_opts_init(&po);
  int writes = 0;
  pc_error err = {""};
  pc_pdf_cache *cache = NULL;
  CHECK(pc_pdf_cache_new(&cache, &err) == PC_OK);
  po.cache = cache;
  for (int i = 0; i < 2; i++) {
    writes = 0;
    CHECK(pc_pdf((const pc_doc *const *)&doc, 1, &po, count_writes, &writes,
                 &err) == PC_OK);
    CHECK(writes > 0);
  }
  pc_pdf_cache_free(cache);
  pc_pdf_cache_free(NULL);
  CHECK(pc_pdf_cache_new(NULL, &err) == PC_ERR_USAGE);
  pc_doc_free(doc);
}

static int keep_line(void *closure, const char *line, size_t len) {
  char **out = closure;
  free(*out);
  *out = strndup(line, len);
  return 0;
}

/* pc_batch_opts.no_blocks (presscut index): the line of batch
 * --attribution without its "blocks" array, everything else the same. */
static void test_batch_no_blocks(void) {
  char path[] = "/tmp/pc-unit-batch-XXXXXX";
  int fd = mkstemp(path);
  const char *text = "Budget passes\n\n\"We will win,\" Jane Doe said on "
                     "Monday.\n\nThe vote was close.\n";
  CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
  close(fd);
  char *line[2] = {NULL, NULL};
  for (int lean = 0; lean < 2; lean++) {
    const char *in[] = {path};
    pc_batch_opts o;
    pc_batch_opts_init(&o);
    o.inputs = in, o.ninputs = 1, o.jobs = 1, o.attribution = 1;
    o.no_blocks = lean, o.sink = keep_line, o.sink_closure = &line[lean];
    pc_batch_stats st = {0};
    pc_error err = {""};
    CHECK(pc_batch_run(ctx, &o, &st, &err) == PC_OK && st.written == 1);
  }
  unlink(path);
  const char *from = line[0] ? strstr(line[0], ",\"blocks\":[") : NULL;
  const char *to = from ? strstr(from, "],\"quotes\":[") : NULL;
  CHECK(from && to && line[1] && strstr(line[1], "\"blocks\"") == NULL);
  CHECK(line[1] && strstr(line[1], "\"text\":\"\\\"We will win") &&
        strstr(line[1], "\"speaker\":\"Jane Doe\""));
  if (from && to && line[1]) { /* the same line with the array cut out */
    size_t head = (size_t)(from - line[0]);
    CHECK(strncmp(line[0], line[1], head) == 0 &&
          strcmp(to + 1, line[1] + head) == 0);
  }
  free(line[0]), free(line[1]);
}

/* pc_batch_opts.doc_make/doc_sink/doc_drop (presscut index): the
 * documents themselves, made into the caller's objects on the workers,
 * sunk in order on one thread; when the sink stops the run, every object
 * made is either sunk or dropped, none lost or freed twice. */
struct doc_hand {
  pthread_mutex_t m;
  int made, sunk, dropped, stop_at;
  bool speaker; /* the first sunk document has its quote's speaker */
};

static void *hand_make(void *closure, pc_doc *doc, const char *id,
                       size_t *bytes, pc_error *err) {
  struct doc_hand *h = closure;
  (void)err;
  CHECK(id && strlen(id) == 64);
  pthread_mutex_lock(&h->m);
  h->made++;
  pthread_mutex_unlock(&h->m);
  *bytes = 100;
  return doc;
}

static int hand_sink(void *closure, void *obj) {
  struct doc_hand *h = closure;
  pc_doc *doc = obj;
  if (!h->sunk++)
    h->speaker = pc_doc_quote_count(doc) == 1 &&
                 strcmp(pc_doc_quote(doc, 0)->speaker, "Jane Doe") == 0;
  pc_doc_free(doc);
  return h->sunk == h->stop_at;
}

static void hand_drop(void *closure, void *obj) {
  struct doc_hand *h = closure;
  pthread_mutex_lock(&h->m);
  h->dropped++;
  pthread_mutex_unlock(&h->m);
  pc_doc_free(obj);
}

static void test_batch_doc_sink(void) {
  char dir[] = "/tmp/pc-unit-docs-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  for (int i = 0; i < 12; i++) {
    char path[64], text[160];
    snprintf(path, sizeof path, "%s/%02d.txt", dir, i);
    snprintf(text, sizeof text, "Vote %d\n\n\"We will win,\" Jane Doe said "
             "of vote %d.\n", i, i);
    FILE *f = fopen(path, "w");
    CHECK(f && fputs(text, f) >= 0 && fclose(f) == 0);
  }
  for (int stop = 0; stop <= 2; stop++) {
    struct doc_hand h = {.stop_at = stop};
    pthread_mutex_init(&h.m, NULL);
    const char *in[] = {dir};
    pc_batch_opts o;
    pc_batch_opts_init(&o);
    o.inputs = in, o.ninputs = 1, o.jobs = 2, o.attribution = 1;
    o.doc_make = hand_make, o.doc_sink = hand_sink, o.doc_drop = hand_drop;
    o.sink_closure = &h;
    pc_batch_stats st = {0};
    pc_error err = {""};
    pc_status rc = pc_batch_run(ctx, &o, &st, &err);
    CHECK(stop ? rc == PC_ERR_IO : rc == PC_OK && st.written == 12);
    CHECK(h.made == h.sunk + h.dropped && h.speaker);
    CHECK(stop ? h.sunk == stop : h.sunk == 12 && h.dropped == 0);
    pthread_mutex_destroy(&h.m);
  }
  pc_batch_opts o;
  pc_batch_opts_init(&o);
  const char *in[] = {dir};
  o.inputs = in, o.ninputs = 1, o.doc_make = hand_make, o.doc_sink = hand_sink;
  pc_error err = {""};
  CHECK(pc_batch_run(ctx, &o, NULL, &err) == PC_ERR_USAGE); /* no doc_drop */
  o.doc_sink = NULL, o.out = "/dev/null";
  CHECK(pc_batch_run(ctx, &o, NULL, &err) == PC_ERR_USAGE); /* no doc_sink */
  char cmd[80];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK(system(cmd) == 0);
}

/* SHA-256 of its parts, joined: FIPS 180-2's "abc" in one part or two. */
static void test_sha256(void) {
  static const char want[] =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  char one[PC_SHA256_HEX], two[PC_SHA256_HEX];
  const void *p1[] = {"abc"}, *p2[] = {"a", "bc"};
  size_t l1[] = {3}, l2[] = {1, 2};
  CHECK(pc_sha256_hex(p1, l1, 1, one) && strcmp(one, want) == 0);
  CHECK(pc_sha256_hex(p2, l2, 2, two) && strcmp(two, want) == 0);
}

/* The content hash's text as the whole text's g_utf8_strdown made it
 * (record.c lowers ASCII itself and asks GLib only for the other runs,
 * each with the character after it): letters and digits, single spaces. */
static char *norm_ref(const char *s) {
  char *low = g_utf8_strdown(s, -1);
  GString *o = g_string_new(NULL);
  bool space = false;
  for (const char *p = low; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (!(c < 0x80 ? g_ascii_isalnum((int)c) : g_unichar_isalnum(c))) {
      space = true;
      continue;
    }
    if (space && o->len)
      g_string_append(o, " ");
    space = false;
    char u[8];
    u[g_unichar_to_utf8(c, u)] = '\0';
    g_string_append(o, u);
  }
  g_free(low);
  char *r = strdup(o->str);
  g_string_free(o, TRUE);
  return r;
}

static void test_content_hash(void) {
  /* Greek capital sigma is final unless a letter follows (an ASCII one
   * too), a dotted capital I lowers to two characters, a sharp S and the
   * Kelvin sign change length, a ligature and a Roman numeral are letters
   * or digits of their own */
  const char *texts[] = {
      "ΟΔΥΣΣΕΥΣ said ΣA, Σ1 and ΣΣ. İstanbul ǅemal ẞ K Ⅻ ﬁne — 東京 ÀÉÎ",
      "Plain ASCII, with   spaces\tand PUNCTUATION!!", "ΣΑ", "AΣ", "",
      "…“quoted”… ΣΣΣx ΣΣΣ"};
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
    GString *line = g_string_new("{\"text\":");
    struct pc_buf b;
    pc_buf_init(&b, 0);
    pc_json_str(&b, texts[i], strlen(texts[i]));
    g_string_append_len(line, b.data, (gssize)b.len);
    g_string_append(line, ",\"title\":\"T\",\"url\":\"https://a.example/\"}");
    pc_buf_cleanup(&b);
    struct ar_article a;
    pc_error err = {""};
    CHECK(ar_record_parse(line->str, line->len, &a, &err) == PC_OK);
    char *ref = norm_ref(texts[i]);
    if (!*ref) { /* no body: the title and URL name it */
      free(ref);
      ref = strdup("T\nhttps://a.example/");
    }
    char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256,
                                             (const guchar *)ref, strlen(ref));
    CHECK(strcmp(a.content_hash, want) == 0);
    g_free(want), free(ref);
    ar_record_free(&a);
    g_string_free(line, TRUE);
  }
}

int main(void) {
  if (!h_ctx_open())
    return 1;
  test_buf();
  test_utf8();
  test_charset();
  test_sniff();
  test_text();
  test_cuts();
  test_delete();
  test_html();
  test_attrs();
  test_attrs_bom();
  test_prescan_space();
  test_json();
  test_json_read();
  test_json_flat();
  test_dates();
  test_dateline_blank();
  test_lang();
  test_limits();
  test_pdf_cache();
  test_batch_no_blocks();
  test_batch_doc_sink();
  test_content_hash();
  test_sha256();
  pc_ctx_free(ctx);
  return h_report();
}
