/* page.c - the page of presscut serve (see page.h).
 *
 * The bookmarklet on the page posts a form from the reader's tab on any
 * site to POST /send: the page's address and, for a page behind a login,
 * its HTML.  The answer is the page itself with that input in a <meta>
 * element, HTML-escaped; app.js reads it as data and asks /api/extract as
 * for a paste, so that nothing of the sent page runs here and the CSP
 * stays as strict as for GET /. */
#include "internal.h"
#include "server/page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define URL_MAX 4096 /* longer "url" fields are refused */

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if ((c | 32) >= 'a' && (c | 32) <= 'f')
    return (c | 32) - 'a' + 10;
  return -1;
}

/* Appends the form-decoded s[0..n) ('+' a space, %XX a byte) as
 * sanitized UTF-8; false for a broken %-escape or out of memory. */
static bool form_decode(const char *s, size_t n, struct pc_buf *out) {
  struct pc_buf raw;
  pc_buf_init(&raw, n + 1);
  bool ok = true;
  for (size_t i = 0; ok && i < n; i++) {
    char c = s[i];
    if (c == '+') {
      c = ' ';
    } else if (c == '%') {
      int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
      int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        ok = false;
        break;
      }
      c = (char)(hi * 16 + lo);
      i += 2;
    }
    ok = pc_buf_addc(&raw, c);
  }
  if (ok && raw.len)
    ok = pc_utf8_sanitize(out, raw.data, raw.len);
  pc_buf_cleanup(&raw);
  return ok;
}

/* The decoded value of field name in the form body (into out, which the
 * caller cleans up); 0 absent, 1 found, -1 broken or out of memory. */
static int form_field(const char *body, size_t n, const char *name,
                      struct pc_buf *out) {
  size_t klen = strlen(name);
  const char *p = body, *end = body + n;
  while (p < end) {
    const char *amp = memchr(p, '&', (size_t)(end - p));
    const char *stop = amp ? amp : end;
    if ((size_t)(stop - p) > klen && memcmp(p, name, klen) == 0 && p[klen] == '=')
      return form_decode(p + klen + 1, (size_t)(stop - p) - klen - 1, out) ? 1 : -1;
    if (!amp)
      break;
    p = amp + 1;
  }
  return 0;
}

char *pc_page_incoming(const char *body, size_t n, char *why, size_t cap) {
  struct pc_buf url, html, json;
  pc_buf_init(&url, URL_MAX * 3);
  pc_buf_init(&html, n + 1);
  pc_buf_init(&json, 2 * n + 2 * URL_MAX + 64);
  why[0] = '\0';
  int u = form_field(body ? body : "", n, "url", &url);
  int h = u > 0 ? form_field(body, n, "html", &html) : 0;
  char *out = NULL;
  if (u < 0 || h < 0)
    snprintf(why, cap, "the form is not well-formed (or its url is over %d bytes)", URL_MAX);
  else if (u == 0 || url.len > URL_MAX || (!pc_ascii_istarts(url.data, "http://") &&
                                         !pc_ascii_istarts(url.data, "https://")))
    snprintf(why, cap, "url: the http(s) address of the page");
  if (!why[0]) {
    bool ok = pc_buf_adds(&json, "{\"url\":");
    pc_json_str(&json, url.data, url.len);
    if (h > 0) {
      pc_buf_adds(&json, ",\"html\":");
      pc_json_str(&json, html.data ? html.data : "", html.len);
    }
    if (ok && pc_buf_addc(&json, '}') && !json.failed)
      out = pc_buf_steal(&json, NULL);
  }
  pc_buf_cleanup(&url);
  pc_buf_cleanup(&html);
  pc_buf_cleanup(&json);
  return out;
}

/* The first key in p[0..end), or NULL. */
static const char *find(const char *p, const char *end, const char *key) {
  size_t k = strlen(key);
  for (; (size_t)(end - p) >= k; p++)
    if (*p == *key && memcmp(p, key, k) == 0)
      return p;
  return NULL;
}

/* Appends the template's text up to its next placeholder and the value of
 * that placeholder; returns where the text goes on, NULL at its end. */
static const char *fill_next(struct pc_buf *b, const char *p, const char *end,
                             const char *const vals[3], bool esc[3]) {
  static const char *const keys[3] = {"{{TOKEN}}", "{{MAIL}}", "{{INCOMING}}"};
  const char *best = NULL;
  int k = -1;
  for (int i = 0; i < 3; i++) {
    const char *m = find(p, end, keys[i]);
    if (m && (!best || m < best)) {
      best = m;
      k = i;
    }
  }
  if (!best) {
    pc_buf_add(b, p, (size_t)(end - p));
    return NULL;
  }
  pc_buf_add(b, p, (size_t)(best - p));
  if (esc[k])
    pc_html_esc(b, vals[k], strlen(vals[k]));
  else
    pc_buf_adds(b, vals[k]);
  return best + strlen(keys[k]);
}

char *pc_page_html(const char *tok, bool mail, const char *incoming,
                   size_t *len) {
  const struct pc_data_file *f = NULL;
  for (size_t i = 0; i < pc_data_nfiles && !f; i++)
    if (strcmp(pc_data_files[i].name, "web/index.html") == 0)
      f = &pc_data_files[i];
  if (!f || !tok)
    return NULL;
  const char *vals[3] = {tok, mail ? "1" : "", incoming ? incoming : ""};
  bool esc[3] = {false, false, true};
  struct pc_buf b;
  pc_buf_init(&b, f->len + 6 * strlen(vals[2]) + strlen(tok) + 64);
  const char *p = (const char *)f->data, *end = p + f->len;
  while (p)
    p = fill_next(&b, p, end, vals, esc);
  if (b.failed) {
    pc_buf_cleanup(&b);
    return NULL;
  }
  return pc_buf_steal(&b, len);
}
