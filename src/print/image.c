/* image.c - reading images for print: where they come from (data: URIs,
 * http(s), local files), what they are (sniffed from their bytes, never
 * from a name) and how big they claim to be (read from the header before
 * anything is decoded, so a 100,000 x 100,000 claim costs nothing).
 * Decoding uses the formats' own libraries: libjpeg (header only: JPEG is
 * embedded as-is), cairo's PNG reader, giflib and libwebp. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "print.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cairo.h>
#include <gif_lib.h>
#include <glib.h>
#include <jpeglib.h>
#include <webp/decode.h>

static void why_set(char *why, size_t n, const char *fmt, const char *a) {
  if (why && n)
    snprintf(why, n, fmt, a ? a : "");
}

const char *pc_image_mime(enum pc_img_kind kind) {
  switch (kind) {
  case PC_IMG_JPEG: return "image/jpeg";
  case PC_IMG_PNG: return "image/png";
  case PC_IMG_GIF: return "image/gif";
  case PC_IMG_WEBP: return "image/webp";
  default: return "application/octet-stream";
  }
}

void pc_image_free(struct pc_image *img) {
  if (!img)
    return;
  free(img->data);
  memset(img, 0, sizeof *img);
}

static enum pc_img_kind sniff(const unsigned char *d, size_t n) {
  if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF)
    return PC_IMG_JPEG;
  if (n >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return PC_IMG_PNG;
  if (n >= 6 && (memcmp(d, "GIF87a", 6) == 0 || memcmp(d, "GIF89a", 6) == 0))
    return PC_IMG_GIF;
  if (n >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
    return PC_IMG_WEBP;
  return PC_IMG_NONE;
}

/*** sizes from headers ****************************************************/

struct jerr {
  struct jpeg_error_mgr mgr;
  jmp_buf jmp;
};

static void jerr_exit(j_common_ptr cinfo) {
  struct jerr *e = (struct jerr *)cinfo->err;
  longjmp(e->jmp, 1);
}

static void jerr_quiet(j_common_ptr cinfo, int level) {
  (void)cinfo, (void)level;
}

static bool jpeg_size(const unsigned char *d, size_t n, int *w, int *h) {
  struct jpeg_decompress_struct ci;
  struct jerr je;
  ci.err = jpeg_std_error(&je.mgr);
  je.mgr.error_exit = jerr_exit;
  je.mgr.emit_message = jerr_quiet;
  if (setjmp(je.jmp)) {
    jpeg_destroy_decompress(&ci);
    return false;
  }
  jpeg_create_decompress(&ci);
  jpeg_mem_src(&ci, d, (unsigned long)n);
  bool ok = jpeg_read_header(&ci, TRUE) == JPEG_HEADER_OK;
  if (ok) {
    *w = (int)ci.image_width;
    *h = (int)ci.image_height;
    /* cairo embeds grey, RGB and CMYK JPEG data as it is */
    ok = ci.num_components == 1 || ci.num_components == 3 ||
         ci.num_components == 4;
  }
  jpeg_destroy_decompress(&ci);
  return ok;
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

struct mem {
  const unsigned char *d;
  size_t n, at;
};

static int gif_read(GifFileType *g, GifByteType *buf, int len) {
  struct mem *m = g->UserData;
  size_t k = len > 0 ? (size_t)len : 0;
  if (k > m->n - m->at)
    k = m->n - m->at;
  memcpy(buf, m->d + m->at, k);
  m->at += k;
  return (int)k;
}

static bool header_size(struct pc_image *img) {
  const unsigned char *d = img->data;
  size_t n = img->len;
  int w = 0, h = 0;
  switch (img->kind) {
  case PC_IMG_JPEG:
    if (!jpeg_size(d, n, &w, &h))
      return false;
    break;
  case PC_IMG_PNG:
    if (n < 24 || memcmp(d + 12, "IHDR", 4) != 0)
      return false;
    if (be32(d + 16) > INT32_MAX || be32(d + 20) > INT32_MAX)
      return false;
    w = (int)be32(d + 16), h = (int)be32(d + 20);
    break;
  case PC_IMG_GIF:
    if (n < 10)
      return false;
    w = d[6] | d[7] << 8, h = d[8] | d[9] << 8;
    break;
  case PC_IMG_WEBP:
    if (!WebPGetInfo(d, n, &w, &h))
      return false;
    break;
  default:
    return false;
  }
  img->width = w, img->height = h;
  return w > 0 && h > 0;
}

/*** sources ***************************************************************/

static bool read_capped(const char *path, size_t max, struct pc_image *img,
                        char *why, size_t why_len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    why_set(why, why_len, "cannot open %s", path);
    return false;
  }
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(f);
    why_set(why, why_len, "%s is not a regular file", path);
    return false;
  }
  if ((unsigned long long)st.st_size > max) {
    fclose(f);
    why_set(why, why_len, "%s is larger than the image size cap", path);
    return false;
  }
  size_t n = (size_t)st.st_size;
  img->data = malloc(n ? n : 1);
  if (!img->data) {
    fclose(f);
    why_set(why, why_len, "out of memory reading %s", path);
    return false;
  }
  img->len = fread(img->data, 1, n, f);
  fclose(f);
  if (img->len != n) {
    why_set(why, why_len, "cannot read %s", path);
    return false;
  }
  return true;
}

