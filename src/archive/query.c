/* query.c - the search syntax of `presscut search`, parsed here and
 * written out as an FTS5 expression in which every word is a quoted
 * string, so no input can reach FTS5's own syntax (column filters, NEAR,
 * prefixes, ^) or SQL; or, for PostgreSQL, as a tsquery of the same
 * structure whose every lexeme is quoted (ar_parse_query_ts), given to
 * to_tsquery as a bound parameter.
 *
 *   query  := group+                      groups are ANDed
 *   group  := item ("OR" item)*           (OR in capitals)
 *   item   := ["-"] (word | '"' words '"') "-" excludes the item
 *
 * An excluded item stands alone (not in an OR).  A word is a run of bytes
 * other than spaces and '"'; one holding no letter or digit (ASCII, or
 * any non-ASCII byte) is dropped.  Malformed: an unclosed quote, an OR
 * without an item on either side, "-" alone, nothing but exclusions, over
 * AR_MAX_QUERY bytes or AR_MAX_ITEMS items. */
#include "archive/archive.h"

#include <stdlib.h>
#include <string.h>

struct item {
  char *text; /* the words, as the FTS5 string's content */
  bool neg;
  bool or_next; /* joined to the next item by OR */
};

static bool has_word(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 || pc_ascii_is_word(c))
      return true;
  }
  return false;
}

/* The next token at *p: a word, a phrase (quoted), "OR" or "-" prefix.
 * Returns its kind: 0 end, 'w' word, 'p' phrase, 'o' OR, 'e' error. */
