/* stream.c - plain or gzip-member input for batch (see stream.h). */
#include "stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define IN_SIZE ((size_t)1 << 17)
#define OUT_SIZE ((size_t)1 << 17)

struct pc_stream {
  int fd;
  bool gz;        /* the file starts with gzip's magic bytes */
  bool in_member; /* inside a gzip member (inflate is mid-stream) */
  bool raw_eof;   /* read(2) returned 0 */
  bool ended;     /* no more data: end, error or trailing garbage */
  bool failed;
  z_stream z;
  bool z_ready;
  unsigned char in[IN_SIZE];
  size_t in_len;            /* valid bytes in in[], from z.next_in */
  unsigned char out[OUT_SIZE];
  size_t out_pos, out_len;  /* decoded bytes out[out_pos..out_len) */
  unsigned long long raw;   /* compressed bytes handed to inflate so far */
  unsigned long long upos;  /* decoded offset of out[out_pos] */
  unsigned long long member_c, member_u; /* current member: compressed
                                            and decoded offsets */
  unsigned long long taken; /* bytes read(2) from fd so far */
};

static ssize_t read_some(struct pc_stream *s, void *buf, size_t n) {
  for (;;) {
    ssize_t k = read(s->fd, buf, n);
    if (k > 0)
      s->taken += (unsigned long long)k;
    if (k >= 0 || errno != EINTR)
      return k;
  }
}

unsigned long long pc_stream_taken(const struct pc_stream *s) {
  return s ? s->taken : 0;
}

/* Tops up the compressed input; false when nothing more can come. */
static bool refill_in(struct pc_stream *s) {
  if (s->raw_eof)
    return false;
  if (s->z.avail_in && s->z.next_in != s->in)
    memmove(s->in, s->z.next_in, s->z.avail_in);
  s->z.next_in = s->in;
  ssize_t k = read_some(s, s->in + s->z.avail_in,
                        IN_SIZE - s->z.avail_in);
  if (k < 0) {
    s->failed = true;
    s->raw_eof = true;
    return false;
  }
  if (k == 0) {
    s->raw_eof = true;
    return false;
  }
  s->z.avail_in += (uInt)k;
  return true;
}

/* Plain: appends what read(2) gives after the unread bytes. */
static void fill_plain(struct pc_stream *s) {
  if (s->out_pos && s->out_pos < s->out_len)
    memmove(s->out, s->out + s->out_pos, s->out_len - s->out_pos);
  s->out_len -= s->out_pos;
  s->out_pos = 0;
  if (s->raw_eof || s->out_len == OUT_SIZE)
    return;
  ssize_t k = read_some(s, s->out + s->out_len, OUT_SIZE - s->out_len);
  if (k <= 0) {
    s->failed |= k < 0;
    s->raw_eof = true;
    if (s->out_len == 0)
      s->ended = true;
    return;
  }
  s->out_len += (size_t)k;
}

/* gzip: decodes more of the current member after the unread bytes of
 * out[], or starts the next member when out[] is empty (a member's bytes
 * never share out[] with another's).  Returns with at least one new byte,
 * or at the member's end, or at the end of the data. */
static void fill_gz(struct pc_stream *s) {
  if (s->out_pos && s->out_pos < s->out_len)
    memmove(s->out, s->out + s->out_pos, s->out_len - s->out_pos);
  s->out_len -= s->out_pos;
  s->out_pos = 0;
  size_t had = s->out_len;
  while (s->out_len == had && s->out_len < OUT_SIZE && !s->ended) {
    if (!s->in_member) {
      if (s->out_len)
        return; /* the next member waits until these bytes are read */
      /* a new member: its magic bytes, or the end (zlib's gzread also
       * ignores what follows the last member) */
      while (s->z.avail_in < 2 && refill_in(s))
        ;
      if (s->z.avail_in < 2 || s->z.next_in[0] != 0x1f ||
          s->z.next_in[1] != 0x8b) {
        s->ended = true;
        return;
      }
      if (inflateReset(&s->z) != Z_OK) {
        s->failed = s->ended = true;
        return;
      }
      s->in_member = true;
      s->member_c = s->raw;
      s->member_u = s->upos;
    }
    if (s->z.avail_in == 0 && !refill_in(s)) {
      s->failed = s->ended = true; /* cut inside a member */
      return;
    }
    uInt before = s->z.avail_in;
    s->z.next_out = s->out + s->out_len;
    s->z.avail_out = (uInt)(OUT_SIZE - s->out_len);
    int rc = inflate(&s->z, Z_NO_FLUSH);
    s->raw += before - s->z.avail_in;
    s->out_len = OUT_SIZE - s->z.avail_out;
    if (rc == Z_STREAM_END) {
      s->in_member = false; /* out[] holds this member's last bytes */
      return;
    } else if (rc == Z_BUF_ERROR && s->z.avail_in == 0) {
      continue; /* needs input */
    } else if (rc != Z_OK) {
      s->failed = s->ended = true;
      return;
    }
  }
}

