/* dl_gmime.h - GMime's functions (and the type functions its
 * cast and check macros call), loaded by
 * pc_dl_load(PC_DL_GMIME).  See dl.h. */
#ifndef PC_DL_GMIME_H
#define PC_DL_GMIME_H

#include <gmime/gmime.h>

#include "core/dl.h"

#define PC_DL_GMIME_FUNCS(X)                                                   \
  X(g_mime_init)                                                               \
  X(g_object_unref)                                                            \
  X(g_type_check_instance_cast)                                                \
  X(g_type_check_instance_is_a)                                                \
  X(g_mime_object_get_type)                                                    \
  X(g_mime_stream_mem_get_type)                                                \
  X(internet_address_mailbox_get_type)                                         \
  X(g_mime_data_wrapper_new_with_stream)                                       \
  X(g_mime_format_options_clone)                                               \
  X(g_mime_format_options_free)                                                \
  X(g_mime_format_options_set_newline_format)                                  \
  X(g_mime_message_get_cc)                                                     \
  X(g_mime_message_get_from)                                                   \
  X(g_mime_message_get_to)                                                     \
  X(g_mime_message_new)                                                        \
  X(g_mime_message_set_date)                                                   \
  X(g_mime_message_set_message_id)                                             \
  X(g_mime_message_set_mime_part)                                              \
  X(g_mime_message_set_subject)                                                \
  X(g_mime_multipart_add)                                                      \
  X(g_mime_multipart_new_with_subtype)                                         \
  X(g_mime_object_encode)                                                      \
  X(g_mime_object_set_content_type_parameter)                                  \
  X(g_mime_object_set_header)                                                  \
  X(g_mime_object_write_to_stream)                                             \
  X(g_mime_parser_construct_message)                                           \
  X(g_mime_parser_new_with_stream)                                             \
  X(g_mime_parser_options_get_default)                                         \
  X(g_mime_part_new_with_type)                                                 \
  X(g_mime_part_set_content)                                                   \
  X(g_mime_part_set_content_encoding)                                          \
  X(g_mime_part_set_filename)                                                  \
  X(g_mime_stream_mem_get_byte_array)                                          \
  X(g_mime_stream_mem_new)                                                     \
  X(g_mime_stream_mem_new_with_buffer)                                         \
  X(g_mime_text_part_new_with_subtype)                                         \
  X(g_mime_text_part_set_text)                                                 \
  X(g_mime_utils_generate_message_id)                                          \
  X(internet_address_list_append)                                              \
  X(internet_address_list_get_address)                                         \
  X(internet_address_list_length)                                              \
  X(internet_address_list_parse)                                               \
  X(internet_address_mailbox_get_addr)

struct pc_dl_gmime {
  PC_DL_GMIME_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_GMIME) succeeded. */
const struct pc_dl_gmime *pc_dl_gmime(void);

#ifndef PC_DL_IMPL
#define g_mime_init (pc_dl_gmime()->g_mime_init)
/* GObject's, found through GMime's handle (it depends on GObject) */
#define g_object_unref (pc_dl_gmime()->g_object_unref)
#define g_type_check_instance_cast (pc_dl_gmime()->g_type_check_instance_cast)
#define g_type_check_instance_is_a (pc_dl_gmime()->g_type_check_instance_is_a)
#define g_mime_object_get_type (pc_dl_gmime()->g_mime_object_get_type)
#define g_mime_stream_mem_get_type (pc_dl_gmime()->g_mime_stream_mem_get_type)
#define internet_address_mailbox_get_type (pc_dl_gmime()->internet_address_mailbox_get_type)
#define g_mime_data_wrapper_new_with_stream (pc_dl_gmime()->g_mime_data_wrapper_new_with_stream)
#define g_mime_format_options_clone (pc_dl_gmime()->g_mime_format_options_clone)
#define g_mime_format_options_free (pc_dl_gmime()->g_mime_format_options_free)
#define g_mime_format_options_set_newline_format (pc_dl_gmime()->g_mime_format_options_set_newline_format)
#define g_mime_message_get_cc (pc_dl_gmime()->g_mime_message_get_cc)
#define g_mime_message_get_from (pc_dl_gmime()->g_mime_message_get_from)
#define g_mime_message_get_to (pc_dl_gmime()->g_mime_message_get_to)
#define g_mime_message_new (pc_dl_gmime()->g_mime_message_new)
#define g_mime_message_set_date (pc_dl_gmime()->g_mime_message_set_date)
#define g_mime_message_set_message_id (pc_dl_gmime()->g_mime_message_set_message_id)
#define g_mime_message_set_mime_part (pc_dl_gmime()->g_mime_message_set_mime_part)
#define g_mime_message_set_subject (pc_dl_gmime()->g_mime_message_set_subject)
#define g_mime_multipart_add (pc_dl_gmime()->g_mime_multipart_add)
#define g_mime_multipart_new_with_subtype (pc_dl_gmime()->g_mime_multipart_new_with_subtype)
#define g_mime_object_encode (pc_dl_gmime()->g_mime_object_encode)
#define g_mime_object_set_content_type_parameter (pc_dl_gmime()->g_mime_object_set_content_type_parameter)
#define g_mime_object_set_header (pc_dl_gmime()->g_mime_object_set_header)
#define g_mime_object_write_to_stream (pc_dl_gmime()->g_mime_object_write_to_stream)
#define g_mime_parser_construct_message (pc_dl_gmime()->g_mime_parser_construct_message)
#define g_mime_parser_new_with_stream (pc_dl_gmime()->g_mime_parser_new_with_stream)
#define g_mime_parser_options_get_default (pc_dl_gmime()->g_mime_parser_options_get_default)
#define g_mime_part_new_with_type (pc_dl_gmime()->g_mime_part_new_with_type)
#define g_mime_part_set_content (pc_dl_gmime()->g_mime_part_set_content)
#define g_mime_part_set_content_encoding (pc_dl_gmime()->g_mime_part_set_content_encoding)
#define g_mime_part_set_filename (pc_dl_gmime()->g_mime_part_set_filename)
#define g_mime_stream_mem_get_byte_array (pc_dl_gmime()->g_mime_stream_mem_get_byte_array)
#define g_mime_stream_mem_new (pc_dl_gmime()->g_mime_stream_mem_new)
#define g_mime_stream_mem_new_with_buffer (pc_dl_gmime()->g_mime_stream_mem_new_with_buffer)
#define g_mime_text_part_new_with_subtype (pc_dl_gmime()->g_mime_text_part_new_with_subtype)
#define g_mime_text_part_set_text (pc_dl_gmime()->g_mime_text_part_set_text)
#define g_mime_utils_generate_message_id (pc_dl_gmime()->g_mime_utils_generate_message_id)
#define internet_address_list_append (pc_dl_gmime()->internet_address_list_append)
#define internet_address_list_get_address (pc_dl_gmime()->internet_address_list_get_address)
#define internet_address_list_length (pc_dl_gmime()->internet_address_list_length)
#define internet_address_list_parse (pc_dl_gmime()->internet_address_list_parse)
#define internet_address_mailbox_get_addr (pc_dl_gmime()->internet_address_mailbox_get_addr)
#endif

#endif
