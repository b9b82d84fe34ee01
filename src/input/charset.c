/* charset.c - any declared or guessed encoding to valid UTF-8 (ICU). */
#include "input.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

/* Copies the charset value following `charset=` in s (up to n bytes) into
 * out; returns true when one was found. */
static bool charset_param(const char *s, size_t n, char *out, size_t outsz) {
  for (size_t i = 0; i + 8 <= n; i++) {
    if (!pc_ascii_istarts(s + i, "charset"))
      continue;
    size_t j = i + 7;
    while (j < n && (s[j] == ' ' || s[j] == '\t'))
      j++;
    if (j >= n || s[j] != '=')
      continue;
    j++;
    while (j < n && (s[j] == ' ' || s[j] == '"' || s[j] == '\''))
      j++;
    size_t k = 0;
    while (j < n && k + 1 < outsz &&
           (s[j] == '-' || s[j] == '_' || s[j] == ':' || s[j] == '.' ||
            (s[j] >= '0' && s[j] <= '9') || ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z')))
      out[k++] = s[j++];
    out[k] = '\0';
    if (k)
      return true;
  }
  return false;
}

/* The HTML "prescan": a <meta charset> or <meta http-equiv content> in the
 * first bytes of the document. */
static bool meta_charset(const char *s, size_t n, char *out, size_t outsz) {
  size_t lim = n < 8192 ? n : 8192;
  for (size_t i = 0; i + 5 < lim; i++) {
    if (s[i] != '<' || !pc_ascii_istarts(s + i + 1, "meta"))
      continue;
    const char *gt = memchr(s + i, '>', lim - i);
    size_t end = gt ? (size_t)(gt - s) : lim;
    if (charset_param(s + i, end - i, out, outsz))
      return true;
  }
  return false;
}

/* WHATWG: these labels mean windows-1252 on the web; utf-16 declared in a
 * byte stream that is not UTF-16 means UTF-8. */
static const char *canonical(const char *label) {
  if (pc_ascii_ieq(label, "iso-8859-1") || pc_ascii_ieq(label, "latin1") ||
      pc_ascii_ieq(label, "us-ascii") || pc_ascii_ieq(label, "ascii") ||
      pc_ascii_ieq(label, "iso8859-1") || pc_ascii_ieq(label, "l1"))
    return "windows-1252";
  if (pc_ascii_ieq(label, "utf-16") || pc_ascii_ieq(label, "utf-16le") ||
      pc_ascii_ieq(label, "utf-16be") || pc_ascii_ieq(label, "utf8") ||
      pc_ascii_ieq(label, "unicode"))
    return "utf-8";
  return label;
}

static pc_status convert(const char *from, const char *data, size_t len,
                         struct pc_buf *out, pc_error *err) {
  UErrorCode ec = U_ZERO_ERROR;
  UConverter *cv = ucnv_open(from, &ec);
  if (U_FAILURE(ec) || !cv)
    return PC_ERR_NOT_FOUND; /* unknown label: caller falls back */
  /* Worst case 3 UTF-8 bytes per input byte (and 4 per UTF-16 pair). */
  if (len > (PC_MAX_INPUT_DEFAULT * 4u)) {
    ucnv_close(cv);
    return pc_error_set(err, PC_ERR_TOO_LARGE, "input too large to convert");
  }
  UConverter *u8 = ucnv_open("UTF-8", &ec);
  if (U_FAILURE(ec)) {
    ucnv_close(cv);
    return pc_error_set(err, PC_ERR_INTERNAL, "ICU: %s", u_errorName(ec));
  }
  size_t cap = len * 3 + 16;
  char *tmp = malloc(cap);
  if (!tmp) {
    ucnv_close(cv);
    ucnv_close(u8);
    return pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  }
  char *target = tmp;
  const char *source = data;
  ucnv_convertEx(u8, cv, &target, tmp + cap, &source, data + len, NULL, NULL,
                 NULL, NULL, true, true, &ec);
  ucnv_close(cv);
  ucnv_close(u8);
  pc_status st = PC_OK;
  if (U_FAILURE(ec))
    st = pc_error_set(err, PC_ERR_INPUT, "cannot convert from %s: %s", from,
                      u_errorName(ec));
  else if (!pc_utf8_sanitize(out, tmp, (size_t)(target - tmp)))
    st = pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  free(tmp);
  return st;
}

static pc_status to_utf8(const char *data, size_t len,
                         const char *content_type, bool html,
                         struct pc_buf *out, const char **text,
                         size_t *text_len, pc_error *err) {
  const unsigned char *u = (const unsigned char *)data;
  char label[64] = "";
  if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
    data += 3, len -= 3;
  } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
    return convert("UTF-16LE", data + 2, len - 2, out, err);
  } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
    return convert("UTF-16BE", data + 2, len - 2, out, err);
  } else if (content_type &&
             charset_param(content_type, strlen(content_type), label,
                           sizeof label)) {
    /* label set from the HTTP header */
  } else if (html) {
    meta_charset(data, len, label, sizeof label);
  }
  const char *cs = label[0] ? canonical(label) : NULL;
  if (!cs || pc_ascii_ieq(cs, "utf-8")) {
    /* Declared UTF-8, or nothing declared: UTF-8 when it is valid,
     * otherwise the web's legacy default.  Most pages need no repair and
     * are used as they are. */
    if (pc_utf8_clean_prefix(data, len) == len) {
      *text = data;
      *text_len = len;
      return PC_OK;
    }
    if (cs || pc_utf8_valid(data, len))
      return pc_buf_reserve(out, len) && pc_utf8_sanitize(out, data, len)
                 ? PC_OK
                 : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
    cs = "windows-1252";
  }
  pc_buf_reserve(out, len); /* one allocation for the common case */
  pc_status st = convert(cs, data, len, out, err);
  if (st == PC_ERR_NOT_FOUND) /* unknown label: repair as UTF-8 */
    return pc_utf8_sanitize(out, data, len)
               ? PC_OK
               : pc_error_set(err, PC_ERR_NOMEM, "out of memory");
  return st;
}

pc_status pc_charset_to_utf8(const char *data, size_t len,
                             const char *content_type, bool html,
                             struct pc_buf *out, const char **text,
                             size_t *text_len, pc_error *err) {
  *text = NULL;
  *text_len = 0;
  pc_status st =
      to_utf8(data, len, content_type, html, out, text, text_len, err);
  if (st == PC_OK && !*text) {
    *text = out->data ? out->data : "";
    *text_len = out->len;
  }
  return st;
}
