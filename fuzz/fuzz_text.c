/*
 * fuzz_text.c - libFuzzer target: bytes as plain text (PC_INPUT_TEXT) and
 * sniffed (PC_INPUT_AUTO) through pc_extract, then every rendering.
 * Byte 0 picks options (see fuzz_common.h).
 *
 *   build-fuzz/fuzz/fuzz_text -dict=fuzz/dict/text.dict \
 *         fuzz/corpus-work/text fuzz/seeds/text fuzz/regress/text
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_run(data, size, PC_INPUT_TEXT);
  fz_run(data, size, PC_INPUT_AUTO);
  return 0;
}
