/* dl_zip.h - libzip's functions, loaded by pc_dl_load(PC_DL_ZIP) when an
 * EPUB is written (src/epub/zip.c): only `epub` and what sends or serves
 * one pay for it.  See dl.h. */
#ifndef PC_DL_ZIP_H
#define PC_DL_ZIP_H

#include <zip.h>

#include "core/dl.h"

#define PC_DL_ZIP_FUNCS(X)                                                     \
  X(zip_source_buffer_create)                                                  \
  X(zip_source_buffer)                                                         \
  X(zip_source_keep)                                                           \
  X(zip_source_free)                                                           \
  X(zip_source_open)                                                           \
  X(zip_source_read)                                                           \
  X(zip_source_close)                                                          \
  X(zip_source_stat)                                                           \
  X(zip_stat_init)                                                             \
  X(zip_open_from_source)                                                      \
  X(zip_file_add)                                                              \
  X(zip_set_file_compression)                                                  \
  X(zip_file_set_mtime)                                                        \
  X(zip_close)                                                                 \
  X(zip_discard)                                                               \
  X(zip_strerror)                                                              \
  X(zip_error_init)                                                            \
  X(zip_error_fini)                                                            \
  X(zip_error_strerror)

struct pc_dl_zip {
  PC_DL_ZIP_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_ZIP) succeeded. */
const struct pc_dl_zip *pc_dl_zip(void);

#ifndef PC_DL_IMPL
#define zip_source_buffer_create (pc_dl_zip()->zip_source_buffer_create)
#define zip_source_buffer (pc_dl_zip()->zip_source_buffer)
#define zip_source_keep (pc_dl_zip()->zip_source_keep)
#define zip_source_free (pc_dl_zip()->zip_source_free)
#define zip_source_open (pc_dl_zip()->zip_source_open)
#define zip_source_read (pc_dl_zip()->zip_source_read)
#define zip_source_close (pc_dl_zip()->zip_source_close)
#define zip_source_stat (pc_dl_zip()->zip_source_stat)
#define zip_stat_init (pc_dl_zip()->zip_stat_init)
#define zip_open_from_source (pc_dl_zip()->zip_open_from_source)
#define zip_file_add (pc_dl_zip()->zip_file_add)
#define zip_set_file_compression (pc_dl_zip()->zip_set_file_compression)
#define zip_file_set_mtime (pc_dl_zip()->zip_file_set_mtime)
#define zip_close (pc_dl_zip()->zip_close)
#define zip_discard (pc_dl_zip()->zip_discard)
#define zip_strerror (pc_dl_zip()->zip_strerror)
#define zip_error_init (pc_dl_zip()->zip_error_init)
#define zip_error_fini (pc_dl_zip()->zip_error_fini)
#define zip_error_strerror (pc_dl_zip()->zip_error_strerror)
#endif

#endif
