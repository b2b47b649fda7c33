#include "domain/digest.hpp"

#include <sodium.h>

namespace pactum {

std::string sha256_hex(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

std::string chain_hash(std::string_view prev_hash_hex, std::string_view canonical_record) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(prev_hash_hex.data()),
                            prev_hash_hex.size());
  const unsigned char newline = '\n';
  crypto_hash_sha256_update(&st, &newline, 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(canonical_record.data()),
                            canonical_record.size());
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

}  // namespace pactum
