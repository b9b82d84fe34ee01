/* epub.h - shared declarations of the EPUB writer: the XHTML of its
 * chapters (xhtml.c), the book around them (epub.c) and the zip
 * container (zip.c). */
#ifndef PC_EPUB_H
#define PC_EPUB_H

#include "print/print.h"

#include <time.h>

/* One file of the book, in the order it goes into the container. */
struct pc_epub_part {
  char name[48];        /* path inside the container */
  const char *media;    /* its media type for the package; NULL: none */
  const char *props;    /* manifest properties ("nav"), or NULL */
  unsigned char *data;  /* owned when owned is true */
  size_t len;
  bool owned;
  bool store;           /* stored uncompressed (mimetype, images) */
};

/* One image of the book: the call's image (borrowed from the set) and the
 * file it became; a WebP image is stored as PNG (EPUB 3.2 has no WebP). */
struct pc_epub_img {
  const struct pc_image *img;
  size_t part;          /* index in the parts */
};

/* The book being written. */
struct pc_epub {
  const pc_print_opts *o;
  struct pc_imgset set;       /* every image read once */
  struct pc_epub_part *parts; /* the files, grown as they come */
  size_t nparts, cap;
  struct pc_epub_img *imgs;
  size_t nimgs, imgcap;
  size_t nimg_uses;           /* figures of the document being written,
                                 for PC_MAX_IMAGES */
  pc_status fatal;            /* out of memory */
};

/* Appends a file (takes data when owned); NULL when out of memory (then
 * an owned data is freed and e->fatal set). */
struct pc_epub_part *pc_epub_add(struct pc_epub *e, const char *name,
                                 const char *media, unsigned char *data,
                                 size_t len, bool owned);

/* XHTML text: s escaped for an element or an attribute. */
void pc_epub_esc(struct pc_buf *b, const char *s);
/* The start of an XHTML file up to <body>; lang may be NULL. */
void pc_epub_head(struct pc_buf *b, const char *title, const char *lang);
/* Drops what XML 1.0 does not allow in a document (C0 controls but tab,
 * LF and CR; U+FFFE, U+FFFF): the model's text is UTF-8, not XML. */
void pc_epub_scrub(struct pc_buf *b);
/* An href for a link: an absolute http(s) or mailto URL with the bytes
 * a URI may not hold percent-encoded; false (nothing written) when url
 * is not one. */
bool pc_epub_href(struct pc_buf *b, const char *url);

/* The chapter of document di (its blocks, quotes marked when the options
 * ask for who said what). */
void pc_epub_chapter(struct pc_epub *e, const pc_doc *doc, size_t di,
                     const char *base_dir, struct pc_buf *b);
/* The who-said-what chapter of all the documents, each quote linked to
 * its place in chapter "aN.xhtml" (N = 1 + the document's index). */
void pc_epub_wsw(const pc_doc *const *docs, size_t n, struct pc_buf *b);
/* Which quotes of doc are marked in its chapter (with id q->id): those
 * of their own (not inside another) in a paragraph, heading or block
 * quote, not overlapping one kept before them.  A malloc'd array of
 * pc_doc_quote_count(doc) flags; NULL when there are none or out of
 * memory. */
bool *pc_epub_marks(const pc_doc *doc);

/* Writes the parts as a zip: the first (mimetype) stored and without
 * extra fields, every entry dated mtime. */
pc_status pc_epub_zip(const struct pc_epub_part *parts, size_t n,
                      time_t mtime, pc_write_fn write, void *closure,
                      pc_error *err);

#endif
