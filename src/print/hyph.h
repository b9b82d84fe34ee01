/* hyph.h - dictionary hyphenation (libhyphen). */
#ifndef PC_HYPH_H
#define PC_HYPH_H

#include "internal.h"

/* The hyphenation dictionary of a language ("en", "de-AT"), or NULL when
 * Debian ships none.  Free with pc_hyph_free. */
void *pc_hyph_load(const char *lang);
void pc_hyph_free(void *dict);

/* s with soft hyphens (U+00AD) where words may break; *map_out (n + 1
 * entries, malloc'd) gives each input byte's offset in the result.  With
 * a NULL dict the text is copied.  NULL on out of memory. */
char *pc_hyphenate(void *dict, const char *s, size_t n, size_t *out_len,
                   size_t **map_out);

#endif
