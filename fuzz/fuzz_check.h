/* fuzz_check.h - what the fuzz targets check with: an invariant that
 * aborts with its text, and whether an output is strict JSON (json-c, as
 * the library reads JSON). */
#ifndef PC_FUZZ_CHECK_H
#define PC_FUZZ_CHECK_H

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>

/* Aborts, naming the target's file, the condition and the line, when c is
 * false: libFuzzer keeps the input as a crash. */
#define CHECK(c)                                                             \
  do {                                                                       \
    if (!(c)) {                                                              \
      fprintf(stderr, "%s: invariant failed: %s (line %d)\n", __FILE__, #c, \
              __LINE__);                                                     \
      abort();                                                               \
    }                                                                        \
  } while (0)

/* s[0..n) as one strict JSON value (the caller json_object_put()s it), or
 * NULL with the reason on stderr. */
static inline struct json_object *fz_json_parse(const char *s, size_t n) {
  struct json_tokener *tok = json_tokener_new_ex(64);
  if (!tok)
    return NULL;
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  struct json_object *o = json_tokener_parse_ex(tok, s, (int)n);
  enum json_tokener_error e = json_tokener_get_error(tok);
  size_t end = json_tokener_get_parse_end(tok);
  while (o && end < n && (s[end] == '\n' || s[end] == ' '))
    end++;
  if (o && (e != json_tokener_success || end != n)) {
    json_object_put(o);
    o = NULL;
  }
  if (!o)
    fprintf(stderr, "fuzz: output is not JSON: %s at %zu\n",
            json_tokener_error_desc(e), end);
  json_tokener_free(tok);
  return o;
}

/* o's member k, or NULL. */
static inline struct json_object *fz_json_get(struct json_object *o,
                                              const char *k) {
  struct json_object *v = NULL;
  return o && json_object_object_get_ex(o, k, &v) ? v : NULL;
}

/* The length of an array member; -1 when it is missing or no array. */
static inline long fz_json_array_len(struct json_object *o, const char *k) {
  struct json_object *v = fz_json_get(o, k);
  return v && json_object_is_type(v, json_type_array)
             ? (long)json_object_array_length(v)
             : -1;
}

#endif
