/* dl_systemd.h - libsystemd's functions, loaded by
 * pc_dl_load(PC_DL_SYSTEMD) when presscut serve runs under systemd
 * (NOTIFY_SOCKET is set: Type=notify).  See dl.h. */
#ifndef PC_DL_SYSTEMD_H
#define PC_DL_SYSTEMD_H

#include <systemd/sd-daemon.h>

#include "core/dl.h"

#define PC_DL_SYSTEMD_FUNCS(X) X(sd_notify)

struct pc_dl_systemd {
  PC_DL_SYSTEMD_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_SYSTEMD)
 * succeeded. */
const struct pc_dl_systemd *pc_dl_systemd(void);

#ifndef PC_DL_IMPL
#define sd_notify (pc_dl_systemd()->sd_notify)
#endif

#endif