static bool fill(struct pc_stream *s) {
  if (s->out_pos < s->out_len)
    return true;
  if (s->ended)
    return false;
  if (s->gz)
    fill_gz(s);
  else
    fill_plain(s);
  return s->out_pos < s->out_len;
}

struct pc_stream *pc_stream_open(int fd) {
  struct pc_stream *s = calloc(1, sizeof *s);
  if (!s) {
    close(fd);
    return NULL;
  }
  s->fd = fd;
  s->z.next_in = s->in;
  /* sniff: the first two bytes decide, read as plain data */
  while (s->out_len < 2 && !s->raw_eof)
    fill_plain(s);
  s->ended = false; /* fill_plain may say so for an empty file */
  if (s->out_len == 0)
    s->ended = true;
  if (s->out_len >= 2 && s->out[0] == 0x1f && s->out[1] == 0x8b) {
    if (inflateInit2(&s->z, 15 + 16) != Z_OK) { /* gzip only */
      close(fd);
      free(s);
      return NULL;
    }
    s->z_ready = true;
    s->gz = true;
    memcpy(s->in, s->out, s->out_len); /* the bytes read go to zlib */
    s->z.next_in = s->in;
    s->z.avail_in = (uInt)s->out_len;
    s->out_pos = s->out_len = 0;
  }
  return s;
}

void pc_stream_close(struct pc_stream *s) {
  if (!s)
    return;
  if (s->z_ready)
    inflateEnd(&s->z);
  close(s->fd);
  free(s);
}

size_t pc_stream_read(struct pc_stream *s, void *buf, size_t n) {
  size_t got = 0;
  while (got < n && fill(s)) {
    size_t k = s->out_len - s->out_pos;
    if (k > n - got)
      k = n - got;
    memcpy((char *)buf + got, s->out + s->out_pos, k);
    s->out_pos += k;
    s->upos += k;
    got += k;
  }
  return got;
}

char *pc_stream_line(struct pc_stream *s, size_t max, size_t *len,
                     bool *over) {
  struct pc_buf b;
  pc_buf_init(&b, (size_t)-1);
  *over = false;
  bool any = false, nl = false;
  while (!nl && fill(s)) {
    any = true;
    const unsigned char *p = s->out + s->out_pos;
    size_t avail = s->out_len - s->out_pos;
    const unsigned char *e = memchr(p, '\n', avail);
    size_t k = e ? (size_t)(e - p) + 1 : avail;
    nl = e != NULL;
    if (b.len + k > max) {
      if (b.len < max)
        pc_buf_add(&b, (const char *)p, max - b.len);
      *over = true;
    } else {
      pc_buf_add(&b, (const char *)p, k);
    }
    s->out_pos += k;
    s->upos += k;
  }
  if (!any || b.failed) {
    pc_buf_cleanup(&b);
    return NULL;
  }
  if (!b.data)
    pc_buf_add(&b, "", 0);
  return pc_buf_steal(&b, len);
}

size_t pc_stream_peek(struct pc_stream *s, void *buf, size_t n) {
  if (!fill(s))
    return 0;
  /* a pipe may give a few bytes at a time: read on (within one member) */
  while (s->out_len - s->out_pos < n && !s->ended &&
         (s->gz ? s->in_member : !s->raw_eof)) {
    size_t before = s->out_len - s->out_pos;
    if (s->gz)
      fill_gz(s);
    else
      fill_plain(s);
    if (s->out_len - s->out_pos == before && s->gz && !s->in_member)
      break;
  }
  size_t k = s->out_len - s->out_pos;
  if (k > n)
    k = n;
  memcpy(buf, s->out + s->out_pos, k);
  return k;
}

unsigned long long pc_stream_where(struct pc_stream *s, bool *member) {
  *member = false;
  if (s->gz && fill(s) && s->upos == s->member_u) {
    *member = true;
    return s->member_c;
  }
  return s->upos;
}

bool pc_stream_failed(const struct pc_stream *s) { return s->failed; }
