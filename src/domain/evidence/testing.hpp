// Test support for the evidence code (test binaries only): deterministic keys.
#pragma once

#include "domain/evidence/note.hpp"

namespace pactum::evidence::testing {

// A key seed of 32 equal bytes: key n signs the same in every run.
inline Seed seed_of(unsigned char n) {
  Seed s{};
  s.fill(n);
  return s;
}

}  // namespace pactum::evidence::testing
