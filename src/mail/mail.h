/* mail.h - shared declarations of the mail stage. */
#ifndef PC_MAIL_H
#define PC_MAIL_H

#include "internal.h"

/* Loads GMime (core/dl.h) and runs its one-time set-up (pthread_once);
 * PC_ERR_INTERNAL when the library cannot be loaded. */
pc_status pc_mail_init(pc_error *err);

/* The title as a safe ASCII file name with extension ext (malloc'd). */
char *pc_mail_filename(const char *title, const char *ext);

/* The envelope of a composed message: From's address and every To and Cc
 * address, as a NULL-terminated malloc'd array of malloc'd strings. */
pc_status pc_mail_envelope(const char *msg, size_t len, char **from,
                           char ***rcpts, pc_error *err);
void pc_mail_envelope_free(char *from, char **rcpts);

#endif
