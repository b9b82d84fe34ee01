/* warc.c - the documents of a WARC archive, for batch.
 *
 * WARC: our own reader (the format is simple): records of "WARC/1.x"
 * headers, a Content-Length block, CRLF CRLF.  response records with an
 * application/http payload are documents when the HTTP Content-Type is HTML
 * (or absent); chunked transfer coding and gzip/deflate content coding are
 * undone.  Files are read plain or as gzip members (stream.c); a record's
 * offset in a .warc.gz is that of its gzip member, as CDX indexes give it. */
#include "batch/run.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char *header(const char *h, size_t n, const char *name,
                          size_t *vl) {
  size_t nl = strlen(name);
  for (const char *p = h; p < h + n;) {
    const char *e = memchr(p, '\n', (size_t)(h + n - p));
    size_t ll = e ? (size_t)(e - p) : (size_t)(h + n - p);
    if (ll > nl && p[nl] == ':' && g_ascii_strncasecmp(p, name, nl) == 0) {
      const char *v = p + nl + 1;
      while (v < p + ll && (*v == ' ' || *v == '\t'))
        v++;
      size_t l = (size_t)(p + ll - v);
      while (l && (v[l - 1] == '\r' || v[l - 1] == ' '))
        l--;
      *vl = l;
      return v;
    }
    p += ll + 1;
  }
  return NULL;
}

static bool unchunk(const char *s, size_t n, struct pc_buf *out) {
  size_t i = 0;
  while (i < n) {
    char *end;
    unsigned long long sz = strtoull(s + i, &end, 16);
    if (end == s + i)
      return false;
    const char *nl = memchr(end, '\n', (size_t)(s + n - end));
    if (!nl)
      return false;
    i = (size_t)(nl - s) + 1;
    if (sz == 0)
      return true;
    if (sz > n - i)
      return false;
    if (!pc_buf_add(out, s + i, (size_t)sz))
      return false;
    i += (size_t)sz;
    if (i < n && s[i] == '\r')
      i++;
    if (i < n && s[i] == '\n')
      i++;
  }
  return true;
}

static bool inflate_all(const char *s, size_t n, struct pc_buf *out) {
  z_stream z;
  memset(&z, 0, sizeof z);
  if (inflateInit2(&z, 15 + 32) != Z_OK) /* gzip or zlib, detected */
    return false;
  z.next_in = (Bytef *)(uintptr_t)s;
  z.avail_in = (uInt)n;
  char buf[65536];
  int rc;
  do {
    z.next_out = (Bytef *)buf;
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      return false;
    }
    if (!pc_buf_add(out, buf, sizeof buf - z.avail_out)) {
      inflateEnd(&z);
      return false;
    }
  } while (rc != Z_STREAM_END && z.avail_in > 0);
  inflateEnd(&z);
  return true;
}

/* A WARC response block: HTTP status line, headers, body. */
static void http_payload(struct run *r, const char *file,
                         unsigned long long off, char *url, char *block,
                         size_t n) {
  const char *sep = NULL;
  for (size_t i = 0; i + 3 < n; i++)
    if (block[i] == '\r' && block[i + 1] == '\n' && block[i + 2] == '\r' &&
        block[i + 3] == '\n') {
      sep = block + i;
      break;
    }
  if (!sep || n < 12 || strncmp(block, "HTTP/", 5) != 0) {
    free(block);
    pc_batch_emit(r, file, off, url, NULL, NULL, 0, "not an HTTP response");
    return;
  }
  size_t hl = (size_t)(sep - block);
  size_t vl = 0;
  const char *ct = header(block, hl, "Content-Type", &vl);
  char *ctype = ct ? strndup(ct, vl) : NULL;
  if (ctype && !pc_ascii_istr(ctype, "html")) {
    free(ctype);
    free(block);
    free(url);
    pc_batch_skip_record(r, file, off); /* an image, a script, a PDF ... */
    return;
  }
  const char *body = sep + 4;
  size_t bl = n - hl - 4;
  struct pc_buf a, b;
  pc_buf_init(&a, r->max_doc);
  pc_buf_init(&b, r->max_doc);
  bool ok = true;
  const char *te = header(block, hl, "Transfer-Encoding", &vl);
  if (te && pc_ascii_istr(te, "chunked") && (size_t)(pc_ascii_istr(te, "chunked") - te) < vl) {
    ok = unchunk(body, bl, &a);
    body = a.data ? a.data : "";
    bl = a.len;
  }
  const char *ce = header(block, hl, "Content-Encoding", &vl);
  if (ok && ce && vl >= 4 && (g_ascii_strncasecmp(ce, "gzip", 4) == 0 ||
                              g_ascii_strncasecmp(ce, "deflate", 7) == 0 ||
                              g_ascii_strncasecmp(ce, "x-gzip", 6) == 0)) {
    ok = inflate_all(body, bl, &b);
    body = b.data ? b.data : "";
    bl = b.len;
  }
  char *data = ok ? malloc(bl + 1) : NULL;
  if (data) {
    memcpy(data, body, bl);
    data[bl] = '\0';
  }
  pc_buf_cleanup(&a);
  pc_buf_cleanup(&b);
  free(block);
  pc_batch_emit(r, file, off, url, ctype, data, data ? bl : 0,
       data ? NULL : "cannot decode the HTTP body (chunked or compressed)");
}

