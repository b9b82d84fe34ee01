/*
 * fuzz_feed.c - libFuzzer target for the feed parser (src/feed/): the
 * bytes through pc_feed_parse, byte 0 picking options (bit 0: a base URL,
 * bit 1: each entry's stand-in page too), and the first line through
 * pc_feed_date.  Checks, besides the sanitizers: a failure is INPUT,
 * TOO_LARGE or NOMEM with a one-line message; every entry has an
 * absolute http(s) link; no two entries share a link or an id; every
 * string is valid UTF-8; a date reads back as its time; the stand-in page
 * is valid UTF-8 of the length it says.
 *
 *   build-fuzz/fuzz/fuzz_feed -dict=fuzz/dict/feed.dict \
 *         fuzz/corpus-work/feed fuzz/seeds/feed fuzz/regress/feed
 */
#include "presscut.h"

#include "fuzz_check.h"
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  return 0;
}

/* Whether s is valid UTF-8 (no overlong forms, no surrogates). */
static bool utf8_ok(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *e = p + n;
  while (p < e) {
    unsigned c = *p;
    size_t k = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2
               : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (!k || (size_t)(e - p) < k)
      return false;
    for (size_t i = 1; i < k; i++)
      if ((p[i] & 0xc0) != 0x80)
        return false;
    if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0) ||
        (c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
      return false;
    p += k;
  }
  return true;
}

static bool str_ok(const char *s) { return !s || utf8_ok(s, strlen(s)); }

static bool http(const char *u) {
  return strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0;
}

static void check_entry(const pc_feed *f, size_t i, bool page) {
  const pc_feed_entry *e = pc_feed_entry_at(f, i);
  CHECK(e && e->link && http(e->link));
  CHECK(str_ok(e->title) && str_ok(e->link) && str_ok(e->id) &&
        str_ok(e->summary) && str_ok(e->content));
  CHECK((e->date == NULL) == (e->time == -1));
  if (e->date) {
    long long t = 0;
    CHECK(strlen(e->date) == 20 && pc_feed_date(e->date, &t) && t == e->time);
  }
  for (size_t j = 0; j < i; j++) {
    const pc_feed_entry *o = pc_feed_entry_at(f, j);
    CHECK(strcmp(o->link, e->link) != 0);
    CHECK(!e->id || !o->id || strcmp(o->id, e->id) != 0);
  }
  if (page) {
    size_t len = 0;
    char *s = pc_feed_entry_page(e, &len);
    CHECK(s && strlen(s) == len && utf8_ok(s, len));
    pc_free(s);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size == 0)
    return 0;
  unsigned opt = data[0];
  const char *s = (const char *)data + 1;
  size_t n = size - 1;
  char line[96];
  const char *nl = memchr(s, '\n', n);
  size_t ll = nl ? (size_t)(nl - s) : n;
  snprintf(line, sizeof line, "%.*s", (int)(ll < 95 ? ll : 95), s);
  long long t = 0;
  (void)pc_feed_date(line, &t);
  pc_feed *f = NULL;
  pc_error err = {""};
  pc_status st = pc_feed_parse(s, n, opt & 1 ? "http://feed.example/a/b.xml"
                                             : NULL, &f, &err);
  if (st != PC_OK) {
    CHECK(st == PC_ERR_INPUT || st == PC_ERR_TOO_LARGE ||
          st == PC_ERR_NOMEM);
    CHECK(!f && err.msg[0] && !strchr(err.msg, '\n'));
    return 0;
  }
  CHECK(f && str_ok(pc_feed_title(f)));
  size_t count = pc_feed_entry_count(f);
  CHECK(count <= 10000);
  for (size_t i = 0; i < count && i < 200; i++)
    check_entry(f, i, (opt & 2) != 0);
  pc_feed_free(f);
  return 0;
}
