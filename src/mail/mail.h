/* mail.h - shared declarations of the mail stage. */
#ifndef PC_MAIL_H
#define PC_MAIL_H

#include "internal.h"

/* GMime's one-time set-up (pthread_once). */
void pc_mail_init(void);

/* The title as a safe ASCII file name with extension ext (malloc'd). */
char *pc_mail_filename(const char *title, const char *ext);

/* The envelope of a composed message: From's address and every To and Cc
 * address, as a NULL-terminated malloc'd array of malloc'd strings. */
pc_status pc_mail_envelope(const char *msg, size_t len, char **from,
                           char ***rcpts, pc_error *err);
void pc_mail_envelope_free(char *from, char **rcpts);

#endif
