// Test support: Ed25519 signatures as a signer's tool makes them (libsodium), for tests of what
// the server accepts as a signature.
#pragma once

#include <string>
#include <string_view>

#include "domain/evidence/note.hpp"

namespace pactum::testing {

// The 64 raw bytes of the Ed25519 signature of `message` by the key of `seed`.
std::string ed25519_sign(std::string_view message, const evidence::Seed& seed);

}  // namespace pactum::testing
