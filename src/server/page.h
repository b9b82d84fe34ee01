/* page.h - the page of presscut serve: web/index.html with its
 * placeholders filled, and the article the bookmarklet sends (POST /send). */
#ifndef PC_SERVER_PAGE_H
#define PC_SERVER_PAGE_H

#include <stdbool.h>
#include <stddef.h>

/* web/index.html with {{TOKEN}} replaced by tok, {{MAIL}} by "1" when mail
 * is configured (else ""), and {{INCOMING}} by incoming (a JSON object,
 * HTML-escaped here; NULL: ""); malloc'd, its length in *len; NULL when
 * the page is missing or out of memory. */
char *pc_page_html(const char *tok, bool mail, const char *incoming,
                   size_t *len);

/* The JSON object {"url": ..., "html": ...} (html only when given) of an
 * application/x-www-form-urlencoded body of the bookmarklet's form; NULL
 * with why set when the body has no http(s) "url" or a field is not
 * well-formed, NULL with why empty when out of memory. */
char *pc_page_incoming(const char *body, size_t n, char *why, size_t cap);

#endif
