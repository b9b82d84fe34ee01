/* image.c - reading images for print: where they come from (data: URIs,
 * http(s), local files), what they are (sniffed from their bytes, never
 * from a name) and how big they claim to be (read from the header before
 * anything is decoded, so a 100,000 x 100,000 claim costs nothing).
 * Decoding uses the formats' own libraries: libjpeg (header only: JPEG is
 * embedded as-is), cairo's PNG reader, giflib and libwebp. */
#include "print.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static bool from_url(const char *src, const pc_print_opts *o, size_t max,
                     struct pc_image *img, char *why, size_t why_len) {
  pc_fetch_opts fo;
  pc_fetch_opts_init(&fo);
  fo.max_bytes = max;
  fo.timeout_s = o->image_timeout_s > 0 ? o->image_timeout_s : 10;
  fo.deny_private = o->deny_private_fetch;
  fo.proxy = o->fetch_proxy;
  pc_fetch_result *r = NULL;
  pc_error err;
  if (pc_fetch(src, &fo, &r, &err) != PC_OK) {
    why_set(why, why_len, "%s", err.msg);
    return false;
  }
  img->data = (unsigned char *)r->body;
  img->len = r->body_len;
  r->body = NULL;
  pc_fetch_result_free(r);
  return true;
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

pc_status pc_image_load(const char *src, const pc_print_opts *o,
                        const char *doc_url, struct pc_image *img, char *why,
                        size_t why_len) {
  memset(img, 0, sizeof *img);
  const char *local = NULL;
  if (o && o->base_dir && !o->fetch_images && src &&
      (pc_ascii_istarts(src, "http://") || pc_ascii_istarts(src, "https://")))
    local = under_page(src, doc_url);
  if (local)
    src = local; /* read next to the input file, below */
  size_t max = o && o->max_image_bytes ? o->max_image_bytes : 10u << 20;
  if (!src || !*src) {
    why_set(why, why_len, "no image source%s", NULL);
    return PC_ERR_INPUT;
  }
  bool ok;
  if (pc_ascii_istarts(src, "data:")) {
    ok = from_data_uri(src, max, img, why, why_len);
  } else if (pc_ascii_istarts(src, "http://") ||
             pc_ascii_istarts(src, "https://")) {
    if (!o || !o->fetch_images) {
      why_set(why, why_len, "%s: remote images are not fetched (--fetch-images)",
              src);
      return PC_ERR_USAGE;
    }
    ok = from_url(src, o, max, img, why, why_len);
  } else if (strchr(src, ':') &&
             strcspn(src, ":") < strcspn(src, "/?#")) { /* a scheme */
    why_set(why, why_len, "%s: unsupported URL scheme", src);
    return PC_ERR_INPUT;
  } else {
    if (!o || !o->base_dir) {
      why_set(why, why_len, "%s: local images are not read here", src);
      return PC_ERR_USAGE;
    }
    struct pc_buf path;
    pc_buf_init(&path, 8192);
    if (src[0] != '/') {
      pc_buf_adds(&path, o->base_dir);
      pc_buf_addc(&path, '/');
    }
    /* a query or fragment is not part of a file name */
    pc_buf_add(&path, src, strcspn(src, "?#"));
    ok = !path.failed && read_capped(path.data, max, img, why, why_len);
    pc_buf_cleanup(&path);
  }
  if (!ok) {
    pc_image_free(img);
    return PC_ERR_INPUT;
  }
  img->kind = sniff(img->data, img->len);
  if (img->kind == PC_IMG_NONE) {
    why_set(why, why_len, "%s: not a JPEG, PNG, GIF or WebP image",
            pc_ascii_istarts(src, "data:") ? "data: URI" : src);
    pc_image_free(img);
    return PC_ERR_INPUT;
  }
  if (!header_size(img)) {
    why_set(why, why_len, "%s: broken image header",
            pc_ascii_istarts(src, "data:") ? "data: URI" : src);
    pc_image_free(img);
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
    pc_image_free(img);
    return PC_ERR_TOO_LARGE;
  }
  return PC_OK;
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
