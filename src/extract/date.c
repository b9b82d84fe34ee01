/*
 * date.c - reads dates as pages write them.
 *
 * Numeric forms: 2019-11-19, 2019.11.19, 2019/11/19, 19.11.2019,
 * 19/11/2019 and 11/19/2019 (month first only for English pages, unless
 * one part is over 12).  Written forms: "November 19, 2019",
 * "Nov. 19 2019", "19 November 2019", "25. September 2018",
 * "23 de agosto de 2018", with month names from data/months.txt.
 */
#include "extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static bool digit(char c) { return c >= '0' && c <= '9'; }


static size_t digits(const char *s, size_t n, size_t i, int *v) {
  size_t k = 0;
  int x = 0;
  while (i + k < n && digit(s[i + k]) && k < 5) {
    x = x * 10 + (s[i + k] - '0');
    k++;
  }
  *v = x;
  return k;
}

static bool valid(int y, int m, int d) {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

struct tok {
  size_t start, end;
  int num;   /* >= 0 for a number */
  int month; /* > 0 for a month name */
};

/* Next word or number at or after *i; false at the end. */
static bool next_tok(const pc_ctx *ctx, const char *s, size_t n, size_t *i,
                     struct tok *t) {
  const unsigned char *p = (const unsigned char *)s;
  while (*i < n) {
    if (p[*i] < 0x80) { /* ASCII without a call */
      if (pc_ascii_is_word(p[*i]))
        break;
      (*i)++;
      continue;
    }
    uint32_t cp;
    size_t k = pc_utf8_decode(p + *i, n - *i, &cp);
    if (k && pc_uni_is_word(cp))
      break;
    *i += k ? k : 1;
  }
  if (*i >= n)
    return false;
  t->start = *i;
  t->num = -1;
  t->month = 0;
  if (digit(s[*i])) {
    int v;
    size_t k = digits(s, n, *i, &v);
    *i += k;
    /* 19th, 1st */
    while (*i < n && ((s[*i] | 32) >= 'a' && (s[*i] | 32) <= 'z'))
      (*i)++;
    t->num = k <= 4 ? v : -1;
    t->end = *i;
    return true;
  }
  while (*i < n) {
    if (p[*i] < 0x80) {
      if (!pc_ascii_is_word(p[*i]) || digit((char)p[*i]))
        break;
      (*i)++;
      continue;
    }
    uint32_t cp;
    size_t k = pc_utf8_decode(p + *i, n - *i, &cp);
    if (!k || !pc_uni_is_word(cp))
      break;
    *i += k;
  }
  t->end = *i;
  t->month = pc_month_in(ctx, s + t->start, t->end - t->start);
  return true;
}

static bool filler(const char *s, const struct tok *t) {
  size_t l = t->end - t->start;
  return (l == 2 && (memcmp(s + t->start, "de", 2) == 0 ||
                     memcmp(s + t->start, "of", 2) == 0)) ||
         (l == 3 && memcmp(s + t->start, "the", 3) == 0);
}

/* Numeric date at s[i]; returns its length or 0. */
static size_t numeric_at(const char *s, size_t n, size_t i, bool mdy, int *y,
                         int *m, int *d) {
  int a, b, c;
  size_t k1 = digits(s, n, i, &a);
  if (!k1 || (i > 0 && (digit(s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.')))
    return 0;
  size_t j = i + k1;
  if (j >= n || !(s[j] == '-' || s[j] == '.' || s[j] == '/'))
    return 0;
  char sep = s[j++];
  size_t k2 = digits(s, n, j, &b);
  if (!k2 || k2 > 2)
    return 0;
  j += k2;
  if (j >= n || s[j] != sep)
    return 0;
  j++;
  size_t k3 = digits(s, n, j, &c);
  if (!k3)
    return 0;
  j += k3;
  if (j < n && digit(s[j]))
    return 0;
  if (k1 == 4 && k3 <= 2) {
    *y = a, *m = b, *d = c;
  } else if (k1 <= 2 && k3 == 4) {
    *y = c;
    bool first_month = mdy ? a <= 12 : (a <= 12 && b > 12);
    if (sep == '.' && !(b > 12))
      first_month = false; /* 19.11.2019 is day first everywhere */
    if (first_month)
      *m = a, *d = b;
    else
      *d = a, *m = b;
  } else {
    return 0;
  }
  return valid(*y, *m, *d) ? j - i : 0;
}

/* Words before a date saying it is not the publication date. */
static bool updated_before(const char *s, size_t at, size_t floor) {
  size_t from = at > 48 ? at - 48 : 0;
  if (from < floor)
    from = floor;
  static const char *const words[] = {"updat", "modif", "aktualis",
                                      "atualiz", "mis à jour", "edited",
                                      NULL};
  for (int w = 0; words[w]; w++) {
    size_t wl = strlen(words[w]);
    for (size_t i = from; i + wl <= at; i++)
      if (memcmp(s + i, words[w], wl) == 0)
        return true;
  }
  return false;
}

bool pc_date_find(const pc_ctx *ctx, const char *text, size_t len, bool mdy,
                  char out[11]) {
  struct pc_buf lower;
  pc_buf_init(&lower, 0);
  pc_utf8_lower(text, len, &lower);
  if (lower.failed || !lower.data) {
    pc_buf_cleanup(&lower);
    return false;
  }
  const char *s = lower.data;
  size_t n = lower.len;
  bool found = false, fallback = false;
  int y = 0, m = 0, d = 0, fy = 0, fm = 0, fd = 0;
  size_t i = 0, at = 0, after_last = 0, dend = 0;
  struct tok t[6];
  while (i < n) {
    size_t save = i;
    struct tok a;
    if (!next_tok(ctx, s, n, &i, &a))
      break;
    if (a.num >= 0) {
      size_t k = numeric_at(s, n, a.start, mdy, &y, &m, &d);
      if (k) {
        found = true;
        at = a.start;
        dend = a.start + k;
      }
    }
    /* look ahead a few tokens for the written forms */
    size_t j = i, cnt = 0;
    t[cnt++] = a;
    if (found)
      cnt = 6; /* numeric form already matched */
    while (cnt < 6 && next_tok(ctx, s, n, &j, &t[cnt])) {
      if (filler(s, &t[cnt]))
        continue;
      cnt++;
    }
    if (found) {
      /* matched above */
    } else if (cnt >= 3 && t[0].month && t[1].num >= 1 && t[1].num <= 31 &&
        t[2].num >= 1900) {
      y = t[2].num, m = t[0].month, d = t[1].num;
      found = valid(y, m, d);
      dend = t[2].end;
    } else if (cnt >= 3 && t[0].num >= 1 && t[0].num <= 31 && t[1].month &&
               t[2].num >= 1900) {
      y = t[2].num, m = t[1].month, d = t[0].num;
      found = valid(y, m, d);
      dend = t[2].end;
    }
    if (found && !at)
      at = a.start;
    if (found && updated_before(s, at, after_last)) {
      if (!fallback)
        fy = y, fm = m, fd = d, fallback = true;
      found = false;
      after_last = dend;
      at = 0;
    }
    if (found)
      break;
    (void)save;
  }
  pc_buf_cleanup(&lower);
  if (!found && fallback)
    y = fy, m = fm, d = fd, found = true;
  if (found) { /* valid() bounds every field: 10 characters exactly */
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
  }
  return found;
}
