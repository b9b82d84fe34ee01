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
 * opts->fetch_images), or a relative path inside opts->base_dir (when set;
 * after resolving symlinks, never outside it).  A path from the root
 * ("/a.png": root-relative on the web) or a file: URL is never read.
 * doc_url (may be NULL) is the page's address: with base_dir set and no
 * fetching, an image under the page's own folder on the web is read from
 * the same place under base_dir, as a saved page keeps it.  On failure
 * returns an error status (PC_ERR_USAGE: left out by choice) and a
 * one-line reason in why.  One image, no per-call limits: a document's
 * images go through a struct pc_imgset. */
pc_status pc_image_load(const char *src, const pc_print_opts *opts,
                        const char *doc_url, struct pc_image *img, char *why,
                        size_t why_len);

/* The images of one print call (pc_print_html, pc_pdf): each distinct
 * source is read once, and the call's fetches are capped in number, bytes
 * and time (opts->max_image_fetches, max_image_total, image_budget_s).
 * It warns (opts->warn) once per broken image and counts the images left
 * out by choice or by a limit for pc_imgset_report.  Owns its images. */
struct pc_imgset {
  const pc_print_opts *o;
  void *cache;          /* GHashTable: key -> struct img_entry */
  const char *base_of;  /* the base_dir real_base is of (borrowed) */
  char *real_base;      /* its realpath, or NULL */
  size_t fetches;       /* fetches started */
  size_t fetched;       /* bytes they brought */
  double deadline;      /* CLOCK_MONOTONIC seconds; 0 = no fetch yet */
  size_t skipped;       /* uses left out by choice (where they come from) */
  size_t capped;        /* uses left out by the call's limits */
};
void pc_imgset_init(struct pc_imgset *s, const pc_print_opts *opts);
/* The image of src in a document at doc_url whose local images are in
 * base_dir (as opts->base_dir for pc_image_load), or an error status (it
 * has already warned, or counted it).  *img is borrowed from s and lives
 * until pc_imgset_cleanup. */
pc_status pc_imgset_get(struct pc_imgset *s, const char *src,
                        const char *doc_url, const char *base_dir,
                        const struct pc_image **img);
/* Warns about what was counted: one line for the images left out by
 * choice, one for those over the limits; then zeroes the counts. */
void pc_imgset_report(struct pc_imgset *s);
void pc_imgset_cleanup(struct pc_imgset *s);
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

/* A table row of n cells, escaped: <tr><td>CELL</td>...</tr> and a line
 * end (the print HTML's tables and the EPUB's claims). */
void pc_print_table_row(struct pc_buf *b, const char *const *cell, size_t n);

#endif
