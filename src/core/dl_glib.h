/* dl_glib.h - GLib's functions for the stages outside print/ (archive,
 * batch, server, mail), loaded by pc_dl_glib() on first use.  See dl.h.
 *
 * GLib comes with the print stack (cairo, pango) and GMime; linked to the
 * program it is loaded, with libpcre2, by every command, `extract` of one
 * page included, which uses none of it.  So outside print/ (whose module,
 * presscut-print.so, links GLib itself: src/print/module.c) GLib is
 * called through this table.  Unlike the other tables, the table loads
 * itself: pc_dl_glib() loads GLib on its first call (pthread_once), as its
 * functions are called from many places and GLib is no optional
 * dependency; a GLib that cannot be loaded is reported on stderr and the
 * process aborts (it is an installation fault, like a missing libc).
 *
 * Two entries are data, not functions: g_ascii_table (g_ascii_isspace and
 * the other class macros) and g_utf8_skip (g_utf8_next_char). */
#ifndef PC_DL_GLIB_H
#define PC_DL_GLIB_H

#include <glib.h>

#include "core/dl.h"

#define PC_DL_GLIB_FUNCS(X)                                                   \
  X(g_free)                                                                   \
  X(g_malloc)                                                                 \
  X(g_malloc0)                                                                \
  X(g_malloc0_n)                                                              \
  X(g_malloc_n)                                                               \
  X(g_strdup)                                                                 \
  X(g_strndup)                                                                \
  X(g_strdup_printf)                                                          \
  X(g_strconcat)                                                              \
  X(g_strsplit_set)                                                           \
  X(g_strfreev)                                                               \
  X(g_strchug)                                                                \
  X(g_strchomp)                                                               \
  X(g_build_filename)                                                         \
  X(g_ascii_strcasecmp)                                                       \
  X(g_ascii_strncasecmp)                                                      \
  X(g_ascii_strdown)                                                          \
  X(g_ascii_tolower)                                                          \
  X(g_utf8_strdown)                                                           \
  X(g_utf8_get_char)                                                          \
  X(g_unichar_islower)                                                        \
  X(g_unichar_isalnum)                                                        \
  X(g_unichar_type)                                                           \
  X(g_utf8_normalize)                                                         \
  X(g_string_new)                                                             \
  X(g_string_free)                                                            \
  X(g_string_insert_c)                                                        \
  X(g_string_append)                                                          \
  X(g_string_append_printf)                                                   \
  X(g_string_printf)                                                          \
  X(g_string_append_unichar)                                                  \
  X(g_hash_table_new)                                                         \
  X(g_hash_table_new_full)                                                    \
  X(g_hash_table_destroy)                                                     \
  X(g_hash_table_contains)                                                    \
  X(g_hash_table_lookup)                                                      \
  X(g_hash_table_insert)                                                      \
  X(g_hash_table_add)                                                         \
  X(g_hash_table_size)                                                        \
  X(g_hash_table_remove_all)                                                  \
  X(g_hash_table_foreach)                                                     \
  X(g_str_hash)                                                               \
  X(g_str_equal)                                                              \
  X(g_direct_hash)                                                            \
  X(g_direct_equal)                                                           \
  X(g_ptr_array_new_with_free_func)                                           \
  X(g_ptr_array_free)                                                         \
  X(g_ptr_array_add)                                                          \
  X(g_date_time_new_now_local)                                                \
  X(g_date_time_unref)                                                        \
  X(g_checksum_new)                                                           \
  X(g_checksum_update)                                                        \
  X(g_checksum_get_string)                                                    \
  X(g_checksum_free)                                                          \
  X(g_compute_checksum_for_data)                                              \
  X(g_compute_hmac_for_string)                                                \
  X(g_ascii_table)                                                            \
  X(g_utf8_skip)

struct pc_dl_glib {
  PC_DL_GLIB_FUNCS(PC_DL_FIELD)
};

/* The table, GLib loaded (see above). */
const struct pc_dl_glib *pc_dl_glib(void);

#ifndef PC_DL_IMPL
/* GLib's inline g_string_append_c calls g_string_insert_c by its own name
 * (in the header, before the definitions below): said here again. */
