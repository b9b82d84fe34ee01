/* dl_sqlite.h - SQLite's functions, loaded by pc_dl_load(PC_DL_SQLITE)
 * when an archive is opened (archive/sqlite.c).  See dl.h. */
#ifndef PC_DL_SQLITE_H
#define PC_DL_SQLITE_H

#include <sqlite3.h>

#include "core/dl.h"

#define PC_DL_SQLITE_FUNCS(X)                                                 \
  X(sqlite3_bind_int)                                                         \
  X(sqlite3_bind_int64)                                                       \
  X(sqlite3_bind_null)                                                        \
  X(sqlite3_bind_text)                                                        \
  X(sqlite3_busy_timeout)                                                     \
  X(sqlite3_clear_bindings)                                                   \
  X(sqlite3_close)                                                            \
  X(sqlite3_config)                                                            \
  X(sqlite3_column_int)                                                       \
  X(sqlite3_column_int64)                                                     \
  X(sqlite3_column_text)                                                      \
  X(sqlite3_errcode)                                                          \
  X(sqlite3_errmsg)                                                           \
  X(sqlite3_errstr)                                                           \
  X(sqlite3_exec)                                                             \
  X(sqlite3_extended_result_codes)                                            \
  X(sqlite3_finalize)                                                         \
  X(sqlite3_last_insert_rowid)                                                \
  X(sqlite3_changes)                                                          \
  X(sqlite3_open_v2)                                                          \
  X(sqlite3_prepare_v2)                                                       \
  X(sqlite3_prepare_v3)                                                       \
  X(sqlite3_reset)                                                            \
  X(sqlite3_step)

struct pc_dl_sqlite {
  PC_DL_SQLITE_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_SQLITE) succeeded. */
const struct pc_dl_sqlite *pc_dl_sqlite(void);

#ifndef PC_DL_IMPL
#define sqlite3_bind_int (pc_dl_sqlite()->sqlite3_bind_int)
#define sqlite3_bind_int64 (pc_dl_sqlite()->sqlite3_bind_int64)
#define sqlite3_bind_null (pc_dl_sqlite()->sqlite3_bind_null)
#define sqlite3_bind_text (pc_dl_sqlite()->sqlite3_bind_text)
#define sqlite3_busy_timeout (pc_dl_sqlite()->sqlite3_busy_timeout)
#define sqlite3_clear_bindings (pc_dl_sqlite()->sqlite3_clear_bindings)
#define sqlite3_close (pc_dl_sqlite()->sqlite3_close)
#define sqlite3_config (pc_dl_sqlite()->sqlite3_config)
#define sqlite3_column_int (pc_dl_sqlite()->sqlite3_column_int)
#define sqlite3_column_int64 (pc_dl_sqlite()->sqlite3_column_int64)
#define sqlite3_column_text (pc_dl_sqlite()->sqlite3_column_text)
#define sqlite3_errcode (pc_dl_sqlite()->sqlite3_errcode)
#define sqlite3_errmsg (pc_dl_sqlite()->sqlite3_errmsg)
#define sqlite3_errstr (pc_dl_sqlite()->sqlite3_errstr)
#define sqlite3_exec (pc_dl_sqlite()->sqlite3_exec)
#define sqlite3_extended_result_codes (pc_dl_sqlite()->sqlite3_extended_result_codes)
#define sqlite3_finalize (pc_dl_sqlite()->sqlite3_finalize)
#define sqlite3_last_insert_rowid (pc_dl_sqlite()->sqlite3_last_insert_rowid)
#define sqlite3_changes (pc_dl_sqlite()->sqlite3_changes)
#define sqlite3_open_v2 (pc_dl_sqlite()->sqlite3_open_v2)
#define sqlite3_prepare_v2 (pc_dl_sqlite()->sqlite3_prepare_v2)
#define sqlite3_prepare_v3 (pc_dl_sqlite()->sqlite3_prepare_v3)
#define sqlite3_reset (pc_dl_sqlite()->sqlite3_reset)
#define sqlite3_step (pc_dl_sqlite()->sqlite3_step)
#endif

#endif
