/*
 * test_feed.c DATA_DIR - the feed parser (pc_feed_*) on the fixtures of
 * tests/feed/data, read with @BASE@ as http://news.example: RSS 2.0,
 * RSS 1.0, Atom and OPML entries (links resolved, xml:base, ids, dates,
 * summaries), entries without a link and repeated ones skipped with a
 * count, every date format, and the bad feeds (not XML, no feed, an
 * entity bomb, an external entity, over the size cap) refused with one
 * line.
 */
#include "presscut.h"

#include "../unit/harness.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char *dir;

/* The fixture name with @BASE@ replaced, malloc'd. */
static char *fixture(const char *name, size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(2);
  }
  static char raw[1 << 16];
  size_t n = fread(raw, 1, sizeof raw - 1, f);
  fclose(f);
  raw[n] = '\0';
  char *out = malloc(2 * n + 1), *o = out;
  for (const char *p = raw; *p;) {
    if (strncmp(p, "@BASE@", 6) == 0) {
      o += sprintf(o, "http://news.example");
      p += 6;
    } else {
      *o++ = *p++;
    }
  }
  *o = '\0';
  *len = (size_t)(o - out);
  return out;
}

static pc_feed *parse(const char *name, const char *url, pc_status want,
                      pc_error *err) {
  size_t len;
  char *data = fixture(name, &len);
  pc_feed *f = NULL;
  pc_status st = pc_feed_parse(data, len, url, &f, err);
  free(data);
  if (st != want)
    fprintf(stderr, "%s: status %d, want %d (%s)\n", name, st, want,
            err->msg);
  CHECK(st == want);
  return f;
}

static const pc_feed_entry *at(const pc_feed *f, size_t i) {
  return f ? pc_feed_entry_at(f, i) : NULL;
}

static void test_rss2(void) {
  pc_error err = {""};
  pc_feed *f = parse("rss2.xml", "http://news.example/feeds/rss2.xml", PC_OK,
                     &err);
  if (!f)
    return;
  CHECK(pc_feed_type(f) == PC_FEED_RSS2);
  CHECK_STR(pc_feed_title(f), "The Valley Courier");
  CHECK(pc_feed_entry_count(f) == 4);
  CHECK(pc_feed_skipped_nolink(f) == 1);
  CHECK(pc_feed_skipped_dup(f) == 1);
  CHECK_STR(at(f, 0)->link, "http://news.example/pages/harbour.html");
  CHECK_STR(at(f, 0)->id, "courier-harbour-1");
  CHECK_STR(at(f, 0)->date, "2026-12-06T08:00:00Z");
  CHECK_STR(at(f, 0)->summary, "<p>A converted ferry becomes a library that "
                               "moors at a different quay each week.</p>");
  CHECK_STR(at(f, 1)->link, "http://news.example/pages/orchard.html");
  CHECK_STR(at(f, 1)->date, "2026-12-05T16:30:00Z");
  CHECK_STR(at(f, 2)->date, "2026-12-04T14:15:00Z");
  CHECK_STR(at(f, 3)->date, "2026-12-03T10:00:00Z");
  CHECK(at(f, 3)->content && strstr(at(f, 3)->content, "Holm"));
  size_t len = 0;
  char *page = pc_feed_entry_page(at(f, 3), &len);
  CHECK(page && strstr(page, "<h1>Village bakery shares its sourdough "
                             "starter</h1>") && strlen(page) == len);
  pc_free(page);
  pc_feed_free(f);
}

static void test_rss1_atom(void) {
  pc_error err = {""};
  pc_feed *f = parse("rss1.rdf", "http://news.example/feeds/rss1.rdf", PC_OK,
                     &err);
  if (f) {
    CHECK(pc_feed_type(f) == PC_FEED_RSS1);
    CHECK(pc_feed_entry_count(f) == 2);
    CHECK_STR(pc_feed_title(f), "The Valley Courier (RDF)");
    CHECK_STR(at(f, 0)->id, "http://news.example/pages/orchard.html");
    CHECK_STR(at(f, 0)->date, "2026-12-05T15:30:00Z");
    CHECK_STR(at(f, 1)->link, "http://news.example/feeds/pages/tram.html");
    CHECK_STR(at(f, 1)->date, "2026-12-04T00:00:00Z");
    pc_feed_free(f);
  }
  f = parse("atom.xml", "http://news.example/feeds/atom.xml", PC_OK, &err);
  if (f) {
    CHECK(pc_feed_type(f) == PC_FEED_ATOM);
    CHECK_STR(pc_feed_title(f), "The Valley Courier Atom");
    CHECK(pc_feed_entry_count(f) == 3);
    /* xml:base on the feed, and on an entry (relative to the feed's) */
    CHECK_STR(at(f, 0)->link, "http://news.example/pages/tram.html");
    CHECK_STR(at(f, 0)->date, "2026-12-04T14:15:00Z"); /* published first */
    CHECK(at(f, 0)->summary && strstr(at(f, 0)->summary, "<em>two</em>"));
    CHECK_STR(at(f, 1)->link, "http://news.example/pages/bakery.html");
    CHECK_STR(at(f, 1)->date, "2026-12-03T10:00:00Z");
    CHECK_STR(at(f, 1)->content, "<p>A bakery gives away its starter.</p>");
    CHECK_STR(at(f, 2)->summary, "Plain text &amp; a floating library.");
    CHECK_STR(at(f, 2)->id, "urn:uuid:courier-harbour");
    pc_feed_free(f);
  }
  f = parse("feeds.opml", "http://news.example/feeds.opml", PC_OK, &err);
  if (f) {
    CHECK(pc_feed_type(f) == PC_FEED_OPML);
    CHECK_STR(pc_feed_title(f), "My subscriptions");
    CHECK(pc_feed_entry_count(f) == 2);
    CHECK_STR(at(f, 0)->link, "http://news.example/feeds/rss2.xml");
    CHECK_STR(at(f, 0)->title, "The Valley Courier");
    CHECK_STR(at(f, 1)->link, "http://news.example/feeds/atom.xml");
    pc_feed_free(f);
  }
}

