#include "testing/ed25519.hpp"

#include <sodium.h>

namespace pactum::testing {

std::string ed25519_sign(std::string_view message, const evidence::Seed& seed) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), sk);
  return std::string(reinterpret_cast<const char*>(sig), sizeof sig);
}

}  // namespace pactum::testing
