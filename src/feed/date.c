/*
 * date.c - the dates feeds write: RFC 822 / 2822 (RSS 2.0) and ISO 8601 /
 * RFC 3339 (Atom, Dublin Core's dc:date in RSS 1.0), to seconds since 1970
 * in UTC.  Written here rather than taken from extract/date.c, which finds
 * dates in running prose with a language's month names; feed dates are
 * machine-written, in English, in two families, and need the time and zone
 * too.  No libc time functions: timegm is not standard, mktime reads the
 * local zone.
 */
#include "feed/feed.h"

#include <stdio.h>
#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

/* Reads between min and max digits at *p into *v; false when fewer. */
static bool num(const char **p, int min, int max, int *v) {
  int n = 0, k = 0;
  while (k < max && is_digit((*p)[k]))
    n = n * 10 + ((*p)[k++] - '0');
  if (k < min)
    return false;
  *p += k;
  *v = n;
  return true;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static bool valid_day(int y, int m, int d) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
    return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

/* The seconds of a valid date and time, less the zone's offset. */
static bool seconds(int y, int mo, int d, int h, int mi, int s, int off_min,
                    long long *t) {
  if (!valid_day(y, mo, d) || h > 24 || mi > 59 || s > 60 ||
      (h == 24 && (mi || s)))
    return false;
  *t = days_from_civil(y, mo, d) * 86400 + h * 3600LL + mi * 60LL +
       (s == 60 ? 59 : s) - off_min * 60LL;
  return true;
}

/* A numeric zone: +hh, +hhmm or +hh:mm (and -), in minutes. */
static bool numeric_zone(const char **p, int *off) {
  char sign = **p;
  if (sign != '+' && sign != '-')
    return false;
  const char *q = *p + 1;
  int h, m = 0;
  if (!num(&q, 2, 2, &h))
    return false;
  if (*q == ':')
    q++;
  if (is_digit(*q) && !num(&q, 2, 2, &m))
    return false;
  if (h > 23 || m > 59)
    return false;
  *off = (sign == '-' ? -1 : 1) * (h * 60 + m);
  *p = q;
  return true;
}

/* ISO 8601 / RFC 3339: YYYY-MM-DD[(T| )HH:MM[:SS[.frac]]][Z|zone]. */
static bool iso_date(const char *p, long long *t) {
  int y, mo, d, h = 0, mi = 0, s = 0, off = 0;
  if (!num(&p, 4, 4, &y) || *p++ != '-' || !num(&p, 2, 2, &mo) ||
      *p++ != '-' || !num(&p, 2, 2, &d))
    return false;
  if ((*p == 'T' || *p == 't' || *p == ' ') && is_digit(p[1])) {
    p++;
    if (!num(&p, 2, 2, &h) || *p++ != ':' || !num(&p, 2, 2, &mi))
      return false;
    if (*p == ':' && (p++, !num(&p, 2, 2, &s)))
      return false;
    if (*p == '.' || *p == ',') {
      p++;
      if (!is_digit(*p))
        return false;
      while (is_digit(*p))
        p++;
    }
    while (*p == ' ')
      p++;
    if (*p == 'Z' || *p == 'z')
      p++;
    else if (*p && !numeric_zone(&p, &off))
      return false;
  }
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;
  return *p == '\0' && seconds(y, mo, d, h, mi, s, off, t);
}

/* A month's English name (its first three letters), 1..12, or 0. */
static int month_name(const char **p) {
  static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
  const char *q = *p;
  if (!is_alpha(q[0]) || !is_alpha(q[1]) || !is_alpha(q[2]))
    return 0;
  for (int m = 0; m < 12; m++)
    if (lower(q[0]) == names[3 * m] && lower(q[1]) == names[3 * m + 1] &&
        lower(q[2]) == names[3 * m + 2]) {
      while (is_alpha(*q) || *q == '.')
        q++; /* "Dec", "December", "Sept." */
      *p = q;
      return m + 1;
    }
  return 0;
}

/* A named zone of RFC 822 in minutes: UT, GMT, Z, the US zones; a
 * military letter counts as UTC (RFC 2822 4.3: their signs were
 * published reversed, so they say nothing reliable). */
static bool named_zone(const char **p, int *off) {
  static const struct { const char *name; int off; } zones[] = {
      {"ut", 0}, {"utc", 0}, {"gmt", 0}, {"z", 0},
      {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
      {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420}};
  char w[5];
  size_t n = 0;
  while (is_alpha((*p)[n]) && n < 4) {
    w[n] = lower((*p)[n]);
    n++;
  }
  if (n == 0 || n > 3)
    return false;
  w[n] = '\0';
  for (size_t i = 0; i < sizeof zones / sizeof zones[0]; i++)
    if (strcmp(w, zones[i].name) == 0) {
      *off = zones[i].off;
      *p += n;
      return true;
    }
  if (n == 1 && w[0] != 'j') {
    *off = 0;
    *p += 1;
    return true;
  }
  return false;
}

static void skip_space(const char **p) {
  while (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')
    (*p)++;
}

/* RFC 822 / 2822: [Wkd[,]] D Mon YY[YY] HH:MM[:SS] [zone]; "-" may join
 * day, month and year ("06-Dec-2026"), as some feeds write it. */
static bool rfc822_date(const char *p, long long *t) {
  int y, mo, d, h = 0, mi = 0, s = 0, off = 0;
  skip_space(&p);
  if (is_alpha(*p)) { /* the weekday: any word, then an optional comma */
    while (is_alpha(*p))
      p++;
    if (*p == '.')
      p++;
    if (*p == ',')
      p++;
    skip_space(&p);
  }
  if (!num(&p, 1, 2, &d))
    return false;
  if (*p == '-' || *p == ' ')
    p++;
  skip_space(&p);
  if (!(mo = month_name(&p)))
    return false;
  if (*p == '-' || *p == ' ')
    p++;
  skip_space(&p);
  const char *ys = p;
  if (!num(&p, 2, 4, &y) || p - ys == 3)
    return false;
  if (p - ys == 2) /* RFC 2822 4.3: 00-49 is 2000-2049, 50-99 1950-1999 */
    y += y < 50 ? 2000 : 1900;
  skip_space(&p);
  if (is_digit(*p)) {
    if (!num(&p, 1, 2, &h) || *p++ != ':' || !num(&p, 2, 2, &mi))
      return false;
    if (*p == ':' && (p++, !num(&p, 2, 2, &s)))
      return false;
    skip_space(&p);
    if (*p && !numeric_zone(&p, &off) && !named_zone(&p, &off))
      return false;
    skip_space(&p);
    if (*p == '(') /* a comment: "+0000 (UTC)" */
      while (*p && *p != ')')
        p++;
    if (*p == ')')
      p++;
    skip_space(&p);
  }
  return *p == '\0' && seconds(y, mo, d, h, mi, s, off, t);
}

int pc_feed_date(const char *s, long long *t) {
  if (!s)
    return 0;
  while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
    s++;
  if (strlen(s) > 80)
    return 0;
  long long v;
  if (iso_date(s, &v) || rfc822_date(s, &v)) {
    *t = v;
    return 1;
  }
  return 0;
}

void pc_feed_format_time(long long t, char *out, size_t n) {
  long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
  long long rem = t - days * 86400;
  /* civil_from_days (Howard Hinnant) */
  long long z = days + 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long y = yoe + era * 400;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  long long d = doy - (153 * mp + 2) / 5 + 1;
  long long m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  snprintf(out, n, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y, m, d,
           rem / 3600, rem / 60 % 60, rem % 60);
}
