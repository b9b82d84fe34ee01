/* url.c - URL arithmetic: a relative reference resolved against a base
 * (RFC 3986, through libxml2). */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <libxml/uri.h>

char *pc_url_resolve(const char *base, const char *rel) {
  if (!rel)
    return NULL;
  if (!base)
    return strdup(rel);
  xmlChar *r = xmlBuildURI((const xmlChar *)rel, (const xmlChar *)base);
  if (!r)
    return strdup(rel);
  char *out = strdup((const char *)r);
  xmlFree(r);
  return out;
}
