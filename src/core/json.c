/* json.c - reading JSON with json-c: a whole-input parse with a depth limit,
 * and typed look-ups that never turn a non-string into a string.
 *
 * json-c parses request bodies and JSON Lines documents, most of whose
 * bytes are one long "html" string, about ten times faster than jansson
 * did (docs/dependencies.md has the measurement). */
#include "internal.h"

#include <json-c/json.h>
#include <string.h>

struct json_object *pc_json_parse(const char *s, size_t n, bool strict,
                                  int depth, const char **why) {
  *why = NULL;
  if (n > (size_t)INT32_MAX) {
    *why = "too large";
    return NULL;
  }
  struct json_tokener *tok = json_tokener_new_ex(depth);
  if (!tok) {
    *why = "out of memory";
    return NULL;
  }
  if (strict)
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  struct json_object *o = json_tokener_parse_ex(tok, s ? s : "", (int)n);
  enum json_tokener_error e = json_tokener_get_error(tok);
  if (!o && !strict && e == json_tokener_continue) {
    /* lenient: a comment after the value waits for more; a NUL ends it */
    o = json_tokener_parse_ex(tok, "", 1);
    e = json_tokener_get_error(tok);
  }
  if (!o && e == json_tokener_success)
    e = json_tokener_error_parse_eof; /* the input was "null" */
  if (o && e == json_tokener_success) {
    /* only white space may follow the value (JSON-LD in a page, read
     * leniently, may carry a comment or a stray character after it) */
    size_t end = json_tokener_get_parse_end(tok);
    while (strict && end < n && s[end] && strchr(" \t\r\n", s[end]))
      end++;
    if (strict && end < n) {
      json_object_put(o);
      o = NULL;
      *why = "text after the JSON value";
    }
  } else {
    json_object_put(o);
    o = NULL;
    *why = e == json_tokener_continue ? "unexpected end of input"
                                      : json_tokener_error_desc(e);
  }
  json_tokener_free(tok);
  return o;
}

struct json_object *pc_json_get(const struct json_object *o, const char *k) {
  struct json_object *v = NULL;
  if (!o || !json_object_is_type(o, json_type_object) ||
      !json_object_object_get_ex(o, k, &v))
    return NULL;
  return v;
}

const char *pc_json_string(const struct json_object *v, size_t *len) {
  if (!v || !json_object_is_type(v, json_type_string))
    return NULL;
  if (len)
    *len = (size_t)json_object_get_string_len(v);
  return json_object_get_string((struct json_object *)v);
}

const char *pc_json_get_str(const struct json_object *o, const char *k,
                            size_t *len) {
  return pc_json_string(pc_json_get(o, k), len);
}

size_t pc_json_array_len(const struct json_object *v) {
  return v && json_object_is_type(v, json_type_array)
             ? json_object_array_length(v)
             : 0;
}
