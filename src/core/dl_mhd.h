/* dl_mhd.h - libmicrohttpd's functions, loaded by
 * pc_dl_load(PC_DL_MHD).  See dl.h. */
#ifndef PC_DL_MHD_H
#define PC_DL_MHD_H

#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

#include "core/dl.h"

#define PC_DL_MHD_FUNCS(X)                                                     \
  X(MHD_start_daemon)                                                          \
  X(MHD_stop_daemon)                                                           \
  X(MHD_get_daemon_info)                                                       \
  X(MHD_get_connection_info)                                                   \
  X(MHD_get_connection_values)                                                 \
  X(MHD_lookup_connection_value)                                               \
  X(MHD_suspend_connection)                                                    \
  X(MHD_resume_connection)                                                     \
  X(MHD_create_response_from_buffer)                                           \
  X(MHD_add_response_header)                                                   \
  X(MHD_queue_response)                                                        \
  X(MHD_destroy_response)

struct pc_dl_mhd {
  PC_DL_MHD_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_MHD) succeeded. */
const struct pc_dl_mhd *pc_dl_mhd(void);

#ifndef PC_DL_IMPL
#define MHD_start_daemon (pc_dl_mhd()->MHD_start_daemon)
#define MHD_stop_daemon (pc_dl_mhd()->MHD_stop_daemon)
#define MHD_get_daemon_info (pc_dl_mhd()->MHD_get_daemon_info)
#define MHD_get_connection_info (pc_dl_mhd()->MHD_get_connection_info)
#define MHD_get_connection_values (pc_dl_mhd()->MHD_get_connection_values)
#define MHD_lookup_connection_value (pc_dl_mhd()->MHD_lookup_connection_value)
#define MHD_suspend_connection (pc_dl_mhd()->MHD_suspend_connection)
#define MHD_resume_connection (pc_dl_mhd()->MHD_resume_connection)
#define MHD_create_response_from_buffer (pc_dl_mhd()->MHD_create_response_from_buffer)
#define MHD_add_response_header (pc_dl_mhd()->MHD_add_response_header)
#define MHD_queue_response (pc_dl_mhd()->MHD_queue_response)
#define MHD_destroy_response (pc_dl_mhd()->MHD_destroy_response)
#endif

#endif
