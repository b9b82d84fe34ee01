/* dl_crypto.h - libcrypto's digest functions, loaded by
 * pc_dl_load(PC_DL_CRYPTO).  See dl.h. */
#ifndef PC_DL_CRYPTO_H
#define PC_DL_CRYPTO_H

#include <openssl/evp.h>

#include "core/dl.h"

#define PC_DL_CRYPTO_FUNCS(X)                                                  \
  X(EVP_MD_CTX_new)                                                            \
  X(EVP_MD_CTX_free)                                                           \
  X(EVP_DigestInit_ex)                                                         \
  X(EVP_DigestUpdate)                                                          \
  X(EVP_DigestFinal_ex)                                                        \
  X(EVP_sha256)

struct pc_dl_crypto {
  PC_DL_CRYPTO_FUNCS(PC_DL_FIELD)
};

/* The table; its entries are NULL until pc_dl_load(PC_DL_CRYPTO) succeeded. */
const struct pc_dl_crypto *pc_dl_crypto(void);

#ifndef PC_DL_IMPL
#define EVP_MD_CTX_new (pc_dl_crypto()->EVP_MD_CTX_new)
#define EVP_MD_CTX_free (pc_dl_crypto()->EVP_MD_CTX_free)
#define EVP_DigestInit_ex (pc_dl_crypto()->EVP_DigestInit_ex)
#define EVP_DigestUpdate (pc_dl_crypto()->EVP_DigestUpdate)
#define EVP_DigestFinal_ex (pc_dl_crypto()->EVP_DigestFinal_ex)
#define EVP_sha256 (pc_dl_crypto()->EVP_sha256)
#endif

#endif