static void test_skips(void) {
  pc_error err = {""};
  pc_feed *f = parse("nolink.xml", NULL, PC_OK, &err);
  if (f) {
    CHECK(pc_feed_entry_count(f) == 1);
    CHECK(pc_feed_skipped_nolink(f) == 3);
    pc_feed_free(f);
  }
  f = parse("duplicates.xml", NULL, PC_OK, &err);
  if (f) {
    CHECK(pc_feed_entry_count(f) == 2);
    CHECK(pc_feed_skipped_dup(f) == 2);
    CHECK_STR(at(f, 1)->title, "Second");
    pc_feed_free(f);
  }
  /* relative links: against the feed's URL, else the channel's link */
  f = parse("relative.xml", NULL, PC_OK, &err);
  if (f) {
    CHECK(pc_feed_entry_count(f) == 4);
    CHECK_STR(at(f, 0)->link, "http://news.example/pages/harbour.html");
    CHECK_STR(at(f, 1)->link, "http://news.example/pages/orchard.html");
    CHECK_STR(at(f, 2)->link, "http://news.example/news/tram.html");
    CHECK_STR(at(f, 3)->link, "http://127.0.0.1/x.html");
    pc_feed_free(f);
  }
  f = parse("relative.xml", "http://other.example/a/feed.xml", PC_OK, &err);
  if (f) {
    CHECK_STR(at(f, 2)->link, "http://other.example/a/tram.html");
    pc_feed_free(f);
  }
}

static void test_dates(void) {
  pc_error err = {""};
  pc_feed *f = parse("dates.xml", NULL, PC_OK, &err);
  if (!f)
    return;
  CHECK(pc_feed_entry_count(f) == 15);
  for (size_t i = 0; i < 10 && i < pc_feed_entry_count(f); i++) {
    bool no_seconds = i == 3 || i == 9;
    CHECK_STR(at(f, i)->date, no_seconds ? "2026-12-06T19:14:00Z"
                                         : "2026-12-06T19:14:39Z");
    CHECK(at(f, i)->time == 1796584479LL - (no_seconds ? 39 : 0));
  }
  CHECK_STR(at(f, 10)->date, "2026-12-06T00:00:00Z");
  CHECK_STR(at(f, 11)->date, "1999-12-06T19:14:39Z");
  CHECK_STR(at(f, 12)->date, "2026-12-06T19:14:39Z");
  CHECK(at(f, 13)->date == NULL && at(f, 13)->time == -1);
  CHECK(at(f, 14)->date == NULL); /* 31 February */
  pc_feed_free(f);
  long long t = 0;
  CHECK(pc_feed_date("Mon, 01 Jan 1970 00:00:00 GMT", &t) && t == 0);
  CHECK(pc_feed_date("Sat, 1 Jan 00 00:00:00 Z", &t) && t == 946684800LL);
  CHECK(pc_feed_date("2000-02-29T12:00:00+0530", &t) &&
        t == 951825600LL - 19800);
  CHECK(pc_feed_date("Thu, 04 Dec 2026 10:00:00 +0000 (UTC)", &t));
  CHECK(!pc_feed_date("2001-02-29", &t));
  CHECK(!pc_feed_date("2026-12-06T25:00:00Z", &t));
  CHECK(!pc_feed_date("", &t));
  CHECK(!pc_feed_date("06 Foo 2026 10:00 GMT", &t));
  CHECK(!pc_feed_date("2026-12-06T10:00:00 +99", &t));
}

static void test_bad(void) {
  pc_error err = {""};
  CHECK(parse("notxml.xml", NULL, PC_ERR_INPUT, &err) == NULL);
  CHECK(strstr(err.msg, "not a well-formed XML feed") != NULL);
  CHECK(parse("notfeed.xml", NULL, PC_ERR_INPUT, &err) == NULL);
  CHECK_STR(err.msg, "not a feed: the root element is <catalog>, not rss, "
                     "rdf:RDF, feed (Atom) or opml");
  err.msg[0] = '\0';
  CHECK(parse("laughs.xml", NULL, PC_ERR_INPUT, &err) == NULL);
  CHECK(strstr(err.msg, "entities expand too much") != NULL);
  CHECK(strchr(err.msg, '\n') == NULL);
  /* an external entity is never read: the title keeps no file's text */
  pc_feed *f = parse("xxe.xml", NULL, PC_OK, &err);
  if (f) {
    CHECK_STR(at(f, 0)->title, "Leak");
    CHECK(at(f, 0)->summary == NULL);
    pc_feed_free(f);
  }
  pc_feed *g = NULL;
  CHECK(pc_feed_parse("", 0, NULL, &g, &err) == PC_ERR_INPUT && !g);
  size_t big = 16u * 1024u * 1024u + 1;
  char *huge = calloc(big, 1);
  CHECK(huge && pc_feed_parse(huge, big, NULL, &g, &err) == PC_ERR_TOO_LARGE);
  free(huge);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: test_feed DATA_DIR\n");
    return 2;
  }
  dir = argv[1];
  test_rss2();
  test_rss1_atom();
  test_skips();
  test_dates();
  test_bad();
  return h_report();
}