void pc_batch_read_warc(struct run *r, struct pc_stream *g, const char *file) {
  while (!pc_batch_stopped(r)) {
    /* the version line, after any blank lines between records */
    size_t len;
    bool over;
    char *line;
    unsigned long long rec;
    do {
      bool member;
      rec = pc_stream_where(g, &member);
      line = pc_stream_line(g, 4096, &len, &over);
      if (!line) {
        if (pc_stream_failed(g))
          pc_batch_emit(r, file, rec, NULL, NULL, NULL, 0, STREAM_FAILED);
        return;
      }
      if (len <= 2 && (line[0] == '\r' || line[0] == '\n')) {
        free(line);
        line = NULL;
      }
    } while (!line);
    if (strncmp(line, "WARC/", 5) != 0) {
      free(line);
      pc_batch_emit(r, file, rec, NULL, NULL, NULL, 0,
           pc_stream_failed(g) ? STREAM_FAILED : "not a WARC record (lost sync)");
      return;
    }
    free(line);
    struct pc_buf h;
    pc_buf_init(&h, 1u << 20);
    while ((line = pc_stream_line(g, 65536, &len, &over)) != NULL) {
      bool end = len <= 2 && (line[0] == '\r' || line[0] == '\n');
      if (!end)
        pc_buf_add(&h, line, len);
      free(line);
      if (end)
        break;
    }
    size_t vl = 0;
    const char *hd = h.data ? h.data : "";
    const char *cl = header(hd, h.len, "Content-Length", &vl);
    unsigned long long clen = cl ? strtoull(cl, NULL, 10) : 0;
    const char *type = header(hd, h.len, "WARC-Type", &vl);
    bool response = type && vl == 8 && strncmp(type, "response", 8) == 0;
    const char *uri = header(hd, h.len, "WARC-Target-URI", &vl);
    char *url = uri ? strndup(uri, vl) : NULL;
    if (url && url[0] == '<' && strlen(url) > 2) { /* WARC 1.0 <uri> form */
      memmove(url, url + 1, strlen(url));
      url[strlen(url) - 1] = '\0';
    }
    const char *ct = header(hd, h.len, "Content-Type", &vl);
    bool http = ct && pc_ascii_istr(ct, "application/http") &&
                (size_t)(pc_ascii_istr(ct, "application/http") - ct) < vl;
    pc_buf_cleanup(&h);
    if (!cl) {
      free(url);
      pc_batch_emit(r, file, rec, NULL, NULL, NULL, 0, "WARC record without Content-Length");
      return;
    }
    if (!response || !http || clen > r->max_doc) {
      /* skip the block */
      char buf[65536];
      unsigned long long left = clen;
      while (left) {
        size_t k = pc_stream_read(g, buf, left < sizeof buf ? (size_t)left : sizeof buf);
        if (k == 0)
          break;
        left -= k;
      }
      if (left) { /* the file ends (or breaks) inside the record */
        pc_batch_emit(r, file, rec, url, NULL, NULL, 0,
             pc_stream_failed(g) ? STREAM_FAILED : "truncated WARC record");
        return;
      }
      if (response && http && clen > r->max_doc)
        pc_batch_emit(r, file, rec, url, NULL, NULL, 0, "record over the document size cap");
      else {
        free(url);
        pc_batch_skip_record(r, file, rec);
      }
      continue;
    }
    char *block = malloc(clen + 1);
    if (!block) {
      free(url);
      return;
    }
    size_t got = pc_stream_read(g, block, (size_t)clen);
    if (got < clen) {
      free(block);
      pc_batch_emit(r, file, rec, url, NULL, NULL, 0, "truncated WARC record");
      return;
    }
    block[clen] = '\0';
    http_payload(r, file, rec, url, block, (size_t)clen);
  }
}
