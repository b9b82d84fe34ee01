/*
 * fuzz_html.c - libFuzzer target: bytes as HTML through pc_extract, then
 * every rendering.  Byte 0 picks options (see fuzz_common.h).
 *
 *   cmake -S . -B build-fuzz -DPC_FUZZ=ON -DPC_SANITIZE=ON \
 *         -DCMAKE_C_COMPILER=clang
 *   cmake --build build-fuzz --target fuzz_html
 *   build-fuzz/fuzz/fuzz_html -dict=fuzz/dict/html.dict \
 *         fuzz/corpus-work/html fuzz/seeds/html fuzz/regress/html
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_run(data, size, PC_INPUT_HTML);
  return 0;
}