static bool from_data_uri(const char *src, size_t max, struct pc_image *img,
                          char *why, size_t why_len) {
  const char *comma = strchr(src, ',');
  if (!comma) {
    why_set(why, why_len, "malformed data: URI%s", NULL);
    return false;
  }
  /* only base64 ("data:image/png;base64,...") carries binary safely */
  size_t hl = (size_t)(comma - src);
  if (hl < 7 || strncmp(comma - 7, ";base64", 7) != 0) {
    why_set(why, why_len, "data: URI is not base64%s", NULL);
    return false;
  }
  size_t enc = strlen(comma + 1);
  if (enc / 4 * 3 > max) {
    why_set(why, why_len, "data: URI larger than the image size cap%s", NULL);
    return false;
  }
  gsize n = 0;
  guchar *bytes = g_base64_decode(comma + 1, &n);
  if (!bytes || !n) {
    g_free(bytes);
    why_set(why, why_len, "data: URI does not decode%s", NULL);
    return false;
  }
  img->data = malloc(n);
  if (img->data)
    memcpy(img->data, bytes, n);
  img->len = img->data ? n : 0;
  g_free(bytes);
  return img->data != NULL;
}

/* src's path under the folder of doc_url, or NULL: with doc_url
 * "https://example.com/news/story.html", "https://example.com/news/img/a.jpg"
 * gives "img/a.jpg".  Never climbs out ("..") of the folder. */
static const char *under_page(const char *src, const char *doc_url) {
  if (!doc_url)
    return NULL;
  const char *q = doc_url + strcspn(doc_url, "?#");
  const char *slash = NULL;
  for (const char *c = doc_url; c < q; c++)
    if (*c == '/')
      slash = c;
  if (!slash || slash - doc_url < 8)
    return NULL; /* "https://" alone is no folder */
  size_t n = (size_t)(slash - doc_url) + 1;
  if (strncmp(src, doc_url, n) != 0)
    return NULL;
  const char *rest = src + n;
  if (!*rest || strstr(rest, "..") || *rest == '/')
    return NULL;
  return rest;
}

/* rel (a relative path, maybe with a query or fragment) made plain into
 * out: empty and "." parts dropped, ".." taking back the part before it.
 * false when it would climb above its start, or names nothing. */
