/* test_textmeta.c - the text form of the model and the metadata as a
 * reader sees them (issue 23, classes 7 and 8), on synthetic pages:
 * NFC whatever the page wrote, soft hyphens kept in the model and JSON but
 * not in the text output, bylines without their "By", date offsets always
 * "+HH:MM", image URLs trimmed and resolved against the page's address. */
#include "internal.h"
#include "harness.h"
#include "hdoc.h"

#include <stdlib.h>

static pc_doc *page(const char *html, const char *url) {
  return h_extract(html, PC_INPUT_HTML, url);
}

static char *render(const pc_doc *doc, pc_format f) {
  char *out = NULL;
  size_t len = 0;
  pc_error err = {""};
  if (pc_render(doc, f, &out, &len, &err) != PC_OK)
    return NULL;
  return out;
}

#define LONG_P                                                              \
  "<p>A paragraph of the article that is long enough to be read as body "   \
  "text by the extractor, with commas, clauses, and a few more words.</p>"

/* Decomposed letters (u + U+0308) come out composed, in the body, its
 * inline spans, list items, the title and the byline. */
static void test_nfc(void) {
  pc_doc *doc = page(
      "<html lang=\"de\"><head><title>Gru\xCC\x88\xC3\x9F" "e aus "
      "Mu\xCC\x88nchen</title><meta name=\"author\" content=\"Jo\xCC\x88rg "
      "Mu\xCC\x88ller\"></head><body><article><h1>Gru\xCC\x88\xC3\x9F" "e aus "
      "Mu\xCC\x88nchen</h1><p>Die Stadt Mu\xCC\x88nchen hat <a href=\"/b\">"
      "u\xCC\x88" "ber die Bru\xCC\x88" "cke</a> entschieden, dass die <em>"
      "Bu\xCC\x88rger</em> mehr Platz bekommen, weil viele Menschen dort "
      "la\xCC\x88nger gehen mo\xCC\x88" "chten.</p><ul><li>Erster Punkt "
      "u\xCC\x88" "ber die Stadt und das Leben der Menschen dort</li><li>"
      "Zweiter Punkt, fast so lang wie der erste: a\xCC\x88o\xCC\x88</li>"
      "</ul>" LONG_P LONG_P "</article></body></html>",
      NULL);
  CHECK(doc != NULL);
  if (!doc)
    return;
  CHECK_STR(pc_doc_meta(doc, PC_META_TITLE), "Gr\xC3\xBC\xC3\x9F" "e aus "
                                             "M\xC3\xBCnchen");
  CHECK_STR(pc_doc_meta(doc, PC_META_BYLINE), "J\xC3\xB6rg M\xC3\xBCller");
  const pc_block *b = pc_doc_block(doc, 0);
  CHECK(b && strncmp(b->content.text, "Die Stadt M\xC3\xBCnchen hat", 21) == 0);
  CHECK(b && b->content.nspans == 2);
  if (b && b->content.nspans == 2) {
    const pc_span *s = &b->content.spans[0];
    CHECK(s->type == PC_SPAN_LINK);
    CHECK(s->end - s->start == strlen("\xC3\xBC" "ber die Br\xC3\xBC" "cke"));
    CHECK(strncmp(b->content.text + s->start, "\xC3\xBC" "ber die Br\xC3\xBC"
                  "cke", s->end - s->start) == 0);
    s = &b->content.spans[1];
    CHECK(s->type == PC_SPAN_EMPH);
    CHECK(s->end - s->start == strlen("B\xC3\xBCrger"));
    CHECK(strncmp(b->content.text + s->start, "B\xC3\xBCrger", 7) == 0);
    CHECK(s->end <= b->content.len);
  }
  const pc_block *l = pc_doc_block(doc, 1);
  CHECK(l && l->type == PC_BLOCK_LIST && l->nitems == 2);
  if (l && l->nitems == 2) {
    CHECK_STR(l->items[1].text, "Zweiter Punkt, fast so lang wie der erste: "
                                "\xC3\xA4\xC3\xB6");
    CHECK(strstr(l->content.text, "\xCC\x88") == NULL);
  }
  char *json = render(doc, PC_FORMAT_JSON);
  CHECK(json && strstr(json, "\xCC\x88") == NULL);
  pc_free(json);
  pc_doc_free(doc);

  /* plain-text input too */
  pc_extract_opts o;
  pc_extract_opts_init(&o);
  o.kind = PC_INPUT_TEXT;
  const char *txt = "Cafe\xCC\x81\n\nUn cafe\xCC\x81 au lait.\n";
  pc_error err = {""};
  doc = NULL;
  CHECK(pc_extract(ctx, txt, strlen(txt), &o, &doc, &err) == PC_OK);
  if (doc) {
    CHECK_STR(pc_doc_meta(doc, PC_META_TITLE), "Caf\xC3\xA9");
    CHECK_STR(pc_doc_block(doc, 0)->content.text, "Un caf\xC3\xA9 au lait.");
  }
  pc_doc_free(doc);
}

/* Soft hyphens: the model and the JSON keep the page's text, the text and
 * Markdown output drop U+00AD, and a word with one is one word. */
