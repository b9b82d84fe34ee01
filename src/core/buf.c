/* buf.c - growable byte buffer with a hard maximum (curl's dynbuf idea). */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pc_buf_init(struct pc_buf *b, size_t max) {
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->max = max ? max : PC_MAX_OUTPUT;
  b->failed = false;
}

void pc_buf_cleanup(struct pc_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

static bool grow(struct pc_buf *b, size_t extra) {
  if (b->failed)
    return false;
  if (extra > b->max - b->len) {
    b->failed = true;
    return false;
  }
  size_t need = b->len + extra + 1;
  if (need <= b->cap)
    return true;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  char *p = realloc(b->data, cap);
  if (!p) {
    b->failed = true;
    return false;
  }
  b->data = p;
  b->cap = cap;
  b->data[b->len] = '\0'; /* NUL-terminated even when only reserved */
  return true;
}

bool pc_buf_reserve(struct pc_buf *b, size_t n) {
  if (n <= b->len)
    return true;
  return grow(b, n - b->len);
}

bool pc_buf_add(struct pc_buf *b, const char *s, size_t n) {
  if ((b->failed || n >= b->cap - b->len || n > b->max - b->len) && !grow(b, n))
    return false;
  if (n)
    memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = '\0';
  return true;
}

bool pc_buf_addc(struct pc_buf *b, char c) {
  if (b->len + 1 < b->cap && b->len < b->max && !b->failed) { /* common */
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return true;
  }
  return pc_buf_add(b, &c, 1);
}

bool pc_buf_printf(struct pc_buf *b, const char *fmt, ...) {
  char tmp[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = true;
    return false;
  }
  if ((size_t)n < sizeof tmp)
    return pc_buf_add(b, tmp, (size_t)n);
  if (!grow(b, (size_t)n))
    return false;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return true;
}

char *pc_buf_steal(struct pc_buf *b, size_t *len) {
  if (!b->data) { /* never written: hand back "" (grow() leaves it unset) */
    if (!grow(b, 0))
      return NULL;
    b->data[0] = '\0';
  }
  char *p = b->data;
  if (len)
    *len = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

int pc_buf_write(void *closure, const unsigned char *data, size_t len) {
  return pc_buf_add(closure, (const char *)data, len) ? 0 : 1;
}