static int next_token(const char **p, const char **s, size_t *n, bool *neg) {
  const char *q = *p;
  while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
    q++;
  *neg = false;
  if (!*q) {
    *p = q;
    return 0;
  }
  if (*q == '-') {
    *neg = true;
    q++;
    if (!*q || *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
      return 'e';
  }
  if (*q == '"') {
    const char *e = strchr(q + 1, '"');
    if (!e)
      return 'e';
    *s = q + 1, *n = (size_t)(e - q - 1);
    *p = e + 1;
    return 'p';
  }
  const char *e = q;
  while (*e && *e != ' ' && *e != '\t' && *e != '\n' && *e != '\r' &&
         *e != '"')
    e++;
  *s = q, *n = (size_t)(e - q);
  *p = e;
  if (!*neg && *n == 2 && memcmp(q, "OR", 2) == 0)
    return 'o';
  return 'w';
}

static void fts_string(struct pc_buf *b, const char *s) {
  pc_buf_addc(b, '"');
  for (; *s; s++) {
    if (*s == '"')
      pc_buf_addc(b, '"');
    pc_buf_addc(b, *s);
  }
  pc_buf_addc(b, '"');
}

/* A tsquery lexeme: the words in single quotes (quotes and backslashes
 * doubled), which to_tsquery normalises like a document's words; several
 * words in one become a phrase (<->). */
static void ts_string(struct pc_buf *b, const char *s) {
  pc_buf_addc(b, '\'');
  for (; *s; s++) {
    if (*s == '\'' || *s == '\\')
      pc_buf_addc(b, *s);
    pc_buf_addc(b, *s);
  }
  pc_buf_addc(b, '\'');
}

/* How a query language writes the structure (FTS5 or tsquery). */
struct syntax {
  void (*string)(struct pc_buf *b, const char *s);
  const char *and_group, *or_item, *not_open;
};

static const struct syntax FTS5 = {fts_string, " AND (", " OR ", " NOT ("};
static const struct syntax TSQUERY = {ts_string, " & (", " | ", " & !("};

/* The items in syntax x: the positive groups ANDed, each group's items
 * ORed, then NOT (the excluded ones ORed). */
static char *to_syntax(const struct syntax *x, struct item *it, size_t n) {
  struct pc_buf b;
  pc_buf_init(&b, 0);
  bool first = true, group_open = false;
  for (size_t i = 0; i < n; i++) {
    if (it[i].neg)
      continue;
    if (!group_open) {
      pc_buf_adds(&b, first ? "(" : x->and_group);
      group_open = true, first = false;
    }
    x->string(&b, it[i].text);
    if (it[i].or_next) {
      pc_buf_adds(&b, x->or_item);
    } else {
      pc_buf_addc(&b, ')');
      group_open = false;
    }
  }
  bool any_neg = false;
  for (size_t i = 0; i < n; i++) {
    if (!it[i].neg)
      continue;
    pc_buf_adds(&b, any_neg ? x->or_item : x->not_open);
    any_neg = true;
    x->string(&b, it[i].text);
  }
  if (any_neg)
    pc_buf_addc(&b, ')');
  char *out = b.failed ? NULL : pc_buf_steal(&b, NULL);
  pc_buf_cleanup(&b);
  return out;
}

static char *to_fts(struct item *it, size_t n) {
  return to_syntax(&FTS5, it, n);
}

static char *to_tsq(struct item *it, size_t n) {
  return to_syntax(&TSQUERY, it, n);
}

static pc_status parse(const char *query, struct item *it, size_t *count,
                       pc_error *err) {
  const char *p = query;
  size_t n = 0;
  bool want_item = false; /* after OR */
  for (;;) {
    const char *s = NULL;
    size_t len = 0;
    bool neg;
    int t = next_token(&p, &s, &len, &neg);
    if (t == 0)
      break;
    if (t == 'e')
      return pc_error_set(err, PC_ERR_USAGE, "query: %s",
                          neg ? "'-' must be followed by a word or phrase"
                              : "a quote (\") is not closed");
    if (t == 'o') {
      if (!n || want_item || it[n - 1].neg)
        return pc_error_set(err, PC_ERR_USAGE,
                            "query: OR needs a word or phrase on each side");
      want_item = true;
      continue;
    }
    if (!has_word(s, len)) {
      if (want_item)
        return pc_error_set(err, PC_ERR_USAGE,
                            "query: OR needs a word or phrase on each side");
      continue; /* punctuation alone: no word to look for */
    }
    if (neg && want_item)
      return pc_error_set(err, PC_ERR_USAGE,
                          "query: an excluded item cannot be in an OR");
    if (n == AR_MAX_ITEMS)
      return pc_error_set(err, PC_ERR_USAGE, "query: more than %d items",
                          AR_MAX_ITEMS);
    if (want_item)
      it[n - 1].or_next = true;
    it[n].text = g_strndup(s, len);
    it[n].neg = neg;
    it[n].or_next = false;
    n++;
    *count = n;
    want_item = false;
  }
  if (want_item)
    return pc_error_set(err, PC_ERR_USAGE,
                        "query: OR needs a word or phrase on each side");
  for (size_t i = 0; i < n; i++)
    if (!it[i].neg)
      return PC_OK;
  return pc_error_set(err, PC_ERR_USAGE, "query: %s",
                      n ? "it needs a word that is not excluded"
                        : "no word to search for");
}

static pc_status parse_as(const char *query, char **fts, bool ts,
                         pc_error *err) {
  if (fts)
    *fts = NULL;
  if (!query || !fts)
    return pc_error_set(err, PC_ERR_USAGE, "query: none given");
  if (strlen(query) > AR_MAX_QUERY)
    return pc_error_set(err, PC_ERR_USAGE, "query: longer than %d bytes",
                        AR_MAX_QUERY);
  if (!pc_utf8_valid(query, strlen(query)))
    return pc_error_set(err, PC_ERR_USAGE, "query: not valid UTF-8");
  struct item it[AR_MAX_ITEMS];
  size_t n = 0;
  pc_status st = parse(query, it, &n, err);
  if (st == PC_OK) {
    *fts = ts ? to_tsq(it, n) : to_fts(it, n);
    if (!*fts)
      st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  for (size_t i = 0; i < n; i++)
    g_free(it[i].text);
  return st;
}

pc_status pc_archive_parse_query(const char *query, char **fts,
                                 pc_error *err) {
  return parse_as(query, fts, false, err);
}

pc_status ar_parse_query_ts(const char *query, char **tsq, pc_error *err) {
  return parse_as(query, tsq, true, err);
}