static bool plain_path(const char *rel, struct pc_buf *out) {
  const char *end = rel + strcspn(rel, "?#"); /* not part of a file name */
  for (const char *p = rel; p < end;) {
    size_t n = strcspn(p, "/");
    if (p + n > end)
      n = (size_t)(end - p);
    if (n == 2 && p[0] == '.' && p[1] == '.') {
      if (!out->len)
        return false;
      char *slash = strrchr(out->data, '/');
      out->len = slash ? (size_t)(slash - out->data) : 0;
      out->data[out->len] = '\0';
    } else if (n && !(n == 1 && p[0] == '.')) {
      if (out->len)
        pc_buf_addc(out, '/');
      pc_buf_add(out, p, n);
    }
    p += n + (p + n < end);
  }
  return out->len > 0 && !out->failed;
}

enum src_kind { SRC_BAD, SRC_SKIP, SRC_DATA, SRC_URL, SRC_FILE };

/* Where src comes from, by its text alone: SRC_URL (where gets the URL),
 * SRC_FILE (where gets the plain path under base_dir), SRC_DATA, or
 * SRC_SKIP (left out by choice) and SRC_BAD with the reason in why. */
static enum src_kind classify(const char *src, const pc_print_opts *o,
                              const char *doc_url, const char *base_dir,
                              struct pc_buf *where, char *why,
                              size_t why_len) {
  if (!src || !*src) {
    why_set(why, why_len, "no image source%s", NULL);
    return SRC_BAD;
  }
  if (pc_ascii_istarts(src, "data:"))
    return SRC_DATA;
  bool web = pc_ascii_istarts(src, "http://") ||
             pc_ascii_istarts(src, "https://");
  const char *local = web && base_dir && !o->fetch_images
                          ? under_page(src, doc_url) : NULL;
  if (web && !local) {
    if (!o->fetch_images) {
      why_set(why, why_len, "%s: remote images are not fetched", src);
      return SRC_SKIP;
    }
    pc_buf_adds(where, src);
    return where->failed ? SRC_BAD : SRC_URL;
  }
  if (local)
    src = local; /* the saved copy, in the same place under base_dir */
  else if (strcspn(src, ":") < strcspn(src, "/?#")) {
    why_set(why, why_len, "%s: not an http(s) or data: image", src);
    return SRC_SKIP; /* file:, ftp:, ... */
  }
  /* "/a.png" is root-relative on the web (the page had no address to
   * resolve it against), never a path of this machine */
  if (src[0] == '/' || src[0] == '\\' || !base_dir) {
    why_set(why, why_len, "%s: not a file next to the input", src);
    return SRC_SKIP;
  }
  if (!plain_path(src, where)) {
    why_set(why, why_len, "%s: outside the input's folder", src);
    return SRC_SKIP;
  }
  return SRC_FILE;
}

/* Reads rel (plain, relative) under real_base (a realpath) when the file
 * it names, symlinks resolved, is inside real_base too; PC_ERR_USAGE when
 * it is outside.  (Checked, then opened by its resolved name: a link
 * swapped in between by someone who can write the folder is not caught.) */
