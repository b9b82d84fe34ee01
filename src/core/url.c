/* url.c - URL arithmetic: a relative reference resolved against a base
 * (RFC 3986, through libxml2). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

/* A URL as an attribute writes it, as a browser reads it: without the
 * white space around it, and without tabs and line breaks inside it
 * (WHATWG URL).  NULL on OOM. */
static char *url_clean(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
               s[n - 1] == '\r' || s[n - 1] == '\f'))
    n--;
  char *r = malloc(n + 1);
  if (!r)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
      r[k++] = s[i];
  r[k] = '\0';
  return r;
}

char *pc_url_resolve(const char *base, const char *rel) {
  if (!rel)
    return NULL;
  char *clean = url_clean(rel);
  if (!clean || !base)
    return clean;
  xmlChar *r = xmlBuildURI((const xmlChar *)clean, (const xmlChar *)base);
  if (!r)
    return clean;
  free(clean);
  char *out = strdup((const char *)r);
  xmlFree(r);
  return out;
}
