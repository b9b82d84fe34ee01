/* digest.c - SHA-256 by libcrypto (loaded when first needed, dl_crypto.h):
 * batch's document ids and the archive's content hashes.  OpenSSL's uses
 * SHA-NI where the CPU has it, some five times GLib's speed on a page. */
#include "internal.h"

#include "core/dl_crypto.h"

bool pc_sha256_hex(const void *const *parts, const size_t *lens, size_t n,
                   char out[PC_SHA256_HEX]) {
  static const char hex[] = "0123456789abcdef";
  pc_error err;
  if (pc_dl_load(PC_DL_CRYPTO, &err) != PC_OK)
    return false;
  EVP_MD_CTX *c = EVP_MD_CTX_new();
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  bool ok = c && EVP_DigestInit_ex(c, EVP_sha256(), NULL) == 1;
  for (size_t i = 0; ok && i < n; i++)
    ok = EVP_DigestUpdate(c, parts[i], lens[i]) == 1;
  ok = ok && EVP_DigestFinal_ex(c, md, &len) == 1 &&
       2 * (size_t)len + 1 == PC_SHA256_HEX;
  EVP_MD_CTX_free(c);
  for (unsigned int i = 0; ok && i < len; i++)
    out[2 * i] = hex[md[i] >> 4], out[2 * i + 1] = hex[md[i] & 15];
  if (ok)
    out[2 * len] = '\0';
  return ok;
}
