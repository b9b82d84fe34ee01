/* zip.c - the EPUB container, written with libzip (loaded when first
 * needed, core/dl_zip.h) into memory and then handed to the caller's
 * writer.  OCF asks that mimetype be the first entry, stored, with no
 * extra field: a reader may check the bytes at offset 30. */
#include "core/dl_zip.h"
#include "epub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where a part goes in the container: the package's files under OEBPS/. */
static void zip_name(const struct pc_epub_part *p, char *out, size_t n) {
  bool top = strcmp(p->name, "mimetype") == 0 ||
             strncmp(p->name, "META-INF/", 9) == 0;
  snprintf(out, n, "%s%s", top ? "" : "OEBPS/", p->name);
}

static pc_status add_parts(zip_t *za, const struct pc_epub_part *parts,
                           size_t n, time_t mtime, pc_error *err) {
  for (size_t i = 0; i < n; i++) {
    char name[64];
    zip_name(&parts[i], name, sizeof name);
    /* borrowed: the parts live until after zip_close */
    zip_source_t *src = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
    zip_int64_t idx = src ? zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      if (src)
        zip_source_free(src);
      return pc_error_set(err, PC_ERR_INTERNAL, "EPUB: zip: %s: %s", name,
                          zip_strerror(za));
    }
    if (zip_set_file_compression(za, (zip_uint64_t)idx,
                                 parts[i].store ? ZIP_CM_STORE
                                                : ZIP_CM_DEFLATE,
                                 parts[i].store ? 0 : 9) != 0 ||
        zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) != 0)
      return pc_error_set(err, PC_ERR_INTERNAL, "EPUB: zip: %s: %s", name,
                          zip_strerror(za));
  }
  return PC_OK;
}

/* Hands the finished archive in src to write. */
static pc_status emit(zip_source_t *src, pc_write_fn write, void *closure,
                      pc_error *err) {
  zip_stat_t zs;
  zip_stat_init(&zs);
  if (zip_source_open(src) != 0)
    return pc_error_set(err, PC_ERR_INTERNAL, "EPUB: zip: cannot read back");
  pc_status st = PC_OK;
  if (zip_source_stat(src, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE))
    st = pc_error_set(err, PC_ERR_INTERNAL, "EPUB: zip: no size");
  unsigned char chunk[65536];
  zip_uint64_t left = st == PC_OK ? zs.size : 0;
  while (st == PC_OK && left > 0) {
    zip_int64_t got = zip_source_read(src, chunk, sizeof chunk);
    if (got <= 0)
      st = pc_error_set(err, PC_ERR_INTERNAL, "EPUB: zip: short read");
    else if (write(closure, chunk, (size_t)got) != 0)
      st = pc_error_set(err, PC_ERR_IO, "EPUB: write failed");
    else
      left -= (zip_uint64_t)got;
  }
  zip_source_close(src);
  return st;
}

pc_status pc_epub_zip(const struct pc_epub_part *parts, size_t n,
                      time_t mtime, pc_write_fn write, void *closure,
                      pc_error *err) {
  pc_status st = pc_dl_load(PC_DL_ZIP, err);
  if (st != PC_OK)
    return st;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
  zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
  if (!za) {
    st = pc_error_set(err, PC_ERR_INTERNAL, "EPUB: zip: %s",
                      zip_error_strerror(&ze));
    if (src)
      zip_source_free(src);
    zip_error_fini(&ze);
    return st;
  }
  zip_error_fini(&ze);
  zip_source_keep(src); /* the archive's bytes outlive zip_close */
  st = add_parts(za, parts, n, mtime, err);
  if (st != PC_OK) {
    zip_discard(za);
  } else if (zip_close(za) != 0) {
    st = pc_error_set(err, PC_ERR_INTERNAL, "EPUB: zip: %s",
                      zip_strerror(za));
    zip_discard(za);
  } else {
    st = emit(src, write, closure, err);
  }
  zip_source_free(src);
  return st;
}
