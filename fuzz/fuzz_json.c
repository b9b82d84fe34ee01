/*
 * fuzz_json.c - libFuzzer target for the JSON reader's fast path
 * (src/core/json.c): the bytes through pc_json_parse_flat and through
 * json-c in strict mode.  Checks, besides the sanitizers: whatever the
 * fast path accepts, json-c accepts too, as an equal object (the fast path
 * may leave any input to json-c, never read one differently).
 *
 *   build-fuzz/fuzz/fuzz_json -dict=fuzz/dict/json.dict \
 *         fuzz/corpus-work/json fuzz/seeds/json fuzz/regress/json
 */
#include "internal.h"

#include "fuzz_check.h"
#include <stdint.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc, (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  struct json_object *f = pc_json_parse_flat(s, size);
  const char *why = NULL;
  struct json_object *j = pc_json_parse_jsonc(s, size, true, 16, &why);
  if (f) {
    CHECK(j != NULL);
    CHECK(json_object_equal(f, j));
  }
  json_object_put(f);
  json_object_put(j);
  return 0;
}
