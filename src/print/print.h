/* print.h - shared declarations of the print stage (HTML and PDF). */
#ifndef PC_PRINT_H
#define PC_PRINT_H

#include "internal.h"

#define PC_MAX_IMAGE_PIXELS_DECODED (16u * 1024 * 1024) /* 64 MiB as ARGB */
#define PC_MAX_IMAGE_PIXELS_JPEG (100u * 1000 * 1000)   /* kept as-is */
#define PC_MAX_IMAGE_SIDE 30000
#define PC_MAX_PAGES 5000
#define PC_MAX_IMAGES 500 /* per document */

enum pc_img_kind { PC_IMG_NONE, PC_IMG_JPEG, PC_IMG_PNG, PC_IMG_GIF,
                   PC_IMG_WEBP };

/* An image file's bytes and its size in pixels.  Owns data. */
struct pc_image {
  enum pc_img_kind kind;
  unsigned char *data;
  size_t len;
  int width, height;
};

/* Reads the image src names: a data: URI, an http(s) URL (when
 * opts->fetch_images), or a path relative to opts->base_dir (when set).
 * doc_url (may be NULL) is the page's address: with base_dir set and no
 * fetching, an image under the page's own folder on the web is read from
 * the same place under base_dir, as a saved page keeps it.  On failure
 * returns an error status (PC_ERR_USAGE: left out by choice) and a
 * one-line reason in why. */
pc_status pc_image_load(const char *src, const pc_print_opts *opts,
                        const char *doc_url, struct pc_image *img, char *why,
                        size_t why_len);
void pc_image_free(struct pc_image *img);
const char *pc_image_mime(enum pc_img_kind kind);
/* Decodes a PNG, GIF or WebP image into malloc'd premultiplied native
 * ARGB32 pixels (cairo's layout, stride width * 4); NULL on failure. */
uint32_t *pc_image_decode(const struct pc_image *img, char *why,
                          size_t why_len);

/* Options with defaults filled in, and the numbers both outputs use. */
struct pc_style {
  double page_w, page_h;   /* points */
  double margin;           /* points */
  double body_pt;          /* body text size */
  const char *family;      /* fontconfig family list */
  const char *mono;
  double image_share;      /* of the text width; 0 = no images */
  bool justify, header, footer;
};
void pc_style_from(const pc_print_opts *opts, struct pc_style *st);

#endif