static void test_soft_hyphen(void) {
  pc_doc *doc = page(
      "<html lang=\"de\"><head><title>Silben</title></head><body><article>"
      "<h1>Silben</h1><p>Die Donau&shy;dampf&shy;schiff&shy;fahrt f\xC3\xA4hrt "
      "heute wieder, sagte der Kapit\xC3\xA4n, und alle G\xC3\xA4ste freuen "
      "sich auf die lange Reise den Fluss hinab.</p>" LONG_P LONG_P
      "</article></body></html>",
      NULL);
  CHECK(doc != NULL);
  if (!doc)
    return;
  const pc_block *b = pc_doc_block(doc, 0);
  CHECK(b && strncmp(b->content.text,
                     "Die Donau\xC2\xAD" "dampf\xC2\xAD" "schiff\xC2\xAD" "fahrt",
                     strlen("Die Donau\xC2\xAD" "dampf\xC2\xAD" "schiff\xC2\xAD"
                            "fahrt")) == 0);
  char *json = render(doc, PC_FORMAT_JSON);
  CHECK(json && strstr(json, "Donau\xC2\xAD" "dampf") != NULL);
  pc_free(json);
  char *text = render(doc, PC_FORMAT_TEXT);
  CHECK(text && strstr(text, "Die Donaudampfschifffahrt f\xC3\xA4hrt") != NULL);
  CHECK(text && strstr(text, "\xC2\xAD") == NULL);
  pc_free(text);
  char *md = render(doc, PC_FORMAT_MARKDOWN);
  CHECK(md && strstr(md, "Donaudampfschifffahrt") != NULL);
  CHECK(md && strstr(md, "\xC2\xAD") == NULL);
  pc_free(md);
  /* "Die Donaudampfschifffahrt fährt heute" - the hyphens split nothing */
  CHECK(pc_utf8_words(b->content.text, strlen("Die Donau\xC2\xAD" "dampf\xC2\xAD"
                                              "schiff\xC2\xAD" "fahrt")) == 2);
  pc_doc_free(doc);
}

/* Bylines lose a leading "By" whichever source gives them; names that
 * merely start with "By" keep it; print writes "By" once. */
