/* archive_api.h - serve's archive view: GET /api/archive/... and the save
 * of a page's article (private to src/server/).
 *
 * The routes answer through the archive's public API (presscut.h), as the
 * search, claims and speakers commands do; each request takes an open
 * archive from a small pool, so that the workers read at once (SQLite in
 * WAL mode and PostgreSQL never make a reader wait for `presscut index`). */
#ifndef PC_SERVER_ARCHIVE_API_H
#define PC_SERVER_ARCHIVE_API_H

#include "internal.h"

struct json_object;
struct pc_aweb;

/* Opens the archive at db (an SQLite file or a postgresql:// URL) once, to
 * report at start what is wrong with it; it is not created. */
pc_status pc_aweb_open(const char *db, struct pc_aweb **out, pc_error *err);
void pc_aweb_free(struct pc_aweb *w);

/* The reply to GET /api/archive/ROUTE with the query arguments args (an
 * object of strings): the HTTP status, and the JSON body in *body
 * (malloc'd, *len bytes), or NULL when out of memory. */
unsigned pc_aweb_get(struct pc_aweb *w, const char *route,
                     const struct json_object *args, char **body,
                     size_t *len);

/* Stores doc (extracted and attributed by the page's request) with the
 * code of `presscut index --from-jsonl`; the reply as for pc_aweb_get. */
unsigned pc_aweb_save(struct pc_aweb *w, const pc_doc *doc, char **body,
                      size_t *len);

#endif