static pc_status read_inside(const char *real_base, const char *rel,
                             const char *src, size_t max,
                             struct pc_image *img, char *why, size_t why_len) {
  struct pc_buf path;
  pc_buf_init(&path, 1u << 16);
  pc_buf_adds(&path, real_base ? real_base : "");
  pc_buf_addc(&path, '/');
  pc_buf_adds(&path, rel);
  char *real = real_base && !path.failed ? realpath(path.data, NULL) : NULL;
  pc_buf_cleanup(&path);
  if (!real) {
    why_set(why, why_len, "cannot open %s", src);
    return PC_ERR_INPUT;
  }
  size_t bl = strcmp(real_base, "/") == 0 ? 0 : strlen(real_base);
  if (strncmp(real, real_base, bl) != 0 || real[bl] != '/') {
    free(real);
    why_set(why, why_len, "%s: a link out of the input's folder", src);
    return PC_ERR_USAGE;
  }
  bool ok = read_capped(real, max, img, why, why_len);
  free(real);
  return ok ? PC_OK : PC_ERR_INPUT;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Fetches url within the call's limits (count, bytes, time): *capped and
 * PC_ERR_USAGE when one of them leaves no room. */
static pc_status fetch_in(struct pc_imgset *s, const char *url, size_t max,
                          struct pc_image *img, bool *capped, char *why,
                          size_t why_len) {
  const pc_print_opts *o = s->o;
  size_t nmax = o->max_image_fetches > 0 ? (size_t)o->max_image_fetches
                                         : PC_MAX_IMAGE_FETCHES;
  size_t total = o->max_image_total ? o->max_image_total : PC_MAX_IMAGE_TOTAL;
  long budget = o->image_budget_s > 0 ? o->image_budget_s : PC_IMAGE_BUDGET_S;
  long per = o->image_timeout_s > 0 ? o->image_timeout_s : 10;
  double t = now_s();
  if (s->deadline == 0)
    s->deadline = t + (double)budget; /* from the call's first fetch */
  double left = s->deadline - t;
  if (s->fetches >= nmax || s->fetched >= total || left < 1) {
    *capped = true;
    return PC_ERR_USAGE;
  }
  pc_fetch_opts fo;
  pc_fetch_opts_init(&fo);
  fo.max_bytes = max < total - s->fetched ? max : total - s->fetched;
  fo.timeout_s = (double)per < left ? per : (long)left;
  fo.deny_private = o->deny_private_fetch;
  fo.proxy = o->fetch_proxy;
  s->fetches++;
  pc_fetch_result *r = NULL;
  pc_error err;
  if (pc_fetch(url, &fo, &r, &err) != PC_OK) {
    why_set(why, why_len, "%s", err.msg);
    return PC_ERR_INPUT;
  }
  img->data = (unsigned char *)r->body;
  img->len = r->body_len;
  s->fetched += r->body_len;
  r->body = NULL;
  pc_fetch_result_free(r);
  return PC_OK;
}

/* What the bytes are, and whether their size is acceptable. */
static pc_status check_image(struct pc_image *img, const char *name,
                             char *why, size_t why_len) {
  img->kind = sniff(img->data, img->len);
  if (img->kind == PC_IMG_NONE) {
    why_set(why, why_len, "%s: not a JPEG, PNG, GIF or WebP image", name);
    return PC_ERR_INPUT;
  }
  if (!header_size(img)) {
    why_set(why, why_len, "%s: broken image header", name);
    return PC_ERR_INPUT;
  }
  unsigned long long px = (unsigned long long)img->width * (unsigned)img->height;
  unsigned long long cap = img->kind == PC_IMG_JPEG ? PC_MAX_IMAGE_PIXELS_JPEG
                                                   : PC_MAX_IMAGE_PIXELS_DECODED;
  if (img->width > PC_MAX_IMAGE_SIDE || img->height > PC_MAX_IMAGE_SIDE ||
      px > cap) {
    char dims[64];
    snprintf(dims, sizeof dims, "%dx%d", img->width, img->height);
    why_set(why, why_len, "image of %s pixels is over the size cap", dims);
    return PC_ERR_TOO_LARGE;
  }
  return PC_OK;
}

/* Loads the image of src (classified as k, where) into img: PC_ERR_USAGE
 * when left out by choice (*capped: by a limit), else a reason in why. */
static pc_status load(struct pc_imgset *s, enum src_kind k, const char *src,
                      const char *where, struct pc_image *img, bool *capped,
                      char *why, size_t why_len) {
  const pc_print_opts *o = s->o;
  size_t max = o->max_image_bytes ? o->max_image_bytes : 10u << 20;
  pc_status st = PC_ERR_INPUT;
  memset(img, 0, sizeof *img);
  *capped = false;
  if (k == SRC_DATA)
    st = from_data_uri(src, max, img, why, why_len) ? PC_OK : PC_ERR_INPUT;
  else if (k == SRC_URL)
    st = fetch_in(s, where, max, img, capped, why, why_len);
  else if (k == SRC_FILE)
    st = read_inside(s->real_base, where, src, max, img, why, why_len);
  if (st == PC_OK)
    st = check_image(img, k == SRC_DATA ? "data: URI" : src, why, why_len);
  if (st != PC_OK)
    pc_image_free(img);
  return st;
}

void pc_imgset_init(struct pc_imgset *s, const pc_print_opts *o) {
  memset(s, 0, sizeof *s);
  s->o = o;
}

/* Makes s->real_base base_dir's realpath (kept while the documents of a
 * call share one folder). */
static void use_base(struct pc_imgset *s, const char *base_dir) {
  if (base_dir == s->base_of ||
      (base_dir && s->base_of && strcmp(base_dir, s->base_of) == 0))
    return;
  free(s->real_base);
  s->real_base = base_dir ? realpath(base_dir, NULL) : NULL;
  s->base_of = base_dir;
}

struct img_entry {
  pc_status st;
  bool capped;
  struct pc_image img;
};

static void entry_free(void *p) {
  struct img_entry *e = p;
  pc_image_free(&e->img);
  free(e);
}

static void set_warn(const pc_print_opts *o, const char *msg) {
  if (o->warn)
    o->warn(o->warn_closure, msg);
}

pc_status pc_imgset_get(struct pc_imgset *s, const char *src,
                        const char *doc_url, const char *base_dir,
                        const struct pc_image **out) {
  *out = NULL;
  char why[384], msg[512];
  struct pc_buf where, key;
  pc_buf_init(&where, 1u << 20);
  enum src_kind k =
      classify(src, s->o, doc_url, base_dir, &where, why, sizeof why);
  if (k == SRC_SKIP || k == SRC_BAD) {
    pc_buf_cleanup(&where);
    if (k == SRC_SKIP) {
      s->skipped++; /* told once, by pc_imgset_report */
      return PC_ERR_USAGE;
    }
    snprintf(msg, sizeof msg, "image left out: %s", why);
    set_warn(s->o, msg);
    return PC_ERR_INPUT;
  }
  /* the key: the kind, then the URL, the data: URI or the file's path */
  pc_buf_init(&key, 1u << 20);
  pc_buf_addc(&key, (char)('0' + k));
  if (k == SRC_FILE) {
    use_base(s, base_dir);
    pc_buf_adds(&key, s->real_base ? s->real_base : "?");
    pc_buf_addc(&key, '/');
  }
  size_t at = key.len; /* where the source's own part starts */
  pc_buf_adds(&key, k == SRC_DATA ? src : where.data);
  pc_buf_cleanup(&where);
  if (!s->cache)
    s->cache = g_hash_table_new_full(g_str_hash, g_str_equal, free, entry_free);
  struct img_entry *e =
      key.failed ? NULL : g_hash_table_lookup(s->cache, key.data);
  if (!e && !key.failed && (e = calloc(1, sizeof *e))) {
    e->st = load(s, k, src, key.data + at, &e->img, &e->capped, why,
                 sizeof why);
    if (e->st == PC_ERR_USAGE && !e->capped)
      s->skipped++; /* a link out of the folder: at each use, as here */
    if (e->st != PC_OK && e->st != PC_ERR_USAGE) {
      snprintf(msg, sizeof msg, "image left out: %s", why);
      set_warn(s->o, msg); /* once for each distinct source */
    }
    g_hash_table_insert(s->cache, pc_buf_steal(&key, NULL), e);
  } else if (e && e->st == PC_ERR_USAGE && !e->capped) {
    s->skipped++;
  }
  pc_buf_cleanup(&key);
  if (!e)
    return PC_ERR_NOMEM;
  if (e->capped)
    s->capped++;
  if (e->st == PC_OK)
    *out = &e->img;
  return e->st;
}

void pc_imgset_report(struct pc_imgset *s) {
  const pc_print_opts *o = s->o;
  char msg[512];
  if (s->skipped) {
    snprintf(msg, sizeof msg,
             "%zu images left out: remote images are fetched only for URL "
             "inputs or with --fetch-images, local ones are read only from "
             "the input file's folder", s->skipped);
    set_warn(o, msg);
  }
  if (s->capped) {
    snprintf(msg, sizeof msg,
             "%zu images left out: over one call's image fetch limits (%d "
             "fetches, %zu MiB, %ld s)", s->capped,
             o->max_image_fetches > 0 ? o->max_image_fetches
                                      : PC_MAX_IMAGE_FETCHES,
             (o->max_image_total ? o->max_image_total : PC_MAX_IMAGE_TOTAL) >> 20,
             o->image_budget_s > 0 ? o->image_budget_s : (long)PC_IMAGE_BUDGET_S);
    set_warn(o, msg);
  }
  s->skipped = s->capped = 0;
}

void pc_imgset_cleanup(struct pc_imgset *s) {
  if (s->cache)
    g_hash_table_destroy(s->cache);
  free(s->real_base);
  memset(s, 0, sizeof *s);
}

pc_status pc_image_load(const char *src, const pc_print_opts *o,
                        const char *doc_url, struct pc_image *img, char *why,
                        size_t why_len) {
  memset(img, 0, sizeof *img);
  pc_print_opts defaults;
  if (!o) {
    pc_print_opts_init(&defaults);
    o = &defaults;
  }
  struct pc_imgset s;
  pc_imgset_init(&s, o);
  struct pc_buf where;
  pc_buf_init(&where, 1u << 20);
  enum src_kind k = classify(src, o, doc_url, o->base_dir, &where, why,
                             why_len);
  use_base(&s, o->base_dir);
  bool capped = false;
  pc_status st = k == SRC_SKIP  ? PC_ERR_USAGE
                 : k == SRC_BAD ? PC_ERR_INPUT
                                : load(&s, k, src, where.data, img, &capped,
                                       why, why_len);
  if (capped)
    why_set(why, why_len, "%s: over the image fetch limits", src);
  pc_buf_cleanup(&where);
  pc_imgset_cleanup(&s);
  return st;
}

/*** decoding **************************************************************/

static uint32_t premul(unsigned a, unsigned r, unsigned g, unsigned b) {
  if (a != 255) {
    r = (r * a + 127) / 255;
    g = (g * a + 127) / 255;
    b = (b * a + 127) / 255;
  }
  return (uint32_t)a << 24 | (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

static cairo_status_t png_read(void *closure, unsigned char *buf,
                               unsigned int len) {
  struct mem *m = closure;
  if (len > m->n - m->at)
    return CAIRO_STATUS_READ_ERROR;
  memcpy(buf, m->d + m->at, len);
  m->at += len;
  return CAIRO_STATUS_SUCCESS;
}

static uint32_t *decode_png(const struct pc_image *img) {
  struct mem m = {img->data, img->len, 0};
  cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &m);
  uint32_t *px = NULL;
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
      cairo_image_surface_get_width(s) == img->width &&
      cairo_image_surface_get_height(s) == img->height) {
    cairo_surface_flush(s);
    cairo_format_t f = cairo_image_surface_get_format(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *src = cairo_image_surface_get_data(s);
    size_t w = (size_t)img->width, h = (size_t)img->height;
    px = malloc(w * h * 4);
    for (size_t y = 0; px && y < h; y++) {
      const uint32_t *row = (const uint32_t *)(const void *)(src + y * (size_t)stride);
      for (size_t x = 0; x < w; x++)
        px[y * w + x] = f == CAIRO_FORMAT_ARGB32 ? row[x] : row[x] | 0xFF000000u;
    }
  }
  cairo_surface_destroy(s);
  return px;
}

static uint32_t *decode_gif(const struct pc_image *img) {
  struct mem m = {img->data, img->len, 0};
  int e = 0;
  GifFileType *g = DGifOpen(&m, gif_read, &e);
  if (!g)
    return NULL;
  uint32_t *px = NULL;
  if (DGifSlurp(g) == GIF_OK && g->ImageCount > 0 && g->SWidth > 0 &&
      g->SHeight > 0 && g->SWidth == img->width && g->SHeight == img->height) {
    SavedImage *fr = &g->SavedImages[0];
    ColorMapObject *cm = fr->ImageDesc.ColorMap ? fr->ImageDesc.ColorMap
                                                : g->SColorMap;
    GraphicsControlBlock gcb = {0, false, 0, NO_TRANSPARENT_COLOR};
    DGifSavedExtensionToGCB(g, 0, &gcb);
    size_t w = (size_t)g->SWidth, h = (size_t)g->SHeight;
    px = cm ? calloc(w * h, 4) : NULL; /* transparent background */
    int fx = fr->ImageDesc.Left, fy = fr->ImageDesc.Top;
    int fw = fr->ImageDesc.Width, fh = fr->ImageDesc.Height;
    for (int y = 0; px && y < fh; y++)
      for (int x = 0; x < fw; x++) {
        int X = fx + x, Y = fy + y;
        if (X < 0 || Y < 0 || (size_t)X >= w || (size_t)Y >= h)
          continue;
        int ci = fr->RasterBits[(size_t)y * (size_t)fw + (size_t)x];
        if (ci == gcb.TransparentColor || ci >= cm->ColorCount)
          continue;
        GifColorType c = cm->Colors[ci];
        px[(size_t)Y * w + (size_t)X] = premul(255, c.Red, c.Green, c.Blue);
      }
  }
  DGifCloseFile(g, &e);
  return px;
}

static uint32_t *decode_webp(const struct pc_image *img) {
  int w = 0, h = 0;
  uint8_t *rgba = WebPDecodeRGBA(img->data, img->len, &w, &h);
  if (!rgba)
    return NULL;
  uint32_t *px = NULL;
  if (w == img->width && h == img->height)
    px = malloc((size_t)w * (size_t)h * 4);
  for (size_t i = 0; px && i < (size_t)w * (size_t)h; i++)
    px[i] = premul(rgba[4 * i + 3], rgba[4 * i], rgba[4 * i + 1],
                   rgba[4 * i + 2]);
  WebPFree(rgba);
  return px;
}

uint32_t *pc_image_decode(const struct pc_image *img, char *why,
                          size_t why_len) {
  uint32_t *px = NULL;
  switch (img->kind) {
  case PC_IMG_PNG: px = decode_png(img); break;
  case PC_IMG_GIF: px = decode_gif(img); break;
  case PC_IMG_WEBP: px = decode_webp(img); break;
  default: break;
  }
  if (!px)
    why_set(why, why_len, "%s image does not decode", pc_image_mime(img->kind));
  return px;
}

pc_status pc_image_fetch(const char *url, const pc_print_opts *opts,
                         char **data, size_t *len, const char **mime,
                         pc_error *err) {
  if (!url || !opts || !data || !len || !mime)
    return pc_error_set(err, PC_ERR_USAGE, "pc_image_fetch: NULL argument");
  *data = NULL;
  pc_print_opts o = *opts;
  o.fetch_images = 1;
  o.base_dir = NULL; /* a URL only, never a file */
  struct pc_image img;
  char why[384];
  pc_status st = pc_image_load(url, &o, NULL, &img, why, sizeof why);
  if (st != PC_OK)
    return pc_error_set(err, st, "%s", why);
  *data = (char *)img.data;
  *len = img.len;
  *mime = pc_image_mime(img.kind);
  return PC_OK;
}