static void test_byline(void) {
  static const struct {
    const char *head, *body, *want;
  } cases[] = {
      {"<meta name=\"author\" content=\"By Jane Roe\">", "", "Jane Roe"},
      {"<meta name=\"author\" content=\"by  Jane Roe\">", "", "Jane Roe"},
      {"<meta name=\"author\" content=\"BY: JANE ROE\">", "", "JANE ROE"},
      {"<meta name=\"author\" content=\"Byron Smith\">", "", "Byron Smith"},
      {"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
       "\"author\":[{\"name\":\"By Ann Lee\"},{\"name\":\"Bo Chen\"}]}</script>",
       "", "Ann Lee, Bo Chen"},
      {"", "<div class=\"byline\">By: Sam Vale</div>", "Sam Vale"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char html[2048];
    snprintf(html, sizeof html,
             "<html lang=\"en\"><head><title>A story about bylines</title>%s"
             "</head><body><article><h1>A story about bylines</h1>%s" LONG_P
             LONG_P LONG_P "</article></body></html>",
             cases[i].head, cases[i].body);
    pc_doc *doc = page(html, NULL);
    CHECK(doc != NULL);
    if (!doc)
      continue;
    CHECK_STR(pc_doc_meta(doc, PC_META_BYLINE), cases[i].want);
    if (i == 0) {
      pc_print_opts po;
      pc_print_opts_init(&po);
      char *out = NULL;
      size_t len = 0;
      pc_error err = {""};
      CHECK(pc_print_html(doc, &po, &out, &len, &err) == PC_OK);
      CHECK(out && strstr(out, "By Jane Roe") != NULL);
      CHECK(out && strstr(out, "By By") == NULL);
      pc_free(out);
      char *md = render(doc, PC_FORMAT_MARKDOWN);
      CHECK(md && strstr(md, "*Jane Roe") != NULL);
      pc_free(md);
    }
    pc_doc_free(doc);
  }
}

/* Declared dates keep their time of day; the offset is always "+HH:MM". */
static void test_date_offsets(void) {
  static const struct {
    const char *declared, *want;
  } cases[] = {
      {"2024-03-05T10:00:00+0000", "2024-03-05T10:00:00+00:00"},
      {"2024-03-05T10:00:00+00:00", "2024-03-05T10:00:00+00:00"},
      {"2024-03-05T10:00:00Z", "2024-03-05T10:00:00+00:00"},
      {"2024-03-05T10:00:00.250Z", "2024-03-05T10:00:00.250+00:00"},
      {"2024-03-05T10:00-0500", "2024-03-05T10:00-05:00"},
      {"2024-03-05 10:00:00 +0530", "2024-03-05T10:00:00+05:30"},
      {"2024-03-05T10:00:00+01", "2024-03-05T10:00:00+01:00"},
      {"2024-03-05T10:00:00", "2024-03-05T10:00:00"},
      {"2024-03-05", "2024-03-05"},
      {"2024-03-05T10:00:00+99:99", "2024-03-05T10:00:00"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char html[2048];
    snprintf(html, sizeof html,
             "<html lang=\"en\"><head><title>A story about dates</title>"
             "<meta property=\"article:published_time\" content=\"%s\">"
             "</head><body><article><h1>A story about dates</h1>" LONG_P
             LONG_P LONG_P "</article></body></html>",
             cases[i].declared);
    pc_doc *doc = page(html, NULL);
    CHECK(doc != NULL);
    if (doc)
      CHECK_STR(pc_doc_meta(doc, PC_META_DATE), cases[i].want);
    pc_doc_free(doc);
  }
}

/* Image addresses: white space around them dropped, root-relative and
 * relative ones resolved against the input's URL, else the canonical. */
static void test_images(void) {
  static const char *const html =
      "<html lang=\"en\"><head><title>A story about images</title>"
      "<link rel=\"canonical\" href=\"https://news.example/world/story\">"
      "<meta property=\"og:image\" content=\"  /img/lead.jpg\n \">"
      "</head><body><article><h1>A story about images</h1>" LONG_P
      "<figure><img data-original=\"   https://cdn.example/a.jpg  \" "
      "src=\"data:image/gif;base64,R0lGOD\"><figcaption>One</figcaption>"
      "</figure>" LONG_P "<figure><img src=\" ../img/b.jpg \">"
      "<figcaption>Two</figcaption></figure>" LONG_P
      "</article></body></html>";
  for (int pass = 0; pass < 2; pass++) {
    /* pass 0: no input URL, the canonical one is the base */
    const char *url = pass ? "https://other.example/a/b/page.html" : NULL;
    const char *host = pass ? "https://other.example" : "https://news.example";
    pc_doc *doc = page(html, url);
    CHECK(doc != NULL);
    if (!doc)
      continue;
    char want[128];
    snprintf(want, sizeof want, "%s/img/lead.jpg", host);
    CHECK_STR(pc_doc_meta(doc, PC_META_IMAGE), want);
    int figs = 0;
    for (size_t i = 0; i < pc_doc_block_count(doc); i++) {
      const pc_block *b = pc_doc_block(doc, i);
      if (b->type != PC_BLOCK_FIGURE)
        continue;
      if (figs == 0)
        CHECK_STR(b->src, "https://cdn.example/a.jpg");
      if (figs == 1) {
        snprintf(want, sizeof want, "%s%s", host,
                 pass ? "/a/img/b.jpg" : "/img/b.jpg");
        CHECK_STR(b->src, want);
      }
      figs++;
    }
    CHECK(figs == 2);
    pc_doc_free(doc);
  }
  /* no address at all: trimmed, left relative */
  pc_doc *doc = page("<html><head><meta property=\"og:image\" "
                     "content=\" /i.png \"></head><body>" LONG_P
                     "</body></html>",
                     NULL);
  if (doc)
    CHECK_STR(pc_doc_meta(doc, PC_META_IMAGE), "/i.png");
  pc_doc_free(doc);
  char *u = pc_url_resolve("https://a.example/x/", "\t /p\nq.jpg \r\n");
  CHECK_STR(u, "https://a.example/pq.jpg");
  free(u);
}

/* A boilerplate line glued into the middle of a block by <br> is cut out,
 * and the links after it still cover their words (issue 23, class 6). */
static void test_midblock_spans(void) {
  pc_doc *doc = page(
      "<html><body><article><h1>T</h1><p>The council met on Tuesday to "
      "discuss <a href=\"https://a.example/x\">the new budget</a> for the "
      "schools.<br>Advertisement<br>Later <a href=\"https://a.example/y\">"
      "the mayor</a> said the plan would pass next month.<br>Share this:"
      "</p>" LONG_P LONG_P "</article></body></html>", NULL);
  if (!doc)
    return;
  const pc_block *b = NULL;
  for (size_t i = 0; i < pc_doc_block_count(doc) && !b; i++)
    if (strncmp(pc_doc_block(doc, i)->content.text, "The council", 11) == 0)
      b = pc_doc_block(doc, i);
  CHECK(b != NULL);
  if (b) {
    CHECK_STR(b->content.text, "The council met on Tuesday to discuss the new "
                               "budget for the schools.\nLater the mayor said "
                               "the plan would pass next month.");
    CHECK(b->content.nspans == 2);
    if (b->content.nspans == 2) {
      const pc_span *s = &b->content.spans[0];
      CHECK(strncmp(b->content.text + s->start, "the new budget",
                    s->end - s->start) == 0 && s->end - s->start == 14);
      s = &b->content.spans[1];
      CHECK(strncmp(b->content.text + s->start, "the mayor",
                    s->end - s->start) == 0 && s->end - s->start == 9);
      CHECK(s->end <= b->content.len);
    }
  }
  pc_doc_free(doc);
}

int main(void) {
  if (!h_ctx_open())
    return 1;
  test_nfc();
  test_soft_hyphen();
  test_byline();
  test_date_offsets();
  test_images();
  test_midblock_spans();
  pc_ctx_free(ctx);
  return h_report();
}
