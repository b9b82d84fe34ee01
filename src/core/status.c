/* status.c - status codes, their text and per-call error detail. */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

const char *pc_strerror(pc_status status) {
  switch (status) {
  case PC_OK: return "success";
  case PC_ERR_USAGE: return "bad usage";
  case PC_ERR_INPUT: return "bad input";
  case PC_ERR_TOO_LARGE: return "input over a limit";
  case PC_ERR_NETWORK: return "network error";
  case PC_ERR_NOMEM: return "out of memory";
  case PC_ERR_INTERNAL: return "internal error";
  case PC_ERR_IO: return "input/output error";
  case PC_ERR_NOT_FOUND: return "not found";
  }
  return "unknown status";
}

pc_status pc_error_set(pc_error *err, pc_status status, const char *fmt,
                       ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    /* One line: a message never carries a newline from its input. */
    for (char *p = err->msg; *p; p++)
      if (*p == '\n' || *p == '\r')
        *p = ' ';
  }
  return status;
}

void pc_free(void *ptr) { free(ptr); }

const char *pc_version(void) { return PC_VERSION; }