#undef g_string_append_c
#define g_string_append_c(s, c) g_string_insert_c((s), -1, (c))
/* and defines g_str_equal(a, b) as strcmp: the table's is the same */
#undef g_str_equal
#define g_free (pc_dl_glib()->g_free)
#define g_malloc (pc_dl_glib()->g_malloc)
#define g_malloc0 (pc_dl_glib()->g_malloc0)
#define g_malloc0_n (pc_dl_glib()->g_malloc0_n)
#define g_malloc_n (pc_dl_glib()->g_malloc_n)
#define g_strdup (pc_dl_glib()->g_strdup)
#define g_strndup (pc_dl_glib()->g_strndup)
#define g_strdup_printf (pc_dl_glib()->g_strdup_printf)
#define g_strconcat (pc_dl_glib()->g_strconcat)
#define g_strsplit_set (pc_dl_glib()->g_strsplit_set)
#define g_strfreev (pc_dl_glib()->g_strfreev)
#define g_strchug (pc_dl_glib()->g_strchug)
#define g_strchomp (pc_dl_glib()->g_strchomp)
#define g_build_filename (pc_dl_glib()->g_build_filename)
#define g_ascii_strcasecmp (pc_dl_glib()->g_ascii_strcasecmp)
#define g_ascii_strncasecmp (pc_dl_glib()->g_ascii_strncasecmp)
#define g_ascii_strdown (pc_dl_glib()->g_ascii_strdown)
#define g_ascii_tolower (pc_dl_glib()->g_ascii_tolower)
#define g_utf8_strdown (pc_dl_glib()->g_utf8_strdown)
#define g_utf8_get_char (pc_dl_glib()->g_utf8_get_char)
#define g_unichar_islower (pc_dl_glib()->g_unichar_islower)
#define g_unichar_isalnum (pc_dl_glib()->g_unichar_isalnum)
#define g_unichar_type (pc_dl_glib()->g_unichar_type)
#define g_utf8_normalize (pc_dl_glib()->g_utf8_normalize)
#define g_string_new (pc_dl_glib()->g_string_new)
#define g_string_free (pc_dl_glib()->g_string_free)
#define g_string_insert_c (pc_dl_glib()->g_string_insert_c)
#define g_string_append (pc_dl_glib()->g_string_append)
#define g_string_append_printf (pc_dl_glib()->g_string_append_printf)
#define g_string_printf (pc_dl_glib()->g_string_printf)
#define g_string_append_unichar (pc_dl_glib()->g_string_append_unichar)
#define g_hash_table_new (pc_dl_glib()->g_hash_table_new)
#define g_hash_table_new_full (pc_dl_glib()->g_hash_table_new_full)
#define g_hash_table_destroy (pc_dl_glib()->g_hash_table_destroy)
#define g_hash_table_contains (pc_dl_glib()->g_hash_table_contains)
#define g_hash_table_lookup (pc_dl_glib()->g_hash_table_lookup)
#define g_hash_table_insert (pc_dl_glib()->g_hash_table_insert)
#define g_hash_table_add (pc_dl_glib()->g_hash_table_add)
#define g_hash_table_size (pc_dl_glib()->g_hash_table_size)
#define g_hash_table_remove_all (pc_dl_glib()->g_hash_table_remove_all)
#define g_hash_table_foreach (pc_dl_glib()->g_hash_table_foreach)
#define g_str_hash (pc_dl_glib()->g_str_hash)
#define g_str_equal (pc_dl_glib()->g_str_equal)
#define g_direct_hash (pc_dl_glib()->g_direct_hash)
#define g_direct_equal (pc_dl_glib()->g_direct_equal)
#define g_ptr_array_new_with_free_func (pc_dl_glib()->g_ptr_array_new_with_free_func)
#define g_ptr_array_free (pc_dl_glib()->g_ptr_array_free)
#define g_ptr_array_add (pc_dl_glib()->g_ptr_array_add)
#define g_date_time_new_now_local (pc_dl_glib()->g_date_time_new_now_local)
#define g_date_time_unref (pc_dl_glib()->g_date_time_unref)
#define g_checksum_new (pc_dl_glib()->g_checksum_new)
#define g_checksum_update (pc_dl_glib()->g_checksum_update)
#define g_checksum_get_string (pc_dl_glib()->g_checksum_get_string)
#define g_checksum_free (pc_dl_glib()->g_checksum_free)
#define g_compute_checksum_for_data (pc_dl_glib()->g_compute_checksum_for_data)
#define g_compute_hmac_for_string (pc_dl_glib()->g_compute_hmac_for_string)
#define g_ascii_table (*pc_dl_glib()->g_ascii_table)
#define g_utf8_skip (*pc_dl_glib()->g_utf8_skip)
#endif

#endif
