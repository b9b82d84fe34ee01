/* input.h - raw bytes made ready for extraction: their kind (HTML or
 * text) and their characters as UTF-8. */
#ifndef PC_INPUT_H
#define PC_INPUT_H

#include "internal.h"

/* Converts raw bytes to valid UTF-8 using, in order: BOM, the charset of
 * content_type, an HTML <meta> charset (when html), else UTF-8 if valid,
 * else windows-1252.  *text and *text_len get the result: data itself (a
 * BOM skipped) when it is UTF-8 that needs no repair, else the bytes
 * appended to out. */
pc_status pc_charset_to_utf8(const char *data, size_t len,
                             const char *content_type, bool html,
                             struct pc_buf *out, const char **text,
                             size_t *text_len, pc_error *err);

/* Guesses HTML vs text. */
pc_input_kind pc_sniff(const char *data, size_t len);

/* Why these bytes (with their Content-Type, or NULL) cannot be a page or
 * a text: "a PDF", "an image (PNG)", "binary data", ...; NULL when they
 * may be one.  A byte order mark is text; a legacy charset is text; a
 * few stray control bytes are a damaged text, not a binary. */
const char *pc_input_refusal(const char *data, size_t len,
                             const char *content_type);

#endif
