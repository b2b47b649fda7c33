// Test support (only test binaries include this): the shipped example plan, actors taken from
// its roster, instants written as text, and Ed25519 signatures as a signer's tool makes them.
#pragma once

#include <gtest/gtest.h>
#include <sodium.h>

#include <stdexcept>
#include <string>

#include "domain/evidence/note.hpp"
#include "domain/incident.hpp"
#include "domain/plan.hpp"
#include "planfile/load.hpp"

namespace pactum::testing {

inline const Plan& example_plan() {
  static const Plan plan = [] {
    auto r = planfile::load_plan_file(std::string(PACTUM_SOURCE_DIR) +
                                      "/examples/cooperation-plan.yaml");
    if (!r.plan) throw std::runtime_error("the example plan does not load");
    return *r.plan;
  }();
  return plan;
}

// "2026-03-02T09:00:00+08:00" → Instant; throws on a typo so a test cannot silently use epoch.
inline Instant at(const std::string& rfc3339) {
  auto t = parse_instant(rfc3339);
  if (!t) throw std::invalid_argument("bad instant in test: " + rfc3339);
  return *t;
}

// The 64 raw bytes of the Ed25519 signature of `message` by the key of `seed` (a signer's tool).
inline std::string ed25519_sign(std::string_view message, const evidence::Seed& seed) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), sk);
  return std::string(reinterpret_cast<const char*>(sig), sizeof sig);
}

// The actor for a contact of the example plan, with the roles the plan gives that person.
inline Actor actor(const std::string& contact_id) {
  const Plan& plan = example_plan();
  const Contact* c = plan.find_contact(contact_id);
  if (!c) throw std::invalid_argument("no contact " + contact_id);
  return Actor{contact_id, c->party, plan.roles_of(contact_id)};
}

}  // namespace pactum::testing
